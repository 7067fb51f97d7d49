/* Unit tests for core/layout/banks.c, the banks: lowmem, highmem and the
 * 3.x sanity_check_meminfo(), mem=, holes, sorting and totals. */
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

/* ===================================== lowmem, highmem and banks (3.x) */

/* A bank ending exactly at vmalloc_min is kept whole, neither truncated
 * nor split. */
static void test_bank_ending_at_vmalloc_min(void **state)
{
	(void)state;
	run(GiB(1), "mem=760M");
	expect_no_prefix("Truncating");
	assert_lowmem_end(0x6f800000);

	run(GiB(1), "mem=760M highmem=on");
	assert_int_equal(lay.mi.nr_banks, 1);
	assert_bank(0, 0x40000000, MiB(760), false);
}

/* Without highmem, a bank wholly at or above vmalloc_min is dropped:
 * "Ignoring RAM at %.8llx-%.8llx (vmalloc region overlap)." */
static void test_highmem_off_ignores_bank_above(void **state)
{
	(void)state;
	run(GiB(1), "mem=256M mem=256M@0x70000000");
	assert_int_equal(parse_problems, 0);
	expect_output("Ignoring RAM at 70000000-7fffffff (vmalloc region overlap).",
		      "Kernel command line: mem=256M mem=256M@0x70000000",
		      "Memory: 256MB = 256MB total",
		      "Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    vmalloc : 0xd0800000 - 0xff000000   ( 744 MB)",
		      "    lowmem  : 0xc0000000 - 0xd0000000   ( 256 MB)", MODULES_3G);
	assert_int_equal(lay.mi.nr_banks, 1);
	assert_false(layout_is_ram(&lay, 0x70000000));
}

/* With highmem the same bank is kept, as highmem. */
static void test_highmem_on_keeps_bank_above(void **state)
{
	(void)state;
	run(GiB(1), "mem=256M mem=256M@0x70000000 highmem=on");
	expect_no_prefix("Ignoring");
	assert_int_equal(lay.mi.nr_banks, 2);
	assert_bank(1, 0x70000000, MiB(256), true);
	assert_lowmem_end(0x50000000);
	expect_table(VECTOR_LINE, FIXMAP_LINE,
		     "    vmalloc : 0xd0800000 - 0xff000000   ( 744 MB)",
		     "    lowmem  : 0xc0000000 - 0xd0000000   ( 256 MB)", PKMAP_3G, MODULES_3G_HM);
}

/* With highmem a bank crossing vmalloc_min is split at
 * __pa(vmalloc_min - 1) + 1; the upper half is highmem. */
static void test_highmem_split_crossing_bank(void **state)
{
	(void)state;
	run(GiB(1), "highmem=on");
	expect_no_prefix("Truncating");
	assert_int_equal(lay.mi.nr_banks, 2);
	assert_bank(0, 0x40000000, MiB(760), false);
	assert_bank(1, 0x6f800000, MiB(264), true);
	assert_lowmem_end(0x6f800000);
	expect_table(VECTOR_LINE, FIXMAP_LINE,
		     "    vmalloc : 0xf0000000 - 0xff000000   ( 240 MB)",
		     "    lowmem  : 0xc0000000 - 0xef800000   ( 760 MB)", PKMAP_3G, MODULES_3G_HM);

	/* 2 GB (the highmem-2G scenario): 1288 MB of highmem. */
	run(GiB(2), "highmem=on");
	assert_bank(1, 0x6f800000, MiB(1288), true);
}

/* 2.6.36 with highmem: same split, and its table shows pkmap between
 * lowmem and modules. */
static void test_highmem_2_6_36_pkmap(void **state)
{
	(void)state;
	run(MiB(512), "rules=2.6.36 highmem=on");
	assert_bank(1, 0x58000000, MiB(128), true);
	expect_table(VECTOR_LINE, FIXMAP_LINE,
		     "    DMA     : 0xfde00000 - 0xffe00000   (  32 MB)",
		     "    vmalloc : 0xd8800000 - 0xe0000000   ( 120 MB)",
		     "    lowmem  : 0xc0000000 - 0xd8000000   ( 384 MB)", PKMAP_3G, MODULES_3G_HM);
}

/* A ninth mem= bank: "NR_BANKS too low, ignoring memory at 0x%08llx". */
static void test_nr_banks_ninth_mem(void **state)
{
	static const char line[] =
		"mem=64M mem=2M@0x50000000 mem=3M@0x51000000 mem=4M@0x52000000 "
		"mem=5M@0x53000000 mem=6M@0x54000000 mem=7M@0x55000000 "
		"mem=8M@0x56000000 mem=9M@0x57000000";

	(void)state;
	run(GiB(1), line);
	expect_output("NR_BANKS too low, ignoring memory at 0x57000000",
		      "Kernel command line: mem=64M mem=2M@0x50000000 mem=3M@0x51000000 mem=4M@0x52000000 "
		      "mem=5M@0x53000000 mem=6M@0x54000000 mem=7M@0x55000000 mem=8M@0x56000000 mem=9M@0x57000000",
		      "Memory: 64MB 2MB 3MB 4MB 5MB 6MB 7MB 8MB = 99MB total",
		      "Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    vmalloc : 0xd7000000 - 0xff000000   ( 640 MB)",
		      "    lowmem  : 0xc0000000 - 0xd6800000   ( 360 MB)", MODULES_3G);
	assert_int_equal(lay.mi.nr_banks, NR_BANKS);
}

/* Eight banks and a split needing a ninth: "NR_BANKS too low, ignoring high
 * memory"; the bank is cut at vmalloc_min and stays lowmem. */
static void test_nr_banks_highmem_split(void **state)
{
	(void)state;
	run(GiB(1), "highmem=on mem=16M mem=1M@0x42000000 mem=1M@0x43000000 "
		    "mem=1M@0x44000000 mem=1M@0x45000000 mem=1M@0x46000000 "
		    "mem=1M@0x47000000 mem=512M@0x60000000");
	expect_line("NR_BANKS too low, ignoring high memory");
	expect_line("Memory: 16MB 1MB 1MB 1MB 1MB 1MB 1MB 248MB = 270MB total");
	assert_int_equal(lay.mi.nr_banks, NR_BANKS);
	assert_bank(7, 0x60000000, MiB(248), false);
	assert_lowmem_end(0x6f800000);
	assert_int_equal(meminfo_total(&lay.mi, BANKS_HIGHMEM), 0);
}

/* ==================================================================== mem= */

/* mem=SIZE: one bank at PHYS_OFFSET, the firmware's banks forgotten. */
static void test_mem_replaces_firmware(void **state)
{
	(void)state;
	run(GiB(1), "mem=512M");
	assert_int_equal(parse_problems, 0);
	assert_true(bc.usermem);
	assert_int_equal(lay.mi.nr_banks, 1);
	assert_bank(0, 0x40000000, MiB(512), false);
	expect_output("Kernel command line: mem=512M", "Memory: 512MB = 512MB total",
		      "Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    vmalloc : 0xe0800000 - 0xff000000   ( 488 MB)",
		      "    lowmem  : 0xc0000000 - 0xe0000000   ( 512 MB)", MODULES_3G);
}

/* setup_arch() sorts the banks by start before the layout. */
static void test_mem_banks_sorted(void **state)
{
	(void)state;
	run(GiB(1), "mem=128M@0x50000000 mem=128M@0x40000000 mem=16M@0x48800000");
	assert_int_equal(parse_problems, 0);
	assert_int_equal(lay.mi.nr_banks, 3);
	assert_bank(0, 0x40000000, MiB(128), false);
	assert_bank(1, 0x48800000, MiB(16), false);
	assert_bank(2, 0x50000000, MiB(128), false);
	assert_lowmem_end(0x58000000);
	expect_line("Memory: 128MB 16MB 128MB = 272MB total");
}

/* Overlapping banks are merged once, with a message. */
static void test_mem_overlap_merged(void **state)
{
	(void)state;
	run(GiB(1), "mem=512M mem=256M@0x50000000");
	expect_output("vmsplit: banks at 0x40000000 and 0x50000000 overlap; merged",
		      "Kernel command line: mem=512M mem=256M@0x50000000",
		      "Memory: 512MB = 512MB total",
		      "Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    vmalloc : 0xe0800000 - 0xff000000   ( 488 MB)",
		      "    lowmem  : 0xc0000000 - 0xe0000000   ( 512 MB)", MODULES_3G);

	run(GiB(1), "mem=512M mem=512M");
	expect_line("vmsplit: banks at 0x40000000 and 0x40000000 overlap; merged");
	assert_int_equal(lay.mi.nr_banks, 1);
	assert_bank(0, 0x40000000, MiB(512), false);

	/* Partly overlapping: the union. */
	run(GiB(1), "mem=256M mem=256M@0x48000000");
	assert_bank(0, 0x40000000, MiB(384), false);
}

/* arm_add_memory(): the start is rounded up to a page and the size pays
 * for it; the size is rounded down to a page; nothing left, no bank. */
static void test_mem_page_alignment(void **state)
{
	(void)state;
	run(GiB(1), "mem=64M mem=1M@0x50000800 mem=0x100fff@0x51000000 mem=0x800@0x52000800");
	assert_int_equal(lay.mi.nr_banks, 3);
	assert_bank(1, 0x50001000, 0xff000, false);
	assert_bank(2, 0x51000000, 0x100000, false);
	assert_false(layout_is_ram(&lay, 0x52000000));
	assert_false(layout_is_ram(&lay, 0x52001000));
}

/* mem=0 adds no bank; with no bank left the firmware's are used. */
static void test_mem_zero(void **state)
{
	(void)state;
	run(GiB(1), "mem=0");
	assert_int_equal(parse_problems, 2);
	expect_output("vmsplit: mem=0: size 0; Linux adds no bank",
		      "vmsplit: no RAM left after mem=; using the firmware's banks",
		      DEFAULT_1G_TRUNCATE, "Kernel command line: mem=0",
		      "Memory: 760MB = 760MB total", DEFAULT_1G_TABLE);
}

/* mem=abc: not a size (Linux reads 0, adds nothing). */
static void test_mem_not_a_size(void **state)
{
	(void)state;
	run(GiB(1), "mem=abc");
	assert_int_equal(parse_problems, 2);
	expect_output("vmsplit: mem=abc: not a size; Linux reads 0 and adds no bank",
		      "vmsplit: no RAM left after mem=; using the firmware's banks",
		      DEFAULT_1G_TRUNCATE, "Kernel command line: mem=abc",
		      "Memory: 760MB = 760MB total", DEFAULT_1G_TABLE);

	/* A later good mem= still counts. */
	run(GiB(1), "mem=abc mem=256M");
	assert_int_equal(parse_problems, 1);
	assert_lowmem_end(0x50000000);
}

/* "mem" alone: refused, nothing forgotten (the firmware's banks stay). */
static void test_mem_without_value(void **state)
{
	(void)state;
	run(GiB(1), "mem");
	assert_int_equal(parse_problems, 1);
	assert_false(bc.usermem);
	expect_output("vmsplit: mem needs a value (mem=SIZE), ignored",
		      DEFAULT_1G_TRUNCATE, "Kernel command line: mem",
		      "Memory: 760MB = 760MB total", DEFAULT_1G_TABLE);
}

/* Junk after the size is ignored (memparse stops there); "@" with no
 * address reads 0, which is not RAM. */
static void test_mem_junk(void **state)
{
	(void)state;
	run(GiB(1), "mem=512Mxyz");
	assert_int_equal(parse_problems, 1);
	expect_line("vmsplit: mem=512Mxyz: ignoring \"xyz\" after the size, as Linux does");
	assert_lowmem_end(0x60000000);

	run(GiB(1), "mem=256M@0x40000000junk");
	expect_line("vmsplit: mem=256M@0x40000000junk: ignoring \"junk\" after the size, as Linux does");
	assert_lowmem_end(0x50000000);

	run(GiB(1), "mem=512M@");
	expect_line("vmsplit: mem=512M@: no address after '@'; Linux uses 0");
	expect_line("vmsplit: mem=512M@: 0x00000000-0x1fffffff is not RAM on this board; no bank added");
	expect_line("vmsplit: no RAM left after mem=; using the firmware's banks");
	assert_lowmem_end(0x6f800000);
}

/* mem= outside the board's RAM adds nothing (mem-not-ram scenario). */
static void test_mem_outside_ram(void **state)
{
	(void)state;
	run(GiB(1), "mem=512M@0x80000000");
	assert_int_equal(parse_problems, 2);
	expect_output("vmsplit: mem=512M@0x80000000: 0x80000000-0x9fffffff is not RAM on this board; no bank added",
		      "vmsplit: no RAM left after mem=; using the firmware's banks",
		      DEFAULT_1G_TRUNCATE, "Kernel command line: mem=512M@0x80000000",
		      "Memory: 760MB = 760MB total", DEFAULT_1G_TABLE);
}

/* mem= partly outside RAM keeps the part that is RAM. */
static void test_mem_partly_outside_ram(void **state)
{
	(void)state;
	run(MiB(512), "mem=1G");
	assert_int_equal(parse_problems, 1);
	expect_line("vmsplit: mem=1G: only 0x40000000-0x5fffffff of it is RAM on this board; using that part");
	assert_bank(0, 0x40000000, MiB(512), false);

	run(GiB(1), "mem=256M mem=512M@0x70000000 highmem=on");
	expect_line("vmsplit: mem=512M@0x70000000: only 0x70000000-0x7fffffff of it is RAM on this board; using that part");
	assert_bank(1, 0x70000000, MiB(256), true);
}

/* mem=1G@0x12345: clipped to RAM (0x40000000-0x40012344), then the layout
 * misses the first 2 MB (device tree and kernel): the firmware's banks. */
static void test_mem_unaligned_start_falls_back(void **state)
{
	(void)state;
	run(GiB(1), "mem=1G@0x12345");
	assert_int_equal(parse_problems, 1);
	expect_output("vmsplit: mem=1G@0x12345: only 0x40000000-0x40012344 of it is RAM on this board; using that part",
		      "vmsplit: the mem= banks leave out 0x40000000-0x401fffff, where the device tree and the kernel live; using the firmware's banks instead",
		      DEFAULT_1G_TRUNCATE, "Kernel command line: mem=1G@0x12345",
		      "Memory: 760MB = 760MB total", DEFAULT_1G_TABLE);
	assert_bank(0, 0x40000000, MiB(760), false);
}

/* A mem= bank elsewhere in RAM, without the first 2 MB: same fallback. */
static void test_mem_missing_kernel_falls_back(void **state)
{
	(void)state;
	run(GiB(1), "mem=256M@0x50000000");
	expect_line("vmsplit: the mem= banks leave out 0x40000000-0x401fffff, where the device tree and the kernel live; using the firmware's banks instead");
	assert_lowmem_end(0x6f800000);

	/* 1 MB at the start is not enough either; 2 MB is. */
	run(GiB(1), "mem=1M mem=256M@0x50000000");
	expect_line("vmsplit: the mem= banks leave out 0x40000000-0x401fffff, where the device tree and the kernel live; using the firmware's banks instead");
	run(GiB(1), "mem=2M mem=256M@0x50000000");
	expect_no_prefix("vmsplit:");
	assert_lowmem_end(0x60000000);
}

/* arm_add_memory() directly: NR_BANKS, 32-bit physical space. */
static void test_arm_add_memory(void **state)
{
	struct meminfo mi = { 0 };

	(void)state;
	capture_reset();
	for (int i = 0; i < NR_BANKS; i++)
		assert_int_equal(arm_add_memory(&mi, 0x40000000 + (uint64_t)i * SZ_16M, SZ_1M), 0);
	assert_int_equal(arm_add_memory(&mi, 0x50000000, SZ_1M), -1);
	assert_string_equal(captured(), "NR_BANKS too low, ignoring memory at 0x50000000\n");
	assert_int_equal(mi.nr_banks, NR_BANKS);

	/* A bank ending at 4 GB loses its last page (ULONG_MAX - start). */
	memset(&mi, 0, sizeof(mi));
	capture_reset();
	assert_int_equal(arm_add_memory(&mi, 0x40000000, GiB(3)), 0);
	assert_string_equal(captured(),
			    "Truncating memory at 0x40000000 to fit in 32-bit physical address space\n");
	assert_int_equal(mi.bank[0].size, 0xbffff000);

	capture_reset();
	assert_int_equal(arm_add_memory(&mi, 0x100000000ull, GiB(1)), -1);
	assert_string_equal(captured(),
			    "Ignoring memory at 0x100000000 outside 32-bit physical address space\n");

	/* Zero size: refused silently. */
	capture_reset();
	assert_int_equal(arm_add_memory(&mi, 0x40000000, 0), -1);
	assert_int_equal(arm_add_memory(&mi, 0x40000000, 0xfff), -1);
	assert_string_equal(captured(), "");
	assert_int_equal(mi.nr_banks, 1);
}

/* meminfo_sort / meminfo_total. */
/* msm's adjust_meminfo(): a hole trims a bank's head or tail, drops a bank
 * it covers, splits one it falls inside, and a split past NR_BANKS is
 * refused with nothing changed. */
static void test_meminfo_cut(void **state)
{
	struct meminfo mi = { .nr_banks = 1, .bank = { { 0x40000000, GiB(1), false } } };

	(void)state;
	/* Seed 001's holes, on virt: 93-218 MB and 250-255 MB of RAM. */
	assert_int_equal(meminfo_cut(&mi, 0x45d00000, 0x7d00000), 0);
	assert_int_equal(meminfo_cut(&mi, 0x4fa00000, 0x500000), 0);
	assert_int_equal(mi.nr_banks, 3);
	assert_int_equal(mi.bank[0].start, 0x40000000);
	assert_int_equal(mi.bank[0].size, 0x5d00000);		/* 93 MB */
	assert_int_equal(mi.bank[1].start, 0x4da00000);
	assert_int_equal(mi.bank[1].size, 0x2000000);		/* 32 MB */
	assert_int_equal(mi.bank[2].start, 0x4ff00000);
	assert_int_equal(mi.bank[2].size, 0x30100000);		/* to 2 GB - 1 */

	/* Across a bank boundary: the tail of one, the head of the next. */
	assert_int_equal(meminfo_cut(&mi, 0x45c00000, 0x7f00000), 0);
	assert_int_equal(mi.bank[0].size, 0x5c00000);
	assert_int_equal(mi.bank[1].start, 0x4db00000);
	/* Covering a whole bank drops it. */
	assert_int_equal(meminfo_cut(&mi, 0x4d000000, 0x2a00000), 0);	/* to 0x4fa00000 */
	assert_int_equal(mi.nr_banks, 2);
	assert_int_equal(mi.bank[1].start, 0x4ff00000);
	/* Outside every bank: nothing. */
	assert_int_equal(meminfo_cut(&mi, 0x90000000, SZ_1M), 0);
	assert_int_equal(mi.nr_banks, 2);

	/* Eight banks: a hole inside one would need a ninth. */
	memset(&mi, 0, sizeof(mi));
	for (int i = 0; i < NR_BANKS; i++)
		mi.bank[mi.nr_banks++] = (struct membank){ 0x40000000 + (uint64_t)i * SZ_16M, SZ_8M, false };
	assert_int_equal(meminfo_cut(&mi, 0x40100000, SZ_1M), -1);
	assert_int_equal(mi.nr_banks, NR_BANKS);
	assert_int_equal(mi.bank[0].size, SZ_8M);
}

/* Holes from the firmware reach the layout: the banks lose them before
 * the decision, and mem= afterwards replaces them all, as in Linux. */
static void test_holes_then_layout(void **state)
{
	(void)state;
	board(PO_3G, GiB(1));
	boot_config_remove_ram(&bc, 0x45d00000, 0x7d00000);
	boot_config_remove_ram(&bc, 0x4fa00000, 0x500000);
	boot("vmalloc=400M highmem=on");
	assert_int_equal(parse_problems, 0);
	expect_line("Memory: 93MB 32MB 769MB = 894MB total");
	assert_int_equal(lay.mi.nr_banks, 4);		/* the last one cut at lowmem's end */
	assert_false(layout_is_ram(&lay, 0x46000000));

	board(PO_3G, GiB(1));
	boot_config_remove_ram(&bc, 0x45d00000, 0x7d00000);
	boot("mem=512M");
	expect_line("Memory: 512MB = 512MB total");

	board(PO_3G, GiB(1));
	boot_config_remove_ram(&bc, 0x45d00000, 0);
	boot("");
	expect_line("vmsplit: memory hole 0x45d00000 (+0x00000000) not removed: empty");
	assert_int_equal(parse_problems, 1);
}

/* A hole that is not page aligned loses the whole pages it touches, with a
 * line: the banks keep starting on a page, which the linear map needs
 * (before, the boot stopped with "cannot map lowmem"). */
static void test_hole_not_page_aligned(void **state)
{
	(void)state;
	board(PO_3G, GiB(1));
	boot_config_remove_ram(&bc, 0x50000800, 0x1000);
	boot("");
	expect_line("vmsplit: memory hole 0x50000800 (+0x00001000) is not page aligned; removing the whole "
		    "pages it touches, 0x50000000-0x50001fff");
	assert_bank(0, 0x40000000, 0x10000000, false);
	assert_int_equal(lay.mi.bank[1].start, 0x50002000);
	expect_line("Truncating RAM at 50002000-7fffffff to -6f7fffff (vmalloc region overlap).");
}

/* The decision refuses what the kernel cannot boot, here and in the
 * kernel alike: mem_map for frames 0x40000-0x7ffff (4 MB) does not fit
 * 2 MB of lowmem (before, the kernel stopped: "no lowmem for mem_map"). */
static void test_mem_map_must_fit_lowmem(void **state)
{
	(void)state;
	run(GiB(1), "mem=2M mem=16M@0x7f000000 highmem=on");
	expect_line("vmsplit: the mem= banks leave no room for mem_map (4096 kB of lowmem in one piece for "
		    "262144 frames; the largest free piece is 64 kB); using the firmware's banks instead");
	expect_line("Memory: 1024MB = 1024MB total");
	/* 1028 kB of mem_map fits 3 MB only by reaching into the first 2 MB's
	 * top, where the boot's page tables and vector pages are: refused
	 * (the kernel used to stop in mem_init, after the switch). */
	run(GiB(1), "mem=3M mem=1M@0x50000000");
	expect_line("vmsplit: the mem= banks leave no room for mem_map (1028 kB of lowmem in one piece for "
		    "65792 frames; the largest free piece is 1024 kB); using the firmware's banks instead");
	/* 2 MB alone is fine: mem_map is 8 kB, in the gap below the tables. */
	run(GiB(1), "mem=2M");
	expect_no_prefix("vmsplit: the mem= banks");
	expect_line("Memory: 2MB = 2MB total");
	/* A reservation over most of RAM: ignored when mem_map would not fit. */
	board(PO_3G, GiB(1));
	boot_config_reserve_ram(&bc, 0x40200000, 0x3fe00000);
	boot("");
	expect_line("vmsplit: the firmware's /memreserve/ entries leave no room for mem_map (3040 kB of lowmem "
		    "in one piece for 194560 frames; the largest free piece is 64 kB); ignoring them");
	assert_int_equal(lay.rsv.nr_banks, 0);
	/* One that leaves room is kept. */
	board(PO_3G, GiB(1));
	boot_config_reserve_ram(&bc, 0x40200000, 0x20000000);
	boot("");
	expect_no_prefix("vmsplit: the firmware's");
	assert_int_equal(lay.rsv.nr_banks, 1);
}

/* Firmware banks whose mem_map does not fit lowmem: the bank the kernel
 * runs in alone, before QEMU's 128 MB. */
static void test_firmware_banks_fall_back_to_kernel_bank(void **state)
{
	(void)state;
	capture_reset();
	boot_config_init(&bc, PO_3G, RAM_BASE);
	boot_config_add_ram(&bc, 0x40000000, MiB(8));
	boot_config_add_ram(&bc, 0xb0000000, GiB(1));
	boot("highmem=on");
	expect_line("vmsplit: the firmware's banks leave no room for mem_map (11264 kB of lowmem in one piece for "
		    "720896 frames; the largest free piece is 6144 kB); using only the bank the kernel is in, "
		    "0x40000000-0x407fffff");
	assert_int_equal(lay.mi.nr_banks, 1);
	assert_bank(0, 0x40000000, MiB(8), false);
}

/* RAM below PHYS_OFFSET has no linear address: dropped with Linux's lines;
 * firmware banks that leave out the kernel give way to QEMU's 128 MB. */
static void test_ram_below_phys_offset(void **state)
{
	(void)state;
	capture_reset();
	boot_config_init(&bc, PO_3G, RAM_BASE);
	boot_config_add_ram(&bc, 0x30000000, GiB(1));
	boot_config_add_ram(&bc, 0x20000000, MiB(16));
	boot("");
	expect_line("Ignoring memory range 0x30000000 - 0x40000000");
	expect_line("Ignoring memory block 0x20000000 - 0x21000000");
	assert_bank(0, 0x40000000, 0x2f800000, false);	/* then truncated at vmalloc_min */

	capture_reset();
	boot_config_init(&bc, PO_3G, RAM_BASE);
	boot_config_add_ram(&bc, 0x48000000, MiB(256));
	boot("highmem=on");
	expect_line("vmsplit: the firmware's banks leave out 0x40000000-0x401fffff, where the device tree and the "
		    "kernel live; using QEMU virt's default 128 MB at 0x40000000 instead");
	assert_bank(0, 0x40000000, MiB(128), false);
	assert_int_equal(lay.mi.nr_banks, 1);
}

/* DONT_MAP_HOLE_AFTER_MEMBANK0 (seed 001 example 8): the largest hole in
 * the first 256 MB is skipped by __va/__pa, so the bank after it starts
 * right after the hole's virtual start and more of it is lowmem. */
static void test_dont_map_hole(void **state)
{
	(void)state;
	run(GiB(1), "mem=91M@0x40000000 mem=24M@0x45d00000 mem=493M@0x52000000 vmalloc=400M "
		    "highmem=on reclaim=dont-map-hole");
	assert_int_equal(parse_problems, 0);
	expect_line("vmsplit: reclaim=dont-map-hole: 0x47500000-0x51ffffff (171 MB) is not mapped; "
		    "from 0x52000000 on, __va(p) = p - 0x52000000 + 0xc7500000");
	assert_int_equal(lay.hole_start, 0x47500000);
	assert_int_equal(lay.hole_end, 0x52000000);
	assert_int_equal(layout_va(&lay, 0x474fffff), 0xc74fffff);	/* before: straight */
	assert_int_equal(layout_va(&lay, 0x52000000), 0xc7500000);	/* after: bent */
	assert_true(layout_pa(&lay, 0xc7500000) == 0x52000000);
	assert_true(layout_pa(&lay, 0xc74fffff) == 0x474fffff);
	/* 491 of the 493 MB bank is lowmem now (example 7: 320 MB). */
	assert_int_equal(lay.mi.nr_banks, 4);
	assert_true(lay.mi.bank[2].start == 0x52000000 && !lay.mi.bank[2].highmem);
	assert_int_equal(lay.mi.bank[2].size, 491 * SZ_1M);
	assert_true(lay.mi.bank[3].highmem);
	assert_int_equal(lay.high_memory, 0xe6000000);

	/* The same banks without the option: straight, 320 MB. */
	run(GiB(1), "mem=91M@0x40000000 mem=24M@0x45d00000 mem=493M@0x52000000 vmalloc=400M highmem=on");
	assert_int_equal(lay.hole_end, 0);
	assert_int_equal(lay.mi.bank[2].size, 320 * SZ_1M);

	/* No hole, an unaligned one, modern rules, a bad value: all straight, each said. */
	run(GiB(1), "reclaim=dont-map-hole");
	expect_line("vmsplit: reclaim=dont-map-hole: no hole between banks in the first 256 MB; the linear map stays straight");
	assert_int_equal(lay.hole_end, 0);
	run(GiB(1), "mem=91M@0x40000000 mem=100M@0x45d80000 reclaim=dont-map-hole");
	expect_line("vmsplit: reclaim=dont-map-hole: hole 0x45b00000-0x45d7ffff is not 1 MB aligned; the linear map stays straight");
	assert_int_equal(lay.hole_end, 0);
	run(GiB(1), "mem=91M@0x40000000 mem=493M@0x52000000 rules=modern reclaim=dont-map-hole");
	expect_line("vmsplit: reclaim=dont-map-hole is msm-3.4's; with rules=modern the linear map stays straight");
	assert_int_equal(lay.hole_end, 0);
	run(GiB(1), "reclaim=sometimes");
	expect_line("vmsplit: reclaim=sometimes: say none, dont-map-hole or vmalloc-saving (keeping none)");
	assert_int_equal(parse_problems, 1);
}

/* ENABLE_VMALLOC_SAVING (seed 001 example 9): the holes in the first
 * 256 MB become vmalloc space, vmalloc_min moves up by their size, and
 * the table interleaves TAB-led vmalloc and lowmem lines as msm prints. */
static void test_vmalloc_saving(void **state)
{
	(void)state;
	run(GiB(1), "mem=91M@0x40000000 mem=24M@0x45d00000 mem=493M@0x52000000 vmalloc=400M "
		    "highmem=on reclaim=vmalloc-saving");
	assert_int_equal(parse_problems, 0);
	/* The block, whole and in order. */
	assert_non_null(strstr(captured(), "    fixmap  : 0xfff00000 - 0xfffe0000   ( 896 kB)\n"
		    "\t   vmalloc : 0xf1000000 - 0xff000000   ( 224 MB)\n"
		    "\t    lowmem : 0xd2000000 - 0xf0d00000   ( 493 MB)\n"
		    "\t   vmalloc : 0xc7500000 - 0xd2000000   ( 171 MB)\n"
		    "\t    lowmem : 0xc5d00000 - 0xc7500000   (  24 MB)\n"
		    "\t   vmalloc : 0xc5b00000 - 0xc5d00000   (   2 MB)\n"
		    "\t    lowmem : 0xc0000000 - 0xc5b00000   (  91 MB)\n"
		    "    pkmap   : 0xbfe00000 - 0xc0000000   (   2 MB)\n"));
	assert_int_equal(lay.nr_vm_holes, 2);
	assert_int_equal(lay.vmalloc_min, 0xf0d00000);
	assert_int_equal(layout_region_of(&lay, 0xc5b00000), REGION_VMALLOC);
	assert_int_equal(layout_region_of(&lay, 0xd1ffffff), REGION_VMALLOC);
	assert_int_equal(layout_region_of(&lay, 0xd2000000), REGION_LOWMEM);
	assert_false(lay.mi.bank[2].highmem);			/* all 608 MB lowmem */
	assert_int_equal(lay.mi.nr_banks, 3);

	/* Holes bigger than the vmalloc area (found by the fuzzer): lowmem
	 * must stop short of VMALLOC_END, leaving the top area 16 MB. */
	run(GiB(1), "mem=9M mem=24M@0x45d00000 mem=736M@0x52000000 highmem=on "
		    "reclaim=vmalloc-saving");
	expect_line("vmsplit: reclaim=vmalloc-saving: the holes' 255 MB would push lowmem past "
		    "VMALLOC_END; vmalloc_min moves up 224 MB");
	assert_true(lay.high_memory <= lay.vmalloc_start && lay.vmalloc_start < lay.vmalloc_end);
	assert_int_equal(lay.vmalloc_end - lay.vmalloc_start, SZ_16M);

	/* Without holes there is nothing to save: the usual table. */
	run(GiB(1), "reclaim=vmalloc-saving");
	expect_line("vmsplit: reclaim=vmalloc-saving: no hole between banks in the first 256 MB");
	expect_line("    vmalloc : 0xf0000000 - 0xff000000   ( 240 MB)");
	assert_int_equal(lay.nr_vm_holes, 0);
}

static void test_meminfo_sort_and_total(void **state)
{
	struct meminfo mi = {
		.nr_banks = 3,
		.bank = { { 0x60000000, SZ_16M, true }, { 0x40000000, SZ_1M, false },
			  { 0x50000000, SZ_2M, false } },
	};

	(void)state;
	meminfo_sort(&mi);
	assert_int_equal(mi.bank[0].start, 0x40000000);
	assert_int_equal(mi.bank[1].start, 0x50000000);
	assert_int_equal(mi.bank[2].start, 0x60000000);
	assert_true(mi.bank[2].highmem);
	assert_int_equal(meminfo_total(&mi, BANKS_ALL), SZ_16M + SZ_2M + SZ_1M);
	assert_int_equal(meminfo_total(&mi, BANKS_LOWMEM), SZ_2M + SZ_1M);
	assert_int_equal(meminfo_total(&mi, BANKS_HIGHMEM), SZ_16M);
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bank_ending_at_vmalloc_min),
		cmocka_unit_test(test_highmem_off_ignores_bank_above),
		cmocka_unit_test(test_highmem_on_keeps_bank_above),
		cmocka_unit_test(test_highmem_split_crossing_bank),
		cmocka_unit_test(test_highmem_2_6_36_pkmap),
		cmocka_unit_test(test_nr_banks_ninth_mem),
		cmocka_unit_test(test_nr_banks_highmem_split),
		cmocka_unit_test(test_mem_replaces_firmware),
		cmocka_unit_test(test_mem_banks_sorted),
		cmocka_unit_test(test_mem_overlap_merged),
		cmocka_unit_test(test_mem_page_alignment),
		cmocka_unit_test(test_mem_zero),
		cmocka_unit_test(test_mem_not_a_size),
		cmocka_unit_test(test_mem_without_value),
		cmocka_unit_test(test_mem_junk),
		cmocka_unit_test(test_mem_outside_ram),
		cmocka_unit_test(test_mem_partly_outside_ram),
		cmocka_unit_test(test_mem_unaligned_start_falls_back),
		cmocka_unit_test(test_mem_missing_kernel_falls_back),
		cmocka_unit_test(test_arm_add_memory),
		cmocka_unit_test(test_meminfo_cut),
		cmocka_unit_test(test_holes_then_layout),
		cmocka_unit_test(test_hole_not_page_aligned),
		cmocka_unit_test(test_mem_map_must_fit_lowmem),
		cmocka_unit_test(test_ram_below_phys_offset),
		cmocka_unit_test(test_firmware_banks_fall_back_to_kernel_bank),
		cmocka_unit_test(test_dont_map_hole),
		cmocka_unit_test(test_vmalloc_saving),
		cmocka_unit_test(test_meminfo_sort_and_total),
	};

	return cmocka_run_group_tests_name("meminfo", tests, NULL, NULL);
}
