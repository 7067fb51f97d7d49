/* Unit tests for core/mm/memblock.c: boot-time physical memory
 * bookkeeping (the memory and reserved ranges, top-down allocation, the
 * page counts the boot report prints). */
#include <setjmp.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "capture.h"
#include "memblock.h"
#include "sizes.h"

static const char *const PT_NAME = "page tables";
static const char *const DTB_NAME = "device tree";
static const char *const IMG_NAME = "kernel image";

static void assert_region(const struct memblock_type *t, int i, phys_addr_t base,
			  phys_addr_t size, const char *name)
{
	assert_true(i < t->cnt);
	assert_int_equal(t->r[i].base, base);
	assert_int_equal(t->r[i].size, size);
	if (name)
		assert_ptr_equal(t->r[i].name, name);
}

static void assert_sorted(const struct memblock_type *t)
{
	for (int i = 1; i < t->cnt; i++)
		if (t->r[i - 1].base > t->r[i].base)
			fail_msg("regions %d (0x%llx) and %d (0x%llx) out of order", i - 1,
				 (unsigned long long)t->r[i - 1].base, i,
				 (unsigned long long)t->r[i].base);
}

/* Ranges are kept sorted by base whatever the order they come in;
 * empty ranges are ignored. */
static void test_memblock_add_reserve_sorted(void **state)
{
	struct memblock mb;

	(void)state;
	memblock_init(&mb);
	assert_int_equal(mb.memory.cnt, 0);
	assert_int_equal(mb.reserved.cnt, 0);
	assert_int_equal(memblock_add(&mb, 0x60000000, SZ_1M), 0);
	assert_int_equal(memblock_add(&mb, 0x40000000, SZ_1M), 0);
	assert_int_equal(memblock_add(&mb, 0x50000000, SZ_1M), 0);
	assert_int_equal(memblock_add(&mb, 0x48000000, 0), 0);
	assert_int_equal(mb.memory.cnt, 3);
	assert_region(&mb.memory, 0, 0x40000000, SZ_1M, NULL);
	assert_region(&mb.memory, 1, 0x50000000, SZ_1M, NULL);
	assert_region(&mb.memory, 2, 0x60000000, SZ_1M, NULL);

	assert_int_equal(memblock_reserve(&mb, 0x40300000, 0x1000, DTB_NAME), 0);
	assert_int_equal(memblock_reserve(&mb, 0x40008000, 0x80000, IMG_NAME), 0);
	assert_int_equal(memblock_reserve(&mb, 0x40400000, 0x1000, PT_NAME), 0);
	assert_int_equal(memblock_reserve(&mb, 0x40000000, 0x1000, PT_NAME), 0);
	assert_int_equal(memblock_reserve(&mb, 0x40500000, 0, PT_NAME), 0);
	assert_int_equal(mb.reserved.cnt, 4);
	assert_region(&mb.reserved, 0, 0x40000000, 0x1000, PT_NAME);
	assert_region(&mb.reserved, 1, 0x40008000, 0x80000, IMG_NAME);
	assert_region(&mb.reserved, 2, 0x40300000, 0x1000, DTB_NAME);
	assert_region(&mb.reserved, 3, 0x40400000, 0x1000, PT_NAME);
	assert_string_equal(captured(), "");
}

/* A reservation touching one of the same owner grows it (from above or
 * below); another owner's, or a gap, makes a new region. */
static void test_memblock_reserve_merges(void **state)
{
	struct memblock mb;

	(void)state;
	memblock_init(&mb);
	memblock_reserve(&mb, 0x40001000, 0x1000, PT_NAME);
	memblock_reserve(&mb, 0x40002000, 0x1000, PT_NAME);	/* above */
	assert_int_equal(mb.reserved.cnt, 1);
	assert_region(&mb.reserved, 0, 0x40001000, 0x2000, PT_NAME);
	memblock_reserve(&mb, 0x40000000, 0x1000, PT_NAME);	/* below */
	assert_int_equal(mb.reserved.cnt, 1);
	assert_region(&mb.reserved, 0, 0x40000000, 0x3000, PT_NAME);

	memblock_reserve(&mb, 0x40003000, 0x1000, DTB_NAME);	/* touching, other owner */
	memblock_reserve(&mb, 0x40005000, 0x1000, PT_NAME);	/* same owner, gap */
	assert_int_equal(mb.reserved.cnt, 3);
	assert_region(&mb.reserved, 0, 0x40000000, 0x3000, PT_NAME);
	assert_region(&mb.reserved, 1, 0x40003000, 0x1000, DTB_NAME);
	assert_region(&mb.reserved, 2, 0x40005000, 0x1000, PT_NAME);
	assert_sorted(&mb.reserved);
}

/* Growing a region downwards must keep the list sorted by base, even
 * when the new range overlaps another owner's region (two firmware
 * /memreserve/ entries around the device tree, say): the page counts
 * rely on the order. */
static void test_memblock_merge_below_keeps_order(void **state)
{
	static const char *const FW = "firmware /memreserve/";
	struct memblock mb;

	(void)state;
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_16M);
	memblock_reserve(&mb, 0x40100000, 0x2000, DTB_NAME);
	memblock_reserve(&mb, 0x40101000, 0x2000, FW);		/* overlaps the DTB */
	memblock_reserve(&mb, 0x400ff000, 0x2000, FW);		/* ends where FW begins */
	assert_sorted(&mb.reserved);
	/* [0x400ff000, 0x40103000): four pages, whoever holds them */
	assert_int_equal(memblock_reserved_pages(&mb, 0, ~(phys_addr_t)0), 4);
}

/* Top-down below current_limit: each allocation is the highest free,
 * aligned range; consecutive page-table pages merge into one region. */
static void test_memblock_alloc_top_down(void **state)
{
	struct memblock mb;

	(void)state;
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_256M);
	mb.current_limit = 0x40200000;
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x401ff000);
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x401fe000);
	assert_int_equal(mb.reserved.cnt, 1);
	assert_region(&mb.reserved, 0, 0x401fe000, 0x2000, PT_NAME);

	/* a limit above the end of RAM: the end of RAM */
	mb.current_limit = 0x60000000;
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x4ffff000);
	/* a limit that is not page aligned: the page below it */
	mb.current_limit = 0x40300800;
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x402ff000);
	assert_sorted(&mb.reserved);
	assert_string_equal(captured(), "");
}

/* The result is a multiple of the alignment, and ends at or below the
 * limit. */
static void test_memblock_alloc_alignment(void **state)
{
	struct memblock mb;

	(void)state;
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_256M);
	mb.current_limit = 0x40208000;
	assert_int_equal(memblock_alloc(&mb, SZ_4K, 0x10000, PT_NAME), 0x40200000);
	mb.current_limit = 0x40200000;
	assert_int_equal(memblock_alloc(&mb, 0x3000, SZ_16K, IMG_NAME), 0x401fc000);
	/* 16 KB aligned with the top 8 KB taken: the next 16 KB boundary down */
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_256M);
	mb.current_limit = 0x40200000;
	memblock_reserve(&mb, 0x401fe000, 0x2000, DTB_NAME);
	assert_int_equal(memblock_alloc(&mb, SZ_16K, SZ_16K, PT_NAME), 0x401f8000);
	/* an L1 table: 16 KB at 16 KB */
	assert_int_equal(memblock_alloc(&mb, SZ_16K, SZ_16K, PT_NAME), 0x401f4000);
}

/* Reserved ranges are skipped, in several layouts. */
static void test_memblock_alloc_skips_reserved(void **state)
{
	struct memblock mb;

	(void)state;
	/* a reservation at the very top */
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_256M);
	mb.current_limit = 0x40200000;
	memblock_reserve(&mb, 0x401ff000, 0x1000, IMG_NAME);
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x401fe000);

	/* two adjacent reservations of different owners: below both */
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_256M);
	mb.current_limit = 0x40200000;
	memblock_reserve(&mb, 0x40100000, 0x100000, IMG_NAME);
	memblock_reserve(&mb, 0x400f0000, 0x10000, DTB_NAME);
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x400ef000);

	/* a hole too small for 8 KB but right for 4 KB */
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_256M);
	mb.current_limit = 0x40200000;
	memblock_reserve(&mb, 0x401f0000, 0x10000, IMG_NAME);
	memblock_reserve(&mb, 0x401e0000, 0xf000, DTB_NAME);
	assert_int_equal(memblock_alloc(&mb, 0x2000, SZ_4K, PT_NAME), 0x401de000);
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x401ef000);

	/* a reservation straddling the bottom of RAM: exactly what is left */
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_1M);
	mb.current_limit = ~(phys_addr_t)0;
	memblock_reserve(&mb, 0x3ff00000, 0x180000, IMG_NAME);
	assert_int_equal(memblock_alloc(&mb, 0x80000, SZ_4K, PT_NAME), 0x40080000);
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0);
	for (int i = 0; i < mb.reserved.cnt; i++)
		assert_true(mb.reserved.r[i].base + mb.reserved.r[i].size <= 0x40100000);
}

/* Several RAM ranges: the highest one below the limit first, falling to
 * a lower range when the higher one is full or above the limit. */
static void test_memblock_alloc_regions(void **state)
{
	struct memblock mb;

	(void)state;
	memblock_init(&mb);
	memblock_add(&mb, 0x48000000, SZ_1M);
	memblock_add(&mb, 0x40000000, SZ_1M);
	mb.current_limit = 0x50000000;
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x480ff000);
	memblock_reserve(&mb, 0x48000000, 0xff000, IMG_NAME);
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x400ff000);

	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_1M);
	memblock_add(&mb, 0x48000000, SZ_1M);
	mb.current_limit = 0x44000000;		/* the high range is out of reach */
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x400ff000);
	/* more than any range holds */
	mb.current_limit = 0x50000000;
	assert_int_equal(memblock_alloc(&mb, SZ_2M, SZ_4K, PT_NAME), 0);
}

/* Nothing free: 0, and nothing recorded. */
static void test_memblock_alloc_full(void **state)
{
	struct memblock mb;

	(void)state;
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_16K);
	mb.current_limit = 0x50000000;
	memblock_reserve(&mb, 0x40000000, 0x2000, IMG_NAME);
	memblock_reserve(&mb, 0x40002000, 0x2000, DTB_NAME);
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0);
	assert_int_equal(mb.reserved.cnt, 2);

	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_16K);
	mb.current_limit = 0x50000000;
	for (int i = 0; i < 4; i++)
		assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME),
				 0x40003000 - (phys_addr_t)i * SZ_4K);
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0);
	assert_int_equal(mb.reserved.cnt, 1);
	assert_region(&mb.reserved, 0, 0x40000000, SZ_16K, PT_NAME);

	/* a limit at the bottom of RAM */
	mb.current_limit = 0x40000000;
	memblock_add(&mb, 0x40100000, SZ_1M);
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0);
	assert_string_equal(captured(), "");
}

/* More than MEMBLOCK_MAX ranges: a message, -1, the list unchanged. */
static void test_memblock_overflow(void **state)
{
	struct memblock mb;

	(void)state;
	memblock_init(&mb);
	for (int i = 0; i < MEMBLOCK_MAX; i++)
		assert_int_equal(memblock_add(&mb, 0x40000000 + (phys_addr_t)i * SZ_2M, SZ_1M), 0);
	assert_string_equal(captured(), "");
	assert_int_equal(memblock_add(&mb, 0x80000000, SZ_1M), -1);
	assert_string_equal(captured(), "vmsplit: memblock: more than 32 ranges, 0x80000000 not recorded\n");
	assert_int_equal(mb.memory.cnt, MEMBLOCK_MAX);

	capture_reset();
	for (int i = 0; i < MEMBLOCK_MAX; i++)
		assert_int_equal(memblock_reserve(&mb, 0x40080000 + (phys_addr_t)i * SZ_2M,
						  SZ_4K, PT_NAME), 0);
	assert_int_equal(memblock_reserve(&mb, 0x41000000 + SZ_1M, SZ_4K, DTB_NAME), -1);
	assert_contains(captured(), "more than 32 ranges, 0x41100000 not recorded\n");
	assert_int_equal(mb.reserved.cnt, MEMBLOCK_MAX);
	/* growing an existing region needs no new slot */
	assert_int_equal(memblock_reserve(&mb, 0x40081000, SZ_4K, PT_NAME), 0);
	assert_region(&mb.reserved, 0, 0x40080000, 0x2000, PT_NAME);

	/* an allocation that would need a new slot fails cleanly */
	capture_reset();
	mb.current_limit = 0x40100000;
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, DTB_NAME), 0);
	assert_contains(captured(), "vmsplit: memblock: more than 32 ranges");
	assert_int_equal(mb.reserved.cnt, MEMBLOCK_MAX);
	/* ... one that grows a region of its owner (just below the one at
	 * 0x40080000) does not */
	mb.current_limit = 0x40080000;
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x4007f000);
	assert_region(&mb.reserved, 0, 0x4007f000, 0x3000, PT_NAME);
	assert_int_equal(mb.reserved.cnt, MEMBLOCK_MAX);
}

/* RAM pages: whole pages only (a partial page at either end is not a
 * page), clipped to [lo, hi). */
static void test_memblock_ram_pages(void **state)
{
	struct memblock mb;
	const phys_addr_t all = ~(phys_addr_t)0;

	(void)state;
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_256M);
	memblock_add(&mb, 0x60000000, SZ_1M);
	assert_int_equal(memblock_ram_pages(&mb, 0, all), 65536 + 256);
	assert_int_equal(memblock_ram_pages(&mb, 0x40001000, 0x40003000), 2);
	assert_int_equal(memblock_ram_pages(&mb, 0x40000800, 0x40002800), 1);
	assert_int_equal(memblock_ram_pages(&mb, 0x4ffff000, 0x60001000), 2);
	assert_int_equal(memblock_ram_pages(&mb, 0x50000000, 0x60000000), 0);
	assert_int_equal(memblock_ram_pages(&mb, 0x60000000, all), 256);
	assert_int_equal(memblock_ram_pages(&mb, 0x40000000, 0x40000000), 0);

	memblock_init(&mb);
	memblock_add(&mb, 0x40000800, 0x3000);		/* [0x40000800, 0x40003800) */
	assert_int_equal(memblock_ram_pages(&mb, 0, all), 2);
}

/* Rounding inward can leave nothing: a range (or a window) inside a single
 * page holds no whole page: 0, not a negative count. */
static void test_memblock_ram_pages_less_than_a_page(void **state)
{
	struct memblock mb;

	(void)state;
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_1M);
	assert_int_equal(memblock_ram_pages(&mb, 0x40000800, 0x40000c00), 0);
	memblock_init(&mb);
	memblock_add(&mb, 0x40000800, 0x400);
	assert_int_equal(memblock_ram_pages(&mb, 0, ~(phys_addr_t)0), 0);
}

/* Reserved pages: a page touched by any reservation counts once, however
 * many reservations touch it; reservations outside RAM do not count;
 * everything clipped to [lo, hi). */
static void test_memblock_reserved_pages(void **state)
{
	struct memblock mb;
	const phys_addr_t all = ~(phys_addr_t)0;

	(void)state;
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_1M);
	memblock_reserve(&mb, 0x40000000, 0x3000, IMG_NAME);
	memblock_reserve(&mb, 0x40001000, 0x1000, DTB_NAME);	/* inside */
	memblock_reserve(&mb, 0x40002800, 0x2800, PT_NAME);	/* overlaps the end */
	memblock_reserve(&mb, 0x40002800, 0x2800, DTB_NAME);	/* the same again */
	assert_int_equal(memblock_reserved_pages(&mb, 0, all), 5);
	assert_int_equal(memblock_reserved_pages(&mb, 0x40001000, 0x40004000), 3);
	assert_int_equal(memblock_reserved_pages(&mb, 0x40005000, all), 0);

	/* partial pages round outward */
	memblock_reserve(&mb, 0x40010800, 0x100, DTB_NAME);		/* 1 page */
	memblock_reserve(&mb, 0x40020ff0, 0x20, DTB_NAME);		/* 2 pages */
	assert_int_equal(memblock_reserved_pages(&mb, 0, all), 8);
	assert_int_equal(memblock_reserved_pages(&mb, 0x40010000, 0x40030000), 3);

	/* outside RAM: not counted; straddling the end of RAM: the RAM part */
	memblock_reserve(&mb, 0x30000000, 0x10000, IMG_NAME);
	memblock_reserve(&mb, 0x400ff000, 0x2000, IMG_NAME);
	assert_int_equal(memblock_reserved_pages(&mb, 0, all), 9);
	assert_int_equal(memblock_ram_pages(&mb, 0, all), 256);

	/* two RAM ranges: each counted on its own */
	memblock_add(&mb, 0x50000000, SZ_1M);
	memblock_reserve(&mb, 0x4fffff00, 0x200, PT_NAME);		/* across the gap */
	assert_int_equal(memblock_reserved_pages(&mb, 0, all), 10);
	assert_int_equal(memblock_reserved_pages(&mb, 0x50000000, all), 1);
}

/* Reserved pages are pages of RAM ("how many of them are reserved"):
 * with RAM edges (or a window) off page boundaries, the partial pages at
 * the edges are not RAM pages, so never reserved ones either; the count
 * can never pass memblock_ram_pages(). */
static void test_memblock_reserved_never_more_than_ram(void **state)
{
	struct memblock mb;
	const phys_addr_t all = ~(phys_addr_t)0;

	(void)state;
	memblock_init(&mb);
	memblock_add(&mb, 0x40000800, 0x2000);		/* whole page: 0x40001000 */
	memblock_reserve(&mb, 0x40000000, 0x4000, IMG_NAME);
	assert_int_equal(memblock_ram_pages(&mb, 0, all), 1);
	assert_int_equal(memblock_reserved_pages(&mb, 0, all), 1);

	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_1M);
	memblock_reserve(&mb, 0x40000000, SZ_1M, IMG_NAME);
	assert_int_equal(memblock_ram_pages(&mb, 0x40001800, 0x40003800), 1);
	assert_int_equal(memblock_reserved_pages(&mb, 0x40001800, 0x40003800), 1);
}


static int setup_capture(void **state)
{
	(void)state;
	capture_reset();
	return 0;
}

#define MB_TEST(f)	cmocka_unit_test_setup(f, setup_capture)

int main(void)
{
	const struct CMUnitTest tests[] = {
		MB_TEST(test_memblock_add_reserve_sorted),
		MB_TEST(test_memblock_reserve_merges),
		MB_TEST(test_memblock_merge_below_keeps_order),
		MB_TEST(test_memblock_alloc_top_down),
		MB_TEST(test_memblock_alloc_alignment),
		MB_TEST(test_memblock_alloc_skips_reserved),
		MB_TEST(test_memblock_alloc_regions),
		MB_TEST(test_memblock_alloc_full),
		MB_TEST(test_memblock_overflow),
		MB_TEST(test_memblock_ram_pages),
		MB_TEST(test_memblock_ram_pages_less_than_a_page),
		MB_TEST(test_memblock_reserved_pages),
		MB_TEST(test_memblock_reserved_never_more_than_ram),
	};

	return cmocka_run_group_tests_name("memblock", tests, NULL, NULL);
}
