/* Unit tests for /reserved-memory: the reader (core/dt/board.c) and the
 * era's handling (core/layout/reserved_mem.c).  The expected lines are
 * those Debian's 5.10.223 and 6.1 armmp kernels print for the same trees
 * on QEMU (dts/reserved-memory.dtsi and its variants; vexpress-a15 and
 * raspi2b with Debian's own device trees). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "board.h"
#include "capture.h"
#include "fdt_builder.h"
#include "layout_boot.h"

/* One child of /reserved-memory: reg (base, size) or, if dynamic, only a
 * size (and an alignment, if not 0). */
struct child {
	const char *name;
	uint32_t base, size, align;
	bool dynamic, no_map, reusable, dma_pool, disabled;
};

static uint8_t blob[16384];
static struct board_info tree;

/* A tree with one bank of RAM and the children, in 1 + 1 cells; root_ok
 * false gives /reserved-memory 2 + 2 cells (not the root's). */
static uint64_t memreserve[2];	/* a /memreserve/ entry for the next tree, if size != 0 */

static void make_tree(uint32_t ram_base, uint32_t ram_size, const struct child *c, int n, bool root_ok)
{
	static struct fdtb b;
	size_t len;

	fdtb_init(&b);
	if (memreserve[1])
		fdtb_rsv(&b, memreserve[0], memreserve[1]);
	memreserve[1] = 0;
	fdtb_begin(&b, "");
	fdtb_prop_u32(&b, "#address-cells", 1);
	fdtb_prop_u32(&b, "#size-cells", 1);
	fdtb_begin(&b, "memory");
	fdtb_prop_str(&b, "device_type", "memory");
	fdtb_prop_cells(&b, "reg", 2, (const uint32_t[]){ ram_base, ram_size });
	fdtb_end(&b);
	fdtb_begin(&b, "reserved-memory");
	fdtb_prop_u32(&b, "#address-cells", root_ok ? 1 : 2);
	fdtb_prop_u32(&b, "#size-cells", root_ok ? 1 : 2);
	fdtb_prop(&b, "ranges", "", 0);
	for (int i = 0; i < n; i++) {
		fdtb_begin(&b, c[i].name);
		if (c[i].dma_pool)
			fdtb_prop_str(&b, "compatible", "shared-dma-pool");
		if (c[i].dynamic) {
			fdtb_prop_u32(&b, "size", c[i].size);
			if (c[i].align)
				fdtb_prop_u32(&b, "alignment", c[i].align);
		} else {
			fdtb_prop_cells(&b, "reg", 2, (const uint32_t[]){ c[i].base, c[i].size });
		}
		if (c[i].no_map)
			fdtb_prop(&b, "no-map", "", 0);
		if (c[i].reusable)
			fdtb_prop(&b, "reusable", "", 0);
		if (c[i].disabled)
			fdtb_prop_str(&b, "status", "disabled");
		fdtb_end(&b);
	}
	fdtb_end(&b);
	fdtb_end(&b);
	len = fdtb_finish(&b, blob, sizeof(blob));
	capture_reset();
	assert_int_equal(board_from_fdt(&tree, blob, len), 0);
}

/* The tree, booted as memlayout --dtb does, at PHYS_OFFSET po. */
static void boot_tree(phys_addr_t po, const char *cmdline)
{
	capture_reset();
	boot_config_init(&bc, PO_3G, po);
	board_to_boot_config(&tree, &bc);
	boot(cmdline);
}

#define CMA_DYN(n, sz)	{ n, 0, sz, 0, true, false, true, true, false }

/* dts/reserved-memory.dtsi on virt's 1 GB, as 6.1 prints it. */
static const struct child virt_children[] = {
	{ "modem@4a000000", 0x4a000000, MiB(16), 0, false, true, false, false, false },
	{ "pool@50000000", 0x50000000, MiB(32), 0, false, false, true, true, false },
	{ "dmapool@54000000", 0x54000000, MiB(8), 0, false, true, false, true, false },
	{ "firmware@56000000", 0x56000000, MiB(2), 0, false, false, false, false, false },
	CMA_DYN("linux,cma", MiB(64)),
	{ "off@58000000", 0x58000000, MiB(1), 0, false, true, false, false, true },
};

static void test_reader(void **state)
{
	(void)state;
	make_tree(0x40000000, GiB(1), virt_children, 6, true);
	assert_true(tree.have_resmem);
	assert_false(tree.resmem_bad_root);
	assert_int_equal(tree.nr_resmem, 5);		/* the disabled one is not there */
	assert_string_equal(tree.resmem[0].name, "modem@4a000000");
	assert_true(tree.resmem[0].no_map);
	assert_false(tree.resmem[0].dma_pool);
	assert_true(tree.resmem[1].reusable && tree.resmem[1].dma_pool);
	assert_int_equal(tree.resmem[1].base, 0x50000000);
	assert_int_equal(tree.resmem[1].size, MiB(32));
	assert_true(tree.resmem[4].dynamic);
	assert_int_equal(tree.resmem[4].size, MiB(64));
	assert_string_equal(captured(), "DT: no /chosen node (no bootargs, no stdout-path)\nDT: no /model\n"
			    "DT: no PL011 UART\nDT: no GIC (arm,cortex-a15-gic)\nDT: no arm,armv7-timer node; no tick\n"
			    "DT: no /psci node\n");
}

static void test_virt_6_1(void **state)
{
	(void)state;
	make_tree(0x40000000, GiB(1), virt_children, 6, true);
	boot_tree(0x40000000, "rules=modern highmem=on");
	expect_output_until_table(
		"Reserved memory: created CMA memory pool at 0x7c000000, size 64 MiB",
		"OF: reserved mem: initialized node linux,cma, compatible id shared-dma-pool",
		"Reserved memory: created CMA memory pool at 0x50000000, size 32 MiB",
		"OF: reserved mem: initialized node pool@50000000, compatible id shared-dma-pool",
		"Reserved memory: created DMA memory pool at 0x54000000, size 8 MiB",
		"OF: reserved mem: initialized node dmapool@54000000, compatible id shared-dma-pool",
		"vmsplit: /reserved-memory/modem@4a000000: 0x4a000000-0x4affffff (16 MB) no-map: out of the linear map",
		"vmsplit: /reserved-memory/firmware@56000000: 0x56000000-0x561fffff (2 MB) reserved: mapped, never "
		"handed out",
		"Zone ranges:",
		"  Normal   [mem 0x0000000040000000-0x000000006fffffff]",
		"  HighMem  [mem 0x0000000070000000-0x000000007fffffff]",
		"Movable zone start for each node", "Early memory node ranges",
		"  node   0: [mem 0x0000000040000000-0x0000000049ffffff]",
		"  node   0: [mem 0x000000004a000000-0x000000004affffff]",
		"  node   0: [mem 0x000000004b000000-0x0000000053ffffff]",
		"  node   0: [mem 0x0000000054000000-0x00000000547fffff]",
		"  node   0: [mem 0x0000000054800000-0x000000007fffffff]",
		"Initmem setup node 0 [mem 0x0000000040000000-0x000000007fffffff]",
		"Kernel command line: rules=modern highmem=on", NO_TABLE_NOTE_MODERN, "Virtual kernel memory layout:");
	/* no-map: not lowmem, not a bank; the CMA pool: lowmem, reserved. */
	assert_false(layout_is_lowmem_ram(&lay, 0x4a000000));
	assert_false(layout_is_lowmem_ram(&lay, 0x54400000));
	assert_true(layout_is_lowmem_ram(&lay, 0x50000000));
	assert_int_equal(layout_classify_pa(&lay, &bc, 0x4a800000, 0x4a800001, NULL), PA_NOMAP);
	assert_str(layout_pa_kind_name(&lay, &bc, 0x4a000000), "no-map (device tree: /reserved-memory)");
	assert_true(lay.rsv.nr_banks >= 3);
	assert_int_equal(lay.rsv.bank[1].start, 0x56000000);	/* firmware, after pool */
}

/* The eras that have it differ in two lines: a size-only no-map region
 * 5.10 removes (a gap), 6.1 lists; a failed placement 6.1 sizes. */
static void test_5_10_and_6_1_differ(void **state)
{
	static const struct child c[] = {
		{ "modem@4a000000", 0x4a000000, MiB(16), 0, false, true, false, false, false },
		{ "huge", 0, 0x80000000, 0, true, false, true, true, false },
		{ "nomapdyn", 0, MiB(4), MiB(4), true, true, false, false, false },
	};

	(void)state;
	make_tree(0x40000000, GiB(1), c, 3, true);
	boot_tree(0x40000000, "rules=5.10 highmem=on");
	expect_line("OF: reserved mem: failed to allocate memory for node 'huge'");
	expect_line("  node   0: [mem 0x000000004b000000-0x000000007fbfffff]");
	expect_line("Initmem setup node 0 [mem 0x0000000040000000-0x000000007fbfffff]");

	boot_tree(0x40000000, "rules=modern highmem=on");
	expect_line("OF: reserved mem: failed to allocate memory for node 'huge': size 2048 MiB");
	expect_line("  node   0: [mem 0x000000004b000000-0x000000007fbfffff]");
	expect_line("  node   0: [mem 0x000000007fc00000-0x000000007fffffff]");
	expect_line("vmsplit: /reserved-memory/nomapdyn: 0x7fc00000-0x7fffffff (4 MB) no-map: out of the linear map");
}

/* What Linux refuses, each with its own line. */
static void test_refusals(void **state)
{
	static const struct child c[] = {
		{ "kernel@80000000", 0x80000000, MiB(1), 0, false, true, false, false, false },
		{ "badcma@80500000", 0x80500000, MiB(2), 0, false, false, true, true, false },
		{ "dmamap@84000000", 0x84000000, MiB(8), 0, false, false, false, true, false },
	};

	(void)state;
	make_tree(0x80000000, GiB(1), c, 3, true);
	boot_tree(0x80000000, "rules=modern");
	expect_output_until_table(
		/* no-map over memory already reserved: the kernel's own. */
		"OF: fdt: Reserved memory: failed to reserve memory for node 'kernel@80000000': base 0x80000000, "
		"size 1 MiB",
		"Reserved memory: incorrect alignment of CMA region",
		"OF: reserved mem: node badcma@80500000 compatible matching fail",
		"Reserved memory: regions without no-map are not yet supported",
		"OF: reserved mem: node dmamap@84000000 compatible matching fail",
		"vmsplit: /reserved-memory/badcma@80500000: 0x80500000-0x806fffff (2 MB) reserved: mapped, never "
		"handed out",
		"vmsplit: /reserved-memory/dmamap@84000000: 0x84000000-0x847fffff (8 MB) reserved: mapped, never "
		"handed out",
		"Ignoring RAM at 0xb0000000-0xc0000000",
		"Consider using a HIGHMEM enabled kernel.",
		"Zone ranges:",
		"  Normal   [mem 0x0000000080000000-0x00000000afffffff]",
		"Movable zone start for each node", "Early memory node ranges",
		"  node   0: [mem 0x0000000080000000-0x00000000afffffff]",
		"Initmem setup node 0 [mem 0x0000000080000000-0x00000000afffffff]",
		"Kernel command line: rules=modern", NO_TABLE_NOTE_MODERN, "Virtual kernel memory layout:");
	/* The boot's own 2 MB stay lowmem RAM. */
	assert_true(layout_is_lowmem_ram(&lay, 0x80000000));
}

/* vexpress-a15 as Debian's tree has it: VRAM outside RAM (no-map, a DMA
 * pool: 6.1 prints exactly these two lines for it), RAM at 0x80000000;
 * a size-only CMA pool goes to the top of lowmem without highmem. */
static void test_vexpress(void **state)
{
	static const struct child c[] = {
		{ "vram@18000000", 0x18000000, MiB(8), 0, false, true, false, true, false },
		CMA_DYN("linux,cma", MiB(64)),
	};

	(void)state;
	make_tree(0x80000000, GiB(1), c, 2, true);
	boot_tree(0x80000000, "rules=modern highmem=on");
	expect_line("Reserved memory: created DMA memory pool at 0x18000000, size 8 MiB");
	expect_line("OF: reserved mem: initialized node vram@18000000, compatible id shared-dma-pool");
	expect_line("Reserved memory: created CMA memory pool at 0xbc000000, size 64 MiB");
	expect_line("  node   0: [mem 0x0000000080000000-0x00000000bfffffff]");

	/* Without highmem, Linux has removed RAM past __pa(vmalloc_min) =
	 * 0xb0000000 before placing it. */
	boot_tree(0x80000000, "rules=modern");
	expect_line("Reserved memory: created CMA memory pool at 0xac000000, size 64 MiB");
}

/* RAM at 0: raspi2b's tree (a 64 MB size-only CMA pool) on its 960 MB. */
static void test_ram_at_zero(void **state)
{
	static const struct child c[] = { CMA_DYN("linux,cma", MiB(64)) };

	(void)state;
	make_tree(0, 0x3c000000, c, 1, true);
	boot_tree(0, "rules=modern highmem=on");
	expect_line("Reserved memory: created CMA memory pool at 0x38000000, size 64 MiB");
	expect_line("  HighMem  [mem 0x0000000030000000-0x000000003bffffff]");
}

/* Before 3.15 there is no /reserved-memory: said, and nothing changes. */
static void test_old_eras_ignore_it(void **state)
{
	(void)state;
	make_tree(0x40000000, GiB(1), virt_children, 6, true);
	boot_tree(0x40000000, "rules=3.4 highmem=on");
	expect_line("vmsplit: /reserved-memory (5 regions) ignored: rules=3.4 is Linux 3.3-3.4, and Linux reads it "
		    "from 3.15 on (before, only /memreserve/)");
	expect_no_prefix("Reserved memory:");
	assert_int_equal(lay.rsv.nr_banks, 0);
	assert_true(layout_is_lowmem_ram(&lay, 0x4a000000));
	boot_tree(0x40000000, "rules=2.6.36");
	expect_line("vmsplit: /reserved-memory (5 regions) ignored: rules=2.6.36 is Linux 2.6.36-3.2, and Linux reads "
		    "it from 3.15 on (before, only /memreserve/)");
}

/* /memreserve/ is reserved first (early_init_fdt_scan_reserved_mem()):
 * a no-map region over it fails, a plain one beside it is fine. */
static void test_memreserve_first(void **state)
{
	static const struct child c[] = {
		{ "modem@4a000000", 0x4a000000, MiB(16), 0, false, true, false, false, false },
		{ "fw@4c000000", 0x4c000000, MiB(1), 0, false, false, false, false, false },
	};

	(void)state;
	memreserve[0] = 0x4a800000;
	memreserve[1] = SZ_1M;
	make_tree(0x40000000, GiB(1), c, 2, true);
	assert_int_equal(tree.nr_rsv, 1);
	boot_tree(0x40000000, "rules=modern");
	expect_line("OF: fdt: Reserved memory: failed to reserve memory for node 'modem@4a000000': base 0x4a000000, "
		    "size 16 MiB");
	expect_line("vmsplit: /reserved-memory/fw@4c000000: 0x4c000000-0x4c0fffff (1 MB) reserved: mapped, never "
		    "handed out");
	/* The carve-out failed: its RAM stays lowmem, the /memreserve/ reserved. */
	assert_true(layout_is_lowmem_ram(&lay, 0x4a000000));
	assert_int_equal(lay.rsv.nr_banks, 2);
	assert_int_equal(lay.rsv.bank[0].start, 0x4a800000);
}

/* A node whose cells are not the root's: Linux ignores all of it. */
static void test_unsupported_format(void **state)
{
	(void)state;
	make_tree(0x40000000, GiB(1), virt_children, 1, false);
	assert_true(tree.resmem_bad_root);
	boot_tree(0x40000000, "rules=modern");
	expect_line("OF: fdt: Reserved memory: unsupported node format, ignoring");
	assert_true(layout_is_lowmem_ram(&lay, 0x4a000000));
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader),
		cmocka_unit_test(test_virt_6_1),
		cmocka_unit_test(test_5_10_and_6_1_differ),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_vexpress),
		cmocka_unit_test(test_ram_at_zero),
		cmocka_unit_test(test_old_eras_ignore_it),
		cmocka_unit_test(test_memreserve_first),
		cmocka_unit_test(test_unsupported_format),
	};

	(void)argc;
	(void)argv;
	return cmocka_run_group_tests_name("reserved_mem", tests, NULL, NULL);
}
