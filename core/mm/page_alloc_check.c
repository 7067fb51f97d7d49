/*
 * The buddy allocator's invariants, checked (page_alloc_check(), see
 * page_alloc.h): the free lists against the frames, the added ranges, the
 * counts.  Only host programs run it (the unit tests, the benchmark), so
 * the kernel build leaves this file out (the *_check.c files of core).
 */
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "page_alloc.h"
#include "printk.h"

static uint32_t end_pfn_of(const struct page_allocator *alloc)
{
	return alloc->base_pfn + alloc->nr_pages;
}

static struct page *pg(const struct page_allocator *alloc, uint32_t pfn)
{
	return &alloc->mem_map[pfn - alloc->base_pfn];
}

#define BAD(...) do { printk("page_alloc: " __VA_ARGS__); return -1; } while (0)

static int check_lists(const struct page_allocator *alloc, int zi)
{
	const struct zone *z = &alloc->zones[zi];
	uint32_t pages = 0;

	for (unsigned o = 0; o < MAX_ORDER; o++) {
		uint32_t prev = PFN_NONE, n = 0;

		for (uint32_t pfn = z->free_head[o]; pfn != PFN_NONE; pfn = pg(alloc, pfn)->next) {
			const struct page *p;

			if (pfn < z->start_pfn || pfn >= z->end_pfn)
				BAD("%s order %u: pfn 0x%" PRIx32 " outside the zone\n", z->name, o, pfn);
			p = pg(alloc, pfn);
			if (p->prev != prev)
				BAD("%s order %u: bad prev link at 0x%" PRIx32 "\n", z->name, o, pfn);
			if (p->flags != PG_free || p->order != o)
				BAD("%s order %u: 0x%" PRIx32 " not a free block of that order\n",
				    z->name, o, pfn);
			if ((pfn & ((1u << o) - 1)) || z->end_pfn - pfn < (1u << o))
				BAD("%s order %u: 0x%" PRIx32 " misaligned or past the zone\n",
				    z->name, o, pfn);
			/* The prev check rules out cycles, so this bound only
			 * stops a walk that is already known to be wrong. */
			if (++n > z->nr_free[o])
				BAD("%s order %u: more blocks listed than nr_free %" PRIu32 "\n",
				    z->name, o, z->nr_free[o]);
			prev = pfn;
		}
		if (n != z->nr_free[o])
			BAD("%s order %u: %" PRIu32 " listed, nr_free %" PRIu32 "\n",
			    z->name, o, n, z->nr_free[o]);
		pages += n << o;
	}
	if (pages != z->free_pages)
		BAD("%s: %" PRIu32 " pages on the lists, free_pages %" PRIu32 "\n",
		    z->name, pages, z->free_pages);
	return 0;
}

static bool page_is_zero(const struct page *p)
{
	static const struct page zero;

	return memcmp(p, &zero, sizeof(zero)) == 0;
}

/* ranges[]: sorted, disjoint, not touching, inside mem_map, unused slots
 * zero; and the pages they hold per zone are the zone's managed_pages. */
static int check_ranges(const struct page_allocator *alloc)
{
	uint32_t managed[NR_ZONES] = { 0 };
	uint32_t split = alloc->zones[ZONE_HIGHMEM].start_pfn;

	if (alloc->nr_ranges > PA_MAX_RANGES)
		BAD("%" PRIu32 " ranges\n", alloc->nr_ranges);
	for (uint32_t i = 0; i < PA_MAX_RANGES; i++) {
		const struct pfn_range *r = &alloc->ranges[i];

		if (i >= alloc->nr_ranges) {
			if (r->start || r->end)
				BAD("unused range slot %" PRIu32 " not empty\n", i);
			continue;
		}
		if (r->start >= r->end || r->start < alloc->base_pfn || r->end > end_pfn_of(alloc))
			BAD("range %" PRIu32 " 0x%" PRIx32 "-0x%" PRIx32 " empty or outside mem_map\n",
			    i, r->start, r->end);
		if (i && r->start <= alloc->ranges[i - 1].end)
			BAD("range %" PRIu32 " 0x%" PRIx32 " not after the one before it\n", i, r->start);
		if (r->start < split)
			managed[ZONE_NORMAL] += (r->end < split ? r->end : split) - r->start;
		if (r->end > split)
			managed[ZONE_HIGHMEM] += r->end - (r->start > split ? r->start : split);
	}
	for (int z = 0; z < NR_ZONES; z++)
		if (managed[z] != alloc->zones[z].managed_pages)
			BAD("%s: %" PRIu32 " pages in the ranges, managed %" PRIu32 "\n",
			    alloc->zones[z].name, managed[z], alloc->zones[z].managed_pages);
	return 0;
}

/* Walk the zone's frames block by block: every frame outside the added
 * ranges is untouched (all zero), every frame inside one is the head or
 * inside of exactly one block, and a block stays in its range; free heads
 * are counted against the lists and no two free buddies of one order are
 * left unmerged. */
static int check_frames(const struct page_allocator *alloc, int zi)
{
	const struct zone *z = &alloc->zones[zi];
	uint32_t heads[MAX_ORDER] = { 0 };
	uint32_t managed = 0;
	uint32_t pfn = z->start_pfn;
	uint32_t ri = 0;		/* first range not wholly before pfn */

	while (pfn < z->end_pfn) {
		const struct page *p = pg(alloc, pfn);
		const struct pfn_range *r;
		uint32_t size, lim;

		while (ri < alloc->nr_ranges && alloc->ranges[ri].end <= pfn)
			ri++;
		r = ri < alloc->nr_ranges ? &alloc->ranges[ri] : NULL;
		if (!r || pfn < r->start) {
			if (!page_is_zero(p))
				BAD("0x%" PRIx32 ": never added, but flags 0x%x order %u\n",
				    pfn, p->flags, p->order);
			pfn++;
			continue;
		}
		if (!p->flags)
			BAD("0x%" PRIx32 ": added, but neither in a block nor a block's head\n", pfn);
		if (p->flags != PG_free && p->flags != PG_head && p->flags != (PG_head | PG_slab))
			BAD("0x%" PRIx32 ": flags 0x%x outside any block\n", pfn, p->flags);
		if (p->order >= MAX_ORDER)
			BAD("0x%" PRIx32 ": order %u\n", pfn, p->order);
		size = 1u << p->order;
		lim = r->end < z->end_pfn ? r->end : z->end_pfn;
		if ((pfn & (size - 1)) || lim - pfn < size)
			BAD("0x%" PRIx32 ": order %u block misaligned or past %s or its range\n",
			    pfn, p->order, z->name);
		if ((p->flags & PG_slab) && p->order)
			BAD("0x%" PRIx32 ": slab page of order %u\n", pfn, p->order);
		if (p->flags == PG_free) {
			uint32_t buddy = pfn ^ size;

			heads[p->order]++;
			if (p->order < MAX_ORDER - 1 && buddy >= z->start_pfn &&
			    buddy < z->end_pfn && pg(alloc, buddy)->flags == PG_free &&
			    pg(alloc, buddy)->order == p->order)
				BAD("0x%" PRIx32 " and 0x%" PRIx32 ": free buddies of order %u\n",
				    pfn, buddy, p->order);
		}
		for (uint32_t i = 1; i < size; i++)
			if (pg(alloc, pfn + i)->flags)
				BAD("0x%" PRIx32 ": flags 0x%x inside the block at 0x%" PRIx32 "\n",
				    pfn + i, pg(alloc, pfn + i)->flags, pfn);
		managed += size;
		pfn += size;
	}
	for (unsigned o = 0; o < MAX_ORDER; o++)
		if (heads[o] != z->nr_free[o])
			BAD("%s order %u: %" PRIu32 " free heads, nr_free %" PRIu32 "\n",
			    z->name, o, heads[o], z->nr_free[o]);
	if (managed != z->managed_pages)
		BAD("%s: %" PRIu32 " pages in blocks, managed %" PRIu32 "\n",
		    z->name, managed, z->managed_pages);
	return 0;
}

int page_alloc_check(const struct page_allocator *alloc)
{
	uint32_t end = end_pfn_of(alloc);

	if (alloc->zones[ZONE_NORMAL].start_pfn != alloc->base_pfn ||
	    alloc->zones[ZONE_NORMAL].end_pfn != alloc->zones[ZONE_HIGHMEM].start_pfn ||
	    alloc->zones[ZONE_HIGHMEM].end_pfn != end ||
	    alloc->zones[ZONE_NORMAL].end_pfn > end)
		BAD("zones do not tile the range\n");
	if (check_ranges(alloc))
		return -1;
	for (int z = 0; z < NR_ZONES; z++)
		if (check_lists(alloc, z) || check_frames(alloc, z))
			return -1;
	return 0;
}
