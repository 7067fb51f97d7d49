/* Unit tests for core/mm/ptdump.c: descriptors decoded field by field, and the
 * tables summarised as runs of equal attributes.
 *
 * Descriptor bit positions are written as plain numbers from the ARM ARM
 * (ARMv7-A/R, B3.5.1), not with the project's macros, so the decoder is
 * checked against the architecture rather than against itself.  The
 * tables are the fake physical memory of tests/unit/fake_mm.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "capture.h"
#include "fake_mm.h"
#include "pgtable.h"
#include "ptdump.h"
#include "sizes.h"

/* The tables of tests/unit/fake_mm.c, kept when emptied (no free_l2),
 * every mapping checked by its break-before-make model. */
static int setup(void **state)
{
	(void)state;
	fake_mm_reset();
	fake_pt.ops = &fake_ops_keep;
	shadow_start();
	capture_reset();
	return 0;
}

static void map(uint32_t va, phys_addr_t pa, uint32_t len, enum mem_type_id t)
{
	struct map_desc md = { va, pa, len, t, 0 };

	assert_int_equal(create_mapping(&fake_pt, &md), 0);
	shadow_check();
}

/* ---- decoding ---- */

/* L1: fault, page table (type 01: domain 8:5, PXN 2, NS 3), section
 * (type 1x: B 2, C 3, XN 4, AP 11:10, TEX 14:12, APX 15, S 16, nG 17),
 * supersection (bit 18; PA[35:32] in 23:20, no domain), PXN section
 * (bits 1:0 = 11). */
static void test_decode_l1(void **state)
{
	struct desc_fields f;

	(void)state;
	decode_l1(0, &f);
	assert_int_equal(f.kind, WALK_FAULT);
	assert_false(f.table);

	decode_l1(0x40120000u | (2u << 5) | (1u << 2) | 1u, &f);
	assert_true(f.table);
	assert_int_equal(f.pa, 0x40120000);
	assert_int_equal(f.domain, 2);
	assert_int_equal(f.pxn, 1);
	assert_int_equal(f.ns, 0);

	/* Normal memory: TEX=001 C=1 B=1, S, AP=01, XN, domain 0. */
	decode_l1(0x40000000u | (1u << 16) | (1u << 12) | (1u << 10) | (1u << 4) |
		  (1u << 3) | (1u << 2) | 2u, &f);
	assert_int_equal(f.kind, WALK_SECTION);
	assert_int_equal(f.size, SZ_1M);
	assert_int_equal(f.pa, 0x40000000);
	assert_int_equal(f.domain, 0);
	assert_int_equal(f.ap, 1);
	assert_int_equal(f.apx, 0);
	assert_int_equal(f.tex, 1);
	assert_int_equal(f.c, 1);
	assert_int_equal(f.b, 1);
	assert_int_equal(f.s, 1);
	assert_int_equal(f.ng, 0);
	assert_int_equal(f.xn, 1);
	assert_int_equal(f.pxn, 0);

	/* The same bits from the encoder the kernel maps with. */
	decode_l1(mk_section(0x4f100000, MT_MEMORY_RO), &f);
	assert_int_equal(f.kind, WALK_SECTION);
	assert_int_equal(f.pa, 0x4f100000);
	assert_int_equal(f.apx, 1);
	assert_int_equal(f.xn, 1);

	/* Supersection with PA[35:32] = 0x3 and PA[31:24] = 0x41; bits 8:5
	 * are address bits here, not a domain. */
	decode_l1(0x41000000u | (3u << 20) | (1u << 18) | (5u << 5) | 2u, &f);
	assert_int_equal(f.kind, WALK_SUPERSECTION);
	assert_int_equal(f.size, SZ_16M);
	assert_true(f.pa == 0x341000000ull);
	assert_int_equal(f.domain, 0);

	/* 0b11: a section with PXN. */
	decode_l1(0x40000000u | 3u, &f);
	assert_int_equal(f.kind, WALK_SECTION);
	assert_int_equal(f.pxn, 1);
}

/* L2 small page: XN 0, type bit 1, B 2, C 3, AP 5:4, TEX 8:6, APX 9,
 * S 10, nG 11.  Large page (01): TEX 14:12, XN 15, 64 KB base. */
static void test_decode_l2(void **state)
{
	struct desc_fields f;

	(void)state;
	decode_l2(0, &f);
	assert_int_equal(f.kind, WALK_FAULT);

	decode_l2(mk_pte(0x40101000, MT_MEMORY_RO), &f);
	assert_int_equal(f.kind, WALK_SMALL);
	assert_int_equal(f.size, PAGE_SIZE);
	assert_int_equal(f.pa, 0x40101000);
	assert_int_equal(f.apx, 1);
	assert_int_equal(f.ap, 1);
	assert_int_equal(f.xn, 1);

	decode_l2(0x09000000u | (1u << 10) | (1u << 4) | (1u << 2) | 2u | 1u, &f);
	assert_int_equal(f.kind, WALK_SMALL);
	assert_int_equal(f.tex, 0);
	assert_int_equal(f.c, 0);
	assert_int_equal(f.b, 1);		/* shareable device */
	assert_int_equal(f.s, 1);
	assert_int_equal(f.xn, 1);

	decode_l2(0x40010000u | (1u << 15) | (5u << 12) | (1u << 11) | (3u << 4) | 1u, &f);
	assert_int_equal(f.kind, WALK_LARGE);
	assert_int_equal(f.size, 0x10000);
	assert_int_equal(f.pa, 0x40010000);
	assert_int_equal(f.tex, 5);
	assert_int_equal(f.xn, 1);
	assert_int_equal(f.ng, 1);
	assert_int_equal(f.ap, 3);
}

static void test_fields_section(void **state)
{
	struct desc_fields f;

	(void)state;
	decode_l1(mk_section(0x40000000, MT_MEMORY_RW), &f);
	ptdump_fields(&f, "  ");
	assert_string_equal(captured(),
		"  type     section (1 MB)\n"
		"  PA       0x40000000\n"
		"  domain   0\n"
		"  AP/APX   AP=01 APX=0: PL1 RW, PL0 none\n"
		"  TEX/C/B  001/1/1: normal, write-back write-allocate\n"
		"  S        1: shareable\n"
		"  nG       0: global (every ASID)\n"
		"  XN       1: execute-never\n"
		"  PXN      0\n");
}

static void test_fields_table_and_fault(void **state)
{
	struct desc_fields f;

	(void)state;
	decode_l1(0x40120000u | (2u << 5) | 1u, &f);
	ptdump_fields(&f, "");
	decode_l1(0, &f);
	ptdump_fields(&f, "");
	assert_string_equal(captured(),
		"type     page table (second level, 256 entries)\n"
		"table    PA 0x40120000\n"
		"domain   2\n"
		"PXN      0\n"
		"NS       0\n"
		"type     fault: no translation (an access aborts)\n");
}

static void test_attr_short(void **state)
{
	struct desc_fields f;
	char buf[80];

	(void)state;
	decode_l1(mk_section(0x40000000, MT_MEMORY_RW), &f);
	ptdump_attr_short(&f, buf, sizeof(buf));
	assert_string_equal(buf, "PL1 RW PL0 --  NX  normal WBWA  S");
	decode_l2(mk_pte(0x40100000, MT_MEMORY_RX), &f);
	ptdump_attr_short(&f, buf, sizeof(buf));
	assert_string_equal(buf, "PL1 RO PL0 --  x   normal WBWA  S");
	decode_l2(mk_pte(0x09000000, MT_DEVICE), &f);
	ptdump_attr_short(&f, buf, sizeof(buf));
	assert_string_equal(buf, "PL1 RW PL0 --  NX  device  S");
	decode_l2(mk_pte(0x40000000, MT_DMA_COHERENT), &f);
	ptdump_attr_short(&f, buf, sizeof(buf));
	assert_string_equal(buf, "PL1 RW PL0 --  NX  normal uncached  S");
}

/* ---- runs ---- */

/* Sections with contiguous PAs merge into one run; pages with other
 * attributes are a run of their own; the rest is "unmapped". */
static void test_runs(void **state)
{
	(void)state;
	map(0xc0000000, 0x40000000, 3 * SZ_1M, MT_MEMORY_RW);
	map(0xc0300000, 0x40300000, 8 * PAGE_SIZE, MT_MEMORY_RO);
	assert_int_equal(ptdump_range(&fake_pt, 0xc0000000, 0xc0400000, false, NULL, NULL), 3);
	assert_string_equal(captured(),
		"  0xc0000000-0xc02fffff    3 MB  sections      -> 0x40000000-0x402fffff  PL1 RW PL0 --  NX  normal WBWA  S\n"
		"  0xc0300000-0xc0307fff   32 KB  pages         -> 0x40300000-0x40307fff  PL1 RO PL0 --  NX  normal WBWA  S\n"
		"  0xc0308000-0xc03fffff  992 KB  unmapped\n");
}

/* vmalloc's picture: pages next to each other in VA, scattered in PA.
 * 0x41000000, 0x41001000 | 0x45000000, 0x45001000 | 0x42000000: 3 pieces. */
static void test_scattered(void **state)
{
	static const uint32_t frames[] = { 0x41000000, 0x41001000, 0x45000000, 0x45001000, 0x42000000 };

	(void)state;
	for (unsigned i = 0; i < 5; i++)
		map(0xf0000000 + i * PAGE_SIZE, frames[i], PAGE_SIZE, MT_MEMORY_RW);
	assert_int_equal(ptdump_range(&fake_pt, 0xf0000000, 0xf0100000, false, NULL, NULL), 2);
	assert_string_equal(captured(),
		"  0xf0000000-0xf0004fff   20 KB  pages         -> scattered: 5 in 3 pieces  PL1 RW PL0 --  NX  normal WBWA  S\n"
		"  0xf0005000-0xf00fffff 1004 KB  unmapped\n");
}

static const char *halves(uint32_t va, uint64_t *until, void *ctx)
{
	(void)ctx;
	if (va < 0xc0100000)
		*until = 0xc0100000;
	return va < 0xc0100000 ? "low half" : "high half";
}

/* A header each time the label changes; no run crosses a label. */
static void test_labels(void **state)
{
	(void)state;
	map(0xc0000000, 0x40000000, 2 * SZ_1M, MT_MEMORY_RW);
	assert_int_equal(ptdump_range(&fake_pt, 0xc0000000, 0xc0200000, false, halves, NULL), 2);
	assert_string_equal(captured(),
		"---[ low half ]---\n"
		"  0xc0000000-0xc00fffff    1 MB  section       -> 0x40000000-0x400fffff  PL1 RW PL0 --  NX  normal WBWA  S\n"
		"---[ high half ]---\n"
		"  0xc0100000-0xc01fffff    1 MB  section       -> 0x40100000-0x401fffff  PL1 RW PL0 --  NX  normal WBWA  S\n");
}

/* The modern fixmap's shape: a region beginning and ending inside unmapped
 * and mapped sections.  The header is where the label changes, not where
 * the first-level entry does. */
static const char *fixmap_like(uint32_t va, uint64_t *until, void *ctx)
{
	(void)ctx;
	*until = va < 0xffc80000 ? 0xffc80000 : va < 0xffe43000 ? 0xffe43000 : (uint64_t)1 << 32;
	return va >= 0xffc80000 && va < 0xffe43000 ? "fixmap" : "unused";
}

static void test_label_inside_section(void **state)
{
	(void)state;
	map(0xffe00000, 0x40000000, SZ_1M, MT_MEMORY_RW);
	assert_int_equal(ptdump_range(&fake_pt, 0xffc00000, 0xfff00000, false, fixmap_like, NULL), 4);
	assert_string_equal(captured(),
		"---[ unused ]---\n"
		"  0xffc00000-0xffc7ffff  512 KB  unmapped\n"
		"---[ fixmap ]---\n"
		"  0xffc80000-0xffdfffff 1536 KB  unmapped\n"
		"  0xffe00000-0xffe42fff  268 KB  section       -> 0x40000000-0x40042fff  PL1 RW PL0 --  NX  normal WBWA  S\n"
		"---[ unused ]---\n"
		"  0xffe43000-0xffefffff  756 KB  section       -> 0x40043000-0x400fffff  PL1 RW PL0 --  NX  normal WBWA  S\n");
}

/* Detail: the first-level entry of every megabyte, and runs stop there. */
static void test_detail(void **state)
{
	(void)state;
	map(0xc0000000, 0x40000000, SZ_1M, MT_MEMORY_RW);
	map(0xc0100000, 0x40100000, SZ_1M, MT_MEMORY_RW);
	assert_int_equal(ptdump_range(&fake_pt, 0xc0000000, 0xc0200000, true, NULL, NULL), 2);
	const char *out = captured();

	assert_non_null(strstr(out, " L1[0xc00] = "));
	assert_non_null(strstr(out, " L1[0xc01] = "));
	assert_non_null(strstr(out, "  0xc0000000-0xc00fffff    1 MB  section "));
	assert_non_null(strstr(out, "  0xc0100000-0xc01fffff    1 MB  section "));
}

/* A range starting inside a section: the PA starts at the same offset. */
static void test_mid_section(void **state)
{
	(void)state;
	map(0xc0000000, 0x40000000, 2 * SZ_1M, MT_MEMORY_RW);
	assert_int_equal(ptdump_range(&fake_pt, 0xc0080000, 0xc0180000, false, NULL, NULL), 1);
	assert_string_equal(captured(),
		"  0xc0080000-0xc017ffff    1 MB  sections      -> 0x40080000-0x4017ffff  PL1 RW PL0 --  NX  normal WBWA  S\n");
}

/* All 4 GB of an empty table: one line, and the walk ends at 2^32. */
static void test_whole_empty(void **state)
{
	(void)state;
	assert_int_equal(ptdump_range(&fake_pt, 0, (uint64_t)1 << 32, false, NULL, NULL), 1);
	assert_string_equal(captured(), "  0x00000000-0xffffffff 4096 MB  unmapped\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_decode_l1, setup),
		cmocka_unit_test_setup(test_decode_l2, setup),
		cmocka_unit_test_setup(test_fields_section, setup),
		cmocka_unit_test_setup(test_fields_table_and_fault, setup),
		cmocka_unit_test_setup(test_attr_short, setup),
		cmocka_unit_test_setup(test_runs, setup),
		cmocka_unit_test_setup(test_scattered, setup),
		cmocka_unit_test_setup(test_labels, setup),
		cmocka_unit_test_setup(test_label_inside_section, setup),
		cmocka_unit_test_setup(test_detail, setup),
		cmocka_unit_test_setup(test_mid_section, setup),
		cmocka_unit_test_setup(test_whole_empty, setup),
	};

	return cmocka_run_group_tests_name("ptdump", tests, NULL, NULL);
}
