/* Unit tests for core/mm/pgtable_long.c: the long-descriptor mapping
 * routine, its unmapping, and the walker, on the fake memory of
 * tests/unit/fake_mm_long.c (tables above 4 GB, the break-before-make
 * model on throughout).  Descriptor values are written as numbers from
 * the ARM ARM's pictures (B3.6.1): a 2 MB block 0b01 with the output
 * address in [39:21], a table or a page 0b11 with [39:12]; attributes as
 * in test_long_mem_types.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "capture.h"
#include "fake_mm_long.h"
#include "long_mem_types.h"
#include "pgtable_long.h"
#include "sizes.h"
#include "xorshift64.h"

#define RW_BLOCK	UINT64_C(0x004000000000071d)	/* MT_MEMORY_RW, 2 MB block */
#define RW_PAGE		UINT64_C(0x00c000000000071f)	/* MT_MEMORY_RW, page */
#define RO_PAGE		UINT64_C(0x04c000000000079f)	/* MT_MEMORY_RO, page */
#define DEV_PAGE	UINT64_C(0x00c0000000000713)	/* MT_DEVICE, page */
#define T0		(LFAKE_PHYS_BASE)		/* the first table handed out */
#define T1		(LFAKE_PHYS_BASE + 0x1000)
#define T2		(LFAKE_PHYS_BASE + 0x2000)
#define T3		(LFAKE_PHYS_BASE + 0x3000)

static int setup(void **state)
{
	(void)state;
	lfake_reset();
	capture_reset();
	lshadow_start();
	return 0;
}

static int map(uint32_t va, uint64_t pa, uint32_t len, enum mem_type_id t, unsigned flags)
{
	struct map_desc md = { .virt = va, .phys = pa, .length = len, .type = t, .flags = flags };
	int r = create_mapping(&lfake_pt, &md);

	lshadow_check();
	lfake_assert_accounting();
	return r;
}

static struct walk walk(uint32_t va)
{
	struct walk w;

	pgtable_walk(&lfake_pt, va, &w);
	return w;
}

static uint64_t *pmd_of(uint32_t va)
{
	return lfake_table(lfake_pgd[va >> 30] & UINT64_C(0xfffffff000));
}

static void test_format(void **state)
{
	(void)state;
	assert_string_equal(long_desc_format.name, "long-descriptor (LPAE)");
	assert_int_equal(long_desc_format.levels, 3);
	assert_int_equal(long_desc_format.root_bytes, 32);
	assert_int_equal(long_desc_format.table_bytes, 4096);
}

/* A whole aligned 2 MB: one second-level block, under a second-level
 * table the pgd now points at. */
static void test_block(void **state)
{
	struct walk w;

	(void)state;
	assert_int_equal(map(0xc0000000u, 0x40000000u, SZ_2M, MT_MEMORY_RW, 0), 0);
	assert_true(lfake_pgd[3] == (T0 | 3));
	assert_true(pmd_of(0xc0000000u)[0] == (0x40000000u | RW_BLOCK));
	assert_int_equal(lfake_pt.nr_tables, 1);
	w = walk(0xc0123456u);
	assert_int_equal(w.kind, WALK_BLOCK);
	assert_int_equal(w.level, 2);
	assert_int_equal(w.size, SZ_2M);
	assert_true(w.pa == 0x40123456u);
	assert_true(w.desc[0] == (T0 | 3));
	assert_true(w.desc[1] == (0x40000000u | RW_BLOCK));
	assert_true(long_desc_format.mk_leaf(0x40000000u, MT_MEMORY_RW, WALK_BLOCK) == w.desc[1]);
	/* Next to it, nothing. */
	w = walk(0xc0200000u);
	assert_int_equal(w.kind, WALK_FAULT);
	assert_int_equal(w.level, 2);
	w = walk(0x80000000u);
	assert_int_equal(w.kind, WALK_FAULT);
	assert_int_equal(w.level, 1);
}

/* Less than 2 MB, or not aligned: pages in a third-level table. */
static void test_pages(void **state)
{
	struct walk w;
	uint64_t *pte;

	(void)state;
	assert_int_equal(map(0xc0201000u, 0x40201000u, 0x4000, MT_MEMORY_RO, 0), 0);
	assert_int_equal(lfake_pt.nr_tables, 2);
	assert_true(pmd_of(0xc0200000u)[1] == (T1 | 3));
	pte = lfake_table(T1);
	assert_true(pte[0] == 0);
	for (unsigned i = 1; i <= 4; i++)
		assert_true(pte[i] == ((0x40200000u + i * 0x1000u) | RO_PAGE));
	assert_true(pte[5] == 0);
	w = walk(0xc0203abcu);
	assert_int_equal(w.kind, WALK_PAGE);
	assert_int_equal(w.level, 3);
	assert_int_equal(w.size, SZ_4K);
	assert_true(w.pa == 0x40203abcu);
	assert_true(long_desc_format.mk_leaf(0x40203000u, MT_MEMORY_RO, WALK_PAGE) == w.desc[2]);
	w = walk(0xc0205000u);
	assert_int_equal(w.kind, WALK_FAULT);
	assert_int_equal(w.level, 3);
	/* 2 MB at a VA 2 MB aligned but a PA that is not: pages too. */
	assert_int_equal(map(0xc0400000u, 0x40401000u, SZ_2M, MT_MEMORY_RW, 0), 0);
	assert_int_equal(long_desc_kind_of(2, pmd_of(0xc0400000u)[2]), LD_TABLE);
	assert_true(walk(0xc05ff000u).pa == 0x40600000u);
}

/* Output addresses use all 40 bits: blocks and pages above 4 GB, up to
 * the last page below 1 TB; the tables themselves live above 4 GB. */
static void test_above_4g(void **state)
{
	struct walk w;

	(void)state;
	assert_int_equal(map(0xe0000000u, UINT64_C(0x240000000), 0x400000u, MT_MEMORY_RW, 0), 0);
	assert_true(pmd_of(0xe0000000u)[256] == (UINT64_C(0x240000000) | RW_BLOCK));
	assert_true(pmd_of(0xe0000000u)[257] == (UINT64_C(0x240200000) | RW_BLOCK));
	w = walk(0xe0300010u);
	assert_true(w.pa == UINT64_C(0x240300010));
	assert_int_equal(map(0xf0000000u, UINT64_C(0xfffffff000), SZ_4K, MT_DEVICE, 0), 0);
	w = walk(0xf0000ff0u);
	assert_int_equal(w.kind, WALK_PAGE);
	assert_true(w.pa == UINT64_C(0xfffffffff0));
	assert_true(w.desc[2] == (UINT64_C(0xfffffff000) | DEV_PAGE));
	assert_true(w.desc[0] == (T0 | 3) && T0 > UINT64_C(0xffffffff));
}

/* What cannot be mapped is refused with the reason, and nothing changes. */
static void test_refusals(void **state)
{
	(void)state;
	assert_int_equal(map(0xc0000800u, 0x40000000u, SZ_4K, MT_MEMORY_RW, 0), -1);
	assert_contains(captured(), "vmsplit: cannot map 0xc0000800 (+0x1000): not page aligned");
	capture_reset();
	assert_int_equal(map(0xfffff000u, 0x40000000u, SZ_8K, MT_MEMORY_RW, 0), -1);
	assert_contains(captured(), "past 4 GB virtual");
	capture_reset();
	assert_int_equal(map(0xc0000000u, UINT64_C(0xfffffff000), SZ_8K, MT_MEMORY_RW, 0), -1);
	assert_contains(captured(), "past the 40-bit physical space");
	assert_int_equal(map(0xc0000000u, 0x40000000u, 0, MT_MEMORY_RW, 0), -1);
	assert_int_equal(map(0xc0000000u, 0x40000000u, SZ_4K, NR_MEM_TYPES, 0), -1);
	assert_int_equal(lfake.alloc_calls, 0);
	assert_true(lfake_pgd[3] == 0);
	/* No memory for a table: said, and nothing half made. */
	capture_reset();
	lfake.fail = true;
	assert_int_equal(map(0xc0000000u, 0x40000000u, SZ_4K, MT_MEMORY_RW, 0), -1);
	assert_string_equal(captured(), "vmsplit: out of memory for a level-2 table at 0xc0000000\n");
	lfake.fail = false;
	capture_reset();
	lfake.fail_after = lfake.alloc_calls + 1;	/* the second-level table, not the third */
	assert_int_equal(map(0xc0000000u, 0x40000000u, SZ_4K, MT_MEMORY_RW, 0), -1);
	assert_string_equal(captured(), "vmsplit: out of memory for a level-3 table at 0xc0000000\n");
	assert_int_equal(pmd_of(0xc0000000u)[0], 0);
	capture_reset();
	assert_int_equal(remove_mapping(&lfake_pt, 0xc0000000u, 0x800), -1);
	assert_contains(captured(), "vmsplit: cannot unmap 0xc0000000 (+0x800)");
	capture_reset();
	assert_int_equal(alloc_page_tables(&lfake_pt, 0xc0000000u, 0, MT_MEMORY_RW), -1);
	assert_contains(captured(), "vmsplit: cannot make tables for 0xc0000000 (+0x0)");
}

/* A page inside a block: the block becomes a table of 512 pages with its
 * attributes (break-before-make on its entry), the one page changes. */
static void test_split(void **state)
{
	uint64_t *pmd, *pte;
	unsigned mark;

	(void)state;
	assert_int_equal(map(0xc0000000u, 0x40000000u, SZ_2M, MT_MEMORY_RW, 0), 0);
	pmd = pmd_of(0xc0000000u);
	mark = lfake.nr_events;
	assert_int_equal(map(0xc0005000u, 0x50000000u, SZ_4K, MT_DEVICE, 0), 0);
	lfake_assert_bbm(mark, &pmd[0], 0xc0000000u, SZ_2M, T1 | 3);
	/* The table was written out before the block was broken. */
	assert_true(lfake_next_written(mark, lfake_table(T1), 512) <
		    lfake_next_written(mark, &pmd[0], 1));
	pte = lfake_table(T1);
	for (unsigned i = 0; i < 512; i++)
		if (i != 5)
			assert_true(pte[i] == ((0x40000000u + i * 0x1000u) | RW_PAGE));
	assert_true(pte[5] == (0x50000000u | DEV_PAGE));
	assert_int_equal(walk(0xc0004000u).kind, WALK_PAGE);
	assert_true(walk(0xc0004321u).pa == 0x40004321u);
	assert_true(walk(0xc0005321u).pa == 0x50000321u);
	assert_int_equal(lfake_pt.nr_tables, 2);
}

/* The page put back as it was: the table maps one aligned 2 MB with one
 * set of attributes again, and becomes the block it was (break-before-
 * make; the table freed after the flush). */
static void test_merge(void **state)
{
	uint64_t *pmd;
	unsigned mark;

	(void)state;
	assert_int_equal(map(0xc0000000u, 0x40000000u, SZ_2M, MT_MEMORY_RW, 0), 0);
	assert_int_equal(map(0xc0005000u, 0x50000000u, SZ_4K, MT_DEVICE, 0), 0);
	pmd = pmd_of(0xc0000000u);
	mark = lfake.nr_events;
	assert_int_equal(map(0xc0005000u, 0x40005000u, SZ_4K, MT_MEMORY_RW, 0), 0);
	lfake_assert_bbm(mark, &pmd[0], 0xc0000000u, SZ_2M, 0x40000000u | RW_BLOCK);
	assert_true(pmd[0] == (0x40000000u | RW_BLOCK));
	assert_int_equal(lfake.free_calls, 1);
	assert_int_equal(lfake_pt.nr_tables, 1);
	assert_true(lfake_next_flush(mark, 0xc0000000u, SZ_2M) <
		    (int)lfake.nr_events - 1);	/* the free came after the flush */
	assert_int_equal(lfake.ev[lfake.nr_events - 1].kind, LEV_FREE);
	/* Pages mapped one by one into a whole 2 MB merge the same way. */
	for (uint32_t off = 0; off < SZ_2M; off += SZ_1M)
		assert_int_equal(map(0xc0200000u + off, 0x48000000u + off, SZ_1M, MT_MEMORY_RO, 0), 0);
	assert_int_equal(long_desc_kind_of(2, pmd[1]), LD_BLOCK2);
	assert_true(pmd[1] == (0x48000000u | long_mem_types[MT_MEMORY_RO].prot_block));
	/* Not when the 2 MB is not one run, nor one kind of memory. */
	assert_int_equal(map(0xc0400000u, 0x48000000u, SZ_1M, MT_MEMORY_RO, 0), 0);
	assert_int_equal(map(0xc0500000u, 0x48200000u, SZ_1M, MT_MEMORY_RO, 0), 0);
	assert_int_equal(long_desc_kind_of(2, pmd[2]), LD_TABLE);
	assert_int_equal(map(0xc0600000u, 0x48000000u, SZ_1M, MT_MEMORY_RO, 0), 0);
	assert_int_equal(map(0xc0700000u, 0x48100000u, SZ_1M, MT_MEMORY_RW, 0), 0);
	assert_int_equal(long_desc_kind_of(2, pmd[3]), LD_TABLE);
}

/* A whole aligned 2 MB mapped where pages are: one block, the table
 * given back; where tables are kept, the pages are written instead. */
static void test_block_over_pages(void **state)
{
	uint64_t *pmd;

	(void)state;
	assert_int_equal(map(0xc0000000u, 0x40000000u, SZ_4K, MT_DEVICE, 0), 0);
	assert_int_equal(lfake_pt.nr_tables, 2);
	assert_int_equal(map(0xc0000000u, 0x40000000u, SZ_2M, MT_MEMORY_RW, 0), 0);
	pmd = pmd_of(0xc0000000u);
	assert_true(pmd[0] == (0x40000000u | RW_BLOCK));
	assert_int_equal(lfake_pt.nr_tables, 1);
	assert_int_equal(lfake.free_calls, 1);

	lfake_pt.ops = &lfake_ops_keep;
	assert_int_equal(alloc_page_tables(&lfake_pt, 0xc0200000u, SZ_4K, MT_MEMORY_RW), 0);
	assert_int_equal(lfake_pt.nr_tables, 2);
	assert_int_equal(map(0xc0200000u, 0x40200000u, SZ_2M, MT_MEMORY_RW, 0), 0);
	assert_int_equal(long_desc_kind_of(2, pmd[1]), LD_TABLE);
	assert_true(lfake_table(pmd[1] & UINT64_C(0xfffffff000))[511] == (0x403ff000u | RW_PAGE));
	assert_int_equal(lfake_pt.nr_tables, 2);
}

/* A table alloc_page_tables made (pkmap's) stays a table: its pages
 * never merge, a whole 2 MB mapped over it is written as pages; and a
 * table that was there already is marked to stay (break-before-make on
 * its descriptor, though only an ignored bit changes). */
static void test_kept_tables(void **state)
{
	uint64_t *pmd, keep = UINT64_C(1) << 58;
	unsigned mark;

	(void)state;
	assert_int_equal(alloc_page_tables(&lfake_pt, 0xbfe00000u, SZ_2M, MT_MEMORY_RW), 0);
	lshadow_check();
	pmd = pmd_of(0xbfe00000u);
	assert_true(pmd[511] == (T1 | 3 | keep));
	for (uint32_t off = 0; off < SZ_2M; off += SZ_4K)
		assert_int_equal(map(0xbfe00000u + off, 0x40000000u + off, SZ_4K, MT_MEMORY_RW, 0), 0);
	assert_true(pmd[511] == (T1 | 3 | keep));
	assert_int_equal(map(0xbfe00000u, 0x40200000u, SZ_2M, MT_MEMORY_RW, 0), 0);
	assert_true(pmd[511] == (T1 | 3 | keep));
	assert_true(walk(0xbfe01000u).pa == 0x40201000u);
	assert_int_equal(walk(0xbfe01000u).kind, WALK_PAGE);
	assert_int_equal(clear_mapping(&lfake_pt, 0xbfe00000u, SZ_2M), 0);
	lshadow_check();
	assert_true(pmd[511] == (T1 | 3 | keep));
	assert_int_equal(lfake.free_calls, 0);
	/* A table map made, then asked for by alloc_page_tables. */
	assert_int_equal(map(0xc0001000u, 0x40001000u, SZ_4K, MT_MEMORY_RW, 0), 0);
	pmd = pmd_of(0xc0000000u);
	assert_true(pmd[0] == (T3 | 3));
	mark = lfake.nr_events;
	assert_int_equal(alloc_page_tables(&lfake_pt, 0xc0000000u, SZ_4K, MT_MEMORY_RW), 0);
	lshadow_check();
	lfake_assert_bbm(mark, &pmd[0], 0xc0000000u, SZ_2M, T3 | 3 | keep);
	assert_true(walk(0xc0001000u).pa == 0x40001000u);
	assert_int_equal(lfake_pt.nr_tables, 4);
}

/* alloc_page_tables: empty third-level tables for every 2 MB touched. */
static void test_alloc_page_tables(void **state)
{
	(void)state;
	assert_int_equal(alloc_page_tables(&lfake_pt, 0xbfe00000u, SZ_2M + SZ_4K, MT_MEMORY_RW), 0);
	lshadow_check();
	lfake_assert_accounting();
	/* 0xbfe00000 in GB 2, 0xc0000000 in GB 3: two second-level tables,
	 * two third-level ones. */
	assert_int_equal(lfake_pt.nr_tables, 4);
	assert_int_equal(walk(0xbfe00000u).kind, WALK_FAULT);
	assert_int_equal(walk(0xbfe00000u).level, 3);
	assert_int_equal(walk(0xc0000000u).level, 3);
	assert_int_equal(walk(0xc0200000u).level, 2);
	/* Again: nothing new. */
	assert_int_equal(alloc_page_tables(&lfake_pt, 0xbfe00000u, SZ_4K, MT_MEMORY_RW), 0);
	assert_int_equal(lfake_pt.nr_tables, 4);
}

/* remove_mapping: the pages go with a flush each, an emptied third-level
 * table is given back after the flush of its entry; clear_mapping keeps
 * it; a block goes whole, or is split to lose a part. */
static void test_unmap(void **state)
{
	uint64_t *pmd;
	unsigned mark;

	(void)state;
	assert_int_equal(map(0xc0201000u, 0x40201000u, 0x4000, MT_MEMORY_RW, 0), 0);
	pmd = pmd_of(0xc0200000u);
	mark = lfake.nr_events;
	assert_int_equal(remove_mapping(&lfake_pt, 0xc0201000u, 0x2000), 0);
	lshadow_check();
	assert_true(lfake_next_flush(mark, 0xc0201000u, SZ_4K) >= 0);
	assert_true(lfake_next_flush(mark, 0xc0202000u, SZ_4K) >= 0);
	assert_int_equal(walk(0xc0201000u).kind, WALK_FAULT);
	assert_int_equal(walk(0xc0203000u).kind, WALK_PAGE);
	assert_int_equal(lfake.free_calls, 0);
	assert_int_equal(clear_mapping(&lfake_pt, 0xc0203000u, 0x2000), 0);
	lshadow_check();
	assert_int_equal(long_desc_kind_of(2, pmd[1]), LD_TABLE);	/* kept */
	assert_int_equal(remove_mapping(&lfake_pt, 0xc0200000u, SZ_2M), 0);
	lshadow_check();
	lfake_assert_accounting();
	assert_true(pmd[1] == 0);
	assert_int_equal(lfake.free_calls, 1);
	assert_int_equal(lfake_pt.nr_tables, 1);	/* the second-level table stays */

	/* A block: whole, then a part of one. */
	assert_int_equal(map(0xc0400000u, 0x40400000u, 0x400000u, MT_MEMORY_RW, 0), 0);
	mark = lfake.nr_events;
	assert_int_equal(remove_mapping(&lfake_pt, 0xc0400000u, SZ_2M), 0);
	lshadow_check();
	assert_true(pmd[2] == 0);
	assert_true(lfake_next_flush(mark, 0xc0400000u, SZ_2M) >= 0);
	assert_int_equal(remove_mapping(&lfake_pt, 0xc0600000u, SZ_4K), 0);
	lshadow_check();
	lfake_assert_accounting();
	assert_int_equal(long_desc_kind_of(2, pmd[3]), LD_TABLE);
	assert_int_equal(walk(0xc0600000u).kind, WALK_FAULT);
	assert_true(walk(0xc0601000u).pa == 0x40601000u);
	/* Nothing there: nothing to do, and no table made. */
	assert_int_equal(remove_mapping(&lfake_pt, 0x40000000u, SZ_1G), 0);
	assert_true(lfake_pgd[1] == 0);
	/* Across gigabytes, to the top of the address space. */
	assert_int_equal(remove_mapping(&lfake_pt, 0x80000000u, 0x80000000u), 0);
	lshadow_check();
	lfake_assert_accounting();
	for (uint32_t va = 0xc0000000u; va < 0xc0800000u; va += SZ_4K)
		assert_int_equal(walk(va).kind, WALK_FAULT);
	assert_int_equal(lfake_pt.nr_tables, 1);
}

/* A 1 GB block (Linux makes none; another's tables may have one): walked,
 * split to map inside it, removed whole. */
static void test_gigabyte_block(void **state)
{
	uint64_t gb = UINT64_C(0x140000000) | RW_BLOCK;	/* the block bits are level-free */
	struct walk w;

	(void)state;
	lfake_pgd[1] = gb;
	lshadow_start();
	w = walk(0x7fffffffu);
	assert_int_equal(w.kind, WALK_BLOCK);
	assert_int_equal(w.level, 1);
	assert_int_equal(w.size, SZ_1G);
	assert_true(w.pa == UINT64_C(0x17fffffff));
	assert_int_equal(map(0x40201000u, 0x30000000u, SZ_4K, MT_MEMORY_RO, 0), 0);
	assert_int_equal(long_desc_kind_of(1, lfake_pgd[1]), LD_TABLE);
	assert_int_equal(lfake_pt.nr_tables, 2);
	assert_true(walk(0x7fffffffu).pa == UINT64_C(0x17fffffff));
	assert_int_equal(walk(0x7fffffffu).level, 2);
	assert_true(walk(0x40200000u).pa == UINT64_C(0x140200000));
	assert_true(walk(0x40201000u).pa == 0x30000000u);
	/* Removed whole. */
	lfake_pgd[2] = UINT64_C(0x1c0000000) | RW_BLOCK;
	lshadow_start();
	assert_int_equal(remove_mapping(&lfake_pt, 0x80000000u, SZ_1G), 0);
	lshadow_check();
	assert_true(lfake_pgd[2] == 0);
	/* Cut at its end: split, the rest kept. */
	lfake_pgd[3] = UINT64_C(0x00c0000000) | RW_BLOCK;
	lshadow_start();
	assert_int_equal(remove_mapping(&lfake_pt, 0xfffff000u, SZ_4K), 0);
	lshadow_check();
	lfake_assert_accounting();
	assert_int_equal(walk(0xfffff000u).kind, WALK_FAULT);
	assert_true(walk(0xffffe000u).pa == UINT64_C(0xffffe000));
	assert_true(walk(0xc0000000u).pa == UINT64_C(0xc0000000));
}

/* MAP_PXN: a new table says PXNTable, a block PXN; a table of pages
 * merged into a block passes its PXNTable on as PXN. */
static void test_pxn(void **state)
{
	uint64_t *pmd, pxn = UINT64_C(1) << 53;

	(void)state;
	assert_int_equal(map(0x00008000u, 0x41008000u, SZ_4K, MT_MEMORY_RX, MAP_PXN), 0);
	pmd = pmd_of(0);
	assert_true(pmd[0] == (T1 | 3 | (UINT64_C(1) << 59)));
	assert_int_equal(map(0x00200000u, 0x41200000u, SZ_2M, MT_MEMORY_RX, MAP_PXN), 0);
	assert_true(pmd[1] == (0x41200000u | long_mem_types[MT_MEMORY_RX].prot_block | pxn));
	/* The rest of the first 2 MB, without the flag: the table's limit stays. */
	assert_int_equal(map(0x00000000u, 0x41000000u, 0x8000, MT_MEMORY_RX, 0), 0);
	assert_int_equal(long_desc_kind_of(2, pmd[0]), LD_TABLE);
	assert_int_equal(map(0x00009000u, 0x41009000u, SZ_2M - 0x9000, MT_MEMORY_RX, 0), 0);
	assert_true(pmd[0] == (0x41000000u | long_mem_types[MT_MEMORY_RX].prot_block | pxn));
	assert_int_equal(lfake_pt.nr_tables, 1);
}

/* MAP_NO_AF: the leaves come without the Access Flag (bit 10), blocks
 * and pages alike; pgtable_set_access_flag() sets it in place, with one
 * write and no break and no TLB flush (the shadow model allows exactly
 * that change: an AF = 0 entry faults, so no TLB holds it). */
static void test_no_access_flag(void **state)
{
	uint64_t af = UINT64_C(1) << 10, *pte;
	unsigned flushes, writes;

	(void)state;
	assert_int_equal(map(0xc0201000u, 0x40201000u, SZ_4K, MT_MEMORY_RW, MAP_NO_AF), 0);
	pte = lfake_table(T1);
	assert_true(pte[1] == ((0x40201000u | RW_PAGE) & ~af));
	assert_true(walk(0xc0201000u).kind == WALK_PAGE);
	assert_int_equal(map(0xc0400000u, 0x40400000u, SZ_2M, MT_MEMORY_RW, MAP_NO_AF), 0);
	assert_true(pmd_of(0xc0400000u)[2] == ((0x40400000u | RW_BLOCK) & ~af));

	flushes = lfake.nr_flush;
	writes = lfake.nr_written;
	assert_int_equal(pgtable_set_access_flag(&lfake_pt, 0xc0201234u), 0);
	lshadow_check();
	assert_true(pte[1] == (0x40201000u | RW_PAGE));
	assert_int_equal(lfake.nr_written, writes + 1);
	assert_int_equal(lfake.nr_flush, flushes);
	assert_int_equal(pgtable_set_access_flag(&lfake_pt, 0xc0401000u), 0);
	lshadow_check();
	assert_true(pmd_of(0xc0400000u)[2] == (0x40400000u | RW_BLOCK));
	/* Already set: nothing written. */
	assert_int_equal(pgtable_set_access_flag(&lfake_pt, 0xc0201000u), 0);
	assert_int_equal(lfake.nr_written, writes + 2);
	assert_int_equal(lfake.nr_flush, flushes);
	/* Not mapped: refused, said. */
	capture_reset();
	assert_int_equal(pgtable_set_access_flag(&lfake_pt, 0xc0202000u), -1);
	assert_contains(captured(), "0xc0202000 is not mapped");
	/* Without the flag, AF is set as before. */
	assert_int_equal(map(0xc0203000u, 0x40203000u, SZ_4K, MT_MEMORY_RW, 0), 0);
	assert_true(pte[3] == (0x40203000u | RW_PAGE));
}

/* One line per descriptor, from the field table. */
static void test_describe(void **state)
{
	char buf[200];

	(void)state;
	long_describe(2, 0x40000000u | RW_BLOCK, buf, sizeof(buf));
	assert_string_equal(buf, "2 MB block PA 0x0040000000 AttrIndx=7 (normal WBWA) AP=0 (PL1 RW, PL0 none) "
			    "SH=3 AF=1 nG=0 XN=1 PXN=0");
	long_describe(3, UINT64_C(0xfffffff000) | DEV_PAGE, buf, sizeof(buf));
	assert_string_equal(buf, "page PA 0xfffffff000 AttrIndx=4 (device) AP=0 (PL1 RW, PL0 none) "
			    "SH=3 AF=1 nG=0 XN=1 PXN=0 dirty");
	long_describe(3, 0x41000000u | long_mem_types[MT_USER_RX].prot_page, buf, sizeof(buf));
	assert_string_equal(buf, "page PA 0x0041000000 AttrIndx=7 (normal WBWA) AP=3 (PL1 RO, PL0 RO) "
			    "SH=3 AF=1 nG=1 XN=0 PXN=1 rdonly");
	long_describe(1, UINT64_C(0x140000000) | 0x701, buf, sizeof(buf));
	assert_string_equal(buf, "1 GB block PA 0x0140000000 AttrIndx=0 (strongly-ordered) AP=0 "
			    "(PL1 RW, PL0 none) SH=3 AF=1 nG=0 XN=0 PXN=0");
	long_describe(1, T0 | 3 | (UINT64_C(1) << 59), buf, sizeof(buf));
	assert_string_equal(buf, "table at PA 0x01c0000000 PXNTable=1 XNTable=0 APTable=0 NSTable=0");
	long_describe(2, T1 | 3 | (UINT64_C(1) << 58), buf, sizeof(buf));
	assert_string_equal(buf, "table at PA 0x01c0001000 PXNTable=0 XNTable=0 APTable=0 NSTable=0 (kept)");
	long_describe(2, 0, buf, sizeof(buf));
	assert_string_equal(buf, "fault (no translation)");
	long_describe(3, 0x40000701u, buf, sizeof(buf));
	assert_string_equal(buf, "reserved (0b01 at level 3: faults)");
	/* Through the interface, by level. */
	pgtable_describe(&lfake_pt, 3, 0x40000000u | RW_PAGE, buf, sizeof(buf));
	assert_contains(buf, "page PA 0x0040000000 AttrIndx=7");
}

/* Everything decoded, field by field. */
static void test_decode(void **state)
{
	struct long_desc_fields f;

	(void)state;
	long_decode(3, UINT64_C(0x0123456000) | long_mem_types[MT_USER_RW].prot_page, &f);
	assert_int_equal(f.kind, WALK_PAGE);
	assert_false(f.table);
	assert_int_equal(f.size, SZ_4K);
	assert_true(f.pa == UINT64_C(0x0123456000));
	assert_int_equal(f.attrindx, 7);
	assert_int_equal(f.ap, 1);
	assert_int_equal(f.sh, 3);
	assert_int_equal(f.af, 1);
	assert_int_equal(f.ng, 1);
	assert_int_equal(f.xn, 1);
	assert_int_equal(f.pxn, 1);
	assert_int_equal(f.dirty, 1);
	assert_int_equal(f.rdonly, 0);
	long_decode(2, T2 | 3 | (UINT64_C(3) << 61) | (UINT64_C(1) << 60) | (UINT64_C(1) << 63), &f);
	assert_true(f.table);
	assert_true(f.pa == T2);
	assert_int_equal(f.aptable, 3);
	assert_int_equal(f.xntable, 1);
	assert_int_equal(f.nstable, 1);
	assert_int_equal(f.kind, WALK_FAULT);
	long_decode(3, 3 | (UINT64_C(1) << 56) | (UINT64_C(1) << 57), &f);
	assert_int_equal(f.special, 1);
	assert_int_equal(f.none, 1);
}

/*
 * Random maps, unmaps, clears and table allocations over 10 MB that
 * straddle a gigabyte boundary, against a model of what each page must
 * translate to: after every operation the break-before-make model, the
 * table accounting and the walk of every page agree (a page's descriptor,
 * or its block's, is what the type says for that address).  Half the
 * mappings keep the VA's offset in 2 MB so that blocks, splits and merges
 * all happen; the window's first 2 MB is sometimes given a table to keep,
 * as pkmap's, which must then stay one (until a remove_mapping empties
 * it).  At the end everything is removed: only the second-level tables
 * remain.
 */
#define WIN_VA		0xbfc00000u
#define WIN_PAGES	(10u * 256)

struct page_model { bool on; uint64_t pa; enum mem_type_id t; };

static struct page_model model[WIN_PAGES];

static void check_window(unsigned op)
{
	for (unsigned i = 0; i < WIN_PAGES; i++) {
		uint32_t va = WIN_VA + i * SZ_4K;
		struct walk w = walk(va);

		if (!model[i].on) {
			if (w.kind != WALK_FAULT)
				fail_msg("op %u: VA 0x%08x translates, unmapped in the model", op, va);
			continue;
		}
		if (w.kind == WALK_FAULT || w.pa != model[i].pa)
			fail_msg("op %u: VA 0x%08x: kind %d PA 0x%llx, the model 0x%llx", op, va, w.kind,
				 (unsigned long long)w.pa, (unsigned long long)model[i].pa);
		if (w.kind == WALK_PAGE ? w.desc[2] != mk_long_page(model[i].pa, model[i].t)
					: w.desc[1] != mk_long_block(model[i].pa, 2, model[i].t))
			fail_msg("op %u: VA 0x%08x: descriptor 0x%016llx is not the type's", op, va,
				 (unsigned long long)w.desc[w.level - 1]);
	}
}

static void test_random(void **state)
{
	static const enum mem_type_id types[] = { MT_MEMORY_RW, MT_MEMORY_RO, MT_MEMORY_RX, MT_USER_RW };
	unsigned blocks = 0, merges = 0;
	bool kept = false;
	unsigned kept_ops = 0;

	(void)state;
	rng_state = 0x9e3779b97f4a7c15ull;
	memset(model, 0, sizeof(model));
	for (unsigned op = 0; op < 3000; op++) {
		unsigned first = rnd() % WIN_PAGES, n = 1 + rnd() % (rnd() % 4 ? 16 : 1200);
		uint32_t va = WIN_VA + first * SZ_4K, r = rnd() % 8;
		unsigned frees = lfake.free_calls;

		if (first + n > WIN_PAGES)
			n = WIN_PAGES - first;
		if (r < 4) {
			enum mem_type_id t = types[rnd() % 4];
			uint64_t pa = (rnd() & 1) ? UINT64_C(0x200000000) + (va & 0x3ffff000u)
						  : UINT64_C(0x40000000) + (uint64_t)(rnd() % 0x40000) * SZ_4K;

			assert_int_equal(map(va, pa, n * SZ_4K, t, 0), 0);
			for (unsigned i = 0; i < n; i++)
				model[first + i] = (struct page_model){ true, pa + (uint64_t)i * SZ_4K, t };
		} else if (r < 6) {
			assert_int_equal(remove_mapping(&lfake_pt, va, n * SZ_4K), 0);
		} else if (r < 7) {
			assert_int_equal(clear_mapping(&lfake_pt, va, n * SZ_4K), 0);
		} else {
			/* Like pkmap's: the first 2 MB of the window, to stay tables. */
			assert_int_equal(alloc_page_tables(&lfake_pt, WIN_VA, SZ_4K, MT_MEMORY_RW), 0);
			kept = true;
		}
		if (r >= 4 && r < 7)
			for (unsigned i = 0; i < n; i++)
				model[first + i].on = false;
		lshadow_check();
		lfake_assert_accounting();
		check_window(op);
		if (r == 4 || r == 5)		/* remove_mapping frees what it empties, kept or not */
			kept = kept && walk(WIN_VA).level == 3;
		if (kept && walk(WIN_VA + (rnd() % 512) * SZ_4K).level != 3)
			fail_msg("op %u: the kept table of 0x%08x is gone", op, WIN_VA);
		kept_ops += kept;
		merges += r < 4 && lfake.free_calls > frees;
		for (uint32_t b = 0; b < 5; b++)
			blocks += walk(0xc0000000u + b * SZ_2M).kind == WALK_BLOCK;
	}
	assert_true(blocks > 100);	/* the operations made blocks ... */
	assert_true(merges > 5);	/* ... and gave tables back for blocks */
	assert_int_equal(remove_mapping(&lfake_pt, WIN_VA, WIN_PAGES * SZ_4K), 0);
	memset(model, 0, sizeof(model));
	lshadow_check();
	lfake_assert_accounting();
	check_window(3000);
	assert_true(kept_ops > 1000);	/* the kept table was there, and stayed one */
	assert_int_equal(lfake_pt.nr_tables, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_format, setup),
		cmocka_unit_test_setup(test_block, setup),
		cmocka_unit_test_setup(test_pages, setup),
		cmocka_unit_test_setup(test_above_4g, setup),
		cmocka_unit_test_setup(test_refusals, setup),
		cmocka_unit_test_setup(test_split, setup),
		cmocka_unit_test_setup(test_merge, setup),
		cmocka_unit_test_setup(test_block_over_pages, setup),
		cmocka_unit_test_setup(test_kept_tables, setup),
		cmocka_unit_test_setup(test_alloc_page_tables, setup),
		cmocka_unit_test_setup(test_unmap, setup),
		cmocka_unit_test_setup(test_gigabyte_block, setup),
		cmocka_unit_test_setup(test_pxn, setup),
		cmocka_unit_test_setup(test_no_access_flag, setup),
		cmocka_unit_test_setup(test_describe, setup),
		cmocka_unit_test_setup(test_decode, setup),
		cmocka_unit_test_setup(test_random, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
