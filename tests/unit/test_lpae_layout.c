/* Unit tests of the layout rules under LPAE (boot_config.lpae, memlayout
 * --lpae): what a long-descriptor kernel of each era decides, with Linux's
 * numbers (Debian's armmp-lpae on QEMU virt at -m 4096 and -m 8192 prints
 * "HighMem [mem 0x0000000070000000-0x000000013fffffff]" and
 * "...-0x000000023fffffff"), and that at 1 GB nothing but the two "LPAE:"
 * lines differs from the short format.
 *
 * What changes: a 64-bit phys_addr_t (RAM above 4 GB kept, up to 40 bits;
 * a 3.x bank past 32 bits is highmem, or "Ignoring RAM ... (!CONFIG_HIGHMEM)."
 * without it; %pa prints 16 digits), the TTBR0/TTBR1 split per VMSPLIT
 * (proc-v7-3level.S), and what LPAE kernels do not have (VMSPLIT_3G_OPT,
 * Linux before 3.3, supersections, ecc=).  What does not: every region of
 * the map.
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

#include "board.h"
#include "capture.h"
#include "fdt_builder.h"
#include "layout_boot.h"
#include "memblock.h"

#define LPAE_FORMAT_LINE \
	"LPAE: long-descriptor tables, 3 levels (4 x 1 GB, 2 MB blocks, 4 KB pages), 40-bit physical addresses"
#define TTBR_3G_HIGHMEM \
	"LPAE: TTBCR.EAE=1 T0SZ=0 T1SZ=2: TTBR0 0x00000000-0xbfffffff (user space, modules, pkmap), " \
	"TTBR1 0xc0000000-0xffffffff (lowmem, vmalloc, fixmap, vector)"

/* board() the LPAE way: the format is chosen before any RAM is added. */
static void lpae_board(uint32_t page_offset, uint64_t ram)
{
	capture_reset();
	boot_config_init(&bc, page_offset, RAM_BASE);
	bc.lpae = true;
	boot_config_add_ram(&bc, RAM_BASE, ram);
}

static void lpae_run(uint32_t page_offset, uint64_t ram, const char *cmdline)
{
	lpae_board(page_offset, ram);
	boot(cmdline);
}

/* ============================================ RAM above 4 GB, per era */

/* Debian's armmp-lpae (6.1) at -m 4096: lowmem to 0x70000000 as without
 * LPAE, and the rest, past 4 GB, highmem; no "Ignoring memory range". */
static void test_modern_4G_highmem(void **state)
{
	(void)state;
	lpae_run(PO_3G, GiB(4), "rules=modern highmem=on");
	assert_int_equal(parse_problems, 0);
	expect_output_until_table(LPAE_FORMAT_LINE, TTBR_3G_HIGHMEM,
		"Zone ranges:",
		"  Normal   [mem 0x0000000040000000-0x000000006fffffff]",
		"  HighMem  [mem 0x0000000070000000-0x000000013fffffff]",
		"Movable zone start for each node",
		"Early memory node ranges",
		"  node   0: [mem 0x0000000040000000-0x000000013fffffff]",
		"Initmem setup node 0 [mem 0x0000000040000000-0x000000013fffffff]",
		"Kernel command line: rules=modern highmem=on",
		NO_TABLE_NOTE_MODERN, "Virtual kernel memory layout:");
	assert_int_equal(lay.mi.nr_banks, 2);
	assert_bank(0, 0x40000000, 0x30000000, false);
	assert_bank(1, 0x70000000, 0xd0000000, true);
	assert_lowmem_end(0x70000000);
	/* The map itself is the short format's. */
	assert_region(LINE_VMALLOC, 0xf0800000, 0xff800000);
	assert_region(LINE_PKMAP, 0xbfe00000, 0xc0000000);
	assert_str(layout_pa_kind_name(&lay, &bc, 0x13fffffffull), "highmem");
	assert_str(layout_pa_kind_name(&lay, &bc, 0x140000000ull), "not RAM");
}

/* Debian bullseye's 5.10 armmp-lpae at -m 4096 (the real-Linux
 * comparison's 5.10-lpae-4G): the same zones as 6.1; 5.1-5.13 has LPAE like
 * every era since 3.3, so rules=5.10 is kept, not replaced by 3.4. */
static void test_5_10_4G_highmem(void **state)
{
	(void)state;
	lpae_run(PO_3G, GiB(4), "rules=5.10 highmem=on");
	assert_int_equal(parse_problems, 0);
	assert_string_equal(lay.rules->name, "5.10");
	check_has("  HighMem  [mem 0x0000000070000000-0x000000013fffffff]", true, __FILE__, __LINE__);
	assert_lowmem_end(0x70000000);
	assert_region(LINE_VMALLOC, 0xf0800000, 0xff800000);
	assert_str(layout_pa_kind_name(&lay, &bc, 0x13fffffffull), "highmem");
}

/* The same board without LPAE: cut at 4 GB (the comparison above). */
static void test_modern_4G_short_format_cut(void **state)
{
	(void)state;
	run(GiB(4), "rules=modern highmem=on");
	check_has("OF: fdt: Ignoring memory range 0x100000000 - 0x140000000", true, __FILE__, __LINE__);
	check_has("  HighMem  [mem 0x0000000070000000-0x00000000ffffefff]", true, __FILE__, __LINE__);
	check_no_prefix("LPAE:", __FILE__, __LINE__);
	assert_int_equal(lay.ttbr.ttbr1_start, UINT64_C(1) << 32);
}

/* -m 8192: highmem up to 0x23fffffff, the count in 64 bits. */
static void test_modern_8G_highmem(void **state)
{
	static const struct mem_counts counts = {
		.free_pages = 0x200000 - 0x3000, .reserved_pages = 0x3000, .highmem_pages = 0x1d0000,
	};
	static const struct image_sections img = {
		.text_start = 0xc0100000, .text_end = 0xc0140000,
		.rodata_start = 0xc0130000, .rodata_end = 0xc0140000,
		.init_start = 0xc0140000, .init_end = 0xc0146000,
		.data_start = 0xc0146000, .data_end = 0xc0147000,
		.bss_start = 0xc0147000, .bss_end = 0xc014a000,
	};

	(void)state;
	lpae_board(PO_3G, GiB(8));
	boot_with("rules=modern highmem=on", &counts, &img);
	check_has("  HighMem  [mem 0x0000000070000000-0x000000023fffffff]", true, __FILE__, __LINE__);
	check_has("Initmem setup node 0 [mem 0x0000000040000000-0x000000023fffffff]", true, __FILE__, __LINE__);
	/* 8 GB of physpages: 8388608K, past what 23 bits of K would hold. */
	check_has("Memory: 8339456K/8388608K available (192K kernel code, 4K rwdata, 64K rodata, 24K init, "
		  "12K bss, 49152K reserved, 0K cma-reserved, 7602176K highmem)", true, __FILE__, __LINE__);
	assert_bank(1, 0x70000000, 0x1d0000000ull, true);
}

/* Without highmem the modern kernel drops what lies above lowmem, and %pa
 * prints a 64-bit phys_addr_t in 16 digits (lib/vsprintf.c's
 * special_hex_number(): 2 + 2 * sizeof(phys_addr_t) characters). */
static void test_modern_no_highmem_pa_width(void **state)
{
	(void)state;
	lpae_run(PO_3G, GiB(4), "rules=modern");
	expect_output_until_table("Ignoring RAM at 0x0000000070000000-0x0000000140000000",
		"Consider using a HIGHMEM enabled kernel.",
		LPAE_FORMAT_LINE,
		"LPAE: TTBCR.EAE=1 T0SZ=0 T1SZ=2: TTBR0 0x00000000-0xbfffffff (user space, modules), "
		"TTBR1 0xc0000000-0xffffffff (lowmem, vmalloc, fixmap, vector)",
		"Zone ranges:",
		"  Normal   [mem 0x0000000040000000-0x000000006fffffff]",
		"Movable zone start for each node",
		"Early memory node ranges",
		"  node   0: [mem 0x0000000040000000-0x000000006fffffff]",
		"Initmem setup node 0 [mem 0x0000000040000000-0x000000006fffffff]",
		"Kernel command line: rules=modern",
		NO_TABLE_NOTE_MODERN, "Virtual kernel memory layout:");
	assert_int_equal(lay.mi.nr_banks, 1);
	assert_str(layout_pa_kind_name(&lay, &bc, 0x100000000ull), "ignored (above lowmem, and highmem is off)");
	/* The short format at 1 GB prints 8 digits, as before. */
	run(GiB(2), "rules=modern");
	check_has("Ignoring RAM at 0x70000000-0xc0000000", true, __FILE__, __LINE__);
}

/* 3.4 with highmem: the bank crossing vmalloc_min is split as always; the
 * upper half runs past 4 GB; memblock's one region in the Memory: line. */
static void test_3_4_4G_and_8G_highmem(void **state)
{
	(void)state;
	lpae_run(PO_3G, GiB(4), "highmem=on");
	assert_int_equal(parse_problems, 0);
	expect_output_until_table(LPAE_FORMAT_LINE,
		"LPAE: TTBCR.EAE=1 T0SZ=0 T1SZ=2: TTBR0 0x00000000-0xbfffffff (user space, modules, pkmap), "
		"TTBR1 0xc0000000-0xffffffff (lowmem, vmalloc, DMA (consistent), fixmap, vector)",
		"Kernel command line: highmem=on",
		"Memory: 4096MB = 4096MB total",
		"Virtual kernel memory layout:");
	assert_bank(0, 0x40000000, 0x2f800000, false);
	assert_bank(1, 0x6f800000, 0xd0800000, true);
	assert_lowmem_end(0x6f800000);

	lpae_run(PO_3G, GiB(8), "highmem=on");
	check_has("Memory: 8192MB = 8192MB total", true, __FILE__, __LINE__);
	assert_bank(1, 0x6f800000, 0x1d0800000ull, true);
}

/* 3.4 without highmem: a 4 GB bank is truncated at vmalloc_min.  Its end,
 * __va(0x140000000), wraps to its start in 32 bits: the check must not be
 * fooled into keeping all 4 GB as lowmem. */
static void test_3_4_4G_truncated(void **state)
{
	(void)state;
	lpae_run(PO_3G, GiB(4), "");
	expect_output_until_table("Truncating RAM at 40000000-13fffffff to -6f7fffff (vmalloc region overlap).",
		LPAE_FORMAT_LINE,
		"LPAE: TTBCR.EAE=1 T0SZ=0 T1SZ=2: TTBR0 0x00000000-0xbfffffff (user space, modules), "
		"TTBR1 0xc0000000-0xffffffff (lowmem, vmalloc, DMA (consistent), fixmap, vector)",
		"Kernel command line: ",
		"Memory: 760MB = 760MB total",
		"Virtual kernel memory layout:");
	assert_lowmem_end(0x6f800000);
	assert_str(layout_pa_kind_name(&lay, &bc, 0x100000000ull), "truncated (vmalloc region overlap)");
	/* The same with VMSPLIT_1G, whose linear map is the identity. */
	lpae_run(PO_1G, GiB(4), "");
	check_has("Truncating RAM at 40000000-13fffffff to -ef7fffff (vmalloc region overlap).", true,
		  __FILE__, __LINE__);
	assert_lowmem_end(0xef800000);
}

/* 3.x's sanity_check_meminfo(): "if (bank->start > ULONG_MAX) highmem = 1";
 * without CONFIG_HIGHMEM such a bank is dropped with its own reason. */
static void test_3_4_bank_above_4G(void **state)
{
	(void)state;
	lpae_run(PO_3G, GiB(8), "mem=1G mem=2G@0x100000000");
	check_has("Ignoring RAM at 100000000-17fffffff (!CONFIG_HIGHMEM).", true, __FILE__, __LINE__);
	check_has("Memory: 760MB = 760MB total", true, __FILE__, __LINE__);
	assert_int_equal(lay.mi.nr_banks, 1);
	assert_str(layout_pa_kind_name(&lay, &bc, 0x100000000ull), "ignored (above 4 GB, and highmem is off)");
	assert_str(layout_pa_kind_name(&lay, &bc, 0x180000000ull), "hole (not in the mem= banks)");

	lpae_run(PO_3G, GiB(8), "mem=1G mem=2G@0x100000000 highmem=on");
	check_has("Memory: 1024MB 2048MB = 3072MB total", true, __FILE__, __LINE__);
	assert_int_equal(lay.mi.nr_banks, 3);
	assert_bank(2, 0x100000000ull, GiB(2), true);
}

/* Under VMSPLIT_1G a bank at 0x140000000 wraps to __va 0x40000000 =
 * PAGE_OFFSET, inside the linear map: only the start > 4 GB test keeps it
 * out of lowmem. */
static void test_3_4_above_4G_wraps_into_lowmem(void **state)
{
	(void)state;
	lpae_run(PO_1G, GiB(8), "mem=512M mem=1G@0x140000000 highmem=on");
	assert_int_equal(lay.mi.nr_banks, 2);
	assert_bank(0, 0x40000000, MiB(512), false);
	assert_bank(1, 0x140000000ull, GiB(1), true);
	assert_lowmem_end(0x60000000);
	lpae_run(PO_1G, GiB(8), "mem=512M mem=1G@0x140000000");
	check_has("Ignoring RAM at 140000000-17fffffff (!CONFIG_HIGHMEM).", true, __FILE__, __LINE__);
	assert_int_equal(lay.mi.nr_banks, 1);
}

/* mem= with @ above 4 GB: the short format cannot have it at all. */
static void test_mem_at_above_4G(void **state)
{
	(void)state;
	lpae_run(PO_3G, GiB(8), "rules=modern highmem=on mem=1G mem=256M@0x200000000");
	assert_int_equal(parse_problems, 0);
	check_has("  HighMem  [mem 0x0000000070000000-0x000000020fffffff]", true, __FILE__, __LINE__);
	check_has("  node   0: [mem 0x0000000200000000-0x000000020fffffff]", true, __FILE__, __LINE__);
	assert_bank(2, 0x200000000ull, MiB(256), true);

	run(GiB(8), "rules=modern highmem=on mem=1G mem=256M@0x200000000");
	check_has("Ignoring memory at 0x200000000 outside 32-bit physical address space", true, __FILE__, __LINE__);
	assert_int_equal(lay.mi.nr_banks, 2);
}

/* The device tree's two-cell reg above 4 GB reaches the banks whole. */
static void test_dt_two_cell_memory(void **state)
{
	static uint8_t blob[4096];
	static struct fdtb t;
	static struct board_info bi;
	static const uint32_t reg0[] = { 0, 0x40000000, 1, 0 }, reg1[] = { 2, 0, 0, 0x40000000 };
	size_t n;

	(void)state;
	fdtb_init(&t);
	fdtb_begin(&t, "");
	fdtb_prop_u32(&t, "#address-cells", 2);
	fdtb_prop_u32(&t, "#size-cells", 2);
	fdtb_begin(&t, "memory@40000000");
	fdtb_prop_str(&t, "device_type", "memory");
	fdtb_prop_cells(&t, "reg", 4, reg0);
	fdtb_end(&t);
	fdtb_begin(&t, "memory@200000000");
	fdtb_prop_str(&t, "device_type", "memory");
	fdtb_prop_cells(&t, "reg", 4, reg1);
	fdtb_end(&t);
	fdtb_end(&t);
	n = fdtb_finish(&t, blob, sizeof(blob));
	assert_true(board_from_fdt(&bi, blob, n) >= 0);

	capture_reset();
	boot_config_init(&bc, PO_3G, RAM_BASE);
	bc.lpae = true;
	board_to_boot_config(&bi, &bc);
	boot("rules=modern highmem=on");
	check_has("  node   0: [mem 0x0000000040000000-0x000000013fffffff]", true, __FILE__, __LINE__);
	check_has("  node   0: [mem 0x0000000200000000-0x000000023fffffff]", true, __FILE__, __LINE__);
	check_has("  HighMem  [mem 0x0000000070000000-0x000000023fffffff]", true, __FILE__, __LINE__);
	assert_str(layout_pa_kind_name(&lay, &bc, 0x180000000ull), "not RAM");
}

/* /memreserve/ above 4 GB is honoured, not cut (a short-format kernel
 * cuts it at 4 GB). */
static void test_memreserve_above_4G(void **state)
{
	(void)state;
	lpae_board(PO_3G, GiB(8));
	boot_config_reserve_ram(&bc, 0x180000000ull, MiB(1));
	boot("highmem=on");
	check_no_prefix("vmsplit: /memreserve/", __FILE__, __LINE__);
	assert_int_equal(lay.rsv.nr_banks, 1);
	assert_int_equal(lay.rsv.bank[0].start, 0x180000000ull);
	assert_int_equal(lay.rsv.bank[0].size, MiB(1));
}

/* No descriptor points past 40 bits: RAM there is cut off, said once. */
static void test_40_bit_limit(void **state)
{
	(void)state;
	capture_reset();
	boot_config_init(&bc, PO_3G, RAM_BASE);
	bc.lpae = true;
	boot_config_add_ram(&bc, RAM_BASE, GiB(1));
	boot_config_add_ram(&bc, 0xffc0000000ull, GiB(2));
	boot_config_add_ram(&bc, 0x10000000000ull, GiB(1));
	boot("highmem=on mem=1G mem=1G@0xffc0000000 mem=1G@0x10000000000");
	/* mem_map for the frames up to 1 TB would be 4 GB (counted in 64
	 * bits: a 32-bit size_t would wrap to nothing): no lowmem holds it,
	 * so the decision falls back to the bank the kernel is in. */
	expect_output_until_table("vmsplit: memory at 0xffc0000000 runs past LPAE's 40-bit physical address space; "
		"cut at 0x10000000000",
		"vmsplit: memory 0x10000000000-0x1003fffffff lies past LPAE's 40-bit physical address space; ignored",
		"vmsplit: mem=1G@0x10000000000: 0x10000000000-0x1003fffffff is not RAM on this board; no bank added",
		"vmsplit: the mem= banks leave no room for mem_map (4190208 kB of lowmem in one piece for 268173312 "
		"frames; the largest free piece is 776192 kB); using the firmware's banks instead",
		"vmsplit: the firmware's banks leave no room for mem_map (4190208 kB of lowmem in one piece for "
		"268173312 frames; the largest free piece is 776192 kB); using only the bank the kernel is in, "
		"0x40000000-0x7fffffff",
		LPAE_FORMAT_LINE,
		"LPAE: TTBCR.EAE=1 T0SZ=0 T1SZ=2: TTBR0 0x00000000-0xbfffffff (user space, modules, pkmap), "
		"TTBR1 0xc0000000-0xffffffff (lowmem, vmalloc, DMA (consistent), fixmap, vector)",
		"Kernel command line: highmem=on mem=1G mem=1G@0xffc0000000 mem=1G@0x10000000000",
		"Memory: 1024MB = 1024MB total",
		"Virtual kernel memory layout:");
	assert_int_equal(bc.ram.nr_banks, 2);
	assert_int_equal(bank_end(&bc.ram.bank[1]), LPAE_PHYS_LIMIT);
	assert_int_equal(bank_end(&bc.firmware.bank[1]), LPAE_PHYS_LIMIT);
}

/* ===================================================== the TTBR split */

static void test_ttbr_split_per_split(void **state)
{
	struct ttbr_split t;

	(void)state;
	t = layout_ttbr_split(true, PO_3G, RAM_BASE);
	assert_int_equal(t.t0sz, 0);
	assert_int_equal(t.t1sz, 2);
	assert_int_equal(t.ttbr1_start, 0xc0000000u);
	t = layout_ttbr_split(true, PO_2G, RAM_BASE);
	assert_int_equal(t.t1sz, 1);
	assert_int_equal(t.ttbr1_start, 0x80000000u);
	t = layout_ttbr_split(true, PO_1G, RAM_BASE);
	assert_int_equal(t.t1sz, 0);
	assert_int_equal(t.ttbr1_start, UINT64_C(1) << 32);
	/* Linux splits only when PHYS_OFFSET <= PAGE_OFFSET. */
	t = layout_ttbr_split(true, PO_3G, 0xc8000000u);
	assert_int_equal(t.t1sz, 0);
	assert_int_equal(t.ttbr1_start, UINT64_C(1) << 32);
	/* The short format: TTBCR.N 0, TTBR0 for everything. */
	t = layout_ttbr_split(false, PO_3G, RAM_BASE);
	assert_int_equal(t.ttbr1_start, UINT64_C(1) << 32);

	/* VMSPLIT_3G: modules and pkmap in TTBR0's half, below PAGE_OFFSET. */
	lpae_run(PO_3G, GiB(2), "highmem=on");
	assert_int_equal(layout_ttbr_of(&lay, lay.modules_vaddr), 0);
	assert_int_equal(layout_ttbr_of(&lay, lay.pkmap_base), 0);
	assert_int_equal(layout_ttbr_of(&lay, lay.pkmap_base + SZ_2M - 1), 0);
	assert_int_equal(layout_ttbr_of(&lay, lay.page_offset), 1);
	assert_int_equal(layout_ttbr_of(&lay, VECTORS_BASE), 1);
	/* VMSPLIT_2G: TTBR1 the top 2 GB; modules just below it. */
	lpae_run(PO_2G, GiB(2), "highmem=on");
	check_has("LPAE: TTBCR.EAE=1 T0SZ=0 T1SZ=1: TTBR0 0x00000000-0x7fffffff (user space, modules, pkmap), "
		  "TTBR1 0x80000000-0xffffffff (lowmem, vmalloc, DMA (consistent), fixmap, vector)", true,
		  __FILE__, __LINE__);
	assert_int_equal(layout_ttbr_of(&lay, 0x7fffffffu), 0);
	assert_int_equal(layout_ttbr_of(&lay, 0x80000000u), 1);
	/* VMSPLIT_1G: no split. */
	lpae_run(PO_1G, GiB(2), "rules=modern");
	check_has("LPAE: TTBCR.EAE=1 T0SZ=0 T1SZ=0: TTBR0 0x00000000-0xffffffff (user space, modules, lowmem, "
		  "vmalloc, fixmap, vector), no TTBR1", true, __FILE__, __LINE__);
	assert_int_equal(layout_ttbr_of(&lay, 0xffffffffu), 0);
}

/* ======================================= what LPAE kernels do not have */

static void test_3g_opt_refused(void **state)
{
	(void)state;
	lpae_run(PO_3G, GiB(1), "rules=modern split=3G_OPT");
	check_has("vmsplit: split=3G_OPT: VMSPLIT_3G_OPT depends on !ARM_LPAE (arch/arm/Kconfig): its "
		  "PAGE_OFFSET 0xb0000000 is not on the 1 GB boundaries where LPAE's first level, and TTBR1's "
		  "range, divide the 4 GB (keeping 3G)", true, __FILE__, __LINE__);
	assert_true(bc.lpae_refused);
	assert_int_equal(parse_problems, 1);
	assert_int_equal(lay.page_offset, PO_3G);
	/* Configured for it (the host tool's --built-for refuses earlier). */
	lpae_run(PO_3G_OPT, GiB(1), "rules=modern");
	check_has("vmsplit: VMSPLIT_3G_OPT with LPAE: VMSPLIT_3G_OPT depends on !ARM_LPAE (arch/arm/Kconfig): "
		  "its PAGE_OFFSET 0xb0000000 is not on the 1 GB boundaries where LPAE's first level, and "
		  "TTBR1's range, divide the 4 GB; using VMSPLIT_3G", true, __FILE__, __LINE__);
	assert_true(bc.lpae_refused);
	assert_int_equal(lay.page_offset, PO_3G);
	/* The short format still has it. */
	run_split(PO_3G, GiB(1), "rules=modern split=3G_OPT");
	assert_false(bc.lpae_refused);
	assert_int_equal(lay.page_offset, PO_3G_OPT);
}

static void test_2_6_36_refused(void **state)
{
	(void)state;
	lpae_run(PO_3G, GiB(1), "rules=2.6.36");
	check_has("vmsplit: rules=2.6.36: Linux 2.6.36-3.2 has no LPAE (ARM_LPAE came in 3.3); keeping 3.4",
		  true, __FILE__, __LINE__);
	assert_int_equal(parse_problems, 1);
	assert_string_equal(lay.rules->name, "3.4");
	lpae_run(PO_3G, GiB(1), "rules=2.4");
	check_has("vmsplit: rules=2.4: no such rule set; choose 3.4 5.10 modern (keeping 3.4)", true, __FILE__, __LINE__);
}

/* supersections= is vmsplit's and means nothing in the long format;
 * Linux's ecc= exists only without LPAE, so an LPAE kernel reports it as
 * an unknown parameter (init/main.c), as vmsplit does. */
static void test_supersections_and_ecc(void **state)
{
	(void)state;
	lpae_run(PO_3G, GiB(1), "supersections=on ecc=on");
	expect_output_until_table("vmsplit: supersections=on: LPAE has no supersections (16 MB entries are the "
		"short format's; its blocks are 2 MB); ignored",
		"vmsplit: ecc=on: Linux has ecc= only without LPAE; an LPAE kernel does not know it",
		"Truncating RAM at 40000000-7fffffff to -6f7fffff (vmalloc region overlap).",
		LPAE_FORMAT_LINE,
		"LPAE: TTBCR.EAE=1 T0SZ=0 T1SZ=2: TTBR0 0x00000000-0xbfffffff (user space, modules), "
		"TTBR1 0xc0000000-0xffffffff (lowmem, vmalloc, DMA (consistent), fixmap, vector)",
		"Kernel command line: supersections=on ecc=on",
		"Unknown kernel command line parameters \"ecc=on\", ignored.",
		"Memory: 760MB = 760MB total",
		"Virtual kernel memory layout:");
	assert_false(bc.supersections);
	/* The short format: supersections on, ecc= as before. */
	run(GiB(1), "supersections=on ecc=on");
	assert_true(bc.supersections);
	check_no_prefix("vmsplit: ecc", __FILE__, __LINE__);
}

/* CPU_SW_DOMAIN_PAN depends on !ARM_LPAE (no domains in the long format). */
static void test_no_domain_pan(void **state)
{
	(void)state;
	run(GiB(1), "rules=modern");
	assert_true(layout_sw_domain_pan(&lay));
	lpae_run(PO_3G, GiB(1), "rules=modern");
	assert_false(layout_sw_domain_pan(&lay));
	assert_true(lay.rules->sw_domain_pan);		/* the era has it; the format does not */
}

/* memblock names a range it cannot record by its whole address. */
static void test_memblock_full_past_4G(void **state)
{
	static struct memblock mb;

	(void)state;
	capture_reset();
	memblock_init(&mb);
	for (int i = 0; i < MEMBLOCK_MAX; i++)
		assert_int_equal(memblock_reserve(&mb, 0x100000000ull + (uint64_t)i * 2 * PAGE_SIZE, PAGE_SIZE, "t"), 0);
	assert_int_equal(memblock_reserve(&mb, 0x200000000ull, PAGE_SIZE, "t"), -1);
	expect_output("vmsplit: memblock: more than 32 ranges, 0x200000000 not recorded");
}

/* ============================= at 1 GB the long format changes nothing */

static char short_out[16384];

/* The LPAE output as the short format would print it: without the two
 * "LPAE: " lines, and with the modern "Ignoring RAM at %pa-%pa" in 8
 * digits (a 32-bit phys_addr_t) where LPAE's 64-bit one prints 16. */
static const char *as_short_format(const char *s)
{
	static const char pa16[] = "Ignoring RAM at 0x00000000";
	static char out[16384];
	size_t n = 0;

	for (; *s; s = next_line(s)) {
		size_t len = line_len(s) + (s[line_len(s)] == '\n');

		if (!strncmp(s, "LPAE: ", 6))
			continue;
		if (!strncmp(s, pa16, strlen(pa16)) && len > 44 && !strncmp(s + 34, "-0x00000000", 11)) {
			n += (size_t)sprintf(out + n, "Ignoring RAM at 0x%.8s-0x%.*s", s + 26, (int)(len - 45), s + 45);
			continue;
		}
		memcpy(out + n, s, len);
		n += len;
	}
	out[n] = '\0';
	return out;
}

static void test_1G_same_as_short_format(void **state)
{
	static const uint32_t pos[] = { PO_3G, PO_2G, PO_1G };
	static const char *const lines[] = {
		"", "highmem=on", "vmalloc=400M highmem=on", "vmalloc=100M", "mem=512M", "rules=modern",
		"rules=modern highmem=on vmalloc=123456789", "mem=91M@0x40000000 mem=24M@0x45d00000 mem=493M@0x52000000 "
		"vmalloc=400M highmem=on", "rules=modern mem=136M@0x40000000 mem=768M@0x50000000",
		"reclaim=dont-map-hole mem=91M@0x40000000 mem=24M@0x45d00000 mem=493M@0x52000000",
	};
	static struct layout short_lay;

	(void)state;
	for (unsigned p = 0; p < ARRAY_SIZE(pos); p++)
		for (unsigned i = 0; i < ARRAY_SIZE(lines); i++) {
			run_split(pos[p], GiB(1), lines[i]);
			snprintf(short_out, sizeof(short_out), "%s", captured());
			short_lay = lay;
			lpae_run(pos[p], GiB(1), lines[i]);
			if (strcmp(as_short_format(captured()), short_out))
				fail_msg("split 0x%08x, \"%s\": the LPAE output differs:\n%s\nfrom\n%s", pos[p], lines[i],
					 captured(), short_out);
			assert_int_equal(count_lines_with("LPAE: "), 2);
			assert_int_equal(lay.nr_regions, short_lay.nr_regions);
			for (int r = 0; r < lay.nr_regions; r++) {
				assert_int_equal(lay.region[r].id, short_lay.region[r].id);
				assert_int_equal(lay.region[r].start, short_lay.region[r].start);
				assert_int_equal(lay.region[r].end, short_lay.region[r].end);
			}
			assert_int_equal(lay.lowmem_limit, short_lay.lowmem_limit);
			assert_int_equal(lay.mi.nr_banks, short_lay.mi.nr_banks);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_modern_4G_highmem),
		cmocka_unit_test(test_5_10_4G_highmem),
		cmocka_unit_test(test_modern_4G_short_format_cut),
		cmocka_unit_test(test_modern_8G_highmem),
		cmocka_unit_test(test_modern_no_highmem_pa_width),
		cmocka_unit_test(test_3_4_4G_and_8G_highmem),
		cmocka_unit_test(test_3_4_4G_truncated),
		cmocka_unit_test(test_3_4_bank_above_4G),
		cmocka_unit_test(test_3_4_above_4G_wraps_into_lowmem),
		cmocka_unit_test(test_mem_at_above_4G),
		cmocka_unit_test(test_dt_two_cell_memory),
		cmocka_unit_test(test_memreserve_above_4G),
		cmocka_unit_test(test_40_bit_limit),
		cmocka_unit_test(test_ttbr_split_per_split),
		cmocka_unit_test(test_3g_opt_refused),
		cmocka_unit_test(test_2_6_36_refused),
		cmocka_unit_test(test_supersections_and_ecc),
		cmocka_unit_test(test_no_domain_pan),
		cmocka_unit_test(test_memblock_full_past_4G),
		cmocka_unit_test(test_1G_same_as_short_format),
	};

	return cmocka_run_group_tests_name("lpae_layout", tests, NULL, NULL);
}
