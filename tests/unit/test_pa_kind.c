/* Unit tests for layout_classify_pa() and layout_pa_kind_name() (core/layout/layout.c):
 * one vocabulary for physical memory, taken from what the decision removed
 * and why, the device tree's holes and the mem= banks.  Each board is
 * decided as tools/memlayout.c decides it; each kind is asked for at an
 * address, and the run it belongs to must end where the kind changes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline.h"
#include "capture.h"
#include "layout.h"
#include "sizes.h"

#define RAM_BASE	0x40000000ull
#define MiB(x)		((uint64_t)(x) << 20)

static struct boot_config bc;
static struct layout L;

static void decide(uint64_t ram, const char *cmdline)
{
	capture_reset();
	boot_config_init(&bc, 0xc0000000u, RAM_BASE);
	bc.built_page_offset = 0;
	boot_config_add_ram(&bc, RAM_BASE, ram);
	boot_config_parse(&bc, cmdline);
	layout_decide(&bc, &L);
}

/* pa's kind and name, and the end of its run (below 4 GB + 1). */
static void expect(uint64_t pa, enum pa_kind kind, const char *name, uint64_t end)
{
	phys_addr_t e = 0;

	assert_int_equal(layout_classify_pa(&L, &bc, pa, (phys_addr_t)1 << 33, &e), kind);
	assert_string_equal(layout_pa_kind_name(&L, &bc, pa), name);
	assert_int_equal(e, end);
}

/* 3.4, highmem off, 1 GB: "Truncating RAM at 40000000-7fffffff to -6f7fffff". */
static void test_truncated(void **state)
{
	(void)state;
	decide(MiB(1024), "");
	expect(0x40000000, PA_LOWMEM, "lowmem", 0x6f800000);
	expect(0x6f800000, PA_TRUNCATED, "truncated (vmalloc region overlap)", 0x80000000);
	expect(0x7fffffff, PA_TRUNCATED, "truncated (vmalloc region overlap)", 0x80000000);
	expect(0x80000000, PA_NOT_RAM, "not RAM", (phys_addr_t)1 << 33);
	expect(0x09000000, PA_NOT_RAM, "not RAM", 0x40000000);
}

/* 2.6.36: a whole bank past vmalloc_min is "Ignoring RAM ... (vmalloc
 * region overlap)"; between the mem= banks, RAM the mem= banks left out. */
static void test_ignored_overlap_and_mem_holes(void **state)
{
	(void)state;
	decide(MiB(1024), "rules=2.6.36 mem=128M mem=128M@0x70000000");
	expect(0x40000000, PA_LOWMEM, "lowmem", 0x48000000);
	expect(0x48000000, PA_HOLE_MEM, "hole (not in the mem= banks)", 0x70000000);
	expect(0x70000000, PA_IGNORED, "ignored (vmalloc region overlap)", 0x78000000);
	expect(0x78000000, PA_HOLE_MEM, "hole (not in the mem= banks)", 0x80000000);
}

/* Modern rules, highmem off, 2 GB: "Ignoring RAM at 0x70000000-0xc0000000". */
static void test_ignored_no_highmem(void **state)
{
	(void)state;
	decide(MiB(2048), "rules=modern");
	expect(0x6fffffff, PA_LOWMEM, "lowmem", 0x70000000);
	expect(0x70000000, PA_IGNORED, "ignored (above lowmem, and highmem is off)", 0xc0000000);
}

/* With highmem nothing is removed: the RAM above lowmem is highmem. */
static void test_highmem(void **state)
{
	(void)state;
	decide(MiB(1024), "highmem=on");
	expect(0x70000000, PA_HIGHMEM, "highmem", 0x80000000);
	assert_int_equal(L.nr_removed, 0);
}

/* A qcom,memblock-remove hole: never reaches the decision. */
static void test_device_tree_hole(void **state)
{
	(void)state;
	capture_reset();
	boot_config_init(&bc, 0xc0000000u, RAM_BASE);
	bc.built_page_offset = 0;
	boot_config_add_ram(&bc, RAM_BASE, MiB(1024));
	boot_config_remove_ram(&bc, 0x50000000, MiB(16));
	boot_config_parse(&bc, "highmem=on");
	layout_decide(&bc, &L);
	expect(0x4fffffff, PA_LOWMEM, "lowmem", 0x50000000);
	expect(0x50000000, PA_HOLE_DT, "hole (device tree: qcom,memblock-remove)", 0x51000000);
	expect(0x51000000, PA_LOWMEM, "lowmem", 0x6f800000);
}

/* The classification stops at the caller's limit. */
static void test_limit(void **state)
{
	phys_addr_t e;

	(void)state;
	decide(MiB(1024), "");
	assert_int_equal(layout_classify_pa(&L, &bc, 0x70000000, 0x70001000, &e), PA_TRUNCATED);
	assert_int_equal(e, 0x70001000);
	assert_int_equal(layout_classify_pa(&L, &bc, 0x40000000, 0x40001000, &e), PA_LOWMEM);
	assert_int_equal(e, 0x40001000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_ignored_overlap_and_mem_holes),
		cmocka_unit_test(test_ignored_no_highmem),
		cmocka_unit_test(test_highmem),
		cmocka_unit_test(test_device_tree_hole),
		cmocka_unit_test(test_limit),
	};

	return cmocka_run_group_tests_name("pa_kind", tests, NULL, NULL);
}
