/* What the fuzz harnesses share: a printk that formats and forgets (the
 * formatting is exercised, the output is not kept), and the layout's
 * invariants, checked after every decision. */
#ifndef VMSPLIT_FUZZ_COMMON_H
#define VMSPLIT_FUZZ_COMMON_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "layout.h"
#include "memblock.h"
#include "page_alloc.h"
#include "sizes.h"
#include "printk.h"

int printk(const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return n;
}

/* mem_init()'s first step, as the kernel takes it: memblock holds the
 * banks, the boot's own use of the first KERNEL_REGION_SIZE and the
 * firmware's reservations; mem_map (a struct page per frame from the first
 * bank to the last) must come out of lowmem in one piece ("no lowmem for
 * mem_map" otherwise), after 32 kB of first page tables from the first
 * 2 MB ("cannot map lowmem" otherwise). */
static inline void check_mem_map_fits(const struct layout *l)
{
	static struct memblock mb;
	const struct meminfo *mi = &l->mi;
	uint32_t first = (uint32_t)(mi->bank[0].start >> PAGE_SHIFT);
	uint32_t end = (uint32_t)((bank_end(&mi->bank[mi->nr_banks - 1]) + PAGE_SIZE - 1) >> PAGE_SHIFT);

	memblock_init(&mb);
	for (int i = 0; i < mi->nr_banks; i++)
		memblock_add(&mb, mi->bank[i].start, mi->bank[i].size);
	memblock_reserve(&mb, l->phys_offset, BOOT_USED_SIZE, "boot");
	for (int i = 0; i < l->rsv.nr_banks; i++)
		memblock_reserve(&mb, l->rsv.bank[i].start, l->rsv.bank[i].size, "firmware");
	/* paging_init()'s first page tables come from the first 2 MB. */
	mb.current_limit = l->phys_offset + KERNEL_REGION_SIZE;
	if (!memblock_alloc(&mb, 0x8000, PAGE_SIZE, "page tables"))
		abort();
	mb.current_limit = l->lowmem_limit;
	if (!memblock_alloc(&mb, ALIGN_UP((phys_addr_t)mem_map_size(end - first), (phys_addr_t)PAGE_SIZE),
			    PAGE_SIZE, "mem_map"))
		abort();
}

/* The regions (struct layout's region[]): those of depth 0 tile the 4 GB
 * in order, each nested one lies inside the region of depth 0 before it,
 * and none the decision places was left out for crossing another. */
static inline void check_regions(const struct layout *l)
{
	static const enum region always[] = {
		REGION_USER, REGION_MODULES, REGION_LOWMEM, REGION_PAST_LOWMEM,
		REGION_VMALLOC, REGION_FIXMAP, REGION_VECTORS,
	};
	const struct region_span *top = NULL;
	uint64_t at = 0;

	for (int i = 0; i < l->nr_regions; i++) {
		const struct region_span *r = &l->region[i];

		if (r->start >= r->end || r->end > ((uint64_t)1 << 32))
			abort();
		if (!r->depth) {
			if (r->start != at)
				abort();
			at = r->end;
			top = r;
		} else if (!top || r->start < top->start || r->end > top->end) {
			abort();
		}
	}
	if (at != ((uint64_t)1 << 32))
		abort();
	for (unsigned i = 0; i < sizeof(always) / sizeof(always[0]); i++)
		if (!layout_find_region(l, always[i]))
			abort();
	if (l->highmem_config != (layout_find_region(l, REGION_PKMAP) != NULL))
		abort();
}

/* The descriptor format: an LPAE layout has no VMSPLIT_3G_OPT, TTBR1
 * begins at PAGE_OFFSET when it is used at all (VMSPLIT_3G and 2G), so the
 * modules area and pkmap are TTBR0's and lowmem TTBR1's; the short format
 * has TTBR0 for all of it. */
static inline void check_format(const struct layout *l)
{
	if (!l->lpae) {
		if (l->ttbr.ttbr1_start != ((uint64_t)1 << 32))
			abort();
		return;
	}
	if (l->page_offset == 0xb0000000 || l->rules->has_lpae == false)
		abort();
	if (l->page_offset == 0x40000000) {
		if (l->ttbr.ttbr1_start != ((uint64_t)1 << 32))
			abort();
		return;
	}
	if (l->ttbr.ttbr1_start != l->page_offset || layout_ttbr_of(l, l->modules_vaddr) ||
	    layout_ttbr_of(l, l->page_offset - 1) || !layout_ttbr_of(l, l->page_offset))
		abort();
}

/* What any decision must satisfy, whatever the input: the regions are in
 * order and inside 4 GB, the banks sorted, disjoint and at most NR_BANKS,
 * lowmem banks below highmem ones, and the linear map a bijection on
 * lowmem.  And what the kernel's mapping code needs to boot it: every
 * bank ends below 4 GB (40 bits under LPAE) and a lowmem one starts on a page; each lowmem bank's whole
 * pages lie in the lowmem region, which is what kernel_map() accepts
 * ("cannot map lowmem" otherwise); the first KERNEL_REGION_SIZE of RAM
 * (the device tree and the image) is lowmem.  A violation aborts, which
 * the fuzzer reports with the input. */
static inline void check_layout(const struct layout *l)
{
	if (l->mi.nr_banks < 1 || l->mi.nr_banks > NR_BANKS)
		abort();
	for (int i = 0; i < l->mi.nr_banks; i++) {
		const struct membank *b = &l->mi.bank[i];
		uint32_t whole = (uint32_t)(b->size & ~(phys_addr_t)(PAGE_SIZE - 1));

		if (!b->size || (i && b->start < bank_end(&l->mi.bank[i - 1])))
			abort();
		if (bank_end(b) > (l->lpae ? LPAE_PHYS_LIMIT : (phys_addr_t)1 << 32))
			abort();
		/* A highmem bank split off at an unaligned vmalloc_min starts
		 * mid-page, as in Linux: that page is highmem, never mapped. */
		if (!b->highmem && b->start & (PAGE_SIZE - 1))
			abort();
		if (i && l->mi.bank[i - 1].highmem && !b->highmem)
			abort();
		if (!b->highmem && layout_pa(l, layout_va(l, b->start)) != b->start)
			abort();
		if (!b->highmem && whole &&
		    !layout_range_in_region(l, layout_va(l, b->start), whole, REGION_LOWMEM))
			abort();
	}
	for (phys_addr_t p = l->phys_offset; p < l->phys_offset + KERNEL_REGION_SIZE; p += PAGE_SIZE)
		if (!layout_is_lowmem_ram(l, p) || !layout_is_lowmem_ram(l, p + PAGE_SIZE - 1))
			abort();
	check_mem_map_fits(l);
	if (l->mi.nr_banks && !(l->page_offset < l->high_memory || l->high_memory == 0))
		abort();
	if (l->vmalloc_start > l->vmalloc_end || l->modules_vaddr > l->modules_end ||
	    l->fixmap_start > l->fixmap_end)
		abort();
	if (l->high_memory > l->vmalloc_start && l->vmalloc_start)
		abort();
	check_regions(l);
	check_format(l);
}

#endif
