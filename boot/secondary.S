/*
 * secondary.S: where a CPU started by PSCI CPU_ON begins (kernel/smp.c);
 * also where raspi2b's loader jumps (r0 its core number too), and the
 * holding pen, for the cores that have no one to start them.
 *
 * PSCI starts it with the MMU and caches off, at the entry point's
 * physical address, r0 = the context word CPU 0 passed: here its CPU
 * number.  It takes the path CPU 0 took in head.S, shortened: nothing to
 * find (PHYS_OFFSET is known, the image is in place) and nothing to
 * build.  It joins coherency (ACTLR.SMP), starts from clean TLBs and
 * caches, and turns its MMU on through head.S's boot table, which still
 * holds the identity section for __turn_mmu_on and the first 2 MB of RAM
 * at PAGE_OFFSET.  On a small boot stack in .bss (inside those 2 MB) it
 * moves to swapper_pg_dir, as CPU 0 did in paging_init; only then can it
 * reach its real stack, pages kernel/smp.c took from the page allocator
 * wherever lowmem put them.
 *
 * Registers: r8 = PA - VA, r9 = mode at entry, r10 = CPU number
 * (v7_invalidate_l1 uses r0-r3, r5-r7, r11 and r12).
 */
#include "arm/hyp_exit.h"
#include "arm/psr.h"
#include "arm/sysreg.h"
#include "arm/tlbflush.h"
#include "memory.h"
#include "smp.h"

	.arch	armv7-a
	.arch_extension virt
	.arch_extension sec
	.syntax	unified
	.arm

	.section ".head.text", "ax"
	.global	secondary_entry
secondary_entry:
	mov	r10, r0			@ the context word: this CPU's number
	mrs	r9, cpsr
	and	r9, r9, #PSR_MODE_MASK
	cmp	r9, #PSR_MODE_HYP
	bne	1f
	/* Started in HYP: QEMU's PSCI starts a CPU at EL2 wherever the
	 * machine has it (virt,virtualization=on), whatever mode the caller
	 * is in.  Give PL1 the machine as head.S does, then drop to SVC. */
	hyp_exit_to_svc 1f
1:	cpsid	aif, #PSR_MODE_SVC

	mrc	p15, 0, r0, c1, c0, 1
	tst	r0, #ACTLR_SMP
	orreq	r0, r0, #ACTLR_SMP
	mcreq	p15, 0, r0, c1, c0, 1

	mov	r0, #0
	local_flush_all_boot r0
	bl	v7_invalidate_l1

	adr	r0, secondary_entry
	ldr	r1, =secondary_entry
	sub	r8, r0, r1		@ PA - VA
	ldr	r4, =boot_pgd
	add	r4, r4, r8		@ head.S's boot table, by its PA
	bl	set_translation_regime
	ldr	r5, =secondary_mmap_switched
	b	__turn_mmu_on
	.ltorg

/*
 * The holding pen, for CPUs that entered the image at _start themselves
 * (QEMU starts every CPU there when no firmware holds them: virt with
 * secure=on).  MMU and caches off: each says it is here in
 * pen_arrived[its number], then waits in WFE until pen_release holds its
 * number (kernel/smp.c writes it to memory, then SEV), and goes on as if
 * PSCI had started it with that context word.  A CPU past NR_CPUS stays.
 * r3 = its MPIDR (from head.S).
 */
	/* From a loader's loop that jumps to an address it was given and
	 * passes nothing (QEMU's vexpress loop, on the system flags): every
	 * woken core comes here, so it goes to the pen, as head.S's do. */
	.global	secondary_flags_entry
secondary_flags_entry:
	mrc	p15, 0, r3, c0, c0, 5	@ MPIDR
	b	secondary_pen

	.global	secondary_pen
secondary_pen:
	and	r3, r3, #0xff		@ Aff0: its number on these boards
	adr	r0, secondary_pen
	ldr	r1, =secondary_pen
	sub	r8, r0, r1		@ PA - VA
	cmp	r3, #NR_CPUS
	bhs	3f
	ldr	r4, =pen_arrived
	add	r4, r4, r8
	mov	r5, #1
	str	r5, [r4, r3, lsl #2]
	dsb
	ldr	r4, =pen_release
	add	r4, r4, r8
1:	wfe
	ldr	r5, [r4]
	cmp	r5, r3
	bne	1b
	mov	r0, r3
	b	secondary_entry
3:	wfe
	b	3b
	.ltorg

	.data
	.balign	4
	.global	pen_arrived
pen_arrived:
	.space	4 * NR_CPUS
	.global	pen_release
pen_release:
	.word	0

	.text
secondary_mmap_switched:
	ldr	sp, =secondary_boot_stack
	add	sp, sp, r10, lsl #SECONDARY_BOOT_STACK_SHIFT	@ the top of this CPU's
	mov	r0, r10
	bl	secondary_switch_tables
	ldr	r0, =secondary_stack_top
	ldr	sp, [r0, r10, lsl #2]
	mov	r0, r10
	mov	r1, r9			@ the mode PSCI started it in
	bl	secondary_start_kernel
1:	wfi
	b	1b

/*
 * PSCI calls with arguments, through either conduit: r0 = function,
 * r1-r3 its arguments, the result in r0.  A conduit the machine lacks is
 * an undefined instruction: the __ex_table entry returns -1
 * (NOT_SUPPORTED), as entry.S's one-argument forms do.
 */
/* CPU n's boot stack: the 2^SHIFT bytes below secondary_boot_stack +
 * (n << SHIFT), so CPU 1's is the first slot (CPU 0 needs none). */
	.bss
	.balign	8
secondary_boot_stack:
	.space	(NR_CPUS - 1) << SECONDARY_BOOT_STACK_SHIFT
	.text
	.global	psci_call4_hvc
psci_call4_hvc:
1:	hvc	#0
	bx	lr
	.pushsection __ex_table, "a"
	.word	1b, psci_call4_failed
	.popsection

	.global	psci_call4_smc
psci_call4_smc:
1:	smc	#0
	bx	lr
	.pushsection __ex_table, "a"
	.word	1b, psci_call4_failed
	.popsection

psci_call4_failed:
	mvn	r0, #0
	bx	lr
