/* Unit tests for PHYS_OFFSET anywhere: the boards table
 * (core/layout/boards.c), the default and the checks
 * (core/layout/phys_offset.c), and the layout decision with RAM at 0x0,
 * at 0x80000000 and at an odd base, one bank and several, in the eras
 * where it matters.  The numbers are Linux's arithmetic, worked in each
 * comment: __va(pa) = pa - PHYS_OFFSET + PAGE_OFFSET. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "boards.h"
#include "capture.h"
#include "layout_boot.h"
#include "phys_offset.h"
#include "seed_table.h"

/* ================================================= the boards table */

static void test_boards_table(void **state)
{
	const struct board_ram *v = board_ram_find("vexpress-a15"), *r = board_ram_find("raspi2b");

	(void)state;
	assert_non_null(v);
	assert_int_equal(v->ram_base, 0x80000000);
	assert_int_equal(v->max_ram, GiB(30));
	assert_non_null(r);
	assert_int_equal(r->ram_base, 0);
	assert_true(r->fixed_ram);
	assert_int_equal(r->arm_ram, 0x3c000000);
	assert_int_equal(board_ram_find("virt")->ram_base, 0x40000000);
	assert_null(board_ram_find("versatilepb"));
	assert_null(board_ram_find(""));
	/* Every row can be booted at its own base: 2 MB aligned, a
	 * compatible to recognise its tree by. */
	for (unsigned i = 0; i < nr_board_rams; i++) {
		assert_int_equal(board_rams[i].ram_base % PHYS_OFFSET_ALIGN, 0);
		assert_non_null(board_rams[i].compatible);
		assert_true(board_rams[i].default_ram <= board_rams[i].max_ram);
	}
}

/* ============================================= the default and checks */

static struct meminfo mi(const struct membank *b, int n)
{
	struct meminfo m = { .nr_banks = n };

	memcpy(m.bank, b, (size_t)n * sizeof(*b));
	return m;
}

static void test_default_is_lowest_bank_rounded_down(void **state)
{
	struct meminfo m;
	bool found;

	(void)state;
	m = mi(BANKS({ 0x80000000, GiB(1), false }), 1);
	assert_int_equal(phys_offset_default(&m, &found), 0x80000000);
	assert_true(found);
	/* Unsorted: the lowest wins, not the first. */
	m = mi(BANKS({ 0xa0000000, MiB(512), false }, { 0x80000000, MiB(512), false }), 2);
	assert_int_equal(phys_offset_default(&m, &found), 0x80000000);
	/* An odd base goes down to its 2 MB boundary. */
	m = mi(BANKS({ 0x80300000, MiB(512), false }), 1);
	assert_int_equal(phys_offset_default(&m, &found), 0x80200000);
	/* RAM at 0 (raspi2b, msm8974). */
	m = mi(BANKS({ 0, MiB(960), false }), 1);
	assert_int_equal(phys_offset_default(&m, &found), 0);
	assert_true(found);
	/* A bank of size 0 is no RAM; nothing at all is no answer. */
	m = mi(BANKS({ 0x10000000, 0, false }, { 0x80000000, MiB(64), false }), 2);
	assert_int_equal(phys_offset_default(&m, &found), 0x80000000);
	m.nr_banks = 0;
	phys_offset_default(&m, &found);
	assert_false(found);
}

static void test_problems(void **state)
{
	struct meminfo m = mi(BANKS({ 0x80000000, MiB(512), false }), 1);
	char buf[320];

	(void)state;
	assert_null(phys_offset_problem(0x80000000, &m, false, buf, sizeof(buf)));
	assert_null(phys_offset_problem(0x9fe00000, &m, false, buf, sizeof(buf)));	/* the last 2 MB */
	assert_contains(phys_offset_problem(0x80100000, &m, false, buf, sizeof(buf)),
			"PHYS_OFFSET 0x80100000 is not 2 MB aligned");
	assert_contains(phys_offset_problem(0xa0000000, &m, false, buf, sizeof(buf)),
			"PHYS_OFFSET 0xa0000000: 0xa0000000-0xa01fffff is not all RAM");
	assert_contains(phys_offset_problem(0x40000000, &m, false, buf, sizeof(buf)), "is not all RAM");

	/* The first 2 MB from two touching banks, given in either order. */
	m = mi(BANKS({ 0x80100000, MiB(63), false }, { 0x80000000, MiB(1), false }), 2);
	assert_null(phys_offset_problem(0x80000000, &m, false, buf, sizeof(buf)));
	/* ... with a gap between them, not. */
	m = mi(BANKS({ 0x80180000, MiB(63), false }, { 0x80000000, MiB(1), false }), 2);
	assert_contains(phys_offset_problem(0x80000000, &m, false, buf, sizeof(buf)), "is not all RAM");

	/* Past 4 GB: only LPAE has the bits for it. */
	m = mi(BANKS({ UINT64_C(0x100000000), MiB(512), false }), 1);
	assert_contains(phys_offset_problem(UINT64_C(0x100000000), &m, false, buf, sizeof(buf)),
			"PHYS_OFFSET 0x100000000 is past 4 GB");
	assert_null(phys_offset_problem(UINT64_C(0x100000000), &m, true, buf, sizeof(buf)));
}

/* ARM_PATCH_PHYS_VIRT's granule: 16 MB until 5.10, 2 MB from 5.11;
 * 2.6.36 had no patching (a build-time PHYS_OFFSET, any value). */
static void test_era_note(void **state)
{
	(void)state;
	capture_reset();
	phys_offset_era_note(find_vm_rules("3.4"), 0x80200000, PO_3G);
	assert_str(captured(), "vmsplit: PHYS_OFFSET 0x80200000: rules=3.4's ARM_PATCH_PHYS_VIRT patches "
		   "__pa()/__va() only in 16 MB steps (2 MB from Linux 5.11); such a kernel is built for a fixed "
		   "CONFIG_PHYS_OFFSET instead\n");
	capture_reset();
	phys_offset_era_note(find_vm_rules("5.10"), 0x80200000, PO_3G);
	assert_contains(captured(), "rules=5.10's ARM_PATCH_PHYS_VIRT");
	capture_reset();
	phys_offset_era_note(find_vm_rules("modern"), 0x80200000, PO_3G);
	phys_offset_era_note(find_vm_rules("2.6.36"), 0x80200000, PO_3G);
	phys_offset_era_note(find_vm_rules("3.4"), 0x81000000, PO_3G);
	phys_offset_era_note(find_vm_rules("3.4"), 0, PO_1G);
	assert_str(captured(), "");
}

/* ======================================= the decision at any PHYS_OFFSET */

/* vexpress-a15's 1 GB at 0x80000000, 3.4's default: vmalloc_min
 * 0xef800000 = __va(0xaf800000): the same 760 MB as virt, each physical
 * address 0x40000000 higher. */
static void test_vexpress_1g_3_4(void **state)
{
	(void)state;
	board_at(PO_3G, 0x80000000, BANKS({ 0x80000000, GiB(1), false }), 1);
	boot("");
	assert_int_equal(parse_problems, 0);
	expect_output("Truncating RAM at 80000000-bfffffff to -af7fffff (vmalloc region overlap).", "Kernel command line: ",
		      "Memory: 760MB = 760MB total", DEFAULT_1G_TABLE);
	assert_lowmem_end(0xaf800000);
	assert_int_equal(layout_va(&lay, 0x80001000), 0xc0001000);
	assert_int_equal(layout_pa(&lay, 0xef7ff000), 0xaf7ff000);
	assert_true(layout_is_lowmem_ram(&lay, 0x80000000));
	assert_false(layout_is_lowmem_ram(&lay, 0x7ffff000));
}

/* mem= is read against the board's RAM: at 0x80000000 it is RAM, at
 * virt's 0x40000000 not (and the firmware's banks stay). */
static void test_vexpress_mem_at(void **state)
{
	(void)state;
	board_at(PO_3G, 0x80000000, BANKS({ 0x80000000, GiB(1), false }), 1);
	boot("mem=512M@0x80000000");
	assert_int_equal(parse_problems, 0);
	assert_lowmem_end(0xa0000000);
	expect_line("    lowmem  : 0xc0000000 - 0xe0000000   ( 512 MB)");

	board_at(PO_3G, 0x80000000, BANKS({ 0x80000000, GiB(1), false }), 1);
	boot("mem=512M@0x40000000");
	expect_line("vmsplit: mem=512M@0x40000000: 0x40000000-0x5fffffff is not RAM on this board; no bank added");
	expect_line("vmsplit: no RAM left after mem=; using the firmware's banks");
	assert_lowmem_end(0xaf800000);

	/* mem=SIZE without @ starts at PHYS_OFFSET, wherever that is. */
	board_at(PO_3G, 0x80000000, BANKS({ 0x80000000, GiB(1), false }), 1);
	boot("mem=256M");
	assert_int_equal(parse_problems, 0);
	assert_bank(0, 0x80000000, MiB(256), false);
}

/* RAM at 0 (raspi2b's 960 MB, modern rules, highmem): vmalloc_min
 * 0xf0000000 = __va(0x30000000). */
static void test_ram_at_zero_modern(void **state)
{
	(void)state;
	board_at(PO_3G, 0, BANKS({ 0, 0x3c000000, false }), 1);
	boot("rules=modern highmem=on");
	assert_int_equal(parse_problems, 0);
	expect_output_until_table("Zone ranges:",
		"  Normal   [mem 0x0000000000000000-0x000000002fffffff]",
		"  HighMem  [mem 0x0000000030000000-0x000000003bffffff]",
		"Movable zone start for each node", "Early memory node ranges",
		"  node   0: [mem 0x0000000000000000-0x000000003bffffff]",
		"Initmem setup node 0 [mem 0x0000000000000000-0x000000003bffffff]",
		"Kernel command line: rules=modern highmem=on", NO_TABLE_NOTE_MODERN, "Virtual kernel memory layout:");
	assert_bank(0, 0, 0x30000000, false);
	assert_bank(1, 0x30000000, 0x0c000000, true);
	/* __va(0) is PAGE_OFFSET itself. */
	assert_int_equal(layout_va(&lay, 0), PO_3G);
	/* And VMSPLIT_1G: PAGE_OFFSET 0x40000000 above PHYS_OFFSET 0. */
	board_at(PO_1G, 0, BANKS({ 0, MiB(512), false }), 1);
	boot("rules=modern");
	expect_line("    lowmem  : 0x40000000 - 0x60000000   ( 512 MB)");
}

/* An odd base: 512 MB at 0x80200000 (msm8960's CONFIG_PHYS_OFFSET), the
 * 2.6.36 rules with VMALLOC_END 0xe0000000: vmalloc_min 0xd8000000 =
 * __va(0x98200000). */
static void test_odd_base_2_6_36(void **state)
{
	(void)state;
	board_at(PO_3G, 0x80200000, BANKS({ 0x80200000, MiB(512), false }), 1);
	boot("rules=2.6.36");
	assert_int_equal(parse_problems, 0);
	expect_output("Truncating RAM at 80200000-a01fffff to -981fffff (vmalloc region overlap).",
		      "Kernel command line: rules=2.6.36", "Memory: 384MB = 384MB total",
		      "Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    DMA     : 0xfde00000 - 0xffe00000   (  32 MB)",
		      "    vmalloc : 0xd8800000 - 0xe0000000   ( 120 MB)",
		      "    lowmem  : 0xc0000000 - 0xd8000000   ( 384 MB)", MODULES_3G);
	/* 3.4 at the same base: the era's p2v could not patch it, said once. */
	board_at(PO_3G, 0x80200000, BANKS({ 0x80200000, MiB(512), false }), 1);
	boot("rules=3.4");
	assert_int_equal(count_lines_with("only in 16 MB steps"), 1);
	assert_lowmem_end(0xa0200000);
}

/* Seed 001 example 4 at its own address: 136 MB at 0x80000000, 768 MB at
 * 0x90000000, vmalloc=400M: vmalloc_min 0xe6000000 = __va(0xa6000000)
 * splits the second bank: 352 MB lowmem, 416 MB highmem. */
static void test_several_banks_at_0x80000000(void **state)
{
	(void)state;
	board_at(PO_3G, 0x80000000, BANKS({ 0x90000000, MiB(768), false }, { 0x80000000, MiB(136), false }), 2);
	boot("vmalloc=400M highmem=on");
	assert_int_equal(parse_problems, 0);
	assert_int_equal(lay.mi.nr_banks, 3);
	assert_bank(0, 0x80000000, MiB(136), false);
	assert_bank(1, 0x90000000, MiB(352), false);
	assert_bank(2, 0xa6000000, MiB(416), true);
	assert_lowmem_end(0xa6000000);
	expect_line("    lowmem  : 0xc0000000 - 0xe6000000   ( 608 MB)");
	/* The hole between them has a __va but no RAM behind it. */
	assert_int_equal(layout_region_of(&lay, layout_va(&lay, 0x88800000)), REGION_LOWMEM_HOLE);
}

/* RAM below PHYS_OFFSET: Linux's early_init_dt_add_memory_arch() lines. */
static void test_ram_below_phys_offset(void **state)
{
	(void)state;
	board_at(PO_3G, 0x80000000, BANKS({ 0x70000000, MiB(512), false }), 1);
	expect_output("Ignoring memory range 0x70000000 - 0x80000000");
	boot("");
	assert_bank(0, 0x80000000, MiB(256), false);

	board_at(PO_3G, 0x80000000, BANKS({ 0x10000000, MiB(16), false }, { 0x80000000, MiB(256), false }), 2);
	expect_output("Ignoring memory block 0x10000000 - 0x11000000");
	boot("");
	assert_int_equal(lay.mi.nr_banks, 1);
}

/* LPAE at 0x80000000 with 8 GB: RAM past 4 GB is highmem, lowmem ends at
 * __pa(0xf0000000) = 0xb0000000. */
static void test_lpae_8g_at_0x80000000(void **state)
{
	(void)state;
	capture_reset();
	boot_config_init(&bc, PO_3G, 0x80000000);
	bc.lpae = true;
	boot_config_add_ram(&bc, 0x80000000, GiB(8));
	boot("rules=modern highmem=on");
	expect_line("  Normal   [mem 0x0000000080000000-0x00000000afffffff]");
	expect_line("  HighMem  [mem 0x00000000b0000000-0x000000027fffffff]");
	assert_lowmem_end(0xb0000000);
}

/* Seed 001's examples 7 and 8 at the seed's own PHYS_OFFSET 0x80000000
 * (its bank[1] and bank[2], 0x05D00000 and 0x12000000, are offsets from
 * it, as tests/boot/seed001-example7.expect explains): each table is the
 * seed's, line for line, read from the seed file.  (Example 9's TAB-led
 * lines are held to the seed by tests/seed_tables_test.py.) */
static const struct membank ex7_banks[] = {
	{ 0x80000000, MiB(91), false }, { 0x85d00000, MiB(24), false }, { 0x92000000, MiB(493), false },
};

static void test_seed001_examples_7_8_own_address(void **state)
{
	(void)state;
	board_at(PO_3G, 0x80000000, ex7_banks, 3);
	boot("vmalloc=400M highmem=on");
	assert_int_equal(parse_problems, 0);
	expect_seed_table(seed_table("001_", 1, false));
	/* The split at __pa(vmalloc_min) = 0xa6000000. */
	assert_bank(2, 0x92000000, MiB(320), false);
	assert_bank(3, 0xa6000000, MiB(173), true);

	/* Example 8 skips the largest hole in the first 256 MB, the 171 MB
	 * between bank[1]'s end and bank[2]: the linear map bends there, at
	 * the seed's own addresses. */
	board_at(PO_3G, 0x80000000, ex7_banks, 3);
	boot("vmalloc=400M highmem=on reclaim=dont-map-hole");
	assert_int_equal(parse_problems, 0);
	expect_seed_table(seed_table("001_", 2, false));
	assert_int_equal(lay.hole_start, 0x87500000);
	assert_int_equal(lay.hole_end, 0x92000000);
	assert_int_equal(layout_va(&lay, 0x92000000), 0xc7500000);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boards_table),
		cmocka_unit_test(test_default_is_lowest_bank_rounded_down),
		cmocka_unit_test(test_problems),
		cmocka_unit_test(test_era_note),
		cmocka_unit_test(test_vexpress_1g_3_4),
		cmocka_unit_test(test_vexpress_mem_at),
		cmocka_unit_test(test_ram_at_zero_modern),
		cmocka_unit_test(test_odd_base_2_6_36),
		cmocka_unit_test(test_several_banks_at_0x80000000),
		cmocka_unit_test(test_ram_below_phys_offset),
		cmocka_unit_test(test_lpae_8g_at_0x80000000),
		cmocka_unit_test(test_seed001_examples_7_8_own_address),
	};

	(void)argc;
	seed_dir_from(argv[0]);
	return cmocka_run_group_tests_name("phys_offset", tests, NULL, NULL);
}
