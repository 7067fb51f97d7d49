/* Unit tests for core/layout/layout.c, the decision: the seeds reproduced,
 * vmalloc= in each era, the modern rules, the VMSPLIT choices,
 * layout_describe / layout_io_address / layout_is_lowmem_ram.
 *
 * Each test boots the way tools/memlayout.c does (tests/unit/layout_boot.c)
 * and compares what was printed with what Linux prints, taken from the
 * seeds (/work/shared/seeds) and the reference
 * (/work/shared/reference/linux-arm-layout.md).  The seeds' own tables are
 * read from the seed files when the test runs (tests/unit/seed_table.c),
 * the same tables tests/seed_tables_test.py holds against the boot
 * scenarios: one copy, the seed's.
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
#include "layout_boot.h"
#include "seed_table.h"

/* ================================================= the seeds reproduced */


/* Seed 000: 512 MB, VMALLOC_END 0xe0000000, the default 128 MB vmalloc
 * reserve: vmalloc_min 0xd8000000 = __va(0x58000000), so the bank is
 * truncated to 384 MB; VMALLOC_START = 0xd8000000 + 8 MB.  The table in the
 * real 4-space indentation of seed 003, without the board's image lines. */
static void test_seed000_truncation(void **state)
{
	(void)state;
	run(MiB(512), SEED000_LINE);
	assert_int_equal(parse_problems, 0);
	expect_output_until_table("Truncating RAM at 40000000-5fffffff to -57ffffff (vmalloc region overlap).",
		      "Kernel command line: " SEED000_LINE,
		      "Memory: 384MB = 384MB total",
		      "Virtual kernel memory layout:");
	expect_seed_table(seed_table("003_", 0, false));
	assert_int_equal(lay.vmalloc_min, 0xd8000000);
	assert_lowmem_end(0x58000000);
}

/* Seed 003's block whole: with seed 000's page counts and image sections
 * (385876k free, 7340k reserved; .init/.text/.data rounded up to kB), the
 * 2.6.36 report is character for character the board's. */
static void test_seed000_with_image(void **state)
{
	static const struct mem_counts counts = {
		.free_pages = 385876 / 4, .reserved_pages = 7340 / 4, .highmem_pages = 0,
	};
	static const struct image_sections img = {
		.init_start = 0xc0008000, .init_end = 0xc0021000,
		.text_start = 0xc0021000, .text_end = 0xc036b000,
		.rodata_start = 0xc0300000, .rodata_end = 0xc0360000,
		.data_start = 0xc0384000, .data_end = 0xc03b05c0,
		.bss_start = 0xc03b05c0, .bss_end = 0xc03c0000,
	};

	(void)state;
	board(PO_3G, MiB(512));
	boot_with(SEED000_LINE, &counts, &img);
	check_from("Kernel command line: " SEED000_LINE, concat_lines(LINES(
		"Memory: 384MB = 384MB total",
		"Memory: 385876k/385876k available, 7340k reserved, 0K highmem",
		"Virtual kernel memory layout:"), seed_table("003_", 0, true)), __FILE__, __LINE__);
}

/* Seed 000's fix: VMALLOC_END raised by 128 MB to 0xe8000000: vmalloc_min
 * 0xe0000000 = __va(0x60000000), all 512 MB is lowmem, no Truncating; the
 * static IO map moves up with VMALLOC_END. */
static void test_seed000_fixed(void **state)
{
	(void)state;
	run(MiB(512), "rules=2.6.36 vmalloc_end=0xe8000000");
	assert_int_equal(parse_problems, 0);
	expect_output("Kernel command line: rules=2.6.36 vmalloc_end=0xe8000000",
		      "Memory: 512MB = 512MB total",
		      "Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    DMA     : 0xfde00000 - 0xffe00000   (  32 MB)",
		      "    vmalloc : 0xe0800000 - 0xe8000000   ( 120 MB)",
		      "    lowmem  : 0xc0000000 - 0xe0000000   ( 512 MB)", MODULES_3G);
	assert_lowmem_end(0x60000000);
	assert_int_equal(layout_io_address(&lay, 0x09000000), 0xe8900000);
}

/* Seed 001's table: vmalloc=408M with the 3.4 rules sets vmalloc_min =
 * 0xff000000 - 408 MB = 0xe5800000 (no 8 MB taken off), __pa = 0x65800000:
 * the bank is split there, 600 MB lowmem + 424 MB highmem; VMALLOC_START =
 * 0xe5800000 + 8 MB = 0xe6000000: 400 MB.  pkmap and 14 MB of modules. */
static void test_seed001_vmalloc408(void **state)
{
	(void)state;
	run(GiB(1), "vmalloc=408M highmem=on");
	assert_int_equal(parse_problems, 0);
	expect_seed_table(seed_table("001_", 0, false));
	expect_no_prefix("Truncating");
	expect_no_prefix("vmalloc area");
	assert_lowmem_end(0x65800000);
	assert_int_equal(lay.mi.nr_banks, 2);
	assert_bank(0, 0x40000000, MiB(600), false);
	assert_bank(1, 0x65800000, MiB(424), true);
}

/* Seed 001's own image (msm 3.4: .text before .init, sizes rounded up). */
static void test_seed001_vmalloc408_with_image(void **state)
{
	static const struct image_sections img = {
		.text_start = 0xc0008000, .text_end = 0xc0b51420,
		.init_start = 0xc0c00000, .init_end = 0xc0d03f00,
		.data_start = 0xc0d04000, .data_end = 0xc0e50e70,
		.bss_start = 0xc0e50e94, .bss_end = 0xc0f00000,
	};

	(void)state;
	board(PO_3G, GiB(1));
	boot_with("vmalloc=408M highmem=on", NULL, &img);
	/* The seed's table stops at .data; .bss from its System.map. */
	expect_seed_table_then(seed_table("001_", 0, true),
			       "       .bss : 0xc0e50e94 - 0xc0f00000   ( 701 kB)");
}


/* Seed 001 example 7 on QEMU's RAM (0x80000000 -> 0x40000000, the bank
 * offsets kept): vmalloc=400M, vmalloc_min 0xe6000000 = __va(0x66000000)
 * splits the 493 MB bank into 320 MB lowmem + 173 MB highmem; lowmem ends
 * at 0xe6000000 (608 MB of linear map), VMALLOC_START 0xe6800000 (392 MB). */
static void test_seed001_example7(void **state)
{
	(void)state;
	run(GiB(1), EX7_LINE);
	assert_int_equal(parse_problems, 0);
	expect_seed_table(seed_table("001_", 1, false));
	assert_lowmem_end(0x66000000);
	assert_int_equal(lay.mi.nr_banks, 4);
	assert_bank(0, 0x40000000, MiB(91), false);
	assert_bank(1, 0x45d00000, MiB(24), false);
	assert_bank(2, 0x52000000, MiB(320), false);
	assert_bank(3, 0x66000000, MiB(173), true);
	assert_int_equal(meminfo_total(&lay.mi, BANKS_LOWMEM), MiB(435));
	assert_int_equal(meminfo_total(&lay.mi, BANKS_HIGHMEM), MiB(173));
}

/* Example 7's table with its image: the seed's ten lines exactly. */
static void test_seed001_example7_with_image(void **state)
{
	static const struct image_sections img = {
		.text_start = 0xc0008000, .text_end = 0xc0e0a358,
		.init_start = 0xc0f00000, .init_end = 0xc10370c0,
		.data_start = 0xc1038000, .data_end = 0xc1135c98,
		.bss_start = 0xc1135cbc, .bss_end = 0xc13ba7b0,
	};

	(void)state;
	board(PO_3G, GiB(1));
	boot_with(EX7_LINE, NULL, &img);
	expect_seed_table(seed_table("001_", 1, true));
}

/* Seed 001 example 1 (1 GB, vmalloc=400M, highmem): vmalloc_min =
 * 0xff000000 - 400 MB = 0xe6000000 -> __pa 0x66000000: 608 MB lowmem, 416 MB
 * highmem, VMALLOC_START 0xe6800000. */
static void test_seed001_example1(void **state)
{
	(void)state;
	run(GiB(1), "vmalloc=400M highmem=on");
	assert_int_equal(lay.vmalloc_min, 0xe6000000);
	assert_lowmem_end(0x66000000);
	assert_int_equal(lay.vmalloc_start, 0xe6800000);
	assert_bank(0, 0x40000000, MiB(608), false);
	assert_bank(1, 0x66000000, MiB(416), true);
	assert_int_equal(lay.mi.nr_banks, 2);
}

/* Example 2 (vmalloc=240M): vmalloc_min 0xf0000000 -> __pa 0x70000000:
 * 768 MB lowmem, 256 MB highmem; the area is 0xf0800000-0xff000000, only
 * 232 MB (3.4's vmalloc= takes no 8 MB gap off, the 8 MB guard comes out
 * of the area). */
static void test_seed001_example2(void **state)
{
	(void)state;
	run(GiB(1), "vmalloc=240M highmem=on");
	assert_lowmem_end(0x70000000);
	assert_region(LINE_VMALLOC, 0xf0800000, 0xff000000);
	expect_line("    vmalloc : 0xf0800000 - 0xff000000   ( 232 MB)");
	assert_bank(0, 0x40000000, MiB(768), false);
	assert_bank(1, 0x70000000, MiB(256), true);
}

/* Example 3 (2 GB, vmalloc=400M): same split point 0x66000000; the
 * highmem bank is 0x66000000-0xc0000000, 1440 MB. */
static void test_seed001_example3(void **state)
{
	(void)state;
	run(GiB(2), "vmalloc=400M highmem=on");
	assert_lowmem_end(0x66000000);
	assert_bank(0, 0x40000000, MiB(608), false);
	assert_bank(1, 0x66000000, MiB(1440), true);
	expect_line("    lowmem  : 0xc0000000 - 0xe6000000   ( 608 MB)");
}

/* Example 4 (a 120 MB hole in lowmem: 136 MB at 0x40000000, 768 MB at
 * 0x50000000): the hole uses linear-map space, lowmem still ends at
 * 0xe6000000 but holds only 136 + 352 = 488 MB; 416 MB is highmem. */
static void test_seed001_example4(void **state)
{
	(void)state;
	run(GiB(1), "mem=136M@0x40000000 mem=768M@0x50000000 vmalloc=400M highmem=on");
	assert_int_equal(parse_problems, 0);
	assert_lowmem_end(0x66000000);
	assert_int_equal(lay.mi.nr_banks, 3);
	assert_bank(0, 0x40000000, MiB(136), false);
	assert_bank(1, 0x50000000, MiB(352), false);
	assert_bank(2, 0x66000000, MiB(416), true);
	assert_int_equal(meminfo_total(&lay.mi, BANKS_LOWMEM), MiB(488));
	expect_table(VECTOR_LINE, FIXMAP_LINE,
		     "    vmalloc : 0xe6800000 - 0xff000000   ( 392 MB)",
		     "    lowmem  : 0xc0000000 - 0xe6000000   ( 608 MB)", PKMAP_3G, MODULES_3G_HM);
}

/* Example 5 (the hole moved into highmem: 768 MB at 0x40000000, 136 MB at
 * 0x77800000): the first bank is split at 0x66000000 (608 MB lowmem, 160 MB
 * highmem), the second is wholly highmem; all 608 MB of lowmem is RAM. */
static void test_seed001_example5(void **state)
{
	(void)state;
	run(GiB(1), "mem=768M@0x40000000 mem=136M@0x77800000 vmalloc=400M highmem=on");
	assert_int_equal(parse_problems, 0);
	assert_lowmem_end(0x66000000);
	assert_int_equal(lay.mi.nr_banks, 3);
	assert_bank(0, 0x40000000, MiB(608), false);
	assert_bank(1, 0x66000000, MiB(160), true);
	assert_bank(2, 0x77800000, MiB(136), true);
	assert_int_equal(meminfo_total(&lay.mi, BANKS_LOWMEM), MiB(608));
}

/* ============================================= vmalloc= in each era */

/* The default 1 GB boot of the 3.4 rules: vmalloc_min = 0xff000000 - 240 MB
 * - 8 MB = 0xef800000 = __va(0x6f800000): truncated to 760 MB. */
static void test_vmalloc_default_3_4(void **state)
{
	(void)state;
	run(GiB(1), "");
	assert_int_equal(lay.vmalloc_min, 0xef800000);
	assert_lowmem_end(0x6f800000);
	assert_region(LINE_VMALLOC, 0xf0000000, 0xff000000);
	assert_region(LINE_LOWMEM, 0xc0000000, 0xef800000);
	assert_int_equal(lay.mi.nr_banks, 1);
	assert_bank(0, 0x40000000, MiB(760), false);
}

/* 2.6.36: vmalloc_min = VMALLOC_END - 128 MB (no gap). */
static void test_vmalloc_default_2_6_36(void **state)
{
	(void)state;
	run(GiB(1), "rules=2.6.36");
	assert_int_equal(lay.vmalloc_min, 0xd8000000);
	expect_output("Truncating RAM at 40000000-7fffffff to -57ffffff (vmalloc region overlap).",
		      "Kernel command line: rules=2.6.36",
		      "Memory: 384MB = 384MB total",
		      "Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    DMA     : 0xfde00000 - 0xffe00000   (  32 MB)",
		      "    vmalloc : 0xd8800000 - 0xe0000000   ( 120 MB)",
		      "    lowmem  : 0xc0000000 - 0xd8000000   ( 384 MB)", MODULES_3G);
}

/* Modern: vmalloc_min = 0xff800000 - 240 MiB - 8 MiB = 0xf0000000. */
static void test_vmalloc_default_modern(void **state)
{
	(void)state;
	run(GiB(1), "rules=modern highmem=on");
	assert_int_equal(lay.vmalloc_min, 0xf0000000);
	assert_lowmem_end(0x70000000);
	assert_region(LINE_VMALLOC, 0xf0800000, 0xff800000);
}

/* 3.4: vmalloc=SIZE sets vmalloc_min = VMALLOC_END - SIZE, no 8 MB off:
 * vmalloc=256M gives vmalloc_min 0xef000000 and a 248 MB area. */
static void test_vmalloc_size_3_4(void **state)
{
	(void)state;
	run(GiB(1), "vmalloc=256M highmem=on");
	assert_int_equal(lay.vmalloc_min, 0xef000000);
	assert_lowmem_end(0x6f000000);
	expect_table(VECTOR_LINE, FIXMAP_LINE,
		     "    vmalloc : 0xef800000 - 0xff000000   ( 248 MB)",
		     "    lowmem  : 0xc0000000 - 0xef000000   ( 752 MB)", PKMAP_3G, MODULES_3G_HM);

	run(GiB(1), "vmalloc=256M");
	expect_line("Truncating RAM at 40000000-7fffffff to -6effffff (vmalloc region overlap).");
}

/* Modern: vmalloc=SIZE is the area, 8 MiB more is taken below it:
 * vmalloc=256M gives vmalloc_min 0xef000000 and a 256 MB area. */
static void test_vmalloc_size_modern(void **state)
{
	(void)state;
	run(GiB(1), "rules=modern vmalloc=256M highmem=on");
	assert_int_equal(lay.vmalloc_min, 0xef000000);
	assert_lowmem_end(0x6f000000);
	expect_line("  Normal   [mem 0x0000000040000000-0x000000006effffff]");
	expect_line("  HighMem  [mem 0x000000006f000000-0x000000007fffffff]");
	expect_line("    vmalloc : 0xef800000 - 0xff800000   ( 256 MB)");
}

/* 2.6.36: vmalloc=64M: vmalloc_min 0xe0000000 - 64 MB = 0xdc000000. */
static void test_vmalloc_size_2_6_36(void **state)
{
	(void)state;
	run(MiB(512), "rules=2.6.36 vmalloc=64M");
	assert_int_equal(lay.vmalloc_min, 0xdc000000);
	expect_line("Truncating RAM at 40000000-5fffffff to -5bffffff (vmalloc region overlap).");
	expect_line("    vmalloc : 0xdc800000 - 0xe0000000   (  56 MB)");
	expect_line("    lowmem  : 0xc0000000 - 0xdc000000   ( 448 MB)");
}

/* Below 16 MB: raised to 16 MB, with each era's own text. */
static void test_vmalloc_too_small(void **state)
{
	(void)state;
	run(GiB(1), "vmalloc=8M");
	expect_output("vmalloc area too small, limiting to 16MB",
		      "Truncating RAM at 40000000-7fffffff to -7dffffff (vmalloc region overlap).",
		      "Kernel command line: vmalloc=8M",
		      "Memory: 992MB = 992MB total",
		      "Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    vmalloc : 0xfe800000 - 0xff000000   (   8 MB)",
		      "    lowmem  : 0xc0000000 - 0xfe000000   ( 992 MB)", MODULES_3G);
	assert_int_equal(lay.vmalloc_min, 0xfe000000);

	run(MiB(512), "rules=2.6.36 vmalloc=1M");
	expect_line("vmalloc area too small, limiting to 16MB");
	assert_int_equal(lay.vmalloc_min, 0xdf000000);

	/* Modern: 0xff800000 - 16 MiB - 8 MiB. */
	run(GiB(1), "rules=modern vmalloc=15M");
	expect_line("vmalloc area is too small, limiting to 16MiB");
	assert_int_equal(lay.vmalloc_min, 0xfe000000);
}

/* Above VMALLOC_END - (PAGE_OFFSET + 32 MB) (modern: + 8 MiB more): the
 * limit, named in MB (MiB). */
static void test_vmalloc_too_big(void **state)
{
	(void)state;
	/* 0xff000000 - 0xc2000000 = 976 MB */
	run(GiB(1), "vmalloc=977M");
	expect_line("vmalloc area is too big, limiting to 976MB");
	assert_int_equal(bc.vmalloc_reserve, MiB(976));
	run(GiB(1), "vmalloc=0x3d000001");	/* one byte over */
	expect_line("vmalloc area is too big, limiting to 976MB");
	assert_int_equal(bc.vmalloc_reserve, MiB(976));

	/* 0xff800000 - 0xc2800000 = 976 MiB */
	run(GiB(1), "rules=modern vmalloc=977M");
	expect_line("vmalloc area is too big, limiting to 976MiB");
	assert_int_equal(bc.vmalloc_reserve, MiB(976));
	assert_int_equal(lay.vmalloc_min, 0xc2000000);

	/* 0xe0000000 - 0xc2000000 = 480 MB */
	run(MiB(512), "rules=2.6.36 vmalloc=481M");
	expect_line("vmalloc area is too big, limiting to 480MB");

	/* The limit follows PAGE_OFFSET: 1G split 0xff000000 - 0x42000000. */
	run_split(PO_1G, GiB(1), "vmalloc=4000M");
	expect_line("vmalloc area is too big, limiting to 3024MB");
	run_split(PO_2G, GiB(1), "vmalloc=3G");
	expect_line("vmalloc area is too big, limiting to 2000MB");
	/* ... and the split chosen on the same line, whatever the order. */
	run(GiB(1), "vmalloc=3G split=2G");
	expect_line("vmalloc area is too big, limiting to 2000MB");
}

/* Exactly 16 MB and exactly the maximum print nothing. */
static void test_vmalloc_exact_limits_silent(void **state)
{
	static const char *const lines[] = {
		"vmalloc=16M", "vmalloc=976M",
		"rules=modern vmalloc=16M", "rules=modern vmalloc=976M",
		"rules=2.6.36 vmalloc=16M", "rules=2.6.36 vmalloc=480M",
	};

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(lines); i++) {
		run(GiB(1), lines[i]);
		assert_int_equal(parse_problems, 0);
		expect_no_prefix("vmalloc area");
	}
}

/* vmalloc=976M leaves exactly 32 MB of lowmem (the 3.4 vmalloc-limits
 * scenario: two values, both messages, the last wins). */
static void test_vmalloc_last_wins(void **state)
{
	(void)state;
	run(GiB(1), "vmalloc=8M vmalloc=2G");
	expect_output("vmalloc area too small, limiting to 16MB",
		      "vmalloc area is too big, limiting to 976MB",
		      "Truncating RAM at 40000000-7fffffff to -41ffffff (vmalloc region overlap).",
		      "Kernel command line: vmalloc=8M vmalloc=2G",
		      "Memory: 32MB = 32MB total",
		      "Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    vmalloc : 0xc2800000 - 0xff000000   ( 968 MB)",
		      "    lowmem  : 0xc0000000 - 0xc2000000   (  32 MB)", MODULES_3G);
}

/* What memparse cannot read: Linux reads 0 (-> 16 MB), or the number before
 * the junk; values past 32 bits are cut to unsigned long. */
static void test_vmalloc_bad_values(void **state)
{
	(void)state;
	run(GiB(1), "vmalloc=abc");
	assert_int_equal(parse_problems, 1);
	expect_output("vmsplit: vmalloc=abc: not a size; Linux reads 0",
		      "vmalloc area too small, limiting to 16MB",
		      "Truncating RAM at 40000000-7fffffff to -7dffffff (vmalloc region overlap).",
		      "Kernel command line: vmalloc=abc",
		      "Memory: 992MB = 992MB total",
		      "Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    vmalloc : 0xfe800000 - 0xff000000   (   8 MB)",
		      "    lowmem  : 0xc0000000 - 0xfe000000   ( 992 MB)", MODULES_3G);

	run(GiB(1), "vmalloc=");
	expect_line("vmsplit: vmalloc=: not a size; Linux reads 0");
	assert_int_equal(bc.vmalloc_reserve, SZ_16M);

	run(GiB(1), "vmalloc=256Mjunk");
	assert_int_equal(parse_problems, 1);
	expect_line("vmsplit: vmalloc=256Mjunk: not a size; Linux reads 268435456");
	assert_int_equal(bc.vmalloc_reserve, MiB(256));

	run(GiB(1), "vmalloc=4G");		/* (unsigned long)4G = 0 */
	assert_int_equal(parse_problems, 1);
	expect_line("vmsplit: vmalloc=4G: does not fit 32 bits; Linux keeps 0x00000000");
	expect_line("vmalloc area too small, limiting to 16MB");
	assert_int_equal(bc.vmalloc_reserve, SZ_16M);

	run(GiB(1), "vmalloc=5G");		/* (unsigned long)5G = 1G */
	expect_line("vmsplit: vmalloc=5G: does not fit 32 bits; Linux keeps 0x40000000");
	expect_line("vmalloc area is too big, limiting to 976MB");

	run(GiB(1), "vmalloc=K");		/* memparse: 0, K consumed */
	expect_line("vmalloc area too small, limiting to 16MB");
	assert_int_equal(bc.vmalloc_reserve, SZ_16M);

	run(GiB(1), "vmalloc");
	assert_int_equal(parse_problems, 1);
	assert_false(bc.vmalloc_set);
	expect_line("vmsplit: vmalloc needs a value (vmalloc=SIZE), ignored");
}

/* Modern, highmem, vmalloc=123456789 (measured on Linux 6.1): lowmem ends
 * at 0x7f000000 - 123456789 = 0x77a432eb; the zone boundary is that page,
 * 0x77a43000; high_memory 0xf7a432eb; VMALLOC_START 0xf8000000. */
static void test_vmalloc_odd_size_modern(void **state)
{
	(void)state;
	run(GiB(1), "rules=modern highmem=on vmalloc=123456789");
	assert_int_equal(parse_problems, 0);
	expect_output("Zone ranges:",
		      "  Normal   [mem 0x0000000040000000-0x0000000077a42fff]",
		      "  HighMem  [mem 0x0000000077a43000-0x000000007fffffff]",
		      "Movable zone start for each node",
		      "Early memory node ranges",
		      "  node   0: [mem 0x0000000040000000-0x000000007fffffff]",
		      "Initmem setup node 0 [mem 0x0000000040000000-0x000000007fffffff]",
		      "Kernel command line: rules=modern highmem=on vmalloc=123456789",
		      NO_TABLE_NOTE_MODERN, "Virtual kernel memory layout:",
		      "    vector  : 0xffff0000 - 0xffff1000   (   4 kB)", FIXMAP_MODERN,
		      "    vmalloc : 0xf8000000 - 0xff800000   ( 120 MB)",
		      "    lowmem  : 0xc0000000 - 0xf7a432eb   ( 890 MB)", PKMAP_3G, MODULES_3G_HM);
	assert_int_equal(lay.lowmem_limit, 0x77a432eb);
	assert_bank(0, 0x40000000, 0x37a43000, false);
	assert_bank(1, 0x77a43000, 0x085bd000, true);
}

/* ===================================================== modern rules */

/* Modern, no highmem, 1 GB: one limit for all RAM; "Ignoring RAM at
 * %pa-%pa" (0x-prefixed, end exclusive) and the HIGHMEM hint; the zone
 * report replaces the "Memory:" bank line. */
static void test_modern_default_1G(void **state)
{
	(void)state;
	run(GiB(1), "rules=modern");
	assert_int_equal(parse_problems, 0);
	expect_output("Ignoring RAM at 0x70000000-0x80000000",
		      "Consider using a HIGHMEM enabled kernel.",
		      "Zone ranges:",
		      "  Normal   [mem 0x0000000040000000-0x000000006fffffff]",
		      "Movable zone start for each node",
		      "Early memory node ranges",
		      "  node   0: [mem 0x0000000040000000-0x000000006fffffff]",
		      "Initmem setup node 0 [mem 0x0000000040000000-0x000000006fffffff]",
		      "Kernel command line: rules=modern",
		      NO_TABLE_NOTE_MODERN, "Virtual kernel memory layout:",
		      "    vector  : 0xffff0000 - 0xffff1000   (   4 kB)", FIXMAP_MODERN,
		      "    vmalloc : 0xf0800000 - 0xff800000   ( 240 MB)",
		      "    lowmem  : 0xc0000000 - 0xf0000000   ( 768 MB)", MODULES_3G);
	assert_int_equal(lay.mi.nr_banks, 1);
	assert_bank(0, 0x40000000, MiB(768), false);
}

/* Modern with highmem: Normal to 0x6fffffff, HighMem above; memblock
 * shows one node range (the halves touch). */
static void test_modern_highmem_1G(void **state)
{
	(void)state;
	run(GiB(1), "rules=modern highmem=on");
	expect_output("Zone ranges:",
		      "  Normal   [mem 0x0000000040000000-0x000000006fffffff]",
		      "  HighMem  [mem 0x0000000070000000-0x000000007fffffff]",
		      "Movable zone start for each node",
		      "Early memory node ranges",
		      "  node   0: [mem 0x0000000040000000-0x000000007fffffff]",
		      "Initmem setup node 0 [mem 0x0000000040000000-0x000000007fffffff]",
		      "Kernel command line: rules=modern highmem=on",
		      NO_TABLE_NOTE_MODERN, "Virtual kernel memory layout:",
		      "    vector  : 0xffff0000 - 0xffff1000   (   4 kB)", FIXMAP_MODERN,
		      "    vmalloc : 0xf0800000 - 0xff800000   ( 240 MB)",
		      "    lowmem  : 0xc0000000 - 0xf0000000   ( 768 MB)", PKMAP_3G, MODULES_3G_HM);
}

/* Less RAM than the limit: no message, and an empty HighMem zone. */
static void test_modern_small_ram(void **state)
{
	(void)state;
	run(MiB(512), "rules=modern");
	expect_no_prefix("Ignoring");
	expect_line("  Normal   [mem 0x0000000040000000-0x000000005fffffff]");
	expect_no_prefix("  HighMem");

	run(MiB(512), "rules=modern highmem=on");
	expect_line("  HighMem  empty");
}

/* The reference's measured hole case: 136M@0x40000000 + 768M@0x50000000
 * still end lowmem at 0x70000000 (the hole uses linear map), so only
 * 136 + 512 = 648 MiB is lowmem RAM; without highmem the rest goes. */
static void test_modern_hole(void **state)
{
	(void)state;
	run(GiB(1), "rules=modern mem=136M@0x40000000 mem=768M@0x50000000");
	expect_output("Ignoring RAM at 0x70000000-0x80000000",
		      "Consider using a HIGHMEM enabled kernel.",
		      "Zone ranges:",
		      "  Normal   [mem 0x0000000040000000-0x000000006fffffff]",
		      "Movable zone start for each node",
		      "Early memory node ranges",
		      "  node   0: [mem 0x0000000040000000-0x00000000487fffff]",
		      "  node   0: [mem 0x0000000050000000-0x000000006fffffff]",
		      "Initmem setup node 0 [mem 0x0000000040000000-0x000000006fffffff]",
		      "Kernel command line: rules=modern mem=136M@0x40000000 mem=768M@0x50000000",
		      NO_TABLE_NOTE_MODERN, "Virtual kernel memory layout:",
		      "    vector  : 0xffff0000 - 0xffff1000   (   4 kB)", FIXMAP_MODERN,
		      "    vmalloc : 0xf0800000 - 0xff800000   ( 240 MB)",
		      "    lowmem  : 0xc0000000 - 0xf0000000   ( 768 MB)", MODULES_3G);
	assert_int_equal(lay.lowmem_limit, 0x70000000);
	assert_int_equal(meminfo_total(&lay.mi, BANKS_LOWMEM), MiB(648));

	run(GiB(1), "rules=modern highmem=on mem=136M@0x40000000 mem=768M@0x50000000");
	expect_line("  HighMem  [mem 0x0000000070000000-0x000000007fffffff]");
	assert_int_equal(meminfo_total(&lay.mi, BANKS_HIGHMEM), MiB(256));
}

/* adjust_lowmem_bounds(): memblock_limit is the first end that is not
 * 2 MB aligned (rounded down), and without highmem everything from there
 * up is removed -- even RAM below the vmalloc limit. */
static void test_modern_unaligned_bank_end(void **state)
{
	(void)state;
	run(GiB(1), "rules=modern mem=3M mem=768M@0x50000000");
	expect_line("Ignoring RAM at 0x40200000-0x80000000");
	expect_line("Consider using a HIGHMEM enabled kernel.");
	assert_int_equal(lay.mi.nr_banks, 1);
	assert_bank(0, 0x40000000, SZ_2M, false);
	assert_int_equal(lay.lowmem_limit, 0x40200000);

	/* A bank starting off a 2 MB boundary: memblock_limit is its start
	 * (0x50100000, rounded down to 0x50000000); the second pass of the
	 * bounds ends lowmem at the last bank kept, 0x44000000. */
	run(GiB(1), "rules=modern mem=64M mem=1M@0x50100000 mem=512M@0x60000000");
	expect_line("Ignoring RAM at 0x50000000-0x80000000");
	assert_int_equal(lay.mi.nr_banks, 1);
	assert_bank(0, 0x40000000, MiB(64), false);
	assert_lowmem_end(0x44000000);
}

/* The zone-era "Memory:" line (with ", %luK highmem" only under highmem). */
static void test_modern_memory_line(void **state)
{
	static const struct mem_counts counts = {
		.free_pages = 100000, .reserved_pages = 1000, .highmem_pages = 5000,
	};
	static const struct image_sections img = {
		.text_start = 0xc0100000, .text_end = 0xc0200000,
		.rodata_start = 0xc0180000, .rodata_end = 0xc0200000,
		.data_start = 0xc0200000, .data_end = 0xc0210000,
		.init_start = 0xc0210000, .init_end = 0xc0220000,
		.bss_start = 0xc0220000, .bss_end = 0xc0228000,
	};

	(void)state;
	board(PO_3G, GiB(1));
	boot_with("rules=modern highmem=on", &counts, &img);
	expect_line("Memory: 400000K/1048576K available (512K kernel code, 64K rwdata, "
		    "512K rodata, 64K init, 32K bss, 4000K reserved, 0K cma-reserved, "
		    "20000K highmem)");
	board(PO_3G, GiB(1));
	boot_with("rules=modern", &counts, &img);
	expect_line("Memory: 400000K/786432K available (512K kernel code, 64K rwdata, "
		    "512K rodata, 64K init, 32K bss, 4000K reserved, 0K cma-reserved)");
}

/* ===================================================== VMSPLIT choices */

/* 2G and 1G splits with 1 GB: all RAM fits below vmalloc_min. */
static void test_split_2G_and_1G(void **state)
{
	(void)state;
	run_split(PO_2G, GiB(1), "");
	expect_output("Kernel command line: ", "Memory: 1024MB = 1024MB total",
		      "Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    vmalloc : 0xc0800000 - 0xff000000   (1000 MB)",
		      "    lowmem  : 0x80000000 - 0xc0000000   (1024 MB)",
		      "    modules : 0x7f000000 - 0x80000000   (  16 MB)");

	run_split(PO_1G, GiB(1), "");
	expect_output("Kernel command line: ", "Memory: 1024MB = 1024MB total",
		      "Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    vmalloc : 0x80800000 - 0xff000000   (2024 MB)",
		      "    lowmem  : 0x40000000 - 0x80000000   (1024 MB)",
		      "    modules : 0x3f000000 - 0x40000000   (  16 MB)");
}

/* Modern VMSPLIT_3G_OPT: PAGE_OFFSET 0xb0000000 maps all 1 GB. */
static void test_split_3G_OPT_modern(void **state)
{
	(void)state;
	run(GiB(1), "rules=modern split=3G_OPT");
	expect_output("Zone ranges:",
		      "  Normal   [mem 0x0000000040000000-0x000000007fffffff]",
		      "Movable zone start for each node",
		      "Early memory node ranges",
		      "  node   0: [mem 0x0000000040000000-0x000000007fffffff]",
		      "Initmem setup node 0 [mem 0x0000000040000000-0x000000007fffffff]",
		      "Kernel command line: rules=modern split=3G_OPT",
		      NO_TABLE_NOTE_MODERN, "Virtual kernel memory layout:",
		      "    vector  : 0xffff0000 - 0xffff1000   (   4 kB)", FIXMAP_MODERN,
		      "    vmalloc : 0xf0800000 - 0xff800000   ( 240 MB)",
		      "    lowmem  : 0xb0000000 - 0xf0000000   (1024 MB)",
		      "    modules : 0xaf000000 - 0xb0000000   (  16 MB)");
}

/* RAM reaching 4 GB, as each era says it: 3.x's arm_add_memory() line
 * whenever a bank reaches 4 GB; from 4.x early_init_dt_add_memory_arch()'s
 * line for what lies above 4 GB only (drivers/of/fdt.c), nothing for a bank
 * ending exactly there.  The banks are the same: the last page is lost. */
static void test_ram_to_4g_per_era(void **state)
{
	(void)state;
	run_split(PO_3G, GiB(3), "rules=modern highmem=on");
	assert_null(strstr(captured(), "32-bit"));
	assert_null(strstr(captured(), "Ignoring memory"));
	assert_non_null(strstr(captured(), "  HighMem  [mem 0x0000000070000000-0x00000000ffffefff]\n"));
	run_split(PO_3G, GiB(4), "rules=modern highmem=on");
	assert_non_null(strstr(captured(), "OF: fdt: Ignoring memory range 0x100000000 - 0x140000000\nZone ranges:\n"));
	assert_non_null(strstr(captured(), "  HighMem  [mem 0x0000000070000000-0x00000000ffffefff]\n"));
	run_split(PO_3G, GiB(4), "highmem=on rules=3.4");
	assert_non_null(strstr(captured(), "Truncating memory at 0x40000000 to fit in 32-bit physical address space\n"));
	assert_null(strstr(captured(), "Ignoring memory range"));
}

/* 1G split, 3 GB of RAM: the bank is cut to 32-bit space (one page lost)
 * and truncated at vmalloc_min 0xef800000 = __va(0xef800000). */
static void test_split_1G_with_3G_ram(void **state)
{
	(void)state;
	run_split(PO_1G, GiB(3), "");
	expect_output("Truncating memory at 0x40000000 to fit in 32-bit physical address space",
		      "Truncating RAM at 40000000-ffffefff to -ef7fffff (vmalloc region overlap).",
		      "Kernel command line: ",
		      "Memory: 2808MB = 2808MB total",
		      "Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    vmalloc : 0xf0000000 - 0xff000000   ( 240 MB)",
		      "    lowmem  : 0x40000000 - 0xef800000   (2808 MB)",
		      "    modules : 0x3f000000 - 0x40000000   (  16 MB)");
	assert_lowmem_end(0xef800000);
}

/* 2G and 3G splits with 3 GB: __va(end) wraps past 4 GB (below __va(start))
 * and must still truncate at vmalloc_min. */
static void test_split_wrap_truncates(void **state)
{
	(void)state;
	run_split(PO_2G, GiB(3), "");
	expect_line("Truncating RAM at 40000000-ffffefff to -af7fffff (vmalloc region overlap).");
	assert_lowmem_end(0xaf800000);
	expect_line("    lowmem  : 0x80000000 - 0xef800000   (1784 MB)");

	run_split(PO_3G, GiB(3), "");
	expect_line("Truncating RAM at 40000000-ffffefff to -6f7fffff (vmalloc region overlap).");
	assert_lowmem_end(0x6f800000);

	/* With highmem the same bank is split, not dropped. */
	run_split(PO_2G, GiB(3), "highmem=on");
	assert_bank(0, 0x40000000, 0x6f800000, false);
	assert_bank(1, 0xaf800000, 0xfffff000 - 0xaf800000ull, true);
}

/* MODULES_VADDR = PAGE_OFFSET - 16 MB; with highmem PKMAP_BASE =
 * PAGE_OFFSET - 2 MB = MODULES_END; pkmap exists only with highmem. */
static void test_split_modules_and_pkmap(void **state)
{
	static const uint32_t po[] = { PO_3G, PO_3G_OPT, PO_2G, PO_1G };
	uint32_t s, e;

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(po); i++) {
		run_split(po[i], GiB(1), "rules=modern");
		assert_region(LINE_MODULES, po[i] - SZ_16M, po[i]);
		assert_false(layout_region(&lay, LINE_PKMAP, &s, &e));
		assert_region(LINE_LOWMEM, po[i], lay.high_memory);

		run_split(po[i], GiB(1), "rules=modern highmem=on");
		assert_region(LINE_MODULES, po[i] - SZ_16M, po[i] - SZ_2M);
		assert_region(LINE_PKMAP, po[i] - SZ_2M, po[i]);
		assert_int_equal(lay.pkmap_base, po[i] - SZ_2M);
	}
}

/* ==================== layout_describe, layout_io_address, lowmem RAM */

static void assert_describe(uint32_t va, const char *want)
{
	const char *got = layout_describe(&lay, va);

	if (!got || strcmp(got, want))
		fail_msg("layout_describe(0x%08x) = \"%s\", expected \"%s\"",
			 (unsigned)va, got ? got : "(null)", want);
}

/* 3.4, 1 GB, no highmem: every region, at both of its edges. */
static void test_describe_3_4(void **state)
{
	(void)state;
	run(GiB(1), "");
	assert_describe(0x00000000, "user space (below TASK_SIZE)");
	assert_describe(0xbeffffff, "user space (below TASK_SIZE)");
	assert_describe(0xbf000000, "modules");
	assert_describe(0xbfffffff, "modules");
	assert_describe(0xc0000000, "lowmem");
	assert_describe(0xef7fffff, "lowmem");
	assert_describe(0xef800000, "past lowmem: the gap before vmalloc (VMALLOC_OFFSET)");
	assert_describe(0xefffffff, "past lowmem: the gap before vmalloc (VMALLOC_OFFSET)");
	assert_describe(0xf0000000, "vmalloc");
	assert_describe(0xfdffffff, "vmalloc");
	assert_describe(0xfe000000, "static IO map");
	assert_describe(0xfeffffff, "static IO map");
	assert_describe(0xff000000, "unused kernel space");
	assert_describe(0xffbfffff, "unused kernel space");
	assert_describe(0xffc00000, "DMA (consistent) region");
	assert_describe(0xffdfffff, "DMA (consistent) region");
	assert_describe(0xffe00000, "unused kernel space");
	assert_describe(0xfff00000, "fixmap");
	assert_describe(0xfffdffff, "fixmap");
	assert_describe(0xfffe0000, "unused kernel space");
	assert_describe(0xffff0000, "vector page");
	assert_describe(0xffff0fff, "vector page");
	assert_describe(0xffff1000, "unused kernel space");
	assert_describe(0xffffffff, "unused kernel space");
}

/* With highmem: pkmap below PAGE_OFFSET, modules end at it. */
static void test_describe_highmem(void **state)
{
	(void)state;
	run(GiB(1), "highmem=on");
	assert_describe(0xbfdfffff, "modules");
	assert_describe(0xbfe00000, "pkmap");
	assert_describe(0xbfffffff, "pkmap");
	assert_describe(0xc0000000, "lowmem");
	assert_describe(0xef800000, "past lowmem: the gap before vmalloc (VMALLOC_OFFSET)");
}

/* 2.6.36: the static IO map sits above VMALLOC_END, the DMA region is
 * CONSISTENT_END - 32 MB. */
static void test_describe_2_6_36(void **state)
{
	(void)state;
	run(MiB(512), SEED000_LINE);
	assert_describe(0xd7ffffff, "lowmem");
	assert_describe(0xd8000000, "past lowmem: the gap before vmalloc (VMALLOC_OFFSET)");
	assert_describe(0xd8800000, "vmalloc");
	assert_describe(0xdfffffff, "vmalloc");
	assert_describe(0xe0000000, "static IO map");
	assert_describe(0xe0ffffff, "static IO map");
	assert_describe(0xe1000000, "unused kernel space");
	assert_describe(0xfde00000, "DMA (consistent) region");
	assert_describe(0xffdfffff, "DMA (consistent) region");
}

/* Modern: fixmap 0xffc80000-0xfff00000, vector stubs page, no DMA. */
static void test_describe_modern(void **state)
{
	(void)state;
	run(GiB(1), "rules=modern");
	assert_describe(0xefffffff, "lowmem");
	assert_describe(0xf0000000, "past lowmem: the gap before vmalloc (VMALLOC_OFFSET)");
	assert_describe(0xf0800000, "vmalloc");
	assert_describe(0xfe7fffff, "vmalloc");
	assert_describe(0xfe800000, "static IO map");
	assert_describe(0xff7fffff, "static IO map");
	assert_describe(0xff800000, "unused kernel space");
	assert_describe(0xffc00000, "unused kernel space");
	assert_describe(0xffc80000, "fixmap");
	assert_describe(0xffefffff, "fixmap");
	assert_describe(0xffff0000, "vector page");
	assert_describe(0xffff1000, "vector stubs page");
	assert_describe(0xffff2000, "unused kernel space");
}

/* Holes and highmem inside the linear-map range. */
static void test_describe_holes_and_highmem(void **state)
{
	(void)state;
	run(GiB(1), "mem=136M@0x40000000 mem=768M@0x50000000 vmalloc=400M highmem=on");
	assert_describe(0xc87fffff, "lowmem");
	assert_describe(0xc8800000, "lowmem hole (no RAM behind it)");
	assert_describe(0xcfffffff, "lowmem hole (no RAM behind it)");
	assert_describe(0xd0000000, "lowmem");
	assert_describe(0xe5ffffff, "lowmem");
	assert_describe(0xe6000000, "past lowmem: the gap before vmalloc (VMALLOC_OFFSET)");

	run(GiB(1), "rules=modern highmem=on vmalloc=123456789");
	assert_describe(0xf7a42fff, "lowmem");
	assert_describe(0xf7a43000, "lowmem range, but this RAM is highmem (not mapped)");
	assert_describe(0xf7a432ea, "lowmem range, but this RAM is highmem (not mapped)");
	assert_describe(0xf7a432eb, "past lowmem: the gap before vmalloc (VMALLOC_OFFSET)");

	/* 3.4 splits at __pa(vmalloc_min - 1) + 1 itself: the page holding
	 * 0x77a432eb is partly lowmem. */
	run(GiB(1), "highmem=on vmalloc=123456789");
	assert_int_equal(lay.lowmem_limit, 0x77a432eb);
	assert_describe(0xf7a42fff, "lowmem");
	assert_describe(0xf7a43000, "lowmem, in its last partial page (not mapped)");
}

/* IO_ADDRESS(): block number -> MB of the 16 MB window; UART and GIC. */
static void test_io_address(void **state)
{
	(void)state;
	run(GiB(1), "");
	assert_int_equal(lay.io_base, 0xfe000000);
	assert_int_equal(layout_io_address(&lay, 0x09000000), 0xfe900000);	/* PL011 */
	assert_int_equal(layout_io_address(&lay, 0x08000000), 0xfe800000);	/* GICD */
	assert_int_equal(layout_io_address(&lay, 0x08010000), 0xfe810000);	/* GICC */
	assert_int_equal(layout_io_address(&lay, 0x0a000000), 0xfea00000);	/* virtio */
	assert_int_equal(layout_io_address(&lay, 0x0900ffff), 0xfe90ffff);
	assert_int_equal(layout_io_address(&lay, 0x0f0fffff), 0xfeffffff);
	assert_int_equal(layout_io_address(&lay, 0x00000000), 0xfe000000);
	/* Not representable: past the first MB of a block, or above 256 MB. */
	assert_int_equal(layout_io_address(&lay, 0x09100000), 0);
	assert_int_equal(layout_io_address(&lay, 0x08f00000), 0);
	assert_int_equal(layout_io_address(&lay, 0x10000000), 0);
	assert_int_equal(layout_io_address(&lay, 0x40000000), 0);
	assert_int_equal(layout_io_address(&lay, 0x100000000ull), 0);

	run(MiB(512), "rules=2.6.36");
	assert_int_equal(layout_io_address(&lay, 0x09000000), 0xe0900000);
	run(GiB(1), "rules=modern");
	assert_int_equal(layout_io_address(&lay, 0x09000000), 0xff100000);
	assert_int_equal(layout_io_address(&lay, 0x08000000), 0xff000000);
}

/* layout_is_lowmem_ram / layout_is_ram at bank edges. */
static void test_is_lowmem_ram_edges(void **state)
{
	(void)state;
	run(GiB(1), "");
	assert_false(layout_is_lowmem_ram(&lay, 0x3fffffff));
	assert_true(layout_is_lowmem_ram(&lay, 0x40000000));
	assert_true(layout_is_lowmem_ram(&lay, 0x6f7fffff));
	assert_false(layout_is_lowmem_ram(&lay, 0x6f800000));
	assert_false(layout_is_ram(&lay, 0x6f800000));	/* truncated away */

	run(GiB(1), "highmem=on");
	assert_true(layout_is_lowmem_ram(&lay, 0x6f7fffff));
	assert_false(layout_is_lowmem_ram(&lay, 0x6f800000));
	assert_true(layout_is_ram(&lay, 0x6f800000));
	assert_true(layout_is_ram(&lay, 0x7fffffff));
	assert_false(layout_is_ram(&lay, 0x80000000));

	run(GiB(1), EX7_LINE);
	assert_true(layout_is_lowmem_ram(&lay, 0x45afffff));
	assert_false(layout_is_lowmem_ram(&lay, 0x45b00000));
	assert_false(layout_is_ram(&lay, 0x45cfffff));
	assert_true(layout_is_lowmem_ram(&lay, 0x45d00000));
	assert_true(layout_is_lowmem_ram(&lay, 0x474fffff));
	assert_false(layout_is_lowmem_ram(&lay, 0x47500000));
	assert_true(layout_is_lowmem_ram(&lay, 0x65ffffff));
	assert_false(layout_is_lowmem_ram(&lay, 0x66000000));
	assert_true(layout_is_ram(&lay, 0x70cfffff));
	assert_false(layout_is_ram(&lay, 0x70d00000));
}

/* The linear map and its inverse. */
static void test_linear_map(void **state)
{
	(void)state;
	run(GiB(1), "");
	assert_int_equal(layout_va(&lay, 0x40000000), 0xc0000000);
	assert_int_equal(layout_va(&lay, 0x6f800000), 0xef800000);
	assert_int_equal(layout_pa(&lay, 0xc0000000), 0x40000000);
	assert_int_equal(layout_pa(&lay, 0xffffffff), 0x7fffffff);
	run_split(PO_1G, GiB(1), "");
	assert_int_equal(layout_va(&lay, 0x40000000), 0x40000000);
	assert_int_equal(layout_pa(&lay, 0x7fffffff), 0x7fffffff);
}


int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed000_truncation),
		cmocka_unit_test(test_seed000_with_image),
		cmocka_unit_test(test_seed000_fixed),
		cmocka_unit_test(test_seed001_vmalloc408),
		cmocka_unit_test(test_seed001_vmalloc408_with_image),
		cmocka_unit_test(test_seed001_example7),
		cmocka_unit_test(test_seed001_example7_with_image),
		cmocka_unit_test(test_seed001_example1),
		cmocka_unit_test(test_seed001_example2),
		cmocka_unit_test(test_seed001_example3),
		cmocka_unit_test(test_seed001_example4),
		cmocka_unit_test(test_seed001_example5),
		cmocka_unit_test(test_vmalloc_default_3_4),
		cmocka_unit_test(test_vmalloc_default_2_6_36),
		cmocka_unit_test(test_vmalloc_default_modern),
		cmocka_unit_test(test_vmalloc_size_3_4),
		cmocka_unit_test(test_vmalloc_size_modern),
		cmocka_unit_test(test_vmalloc_size_2_6_36),
		cmocka_unit_test(test_vmalloc_too_small),
		cmocka_unit_test(test_vmalloc_too_big),
		cmocka_unit_test(test_vmalloc_exact_limits_silent),
		cmocka_unit_test(test_vmalloc_last_wins),
		cmocka_unit_test(test_vmalloc_bad_values),
		cmocka_unit_test(test_vmalloc_odd_size_modern),
		cmocka_unit_test(test_modern_default_1G),
		cmocka_unit_test(test_modern_highmem_1G),
		cmocka_unit_test(test_modern_small_ram),
		cmocka_unit_test(test_modern_hole),
		cmocka_unit_test(test_modern_unaligned_bank_end),
		cmocka_unit_test(test_modern_memory_line),
		cmocka_unit_test(test_split_2G_and_1G),
		cmocka_unit_test(test_split_3G_OPT_modern),
		cmocka_unit_test(test_split_1G_with_3G_ram),
		cmocka_unit_test(test_ram_to_4g_per_era),
		cmocka_unit_test(test_split_wrap_truncates),
		cmocka_unit_test(test_split_modules_and_pkmap),
		cmocka_unit_test(test_describe_3_4),
		cmocka_unit_test(test_describe_highmem),
		cmocka_unit_test(test_describe_2_6_36),
		cmocka_unit_test(test_describe_modern),
		cmocka_unit_test(test_describe_holes_and_highmem),
		cmocka_unit_test(test_io_address),
		cmocka_unit_test(test_is_lowmem_ram_edges),
		cmocka_unit_test(test_linear_map),
	};

	(void)argc;
	seed_dir_from(argv[0]);
	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
