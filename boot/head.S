/*
 * head.S: from QEMU's hand-off to C with the MMU on.
 *
 * Entered at the kernel's physical address with the MMU and caches off,
 * in SVC mode (or HYP with -M virt,virtualization=on).  Everything here
 * runs at physical addresses while the code is linked at virtual ones,
 * so it only uses PC-relative addresses and a computed offset r8 = PA - VA.
 *
 * It builds a temporary table (boot_pgd, in the format's own file) with:
 *   - an identity section for __turn_mmu_on, so the instruction after the
 *     SCTLR write still fetches from where it is;
 *   - the first 2 MB of RAM at PAGE_OFFSET: the device tree QEMU put at
 *     the start of RAM, the kernel image, room for the first page tables;
 *   - the device tree again if a Linux-style loader put it elsewhere;
 *   - the early UART (DEBUG_UART_PHYS at DEBUG_UART_VIRT).
 * mm/mmu.c later builds the real table and switches to it; that is what
 * removes the identity section.
 *
 * Registers kept until C: r8 = PA - VA, r9 = mode at entry, r10 = DTB (PA).
 */
#include "arm/psr.h"
#include "arm/pgtable-hwdef.h"
#include "arm/sysreg.h"
#include "arm/tlbflush.h"
#include "memory.h"

#define FDT_MAGIC_LE	0xedfe0dd0	/* 0xd00dfeed as a little-endian load */
#define UART01x_DR	0x00
#define UART01x_FR	0x18
#define UART01x_FR_TXFF	(1 << 5)

	.arch	armv7-a
	.arch_extension virt
	.arch_extension sec
	.syntax	unified
	.arm

	.section ".head.text", "ax"
	.global	_start
_start:
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
	mov	r0, #0
	mcr	p15, 4, r0, c1, c1, 0	@ HCR: no traps, no virtualization
	movw	r0, #0x33ff
	mcr	p15, 4, r0, c1, c1, 2	@ HCPTR: no coprocessor traps (RES1 bits set)
	mrc	p15, 4, r0, c14, c1, 0	@ CNTHCTL
	orr	r0, r0, #3		@ PL1PCTEN | PL1PCEN
	mcr	p15, 4, r0, c14, c1, 0
	mov	r0, #0
	mov	r1, #0
	mcrr	p15, 4, r0, r1, c14	@ CNTVOFF = 0
	mrc	p15, 0, r0, c0, c0, 0
	mcr	p15, 4, r0, c0, c0, 0	@ VPIDR = MIDR
	mrc	p15, 0, r0, c0, c0, 5
	mcr	p15, 4, r0, c0, c0, 5	@ VMPIDR = MPIDR
	mov	r0, #(PSR_A | PSR_I | PSR_F | PSR_MODE_SVC)
	msr	spsr_cxsf, r0		@ in HYP, SPSR is SPSR_hyp (the banked form is for Monitor)
	adr	r0, svc_entry
	msr	elr_hyp, r0
	eret

svc_entry:
	cpsid	aif, #PSR_MODE_SVC	@ SVC, all interrupts masked
	adr	r0, msg_hello
	bl	early_puts

	/* Where are we?  r8 = PA - VA; the RAM base as loaded must be the
	 * PHYS_OFFSET the kernel is linked for. */
	adr	r0, _start
	ldr	r1, =_start
	sub	r8, r0, r1
	sub	r4, r0, #TEXT_OFFSET	@ r4 = RAM base as loaded
	ldr	r1, =PHYS_OFFSET
	cmp	r4, r1
	adrne	r0, msg_wrong_place
	bne	early_panic

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
	bl	early_puts
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

/* early_puts: print the string at r0 (a physical address) on the UART
 * at DEBUG_UART_PHYS, MMU off.  Uses r0-r3. */
early_puts:
	ldr	r1, =DEBUG_UART_PHYS
1:	ldrb	r2, [r0], #1
	cmp	r2, #0
	bxeq	lr
2:	ldr	r3, [r1, #UART01x_FR]
	tst	r3, #UART01x_FR_TXFF
	bne	2b
	str	r2, [r1, #UART01x_DR]
	b	1b

early_panic:
	bl	early_puts
1:	wfi
	b	1b

	.balign	4			@ word-aligned, so "adr" can reach them
msg_hello:
	.asciz	"vmsplit: head.S: MMU off, building the boot page table\r\n"
	.balign	4
msg_mmu_on:
	.asciz	"vmsplit: head.S: turning the MMU on\r\n"
	.balign	4
msg_wrong_place:
	.asciz	"vmsplit: head.S: not loaded 1 MB above PHYS_OFFSET (0x40000000); stopping\r\n"
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

	.bss
	.balign	8
	.global	init_stack
init_stack:
	.space	INIT_STACK_SIZE
