/*
 * The page allocator: a buddy allocator over page frames, with two zones
 * as 32-bit Linux has them: ZONE_NORMAL (lowmem, permanently mapped) and
 * ZONE_HIGHMEM (no permanent mapping).  A block of order n is 2^n pages
 * aligned to its size; a freed block merges with its free buddy, and so
 * on up.  struct page describes every frame between the first and last
 * bank (mem_map); frames in holes and reserved ranges are never free.
 * Pure code: the caller provides mem_map's memory.
 *
 * An all-zero struct page is a frame that is not the head of any block:
 * either never handed to the allocator (hole, reserved) or inside a block.
 * Which of the two is told by the allocator's list of added ranges, not
 * by the frame, so neither init nor adding RAM touches every frame.
 */
#ifndef VMSPLIT_PAGE_ALLOC_H
#define VMSPLIT_PAGE_ALLOC_H

#include "types.h"

#define MAX_ORDER	11		/* blocks of 1 .. 1024 pages (4 MB) */
#define PFN_NONE	UINT32_MAX

enum zone_type { ZONE_NORMAL, ZONE_HIGHMEM, NR_ZONES };

/* Where an allocation may come from. */
enum gfp {
	GFP_KERNEL,	/* lowmem only: the caller needs a linear-map address */
	GFP_HIGHUSER,	/* highmem first, lowmem when highmem is empty */
};

/* No flags: not a block head (inside a block, or never handed over). */
#define PG_free		0x01	/* head of a free block */
#define PG_slab		0x04	/* kmalloc owns it */
#define PG_head		0x08	/* first page of an allocated block */

struct page {
	uint32_t next, prev;	/* free list links (pfn), or slab list links */
	uint8_t order;		/* block order (free or allocated head) */
	uint8_t flags;		/* PG_* */
	uint8_t slab_class;	/* kmalloc: which size class */
	uint8_t unused;		/* the zone follows from the pfn: pfn_zone() */
	uint16_t inuse;		/* kmalloc: objects handed out from this page */
	uint16_t freelist;	/* kmalloc: offset of the first free object + 1, 0 if none */
};

struct zone {
	const char *name;		/* "Normal", "HighMem" */
	uint32_t start_pfn, end_pfn;	/* [start, end) */
	uint32_t free_head[MAX_ORDER];	/* first free block of each order, PFN_NONE */
	uint32_t nr_free[MAX_ORDER];	/* free blocks of each order */
	uint32_t free_pages;
	uint32_t managed_pages;		/* pages ever given to the allocator */
};

/*
 * Room for the ranges handed over, after merging touching ones.  mem_init
 * adds RAM regions minus reserved regions, at most MEMBLOCK_MAX (32) of
 * each, so at most 64 disjoint ranges.
 */
#define PA_MAX_RANGES	64

struct pfn_range {
	uint32_t start, end;		/* [start, end) */
};

struct page_allocator {
	struct page *mem_map;		/* one per frame of [base_pfn, base_pfn + nr_pages) */
	uint32_t base_pfn, nr_pages;
	struct zone zones[NR_ZONES];
	/* Every frame ever handed to the allocator (free or allocated now):
	 * sorted, disjoint, not touching one another. */
	uint32_t nr_ranges;
	struct pfn_range ranges[PA_MAX_RANGES];
};

/* Bytes of mem_map for nr_pages frames. */
size_t mem_map_size(uint32_t nr_pages);

/* Every frame reserved (mem_map zeroed: one memset, no per-frame loop);
 * frames from highmem_pfn on are ZONE_HIGHMEM. */
void page_alloc_init(struct page_allocator *alloc, struct page *mem_map,
		     uint32_t base_pfn, uint32_t nr_pages, uint32_t highmem_pfn);

/*
 * Hand [start_pfn, end_pfn) to the allocator (at boot: RAM minus what is
 * reserved), as the largest aligned blocks that fit: work per block, none
 * per frame.  Clipped to mem_map; the parts already handed over (free or
 * allocated) are skipped, so adding a range twice or over allocated
 * memory never hands a frame out twice.  -1 (and nothing changes) if the
 * range would need a new entry in a full ranges[] (PA_MAX_RANGES disjoint
 * ranges already); else 0, also when there was nothing new to add.
 */
int page_alloc_add_range(struct page_allocator *alloc, uint32_t start_pfn, uint32_t end_pfn);

/* A block of 2^order frames; PFN_NONE if none. */
uint32_t alloc_pages(struct page_allocator *alloc, enum gfp gfp, unsigned order);
/* Give a block back (its first frame and its order); merges buddies.
 * -1 (and nothing changes) if pfn is not the head of an allocated block
 * of that order. */
int free_pages(struct page_allocator *alloc, uint32_t pfn, unsigned order);

struct page *pfn_to_page(const struct page_allocator *alloc, uint32_t pfn);
/* The zone a frame belongs to (by pfn), NR_ZONES outside mem_map. */
enum zone_type pfn_zone(const struct page_allocator *alloc, uint32_t pfn);
uint32_t page_to_pfn(const struct page_allocator *alloc, const struct page *page);

/* Free pages of a zone, or of all zones (zone == NR_ZONES). */
uint32_t nr_free_pages(const struct page_allocator *alloc, enum zone_type zone);

/* Every invariant (free lists, flags, no free buddies left unmerged,
 * counts); 0 if all hold, else -1.  Host programs only (page_alloc_check.c
 * is not in the kernel build). */
int page_alloc_check(const struct page_allocator *alloc);

#endif
