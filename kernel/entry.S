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
	ldr	r0, [sp, #S_PSR]
	add	r1, sp, #S_SP
	tst	r0, #0xf		@ USR mode is 0x10: the only one with 0 here
	stmiaeq	r1, {sp, lr}^		@ from user mode: its banked sp and lr
	addne	r0, sp, #S_FRAME_SIZE	@ from the kernel: SVC sp before, SVC lr
	stmiane	r1, {r0, lr}
	mov	r0, sp			@ struct pt_regs *
	mov	r1, #\kind
	mov	r4, sp
	bic	sp, sp, #7		@ AAPCS: 8-byte aligned stack at a call
	bl	arm_exception
	mov	sp, r4
	b	ret_from_exception
.endm

/*
 * Back to where the frame says: user mode gets its sp and lr back through
 * the "^" form (the User-mode registers, not SVC's), the kernel its SVC lr.
 * RFE then loads pc and CPSR together, so the mode changes exactly at the
 * return.  task_enter() comes here too, with a frame it built.
 */
ret_from_exception:
	ldr	r0, [sp, #S_PSR]
	add	r1, sp, #S_SP
	tst	r0, #0xf
	ldrne	lr, [sp, #S_LR]
	ldmiaeq	r1, {sp, lr}^		@ (ARMv7 needs no NOP after it; v5 did)
	ldmia	sp, {r0-r12}
	add	sp, sp, #S_PC
	rfeia	sp!			@ pc and cpsr from the frame

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
 * it came back (its r0 then in probe_exec_value), -1 if fetching it
 * aborted or the code raised any other exception: while probe_exec_active
 * is set, kernel/traps.c resumes at probe_exec_return.  The flag, not the
 * target, says a probe is under way (0 is a target like any other), and
 * the stack pointer is taken back from probe_exec_sp, so code that moved
 * sp or clobbered r4 still comes back here whole.
 */
	.global	probe_exec
	.global	probe_exec_return
probe_exec:
	push	{r4, lr}
	ldr	r4, =probe_exec_target
	str	r0, [r4]
	ldr	r1, =probe_exec_sp
	str	sp, [r1]
	ldr	r1, =probe_exec_active
	mov	r2, #1
	str	r2, [r1]
	blx	r0
	ldr	r1, =probe_exec_value	@ what the code returned, for the caller
	str	r0, [r1]
	mov	r0, #0
probe_exec_return:
	ldr	r1, =probe_exec_sp
	ldr	sp, [r1]
	ldr	r1, =probe_exec_active
	mov	r2, #0
	str	r2, [r1]
	pop	{r4, pc}

	.bss
	.balign	4
	.global	probe_exec_target
probe_exec_target:
	.space	4
	.global	probe_exec_value
probe_exec_value:
	.space	4
	.global	probe_exec_active
probe_exec_active:
	.space	4
probe_exec_sp:
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

/*
 * Into user mode and back (kernel/task.c).
 *
 * uint32_t task_enter(const struct pt_regs *user, uint32_t *kernel_sp):
 * keeps the callee-saved registers on the SVC stack, stores that stack
 * pointer in *kernel_sp, copies the user frame below it and returns "from
 * an exception" into it.  SVC's sp then sits just below the saved
 * registers: every exception from user mode builds its frame there.
 * task_return(kernel_sp, status), called from a handler when the task
 * exits or is killed, drops everything above and returns from
 * task_enter with the status.
 */
	.global	task_enter
task_enter:
	push	{r4-r11, lr}
	str	sp, [r1]
	sub	sp, sp, #S_FRAME_SIZE
	mov	r2, sp
	ldmia	r0!, {r3-r11}		@ 17 words: 9 + 8
	stmia	r2!, {r3-r11}
	ldmia	r0!, {r3-r10}
	stmia	r2!, {r3-r10}
	b	ret_from_exception

	.global	task_return
task_return:
	mov	sp, r0
	mov	r0, r1
	pop	{r4-r11, pc}

/*
 * The user-memory copies behind copy_from_user()/copy_to_user()
 * (kernel/uaccess.c), a byte at a time with LDRBT/STRBT: the "T" forms
 * are checked by the MMU as if user mode made them, so even a kernel
 * address that got past access_ok() faults.  Each access has an
 * __ex_table entry: a fault ends the copy and returns the bytes left.
 *   size_t __copy_from_user(void *to, uint32_t from, size_t n)
 *   size_t __copy_to_user(uint32_t to, const void *from, size_t n)
 */
	.global	__copy_from_user
__copy_from_user:
	cmp	r2, #0
	beq	2f
1:	ldrbt	r3, [r1], #1
	strb	r3, [r0], #1
	subs	r2, r2, #1
	bne	1b
2:	mov	r0, r2
	bx	lr
	.pushsection __ex_table, "a"
	.word	1b, 2b
	.popsection

	.global	__copy_to_user
__copy_to_user:
	cmp	r2, #0
	beq	2f
3:	ldrb	r3, [r1], #1
1:	strbt	r3, [r0], #1
	subs	r2, r2, #1
	bne	3b
2:	mov	r0, r2
	bx	lr
	.pushsection __ex_table, "a"
	.word	1b, 2b
	.popsection

/* PSCI through the conduit the device tree names: r0 = function id.  A
 * conduit the machine lacks (SMC without EL3, HVC without EL2) is an
 * undefined instruction; its __ex_table entry returns -1, PSCI's
 * NOT_SUPPORTED, through probe_failed. */
	.global	psci_call_hvc
psci_call_hvc:
1:	hvc	#0
	bx	lr
	.pushsection __ex_table, "a"
	.word	1b, probe_failed
	.popsection

	.global	psci_call_smc
psci_call_smc:
1:	smc	#0
	bx	lr
	.pushsection __ex_table, "a"
	.word	1b, probe_failed
	.popsection

/*
 * Secure state with no secure firmware (QEMU virt,secure=on booting the
 * kernel directly): SMC enters Monitor mode at MVBAR, which resets to 0,
 * where nothing is mapped; the prefetch abort that follows is taken from
 * Monitor mode and, through power-off, calls SMC again.  trap_init()
 * points MVBAR here instead: an SMC answers NOT_SUPPORTED (-1) and
 * returns, as a monitor without PSCI would.  Only SMC reaches these
 * vectors (SCR routes no interrupt or abort to Monitor mode); the others
 * join the ordinary handlers, whose frames work from any mode.
 */
	.balign	32
	.global	monitor_vectors
monitor_vectors:
	b	exc_reset
	b	exc_undef
	b	monitor_smc
	b	exc_pabt
	b	exc_dabt
	b	exc_hyp
	b	exc_irq
	b	exc_fiq
monitor_smc:
	mvn	r0, #0			@ PSCI NOT_SUPPORTED
	movs	pc, lr			@ back after the SMC, SPSR_mon -> CPSR

/*
 * int read_scr(uint32_t *scr): the Secure Configuration Register, which
 * only Secure PL1 can read; elsewhere (Non-secure, or no Security
 * Extensions) the MRC is undefined and its fixup returns -1.
 */
	.global	read_scr
read_scr:
1:	mrc	p15, 0, r1, c1, c1, 0
	str	r1, [r0]
	mov	r0, #0
	bx	lr
	.pushsection __ex_table, "a"
	.word	1b, probe_failed
	.popsection
