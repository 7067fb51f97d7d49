/* Unit tests for core/layout/layout_print.c, the boot report: the
 * "Memory:" line, the order of the sections, the table. */
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

/* The "Memory:" line of 3.0-3.4 mem_init() walks memblock.memory, not
 * meminfo ("for_each_memblock(memory, reg) printk(" %ldMB", ...)"), and
 * memblock_add() merges regions that touch: the lowmem/highmem halves of a
 * split bank are one region again.  So the reference's example 7 line is
 * "Memory: 91MB 24MB 493MB = 608MB total", seed 001's vmalloc=408M one
 * "Memory: 1024MB = 1024MB total", and two mem= banks that touch print as
 * one. */
static void test_meminfo_line_is_memblock_regions(void **state)
{
	(void)state;
	run(GiB(1), EX7_LINE);
	expect_line("Memory: 91MB 24MB 493MB = 608MB total");

	run(GiB(1), "vmalloc=408M highmem=on");
	expect_line("Memory: 1024MB = 1024MB total");

	run(GiB(1), "mem=256M mem=256M@0x50000000");
	expect_line("Memory: 512MB = 512MB total");
}

/* The "Memory:" banks that do not touch, one " %ldMB" each (size >> 20),
 * then the total of whole pages in MB. */
static void test_meminfo_line_separate_banks(void **state)
{
	(void)state;
	run(GiB(1), "mem=64M mem=1536K@0x50000000 mem=3M@0x60000000");
	expect_line("Memory: 64MB 1MB 3MB = 68MB total");

	run(GiB(1), "mem=256M mem=256M@0x70000000 highmem=on");
	expect_line("Memory: 256MB 256MB = 512MB total");
}


/* ============================================ printing */

/* Image sections: 2.6.36 .init first and no .bss; 3.x .text, .init,
 * .data, .bss; labels right-aligned, sizes in kB rounded up. */
static void test_print_section_order(void **state)
{
	static const struct image_sections img = {
		.text_start = 0xc0100000, .text_end = 0xc0200001,
		.init_start = 0xc0200000, .init_end = 0xc0210000,
		.data_start = 0xc0210000, .data_end = 0xc0210001,
		.bss_start = 0xc0211000, .bss_end = 0xc0211000,
	};

	(void)state;
	board(PO_3G, MiB(512));
	boot_with("rules=2.6.36", NULL, &img);
	check_from(MODULES_3G, LINES(
		"      .init : 0xc0200000 - 0xc0210000   (  64 kB)",
		"      .text : 0xc0100000 - 0xc0200001   (1025 kB)",
		"      .data : 0xc0210000 - 0xc0210001   (   1 kB)"), __FILE__, __LINE__);

	board(PO_3G, MiB(512));
	boot_with("rules=3.4", NULL, &img);
	check_from(MODULES_3G, LINES(
		"      .text : 0xc0100000 - 0xc0200001   (1025 kB)",
		"      .init : 0xc0200000 - 0xc0210000   (  64 kB)",
		"      .data : 0xc0210000 - 0xc0210001   (   1 kB)",
		"       .bss : 0xc0211000 - 0xc0211000   (   0 kB)"), __FILE__, __LINE__);
}

/* layout_print_table alone; layout_print_setup prints nothing before the
 * zone era. */
static void test_print_table_and_setup(void **state)
{
	(void)state;
	run(MiB(512), "");
	capture_reset();
	layout_print_setup(&lay);
	assert_string_equal(captured(), "");
	layout_print_table(&lay, NULL);
	expect_output("Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    vmalloc : 0xe0800000 - 0xff000000   ( 488 MB)",
		      "    lowmem  : 0xc0000000 - 0xe0000000   ( 512 MB)", MODULES_3G);
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_meminfo_line_is_memblock_regions),
		cmocka_unit_test(test_meminfo_line_separate_banks),
		cmocka_unit_test(test_print_section_order),
		cmocka_unit_test(test_print_table_and_setup),
	};

	return cmocka_run_group_tests_name("layout_print", tests, NULL, NULL);
}
