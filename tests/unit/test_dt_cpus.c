/* Unit tests for core/dt/cpus.c: the CPUs a device tree lists, as the SMP
 * bring-up reads them (each one's MPIDR affinity from its reg), on trees
 * built with fdt_builder.c: QEMU virt's shape, two-cell reg, nodes that
 * are not CPUs, a CPU without reg, more CPUs than the caller has room for,
 * and blobs that are no tree at all.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dt_cpus.h"
#include "fdt_builder.h"

static struct fdtb builder;
static uint8_t blob[64 * 1024];

static void cpu_node(struct fdtb *b, const char *name, int cells, uint32_t reg)
{
	uint32_t two[2] = { 0, reg };

	fdtb_begin(b, name);
	fdtb_prop_str(b, "device_type", "cpu");
	fdtb_prop_str(b, "compatible", "arm,cortex-a15");
	if (cells == 2)
		fdtb_prop_cells(b, "reg", 2, two);
	else if (cells == 1)
		fdtb_prop_u32(b, "reg", reg);
	fdtb_end(b);
}

/* / { cpus { #address-cells = <cells>; cpu@N ... } } with n CPUs whose
 * reg is first + i; extra: a cpu-map and an idle-states node among them. */
static size_t tree(int cells, int n, uint32_t first, int extra)
{
	struct fdtb *b = &builder;

	fdtb_init(b);
	fdtb_begin(b, "");
	fdtb_prop_u32(b, "#address-cells", 2);
	fdtb_prop_u32(b, "#size-cells", 2);
	fdtb_begin(b, "cpus");
	fdtb_prop_u32(b, "#address-cells", (uint32_t)cells);
	fdtb_prop_u32(b, "#size-cells", 0);
	if (extra) {
		fdtb_begin(b, "cpu-map");
		fdtb_begin(b, "cluster0");
		fdtb_end(b);
		fdtb_end(b);
	}
	for (int i = 0; i < n; i++) {
		char name[16];

		snprintf(name, sizeof(name), "cpu@%d", i);
		cpu_node(b, name, cells, first + (uint32_t)i);
		if (extra && i == 0) {
			fdtb_begin(b, "idle-states");
			fdtb_prop_str(b, "entry-method", "psci");
			fdtb_end(b);
		}
	}
	fdtb_end(b);
	fdtb_end(b);
	return fdtb_finish(b, blob, sizeof(blob));
}

static void test_virt_shape(void **state)
{
	uint32_t mpidr[8] = { 0 };
	size_t n = tree(1, 4, 0, 0);

	(void)state;
	assert_int_equal(dt_cpus(blob, n, mpidr, 8), 4);
	for (uint32_t i = 0; i < 4; i++)
		assert_int_equal(mpidr[i], i);
}

static void test_two_cells_and_cluster(void **state)
{
	uint32_t mpidr[8] = { 0 };
	size_t n = tree(2, 2, 0x100, 0);	/* cluster 1: Aff1 = 1 */

	(void)state;
	assert_int_equal(dt_cpus(blob, n, mpidr, 8), 2);
	assert_int_equal(mpidr[0], 0x100);
	assert_int_equal(mpidr[1], 0x101);
}

static void test_other_nodes_are_not_cpus(void **state)
{
	uint32_t mpidr[8] = { 0 };
	size_t n = tree(1, 2, 0, 1);

	(void)state;
	assert_int_equal(dt_cpus(blob, n, mpidr, 8), 2);
	assert_int_equal(mpidr[0], 0);
	assert_int_equal(mpidr[1], 1);
}

static void test_cpu_without_reg_skipped(void **state)
{
	struct fdtb *b = &builder;
	uint32_t mpidr[8] = { 0 };
	size_t n;

	(void)state;
	fdtb_init(b);
	fdtb_begin(b, "");
	fdtb_begin(b, "cpus");
	fdtb_prop_u32(b, "#address-cells", 1);
	cpu_node(b, "cpu@0", 1, 0);
	cpu_node(b, "cpu@1", 0, 0);		/* no reg: not a CPU to start */
	fdtb_begin(b, "cpu@2");			/* device_type is not "cpu" */
	fdtb_prop_str(b, "device_type", "cpus");
	fdtb_prop_u32(b, "reg", 2);
	fdtb_end(b);
	cpu_node(b, "cpu@3", 1, 3);
	fdtb_end(b);
	fdtb_end(b);
	n = fdtb_finish(b, blob, sizeof(blob));
	assert_int_equal(dt_cpus(blob, n, mpidr, 8), 2);
	assert_int_equal(mpidr[0], 0);
	assert_int_equal(mpidr[1], 3);
}

static void test_more_than_room(void **state)
{
	uint32_t mpidr[3] = { 0xdead, 0xdead, 0xdead };
	size_t n = tree(1, 8, 0, 0);

	(void)state;
	/* Every CPU is counted; only the first two are written. */
	assert_int_equal(dt_cpus(blob, n, mpidr, 2), 8);
	assert_int_equal(mpidr[0], 0);
	assert_int_equal(mpidr[1], 1);
	assert_int_equal(mpidr[2], 0xdead);
}

static void test_no_cpus_or_no_tree(void **state)
{
	struct fdtb *b = &builder;
	uint32_t mpidr[4];
	size_t n;

	(void)state;
	fdtb_init(b);
	fdtb_begin(b, "");
	fdtb_begin(b, "memory@40000000");
	fdtb_prop_str(b, "device_type", "memory");
	fdtb_end(b);
	fdtb_end(b);
	n = fdtb_finish(b, blob, sizeof(blob));
	assert_int_equal(dt_cpus(blob, n, mpidr, 4), 0);	/* no /cpus */
	memset(blob, 0x5a, 64);
	assert_int_equal(dt_cpus(blob, 64, mpidr, 4), 0);	/* not a blob */
	assert_int_equal(dt_cpus(NULL, 0, mpidr, 4), 0);
	n = tree(1, 2, 0, 0);
	assert_int_equal(dt_cpus(blob, n / 2, mpidr, 4), 0);	/* cut short */
}

/* enable-method, on /cpus (the Raspberry Pi 2's) or on a cpu node; an
 * other method, a longer name or none at all is not it. */
static void test_enable_method(void **state)
{
	struct fdtb *b = &builder;
	size_t n;

	(void)state;
	for (int on_cpu = 0; on_cpu < 2; on_cpu++) {
		fdtb_init(b);
		fdtb_begin(b, "");
		fdtb_begin(b, "cpus");
		fdtb_prop_u32(b, "#address-cells", 1);
		fdtb_prop_u32(b, "#size-cells", 0);
		if (!on_cpu)
			fdtb_prop_str(b, "enable-method", "brcm,bcm2836-smp");
		fdtb_begin(b, "cpu@f00");
		fdtb_prop_str(b, "device_type", "cpu");
		fdtb_prop_u32(b, "reg", 0xf00);
		if (on_cpu)
			fdtb_prop_str(b, "enable-method", "brcm,bcm2836-smp");
		fdtb_end(b);
		fdtb_end(b);
		fdtb_end(b);
		n = fdtb_finish(b, blob, sizeof(blob));
		assert_true(dt_cpus_enable_method(blob, n, "brcm,bcm2836-smp"));
		assert_false(dt_cpus_enable_method(blob, n, "psci"));
		assert_false(dt_cpus_enable_method(blob, n, "brcm,bcm2836"));
	}
	n = tree(1, 2, 0, 1);	/* virt's shape: no enable-method */
	assert_false(dt_cpus_enable_method(blob, n, "brcm,bcm2836-smp"));
	assert_false(dt_cpus_enable_method(NULL, 0, "brcm,bcm2836-smp"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_virt_shape),
		cmocka_unit_test(test_two_cells_and_cluster),
		cmocka_unit_test(test_other_nodes_are_not_cpus),
		cmocka_unit_test(test_cpu_without_reg_skipped),
		cmocka_unit_test(test_more_than_room),
		cmocka_unit_test(test_no_cpus_or_no_tree),
		cmocka_unit_test(test_enable_method),
	};

	return cmocka_run_group_tests_name("dt_cpus", tests, NULL, NULL);
}
