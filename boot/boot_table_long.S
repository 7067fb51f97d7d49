/*
 * boot_table_long.S: head.S's temporary table in the long-descriptor
 * format (LPAE), and the translation regime that goes with it.  Runs with
 * the MMU off at physical addresses; r8 = PA - VA, r10 = the device
 * tree's PA (or 0), as head.S left them.
 *
 * The table is Linux's boot page directory shape: 0x5000 bytes, a page
 * holding the four first-level entries (1 GB each) and then one
 * second-level table (512 x 2 MB) for each of the four gigabytes, every
 * first-level entry pointing at its own.  It maps, in 2 MB blocks:
 *   - an identity block for __turn_mmu_on;
 *   - the first BOOT_MAP_SIZE of RAM at PAGE_OFFSET;
 *   - the device tree again if a Linux-style loader put it elsewhere;
 * and nothing for the console: C maps the device tree's UART at
 * DEBUG_UART_VIRT later (mm/mmu_long.c, early_console_map).
 * Every entry has the Access Flag set: with the long format a block
 * without it faults on first use (there is no hardware update on ARMv7).
 */
#include "arm/long_desc.h"
#include "memory.h"

LD_FIELD_SYMBOLS

#define BOOT_PGD_SIZE	0x5000		/* first level + 4 second-level tables */
#define BLOCK_SHIFT	21		/* a second-level block maps 2 MB */
#define GB_SHIFT	30		/* a first-level entry covers 1 GB */

/* Normal memory as Linux's boot table maps the kernel: AttrIndx
 * WRITEALLOC (MAIR 0xff), inner shareable, PL1 read/write, global,
 * executable (the code runs from it until paging_init's W^X map). */
#define BOOT_BLOCK_MEMORY_LO	(LD_PREP_LO(BLOCK2, TYPE, 1) | \
				 LD_PREP_LO(BLOCK2, ATTRINDX, LINUX_MT_WRITEALLOC) | \
				 LD_PREP_LO(BLOCK2, SH, LONG_SH_INNER) | LD_BIT_LO(BLOCK2, AF))
#define BOOT_BLOCK_MEMORY_HI	0
#define BOOT_TABLE_LO		LD_PREP_LO(TABLE, TYPE, 3)

/* Walks through the caches as write-back write-allocate, inner
 * shareable; TTBR0 for all 4 GB until paging_init sets Linux's split. */
#define BOOT_TTBCR	(LD_BIT_LO(TTBCR, EAE) | LD_PREP_LO(TTBCR, IRGN0, 1) | \
			 LD_PREP_LO(TTBCR, ORGN0, 1) | LD_PREP_LO(TTBCR, SH0, LONG_SH_INNER))

	.arch	armv7-a
	.arch_extension virt
	.syntax	unified
	.arm
	.section ".head.text", "ax"

/*
 * create_boot_table: zero boot_pgd, link the four second-level tables,
 * fill the blocks.  Returns r4 = its PA.  Uses r0-r3, r5-r7 and r12
 * (for lr: there is no stack yet).
 */
	.global	create_boot_table
create_boot_table:
	mov	r12, lr
	ldr	r4, =boot_pgd
	add	r4, r4, r8		@ physical address of the table
	mov	r0, r4
	add	r1, r4, #BOOT_PGD_SIZE
	mov	r2, #0
	mov	r3, #0
1:	stmia	r0!, {r2, r3}
	cmp	r0, r1
	blo	1b

	/* First level: entry i points at the table one page after the
	 * previous one (PA < 4 GB: the high word stays 0). */
	mov	r0, #0
2:	add	r1, r0, #1
	add	r1, r4, r1, lsl #12
	orr	r1, r1, #BOOT_TABLE_LO
	str	r1, [r4, r0, lsl #3]
	add	r0, r0, #1
	cmp	r0, #4
	blo	2b

	ldr	r6, =BOOT_BLOCK_MEMORY_LO
	ldr	r7, =BOOT_BLOCK_MEMORY_HI
	/* The identity block: VA == PA for the code that turns the MMU on. */
	ldr	r0, =__turn_mmu_on
	add	r0, r0, r8		@ its physical address
	mov	r1, r0
	bl	boot_block

	/* The first BOOT_MAP_SIZE of RAM at PAGE_OFFSET. */
	ldr	r0, =PAGE_OFFSET
	add	r0, r0, r8		@ PHYS_OFFSET, as head.S found it
	add	r5, r0, #BOOT_MAP_SIZE
3:	sub	r1, r0, r8		@ its virtual address
	bl	boot_block
	add	r0, r0, #(1 << BLOCK_SHIFT)
	cmp	r0, r5
	blo	3b

	/* A device tree outside it: two blocks, in case it crosses one. */
	cmp	r10, #0
	beq	5f
	lsr	r0, r10, #BLOCK_SHIFT
	lsl	r0, r0, #BLOCK_SHIFT
	cmp	r0, r5
	bhs	4f
	sub	r1, r5, #BOOT_MAP_SIZE	@ PHYS_OFFSET
	cmp	r0, r1
	bhs	5f			@ already inside the first 2 MB
4:	sub	r1, r0, r8
	bl	boot_block
	add	r0, r0, #(1 << BLOCK_SHIFT)
	sub	r1, r0, r8
	bl	boot_block
5:
	/* No console yet: C maps the one the device tree names
	 * (mmu_format.early_console_map). */
	bx	r12

/*
 * boot_block: the 2 MB block at VA r1 maps PA r0 with the attributes
 * r6 (low word) and r7 (high word).  The second-level table of r1's
 * gigabyte is the (1 + r1[31:30])th page of boot_pgd.  Uses r2, r3.
 */
boot_block:
	lsr	r2, r1, #GB_SHIFT
	add	r2, r2, #1
	add	r2, r4, r2, lsl #12	@ that gigabyte's table
	ubfx	r3, r1, #BLOCK_SHIFT, #(GB_SHIFT - BLOCK_SHIFT)
	add	r2, r2, r3, lsl #3	@ its entry
	lsr	r3, r0, #BLOCK_SHIFT
	lsl	r3, r3, #BLOCK_SHIFT
	orr	r3, r3, r6
	str	r3, [r2]
	str	r7, [r2, #4]
	bx	lr

/*
 * set_translation_regime: the long-descriptor format (TTBCR.EAE), Linux's
 * memory attributes (MAIR0/MAIR1, indexed by AttrIndx), TTBR0 for all of
 * the address space.  r4 = the boot table's physical address.  Uses r0,
 * r1.  (DACR means nothing to this format.)
 */
	.global	set_translation_regime
set_translation_regime:
	ldr	r0, =LINUX_MAIR0
	mcr	p15, 0, r0, c10, c2, 0	@ MAIR0
	ldr	r0, =LINUX_MAIR1
	mcr	p15, 0, r0, c10, c2, 1	@ MAIR1
	ldr	r0, =BOOT_TTBCR
	mcr	p15, 0, r0, c2, c0, 2	@ TTBCR
	mov	r1, #0			@ ASID 0, PA[39:32] = 0
	mcrr	p15, 0, r4, r1, c2	@ TTBR0
	mcrr	p15, 1, r4, r1, c2	@ TTBR1 (unused while T1SZ = T0SZ = 0)
	isb
	bx	lr
	.ltorg

/* The temporary table: initialisation data, page aligned. */
	.section ".init.data", "aw"
	.balign	4096
	.global	boot_pgd
boot_pgd:
	.space	BOOT_PGD_SIZE
