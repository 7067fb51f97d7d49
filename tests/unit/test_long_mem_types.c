/* Unit tests for core/mm/long_mem_types.c: every memory type's block,
 * table and page bits in the long-descriptor format, written by hand from
 * the ARM ARM's pictures (B3.6.1: type [1:0], AttrIndx [4:2], AP[2:1]
 * [7:6], SH [9:8], AF 10, nG 11, PXN 53, XN 54; Linux's software bits
 * L_PTE_DIRTY 55, L_PTE_RDONLY 58) and Linux 6.1's choices under LPAE;
 * what the types allow, derived through the codec; and the two formats
 * held to each other: for every type, the same permissions and the same
 * kind of memory.
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
#include "long_mem_types.h"
#include "pgtable.h"

/*
 * Added up by hand: block type 0x1, page 0x3; AttrIndx 7 (WRITEALLOC)
 * 0x1c, 4 (DEV_SHARED) 0x10, 1 (BUFFERABLE) 0x04, 0 (UNCACHED) 0; SH 0b11
 * 0x300; AF 0x400; AP[2:1] 01 0x40, 10 0x80, 11 0xc0; nG 0x800; PXN
 * 0x0020_0000_0000_0000, XN 0x0040_..., DIRTY 0x0080_..., RDONLY
 * 0x0400_....
 */
static const struct {
	enum mem_type_id t;
	const char *name;
	uint64_t block, table, page;
} want[] = {
	{ MT_MEMORY_RWX,   "memory RWX",   0x000000000000071d, 3, 0x008000000000071f },
	{ MT_MEMORY_RW,    "memory RW",    0x004000000000071d, 3, 0x00c000000000071f },
	{ MT_MEMORY_RX,    "memory RX",    0x040000000000079d, 3, 0x048000000000079f },
	{ MT_MEMORY_RO,    "memory RO",    0x044000000000079d, 3, 0x04c000000000079f },
	/* Linux's device section is strongly-ordered, its page Device. */
	{ MT_DEVICE,       "device",       0x0040000000000701, 3, 0x00c0000000000713 },
	{ MT_DMA_COHERENT, "DMA coherent", 0x0040000000000705, 3, 0x00c0000000000707 },
	{ MT_HIGH_VECTORS, "vectors",      0x04000000000007dd, 3, 0x04800000000007df },
	{ MT_VECTOR_STUBS, "vector stubs", 0x040000000000079d, 3, 0x048000000000079f },
	{ MT_USER_RX,      "user RX",      0x0420000000000fdd, 3, 0x0420000000000fdf },
	{ MT_USER_RW,      "user RW",      0x0060000000000f5d, 3, 0x00e0000000000f5f },
};

static void test_every_type(void **state)
{
	(void)state;
	assert_int_equal(sizeof(want) / sizeof(want[0]), NR_MEM_TYPES);
	for (unsigned i = 0; i < NR_MEM_TYPES; i++) {
		const struct long_mem_type *m = &long_mem_types[want[i].t];

		assert_string_equal(m->name, want[i].name);
		assert_string_equal(m->name, mem_types[want[i].t].name);
		if (m->prot_block != want[i].block || m->prot_page != want[i].page ||
		    m->prot_table != want[i].table)
			fail_msg("%s: block %#llx page %#llx table %#llx", m->name,
				 (unsigned long long)m->prot_block, (unsigned long long)m->prot_page,
				 (unsigned long long)m->prot_table);
	}
}

/* Every mapping has AF (no access flag faults on the kernel's own, nor on
 * a user page mapped with intent); normal memory is inner shareable. */
static void test_af_and_sh_everywhere(void **state)
{
	(void)state;
	for (unsigned t = 0; t < NR_MEM_TYPES; t++) {
		assert_true(long_mem_types[t].prot_block & 0x400);
		assert_true(long_mem_types[t].prot_page & 0x400);
		assert_int_equal((long_mem_types[t].prot_page >> 8) & 3, 3);
		assert_int_equal((long_mem_types[t].prot_block >> 8) & 3, 3);
		/* Nothing where the address goes. */
		assert_true((long_mem_types[t].prot_page & UINT64_C(0x000000fffffff000)) == 0);
		assert_true((long_mem_types[t].prot_block & UINT64_C(0x000000ffffe00000)) == 0);
		assert_true((long_mem_types[t].prot_table & UINT64_C(0x000000fffffff000)) == 0);
	}
}

static void test_mk(void **state)
{
	(void)state;
	/* 40-bit output addresses: a 2 MB block at 0x2_4020_0000, a page at
	 * 0xff_ffff_f000, a 1 GB block at 0x1_4000_0000, a table at 0x1_0000_3000. */
	assert_true(mk_long_block(UINT64_C(0x240200000), 2, MT_MEMORY_RW) ==
		    (UINT64_C(0x240200000) | 0x004000000000071d));
	assert_true(mk_long_block(UINT64_C(0x240212345), 2, MT_MEMORY_RW) ==
		    (UINT64_C(0x240200000) | 0x004000000000071d));
	assert_true(mk_long_block(UINT64_C(0x140000000), 1, MT_MEMORY_RWX) ==
		    (UINT64_C(0x140000000) | 0x71d));
	assert_true(mk_long_block(UINT64_C(0x160000000), 1, MT_MEMORY_RWX) ==
		    (UINT64_C(0x140000000) | 0x71d));
	assert_true(mk_long_page(UINT64_C(0xfffffff000), MT_DEVICE) ==
		    (UINT64_C(0xfffffff000) | 0x00c0000000000713));
	assert_true(mk_long_page(UINT64_C(0x10000000fff), MT_DEVICE) == 0x00c0000000000713);
	assert_true(mk_long_table(UINT64_C(0x100003000), MT_MEMORY_RW) == UINT64_C(0x100003003));
}

/* A page splitting a block gets the block's attributes and what Linux
 * gives the page of that type: for every type, the type's own page bits,
 * but Linux's device block, which is strongly-ordered where its page is
 * Device. */
static void test_block_to_page(void **state)
{
	(void)state;
	for (unsigned t = 0; t < NR_MEM_TYPES; t++) {
		uint64_t page = long_block_to_page_prot(long_mem_types[t].prot_block);

		if (t == MT_DEVICE) {
			assert_true(page == (long_mem_types[t].prot_page & ~UINT64_C(0x1c)));
			continue;
		}
		if (page != long_mem_types[t].prot_page)
			fail_msg("%s: %#llx from the block, %#llx the type's", long_mem_types[t].name,
				 (unsigned long long)page, (unsigned long long)long_mem_types[t].prot_page);
	}
	assert_true(long_block_to_page_prot(mk_long_block(UINT64_C(0x240200000), 2, MT_MEMORY_RW)) ==
		    long_mem_types[MT_MEMORY_RW].prot_page);
	/* And back: 2 MB of a type's pages make the type's block (the device
	 * one's AttrIndx stays the page's). */
	for (unsigned t = 0; t < NR_MEM_TYPES; t++) {
		uint64_t block = long_page_to_block_prot(long_mem_types[t].prot_page);

		if (t == MT_DEVICE)
			assert_true(block == (long_mem_types[t].prot_block | 0x10));
		else
			assert_true(block == long_mem_types[t].prot_block);
		assert_true(long_page_to_block_prot(long_block_to_page_prot(long_mem_types[t].prot_block)) ==
			    long_mem_types[t].prot_block);
	}
	/* Linux's special bit has no place in a block. */
	assert_true(long_page_to_block_prot(3 | (UINT64_C(1) << 56)) == 1);
}

/* What the MMU check and the user check read from a type, derived from
 * its bits: held against what each type is for. */
static void test_type_permissions(void **state)
{
	static const struct { enum mem_type_id t; bool w1, r0, w0, x, x1; enum mem_kind kind; } perm[] = {
		{ MT_MEMORY_RWX,   true,  false, false, true,  true,  MEM_KIND_NORMAL_WBWA },
		{ MT_MEMORY_RW,    true,  false, false, false, false, MEM_KIND_NORMAL_WBWA },
		{ MT_MEMORY_RX,    false, false, false, true,  true,  MEM_KIND_NORMAL_WBWA },
		{ MT_MEMORY_RO,    false, false, false, false, false, MEM_KIND_NORMAL_WBWA },
		{ MT_DEVICE,       true,  false, false, false, false, MEM_KIND_DEVICE },
		{ MT_DMA_COHERENT, true,  false, false, false, false, MEM_KIND_NORMAL_UNCACHED },
		{ MT_HIGH_VECTORS, false, true,  false, true,  true,  MEM_KIND_NORMAL_WBWA },
		{ MT_VECTOR_STUBS, false, false, false, true,  true,  MEM_KIND_NORMAL_WBWA },
		{ MT_USER_RX,      false, true,  false, true,  false, MEM_KIND_NORMAL_WBWA },
		{ MT_USER_RW,      true,  true,  true,  false, false, MEM_KIND_NORMAL_WBWA },
	};

	(void)state;
	assert_int_equal(sizeof(perm) / sizeof(perm[0]), NR_MEM_TYPES);
	for (unsigned i = 0; i < NR_MEM_TYPES; i++) {
		assert_int_equal(long_mem_type_pl1_writable(perm[i].t), perm[i].w1);
		assert_int_equal(long_mem_type_pl0_readable(perm[i].t), perm[i].r0);
		assert_int_equal(long_mem_type_pl0_writable(perm[i].t), perm[i].w0);
		assert_int_equal(long_mem_type_executable(perm[i].t), perm[i].x);
		assert_int_equal(long_mem_type_pl1_executable(perm[i].t), perm[i].x1);
		assert_int_equal(long_mem_type_kind(perm[i].t), perm[i].kind);
	}
	assert_int_equal(long_desc_kind_of_leaf(long_mem_types[MT_DEVICE].prot_block),
			 MEM_KIND_STRONGLY_ORDERED);
}

/* The two formats held to each other: for every memory type, each one's
 * bits, read through its own codec, say the same about who may read,
 * write and run it and what kind of memory it is.  (PXN is the long
 * format's own: the short one puts it in the page table's entry.) */
static void test_formats_agree(void **state)
{
	(void)state;
	for (unsigned t = 0; t < NR_MEM_TYPES; t++) {
		uint32_t pte = mem_types[t].prot_pte, sect = mem_types[t].prot_sect;
		enum mem_kind short_page = short_desc_memory_kind((unsigned)SD_GET(pte, SMALL, TEX),
								  (unsigned)SD_GET(pte, SMALL, C),
								  (unsigned)SD_GET(pte, SMALL, B));
		enum mem_kind short_sect = short_desc_memory_kind((unsigned)SD_GET(sect, SECT, TEX),
								  (unsigned)SD_GET(sect, SECT, C),
								  (unsigned)SD_GET(sect, SECT, B));
		uint64_t page = long_mem_types[t].prot_page, block = long_mem_types[t].prot_block;

		assert_int_equal(long_mem_type_pl1_writable(t), mem_type_pl1_writable(t));
		assert_int_equal(long_mem_type_pl0_readable(t), mem_type_pl0_readable(t));
		assert_int_equal(long_mem_type_pl0_writable(t), mem_type_pl0_writable(t));
		assert_int_equal(long_mem_type_executable(t), mem_type_executable(t));
		assert_int_equal(long_mem_type_kind(t), short_page);
		assert_int_equal(short_sect, short_page);
		/* The access names agree too, page and block. */
		assert_string_equal(long_desc_ap_name((unsigned)LD_GET(page, PAGE, AP)),
				    short_desc_ap_name((unsigned)SD_GET(pte, SMALL, APX),
						       (unsigned)SD_GET(pte, SMALL, AP)));
		assert_string_equal(long_desc_ap_name((unsigned)LD_GET(block, BLOCK2, AP)),
				    short_desc_ap_name((unsigned)SD_GET(sect, SECT, APX),
						       (unsigned)SD_GET(sect, SECT, AP)));
		assert_int_equal(LD_GET(page, PAGE, XN), SD_GET(pte, SMALL, XN));
		assert_int_equal(LD_GET(block, BLOCK2, XN), SD_GET(sect, SECT, XN));
		assert_int_equal(LD_GET(page, PAGE, NG), SD_GET(pte, SMALL, NG));
		assert_int_equal(LD_GET(block, BLOCK2, NG), SD_GET(sect, SECT, NG));
		/* Normal memory shareable in both. */
		assert_int_equal(SD_GET(pte, SMALL, S), 1);
		/* Blocks mean what pages mean, but for the device block's kind. */
		if (t != MT_DEVICE)
			assert_int_equal(long_desc_kind_of_leaf(block), long_mem_type_kind(t));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_type),
		cmocka_unit_test(test_af_and_sh_everywhere),
		cmocka_unit_test(test_mk),
		cmocka_unit_test(test_block_to_page),
		cmocka_unit_test(test_type_permissions),
		cmocka_unit_test(test_formats_agree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
