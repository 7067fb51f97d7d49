/* Unit tests of explain (core/layout/explain.c): the arithmetic it tells
 * for the default board and seed 000's, line by line, and, over every era,
 * split, RAM size, vmalloc= and highmem choice, that every step it checks
 * against the decision agrees (no "(the decision differs" line) and that
 * every topic answers. */
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
#include "explain.h"
#include "layout_boot.h"

static const char *const all_topics[] = {
	"lowmem", "highmem", "vmalloc", "split", "modules", "pkmap", "fixmap", "vector", "dma", "iomap",
};

static const char *explain(const char *topic)
{
	capture_reset();
	assert_int_equal(layout_explain(&bc, &lay, topic), 0);
	return captured();
}

/* make run's board: 0xff000000 - 240 MB - 8 MB = 0xef800000, 760 MB. */
static void test_default_1G_lowmem(void **state)
{
	(void)state;
	run(GiB(1), "");
	explain("lowmem");
	expect_output(
		"Lowmem ends at 0xef800000 (high_memory): 760 MB of the 1024 MB of RAM the banks hold are linearly mapped.",
		"  VMALLOC_END       0xff000000  fixed in this era",
		"- vmalloc space         240 MB  this era's default (vmalloc=SIZE asks for another)",
		"- VMALLOC_OFFSET          8 MB  the gap between lowmem and vmalloc",
		"= vmalloc_min       0xef800000  no lowmem may reach it",
		"- PAGE_OFFSET       0xc0000000  VMSPLIT_3G: lowmem starts here, at PHYS_OFFSET 0x40000000",
		"= room for lowmem       760 MB  so RAM below 0x6f800000 (__pa(vmalloc_min)) can be lowmem",
		"  RAM               0x40000000-0x7fffffff (1024 MB)",
		"  Linux 3.3-3.4 checks each bank against vmalloc_min (sanity_check_meminfo()).",
		"  RAM from 0x6f800000 on does not fit: without highmem it is dropped (the Truncating/Ignoring "
		"line; highmem=on keeps it as highmem).",
		"  high_memory = __va(the end of lowmem) = 0xef800000");
}

/* Seed 000: the platform's VMALLOC_END 0xe0000000, 128 MB below it, no gap
 * in that era's vmalloc_min (the gap is VMALLOC_START's). */
static void test_seed000_lowmem_and_vmalloc(void **state)
{
	(void)state;
	run(MiB(512), SEED000_LINE);
	explain("lowmem");
	expect_line("  VMALLOC_END       0xe0000000  the platform's choice (mach/vmalloc.h; vmalloc_end= changes it)");
	expect_line("- vmalloc space         128 MB  this era's default (vmalloc=SIZE asks for another)");
	expect_no_prefix("- VMALLOC_OFFSET");
	expect_line("= vmalloc_min       0xd8000000  no lowmem may reach it");
	expect_line("= room for lowmem       384 MB  so RAM below 0x58000000 (__pa(vmalloc_min)) can be lowmem");
	explain("vmalloc");
	expect_line("= VMALLOC_START     0xd8800000  a stray pointer just past lowmem lands in unmapped space");
	expect_line("= usable                120 MB  from VMALLOC_START to VMALLOC_END");
	expect_line("  The static IO map takes 0xe0000000-0xe0ffffff, above VMALLOC_END.");
	explain("highmem");
	expect_line("  0x58000000-0x5fffffff     128 MB  truncated: the bank reached past vmalloc_min and there is no highmem");
}

/* Seed 001 example 1: vmalloc=400M with highmem, 608 MB lowmem. */
static void test_vmalloc_arg_highmem(void **state)
{
	(void)state;
	run(GiB(1), "vmalloc=400M highmem=on");
	explain("lowmem");
	expect_line("- vmalloc space         400 MB  asked for by vmalloc=");
	expect_no_prefix("- VMALLOC_OFFSET");
	expect_line("= vmalloc_min       0xe6000000  no lowmem may reach it");
	expect_line("  RAM from 0x66000000 on does not fit: it is highmem (highmem=on: CONFIG_HIGHMEM).");
	explain("highmem");
	expect_line("  0x40000000-0x65ffffff     608 MB  lowmem");
	expect_line("  0x66000000-0x7fffffff     416 MB  highmem");
	explain("pkmap");
	expect_line("  Here 0xbfe00000-0xbfffffff (2 MB), with Linux 3.3-3.4's rules.");
}

static void test_region_topics(void **state)
{
	(void)state;
	run(GiB(1), "rules=modern");
	explain("dma");
	expect_line("  This layout has no DMA region: this era takes such buffers from CMA, which vmsplit does not model.");
	explain("iomap");
	expect_line("  Here 0xfe800000-0xff7fffff (16 MB), with Linux 5.14-6.x's rules.");
	explain("fixmap");
	expect_line("  Here 0xffc80000-0xffefffff (2560 kB), with Linux 5.14-6.x's rules.");
	explain("pkmap");
	expect_line("  This layout has no pkmap: it exists only with highmem (highmem=on).");
}

static void test_unknown_topic(void **state)
{
	(void)state;
	run(GiB(1), "");
	capture_reset();
	assert_int_equal(layout_explain(&bc, &lay, "lowmen"), -1);
	expect_line("explain: no topic 'lowmen'");
	expect_line("explain TOPIC:");
	capture_reset();
	assert_int_equal(layout_explain(&bc, &lay, NULL), 0);
	expect_line("explain TOPIC:");
}

/* Every era, split, size, vmalloc= and highmem choice: each topic answers
 * and no step disagrees with the decision. */
static void test_sweep_agrees_with_decision(void **state)
{
	static const char *const rules[] = { "rules=2.6.36", "rules=3.4", "rules=5.10", "rules=modern" };
	static const char *const vm[] = { "", "vmalloc=16M", "vmalloc=400M", "vmalloc=123456789" };
	static const char *const hm[] = { "", "highmem=on" };
	static const uint32_t splits[] = { PO_3G, PO_3G_OPT, PO_2G, PO_1G };
	static const uint64_t rams[] = { MiB(256), MiB(512), GiB(1), GiB(2), GiB(3) };
	char line[128];
	int runs = 0;

	(void)state;
	for (size_t r = 0; r < ARRAY_SIZE(rules); r++)
		for (size_t v = 0; v < ARRAY_SIZE(vm); v++)
			for (size_t h = 0; h < ARRAY_SIZE(hm); h++)
				for (size_t s = 0; s < ARRAY_SIZE(splits); s++)
					for (size_t m = 0; m < ARRAY_SIZE(rams); m++) {
						snprintf(line, sizeof(line), "%s %s %s", rules[r], vm[v], hm[h]);
						run_split(splits[s], rams[m], line);
						for (size_t t = 0; t < ARRAY_SIZE(all_topics); t++) {
							const char *out = explain(all_topics[t]);

							if (strstr(out, "(the decision differs"))
								fail_msg("%s, split 0x%08x, %llu MB, explain %s:\n%s", line,
									 splits[s], (unsigned long long)(rams[m] >> 20),
									 all_topics[t], out);
						}
						runs++;
					}
	assert_int_equal(runs, 4 * 4 * 2 * 4 * 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_1G_lowmem),
		cmocka_unit_test(test_seed000_lowmem_and_vmalloc),
		cmocka_unit_test(test_vmalloc_arg_highmem),
		cmocka_unit_test(test_region_topics),
		cmocka_unit_test(test_unknown_topic),
		cmocka_unit_test(test_sweep_agrees_with_decision),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
