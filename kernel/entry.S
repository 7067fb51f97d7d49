/*
 * Exception entry.
 *
 * The vector table is eight "ldr pc" loads through a literal table right
 * after it, so the 64-byte block works wherever it is placed (VBAR now;
 * the high vector page 0xffff0000 later).
 *
 * Every exception saves the same frame (struct pt_regs) on the SVC stack:
 * SRSDB stores the return address and SPSR of the exception mode straight
 * onto the SVC stack, so no exception mode needs a stack of its own and a
 * fault inside a handler cannot lose the first one's state.  The handler
 * runs in SVC mode and may change the frame (a fixup moves the PC).
 */
#include "arm/psr.h"
#include "ptrace.h"

	.arch	armv7-a
	.arch_extension virt
	.arch_extension sec
	.syntax	unified
	.arm

	.section ".text.vectors", "ax"
	.balign	32
	.global	vectors
vectors:
	ldr	pc, .Lexc_reset
	ldr	pc, .Lexc_undef
	ldr	pc, .Lexc_svc
	ldr	pc, .Lexc_pabt
	ldr	pc, .Lexc_dabt
	ldr	pc, .Lexc_hyp
	ldr	pc, .Lexc_irq
	ldr	pc, .Lexc_fiq
/* The handlers' addresses: also what mm/vectors.c copies behind the
 * high vector page's loads. */
	.global	vector_targets
vector_targets:
.Lexc_reset:	.word	exc_reset
.Lexc_undef:	.word	exc_undef
.Lexc_svc:	.word	exc_svc
.Lexc_pabt:	.word	exc_pabt
.Lexc_dabt:	.word	exc_dabt
.Lexc_hyp:	.word	exc_hyp
.Lexc_irq:	.word	exc_irq
.Lexc_fiq:	.word	exc_fiq
	.global	vectors_end
vectors_end:

/*
 * lr_adjust turns the exception's LR into the address to return to or
 * blame: the instruction itself for aborts (LR-8 data, LR-4 prefetch),
 * the next one for SVC and undefined (LR), the interrupted one for IRQ.
 */
.macro	exception name, kind, lr_adjust
	.text
\name:
	.if	\lr_adjust
	sub	lr, lr, #\lr_adjust
	.endif
	srsdb	sp!, #PSR_MODE_SVC	@ {pc, psr} onto the SVC stack
	cps	#PSR_MODE_SVC
	sub	sp, sp, #S_PC		@ r0-r12, sp, lr below them
	stmia	sp, {r0-r12}
	add	r0, sp, #S_FRAME_SIZE
	str	r0, [sp, #S_SP]
	str	lr, [sp, #S_LR]
	mov	r0, sp			@ struct pt_regs *
	mov	r1, #\kind
	mov	r4, sp
	bic	sp, sp, #7		@ AAPCS: 8-byte aligned stack at a call
	bl	arm_exception
	mov	sp, r4
	ldr	lr, [sp, #S_LR]
	ldmia	sp, {r0-r12}
	add	sp, sp, #S_PC
	rfeia	sp!			@ pc and cpsr from the frame
.endm

	exception exc_reset, EXC_RESET, 0
	exception exc_undef, EXC_UNDEF, 0
	exception exc_svc, EXC_SVC, 0
	exception exc_pabt, EXC_PABT, 4
	exception exc_dabt, EXC_DABT, 8
	exception exc_hyp, EXC_HYP, 0
	exception exc_irq, EXC_IRQ, 4
	exception exc_fiq, EXC_FIQ, 4

/*
 * Probes: loads and stores that may fault on purpose.  Each access has an
 * __ex_table entry (faulting instruction, fixup); the abort handler finds
 * it and resumes at the fixup, which returns -1.  Otherwise they return 0.
 *   int probe_read{8,16,32}(uint32_t addr, uint32_t *val)
 *   int probe_write{8,16,32}(uint32_t addr, uint32_t val)
 */
.macro	probe_read name, insn
	.global	\name
\name:
1:	\insn	r2, [r0]
	str	r2, [r1]
	mov	r0, #0
	bx	lr
	.pushsection __ex_table, "a"
	.word	1b, probe_failed
	.popsection
.endm

.macro	probe_write name, insn
	.global	\name
\name:
1:	\insn	r1, [r0]
	mov	r0, #0
	bx	lr
	.pushsection __ex_table, "a"
	.word	1b, probe_failed
	.popsection
.endm

	.text
	probe_read probe_read8, ldrb
	probe_read probe_read16, ldrh
	probe_read probe_read32, ldr
	probe_write probe_write8, strb
	probe_write probe_write16, strh
	probe_write probe_write32, str

probe_failed:
	mvn	r0, #0
	bx	lr

/*
 * int probe_exec(uint32_t addr): call the ARM code at addr.  Returns 0 if
 * it came back, -1 if fetching it aborted: the prefetch abort handler sees
 * the PC equal probe_exec_target and resumes at probe_exec_return.
 */
	.global	probe_exec
	.global	probe_exec_return
probe_exec:
	push	{r4, lr}
	ldr	r4, =probe_exec_target
	str	r0, [r4]
	blx	r0
	mov	r0, #0
probe_exec_return:
	mov	r1, #0
	str	r1, [r4]
	pop	{r4, pc}

	.bss
	.balign	4
	.global	probe_exec_target
probe_exec_target:
	.space	4
	.text

/*
 * Semihosting (ARM state): "svc 0x123456" with r0 = operation, r1 = its
 * argument.  QEMU started with -semihosting intercepts it; otherwise it is
 * a plain SVC and arm_exception() returns -1 in r0 ("not available").
 * The SVC clobbers the SVC-mode lr, so it is saved around the call.
 */
	.global	semihost_call
semihost_call:
	push	{r4, lr}
	svc	0x123456
	pop	{r4, pc}

/* PSCI through the conduit the device tree names: r0 = function id. */
	.global	psci_call_hvc
psci_call_hvc:
	hvc	#0
	bx	lr

	.global	psci_call_smc
psci_call_smc:
	smc	#0
	bx	lr
