/*
 * The page-table interface every caller uses, for both descriptor
 * formats: each routine hands the work to the table's format
 * (core/mm/pgtable_short.c, core/mm/pgtable_long.c), so a region is
 * mapped by the same call whichever format the kernel runs.
 */
#include <inttypes.h>

#include "pgtable.h"
#include "printk.h"

int create_mapping(struct pgtable *pt, const struct map_desc *md)
{
	return pt->fmt->create_mapping(pt, md);
}

int alloc_page_tables(struct pgtable *pt, uint32_t virt, uint32_t length,
		      enum mem_type_id type)
{
	return pt->fmt->alloc_page_tables(pt, virt, length, type);
}

int remove_mapping(struct pgtable *pt, uint32_t virt, uint32_t length)
{
	return pt->fmt->unmap(pt, virt, length, true);
}

int clear_mapping(struct pgtable *pt, uint32_t virt, uint32_t length)
{
	return pt->fmt->unmap(pt, virt, length, false);
}

void pgtable_walk(const struct pgtable *pt, uint32_t va, struct walk *w)
{
	pt->fmt->walk(pt, va, w);
}

void pgtable_describe(const struct pgtable *pt, int level, uint64_t d, char *buf, size_t n)
{
	pt->fmt->describe(level, d, buf, n);
}

int pgtable_set_access_flag(struct pgtable *pt, uint32_t va)
{
	if (!pt->fmt->set_access_flag) {
		printk("vmsplit: the %s format has no Access Flag (SCTLR.AFE = 0)\n", pt->fmt->name);
		return -1;
	}
	return pt->fmt->set_access_flag(pt, va);
}
