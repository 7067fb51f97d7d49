/* Unit tests for core/layout/rules.c: the rules of each era, their rows and
 * their order. */
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

/* ============================================ rules tables */

/* The four rows: names, VMALLOC_END and the default gap arithmetic. */
static void test_rules_rows(void **state)
{
	const struct vm_rules *old = find_vm_rules("2.6.36");
	const struct vm_rules *r34 = find_vm_rules("3.4");
	const struct vm_rules *r510 = find_vm_rules("5.10");
	const struct vm_rules *mod = find_vm_rules("modern");

	(void)state;
	assert_int_equal(nr_vm_rules, 4);
	assert_non_null(r510);
	assert_non_null(old);
	assert_non_null(r34);
	assert_non_null(mod);
	assert_null(find_vm_rules("bogus"));
	assert_null(find_vm_rules(""));
	assert_ptr_equal(default_rules, r34);
	assert_int_equal(old->vmalloc_end - old->vmalloc_default - old->default_gap, 0xd8000000);
	assert_int_equal(r34->vmalloc_end - r34->vmalloc_default - r34->default_gap, 0xef800000);
	assert_int_equal(mod->vmalloc_end - mod->vmalloc_default - mod->default_gap, 0xf0000000);
	assert_int_equal(r34->arg_gap, 0);
	assert_int_equal(mod->arg_gap, SZ_8M);
	assert_int_equal(r510->vmalloc_end - r510->vmalloc_default - r510->default_gap, 0xf0000000);
	assert_int_equal(r510->arg_gap, 0);
	assert_true(old->vmalloc_end_is_platform);
	assert_false(r34->vmalloc_end_is_platform);
	assert_false(mod->vmalloc_end_is_platform);
	assert_true(mod->has_3g_opt && r510->has_3g_opt && !r34->has_3g_opt && !old->has_3g_opt);
}

/* Line order per era: 2.6.36-3.1 vector, fixmap, DMA, vmalloc, lowmem,
 * [pkmap], modules, .init, .text, .data; 3.2+ no DMA, .text first, .bss. */
static void test_rules_table_order(void **state)
{
	static const enum layout_line old_order[] = {
		LINE_VECTOR, LINE_FIXMAP, LINE_DMA, LINE_VMALLOC, LINE_LOWMEM,
		LINE_PKMAP, LINE_MODULES, LINE_INIT, LINE_TEXT, LINE_DATA, LINE_END,
	};
	static const enum layout_line new_order[] = {
		LINE_VECTOR, LINE_FIXMAP, LINE_VMALLOC, LINE_LOWMEM, LINE_PKMAP,
		LINE_MODULES, LINE_TEXT, LINE_INIT, LINE_DATA, LINE_BSS, LINE_END,
	};
	const struct vm_rules *old = find_vm_rules("2.6.36");

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(old_order); i++)
		assert_int_equal(old->table[i], old_order[i]);
	for (unsigned n = 1; n < nr_vm_rules; n++)
		for (unsigned i = 0; i < ARRAY_SIZE(new_order); i++)
			assert_int_equal(vm_rules[n].table[i], new_order[i]);
}

/* The DMA (consistent) region: printed by 2.6.36 (CONSISTENT_END - size),
 * never by 3.x, gone in modern kernels. */
static void test_rules_dma_region(void **state)
{
	uint32_t s, e;

	(void)state;
	run(MiB(512), "rules=2.6.36");
	assert_region(LINE_DMA, 0xfde00000, 0xffe00000);
	expect_line("    DMA     : 0xfde00000 - 0xffe00000   (  32 MB)");

	run(MiB(512), "rules=3.4");
	expect_no_prefix("    DMA");

	run(MiB(512), "rules=modern");
	assert_false(layout_region(&lay, LINE_DMA, &s, &e));
	expect_no_prefix("    DMA");
}


/* Linux 5.10 (measured on Debian bullseye's 5.10.0-32-armmp, see
 * docs/linux-compare.md): the modern map and default, but vmalloc=SIZE
 * ends lowmem at VMALLOC_END - SIZE (no 8 MiB below it), its limits are
 * 16 MB and VMALLOC_END - (PAGE_OFFSET + 32 MB), and it warns in MB. */
static void test_rules_5_10_vmalloc_arg(void **state)
{
	(void)state;
	run(GiB(1), "rules=5.10");
	assert_int_equal(lay.vmalloc_min, 0xf0000000);	/* as modern */
	expect_no_prefix("vmalloc area");

	run(GiB(1), "rules=5.10 vmalloc=8M");
	expect_line("vmalloc area too small, limiting to 16MB");
	assert_int_equal(lay.vmalloc_min, 0xfe800000);	/* modern: 0xfe000000 */

	run(GiB(2), "rules=5.10 vmalloc=400M");
	expect_no_prefix("vmalloc area");
	assert_int_equal(lay.vmalloc_min, 0xe6800000);

	run(GiB(1), "rules=5.10 vmalloc=123456789");	/* to the byte */
	assert_int_equal(lay.vmalloc_min, 0xf82432eb);

	/* 0xff800000 - 0xc2000000 = 984 MB (modern: 976 MiB) */
	run(GiB(2), "rules=5.10 vmalloc=1G");
	expect_line("vmalloc area is too big, limiting to 984MB");
	assert_int_equal(bc.vmalloc_reserve, MiB(984));
	assert_int_equal(lay.vmalloc_min, 0xc2000000);
	run(GiB(2), "rules=5.10 vmalloc=984M");
	expect_no_prefix("vmalloc area");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_rows),
		cmocka_unit_test(test_rules_table_order),
		cmocka_unit_test(test_rules_5_10_vmalloc_arg),
		cmocka_unit_test(test_rules_dma_region),
	};

	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
