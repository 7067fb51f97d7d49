/* Unit tests for the layout arithmetic shared by the kernel and the host:
 * core/lib/memparse.c (sizes), core/layout/cmdline.c (the command line),
 * core/layout/meminfo.c (banks), core/layout/rules.c (the eras), core/layout/layout.c (the decision)
 * and core/layout/layout_print.c (the boot report).
 *
 * Most tests boot the way tools/memlayout.c does -- RAM at 0x40000000 as on
 * QEMU virt, the command line, layout_decide(), then everything printed --
 * and compare what was printed line by line with what Linux prints, taken
 * from the seeds (/work/shared/seeds) and the reference
 * (/work/shared/reference/linux-arm-layout.md).  A mismatch names the first
 * differing line and shows the whole output.
 *
 * Sections:
 *   1. memparse / parse_size / parse_u32
 *   2. the command line: tokens, quotes, vmsplit's own options
 *   3. the seeds reproduced
 *   4. vmalloc= in each era
 *   5. lowmem, highmem and banks (3.x sanity_check_meminfo)
 *   6. mem=
 *   7. modern rules (adjust_lowmem_bounds, zones)
 *   8. VMSPLIT choices
 *   9. rules tables and print formats
 *  10. layout_describe / layout_io_address / layout_is_lowmem_ram
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bootconfig.h"
#include "capture.h"
#include "layout.h"
#include "layout_print.h"
#include "memparse.h"
#include "printk.h"
#include "rules.h"
#include "sizes.h"

#define RAM_BASE	0x40000000ull	/* QEMU virt: PHYS_OFFSET */
#define PO_3G		0xc0000000u
#define PO_3G_OPT	0xb0000000u
#define PO_2G		0x80000000u
#define PO_1G		0x40000000u
#define MiB(x)		((uint64_t)(x) << 20)
#define GiB(x)		((uint64_t)(x) << 30)

static struct boot_config bc;
static struct layout L;
static int problems;		/* boot_config_parse()'s return */

/* ================================================================ helpers */

/* boot_config_init + the firmware's RAM, as memlayout's main does. */
static void board(uint32_t page_offset, uint64_t ram)
{
	capture_reset();
	boot_config_init(&bc, page_offset, RAM_BASE);
	bc.built_page_offset = 0;
	boot_config_add_ram(&bc, RAM_BASE, ram);
}

/* The rest of memlayout's main, with optional page counts and image. */
static void boot_with(const char *cmdline, const struct mem_counts *counts,
		      const struct image_sections *img)
{
	problems = boot_config_parse(&bc, cmdline);
	layout_decide(&bc, &L);
	layout_print_setup(&L);
	printk("Kernel command line: %s\n", cmdline ? cmdline : "");
	boot_config_report_unknown(&bc);
	layout_print_mem_init(&L, counts, img);
}

static void boot(const char *cmdline)
{
	boot_with(cmdline, NULL, NULL);
}

/* The common case: VMSPLIT_3G, RAM at 0x40000000. */
static void run(uint64_t ram, const char *cmdline)
{
	board(PO_3G, ram);
	boot(cmdline);
}

static void run_split(uint32_t page_offset, uint64_t ram, const char *cmdline)
{
	board(page_offset, ram);
	boot(cmdline);
}

/* Length of the line starting at s (without its '\n'). */
static size_t line_len(const char *s)
{
	const char *nl = strchr(s, '\n');

	return nl ? (size_t)(nl - s) : strlen(s);
}

static const char *next_line(const char *s)
{
	const char *nl = strchr(s, '\n');

	return nl ? nl + 1 : s + strlen(s);
}

static bool line_is(const char *s, const char *want)
{
	return line_len(s) == strlen(want) && strncmp(s, want, strlen(want)) == 0;
}

/* The start of the first line of text equal to want, or NULL. */
static const char *find_line(const char *text, const char *want)
{
	for (const char *s = text; *s; s = next_line(s))
		if (line_is(s, want))
			return s;
	return NULL;
}

/* The whole output after a failure message: print_error() keeps only
 * about 1 KB per call, so the text goes out in pieces. */
static void dump_output(void)
{
	const char *s = captured();
	size_t n = strlen(s);

	print_error("--- whole output ---\n");
	for (size_t i = 0; i < n; i += 512)
		print_error("%.*s", (int)(n - i < 512 ? n - i : 512), s + i);
	print_error("--- end of output ---\n");
}

/* text, from its start to its end, must be exactly the lines of want[]. */
static void check_lines(const char *text, const char *const *want,
			const char *file, int line)
{
	const char *s = text;
	int i;

	for (i = 0; want[i]; i++, s = next_line(s)) {
		if (!*s) {
			print_error("output ends after %d lines; expected line %d:\n"
				    "  \"%s\"\n", i, i + 1, want[i]);
			dump_output();
			_fail(file, line);
		}
		if (!line_is(s, want[i])) {
			print_error("output line %d differs:\n  expected \"%s\"\n"
				    "  got      \"%.*s\"\n",
				    i + 1, want[i], (int)line_len(s), s);
			dump_output();
			_fail(file, line);
		}
	}
	if (*s) {
		print_error("output has more than the %d expected lines; next:\n"
			    "  \"%.*s\"\n", i, (int)line_len(s), s);
		dump_output();
		_fail(file, line);
	}
}

/* text from the line 'first' on must be exactly first + want[]. */
static void check_from(const char *first, const char *const *want,
		       const char *file, int line)
{
	const char *s = find_line(captured(), first);

	if (!s) {
		print_error("no line \"%s\" in the output\n", first);
		dump_output();
		_fail(file, line);
	}
	check_lines(next_line(s), want, file, line);
}

static void check_has(const char *want, bool present, const char *file, int line)
{
	if ((find_line(captured(), want) != NULL) != present) {
		print_error("expected %s line \"%s\" in the output\n",
			    present ? "a" : "no", want);
		dump_output();
		_fail(file, line);
	}
}

/* No line of the output starts with prefix. */
static void check_no_prefix(const char *prefix, const char *file, int line)
{
	for (const char *s = captured(); *s; s = next_line(s))
		if (strncmp(s, prefix, strlen(prefix)) == 0) {
			print_error("unexpected line \"%.*s\" in the output\n",
				    (int)line_len(s), s);
			dump_output();
			_fail(file, line);
		}
}

static int count_lines_with(const char *what)
{
	int n = 0;

	for (const char *s = captured(); *s; s = next_line(s))
		if (strstr(s, what) && strstr(s, what) < s + line_len(s))
			n++;
	return n;
}

#define LINES(...)	((const char *const[]){ __VA_ARGS__, NULL })
/* The whole output, line by line. */
#define expect_output(...)	check_lines(captured(), LINES(__VA_ARGS__), __FILE__, __LINE__)
/* Everything from "Virtual kernel memory layout:" to the end. */
#define expect_table(...) \
	check_from("Virtual kernel memory layout:", LINES(__VA_ARGS__), __FILE__, __LINE__)
#define expect_line(l)		check_has(l, true, __FILE__, __LINE__)
#define expect_no_line(l)	check_has(l, false, __FILE__, __LINE__)
#define expect_no_prefix(p)	check_no_prefix(p, __FILE__, __LINE__)

/* The fixed lines of the 2.6.36-3.x table. */
#define VECTOR_LINE	"    vector  : 0xffff0000 - 0xffff1000   (   4 kB)"
#define FIXMAP_LINE	"    fixmap  : 0xfff00000 - 0xfffe0000   ( 896 kB)"
#define FIXMAP_MODERN	"    fixmap  : 0xffc80000 - 0xfff00000   (2560 kB)"
#define MODULES_3G	"    modules : 0xbf000000 - 0xc0000000   (  16 MB)"
#define PKMAP_3G	"    pkmap   : 0xbfe00000 - 0xc0000000   (   2 MB)"
#define MODULES_3G_HM	"    modules : 0xbf000000 - 0xbfe00000   (  14 MB)"

static void assert_region(enum layout_line line, uint32_t start, uint32_t end)
{
	uint32_t s = 0, e = 0;

	assert_true(layout_region(&L, line, &s, &e));
	assert_int_equal(s, start);
	assert_int_equal(e, end);
}

static void assert_bank(int i, uint64_t start, uint64_t size, bool highmem)
{
	assert_true(i < L.mi.nr_banks);
	assert_int_equal(L.mi.bank[i].start, start);
	assert_int_equal(L.mi.bank[i].size, size);
	assert_int_equal(L.mi.bank[i].highmem, highmem);
}

/* lowmem ends at this physical address; vmalloc starts at the next 8 MB
 * boundary at least 8 MB above __va(limit). */
static void assert_lowmem_end(uint64_t limit)
{
	uint32_t hm = (uint32_t)(limit - RAM_BASE + L.page_offset);

	assert_int_equal(L.lowmem_limit, limit);
	assert_int_equal(L.high_memory, hm);
	assert_int_equal(L.vmalloc_start, (hm + SZ_8M) & ~(SZ_8M - 1));
}

static void assert_str(const char *got, const char *want)
{
	assert_non_null(got);
	assert_string_equal(got, want);
}

/* A command line of exactly n bytes: "console=xxxx..." then tail. */
static char long_line[2048];

static const char *make_line(size_t n, const char *tail)
{
	size_t t = strlen(tail);

	assert_true(n < sizeof(long_line) && n >= t + 10);
	memcpy(long_line, "console=", 8);
	memset(long_line + 8, 'x', n - t - 8);
	memcpy(long_line + n - t, tail, t);
	long_line[n] = '\0';
	return long_line;
}

/* ============================================ 1. memparse / parse_size */

/* simple_strtoull(base 0): decimal when there is no prefix. */
static void test_memparse_decimal(void **state)
{
	const char *s = "512", *end;

	(void)state;
	assert_int_equal(memparse(s, &end), 512);
	assert_ptr_equal(end, s + 3);
	s = "123456789";
	assert_int_equal(memparse(s, &end), 123456789);
	assert_ptr_equal(end, s + 9);
	s = "512M";
	assert_int_equal(memparse(s, &end), MiB(512));
	assert_ptr_equal(end, s + 4);
}

/* "0x"/"0X" followed by a hex digit selects base 16; a bare "0x" is octal 0
 * stopping at the 'x' (_parse_integer_fixup_radix). */
static void test_memparse_hex(void **state)
{
	const char *s = "0x8000000", *end;

	(void)state;
	assert_int_equal(memparse(s, &end), 0x8000000);
	assert_ptr_equal(end, s + strlen(s));
	s = "0XfF";
	assert_int_equal(memparse(s, &end), 0xff);
	assert_ptr_equal(end, s + 4);
	s = "0x10m";
	assert_int_equal(memparse(s, &end), MiB(16));
	assert_ptr_equal(end, s + 5);
	s = "0x45d00000";
	assert_int_equal(memparse(s, &end), 0x45d00000);
	s = "0x";
	assert_int_equal(memparse(s, &end), 0);
	assert_ptr_equal(end, s + 1);
	s = "0xg";
	assert_int_equal(memparse(s, &end), 0);
	assert_ptr_equal(end, s + 1);
}

/* A leading 0 means octal: "010M" is 8 MB, and 8/9 end an octal number. */
static void test_memparse_octal(void **state)
{
	const char *s = "010M", *end;

	(void)state;
	assert_int_equal(memparse(s, &end), MiB(8));
	assert_ptr_equal(end, s + 4);
	s = "0777";
	assert_int_equal(memparse(s, &end), 0777);
	s = "08";
	assert_int_equal(memparse(s, &end), 0);
	assert_ptr_equal(end, s + 1);
	s = "0";
	assert_int_equal(memparse(s, &end), 0);
	assert_ptr_equal(end, s + 1);
}

/* K, M, G in either case multiply by 2^10, 2^20, 2^30 and are consumed. */
static void test_memparse_suffixes(void **state)
{
	const char *end;
	static const struct { const char *s; uint64_t v; } cases[] = {
		{ "3K", 3ull << 10 }, { "3k", 3ull << 10 },
		{ "5M", 5ull << 20 }, { "5m", 5ull << 20 },
		{ "2G", 2ull << 30 }, { "2g", 2ull << 30 },
		{ "0x40000000", 1ull << 30 }, { "1G", 1ull << 30 },
		{ "123456789K", 123456789ull << 10 },
	};

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		assert_int_equal(memparse(cases[i].s, &end), cases[i].v);
		assert_int_equal(*end, '\0');
	}
	assert_int_equal(memparse("4K", NULL), 4096);	/* end may be NULL */
}

/* Text that is not a number reads as 0 with *end == s (no sign, no spaces). */
static void test_memparse_not_a_number(void **state)
{
	static const char *const bad[] = { "abc", "", "-1", " 5", "@0x40000000", "x10" };
	const char *end;

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(bad); i++) {
		end = NULL;
		assert_int_equal(memparse(bad[i], &end), 0);
		assert_ptr_equal(end, bad[i]);
	}
}

/* Linux's memparse() switches on the character after the digits whatever
 * came before: "K" alone is 0 with the K consumed. */
static void test_memparse_suffix_alone(void **state)
{
	const char *s = "K", *end;
	uint64_t v = 77;

	(void)state;
	assert_int_equal(memparse(s, &end), 0);
	assert_ptr_equal(end, s + 1);
	assert_false(parse_size("K", &v));	/* but it is no size */
	assert_int_equal(v, 77);
}

/* memparse stops at the first unusable character; T is not a suffix in
 * the 3.x memparse. */
static void test_memparse_trailing_junk(void **state)
{
	const char *s = "512Mjunk", *end;

	(void)state;
	assert_int_equal(memparse(s, &end), MiB(512));
	assert_string_equal(end, "junk");
	s = "12T";
	assert_int_equal(memparse(s, &end), 12);
	assert_string_equal(end, "T");
	s = "1G@0x40000000";
	assert_int_equal(memparse(s, &end), GiB(1));
	assert_string_equal(end, "@0x40000000");
	s = "16MM";
	assert_int_equal(memparse(s, &end), MiB(16));
	assert_string_equal(end, "M");
}

/* parse_size: exactly one number, nothing after it. */
static void test_parse_size_accepts(void **state)
{
	static const struct { const char *s; uint64_t v; } ok[] = {
		{ "0", 0 }, { "1G", GiB(1) }, { "0x40000000", 0x40000000 },
		{ "010M", MiB(8) }, { "123456789", 123456789 }, { "4k", 4096 },
		{ "18446744073709551615", UINT64_MAX },
		{ "17179869183G", ((1ull << 34) - 1) << 30 },
		{ "0xffffffffffffffff", UINT64_MAX },
	};

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(ok); i++) {
		uint64_t v = 1;

		assert_true(parse_size(ok[i].s, &v));
		assert_int_equal(v, ok[i].v);
	}
}

/* parse_size refuses empty text, junk, trailing characters and overflow,
 * leaving *out alone. */
static void test_parse_size_rejects(void **state)
{
	static const char *const bad[] = {
		"", "abc", "K", "12x", "1G ", " 1G", "0x", "-1", "08", "512MB",
		"18446744073709551616",		/* 2^64 */
		"17179869184G",			/* 2^34 << 30 = 2^64 */
		"0x10000000000000000",
		"99999999999999999999999",
	};

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(bad); i++) {
		uint64_t v = 0x5a5a;

		if (parse_size(bad[i], &v))
			fail_msg("parse_size(\"%s\") accepted it as %llu", bad[i],
				 (unsigned long long)v);
		assert_int_equal(v, 0x5a5a);
	}
}

/* parse_u32: below 2^32 only. */
static void test_parse_u32(void **state)
{
	uint32_t v = 0;

	(void)state;
	assert_true(parse_u32("4294967295", &v));
	assert_int_equal(v, UINT32_MAX);
	assert_true(parse_u32("0xffffffff", &v));
	assert_int_equal(v, UINT32_MAX);
	assert_true(parse_u32("4095M", &v));
	assert_int_equal(v, 0xfff00000);
	assert_true(parse_u32("0xe8000000", &v));
	assert_int_equal(v, 0xe8000000);
	v = 7;
	assert_false(parse_u32("4294967296", &v));
	assert_false(parse_u32("4G", &v));
	assert_false(parse_u32("0x100000000", &v));
	assert_false(parse_u32("", &v));
	assert_false(parse_u32("zzz", &v));
	assert_int_equal(v, 7);
}

/* ===================================== 2. the command line and options */

#define DEFAULT_1G_TABLE \
	"Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE, \
	"    vmalloc : 0xf0000000 - 0xff000000   ( 240 MB)", \
	"    lowmem  : 0xc0000000 - 0xef800000   ( 760 MB)", MODULES_3G
#define DEFAULT_1G_TRUNCATE \
	"Truncating RAM at 40000000-7fffffff to -6f7fffff (vmalloc region overlap)."

/* An empty command line: the 3.3/3.4 defaults, highmem off, no message. */
static void test_cmdline_empty(void **state)
{
	(void)state;
	run(GiB(1), "");
	assert_int_equal(problems, 0);
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

/* A NULL command line (no /chosen/bootargs) is an empty one. */
static void test_cmdline_null(void **state)
{
	(void)state;
	run(GiB(1), NULL);
	assert_int_equal(problems, 0);
	expect_output(DEFAULT_1G_TRUNCATE, "Kernel command line: ",
		      "Memory: 760MB = 760MB total", DEFAULT_1G_TABLE);
}

/* Spaces alone, and spaces around parameters, are no parameters. */
static void test_cmdline_spaces(void **state)
{
	(void)state;
	run(GiB(1), "    ");
	assert_int_equal(problems, 0);
	assert_string_equal(bc.unknown, "");
	assert_int_equal(L.lowmem_limit, 0x6f800000);

	run(GiB(1), "   mem=512M     vmalloc=256M   ");
	assert_int_equal(problems, 0);
	assert_int_equal(L.lowmem_limit, 0x60000000);
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
	assert_int_equal(problems, 0);
	assert_string_equal(bc.unknown, "");
	expect_no_prefix("Unknown");
	expect_no_prefix("vmsplit:");
}

/* Parameters nobody knows are reported once, in order, as they were given. */
static void test_cmdline_unknown_reported(void **state)
{
	(void)state;
	run(GiB(1), "foo=bar console=ttyS0 baz mem=512M qux=\"a b\"");
	assert_int_equal(problems, 0);
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
	assert_int_equal(problems, 0);
	assert_string_equal(bc.run, "check; peek 0xc0000000");
	assert_int_equal(L.lowmem_limit, 0x60000000);

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
	assert_int_equal(L.lowmem_limit, 0x60000000);
}

/* run= may be given several times: the lists are joined with ';'. */
static void test_cmdline_run_joined(void **state)
{
	(void)state;
	run(GiB(1), "run=check mem=512M run=\"v2p 0xc0000000\" run=memmap");
	assert_int_equal(problems, 0);
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
	assert_int_equal(problems, 0);
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
	assert_int_equal(problems, 0);
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
	assert_int_equal(problems, 0);
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
	assert_int_equal(problems, 1);
	expect_line("vmsplit: command line longer than 1023 bytes: its last parameter \"vmalloc=256M\" is "
		    "cut there; ignored");
	expect_no_line("vmalloc area too small, limiting to 16MB");
	assert_false(bc.vmalloc_set);

	/* Far longer: whatever lies past byte 1023 is never seen. */
	line = make_line(1500, " mem=512M vmalloc=256M");
	run(GiB(1), line);
	assert_int_equal(problems, 1);
	assert_false(bc.usermem);
	assert_false(bc.vmalloc_set);
	assert_int_equal(L.lowmem_limit, 0x6f800000);

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
	assert_int_equal(L.mi.nr_banks, NR_BANKS);
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
	assert_int_equal(L.nr_vm_holes, 0);
	run(GiB(1), "rules=2.6.36 reclaim=dont-map-hole mem=64M mem=64M@0x48000000");
	expect_line("vmsplit: reclaim=dont-map-hole is msm-3.4's; with rules=2.6.36 the linear map stays straight");
	assert_int_equal(L.hole_end, 0);
}

/* Each vmsplit option without a value is refused with its own message. */
static void test_cmdline_option_without_value(void **state)
{
	(void)state;
	run(GiB(1), "rules highmem split vmalloc_end dma_size run");
	assert_int_equal(problems, 6);
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
		assert_int_equal(problems, 0);
		assert_str(bc.rules->name, rows[i].name);
		assert_ptr_equal(L.rules, bc.rules);
		assert_int_equal(bc.vmalloc_end, rows[i].vend);
		assert_int_equal(bc.dma_size, rows[i].dma);
	}
}

/* rules=bogus: refused, the rule sets listed, the current one kept. */
static void test_opt_rules_bogus(void **state)
{
	(void)state;
	run(GiB(1), "rules=bogus");
	assert_int_equal(problems, 1);
	assert_str(bc.rules->name, "3.4");
	expect_output("vmsplit: rules=bogus: no such rule set; choose 2.6.36 3.4 modern (keeping 3.4)",
		      DEFAULT_1G_TRUNCATE, "Kernel command line: rules=bogus",
		      "Memory: 760MB = 760MB total", DEFAULT_1G_TABLE);

	run(GiB(1), "rules=modern rules=3.5");
	expect_line("vmsplit: rules=3.5: no such rule set; choose 2.6.36 3.4 modern (keeping modern)");
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
		assert_int_equal(problems, 0);
		assert_int_equal(bc.highmem, cases[i].on);
		assert_int_equal(L.highmem_config, cases[i].on);
	}
}

/* highmem=maybe: refused, the current choice kept and named. */
static void test_opt_highmem_bad(void **state)
{
	(void)state;
	run(GiB(1), "highmem=maybe");
	assert_int_equal(problems, 1);
	assert_false(bc.highmem);
	expect_line("vmsplit: highmem=maybe: say on or off (keeping off)");

	run(GiB(1), "highmem=on highmem=ON");
	assert_int_equal(problems, 1);
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
		assert_int_equal(problems, 0);
		assert_int_equal(bc.page_offset, s[i].po);
		assert_int_equal(L.page_offset, s[i].po);
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
	assert_int_equal(problems, 1);
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
	assert_int_equal(problems, 1);
	assert_int_equal(L.page_offset, PO_3G);
	expect_line("vmsplit: split=2G: this kernel is linked for VMSPLIT_3G; "
		    "run it with make run VMSPLIT=2G (keeping 3G)");

	board(PO_3G, GiB(1));
	bc.built_page_offset = PO_3G;
	boot("split=3G");
	assert_int_equal(problems, 0);
	expect_no_prefix("vmsplit:");
}

/* VMSPLIT_3G_OPT came with Linux 4.x: shown under older rules with a note. */
static void test_opt_3g_opt_with_old_rules(void **state)
{
	(void)state;
	/* vmalloc_min 0xef800000 = __va(0x7f800000): 1016 MB of lowmem. */
	run(GiB(1), "split=3G_OPT");
	assert_int_equal(problems, 0);
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
	assert_int_equal(problems, 1);
	assert_int_equal(bc.vmalloc_end, 0xff000000);
	expect_output("vmsplit: vmalloc_end= is a platform choice only before Linux 3.3; "
		      "rules=3.4 fixes VMALLOC_END at 0xff000000",
		      DEFAULT_1G_TRUNCATE, "Kernel command line: vmalloc_end=0xe8000000",
		      "Memory: 760MB = 760MB total", DEFAULT_1G_TABLE);

	run(GiB(1), "rules=modern vmalloc_end=0xf0000000");
	assert_int_equal(problems, 1);
	assert_int_equal(L.vmalloc_end, 0xff800000);
	expect_line("vmsplit: vmalloc_end= is a platform choice only before Linux 3.3; "
		    "rules=modern fixes VMALLOC_END at 0xff800000");

	/* Naming the fixed value itself is no problem. */
	run(GiB(1), "vmalloc_end=0xff000000");
	assert_int_equal(problems, 0);
}

/* vmalloc_end= must be a 1 MB aligned number, and leave room for 48 MB
 * above PAGE_OFFSET and the IO window below the DMA region. */
static void test_opt_vmalloc_end_bad(void **state)
{
	(void)state;
	run(MiB(512), "rules=2.6.36 vmalloc_end=0xe8000001");
	assert_int_equal(problems, 1);
	assert_int_equal(L.vmalloc_end, 0xe0000000);
	expect_line("vmsplit: vmalloc_end=0xe8000001: needs a 1 MB aligned address (keeping 0xe0000000)");

	run(MiB(512), "rules=2.6.36 vmalloc_end=zzz");
	assert_int_equal(problems, 1);
	expect_line("vmsplit: vmalloc_end=zzz: needs a 1 MB aligned address (keeping 0xe0000000)");

	run(MiB(512), "rules=2.6.36 vmalloc_end=0x100000000");
	expect_line("vmsplit: vmalloc_end=0x100000000: needs a 1 MB aligned address (keeping 0xe0000000)");

	/* CONSISTENT_BASE 0xfde00000 - 16 MB of IO = 0xfce00000 at most. */
	run(MiB(512), "rules=2.6.36 vmalloc_end=0xfd000000");
	assert_int_equal(problems, 1);
	assert_int_equal(L.vmalloc_end, 0xe0000000);
	expect_line("vmsplit: vmalloc_end=0xfd000000 leaves no room (needs 0xc3000000-0xfce00000); using 0xe0000000");

	run(MiB(512), "rules=2.6.36 vmalloc_end=0xc2f00000");
	assert_int_equal(problems, 1);
	expect_line("vmsplit: vmalloc_end=0xc2f00000 leaves no room (needs 0xc3000000-0xfce00000); using 0xe0000000");

	/* The extremes themselves are accepted. */
	run(MiB(512), "rules=2.6.36 vmalloc_end=0xfce00000");
	assert_int_equal(problems, 0);
	assert_int_equal(L.vmalloc_end, 0xfce00000);
	run(MiB(512), "rules=2.6.36 vmalloc_end=0xc3000000 vmalloc=16M");
	assert_int_equal(problems, 0);
	assert_int_equal(L.vmalloc_end, 0xc3000000);

	/* A bigger DMA region lowers the ceiling; refusing resets both. */
	run(MiB(512), "rules=2.6.36 dma_size=128M vmalloc_end=0xf7000000");
	assert_int_equal(problems, 1);
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
	assert_true(L.high_memory > L.page_offset);
	assert_true(L.lowmem_limit >= RAM_BASE + KERNEL_REGION_SIZE);
	assert_true(layout_is_lowmem_ram(&L, RAM_BASE));
	assert_true(layout_is_lowmem_ram(&L, RAM_BASE + KERNEL_REGION_SIZE - 1));
}

/* vmsplit's options stand for build-time choices: their order on the
 * command line must not matter.  "vmalloc_end=X rules=2.6.36" asks for the
 * same kernel as "rules=2.6.36 vmalloc_end=X" (seed 000's fix). */
static void test_opt_order_vmalloc_end_then_rules(void **state)
{
	(void)state;
	run(MiB(512), "vmalloc_end=0xe8000000 rules=2.6.36");
	assert_int_equal(bc.vmalloc_end, 0xe8000000);
	assert_int_equal(L.lowmem_limit, 0x60000000);
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
	assert_int_equal(problems, 0);
	expect_table(VECTOR_LINE, FIXMAP_LINE,
		     "    DMA     : 0xffa00000 - 0xffe00000   (   4 MB)",
		     "    vmalloc : 0xd8800000 - 0xe0000000   ( 120 MB)",
		     "    lowmem  : 0xc0000000 - 0xd8000000   ( 384 MB)", MODULES_3G);

	for (unsigned i = 0; i < ARRAY_SIZE(bad); i++) {
		char msg[128];

		snprintf(line, sizeof(line), "rules=2.6.36 dma_size=%s", bad[i]);
		run(MiB(512), line);
		assert_int_equal(problems, 1);
		assert_int_equal(bc.dma_size, SZ_32M);
		snprintf(msg, sizeof(msg),
			 "vmsplit: dma_size=%s: needs a multiple of 2M up to 128M (keeping 32M)", bad[i]);
		expect_line(msg);
		assert_region(LINE_DMA, 0xfde00000, 0xffe00000);
	}
}

/* The bad-input boot scenario: every message, the safe result. */
static void test_cmdline_bad_input_all_at_once(void **state)
{
	static const char line[] =
		"vmalloc=abc mem=0 mem=1G@0x12345 foo=bar rules=bogus highmem=maybe split=2G";

	(void)state;
	board(PO_3G, GiB(1));
	bc.built_page_offset = PO_3G;
	boot(line);
	assert_int_equal(problems, 6);
	/* vmalloc=abc reads 0 -> 16 MB: vmalloc_min 0xfe000000, lowmem 992 MB. */
	expect_output("vmsplit: rules=bogus: no such rule set; choose 2.6.36 3.4 modern (keeping 3.4)",
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

/* ================================================= 3. the seeds reproduced */

#define SEED000_LINE "console=ttySC0,115200 mem=512M rules=2.6.36"

/* Seed 000: 512 MB, VMALLOC_END 0xe0000000, the default 128 MB vmalloc
 * reserve: vmalloc_min 0xd8000000 = __va(0x58000000), so the bank is
 * truncated to 384 MB; VMALLOC_START = 0xd8000000 + 8 MB.  The table in the
 * real 4-space indentation of seed 003, without the board's image lines. */
static void test_seed000_truncation(void **state)
{
	(void)state;
	run(MiB(512), SEED000_LINE);
	assert_int_equal(problems, 0);
	expect_output("Truncating RAM at 40000000-5fffffff to -57ffffff (vmalloc region overlap).",
		      "Kernel command line: " SEED000_LINE,
		      "Memory: 384MB = 384MB total",
		      "Virtual kernel memory layout:",
		      "    vector  : 0xffff0000 - 0xffff1000   (   4 kB)",
		      "    fixmap  : 0xfff00000 - 0xfffe0000   ( 896 kB)",
		      "    DMA     : 0xfde00000 - 0xffe00000   (  32 MB)",
		      "    vmalloc : 0xd8800000 - 0xe0000000   ( 120 MB)",
		      "    lowmem  : 0xc0000000 - 0xd8000000   ( 384 MB)",
		      "    modules : 0xbf000000 - 0xc0000000   (  16 MB)");
	assert_int_equal(L.vmalloc_min, 0xd8000000);
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
	check_from("Kernel command line: " SEED000_LINE, LINES(
		"Memory: 384MB = 384MB total",
		"Memory: 385876k/385876k available, 7340k reserved, 0K highmem",
		"Virtual kernel memory layout:",
		"    vector  : 0xffff0000 - 0xffff1000   (   4 kB)",
		"    fixmap  : 0xfff00000 - 0xfffe0000   ( 896 kB)",
		"    DMA     : 0xfde00000 - 0xffe00000   (  32 MB)",
		"    vmalloc : 0xd8800000 - 0xe0000000   ( 120 MB)",
		"    lowmem  : 0xc0000000 - 0xd8000000   ( 384 MB)",
		"    modules : 0xbf000000 - 0xc0000000   (  16 MB)",
		"      .init : 0xc0008000 - 0xc0021000   ( 100 kB)",
		"      .text : 0xc0021000 - 0xc036b000   (3368 kB)",
		"      .data : 0xc0384000 - 0xc03b05c0   ( 178 kB)"), __FILE__, __LINE__);
}

/* Seed 000's fix: VMALLOC_END raised by 128 MB to 0xe8000000: vmalloc_min
 * 0xe0000000 = __va(0x60000000), all 512 MB is lowmem, no Truncating; the
 * static IO map moves up with VMALLOC_END. */
static void test_seed000_fixed(void **state)
{
	(void)state;
	run(MiB(512), "rules=2.6.36 vmalloc_end=0xe8000000");
	assert_int_equal(problems, 0);
	expect_output("Kernel command line: rules=2.6.36 vmalloc_end=0xe8000000",
		      "Memory: 512MB = 512MB total",
		      "Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    DMA     : 0xfde00000 - 0xffe00000   (  32 MB)",
		      "    vmalloc : 0xe0800000 - 0xe8000000   ( 120 MB)",
		      "    lowmem  : 0xc0000000 - 0xe0000000   ( 512 MB)", MODULES_3G);
	assert_lowmem_end(0x60000000);
	assert_int_equal(layout_io_address(&L, 0x09000000), 0xe8900000);
}

#define SEED001_408_TABLE \
	"Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE, \
	"    vmalloc : 0xe6000000 - 0xff000000   ( 400 MB)", \
	"    lowmem  : 0xc0000000 - 0xe5800000   ( 600 MB)", PKMAP_3G, MODULES_3G_HM

/* Seed 001's table: vmalloc=408M with the 3.4 rules sets vmalloc_min =
 * 0xff000000 - 408 MB = 0xe5800000 (no 8 MB taken off), __pa = 0x65800000:
 * the bank is split there, 600 MB lowmem + 424 MB highmem; VMALLOC_START =
 * 0xe5800000 + 8 MB = 0xe6000000: 400 MB.  pkmap and 14 MB of modules. */
static void test_seed001_vmalloc408(void **state)
{
	(void)state;
	run(GiB(1), "vmalloc=408M highmem=on");
	assert_int_equal(problems, 0);
	expect_table(VECTOR_LINE, FIXMAP_LINE,
		     "    vmalloc : 0xe6000000 - 0xff000000   ( 400 MB)",
		     "    lowmem  : 0xc0000000 - 0xe5800000   ( 600 MB)",
		     "    pkmap   : 0xbfe00000 - 0xc0000000   (   2 MB)",
		     "    modules : 0xbf000000 - 0xbfe00000   (  14 MB)");
	expect_no_prefix("Truncating");
	expect_no_prefix("vmalloc area");
	assert_lowmem_end(0x65800000);
	assert_int_equal(L.mi.nr_banks, 2);
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
	expect_table(VECTOR_LINE, FIXMAP_LINE,
		     "    vmalloc : 0xe6000000 - 0xff000000   ( 400 MB)",
		     "    lowmem  : 0xc0000000 - 0xe5800000   ( 600 MB)",
		     "    pkmap   : 0xbfe00000 - 0xc0000000   (   2 MB)",
		     "    modules : 0xbf000000 - 0xbfe00000   (  14 MB)",
		     "      .text : 0xc0008000 - 0xc0b51420   (11558 kB)",
		     "      .init : 0xc0c00000 - 0xc0d03f00   (1040 kB)",
		     "      .data : 0xc0d04000 - 0xc0e50e70   (1332 kB)",
		     "       .bss : 0xc0e50e94 - 0xc0f00000   ( 701 kB)");
}

#define EX7_LINE "mem=91M@0x40000000 mem=24M@0x45d00000 mem=493M@0x52000000 vmalloc=400M highmem=on"

/* Seed 001 example 7 on QEMU's RAM (0x80000000 -> 0x40000000, the bank
 * offsets kept): vmalloc=400M, vmalloc_min 0xe6000000 = __va(0x66000000)
 * splits the 493 MB bank into 320 MB lowmem + 173 MB highmem; lowmem ends
 * at 0xe6000000 (608 MB of linear map), VMALLOC_START 0xe6800000 (392 MB). */
static void test_seed001_example7(void **state)
{
	(void)state;
	run(GiB(1), EX7_LINE);
	assert_int_equal(problems, 0);
	expect_table(VECTOR_LINE, FIXMAP_LINE,
		     "    vmalloc : 0xe6800000 - 0xff000000   ( 392 MB)",
		     "    lowmem  : 0xc0000000 - 0xe6000000   ( 608 MB)",
		     "    pkmap   : 0xbfe00000 - 0xc0000000   (   2 MB)",
		     "    modules : 0xbf000000 - 0xbfe00000   (  14 MB)");
	assert_lowmem_end(0x66000000);
	assert_int_equal(L.mi.nr_banks, 4);
	assert_bank(0, 0x40000000, MiB(91), false);
	assert_bank(1, 0x45d00000, MiB(24), false);
	assert_bank(2, 0x52000000, MiB(320), false);
	assert_bank(3, 0x66000000, MiB(173), true);
	assert_int_equal(meminfo_total(&L.mi, BANKS_LOWMEM), MiB(435));
	assert_int_equal(meminfo_total(&L.mi, BANKS_HIGHMEM), MiB(173));
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
	expect_table("    vector  : 0xffff0000 - 0xffff1000   (   4 kB)",
		     "    fixmap  : 0xfff00000 - 0xfffe0000   ( 896 kB)",
		     "    vmalloc : 0xe6800000 - 0xff000000   ( 392 MB)",
		     "    lowmem  : 0xc0000000 - 0xe6000000   ( 608 MB)",
		     "    pkmap   : 0xbfe00000 - 0xc0000000   (   2 MB)",
		     "    modules : 0xbf000000 - 0xbfe00000   (  14 MB)",
		     "      .text : 0xc0008000 - 0xc0e0a358   (14345 kB)",
		     "      .init : 0xc0f00000 - 0xc10370c0   (1245 kB)",
		     "      .data : 0xc1038000 - 0xc1135c98   (1016 kB)",
		     "       .bss : 0xc1135cbc - 0xc13ba7b0   (2579 kB)");
}

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

/* Seed 001 example 1 (1 GB, vmalloc=400M, highmem): vmalloc_min =
 * 0xff000000 - 400 MB = 0xe6000000 -> __pa 0x66000000: 608 MB lowmem, 416 MB
 * highmem, VMALLOC_START 0xe6800000. */
static void test_seed001_example1(void **state)
{
	(void)state;
	run(GiB(1), "vmalloc=400M highmem=on");
	assert_int_equal(L.vmalloc_min, 0xe6000000);
	assert_lowmem_end(0x66000000);
	assert_int_equal(L.vmalloc_start, 0xe6800000);
	assert_bank(0, 0x40000000, MiB(608), false);
	assert_bank(1, 0x66000000, MiB(416), true);
	assert_int_equal(L.mi.nr_banks, 2);
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
	assert_int_equal(problems, 0);
	assert_lowmem_end(0x66000000);
	assert_int_equal(L.mi.nr_banks, 3);
	assert_bank(0, 0x40000000, MiB(136), false);
	assert_bank(1, 0x50000000, MiB(352), false);
	assert_bank(2, 0x66000000, MiB(416), true);
	assert_int_equal(meminfo_total(&L.mi, BANKS_LOWMEM), MiB(488));
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
	assert_int_equal(problems, 0);
	assert_lowmem_end(0x66000000);
	assert_int_equal(L.mi.nr_banks, 3);
	assert_bank(0, 0x40000000, MiB(608), false);
	assert_bank(1, 0x66000000, MiB(160), true);
	assert_bank(2, 0x77800000, MiB(136), true);
	assert_int_equal(meminfo_total(&L.mi, BANKS_LOWMEM), MiB(608));
}

/* ============================================= 4. vmalloc= in each era */

/* The default 1 GB boot of the 3.4 rules: vmalloc_min = 0xff000000 - 240 MB
 * - 8 MB = 0xef800000 = __va(0x6f800000): truncated to 760 MB. */
static void test_vmalloc_default_3_4(void **state)
{
	(void)state;
	run(GiB(1), "");
	assert_int_equal(L.vmalloc_min, 0xef800000);
	assert_lowmem_end(0x6f800000);
	assert_region(LINE_VMALLOC, 0xf0000000, 0xff000000);
	assert_region(LINE_LOWMEM, 0xc0000000, 0xef800000);
	assert_int_equal(L.mi.nr_banks, 1);
	assert_bank(0, 0x40000000, MiB(760), false);
}

/* 2.6.36: vmalloc_min = VMALLOC_END - 128 MB (no gap). */
static void test_vmalloc_default_2_6_36(void **state)
{
	(void)state;
	run(GiB(1), "rules=2.6.36");
	assert_int_equal(L.vmalloc_min, 0xd8000000);
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
	assert_int_equal(L.vmalloc_min, 0xf0000000);
	assert_lowmem_end(0x70000000);
	assert_region(LINE_VMALLOC, 0xf0800000, 0xff800000);
}

/* 3.4: vmalloc=SIZE sets vmalloc_min = VMALLOC_END - SIZE, no 8 MB off:
 * vmalloc=256M gives vmalloc_min 0xef000000 and a 248 MB area. */
static void test_vmalloc_size_3_4(void **state)
{
	(void)state;
	run(GiB(1), "vmalloc=256M highmem=on");
	assert_int_equal(L.vmalloc_min, 0xef000000);
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
	assert_int_equal(L.vmalloc_min, 0xef000000);
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
	assert_int_equal(L.vmalloc_min, 0xdc000000);
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
	assert_int_equal(L.vmalloc_min, 0xfe000000);

	run(MiB(512), "rules=2.6.36 vmalloc=1M");
	expect_line("vmalloc area too small, limiting to 16MB");
	assert_int_equal(L.vmalloc_min, 0xdf000000);

	/* Modern: 0xff800000 - 16 MiB - 8 MiB. */
	run(GiB(1), "rules=modern vmalloc=15M");
	expect_line("vmalloc area is too small, limiting to 16MiB");
	assert_int_equal(L.vmalloc_min, 0xfe000000);
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
	assert_int_equal(L.vmalloc_min, 0xc2000000);

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
		assert_int_equal(problems, 0);
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
	assert_int_equal(problems, 1);
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
	assert_int_equal(problems, 1);
	expect_line("vmsplit: vmalloc=256Mjunk: not a size; Linux reads 268435456");
	assert_int_equal(bc.vmalloc_reserve, MiB(256));

	run(GiB(1), "vmalloc=4G");		/* (unsigned long)4G = 0 */
	assert_int_equal(problems, 1);
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
	assert_int_equal(problems, 1);
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
	assert_int_equal(problems, 0);
	expect_output("Zone ranges:",
		      "  Normal   [mem 0x0000000040000000-0x0000000077a42fff]",
		      "  HighMem  [mem 0x0000000077a43000-0x000000007fffffff]",
		      "Movable zone start for each node",
		      "Early memory node ranges",
		      "  node   0: [mem 0x0000000040000000-0x000000007fffffff]",
		      "Initmem setup node 0 [mem 0x0000000040000000-0x000000007fffffff]",
		      "Kernel command line: rules=modern highmem=on vmalloc=123456789",
		      "Virtual kernel memory layout:",
		      "    vector  : 0xffff0000 - 0xffff1000   (   4 kB)", FIXMAP_MODERN,
		      "    vmalloc : 0xf8000000 - 0xff800000   ( 120 MB)",
		      "    lowmem  : 0xc0000000 - 0xf7a432eb   ( 890 MB)", PKMAP_3G, MODULES_3G_HM);
	assert_int_equal(L.lowmem_limit, 0x77a432eb);
	assert_bank(0, 0x40000000, 0x37a43000, false);
	assert_bank(1, 0x77a43000, 0x085bd000, true);
}

/* ===================================== 5. lowmem, highmem and banks (3.x) */

/* A bank ending exactly at vmalloc_min is kept whole, neither truncated
 * nor split. */
static void test_bank_ending_at_vmalloc_min(void **state)
{
	(void)state;
	run(GiB(1), "mem=760M");
	expect_no_prefix("Truncating");
	assert_lowmem_end(0x6f800000);

	run(GiB(1), "mem=760M highmem=on");
	assert_int_equal(L.mi.nr_banks, 1);
	assert_bank(0, 0x40000000, MiB(760), false);
}

/* Without highmem, a bank wholly at or above vmalloc_min is dropped:
 * "Ignoring RAM at %.8llx-%.8llx (vmalloc region overlap)." */
static void test_highmem_off_ignores_bank_above(void **state)
{
	(void)state;
	run(GiB(1), "mem=256M mem=256M@0x70000000");
	assert_int_equal(problems, 0);
	expect_output("Ignoring RAM at 70000000-7fffffff (vmalloc region overlap).",
		      "Kernel command line: mem=256M mem=256M@0x70000000",
		      "Memory: 256MB = 256MB total",
		      "Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    vmalloc : 0xd0800000 - 0xff000000   ( 744 MB)",
		      "    lowmem  : 0xc0000000 - 0xd0000000   ( 256 MB)", MODULES_3G);
	assert_int_equal(L.mi.nr_banks, 1);
	assert_false(layout_is_ram(&L, 0x70000000));
}

/* With highmem the same bank is kept, as highmem. */
static void test_highmem_on_keeps_bank_above(void **state)
{
	(void)state;
	run(GiB(1), "mem=256M mem=256M@0x70000000 highmem=on");
	expect_no_prefix("Ignoring");
	assert_int_equal(L.mi.nr_banks, 2);
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
	assert_int_equal(L.mi.nr_banks, 2);
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
	assert_int_equal(L.mi.nr_banks, NR_BANKS);
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
	assert_int_equal(L.mi.nr_banks, NR_BANKS);
	assert_bank(7, 0x60000000, MiB(248), false);
	assert_lowmem_end(0x6f800000);
	assert_int_equal(meminfo_total(&L.mi, BANKS_HIGHMEM), 0);
}

/* ==================================================================== 6. mem= */

/* mem=SIZE: one bank at PHYS_OFFSET, the firmware's banks forgotten. */
static void test_mem_replaces_firmware(void **state)
{
	(void)state;
	run(GiB(1), "mem=512M");
	assert_int_equal(problems, 0);
	assert_true(bc.usermem);
	assert_int_equal(L.mi.nr_banks, 1);
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
	assert_int_equal(problems, 0);
	assert_int_equal(L.mi.nr_banks, 3);
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
	assert_int_equal(L.mi.nr_banks, 1);
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
	assert_int_equal(L.mi.nr_banks, 3);
	assert_bank(1, 0x50001000, 0xff000, false);
	assert_bank(2, 0x51000000, 0x100000, false);
	assert_false(layout_is_ram(&L, 0x52000000));
	assert_false(layout_is_ram(&L, 0x52001000));
}

/* mem=0 adds no bank; with no bank left the firmware's are used. */
static void test_mem_zero(void **state)
{
	(void)state;
	run(GiB(1), "mem=0");
	assert_int_equal(problems, 2);
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
	assert_int_equal(problems, 2);
	expect_output("vmsplit: mem=abc: not a size; Linux reads 0 and adds no bank",
		      "vmsplit: no RAM left after mem=; using the firmware's banks",
		      DEFAULT_1G_TRUNCATE, "Kernel command line: mem=abc",
		      "Memory: 760MB = 760MB total", DEFAULT_1G_TABLE);

	/* A later good mem= still counts. */
	run(GiB(1), "mem=abc mem=256M");
	assert_int_equal(problems, 1);
	assert_lowmem_end(0x50000000);
}

/* "mem" alone: refused, nothing forgotten (the firmware's banks stay). */
static void test_mem_without_value(void **state)
{
	(void)state;
	run(GiB(1), "mem");
	assert_int_equal(problems, 1);
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
	assert_int_equal(problems, 1);
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
	assert_int_equal(problems, 2);
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
	assert_int_equal(problems, 1);
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
	assert_int_equal(problems, 1);
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
	assert_int_equal(problems, 0);
	expect_line("Memory: 93MB 32MB 769MB = 894MB total");
	assert_int_equal(L.mi.nr_banks, 4);		/* the last one cut at lowmem's end */
	assert_false(layout_is_ram(&L, 0x46000000));

	board(PO_3G, GiB(1));
	boot_config_remove_ram(&bc, 0x45d00000, 0x7d00000);
	boot("mem=512M");
	expect_line("Memory: 512MB = 512MB total");

	board(PO_3G, GiB(1));
	boot_config_remove_ram(&bc, 0x45d00000, 0);
	boot("");
	expect_line("vmsplit: memory hole 0x45d00000 (+0x00000000) not removed: empty");
	assert_int_equal(problems, 1);
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
	assert_int_equal(L.mi.bank[1].start, 0x50002000);
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
		    "262144 frames; the largest free piece is 128 kB); using the firmware's banks instead");
	expect_line("Memory: 1024MB = 1024MB total");
	/* 2 MB alone is fine: mem_map is 8 kB. */
	run(GiB(1), "mem=2M");
	expect_no_prefix("vmsplit: the mem= banks");
	expect_line("Memory: 2MB = 2MB total");
	/* A reservation over most of RAM: ignored when mem_map would not fit. */
	board(PO_3G, GiB(1));
	boot_config_reserve_ram(&bc, 0x40200000, 0x3fe00000);
	boot("");
	expect_line("vmsplit: the firmware's /memreserve/ entries leave no room for mem_map (3040 kB of lowmem "
		    "in one piece for 194560 frames; the largest free piece is 128 kB); ignoring them");
	assert_int_equal(L.rsv.nr_banks, 0);
	/* One that leaves room is kept. */
	board(PO_3G, GiB(1));
	boot_config_reserve_ram(&bc, 0x40200000, 0x20000000);
	boot("");
	expect_no_prefix("vmsplit: the firmware's");
	assert_int_equal(L.rsv.nr_banks, 1);
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
		    "720896 frames; the largest free piece is 6272 kB); using only the bank the kernel is in, "
		    "0x40000000-0x407fffff");
	assert_int_equal(L.mi.nr_banks, 1);
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
	assert_int_equal(L.mi.nr_banks, 1);
}

/* DONT_MAP_HOLE_AFTER_MEMBANK0 (seed 001 example 8): the largest hole in
 * the first 256 MB is skipped by __va/__pa, so the bank after it starts
 * right after the hole's virtual start and more of it is lowmem. */
static void test_dont_map_hole(void **state)
{
	(void)state;
	run(GiB(1), "mem=91M@0x40000000 mem=24M@0x45d00000 mem=493M@0x52000000 vmalloc=400M "
		    "highmem=on reclaim=dont-map-hole");
	assert_int_equal(problems, 0);
	expect_line("vmsplit: reclaim=dont-map-hole: 0x47500000-0x51ffffff (171 MB) is not mapped; "
		    "from 0x52000000 on, __va(p) = p - 0x52000000 + 0xc7500000");
	assert_int_equal(L.hole_start, 0x47500000);
	assert_int_equal(L.hole_end, 0x52000000);
	assert_int_equal(layout_va(&L, 0x474fffff), 0xc74fffff);	/* before: straight */
	assert_int_equal(layout_va(&L, 0x52000000), 0xc7500000);	/* after: bent */
	assert_true(layout_pa(&L, 0xc7500000) == 0x52000000);
	assert_true(layout_pa(&L, 0xc74fffff) == 0x474fffff);
	/* 491 of the 493 MB bank is lowmem now (example 7: 320 MB). */
	assert_int_equal(L.mi.nr_banks, 4);
	assert_true(L.mi.bank[2].start == 0x52000000 && !L.mi.bank[2].highmem);
	assert_int_equal(L.mi.bank[2].size, 491 * SZ_1M);
	assert_true(L.mi.bank[3].highmem);
	assert_int_equal(L.high_memory, 0xe6000000);

	/* The same banks without the option: straight, 320 MB. */
	run(GiB(1), "mem=91M@0x40000000 mem=24M@0x45d00000 mem=493M@0x52000000 vmalloc=400M highmem=on");
	assert_int_equal(L.hole_end, 0);
	assert_int_equal(L.mi.bank[2].size, 320 * SZ_1M);

	/* No hole, an unaligned one, modern rules, a bad value: all straight, each said. */
	run(GiB(1), "reclaim=dont-map-hole");
	expect_line("vmsplit: reclaim=dont-map-hole: no hole between banks in the first 256 MB; the linear map stays straight");
	assert_int_equal(L.hole_end, 0);
	run(GiB(1), "mem=91M@0x40000000 mem=100M@0x45d80000 reclaim=dont-map-hole");
	expect_line("vmsplit: reclaim=dont-map-hole: hole 0x45b00000-0x45d7ffff is not 1 MB aligned; the linear map stays straight");
	assert_int_equal(L.hole_end, 0);
	run(GiB(1), "mem=91M@0x40000000 mem=493M@0x52000000 rules=modern reclaim=dont-map-hole");
	expect_line("vmsplit: reclaim=dont-map-hole is msm-3.4's; with rules=modern the linear map stays straight");
	assert_int_equal(L.hole_end, 0);
	run(GiB(1), "reclaim=sometimes");
	expect_line("vmsplit: reclaim=sometimes: say none, dont-map-hole or vmalloc-saving (keeping none)");
	assert_int_equal(problems, 1);
}

/* ENABLE_VMALLOC_SAVING (seed 001 example 9): the holes in the first
 * 256 MB become vmalloc space, vmalloc_min moves up by their size, and
 * the table interleaves TAB-led vmalloc and lowmem lines as msm prints. */
static void test_vmalloc_saving(void **state)
{
	(void)state;
	run(GiB(1), "mem=91M@0x40000000 mem=24M@0x45d00000 mem=493M@0x52000000 vmalloc=400M "
		    "highmem=on reclaim=vmalloc-saving");
	assert_int_equal(problems, 0);
	/* The block, whole and in order. */
	assert_non_null(strstr(captured(), "    fixmap  : 0xfff00000 - 0xfffe0000   ( 896 kB)\n"
		    "\t   vmalloc : 0xf1000000 - 0xff000000   ( 224 MB)\n"
		    "\t    lowmem : 0xd2000000 - 0xf0d00000   ( 493 MB)\n"
		    "\t   vmalloc : 0xc7500000 - 0xd2000000   ( 171 MB)\n"
		    "\t    lowmem : 0xc5d00000 - 0xc7500000   (  24 MB)\n"
		    "\t   vmalloc : 0xc5b00000 - 0xc5d00000   (   2 MB)\n"
		    "\t    lowmem : 0xc0000000 - 0xc5b00000   (  91 MB)\n"
		    "    pkmap   : 0xbfe00000 - 0xc0000000   (   2 MB)\n"));
	assert_int_equal(L.nr_vm_holes, 2);
	assert_int_equal(L.vmalloc_min, 0xf0d00000);
	assert_int_equal(layout_region_of(&L, 0xc5b00000), REGION_VMALLOC);
	assert_int_equal(layout_region_of(&L, 0xd1ffffff), REGION_VMALLOC);
	assert_int_equal(layout_region_of(&L, 0xd2000000), REGION_LOWMEM);
	assert_false(L.mi.bank[2].highmem);			/* all 608 MB lowmem */
	assert_int_equal(L.mi.nr_banks, 3);

	/* Holes bigger than the vmalloc area (found by the fuzzer): lowmem
	 * must stop short of VMALLOC_END, leaving the top area 16 MB. */
	run(GiB(1), "mem=9M mem=24M@0x45d00000 mem=736M@0x52000000 highmem=on "
		    "reclaim=vmalloc-saving");
	expect_line("vmsplit: reclaim=vmalloc-saving: the holes' 255 MB would push lowmem past "
		    "VMALLOC_END; vmalloc_min moves up 224 MB");
	assert_true(L.high_memory <= L.vmalloc_start && L.vmalloc_start < L.vmalloc_end);
	assert_int_equal(L.vmalloc_end - L.vmalloc_start, SZ_16M);

	/* Without holes there is nothing to save: the usual table. */
	run(GiB(1), "reclaim=vmalloc-saving");
	expect_line("vmsplit: reclaim=vmalloc-saving: no hole between banks in the first 256 MB");
	expect_line("    vmalloc : 0xf0000000 - 0xff000000   ( 240 MB)");
	assert_int_equal(L.nr_vm_holes, 0);
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

/* ===================================================== 7. modern rules */

/* Modern, no highmem, 1 GB: one limit for all RAM; "Ignoring RAM at
 * %pa-%pa" (0x-prefixed, end exclusive) and the HIGHMEM hint; the zone
 * report replaces the "Memory:" bank line. */
static void test_modern_default_1G(void **state)
{
	(void)state;
	run(GiB(1), "rules=modern");
	assert_int_equal(problems, 0);
	expect_output("Ignoring RAM at 0x70000000-0x80000000",
		      "Consider using a HIGHMEM enabled kernel.",
		      "Zone ranges:",
		      "  Normal   [mem 0x0000000040000000-0x000000006fffffff]",
		      "Movable zone start for each node",
		      "Early memory node ranges",
		      "  node   0: [mem 0x0000000040000000-0x000000006fffffff]",
		      "Initmem setup node 0 [mem 0x0000000040000000-0x000000006fffffff]",
		      "Kernel command line: rules=modern",
		      "Virtual kernel memory layout:",
		      "    vector  : 0xffff0000 - 0xffff1000   (   4 kB)", FIXMAP_MODERN,
		      "    vmalloc : 0xf0800000 - 0xff800000   ( 240 MB)",
		      "    lowmem  : 0xc0000000 - 0xf0000000   ( 768 MB)", MODULES_3G);
	assert_int_equal(L.mi.nr_banks, 1);
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
		      "Virtual kernel memory layout:",
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
		      "Virtual kernel memory layout:",
		      "    vector  : 0xffff0000 - 0xffff1000   (   4 kB)", FIXMAP_MODERN,
		      "    vmalloc : 0xf0800000 - 0xff800000   ( 240 MB)",
		      "    lowmem  : 0xc0000000 - 0xf0000000   ( 768 MB)", MODULES_3G);
	assert_int_equal(L.lowmem_limit, 0x70000000);
	assert_int_equal(meminfo_total(&L.mi, BANKS_LOWMEM), MiB(648));

	run(GiB(1), "rules=modern highmem=on mem=136M@0x40000000 mem=768M@0x50000000");
	expect_line("  HighMem  [mem 0x0000000070000000-0x000000007fffffff]");
	assert_int_equal(meminfo_total(&L.mi, BANKS_HIGHMEM), MiB(256));
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
	assert_int_equal(L.mi.nr_banks, 1);
	assert_bank(0, 0x40000000, SZ_2M, false);
	assert_int_equal(L.lowmem_limit, 0x40200000);

	/* A bank starting off a 2 MB boundary: memblock_limit is its start
	 * (0x50100000, rounded down to 0x50000000); the second pass of the
	 * bounds ends lowmem at the last bank kept, 0x44000000. */
	run(GiB(1), "rules=modern mem=64M mem=1M@0x50100000 mem=512M@0x60000000");
	expect_line("Ignoring RAM at 0x50000000-0x80000000");
	assert_int_equal(L.mi.nr_banks, 1);
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

/* ===================================================== 8. VMSPLIT choices */

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
		      "Virtual kernel memory layout:",
		      "    vector  : 0xffff0000 - 0xffff1000   (   4 kB)", FIXMAP_MODERN,
		      "    vmalloc : 0xf0800000 - 0xff800000   ( 240 MB)",
		      "    lowmem  : 0xb0000000 - 0xf0000000   (1024 MB)",
		      "    modules : 0xaf000000 - 0xb0000000   (  16 MB)");
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
		assert_false(layout_region(&L, LINE_PKMAP, &s, &e));
		assert_region(LINE_LOWMEM, po[i], L.high_memory);

		run_split(po[i], GiB(1), "rules=modern highmem=on");
		assert_region(LINE_MODULES, po[i] - SZ_16M, po[i] - SZ_2M);
		assert_region(LINE_PKMAP, po[i] - SZ_2M, po[i]);
		assert_int_equal(L.pkmap_base, po[i] - SZ_2M);
	}
}

/* ============================================ 9. rules tables and printing */

/* The three rows: names, VMALLOC_END and the default gap arithmetic. */
static void test_rules_rows(void **state)
{
	const struct vm_rules *old = find_vm_rules("2.6.36");
	const struct vm_rules *r34 = find_vm_rules("3.4");
	const struct vm_rules *mod = find_vm_rules("modern");

	(void)state;
	assert_int_equal(nr_vm_rules, 3);
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
	assert_true(old->vmalloc_end_is_platform);
	assert_false(r34->vmalloc_end_is_platform);
	assert_false(mod->vmalloc_end_is_platform);
	assert_true(mod->has_3g_opt && !r34->has_3g_opt && !old->has_3g_opt);
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
	assert_false(layout_region(&L, LINE_DMA, &s, &e));
	expect_no_prefix("    DMA");
}

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
	layout_print_setup(&L);
	assert_string_equal(captured(), "");
	layout_print_table(&L, NULL);
	expect_output("Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE,
		      "    vmalloc : 0xe0800000 - 0xff000000   ( 488 MB)",
		      "    lowmem  : 0xc0000000 - 0xe0000000   ( 512 MB)", MODULES_3G);
}

/* ==================== 10. layout_describe, layout_io_address, lowmem RAM */

static void assert_describe(uint32_t va, const char *want)
{
	const char *got = layout_describe(&L, va);

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
	assert_int_equal(L.lowmem_limit, 0x77a432eb);
	assert_describe(0xf7a42fff, "lowmem");
	assert_describe(0xf7a43000, "lowmem, in its last partial page (not mapped)");
}

/* IO_ADDRESS(): block number -> MB of the 16 MB window; UART and GIC. */
static void test_io_address(void **state)
{
	(void)state;
	run(GiB(1), "");
	assert_int_equal(L.io_base, 0xfe000000);
	assert_int_equal(layout_io_address(&L, 0x09000000), 0xfe900000);	/* PL011 */
	assert_int_equal(layout_io_address(&L, 0x08000000), 0xfe800000);	/* GICD */
	assert_int_equal(layout_io_address(&L, 0x08010000), 0xfe810000);	/* GICC */
	assert_int_equal(layout_io_address(&L, 0x0a000000), 0xfea00000);	/* virtio */
	assert_int_equal(layout_io_address(&L, 0x0900ffff), 0xfe90ffff);
	assert_int_equal(layout_io_address(&L, 0x0f0fffff), 0xfeffffff);
	assert_int_equal(layout_io_address(&L, 0x00000000), 0xfe000000);
	/* Not representable: past the first MB of a block, or above 256 MB. */
	assert_int_equal(layout_io_address(&L, 0x09100000), 0);
	assert_int_equal(layout_io_address(&L, 0x08f00000), 0);
	assert_int_equal(layout_io_address(&L, 0x10000000), 0);
	assert_int_equal(layout_io_address(&L, 0x40000000), 0);
	assert_int_equal(layout_io_address(&L, 0x100000000ull), 0);

	run(MiB(512), "rules=2.6.36");
	assert_int_equal(layout_io_address(&L, 0x09000000), 0xe0900000);
	run(GiB(1), "rules=modern");
	assert_int_equal(layout_io_address(&L, 0x09000000), 0xff100000);
	assert_int_equal(layout_io_address(&L, 0x08000000), 0xff000000);
}

/* layout_is_lowmem_ram / layout_is_ram at bank edges. */
static void test_is_lowmem_ram_edges(void **state)
{
	(void)state;
	run(GiB(1), "");
	assert_false(layout_is_lowmem_ram(&L, 0x3fffffff));
	assert_true(layout_is_lowmem_ram(&L, 0x40000000));
	assert_true(layout_is_lowmem_ram(&L, 0x6f7fffff));
	assert_false(layout_is_lowmem_ram(&L, 0x6f800000));
	assert_false(layout_is_ram(&L, 0x6f800000));	/* truncated away */

	run(GiB(1), "highmem=on");
	assert_true(layout_is_lowmem_ram(&L, 0x6f7fffff));
	assert_false(layout_is_lowmem_ram(&L, 0x6f800000));
	assert_true(layout_is_ram(&L, 0x6f800000));
	assert_true(layout_is_ram(&L, 0x7fffffff));
	assert_false(layout_is_ram(&L, 0x80000000));

	run(GiB(1), EX7_LINE);
	assert_true(layout_is_lowmem_ram(&L, 0x45afffff));
	assert_false(layout_is_lowmem_ram(&L, 0x45b00000));
	assert_false(layout_is_ram(&L, 0x45cfffff));
	assert_true(layout_is_lowmem_ram(&L, 0x45d00000));
	assert_true(layout_is_lowmem_ram(&L, 0x474fffff));
	assert_false(layout_is_lowmem_ram(&L, 0x47500000));
	assert_true(layout_is_lowmem_ram(&L, 0x65ffffff));
	assert_false(layout_is_lowmem_ram(&L, 0x66000000));
	assert_true(layout_is_ram(&L, 0x70cfffff));
	assert_false(layout_is_ram(&L, 0x70d00000));
}

/* The linear map and its inverse. */
static void test_linear_map(void **state)
{
	(void)state;
	run(GiB(1), "");
	assert_int_equal(layout_va(&L, 0x40000000), 0xc0000000);
	assert_int_equal(layout_va(&L, 0x6f800000), 0xef800000);
	assert_int_equal(layout_pa(&L, 0xc0000000), 0x40000000);
	assert_int_equal(layout_pa(&L, 0xffffffff), 0x7fffffff);
	run_split(PO_1G, GiB(1), "");
	assert_int_equal(layout_va(&L, 0x40000000), 0x40000000);
	assert_int_equal(layout_pa(&L, 0x7fffffff), 0x7fffffff);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* 1. memparse */
		cmocka_unit_test(test_memparse_decimal),
		cmocka_unit_test(test_memparse_hex),
		cmocka_unit_test(test_memparse_octal),
		cmocka_unit_test(test_memparse_suffixes),
		cmocka_unit_test(test_memparse_not_a_number),
		cmocka_unit_test(test_memparse_suffix_alone),
		cmocka_unit_test(test_memparse_trailing_junk),
		cmocka_unit_test(test_parse_size_accepts),
		cmocka_unit_test(test_parse_size_rejects),
		cmocka_unit_test(test_parse_u32),
		/* 2. command line */
		cmocka_unit_test(test_cmdline_empty),
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
		/* 3. seeds */
		cmocka_unit_test(test_seed000_truncation),
		cmocka_unit_test(test_seed000_with_image),
		cmocka_unit_test(test_seed000_fixed),
		cmocka_unit_test(test_seed001_vmalloc408),
		cmocka_unit_test(test_seed001_vmalloc408_with_image),
		cmocka_unit_test(test_seed001_example7),
		cmocka_unit_test(test_seed001_example7_with_image),
		cmocka_unit_test(test_meminfo_line_is_memblock_regions),
		cmocka_unit_test(test_meminfo_line_separate_banks),
		cmocka_unit_test(test_seed001_example1),
		cmocka_unit_test(test_seed001_example2),
		cmocka_unit_test(test_seed001_example3),
		cmocka_unit_test(test_seed001_example4),
		cmocka_unit_test(test_seed001_example5),
		/* 4. vmalloc= */
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
		/* 5. lowmem / highmem / banks */
		cmocka_unit_test(test_bank_ending_at_vmalloc_min),
		cmocka_unit_test(test_highmem_off_ignores_bank_above),
		cmocka_unit_test(test_highmem_on_keeps_bank_above),
		cmocka_unit_test(test_highmem_split_crossing_bank),
		cmocka_unit_test(test_highmem_2_6_36_pkmap),
		cmocka_unit_test(test_nr_banks_ninth_mem),
		cmocka_unit_test(test_nr_banks_highmem_split),
		/* 6. mem= */
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
		/* 7. modern */
		cmocka_unit_test(test_modern_default_1G),
		cmocka_unit_test(test_modern_highmem_1G),
		cmocka_unit_test(test_modern_small_ram),
		cmocka_unit_test(test_modern_hole),
		cmocka_unit_test(test_modern_unaligned_bank_end),
		cmocka_unit_test(test_modern_memory_line),
		/* 8. splits */
		cmocka_unit_test(test_split_2G_and_1G),
		cmocka_unit_test(test_split_3G_OPT_modern),
		cmocka_unit_test(test_split_1G_with_3G_ram),
		cmocka_unit_test(test_split_wrap_truncates),
		cmocka_unit_test(test_split_modules_and_pkmap),
		/* 9. rules and printing */
		cmocka_unit_test(test_rules_rows),
		cmocka_unit_test(test_rules_table_order),
		cmocka_unit_test(test_rules_dma_region),
		cmocka_unit_test(test_print_section_order),
		cmocka_unit_test(test_print_table_and_setup),
		/* 10. describe / IO / lowmem RAM */
		cmocka_unit_test(test_describe_3_4),
		cmocka_unit_test(test_describe_highmem),
		cmocka_unit_test(test_describe_2_6_36),
		cmocka_unit_test(test_describe_modern),
		cmocka_unit_test(test_describe_holes_and_highmem),
		cmocka_unit_test(test_io_address),
		cmocka_unit_test(test_is_lowmem_ram_edges),
		cmocka_unit_test(test_linear_map),
	};

	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
