/*
 * The vector page at 0xffff0000 (SCTLR.V = 1, "high vectors").
 *
 * The page holds eight "ldr pc, [pc, #imm]" instructions, one per
 * exception, each loading its handler's address from a table.  Until 4.x
 * Linux kept that table in the same page; from 4.x the page holds only the
 * vectors and the rest (Linux's stubs) lives in a second page at
 * 0xffff1000 that user space cannot read.  Both are built here from
 * kernel/entry.S's vector_targets and mapped read-only.
 */
#include <string.h>

#include "arm/cp15.h"
#include "cache.h"
#include "kernel_map.h"
#include "memory.h"
#include "pgtable.h"
#include "printk.h"
#include "setup.h"
#include "sizes.h"
#include "vectors.h"

#define LDR_PC_PC(imm)	(0xe59ff000u | (imm))	/* ldr pc, [pc, #imm] */
#define NR_VECTORS	8

extern const uint32_t vector_targets[NR_VECTORS];

/* Copy the table to 'offset' in the vector page's physical pages and
 * point the eight loads at it (the PC reads 8 bytes ahead). */
static void write_vector_table(uint32_t *page, uint32_t offset)
{
	for (int i = 0; i < NR_VECTORS; i++)
		page[i] = LDR_PC_PC(offset - 8);
	memcpy((char *)page + offset, vector_targets, sizeof(vector_targets));
}

int vectors_init(void)
{
	bool stubs = kernel_layout.rules->vector_stubs;
	uint32_t pages = stubs ? 2 : 1;
	phys_addr_t pa = memblock_alloc(&memblock, pages * PAGE_SIZE, PAGE_SIZE, "vector page");
	uint32_t *page;

	if (!pa) {
		printk("vmsplit: no memory for the vector page\n");
		return -1;
	}
	page = __va(pa);
	memset(page, 0, pages * PAGE_SIZE);
	write_vector_table(page, stubs ? PAGE_SIZE : NR_VECTORS * 4);
	/* Written as data through the lowmem alias, executed through
	 * 0xffff0000: clean to the PoU, invalidate the I-cache. */
	sync_instructions((uintptr_t)page, (uintptr_t)page + pages * PAGE_SIZE);

	if (kernel_map("vector page", REGION_VECTORS, VECTORS_BASE, pa, PAGE_SIZE,
		       MT_HIGH_VECTORS, 0))
		return -1;
	if (stubs && kernel_map("vector stubs page", REGION_VECTOR_STUBS,
				VECTORS_BASE + PAGE_SIZE, pa + PAGE_SIZE, PAGE_SIZE,
				MT_VECTOR_STUBS, 0))
		return -1;
	return 0;
}

/* Once the page is mapped: SCTLR.V selects 0xffff0000 (VBAR is ignored). */
void vectors_enable_high(void)
{
	write_sctlr(read_sctlr() | SCTLR_V);
	isb();
}
