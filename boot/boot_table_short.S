/*
 * boot_table_short.S: head.S's temporary table in the short-descriptor
 * format, and the translation regime that goes with it.  Runs with the
 * MMU off at physical addresses; r8 = PA - VA, r10 = the device tree's
 * PA (or 0), as head.S left them.
 *
 * The table maps, in 1 MB sections:
 *   - an identity section for __turn_mmu_on;
 *   - the first BOOT_MAP_SIZE of RAM at PAGE_OFFSET;
 *   - the device tree again if a Linux-style loader put it elsewhere;
 * and nothing for the console: C maps the device tree's UART at
 * DEBUG_UART_VIRT later (mm/mmu_short.c, early_console_map).
 */
#include "arm/pgtable-hwdef.h"
#include "arm/sysreg.h"
#include "memory.h"

/* The descriptor fields as assembler symbols, for PROT_SECT_*. */
SD_FIELD_SYMBOLS

	.arch	armv7-a
	.syntax	unified
	.arm
	.section ".head.text", "ax"

/*
 * 	.global	create_boot_table
create_boot_table: zero boot_pgd and fill it.  Returns r4 = its PA.
 * Uses r0-r3, r5-r7.
 */
	.global	create_boot_table
create_boot_table:
	ldr	r4, =boot_pgd
	add	r4, r4, r8		@ physical address of the table
	mov	r0, r4
	add	r1, r4, #L1_TABLE_SIZE
	mov	r2, #0
	mov	r3, #0
1:	stmia	r0!, {r2, r3}
	cmp	r0, r1
	blo	1b

	ldr	r7, =PROT_SECT_MEMORY
	/* The identity section: VA == PA for the code that turns the MMU on. */
	ldr	r0, =__turn_mmu_on
	add	r0, r0, r8		@ its physical address
	lsr	r0, r0, #L1_SECTION_SHIFT
	orr	r1, r7, r0, lsl #L1_SECTION_SHIFT
	str	r1, [r4, r0, lsl #2]

	/* The first BOOT_MAP_SIZE of RAM at PAGE_OFFSET. */
	ldr	r0, =PAGE_OFFSET
	add	r0, r0, r8		@ PHYS_OFFSET, as head.S found it
	add	r5, r0, #BOOT_MAP_SIZE
2:	sub	r1, r0, r8		@ its virtual address
	lsr	r1, r1, #L1_SECTION_SHIFT
	orr	r2, r7, r0
	str	r2, [r4, r1, lsl #2]
	add	r0, r0, #(1 << L1_SECTION_SHIFT)
	cmp	r0, r5
	blo	2b

	/* A device tree outside it: two sections, in case it crosses one. */
	cmp	r10, #0
	beq	3f
	lsr	r0, r10, #L1_SECTION_SHIFT
	lsl	r0, r0, #L1_SECTION_SHIFT
	cmp	r0, r5
	bhs	4f
	sub	r1, r5, #BOOT_MAP_SIZE	@ PHYS_OFFSET
	cmp	r0, r1
	bhs	3f			@ already inside the first 2 MB
4:	mov	r6, #2
5:	sub	r1, r0, r8
	lsr	r1, r1, #L1_SECTION_SHIFT
	orr	r2, r7, r0
	str	r2, [r4, r1, lsl #2]
	add	r0, r0, #(1 << L1_SECTION_SHIFT)
	subs	r6, r6, #1
	bne	5b
3:
	/* No console yet: C maps the one the device tree names
	 * (mmu_format.early_console_map). */
	bx	lr

/*
 * set_translation_regime: short descriptors, TTBR0 for all 4 GB
 * (TTBCR.N = 0), walks through the caches as write-back memory, domains
 * 0-2 as clients.  r4 = the boot table's physical address.  Uses r0.
 */
	.global	set_translation_regime
set_translation_regime:
	orr	r0, r4, #TTBR_FLAGS
	mcr	p15, 0, r0, c2, c0, 0	@ TTBR0
	mcr	p15, 0, r0, c2, c0, 1	@ TTBR1 (unused while N = 0)
	mov	r0, #0
	mcr	p15, 0, r0, c2, c0, 2	@ TTBCR
	mov	r0, #DACR_INIT
	mcr	p15, 0, r0, c3, c0, 0	@ DACR
	isb
	bx	lr
	.ltorg

/* The temporary table: initialisation data, 16 KB aligned (TTBR0 with
 * TTBCR.N = 0 needs the table aligned to its size). */
	.section ".init.data", "aw"
	.balign	L1_TABLE_SIZE
	.global	boot_pgd
boot_pgd:
	.space	L1_TABLE_SIZE

