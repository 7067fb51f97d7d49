/* Unit tests for core/layout/cmdline.c: the command line (tokens, quotes,
 * lengths) and vmsplit's own options (rules=, highmem=, split=,
 * vmalloc_end=, dma_size=). */
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

/* ===================================== the command line and options */

/* An empty command line: the 3.3/3.4 defaults, highmem off, no message. */
static void test_cmdline_empty(void **state)
{
	(void)state;
	run(GiB(1), "");
	assert_int_equal(parse_problems, 0);
	assert_str(bc.rules->name, "3.4");
	assert_false(bc.highmem);
	assert_int_equal(bc.page_offset, PO_3G);
	assert_int_equal(bc.vmalloc_end, 0xff000000);
	assert_false(bc.vmalloc_set);
	assert_false(bc.usermem);
	assert_string_equal(bc.run, "");
	assert_string_equal(bc.unknown, "");
	expect_output(DEFAULT_1G_TRUNCATE, "Kernel command line: ",
		      "Memory: 760MB = 760MB total", DEFAULT_1G_TABLE);
}

/* oops=linux|vmsplit: how the kernel reports a fatal fault; anything else
 * is refused with the choices and the setting kept. */
static void test_cmdline_oops(void **state)
{
	(void)state;
	run(GiB(1), "oops=linux");
	assert_int_equal(parse_problems, 0);
	assert_true(bc.oops_linux);
	expect_no_prefix("Unknown kernel command line");
	run(GiB(1), "oops=linux oops=vmsplit");
	assert_false(bc.oops_linux);
	run(GiB(1), "oops=linux oops=linuxx");
	assert_int_equal(parse_problems, 1);
	assert_true(bc.oops_linux);
	expect_line("vmsplit: oops=linuxx: choose linux or vmsplit (keeping linux)");
	run(GiB(1), "oops");
	assert_int_equal(parse_problems, 1);
	expect_line("vmsplit: oops needs a value (oops=...), ignored");
}

/* A NULL command line (no /chosen/bootargs) is an empty one. */
static void test_cmdline_null(void **state)
{
	(void)state;
	run(GiB(1), NULL);
	assert_int_equal(parse_problems, 0);
	expect_output(DEFAULT_1G_TRUNCATE, "Kernel command line: ",
		      "Memory: 760MB = 760MB total", DEFAULT_1G_TABLE);
}

/* Spaces alone, and spaces around parameters, are no parameters. */
static void test_cmdline_spaces(void **state)
{
	(void)state;
	run(GiB(1), "    ");
	assert_int_equal(parse_problems, 0);
	assert_string_equal(bc.unknown, "");
	assert_int_equal(lay.lowmem_limit, 0x6f800000);

	run(GiB(1), "   mem=512M     vmalloc=256M   ");
	assert_int_equal(parse_problems, 0);
	assert_int_equal(lay.lowmem_limit, 0x60000000);
	assert_int_equal(bc.vmalloc_reserve, MiB(256));
}

/* Linux parameters that do not touch the memory map are accepted quietly,
 * so that a real board's command line can be pasted. */
static void test_cmdline_harmless_linux_options(void **state)
{
	static const char line[] =
		"console=ttyAMA0,115200 earlycon earlyprintk root=/dev/vda2 rootwait "
		"rootfstype=ext4 rw ro init=/bin/sh loglevel=8 quiet debug "
		"ignore_loglevel panic=5 nosmp maxcpus=1 initrd=0x48000000,8M";

	(void)state;
	run(GiB(1), line);
	assert_int_equal(parse_problems, 0);
	assert_string_equal(bc.unknown, "");
	expect_no_prefix("Unknown");
	expect_no_prefix("vmsplit:");
}

/* Parameters nobody knows are reported once, in order, as they were given. */
static void test_cmdline_unknown_reported(void **state)
{
	(void)state;
	run(GiB(1), "foo=bar console=ttyS0 baz mem=512M qux=\"a b\"");
	assert_int_equal(parse_problems, 0);
	assert_string_equal(bc.unknown, "foo=bar baz qux=a b");
	expect_output("Kernel command line: foo=bar console=ttyS0 baz mem=512M qux=\"a b\"",
		      "Unknown kernel command line parameters \"foo=bar baz qux=a b\", ignored.",
		      "Memory: 512MB = 512MB total",
		      "Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    vmalloc : 0xe0800000 - 0xff000000   ( 488 MB)",
		      "    lowmem  : 0xc0000000 - 0xe0000000   ( 512 MB)", MODULES_3G);
}

/* next_arg(): double quotes around a value keep its spaces and are
 * removed; an '=' inside the quotes is part of the value. */
static void test_cmdline_quoted_value(void **state)
{
	(void)state;
	run(GiB(1), "run=\"check; peek 0xc0000000\" mem=512M");
	assert_int_equal(parse_problems, 0);
	assert_string_equal(bc.run, "check; peek 0xc0000000");
	assert_int_equal(lay.lowmem_limit, 0x60000000);

	run(GiB(1), "run=\"x=1 y=2\"");
	assert_string_equal(bc.run, "x=1 y=2");
	assert_string_equal(bc.unknown, "");
}

/* next_arg(): a whole parameter in quotes ("param=value with spaces") is
 * one parameter, and both quotes go (Linux: `if (quoted && args[i-1] ==
 * '"') args[i-1] = '\0'`, whether or not there is a value). */
static void test_cmdline_quoted_whole_param(void **state)
{
	(void)state;
	run(GiB(1), "\"run=a b\" vmalloc=256M");
	assert_string_equal(bc.run, "a b");
	assert_true(bc.vmalloc_set);
	assert_int_equal(bc.vmalloc_reserve, MiB(256));
}

/* next_arg() and parse_args() split on isspace(): a tab separates
 * parameters like a space does. */
static void test_cmdline_tab_separates(void **state)
{
	(void)state;
	run(GiB(1), "console=ttyAMA0\tmem=512M");
	assert_true(bc.usermem);
	assert_int_equal(lay.lowmem_limit, 0x60000000);
}

/* run= may be given several times: the lists are joined with ';'. */
static void test_cmdline_run_joined(void **state)
{
	(void)state;
	run(GiB(1), "run=check mem=512M run=\"v2p 0xc0000000\" run=memmap");
	assert_int_equal(parse_problems, 0);
	assert_string_equal(bc.run, "check;v2p 0xc0000000;memmap");
}

/* The run list holds as much as the command line: a run= filling the
 * whole 1023-byte line is kept whole, silently. */
static void test_cmdline_run_fills_the_line(void **state)
{
	char line[COMMAND_LINE_SIZE] = "run=";

	(void)state;
	memset(line + 4, 'a', COMMAND_LINE_SIZE - 5);
	line[COMMAND_LINE_SIZE - 1] = '\0';
	run(GiB(1), line);
	expect_no_prefix("vmsplit: ");
	assert_int_equal(parse_problems, 0);
	assert_int_equal(strlen(bc.run), COMMAND_LINE_SIZE - 5);
}

/* Many run= parameters joined with ';' still fit: each costs "run=". */
static void test_cmdline_run_many_joined(void **state)
{
	char line[COMMAND_LINE_SIZE] = "";
	size_t n = 0, params = 0;

	(void)state;
	while (n + 9 < COMMAND_LINE_SIZE - 1)		/* "run=abNN " is 9 bytes */
		n += (size_t)snprintf(line + n, sizeof(line) - n, "run=ab%02zu ", params++ % 100);
	run(GiB(1), line);
	assert_int_equal(parse_problems, 0);
	assert_int_equal(strlen(bc.run), params * 5 - 1);	/* "abNN" and ';' each */
	assert_memory_equal(bc.run, "ab00;ab01;ab02", 14);
}

/* COMMAND_LINE_SIZE is 1024 with its NUL: 1023 bytes are read whole. */
static void test_cmdline_1023_bytes(void **state)
{
	const char *line = make_line(1023, " vmalloc=256M");

	(void)state;
	assert_int_equal(strlen(line), 1023);
	run(GiB(1), line);
	assert_int_equal(parse_problems, 0);
	expect_no_prefix("vmsplit:");
	assert_int_equal(bc.vmalloc_reserve, MiB(256));
}

/* A longer line is cut at 1023 bytes, as Linux's strlcpy into
 * boot_command_line cuts it.  Linux would read the cut "vmalloc=256M" as
 * "vmalloc=256" (256 bytes, raised to 16 MB): a different value.  Here the
 * parameter the cut goes through is named and ignored. */
static void test_cmdline_too_long_truncated(void **state)
{
	const char *line = make_line(1024, " vmalloc=256M");

	(void)state;
	run(GiB(1), line);
	assert_int_equal(parse_problems, 1);
	expect_line("vmsplit: command line longer than 1023 bytes: its last parameter \"vmalloc=256M\" is "
		    "cut there; ignored");
	expect_no_line("vmalloc area too small, limiting to 16MB");
	assert_false(bc.vmalloc_set);

	/* Far longer: whatever lies past byte 1023 is never seen. */
	line = make_line(1500, " mem=512M vmalloc=256M");
	run(GiB(1), line);
	assert_int_equal(parse_problems, 1);
	assert_false(bc.usermem);
	assert_false(bc.vmalloc_set);
	assert_int_equal(lay.lowmem_limit, 0x6f800000);

	/* Cut between two parameters: nothing is cut, the rest is lost. */
	line = make_line(1024 + 13, " vmalloc=256M");
	long_line[1023] = ' ';
	run(GiB(1), line);
	expect_line("vmsplit: command line longer than 1023 bytes, cut there (between two parameters)");
	assert_false(bc.vmalloc_set);
}

/* Numbers past 64 bits wrap in Linux's simple_strtoull(); here they are
 * named, and a mem= bank is not added. */
static void test_cmdline_number_wraps(void **state)
{
	(void)state;
	run(GiB(1), "mem=18446744073709551617");
	expect_line("vmsplit: mem=18446744073709551617: the size does not fit 64 bits (Linux would wrap it); "
		    "no bank added");
	expect_line("Memory: 760MB = 760MB total");
	run(GiB(1), "mem=16M@0x10000000000000000");
	expect_line("vmsplit: mem=16M@0x10000000000000000: the address does not fit 64 bits (Linux would wrap "
		    "it); no bank added");
	run(GiB(1), "mem=16E");		/* no such suffix: junk after the size, not a wrap */
	expect_no_prefix("vmsplit: mem=16E: the size");
	run(GiB(1), "vmalloc=18446744073709551617");
	expect_line("vmsplit: vmalloc=18446744073709551617: does not fit 64 bits; Linux wraps it and keeps "
		    "0x00000001");
}

/* More mem= banks than NR_BANKS: one line with the count, not one each. */
static void test_cmdline_nr_banks_once(void **state)
{
	char line[COMMAND_LINE_SIZE] = "";
	size_t n = 0;

	(void)state;
	for (int i = 0; i < 48; i++)
		n += (size_t)snprintf(line + n, sizeof(line) - n, "mem=2M@0x%08x ", 0x40000000 + i * 0x400000);
	run(GiB(1), line);
	expect_line("NR_BANKS too low, ignoring memory at 0x42000000 and 39 more mem= banks after it");
	assert_int_equal(lay.mi.nr_banks, NR_BANKS);
	assert_int_equal(count_lines_with("NR_BANKS"), 1);
}

/* An empty run= still makes a scripted boot: it powers off after boot. */
static void test_cmdline_run_empty(void **state)
{
	(void)state;
	run(GiB(1), "run=\"\"");
	assert_true(bc.run_given);
	assert_string_equal(bc.run, "");
	expect_line("vmsplit: run= is empty: no commands to run; the boot powers off after it");
	run(GiB(1), "mem=512M");
	assert_false(bc.run_given);
}

/* reclaim= is msm-3.4's: under rules=2.6.36 it is said to be ignored (it
 * was applied silently), as under rules=modern. */
static void test_cmdline_reclaim_old_rules(void **state)
{
	(void)state;
	run(GiB(1), "rules=2.6.36 reclaim=vmalloc-saving mem=64M mem=64M@0x48000000");
	expect_line("vmsplit: reclaim=vmalloc-saving is msm-3.4's; with rules=2.6.36 the linear map stays straight");
	assert_int_equal(lay.nr_vm_holes, 0);
	run(GiB(1), "rules=2.6.36 reclaim=dont-map-hole mem=64M mem=64M@0x48000000");
	expect_line("vmsplit: reclaim=dont-map-hole is msm-3.4's; with rules=2.6.36 the linear map stays straight");
	assert_int_equal(lay.hole_end, 0);
}

/* Each vmsplit option without a value is refused with its own message. */
static void test_cmdline_option_without_value(void **state)
{
	(void)state;
	run(GiB(1), "rules highmem split vmalloc_end dma_size run");
	assert_int_equal(parse_problems, 6);
	expect_output("vmsplit: rules needs a value (rules=...), ignored",
		      "vmsplit: highmem needs a value (highmem=...), ignored",
		      "vmsplit: split needs a value (split=...), ignored",
		      "vmsplit: vmalloc_end needs a value (vmalloc_end=...), ignored",
		      "vmsplit: dma_size needs a value (dma_size=...), ignored",
		      "vmsplit: run needs a value (run=\"cmd; cmd\"); no commands to run, the boot powers off after it",
		      DEFAULT_1G_TRUNCATE,
		      "Kernel command line: rules highmem split vmalloc_end dma_size run",
		      "Memory: 760MB = 760MB total", DEFAULT_1G_TABLE);
}

/* rules=NAME picks the row; VMALLOC_END and the DMA size follow it. */
static void test_opt_rules_each(void **state)
{
	static const struct { const char *line, *name; uint32_t vend, dma; } rows[] = {
		{ "rules=2.6.36", "2.6.36", 0xe0000000, SZ_32M },
		{ "rules=3.4", "3.4", 0xff000000, SZ_2M },
		{ "rules=modern", "modern", 0xff800000, 0 },
		{ "rules=modern rules=2.6.36", "2.6.36", 0xe0000000, SZ_32M },
	};

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(rows); i++) {
		run(GiB(1), rows[i].line);
		assert_int_equal(parse_problems, 0);
		assert_str(bc.rules->name, rows[i].name);
		assert_ptr_equal(lay.rules, bc.rules);
		assert_int_equal(bc.vmalloc_end, rows[i].vend);
		assert_int_equal(bc.dma_size, rows[i].dma);
	}
}

/* rules=bogus: refused, the rule sets listed, the current one kept. */
static void test_opt_rules_bogus(void **state)
{
	(void)state;
	run(GiB(1), "rules=bogus");
	assert_int_equal(parse_problems, 1);
	assert_str(bc.rules->name, "3.4");
	expect_output("vmsplit: rules=bogus: no such rule set; choose 2.6.36 3.4 5.10 modern (keeping 3.4)",
		      DEFAULT_1G_TRUNCATE, "Kernel command line: rules=bogus",
		      "Memory: 760MB = 760MB total", DEFAULT_1G_TABLE);

	run(GiB(1), "rules=modern rules=3.5");
	expect_line("vmsplit: rules=3.5: no such rule set; choose 2.6.36 3.4 5.10 modern (keeping modern)");
	assert_str(bc.rules->name, "modern");
}

/* highmem= takes on/y/1 and off/n/0; the last one wins. */
static void test_opt_highmem_values(void **state)
{
	static const struct { const char *line; bool on; } cases[] = {
		{ "highmem=on", true }, { "highmem=y", true }, { "highmem=1", true },
		{ "highmem=off", false }, { "highmem=n", false }, { "highmem=0", false },
		{ "highmem=on highmem=off", false }, { "highmem=0 highmem=y", true },
	};

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		run(GiB(1), cases[i].line);
		assert_int_equal(parse_problems, 0);
		assert_int_equal(bc.highmem, cases[i].on);
		assert_int_equal(lay.highmem_config, cases[i].on);
	}
}

/* highmem=maybe: refused, the current choice kept and named. */
static void test_opt_highmem_bad(void **state)
{
	(void)state;
	run(GiB(1), "highmem=maybe");
	assert_int_equal(parse_problems, 1);
	assert_false(bc.highmem);
	expect_line("vmsplit: highmem=maybe: say on or off (keeping off)");

	run(GiB(1), "highmem=on highmem=ON");
	assert_int_equal(parse_problems, 1);
	assert_true(bc.highmem);
	expect_line("vmsplit: highmem=ON: say on or off (keeping on)");
}

/* split=NAME: the four CONFIG_VMSPLIT_* choices, and their names. */
static void test_opt_split_names(void **state)
{
	static const struct { const char *name; uint32_t po; } s[] = {
		{ "3G", PO_3G }, { "3G_OPT", PO_3G_OPT }, { "2G", PO_2G }, { "1G", PO_1G },
	};
	uint32_t po = 0x12345678;
	char line[32];

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(s); i++) {
		snprintf(line, sizeof(line), "rules=modern split=%s", s[i].name);
		run(GiB(1), line);
		assert_int_equal(parse_problems, 0);
		assert_int_equal(bc.page_offset, s[i].po);
		assert_int_equal(lay.page_offset, s[i].po);
		assert_str(split_name(s[i].po), s[i].name);
		assert_true(split_from_name(s[i].name, &po));
		assert_int_equal(po, s[i].po);
	}
	assert_null(split_name(0x12345678));
	po = 7;
	assert_false(split_from_name("4G", &po));
	assert_false(split_from_name("3g", &po));
	assert_int_equal(po, 7);
}

/* split=bogus: refused, the current split kept. */
static void test_opt_split_bogus(void **state)
{
	(void)state;
	run(GiB(1), "split=bogus");
	assert_int_equal(parse_problems, 1);
	assert_int_equal(bc.page_offset, PO_3G);
	expect_line("vmsplit: split=bogus: choose 3G, 3G_OPT, 2G or 1G (keeping 3G)");

	run_split(PO_1G, GiB(1), "split=");
	expect_line("vmsplit: split=: choose 3G, 3G_OPT, 2G or 1G (keeping 1G)");
	assert_int_equal(bc.page_offset, PO_1G);
}

/* A kernel linked for one split cannot switch: split= names the make
 * command instead; the split it was linked for is accepted silently. */
static void test_opt_split_linked_kernel(void **state)
{
	(void)state;
	board(PO_3G, GiB(1));
	bc.built_page_offset = PO_3G;
	boot("split=2G");
	assert_int_equal(parse_problems, 1);
	assert_int_equal(lay.page_offset, PO_3G);
	expect_line("vmsplit: split=2G: this kernel is linked for VMSPLIT_3G; "
		    "run it with make run VMSPLIT=2G (keeping 3G)");

	board(PO_3G, GiB(1));
	bc.built_page_offset = PO_3G;
	boot("split=3G");
	assert_int_equal(parse_problems, 0);
	expect_no_prefix("vmsplit:");
}

/* VMSPLIT_3G_OPT came with Linux 4.x: shown under older rules with a note. */
static void test_opt_3g_opt_with_old_rules(void **state)
{
	(void)state;
	/* vmalloc_min 0xef800000 = __va(0x7f800000): 1016 MB of lowmem. */
	run(GiB(1), "split=3G_OPT");
	assert_int_equal(parse_problems, 0);
	expect_output("vmsplit: VMSPLIT_3G_OPT first appeared in Linux 4.x; rules=3.4 is shown with it anyway",
		      "Truncating RAM at 40000000-7fffffff to -7f7fffff (vmalloc region overlap).",
		      "Kernel command line: split=3G_OPT",
		      "Memory: 1016MB = 1016MB total",
		      "Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    vmalloc : 0xf0000000 - 0xff000000   ( 240 MB)",
		      "    lowmem  : 0xb0000000 - 0xef800000   (1016 MB)",
		      "    modules : 0xaf000000 - 0xb0000000   (  16 MB)");
}

/* vmalloc_end= is a platform choice of the 2.6.36-3.2 rules only; later
 * rules fix VMALLOC_END and say so. */
static void test_opt_vmalloc_end_with_new_rules(void **state)
{
	(void)state;
	run(GiB(1), "vmalloc_end=0xe8000000");
	assert_int_equal(parse_problems, 1);
	assert_int_equal(bc.vmalloc_end, 0xff000000);
	expect_output("vmsplit: vmalloc_end= is a platform choice only before Linux 3.3; "
		      "rules=3.4 fixes VMALLOC_END at 0xff000000",
		      DEFAULT_1G_TRUNCATE, "Kernel command line: vmalloc_end=0xe8000000",
		      "Memory: 760MB = 760MB total", DEFAULT_1G_TABLE);

	run(GiB(1), "rules=modern vmalloc_end=0xf0000000");
	assert_int_equal(parse_problems, 1);
	assert_int_equal(lay.vmalloc_end, 0xff800000);
	expect_line("vmsplit: vmalloc_end= is a platform choice only before Linux 3.3; "
		    "rules=modern fixes VMALLOC_END at 0xff800000");

	/* Naming the fixed value itself is no problem. */
	run(GiB(1), "vmalloc_end=0xff000000");
	assert_int_equal(parse_problems, 0);
}

/* vmalloc_end= must be a 1 MB aligned number, and leave room for 48 MB
 * above PAGE_OFFSET and the IO window below the DMA region. */
static void test_opt_vmalloc_end_bad(void **state)
{
	(void)state;
	run(MiB(512), "rules=2.6.36 vmalloc_end=0xe8000001");
	assert_int_equal(parse_problems, 1);
	assert_int_equal(lay.vmalloc_end, 0xe0000000);
	expect_line("vmsplit: vmalloc_end=0xe8000001: needs a 1 MB aligned address (keeping 0xe0000000)");

	run(MiB(512), "rules=2.6.36 vmalloc_end=zzz");
	assert_int_equal(parse_problems, 1);
	expect_line("vmsplit: vmalloc_end=zzz: needs a 1 MB aligned address (keeping 0xe0000000)");

	run(MiB(512), "rules=2.6.36 vmalloc_end=0x100000000");
	expect_line("vmsplit: vmalloc_end=0x100000000: needs a 1 MB aligned address (keeping 0xe0000000)");

	/* CONSISTENT_BASE 0xfde00000 - 16 MB of IO = 0xfce00000 at most. */
	run(MiB(512), "rules=2.6.36 vmalloc_end=0xfd000000");
	assert_int_equal(parse_problems, 1);
	assert_int_equal(lay.vmalloc_end, 0xe0000000);
	expect_line("vmsplit: vmalloc_end=0xfd000000 leaves no room (needs 0xc3000000-0xfce00000); using 0xe0000000");

	run(MiB(512), "rules=2.6.36 vmalloc_end=0xc2f00000");
	assert_int_equal(parse_problems, 1);
	expect_line("vmsplit: vmalloc_end=0xc2f00000 leaves no room (needs 0xc3000000-0xfce00000); using 0xe0000000");

	/* The extremes themselves are accepted. */
	run(MiB(512), "rules=2.6.36 vmalloc_end=0xfce00000");
	assert_int_equal(parse_problems, 0);
	assert_int_equal(lay.vmalloc_end, 0xfce00000);
	run(MiB(512), "rules=2.6.36 vmalloc_end=0xc3000000 vmalloc=16M");
	assert_int_equal(parse_problems, 0);
	assert_int_equal(lay.vmalloc_end, 0xc3000000);

	/* A bigger DMA region lowers the ceiling; refusing resets both. */
	run(MiB(512), "rules=2.6.36 dma_size=128M vmalloc_end=0xf7000000");
	assert_int_equal(parse_problems, 1);
	expect_line("vmsplit: vmalloc_end=0xf7000000 leaves no room (needs 0xc3000000-0xf6e00000); using 0xe0000000");
	assert_int_equal(bc.dma_size, SZ_32M);
}

/* Whatever vmalloc_end= is accepted, lowmem must still hold the first
 * 2 MB of RAM (device tree and kernel, KERNEL_REGION_SIZE): check_options()
 * promises "room for ... 32 MB of lowmem below it".  In 2.6.36 the default
 * vmalloc_min is VMALLOC_END - 128 MB, so VMALLOC_END 0xc3000000 puts
 * vmalloc_min at 0xbb000000, below PAGE_OFFSET: no lowmem at all. */
static void test_opt_vmalloc_end_low_keeps_lowmem(void **state)
{
	(void)state;
	run(MiB(512), "rules=2.6.36 vmalloc_end=0xc3000000");
	expect_no_line("Ignoring RAM at 40000000-5fffffff (vmalloc region overlap).");
	assert_true(lay.high_memory > lay.page_offset);
	assert_true(lay.lowmem_limit >= RAM_BASE + KERNEL_REGION_SIZE);
	assert_true(layout_is_lowmem_ram(&lay, RAM_BASE));
	assert_true(layout_is_lowmem_ram(&lay, RAM_BASE + KERNEL_REGION_SIZE - 1));
}

/* vmsplit's options stand for build-time choices: their order on the
 * command line must not matter.  "vmalloc_end=X rules=2.6.36" asks for the
 * same kernel as "rules=2.6.36 vmalloc_end=X" (seed 000's fix). */
static void test_opt_order_vmalloc_end_then_rules(void **state)
{
	(void)state;
	run(MiB(512), "vmalloc_end=0xe8000000 rules=2.6.36");
	assert_int_equal(bc.vmalloc_end, 0xe8000000);
	assert_int_equal(lay.lowmem_limit, 0x60000000);
	expect_no_prefix("Truncating");
}

/* Likewise "dma_size=4M rules=2.6.36" must keep the 4 MB DMA region. */
static void test_opt_order_dma_size_then_rules(void **state)
{
	(void)state;
	run(MiB(512), "dma_size=4M rules=2.6.36");
	assert_int_equal(bc.dma_size, MiB(4));
	assert_region(LINE_DMA, 0xffa00000, 0xffe00000);
}

/* dma_size= (CONSISTENT_DMA_SIZE): a multiple of 2 MB up to 128 MB. */
static void test_opt_dma_size(void **state)
{
	static const char *const bad[] = { "3M", "0", "130M", "abc", "256M", "1K" };
	char line[64];

	(void)state;
	run(MiB(512), "rules=2.6.36 dma_size=4M");
	assert_int_equal(parse_problems, 0);
	expect_table(VECTOR_LINE, FIXMAP_LINE,
		     "    DMA     : 0xffa00000 - 0xffe00000   (   4 MB)",
		     "    vmalloc : 0xd8800000 - 0xe0000000   ( 120 MB)",
		     "    lowmem  : 0xc0000000 - 0xd8000000   ( 384 MB)", MODULES_3G);

	for (unsigned i = 0; i < ARRAY_SIZE(bad); i++) {
		char msg[128];

		snprintf(line, sizeof(line), "rules=2.6.36 dma_size=%s", bad[i]);
		run(MiB(512), line);
		assert_int_equal(parse_problems, 1);
		assert_int_equal(bc.dma_size, SZ_32M);
		snprintf(msg, sizeof(msg),
			 "vmsplit: dma_size=%s: needs a multiple of 2M up to 128M (keeping 32M)", bad[i]);
		expect_line(msg);
		assert_region(LINE_DMA, 0xfde00000, 0xffe00000);
	}
}

/* The bad-input boot scenario: every message, the safe result. */
/* printk.time as Linux's bool parameters read it: kstrtobool's words,
 * the name alone, quotes, the last one given; anything else is said. */
static void test_boot_param_bool(void **state)
{
	(void)state;
	assert_int_equal(boot_param_bool("", "printk.time"), BOOT_PARAM_ABSENT);
	assert_int_equal(boot_param_bool("printk.timer=1 xprintk.time=1", "printk.time"), BOOT_PARAM_ABSENT);
	assert_int_equal(boot_param_bool("printk.time", "printk.time"), 1);
	assert_int_equal(boot_param_bool("quiet printk.time=1", "printk.time"), 1);
	assert_int_equal(boot_param_bool("printk.time=y", "printk.time"), 1);
	assert_int_equal(boot_param_bool("printk.time=Yes", "printk.time"), 1);
	assert_int_equal(boot_param_bool("printk.time=on", "printk.time"), 1);
	assert_int_equal(boot_param_bool("printk.time=\"1\"", "printk.time"), 1);
	assert_int_equal(boot_param_bool("printk.time=0", "printk.time"), 0);
	assert_int_equal(boot_param_bool("printk.time=N", "printk.time"), 0);
	assert_int_equal(boot_param_bool("printk.time=off", "printk.time"), 0);
	assert_int_equal(boot_param_bool("printk.time=1 printk.time=0", "printk.time"), 0);
	assert_int_equal(boot_param_bool("printk.time=0 printk.time=1", "printk.time"), 1);
	assert_int_equal(boot_param_bool("printk.time=maybe", "printk.time"), BOOT_PARAM_NOT_BOOL);
	assert_int_equal(boot_param_bool("printk.time=", "printk.time"), BOOT_PARAM_NOT_BOOL);
	assert_int_equal(boot_param_bool("printk.time=ox", "printk.time"), BOOT_PARAM_NOT_BOOL);
	/* Accepted by the layout's reading of the line, not reported unknown. */
	struct boot_config c;

	boot_config_init(&c, 0xc0000000, 0x40000000);
	boot_config_add_ram(&c, 0x40000000, 1u << 30);
	assert_int_equal(boot_config_parse(&c, "printk.time=1"), 0);
	assert_string_equal(c.unknown, "");
}

static void test_cmdline_bad_input_all_at_once(void **state)
{
	static const char line[] =
		"vmalloc=abc mem=0 mem=1G@0x12345 foo=bar rules=bogus highmem=maybe split=2G";

	(void)state;
	board(PO_3G, GiB(1));
	bc.built_page_offset = PO_3G;
	boot(line);
	assert_int_equal(parse_problems, 6);
	/* vmalloc=abc reads 0 -> 16 MB: vmalloc_min 0xfe000000, lowmem 992 MB. */
	expect_output("vmsplit: rules=bogus: no such rule set; choose 2.6.36 3.4 5.10 modern (keeping 3.4)",
		      "vmsplit: highmem=maybe: say on or off (keeping off)",
		      "vmsplit: split=2G: this kernel is linked for VMSPLIT_3G; run it with make run VMSPLIT=2G (keeping 3G)",
		      "vmsplit: vmalloc=abc: not a size; Linux reads 0",
		      "vmalloc area too small, limiting to 16MB",
		      "vmsplit: mem=0: size 0; Linux adds no bank",
		      "vmsplit: mem=1G@0x12345: only 0x40000000-0x40012344 of it is RAM on this board; using that part",
		      "vmsplit: the mem= banks leave out 0x40000000-0x401fffff, where the device tree and the kernel live; using the firmware's banks instead",
		      "Truncating RAM at 40000000-7fffffff to -7dffffff (vmalloc region overlap).",
		      "Kernel command line: vmalloc=abc mem=0 mem=1G@0x12345 foo=bar rules=bogus highmem=maybe split=2G",
		      "Unknown kernel command line parameters \"foo=bar\", ignored.",
		      "Memory: 992MB = 992MB total",
		      "Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    vmalloc : 0xfe800000 - 0xff000000   (   8 MB)",
		      "    lowmem  : 0xc0000000 - 0xfe000000   ( 992 MB)", MODULES_3G);
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmdline_empty),
		cmocka_unit_test(test_cmdline_oops),
		cmocka_unit_test(test_cmdline_null),
		cmocka_unit_test(test_cmdline_spaces),
		cmocka_unit_test(test_cmdline_harmless_linux_options),
		cmocka_unit_test(test_cmdline_unknown_reported),
		cmocka_unit_test(test_cmdline_quoted_value),
		cmocka_unit_test(test_cmdline_quoted_whole_param),
		cmocka_unit_test(test_cmdline_tab_separates),
		cmocka_unit_test(test_cmdline_run_joined),
		cmocka_unit_test(test_cmdline_run_fills_the_line),
		cmocka_unit_test(test_cmdline_run_many_joined),
		cmocka_unit_test(test_cmdline_1023_bytes),
		cmocka_unit_test(test_cmdline_too_long_truncated),
		cmocka_unit_test(test_cmdline_number_wraps),
		cmocka_unit_test(test_cmdline_nr_banks_once),
		cmocka_unit_test(test_cmdline_run_empty),
		cmocka_unit_test(test_cmdline_reclaim_old_rules),
		cmocka_unit_test(test_cmdline_option_without_value),
		cmocka_unit_test(test_opt_rules_each),
		cmocka_unit_test(test_opt_rules_bogus),
		cmocka_unit_test(test_opt_highmem_values),
		cmocka_unit_test(test_opt_highmem_bad),
		cmocka_unit_test(test_opt_split_names),
		cmocka_unit_test(test_opt_split_bogus),
		cmocka_unit_test(test_opt_split_linked_kernel),
		cmocka_unit_test(test_opt_3g_opt_with_old_rules),
		cmocka_unit_test(test_opt_vmalloc_end_with_new_rules),
		cmocka_unit_test(test_opt_vmalloc_end_bad),
		cmocka_unit_test(test_opt_vmalloc_end_low_keeps_lowmem),
		cmocka_unit_test(test_opt_order_vmalloc_end_then_rules),
		cmocka_unit_test(test_opt_order_dma_size_then_rules),
		cmocka_unit_test(test_opt_dma_size),
		cmocka_unit_test(test_cmdline_bad_input_all_at_once),
		cmocka_unit_test(test_boot_param_bool),
	};

	return cmocka_run_group_tests_name("cmdline", tests, NULL, NULL);
}
