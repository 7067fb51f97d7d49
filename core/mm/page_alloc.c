/*
 * The buddy allocator (see page_alloc.h).
 *
 * State lives only in mem_map, the zones and the list of added ranges:
 *   - the first frame of a free block has PG_free and the block's order and
 *     sits on its zone's list for that order (doubly linked by pfn, so a
 *     buddy can be unlinked in O(1) when it merges);
 *   - the first frame of an allocated block has PG_head and the order;
 *   - every other frame of a block, free or allocated, has no flags;
 *   - frames never handed over (holes, reserved) have no flags either: an
 *     all-zero struct page, which is what page_alloc_init's one memset
 *     leaves.  alloc->ranges says which frames were handed over.
 * So nothing needs a per-frame pass: free_pages only ever accepts a frame
 * that is exactly PG_head of the right order, which neither a reserved
 * frame nor the inside of a block is; a merge only takes a buddy that is
 * PG_free of the same order; and page_alloc_add_range finds what it may
 * add from alloc->ranges, then carves blocks.
 * A buddy is found by flipping bit `order` of the absolute pfn, so blocks
 * are aligned on absolute pfns, not relative to base_pfn.  A block never
 * crosses a zone boundary: ranges are split there before carving and a
 * merge only looks at buddies inside the same zone.  The zone of a frame
 * follows from its pfn (zones[ZONE_HIGHMEM].start_pfn is the boundary).
 */
#include <inttypes.h>
#include <string.h>

#include "page_alloc.h"
#include "printk.h"

size_t mem_map_size(uint32_t nr_pages)
{
	return (size_t)nr_pages * sizeof(struct page);
}

static uint32_t end_pfn_of(const struct page_allocator *alloc)
{
	return alloc->base_pfn + alloc->nr_pages;
}

struct page *pfn_to_page(const struct page_allocator *alloc, uint32_t pfn)
{
	if (pfn < alloc->base_pfn || pfn - alloc->base_pfn >= alloc->nr_pages)
		return NULL;
	return &alloc->mem_map[pfn - alloc->base_pfn];
}

uint32_t page_to_pfn(const struct page_allocator *alloc, const struct page *page)
{
	if (!page || page < alloc->mem_map || page >= alloc->mem_map + alloc->nr_pages)
		return PFN_NONE;
	return alloc->base_pfn + (uint32_t)(page - alloc->mem_map);
}

/* Unchecked: callers have already kept pfn inside the allocator. */
static struct page *pg(const struct page_allocator *alloc, uint32_t pfn)
{
	return &alloc->mem_map[pfn - alloc->base_pfn];
}

/* Unchecked, like pg(). */
static struct zone *zone_of(struct page_allocator *alloc, uint32_t pfn)
{
	return &alloc->zones[pfn >= alloc->zones[ZONE_HIGHMEM].start_pfn ? ZONE_HIGHMEM : ZONE_NORMAL];
}

enum zone_type pfn_zone(const struct page_allocator *alloc, uint32_t pfn)
{
	if (!pfn_to_page(alloc, pfn))
		return NR_ZONES;
	return pfn >= alloc->zones[ZONE_HIGHMEM].start_pfn ? ZONE_HIGHMEM : ZONE_NORMAL;
}

void page_alloc_init(struct page_allocator *alloc, struct page *mem_map,
		     uint32_t base_pfn, uint32_t nr_pages, uint32_t highmem_pfn)
{
	uint32_t end = base_pfn + nr_pages;
	uint32_t split = highmem_pfn;

	/* highmem_pfn outside the range: one of the zones is empty. */
	if (split < base_pfn)
		split = base_pfn;
	if (split > end)
		split = end;

	alloc->mem_map = mem_map;
	alloc->base_pfn = base_pfn;
	alloc->nr_pages = nr_pages;
	for (int z = 0; z < NR_ZONES; z++) {
		struct zone *zone = &alloc->zones[z];

		zone->name = z == ZONE_NORMAL ? "Normal" : "HighMem";
		zone->start_pfn = z == ZONE_NORMAL ? base_pfn : split;
		zone->end_pfn = z == ZONE_NORMAL ? split : end;
		for (int o = 0; o < MAX_ORDER; o++) {
			zone->free_head[o] = PFN_NONE;
			zone->nr_free[o] = 0;
		}
		zone->free_pages = 0;
		zone->managed_pages = 0;
	}
	alloc->nr_ranges = 0;
	memset(alloc->ranges, 0, sizeof(alloc->ranges));
	/* All zero: every frame reserved (see the top of the file). */
	memset(mem_map, 0, mem_map_size(nr_pages));
}

/* ------------------------------------------------------------ free lists */

static void list_add(struct page_allocator *alloc, struct zone *z, uint32_t pfn,
		     unsigned order)
{
	struct page *p = pg(alloc, pfn);
	uint32_t head = z->free_head[order];

	p->flags = PG_free;
	p->order = (uint8_t)order;
	p->prev = PFN_NONE;
	p->next = head;
	if (head != PFN_NONE)
		pg(alloc, head)->prev = pfn;
	z->free_head[order] = pfn;
	z->nr_free[order]++;
	z->free_pages += 1u << order;
}

/* Unlink a free block; its head is left with no flags (the caller decides
 * whether it becomes an allocated head or the inside of a bigger block). */
static void list_del(struct page_allocator *alloc, struct zone *z, uint32_t pfn)
{
	struct page *p = pg(alloc, pfn);
	unsigned order = p->order;

	if (p->prev != PFN_NONE)
		pg(alloc, p->prev)->next = p->next;
	else
		z->free_head[order] = p->next;
	if (p->next != PFN_NONE)
		pg(alloc, p->next)->prev = p->prev;
	p->next = p->prev = PFN_NONE;
	p->flags = 0;
	z->nr_free[order]--;
	z->free_pages -= 1u << order;
}

/* Put a block (whose frames all have no flags) back, merging with its
 * buddy as long as the buddy is a whole free block of the same order. */
static void free_block(struct page_allocator *alloc, uint32_t pfn, unsigned order)
{
	struct zone *z = zone_of(alloc, pfn);

	while (order < MAX_ORDER - 1) {
		uint32_t buddy = pfn ^ (1u << order);
		struct page *b;

		if (buddy < z->start_pfn || buddy >= z->end_pfn)
			break;
		b = pg(alloc, buddy);
		if (b->flags != PG_free || b->order != order)
			break;
		list_del(alloc, z, buddy);
		pfn &= ~(1u << order);	/* the merged block starts at the lower one */
		order++;
	}
	list_add(alloc, z, pfn, order);
}

/* ------------------------------------------------------------ adding RAM */

/* Largest order whose block fits at pfn: aligned and not past end. */
static unsigned block_order(uint32_t pfn, uint32_t end)
{
	unsigned order = MAX_ORDER - 1;

	while (order > 0 && ((pfn & ((1u << order) - 1)) || end - pfn < (1u << order)))
		order--;
	return order;
}

/* [start, end) lies in one zone; none of its frames were handed over. */
static void add_run(struct page_allocator *alloc, uint32_t start, uint32_t end)
{
	struct zone *z = zone_of(alloc, start);

	z->managed_pages += end - start;
	while (start < end) {
		unsigned order = block_order(start, end);

		free_block(alloc, start, order);
		start += 1u << order;
	}
}

/* A new piece [start, end), split at the zone boundary. */
static void add_piece(struct page_allocator *alloc, uint32_t start, uint32_t end)
{
	uint32_t split = alloc->zones[ZONE_HIGHMEM].start_pfn;

	if (start < split && split < end) {
		add_run(alloc, start, split);
		start = split;
	}
	add_run(alloc, start, end);
}

int page_alloc_add_range(struct page_allocator *alloc, uint32_t start_pfn, uint32_t end_pfn)
{
	uint32_t end = end_pfn_of(alloc);
	uint32_t first, last, n = alloc->nr_ranges, pfn;
	struct pfn_range *r = alloc->ranges;

	if (start_pfn < alloc->base_pfn)
		start_pfn = alloc->base_pfn;
	if (end_pfn > end)
		end_pfn = end;
	if (start_pfn >= end_pfn)
		return 0;

	/*
	 * ranges[first, last) are those that overlap or touch the new range
	 * (sorted and not touching each other, so they are consecutive); they
	 * and the new range become one entry.  Only the gaps between them
	 * inside [start_pfn, end_pfn) are new frames.  This costs a look at
	 * each range (at most PA_MAX_RANGES), never at each frame.
	 */
	for (first = 0; first < n && r[first].end < start_pfn; first++)
		;
	for (last = first; last < n && r[last].start <= end_pfn; last++)
		;
	if (first == last && n == PA_MAX_RANGES) {
		printk("page_alloc: no room for range 0x%" PRIx32 "-0x%" PRIx32
		       " (%u ranges already); not added\n", start_pfn, end_pfn, PA_MAX_RANGES);
		return -1;
	}

	pfn = start_pfn;
	for (uint32_t i = first; i < last; i++) {
		if (r[i].start > pfn)
			add_piece(alloc, pfn, r[i].start);
		if (r[i].end > pfn)
			pfn = r[i].end;
	}
	if (pfn < end_pfn)
		add_piece(alloc, pfn, end_pfn);

	if (first == last) {
		/* Nothing touched: a new entry at first. */
		memmove(&r[first + 1], &r[first], (n - first) * sizeof(*r));
		r[first] = (struct pfn_range){ start_pfn, end_pfn };
		alloc->nr_ranges = n + 1;
	} else {
		/* Merge ranges[first, last) and the new range into ranges[first]. */
		if (start_pfn < r[first].start)
			r[first].start = start_pfn;
		r[first].end = r[last - 1].end > end_pfn ? r[last - 1].end : end_pfn;
		memmove(&r[first + 1], &r[last], (n - last) * sizeof(*r));
		memset(&r[n - (last - first - 1)], 0, (last - first - 1) * sizeof(*r));
		alloc->nr_ranges = n - (last - first - 1);
	}
	return 0;
}

/* ------------------------------------------------------------ alloc/free */

static uint32_t alloc_from(struct page_allocator *alloc, struct zone *z, unsigned order)
{
	for (unsigned o = order; o < MAX_ORDER; o++) {
		uint32_t pfn = z->free_head[o];
		struct page *p;

		if (pfn == PFN_NONE)
			continue;
		list_del(alloc, z, pfn);
		/* Keep the lower half, give the upper halves back. */
		while (o > order) {
			o--;
			list_add(alloc, z, pfn + (1u << o), o);
		}
		p = pg(alloc, pfn);
		p->flags = PG_head;
		p->order = (uint8_t)order;
		p->slab_class = 0;
		p->inuse = 0;
		p->freelist = 0;
		return pfn;
	}
	return PFN_NONE;
}

uint32_t alloc_pages(struct page_allocator *alloc, enum gfp gfp, unsigned order)
{
	uint32_t pfn;

	if (order >= MAX_ORDER)
		return PFN_NONE;
	/* Highmem first for user pages keeps lowmem for what needs a
	 * kernel address; lowmem-only callers never see highmem. */
	if (gfp == GFP_HIGHUSER) {
		pfn = alloc_from(alloc, &alloc->zones[ZONE_HIGHMEM], order);
		if (pfn != PFN_NONE)
			return pfn;
	}
	return alloc_from(alloc, &alloc->zones[ZONE_NORMAL], order);
}

int free_pages(struct page_allocator *alloc, uint32_t pfn, unsigned order)
{
	struct page *p = pfn_to_page(alloc, pfn);

	/* Exactly PG_head: not free already, not reserved, not kmalloc's. */
	if (!p || order >= MAX_ORDER || p->flags != PG_head || p->order != order)
		return -1;
	p->flags = 0;
	p->next = p->prev = PFN_NONE;
	free_block(alloc, pfn, order);
	return 0;
}

uint32_t nr_free_pages(const struct page_allocator *alloc, enum zone_type zone)
{
	if (zone == NR_ZONES)
		return alloc->zones[ZONE_NORMAL].free_pages + alloc->zones[ZONE_HIGHMEM].free_pages;
	if ((unsigned)zone > NR_ZONES)
		return 0;
	return alloc->zones[zone].free_pages;
}
