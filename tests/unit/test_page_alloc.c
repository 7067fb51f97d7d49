/* Unit tests for core/mm/page_alloc.c, the buddy allocator over struct page
 * frames (and its invariant check, core/mm/page_alloc_check.c), on the
 * fake memory of tests/unit/page_env.c.
 *
 * Expected block layouts are worked out by hand from the rule "largest
 * block aligned on its absolute pfn that fits", not by calling the code.
 * The stress test runs random operations against a model (an owner per
 * frame) and calls page_alloc_check() as it goes.  The random generator
 * has a fixed seed: a failure reproduces.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "capture.h"
#include "page_env.h"

/* ============================================================ page allocator */

static void test_mem_map_size(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct page), 16);
	assert_int_equal(mem_map_size(0), 0);
	assert_int_equal(mem_map_size(262144), 4u << 20);	/* 1 GB of frames: 4 MB */
}

static void test_init(void **state)
{
	(void)state;
	env_setup(BASE, 4096, BASE + 3000, false);

	assert_string_equal(mem.pa.zones[ZONE_NORMAL].name, "Normal");
	assert_string_equal(mem.pa.zones[ZONE_HIGHMEM].name, "HighMem");
	assert_int_equal(mem.pa.zones[ZONE_NORMAL].start_pfn, BASE);
	assert_int_equal(mem.pa.zones[ZONE_NORMAL].end_pfn, BASE + 3000);
	assert_int_equal(mem.pa.zones[ZONE_HIGHMEM].start_pfn, BASE + 3000);
	assert_int_equal(mem.pa.zones[ZONE_HIGHMEM].end_pfn, BASE + 4096);
	/* Reserved is an all-zero struct page; the zone follows from the pfn. */
	for (uint32_t pfn = BASE; pfn < BASE + 4096; pfn++) {
		static const struct page zero;

		assert_memory_equal(page_of(pfn), &zero, sizeof(zero));
		assert_int_equal(pfn_zone(&mem.pa, pfn), pfn < BASE + 3000 ? ZONE_NORMAL : ZONE_HIGHMEM);
	}
	assert_int_equal(pfn_zone(&mem.pa, BASE - 1), NR_ZONES);
	assert_int_equal(pfn_zone(&mem.pa, BASE + 4096), NR_ZONES);
	assert_int_equal(mem.pa.nr_ranges, 0);
	for (int z = 0; z < NR_ZONES; z++)
		for (int o = 0; o < MAX_ORDER; o++) {
			assert_int_equal(mem.pa.zones[z].free_head[o], PFN_NONE);
			assert_int_equal(mem.pa.zones[z].nr_free[o], 0);
		}
	assert_int_equal(nr_free_pages(&mem.pa, NR_ZONES), 0);
	assert_int_equal(alloc_pages(&mem.pa, GFP_KERNEL, 0), PFN_NONE);
	assert_int_equal(alloc_pages(&mem.pa, GFP_HIGHUSER, 0), PFN_NONE);
	assert_check();

	/* pfn/page conversions, and what lies outside mem_map. */
	assert_ptr_equal(pfn_to_page(&mem.pa, BASE), &mem.map[0]);
	assert_ptr_equal(pfn_to_page(&mem.pa, BASE + 4095), &mem.map[4095]);
	assert_null(pfn_to_page(&mem.pa, BASE - 1));
	assert_null(pfn_to_page(&mem.pa, BASE + 4096));
	assert_null(pfn_to_page(&mem.pa, PFN_NONE));
	assert_int_equal(page_to_pfn(&mem.pa, &mem.map[123]), BASE + 123);
	assert_int_equal(page_to_pfn(&mem.pa, NULL), PFN_NONE);

	/* highmem_pfn past the end: no highmem; before the base: all highmem. */
	env_setup(BASE, 64, BASE + 0x100000, false);
	assert_int_equal(mem.pa.zones[ZONE_NORMAL].end_pfn, BASE + 64);
	assert_int_equal(mem.pa.zones[ZONE_HIGHMEM].start_pfn, BASE + 64);
	assert_int_equal(mem.pa.zones[ZONE_HIGHMEM].end_pfn, BASE + 64);
	page_alloc_add_range(&mem.pa, 0, PFN_NONE);
	assert_int_equal(nr_free_pages(&mem.pa, ZONE_NORMAL), 64);
	assert_int_equal(nr_free_pages(&mem.pa, ZONE_HIGHMEM), 0);
	assert_check();

	env_setup(BASE, 64, 0, false);
	assert_int_equal(mem.pa.zones[ZONE_NORMAL].end_pfn, BASE);
	page_alloc_add_range(&mem.pa, 0, PFN_NONE);
	assert_int_equal(nr_free_pages(&mem.pa, ZONE_HIGHMEM), 64);
	assert_int_equal(alloc_pages(&mem.pa, GFP_KERNEL, 0), PFN_NONE);
	assert_true(alloc_pages(&mem.pa, GFP_HIGHUSER, 0) != PFN_NONE);
	assert_check();
}

static void test_add_range_maximal_blocks(void **state)
{
	(void)state;
	env_setup(BASE, 4096, BASE + 4096, false);

	/* From an odd pfn: 1, 2, 4, 8 pages as alignment allows, then 1. */
	page_alloc_add_range(&mem.pa, BASE + 1, BASE + 0x11);
	assert_free_block(BASE + 0x1, 0);
	assert_free_block(BASE + 0x2, 1);
	assert_free_block(BASE + 0x4, 2);
	assert_free_block(BASE + 0x8, 3);
	assert_free_block(BASE + 0x10, 0);
	assert_int_equal(mem.pa.zones[ZONE_NORMAL].nr_free[0], 2);
	assert_int_equal(mem.pa.zones[ZONE_NORMAL].nr_free[1], 1);
	assert_int_equal(mem.pa.zones[ZONE_NORMAL].nr_free[2], 1);
	assert_int_equal(mem.pa.zones[ZONE_NORMAL].nr_free[3], 1);
	assert_int_equal(total_free_blocks(ZONE_NORMAL), 5);
	assert_int_equal(nr_free_pages(&mem.pa, ZONE_NORMAL), 16);
	assert_int_equal(mem.pa.zones[ZONE_NORMAL].managed_pages, 16);
	assert_int_equal(page_of(BASE)->flags, 0);		/* still reserved */
	assert_int_equal(page_of(BASE + 0x11)->flags, 0);
	assert_int_equal(free_pages(&mem.pa, BASE, 0), -1);
	assert_int_equal(mem.pa.nr_ranges, 1);
	assert_check();

	/* 1024-page aligned: blocks of MAX_ORDER - 1, never bigger. */
	page_alloc_add_range(&mem.pa, BASE + 0x400, BASE + 0x1000);
	assert_int_equal(mem.pa.zones[ZONE_NORMAL].nr_free[10], 3);
	assert_free_block(BASE + 0x400, 10);
	assert_free_block(BASE + 0x800, 10);
	assert_free_block(BASE + 0xc00, 10);
	assert_int_equal(nr_free_pages(&mem.pa, NR_ZONES), 16 + 3072);
	assert_check();

	/* Clipped to the allocator's frames; the one new frame merges with
	 * the blocks after it up to 16 pages. */
	page_alloc_add_range(&mem.pa, 0, BASE + 1);
	assert_free_block(BASE, 4);
	assert_free_block(BASE + 0x10, 0);
	assert_int_equal(total_free_blocks(ZONE_NORMAL), 2 + 3);
	page_alloc_add_range(&mem.pa, BASE + 0x1000, BASE + 0x2000);
	page_alloc_add_range(&mem.pa, BASE + 5, BASE + 5);	/* empty */
	page_alloc_add_range(&mem.pa, BASE + 9, BASE + 5);	/* backwards */
	assert_int_equal(mem.pa.zones[ZONE_NORMAL].managed_pages, 16 + 3072 + 1);
	assert_check();

	/* Alignment is on the absolute pfn, not on base_pfn: an allocator
	 * starting at an odd frame gets the same blocks as any other. */
	env_setup(BASE + 1, 64, PFN_NONE - 1, false);
	page_alloc_add_range(&mem.pa, BASE + 1, BASE + 65);
	assert_free_block(BASE + 0x01, 0);
	assert_free_block(BASE + 0x02, 1);
	assert_free_block(BASE + 0x04, 2);
	assert_free_block(BASE + 0x08, 3);
	assert_free_block(BASE + 0x10, 4);
	assert_free_block(BASE + 0x20, 5);
	assert_free_block(BASE + 0x40, 0);
	assert_int_equal(total_free_blocks(ZONE_NORMAL), 7);
	assert_check();
	/* The two order-0 blocks are not buddies, so freeing keeps them apart. */
	assert_int_equal(alloc_pages(&mem.pa, GFP_KERNEL, 5), BASE + 0x20);
	assert_int_equal(free_pages(&mem.pa, BASE + 0x20, 5), 0);
	assert_free_block(BASE + 0x20, 5);
	assert_int_equal(total_free_blocks(ZONE_NORMAL), 7);
	assert_check();
}

static void test_adjacent_ranges_merge(void **state)
{
	(void)state;

	/* Upper half first, then lower half. */
	env_setup(BASE, 2048, PFN_NONE - 1, false);
	page_alloc_add_range(&mem.pa, BASE + 512, BASE + 1024);
	assert_free_block(BASE + 512, 9);
	page_alloc_add_range(&mem.pa, BASE, BASE + 512);
	assert_free_block(BASE, 10);
	assert_int_equal(total_free_blocks(ZONE_NORMAL), 1);
	assert_int_equal(mem.pa.zones[ZONE_NORMAL].managed_pages, 1024);
	assert_check();

	/* Lower first, then upper. */
	env_setup(BASE, 2048, PFN_NONE - 1, false);
	page_alloc_add_range(&mem.pa, BASE, BASE + 512);
	page_alloc_add_range(&mem.pa, BASE + 512, BASE + 1024);
	assert_free_block(BASE, 10);
	assert_int_equal(total_free_blocks(ZONE_NORMAL), 1);
	assert_check();

	/* Uneven pieces in a scrambled order end as two order-10 blocks. */
	env_setup(BASE, 2048, PFN_NONE - 1, false);
	static const uint32_t cut[] = { 0, 3, 100, 101, 777, 1024, 1025, 1500, 2047, 2048 };
	static const int order[] = { 4, 0, 8, 2, 6, 1, 7, 3, 5 };
	for (size_t i = 0; i < ARRAY_SIZE(order); i++) {
		page_alloc_add_range(&mem.pa, BASE + cut[order[i]], BASE + cut[order[i] + 1]);
		assert_check();
	}
	assert_free_block(BASE, 10);
	assert_free_block(BASE + 1024, 10);
	assert_int_equal(total_free_blocks(ZONE_NORMAL), 2);
	assert_int_equal(mem.pa.zones[ZONE_NORMAL].managed_pages, 2048);
}

static void test_add_range_twice(void **state)
{
	uint32_t a, b;
	struct snap s;

	(void)state;
	env_setup(BASE, 1024, BASE + 768, false);
	page_alloc_add_range(&mem.pa, BASE + 10, BASE + 900);
	a = alloc_pages(&mem.pa, GFP_KERNEL, 2);
	b = alloc_pages(&mem.pa, GFP_HIGHUSER, 0);
	assert_true(a != PFN_NONE && b != PFN_NONE);
	assert_check();

	/* Everything in it is free or allocated already: nothing changes. */
	snap_take(&s);
	page_alloc_add_range(&mem.pa, BASE + 10, BASE + 900);
	page_alloc_add_range(&mem.pa, BASE + 100, BASE + 200);
	page_alloc_add_range(&mem.pa, a, a + 4);
	snap_assert_same(&s);
	snap_free(&s);

	/* Overlapping: only the frames not yet given are added. */
	page_alloc_add_range(&mem.pa, BASE, BASE + 1024);
	assert_int_equal(mem.pa.zones[ZONE_NORMAL].managed_pages, 768);
	assert_int_equal(mem.pa.zones[ZONE_HIGHMEM].managed_pages, 256);
	assert_int_equal(nr_free_pages(&mem.pa, NR_ZONES), 1024 - 5);
	assert_int_equal(page_of(a)->flags, PG_head);
	assert_int_equal(page_of(b)->flags, PG_head);
	assert_check();
	assert_int_equal(free_pages(&mem.pa, a, 2), 0);
	assert_int_equal(free_pages(&mem.pa, b, 0), 0);
	assert_int_equal(nr_free_pages(&mem.pa, NR_ZONES), 1024);
	assert_free_block(BASE, 9);
	assert_free_block(BASE + 512, 8);
	assert_free_block(BASE + 768, 8);
	assert_int_equal(total_free_blocks(ZONE_NORMAL) + total_free_blocks(ZONE_HIGHMEM), 3);
	assert_check();
}

/* The list of added ranges: touching ranges merge into one entry, a full
 * list refuses only what would need a new entry, and adding does not
 * depend on the frames' contents (nothing per frame). */
static void test_add_range_list(void **state)
{
	struct snap s;

	(void)state;
	env_setup(BASE, 4096, BASE + 2048, false);
	assert_int_equal(page_alloc_add_range(&mem.pa, BASE + 100, BASE + 200), 0);
	assert_int_equal(page_alloc_add_range(&mem.pa, BASE + 300, BASE + 400), 0);
	assert_int_equal(page_alloc_add_range(&mem.pa, BASE + 10, BASE + 20), 0);
	assert_int_equal(mem.pa.nr_ranges, 3);
	assert_int_equal(mem.pa.ranges[0].start, BASE + 10);
	assert_int_equal(mem.pa.ranges[1].start, BASE + 100);
	assert_int_equal(mem.pa.ranges[2].end, BASE + 400);
	assert_check();
	/* Touching on both sides and covering two: one entry [10, 400). */
	assert_int_equal(page_alloc_add_range(&mem.pa, BASE + 20, BASE + 300), 0);
	assert_int_equal(mem.pa.nr_ranges, 1);
	assert_int_equal(mem.pa.ranges[0].start, BASE + 10);
	assert_int_equal(mem.pa.ranges[0].end, BASE + 400);
	assert_int_equal(mem.pa.ranges[1].start, 0);
	assert_int_equal(mem.pa.ranges[1].end, 0);
	assert_int_equal(nr_free_pages(&mem.pa, NR_ZONES), 390);
	assert_check();
	/* Across the zone boundary, and past both ends. */
	assert_int_equal(page_alloc_add_range(&mem.pa, BASE + 2000, PFN_NONE), 0);
	assert_int_equal(page_alloc_add_range(&mem.pa, 0, BASE + 5), 0);
	assert_int_equal(mem.pa.nr_ranges, 3);
	assert_int_equal(mem.pa.zones[ZONE_NORMAL].managed_pages, 5 + 390 + 48);
	assert_int_equal(mem.pa.zones[ZONE_HIGHMEM].managed_pages, 2048);
	assert_check();

	/* Fill the list with single frames two apart. */
	env_setup(BASE, 4096, BASE + 2048, false);
	for (uint32_t i = 0; i < PA_MAX_RANGES; i++)
		assert_int_equal(page_alloc_add_range(&mem.pa, BASE + 2 * i, BASE + 2 * i + 1), 0);
	assert_int_equal(mem.pa.nr_ranges, PA_MAX_RANGES);
	assert_check();
	/* One more apart from the others: refused, nothing changes. */
	snap_take(&s);
	capture_reset();
	assert_int_equal(page_alloc_add_range(&mem.pa, BASE + 1000, BASE + 1010), -1);
	assert_non_null(strstr(captured(), "no room"));
	snap_assert_same(&s);
	/* Already there, or empty: fine, and nothing changes. */
	assert_int_equal(page_alloc_add_range(&mem.pa, BASE + 4, BASE + 5), 0);
	assert_int_equal(page_alloc_add_range(&mem.pa, BASE + 1000, BASE + 1000), 0);
	snap_assert_same(&s);
	snap_free(&s);
	/* Touching one: merges, no new entry needed. */
	assert_int_equal(page_alloc_add_range(&mem.pa, BASE + 2 * PA_MAX_RANGES - 1, BASE + 1010), 0);
	assert_int_equal(mem.pa.nr_ranges, PA_MAX_RANGES);
	/* Filling the gaps merges all into one, and the buddies with it. */
	assert_int_equal(page_alloc_add_range(&mem.pa, BASE, BASE + 4096), 0);
	assert_int_equal(mem.pa.nr_ranges, 1);
	assert_free_block(BASE, 10);
	assert_free_block(BASE + 1024, 10);
	assert_free_block(BASE + 2048, 10);
	assert_free_block(BASE + 3072, 10);
	assert_int_equal(total_free_blocks(ZONE_NORMAL) + total_free_blocks(ZONE_HIGHMEM), 4);
	assert_check();
	/* After a full round of allocations the range list is the same. */
	for (int i = 0; i < 4; i++)
		assert_true(alloc_pages(&mem.pa, GFP_HIGHUSER, 10) != PFN_NONE);
	assert_int_equal(page_alloc_add_range(&mem.pa, BASE, BASE + 4096), 0);
	assert_int_equal(nr_free_pages(&mem.pa, NR_ZONES), 0);
	assert_check();
}

static void test_zones(void **state)
{
	uint32_t pfn, n = 0;

	(void)state;
	/* The boundary is not aligned: blocks stop at it on both sides. */
	env_setup(BASE, 4096, BASE + 3000, false);
	page_alloc_add_range(&mem.pa, BASE, BASE + 4096);
	assert_int_equal(mem.pa.zones[ZONE_NORMAL].managed_pages, 3000);
	assert_int_equal(mem.pa.zones[ZONE_HIGHMEM].managed_pages, 1096);
	assert_int_equal(nr_free_pages(&mem.pa, ZONE_NORMAL), 3000);
	assert_int_equal(nr_free_pages(&mem.pa, ZONE_HIGHMEM), 1096);
	assert_int_equal(nr_free_pages(&mem.pa, NR_ZONES), 4096);
	/* 3000 = 0xbb8: 1024 + 1024 + 512 + 256 + 128 + 32 + 16 + 8 ... */
	assert_free_block(BASE + 2048, 9);
	assert_free_block(BASE + 2944, 5);
	assert_free_block(BASE + 2976, 4);
	assert_free_block(BASE + 2992, 3);
	/* ... and from 3000 (aligned to 8) up: 8, 64, then 1024 at 3072. */
	assert_free_block(BASE + 3000, 3);
	assert_free_block(BASE + 3008, 6);
	assert_free_block(BASE + 3072, 10);
	assert_check();

	/* GFP_KERNEL drains lowmem only, then fails while highmem is left. */
	while ((pfn = alloc_pages(&mem.pa, GFP_KERNEL, 0)) != PFN_NONE) {
		assert_true(pfn >= BASE && pfn < BASE + 3000);
		n++;
	}
	assert_int_equal(n, 3000);
	assert_int_equal(nr_free_pages(&mem.pa, ZONE_HIGHMEM), 1096);
	pfn = alloc_pages(&mem.pa, GFP_HIGHUSER, 3);
	assert_int_equal(pfn, BASE + 3000);		/* the order-3 block, no split */
	assert_check();
	assert_int_equal(free_pages(&mem.pa, pfn, 3), 0);
	/* Freeing the last lowmem page next to the boundary does not merge
	 * across it. */
	assert_int_equal(free_pages(&mem.pa, BASE + 2999, 0), 0);
	assert_free_block(BASE + 2999, 0);
	assert_free_block(BASE + 3000, 3);
	assert_check();
}

static void test_highuser_prefers_highmem(void **state)
{
	uint32_t pfn, high = 0, low = 0;
	bool in_low = false;

	(void)state;
	env_setup(BASE, 1024, BASE + 600, false);
	page_alloc_add_range(&mem.pa, BASE, BASE + 1024);
	while ((pfn = alloc_pages(&mem.pa, GFP_HIGHUSER, 0)) != PFN_NONE) {
		if (pfn >= BASE + 600) {
			assert_false(in_low);	/* no highmem after the fallback began */
			high++;
		} else {
			in_low = true;
			low++;
		}
	}
	assert_int_equal(high, 424);
	assert_int_equal(low, 600);
	assert_int_equal(nr_free_pages(&mem.pa, NR_ZONES), 0);
	assert_int_equal(alloc_pages(&mem.pa, GFP_KERNEL, 0), PFN_NONE);
	assert_check();

	/* Highmem has pages, but not a block of the order asked: lowmem. */
	env_setup(BASE, 1024, BASE + 1020, false);
	page_alloc_add_range(&mem.pa, BASE, BASE + 1024);
	pfn = alloc_pages(&mem.pa, GFP_HIGHUSER, 3);
	assert_true(pfn < BASE + 1020);
	assert_int_equal(pfn & 7, 0);
	pfn = alloc_pages(&mem.pa, GFP_HIGHUSER, 2);
	assert_int_equal(pfn, BASE + 1020);
	assert_check();
}

static void test_split_and_coalesce(void **state)
{
	struct zone before;
	uint32_t p[4];

	(void)state;
	env_setup(BASE, 1024, PFN_NONE - 1, false);
	page_alloc_add_range(&mem.pa, BASE, BASE + 1024);
	before = mem.pa.zones[ZONE_NORMAL];

	/* One page splits the order-10 block into one free block of each
	 * order 0..9 -- the upper halves. */
	p[0] = alloc_pages(&mem.pa, GFP_KERNEL, 0);
	assert_int_equal(p[0], BASE);
	assert_int_equal(page_of(BASE)->flags, PG_head);
	assert_int_equal(page_of(BASE)->order, 0);
	for (unsigned o = 0; o < 10; o++)
		assert_free_block(BASE + (1u << o), o);
	assert_int_equal(mem.pa.zones[ZONE_NORMAL].nr_free[10], 0);
	assert_int_equal(nr_free_pages(&mem.pa, ZONE_NORMAL), 1023);
	assert_check();

	/* Smallest fitting block first: these come from the split pieces. */
	p[1] = alloc_pages(&mem.pa, GFP_KERNEL, 0);
	assert_int_equal(p[1], BASE + 1);
	p[2] = alloc_pages(&mem.pa, GFP_KERNEL, 3);
	assert_int_equal(p[2], BASE + 8);
	p[3] = alloc_pages(&mem.pa, GFP_KERNEL, 1);
	assert_int_equal(p[3], BASE + 2);
	for (uint32_t i = 1; i < 8; i++)
		assert_int_equal(page_of(p[2] + i)->flags, 0);
	assert_check();

	/* Back in a different order: everything merges to the one block. */
	assert_int_equal(free_pages(&mem.pa, p[2], 3), 0);
	assert_check();
	assert_int_equal(free_pages(&mem.pa, p[0], 0), 0);
	assert_check();
	assert_int_equal(free_pages(&mem.pa, p[3], 1), 0);
	assert_check();
	assert_int_equal(free_pages(&mem.pa, p[1], 0), 0);
	assert_check();
	assert_memory_equal(&mem.pa.zones[ZONE_NORMAL], &before, sizeof(before));
	assert_free_block(BASE, 10);
	for (uint32_t i = 1; i < 1024; i++)
		assert_int_equal(page_of(BASE + i)->flags, 0);

	/* Order 10 whole, and beyond MAX_ORDER. */
	assert_int_equal(alloc_pages(&mem.pa, GFP_KERNEL, MAX_ORDER), PFN_NONE);
	assert_int_equal(alloc_pages(&mem.pa, GFP_KERNEL, 10), BASE);
	assert_int_equal(alloc_pages(&mem.pa, GFP_KERNEL, 0), PFN_NONE);
	assert_int_equal(free_pages(&mem.pa, BASE, 10), 0);
	assert_memory_equal(&mem.pa.zones[ZONE_NORMAL], &before, sizeof(before));
}

static void test_free_invalid(void **state)
{
	uint32_t a, b, c;
	struct snap s;

	(void)state;
	env_setup(BASE, 1024, BASE + 512, false);
	page_alloc_add_range(&mem.pa, BASE + 4, BASE + 1000);
	a = alloc_pages(&mem.pa, GFP_KERNEL, 2);
	b = alloc_pages(&mem.pa, GFP_KERNEL, 0);
	c = alloc_pages(&mem.pa, GFP_HIGHUSER, 0);
	assert_int_equal(free_pages(&mem.pa, c, 0), 0);	/* c is now a free frame */
	assert_check();

	snap_take(&s);
	assert_int_equal(free_pages(&mem.pa, a + 1, 0), -1);	/* inside a block */
	assert_int_equal(free_pages(&mem.pa, a + 2, 1), -1);
	assert_int_equal(free_pages(&mem.pa, a, 0), -1);		/* wrong order */
	assert_int_equal(free_pages(&mem.pa, a, 3), -1);
	assert_int_equal(free_pages(&mem.pa, b, 1), -1);
	assert_int_equal(free_pages(&mem.pa, c, 0), -1);		/* double free */
	assert_int_equal(free_pages(&mem.pa, BASE, 0), -1);	/* reserved (never added) */
	assert_int_equal(free_pages(&mem.pa, BASE + 1000, 0), -1);
	assert_int_equal(free_pages(&mem.pa, BASE - 1, 0), -1);	/* outside mem_map */
	assert_int_equal(free_pages(&mem.pa, BASE + 1024, 0), -1);
	assert_int_equal(free_pages(&mem.pa, PFN_NONE, 0), -1);
	assert_int_equal(free_pages(&mem.pa, a, MAX_ORDER), -1);
	assert_int_equal(free_pages(&mem.pa, a, 255), -1);
	snap_assert_same(&s);
	snap_free(&s);

	/* A page kmalloc owns is refused too. */
	page_of(b)->flags |= PG_slab;
	snap_take(&s);
	assert_int_equal(free_pages(&mem.pa, b, 0), -1);
	snap_assert_same(&s);
	snap_free(&s);
	page_of(b)->flags &= (uint8_t)~PG_slab;

	assert_int_equal(free_pages(&mem.pa, a, 2), 0);
	assert_int_equal(free_pages(&mem.pa, a, 2), -1);		/* second time */
	assert_int_equal(free_pages(&mem.pa, b, 0), 0);
	assert_int_equal(nr_free_pages(&mem.pa, NR_ZONES), 996);
	assert_check();
}

static void test_check_catches_corruption(void **state)
{
	struct page saved;
	uint32_t pfn;

	(void)state;
	env_setup(BASE, 1024, PFN_NONE - 1, false);
	page_alloc_add_range(&mem.pa, BASE, BASE + 1024);
	pfn = alloc_pages(&mem.pa, GFP_KERNEL, 0);	/* one block of each order 0..9 */
	assert_check();

	/* A broken back link. */
	saved = *page_of(BASE + 2);
	page_of(BASE + 2)->prev = BASE + 4;
	assert_int_equal(page_alloc_check(&mem.pa), -1);
	*page_of(BASE + 2) = saved;
	assert_check();

	/* A count that disagrees with the list. */
	mem.pa.zones[ZONE_NORMAL].nr_free[3]++;
	assert_int_equal(page_alloc_check(&mem.pa), -1);
	mem.pa.zones[ZONE_NORMAL].nr_free[3]--;

	/* Flags inside a free block (overlap). */
	page_of(BASE + 17)->flags = PG_head;
	assert_int_equal(page_alloc_check(&mem.pa), -1);
	page_of(BASE + 17)->flags = 0;

	/* An allocated page lost (neither in a block nor reserved). */
	page_of(pfn)->flags = 0;
	assert_int_equal(page_alloc_check(&mem.pa), -1);
	page_of(pfn)->flags = PG_head;
	assert_check();

	/* Something on a frame never handed over, the inside of a block
	 * marked on a reserved frame, a range that disagrees with the count. */
	env_setup(BASE, 1024, PFN_NONE - 1, false);
	page_alloc_add_range(&mem.pa, BASE + 8, BASE + 1024);
	assert_check();
	page_of(BASE + 3)->order = 1;
	assert_int_equal(page_alloc_check(&mem.pa), -1);
	assert_non_null(strstr(captured(), "never added"));
	page_of(BASE + 3)->order = 0;
	page_of(BASE + 3)->next = PFN_NONE;
	assert_int_equal(page_alloc_check(&mem.pa), -1);
	page_of(BASE + 3)->next = 0;
	assert_check();
	mem.pa.ranges[0].start--;
	assert_int_equal(page_alloc_check(&mem.pa), -1);
	mem.pa.ranges[0].start++;
	mem.pa.ranges[1].end = 1;
	assert_int_equal(page_alloc_check(&mem.pa), -1);
	mem.pa.ranges[1].end = 0;
	assert_check();
	/* ... and a range that claims frames no block holds (with the count
	 * kept consistent). */
	mem.pa.ranges[0].start -= 4;
	mem.pa.zones[ZONE_NORMAL].managed_pages += 4;
	assert_int_equal(page_alloc_check(&mem.pa), -1);
	assert_non_null(strstr(captured(), "neither in a block"));
	mem.pa.ranges[0].start += 4;
	mem.pa.zones[ZONE_NORMAL].managed_pages -= 4;
	assert_check();
	pfn = alloc_pages(&mem.pa, GFP_KERNEL, 0);

	/* Two free buddies left unmerged: the head page and its buddy at
	 * order 0 both free, listed, counted. */
	page_of(pfn)->flags = PG_free;
	page_of(pfn)->order = 0;
	page_of(pfn)->prev = PFN_NONE;
	page_of(pfn)->next = mem.pa.zones[ZONE_NORMAL].free_head[0];
	page_of(mem.pa.zones[ZONE_NORMAL].free_head[0])->prev = pfn;
	mem.pa.zones[ZONE_NORMAL].free_head[0] = pfn;
	mem.pa.zones[ZONE_NORMAL].nr_free[0]++;
	mem.pa.zones[ZONE_NORMAL].free_pages++;
	assert_int_equal(page_alloc_check(&mem.pa), -1);
	assert_non_null(strstr(captured(), "buddies"));
}

static void test_holes_never_returned(void **state)
{
	static const uint32_t ranges[][2] = {
		{ 3, 200 }, { 257, 258 }, { 300, 511 }, { 640, 700 }, { 701, 1000 },
	};
	bool given[1024] = { false }, seen[1024] = { false };
	uint32_t pfn, managed = 0, n = 0;

	(void)state;
	env_setup(BASE, 1024, BASE + 650, false);
	for (size_t i = 0; i < ARRAY_SIZE(ranges); i++) {
		page_alloc_add_range(&mem.pa, BASE + ranges[i][0], BASE + ranges[i][1]);
		for (uint32_t f = ranges[i][0]; f < ranges[i][1]; f++)
			given[f] = true;
		managed += ranges[i][1] - ranges[i][0];
	}
	assert_int_equal(nr_free_pages(&mem.pa, NR_ZONES), managed);
	assert_int_equal(mem.pa.zones[ZONE_NORMAL].managed_pages +
			 mem.pa.zones[ZONE_HIGHMEM].managed_pages, managed);
	assert_check();

	/* Blocks of every size, then single pages, until nothing is left. */
	for (int o = MAX_ORDER - 1; o >= 0; o--)
		while ((pfn = alloc_pages(&mem.pa, o & 1 ? GFP_HIGHUSER : GFP_KERNEL,
					  (unsigned)o)) != PFN_NONE) {
			for (uint32_t f = pfn - BASE; f < pfn - BASE + (1u << o); f++) {
				assert_true(f < 1024);
				assert_true(given[f]);
				assert_false(seen[f]);
				seen[f] = true;
				n++;
			}
		}
	while ((pfn = alloc_pages(&mem.pa, GFP_HIGHUSER, 0)) != PFN_NONE) {
		assert_true(given[pfn - BASE] && !seen[pfn - BASE]);
		seen[pfn - BASE] = true;
		n++;
	}
	assert_int_equal(n, managed);
	assert_int_equal(nr_free_pages(&mem.pa, NR_ZONES), 0);
	assert_check();
}

/* ---------------------------------------------------------- page stress */

#define ST_NR		4096
#define ST_HM		3000		/* highmem from BASE + 3000: not aligned */
#define ST_OPS		1000000
#define ST_CHECK_EVERY	10000

struct live_block {
	uint32_t pfn, order, id;
};

static bool zone_has(enum zone_type z, unsigned order)
{
	for (unsigned o = order; o < MAX_ORDER; o++)
		if (mem.pa.zones[z].nr_free[o])
			return true;
	return false;
}

static void test_page_stress(void **state)
{
	static const uint32_t ranges[][2] = {
		{ 3, 700 }, { 705, 2047 }, { 2100, 3500 }, { 3600, 4090 },
	};
	static uint32_t owner[ST_NR];		/* 0: not handed out */
	static bool given[ST_NR];
	static struct live_block live[ST_NR];
	static struct page init_map[ST_NR];
	struct zone init_zone[NR_ZONES];
	uint32_t nlive = 0, next_id = 1, managed = 0, allocated = 0;
	uint32_t alloc_pct = 55, fails = 0, refusals = 0;

	(void)state;
	rng_state = 0x2545f491u;
	memset(owner, 0, sizeof(owner));
	memset(given, 0, sizeof(given));
	env_setup(BASE, ST_NR, BASE + ST_HM, false);
	for (size_t i = 0; i < ARRAY_SIZE(ranges); i++) {
		page_alloc_add_range(&mem.pa, BASE + ranges[i][0], BASE + ranges[i][1]);
		for (uint32_t f = ranges[i][0]; f < ranges[i][1]; f++)
			given[f] = true;
		managed += ranges[i][1] - ranges[i][0];
	}
	assert_check();
	memcpy(init_map, mem.map, sizeof(init_map));
	memcpy(init_zone, mem.pa.zones, sizeof(init_zone));

	for (uint32_t op = 1; op <= ST_OPS; op++) {
		uint32_t r = rnd();

		/* Swing between filling up and draining so both exhaustion and
		 * near-empty merging get exercised. */
		if (op % 100000 == 0)
			alloc_pct = alloc_pct == 55 ? 42 : 55;

		if (nlive == 0 || r % 100 < alloc_pct) {
			unsigned order = (r >> 8) % 100 < 70 ? 0 : 1 + (r >> 16) % 4;
			enum gfp gfp = (r >> 24) & 1 ? GFP_HIGHUSER : GFP_KERNEL;
			bool high = zone_has(ZONE_HIGHMEM, order);
			bool low = zone_has(ZONE_NORMAL, order);
			uint32_t pfn = alloc_pages(&mem.pa, gfp, order);

			if (pfn == PFN_NONE) {
				assert_false(low);
				assert_false(gfp == GFP_HIGHUSER && high);
				fails++;
				continue;
			}
			assert_true(pfn >= BASE && pfn - BASE + (1u << order) <= ST_NR);
			assert_int_equal(pfn & ((1u << order) - 1), 0);
			if (gfp == GFP_KERNEL || !high)
				assert_true(pfn - BASE + (1u << order) <= ST_HM);
			else
				assert_true(pfn - BASE >= ST_HM);
			assert_int_equal(page_of(pfn)->flags, PG_head);
			assert_int_equal(page_of(pfn)->order, order);
			for (uint32_t f = pfn - BASE; f < pfn - BASE + (1u << order); f++) {
				assert_true(given[f]);
				assert_int_equal(owner[f], 0);
				owner[f] = next_id;
			}
			live[nlive++] = (struct live_block){ pfn, order, next_id++ };
			allocated += 1u << order;
		} else {
			uint32_t i = (r >> 8) % nlive;
			struct live_block b = live[i];

			/* Now and then, a wrong free first: refused. */
			if ((r >> 24) % 16 == 0) {
				assert_int_equal(free_pages(&mem.pa, b.pfn, b.order + 1), -1);
				if (b.order)
					assert_int_equal(free_pages(&mem.pa, b.pfn + 1, 0), -1);
				refusals++;
			}
			for (uint32_t f = b.pfn - BASE; f < b.pfn - BASE + (1u << b.order); f++) {
				assert_int_equal(owner[f], b.id);
				owner[f] = 0;
			}
			assert_int_equal(free_pages(&mem.pa, b.pfn, b.order), 0);
			live[i] = live[--nlive];
			allocated -= 1u << b.order;
		}

		if (op % ST_CHECK_EVERY == 0) {
			uint32_t low_alloc = 0;

			assert_check();
			assert_int_equal(nr_free_pages(&mem.pa, NR_ZONES), managed - allocated);
			for (uint32_t f = 0; f < ST_HM; f++)
				low_alloc += owner[f] != 0;
			assert_int_equal(nr_free_pages(&mem.pa, ZONE_NORMAL),
					 mem.pa.zones[ZONE_NORMAL].managed_pages - low_alloc);
		}
	}
	/* Both directions happened. */
	assert_true(fails > 0);
	assert_true(refusals > 0);

	while (nlive) {
		struct live_block b = live[--nlive];

		assert_int_equal(free_pages(&mem.pa, b.pfn, b.order), 0);
	}
	assert_check();
	assert_int_equal(nr_free_pages(&mem.pa, NR_ZONES), managed);
	/* Zero pages lost, and the same maximal blocks as at the start (the
	 * lists may be in another order, so compare frames and counts). */
	for (uint32_t f = 0; f < ST_NR; f++) {
		assert_int_equal(mem.map[f].flags, init_map[f].flags);
		if (mem.map[f].flags == PG_free)
			assert_int_equal(mem.map[f].order, init_map[f].order);
	}
	for (int z = 0; z < NR_ZONES; z++) {
		assert_memory_equal(mem.pa.zones[z].nr_free, init_zone[z].nr_free,
				    sizeof(init_zone[z].nr_free));
		assert_int_equal(mem.pa.zones[z].free_pages, init_zone[z].free_pages);
		assert_int_equal(mem.pa.zones[z].managed_pages, init_zone[z].managed_pages);
	}
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_mem_map_size, page_env_teardown),
		cmocka_unit_test_teardown(test_init, page_env_teardown),
		cmocka_unit_test_teardown(test_add_range_maximal_blocks, page_env_teardown),
		cmocka_unit_test_teardown(test_adjacent_ranges_merge, page_env_teardown),
		cmocka_unit_test_teardown(test_add_range_twice, page_env_teardown),
		cmocka_unit_test_teardown(test_add_range_list, page_env_teardown),
		cmocka_unit_test_teardown(test_zones, page_env_teardown),
		cmocka_unit_test_teardown(test_highuser_prefers_highmem, page_env_teardown),
		cmocka_unit_test_teardown(test_split_and_coalesce, page_env_teardown),
		cmocka_unit_test_teardown(test_free_invalid, page_env_teardown),
		cmocka_unit_test_teardown(test_check_catches_corruption, page_env_teardown),
		cmocka_unit_test_teardown(test_holes_never_returned, page_env_teardown),
		cmocka_unit_test_teardown(test_page_stress, page_env_teardown),
	};

	return cmocka_run_group_tests_name("page_alloc", tests, NULL, NULL);
}
