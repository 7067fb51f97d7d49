/*
 * head.S: from the loader's hand-off to C with the MMU on.
 *
 * Entered with the MMU and caches off, in SVC mode, or in HYP where the
 * board has EL2 (a raw image on QEMU virt,virtualization=on: QEMU's Linux
 * boot protocol enters non-secure HYP).  Everything here runs at physical
 * addresses while the code is linked at virtual ones, so it only uses
 * PC-relative addresses and a computed offset r8 = PA - VA.
 *
 * One image serves every board, so nothing here knows where RAM is:
 *
 *   PHYS_OFFSET is found from where the image runs (Linux's
 *   ARM_PATCH_PHYS_VIRT rule: __pa(_text) - TEXT_OFFSET, and PHYS_OFFSET
 *   must be 2 MB aligned, as Linux 5.11+ requires of it).  The entry
 *   point is somewhere in the first 2 MB of RAM: an ELF is loaded at
 *   RAM + TEXT_OFFSET (1 MB, where it is linked), a raw image at
 *   RAM + 0x10000 (QEMU's KERNEL_LOAD_ADDR for Linux).  So PHYS_OFFSET is
 *   the entry address rounded down to 2 MB, and an image entered anywhere
 *   else than PHYS_OFFSET + TEXT_OFFSET first copies itself there.  The
 *   linear map then puts _text at KERNEL_VIRT, the address it is linked
 *   for, whatever board this is.  r8 = PHYS_OFFSET - PAGE_OFFSET, the
 *   same quantity as Linux's __pv_offset, and it is stored in
 *   __pv_phys_offset for __va/__pa (mm/linear_map.c).
 *
 *   The early UART is not known before the device tree is read.  head.S
 *   does not print: it records its messages in head_log[] (their link
 *   addresses), and start_kernel() prints them as the first lines once
 *   the device tree has named the console (kernel/early_log.c).
 *
 * It builds a temporary table (boot_pgd, in the format's own file) with:
 *   - an identity section for __turn_mmu_on, so the instruction after the
 *     SCTLR write still fetches from where it is;
 *   - the first 2 MB of RAM at PAGE_OFFSET: the device tree an ELF boot
 *     finds at the start of RAM, the kernel image, room for the first
 *     page tables;
 *   - the device tree again if a Linux-style loader put it elsewhere (r2).
 * C maps the console in a spare slot of it (mmu_format.early_console_map);
 * mm/mmu.c later builds the real table and switches to it; that is what
 * removes the identity section.
 *
 * Registers kept until C: r8 = PA - VA, r9 = mode at entry, r10 = DTB (PA).
 */
#include "arm/hyp_exit.h"
#include "arm/psr.h"
#include "arm/pgtable-hwdef.h"
#include "arm/sysreg.h"
#include "arm/tlbflush.h"
#include "memory.h"

#define FDT_MAGIC_LE	0xedfe0dd0	/* 0xd00dfeed as a little-endian load */

	.arch	armv7-a
	.arch_extension virt
	.arch_extension sec
	.syntax	unified
	.arm

	.section ".head.text", "ax"
	.global	_start
_start:
	/* Only CPU 0 boots.  Where QEMU starts every CPU at the image's
	 * entry (virt,secure=on with an ELF: no firmware to hold the others),
	 * the rest wait in boot/secondary.S's holding pen for kernel/smp.c. */
	mrc	p15, 0, r3, c0, c0, 5	@ MPIDR (r3 is free in the boot protocol)
	tst	r3, #0xff		@ Aff0: the core in its cluster
	bne	secondary_pen
	mov	r10, r2			@ Linux boot protocol: r2 = DTB (0 for an ELF)
	mrs	r9, cpsr
	and	r9, r9, #PSR_MODE_MASK
	cmp	r9, #PSR_MODE_HYP
	bne	svc_entry

	/*
	 * HYP mode: give PL1 the whole machine (no traps, no stage 2, the
	 * physical timer usable, real CPU IDs), then drop to SVC.  (HSTR
	 * resets to "no CP15 traps"; QEMU 7.2 rejects writing it from HYP.)
	 */
	hyp_exit_to_svc svc_entry

svc_entry:
	cpsid	aif, #PSR_MODE_SVC	@ SVC, all interrupts masked

	/*
	 * Where are we, and where must we be?  PHYS_OFFSET = the entry
	 * address rounded down to 2 MB; the image belongs at PHYS_OFFSET +
	 * TEXT_OFFSET.  A raw image entered at RAM + 0x10000 is moved there
	 * (its copy overlaps the original when it is bigger than 960 KB, so
	 * the move runs from the end down; this loop, near the start, is
	 * never reached by it).  Only the loaded part moves, up to _edata:
	 * .bss is cleared later.
	 */
	adr	r0, _start		@ r0 = where _start runs
	ldr	r1, =boot_entry_phys	@ recorded for `physoffset`, in this copy
	ldr	r2, =_start		@ (the move below takes it along)
	sub	r1, r1, r2
	str	r0, [r0, r1]
	lsr	r4, r0, #PV_ALIGN_SHIFT
	lsl	r4, r4, #PV_ALIGN_SHIFT	@ r4 = PHYS_OFFSET
	add	r1, r4, #TEXT_OFFSET	@ r1 = where _start must run
	cmp	r0, r1
	beq	2f
	/* A device tree where the moved image and its .bss will lie would
	 * be overwritten: stop (the loader put it inside the kernel). */
	ldr	r2, =_start
	ldr	r3, =_end
	sub	r3, r3, r2		@ the image with its .bss
	add	r3, r3, r1
	cmp	r10, r1
	blo	1f
	cmp	r10, r3
	blo	early_stop
1:	ldr	r3, =_edata
	sub	r2, r3, r2
	add	r2, r2, #3
	bic	r2, r2, #3		@ bytes to move, whole words
	cmp	r1, r0
	blo	3f
	add	r5, r0, r2		@ moving up: from the end down
	add	r6, r1, r2
1:	ldr	r3, [r5, #-4]!
	str	r3, [r6, #-4]!
	cmp	r5, r0
	bhi	1b
	b	4f
	/* Moving down: from the start up, and only without overlap: the
	 * copy would overwrite this loop with code from further on. */
3:	sub	r7, r0, r1
	cmp	r7, r2
	blo	early_stop
	mov	r5, r0
	mov	r6, r1
	add	r7, r0, r2
1:	ldr	r3, [r5], #4
	str	r3, [r6], #4
	cmp	r5, r7
	blo	1b
4:
	/* The copy was written as data: the instruction side must not run
	 * anything it fetched before (ARM ARM B2.2.7, self-modifying code). */
	mov	r3, #0
	mcr	p15, 0, r3, c7, c5, 0	@ ICIALLU
	mcr	p15, 0, r3, c7, c5, 6	@ BPIALL
	dsb
	isb
	sub	r3, r1, r0
	adr	r5, 2f
	add	r5, r5, r3
	bx	r5			@ on in the copy
2:
	adr	r0, _start
	ldr	r1, =_start
	sub	r8, r0, r1		@ r8 = PA - VA = PHYS_OFFSET - PAGE_OFFSET
	ldr	r1, =__pv_phys_offset
	str	r4, [r1, r8]		@ __pv_phys_offset = PHYS_OFFSET (its PA)
	adr	r0, msg_hello
	bl	head_note

	/* The device tree: from r2 if it holds one, else QEMU's place for an
	 * ELF's DTB, the start of RAM. */
	mov	r1, r10
	bl	is_fdt
	cmp	r0, #0
	bne	1f
	mov	r1, r4
	bl	is_fdt
	cmp	r0, #0
	movne	r10, r4
	moveq	r10, #0
1:
	/* Cortex-A7/A15: join coherency before caches and MMU (ACTLR.SMP);
	 * writes are ignored where the secure side does not allow them. */
	mrc	p15, 0, r0, c1, c0, 1
	tst	r0, #ACTLR_SMP
	orreq	r0, r0, #ACTLR_SMP
	mcreq	p15, 0, r0, c1, c0, 1

	/* Start from clean state: caches and TLBs may hold anything after
	 * reset (ARM ARM B2.2.2: their reset contents are UNKNOWN). */
	mov	r0, #0
	local_flush_all_boot r0		@ ICIALLU, BPIALL, TLBIALL, DSB, ISB
	bl	v7_invalidate_l1

	/* The boot table and the translation regime: the format's own file
	 * (boot/boot_table_short.S or boot_table_long.S). */
	bl	create_boot_table	@ r4 = its physical address
	bl	set_translation_regime

	adr	r0, msg_mmu_on
	bl	head_note
	ldr	r5, =__mmap_switched	@ a virtual address
	b	__turn_mmu_on

/* is_fdt: r0 = 1 if r1 is a word-aligned, non-zero address holding the
 * FDT magic.  Uses r2, r3. */
is_fdt:
	mov	r0, #0
	cmp	r1, #0
	bxeq	lr
	tst	r1, #3
	bxne	lr
	ldr	r2, [r1]
	ldr	r3, =FDT_MAGIC_LE
	cmp	r2, r3
	moveq	r0, #1
	bx	lr

/* head_note: record the message at r0 (a physical address) in head_log
 * as its link address; start_kernel() prints it once there is a console.
 * Uses r0-r3. */
head_note:
	sub	r0, r0, r8		@ its virtual address
	ldr	r1, =head_log
	add	r1, r1, r8
	ldr	r2, [r1]		@ head_log[0] = the count
	cmp	r2, #HEAD_LOG_MAX
	bxhs	lr
	add	r2, r2, #1
	str	r2, [r1]
	str	r0, [r1, r2, lsl #2]
	bx	lr

/* A loader's layout this kernel cannot boot from.  Nothing can be printed
 * (no console is known yet): stop here, where a debugger finds the
 * reason in the label. */
early_stop:
	wfi
	b	early_stop

	.balign	4			@ word-aligned, so "adr" can reach them
msg_hello:
	.asciz	"vmsplit: head.S: MMU off, building the boot page table\n"
	.balign	4
msg_mmu_on:
	.asciz	"vmsplit: head.S: turning the MMU on\n"
	.balign	4
	.align	2
	.ltorg

/*
 * __turn_mmu_on: runs from the identity section.  DSB: the table writes
 * (made with caches off, so they are in memory) are complete before the
 * walker may look; ISB after the SCTLR write: later instructions are
 * fetched through the new translation.  Then jump to the virtual address.
 */
	.align	5
	.global	__turn_mmu_on
__turn_mmu_on:
	mrc	p15, 0, r0, c1, c0, 0	@ SCTLR
	ldr	r1, =SCTLR_BOOT_CLEAR
	bic	r0, r0, r1
	ldr	r1, =SCTLR_BOOT_SET
	orr	r0, r0, r1
	dsb
	mcr	p15, 0, r0, c1, c0, 0
	isb
	bx	r5
	.ltorg

/* Now at the kernel's virtual address. */
	.text
__mmap_switched:
	ldr	r0, =__bss_start
	ldr	r1, =__bss_stop
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
	ldr	sp, =init_stack + INIT_STACK_SIZE
	mov	r0, r10			@ device tree (physical), or 0
	mov	r1, r9			@ the mode QEMU started us in
	bl	start_kernel
1:	wfi
	b	1b

/* head.S's messages, [0] the count: in .data, written with the MMU off
 * (before .bss is cleared). */
	.data
	.balign	4
	.global	head_log
head_log:
	.space	4 * (HEAD_LOG_MAX + 1)
	.global	__pv_phys_offset
__pv_phys_offset:
	.word	0
	.global	boot_entry_phys		@ where the loader entered the image
boot_entry_phys:
	.word	0

	.bss
	.balign	8
	.global	init_stack
init_stack:
	.space	INIT_STACK_SIZE
