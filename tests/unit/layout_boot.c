/* Booting the layout the way tools/memlayout.c does, and comparing what
 * was printed line by line (tests/unit/layout_boot.h). */
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

struct boot_config bc;
struct layout lay;
int parse_problems;


/* boot_config_init + the firmware's RAM, as memlayout's main does. */
void board(uint32_t page_offset, uint64_t ram)
{
	capture_reset();
	boot_config_init(&bc, page_offset, RAM_BASE);
	bc.built_page_offset = 0;
	boot_config_add_ram(&bc, RAM_BASE, ram);
}

/* A board with RAM anywhere: PHYS_OFFSET and the banks as given. */
void board_at(uint32_t page_offset, phys_addr_t phys_offset, const struct membank *banks, int n)
{
	capture_reset();
	boot_config_init(&bc, page_offset, phys_offset);
	bc.built_page_offset = 0;
	for (int i = 0; i < n; i++)
		boot_config_add_ram(&bc, banks[i].start, banks[i].size);
}

/* The rest of memlayout's main, with optional page counts and image. */
void boot_with(const char *cmdline, const struct mem_counts *counts,
		      const struct image_sections *img)
{
	parse_problems = boot_config_parse(&bc, cmdline);
	layout_decide(&bc, &lay);
	layout_print_format(&lay);	/* nothing for the short format */
	layout_print_setup(&lay);
	printk("Kernel command line: %s\n", cmdline ? cmdline : "");
	boot_config_report_unknown(&bc);
	layout_print_mem_init(&lay, counts, img);
}

void boot(const char *cmdline)
{
	boot_with(cmdline, NULL, NULL);
}

/* The common case: VMSPLIT_3G, RAM at 0x40000000. */
void run(uint64_t ram, const char *cmdline)
{
	board(PO_3G, ram);
	boot(cmdline);
}

void run_split(uint32_t page_offset, uint64_t ram, const char *cmdline)
{
	board(page_offset, ram);
	boot(cmdline);
}

/* Length of the line starting at s (without its '\n'). */
size_t line_len(const char *s)
{
	const char *nl = strchr(s, '\n');

	return nl ? (size_t)(nl - s) : strlen(s);
}

const char *next_line(const char *s)
{
	const char *nl = strchr(s, '\n');

	return nl ? nl + 1 : s + strlen(s);
}

bool line_is(const char *s, const char *want)
{
	return line_len(s) == strlen(want) && strncmp(s, want, strlen(want)) == 0;
}

/* The start of the first line of text equal to want, or NULL. */
const char *find_line(const char *text, const char *want)
{
	for (const char *s = text; *s; s = next_line(s))
		if (line_is(s, want))
			return s;
	return NULL;
}

/* The whole output after a failure message: print_error() keeps only
 * about 1 KB per call, so the text goes out in pieces. */
void dump_output(void)
{
	const char *s = captured();
	size_t n = strlen(s);

	print_error("--- whole output ---\n");
	for (size_t i = 0; i < n; i += 512)
		print_error("%.*s", (int)(n - i < 512 ? n - i : 512), s + i);
	print_error("--- end of output ---\n");
}

/* text, from its start to its end, must be exactly the lines of want[]. */
void check_lines(const char *text, const char *const *want,
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
void check_from(const char *first, const char *const *want,
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

void check_until(const char *text, const char *last, const char *const *want,
		 const char *file, int line)
{
	const char *end = find_line(text, last);
	static char head[1 << 16];
	size_t n;

	if (!end) {
		print_error("no line \"%s\" in the output\n", last);
		dump_output();
		_fail(file, line);
	}
	n = (size_t)(next_line(end) - text);
	assert_true(n < sizeof(head));
	memcpy(head, text, n);
	head[n] = '\0';
	if (n && head[n - 1] == '\n')
		head[n - 1] = '\0';
	check_lines(head, want, file, line);
}

const char *const *concat_lines(const char *const *a, const char *const *b)
{
	static const char *lines[64];
	size_t n = 0;

	for (; *a; a++, n++) {
		assert_true(n < 63);
		lines[n] = *a;
	}
	for (; *b; b++, n++) {
		assert_true(n < 63);
		lines[n] = *b;
	}
	lines[n] = NULL;
	return lines;
}

void check_has(const char *want, bool present, const char *file, int line)
{
	if ((find_line(captured(), want) != NULL) != present) {
		print_error("expected %s line \"%s\" in the output\n",
			    present ? "a" : "no", want);
		dump_output();
		_fail(file, line);
	}
}

/* No line of the output starts with prefix. */
void check_no_prefix(const char *prefix, const char *file, int line)
{
	for (const char *s = captured(); *s; s = next_line(s))
		if (strncmp(s, prefix, strlen(prefix)) == 0) {
			print_error("unexpected line \"%.*s\" in the output\n",
				    (int)line_len(s), s);
			dump_output();
			_fail(file, line);
		}
}

int count_lines_with(const char *what)
{
	int n = 0;

	for (const char *s = captured(); *s; s = next_line(s))
		if (strstr(s, what) && strstr(s, what) < s + line_len(s))
			n++;
	return n;
}



void assert_region(enum layout_line line, uint32_t start, uint32_t end)
{
	uint32_t s = 0, e = 0;

	assert_true(layout_region(&lay, line, &s, &e));
	assert_int_equal(s, start);
	assert_int_equal(e, end);
}

void assert_bank(int i, uint64_t start, uint64_t size, bool highmem)
{
	assert_true(i < lay.mi.nr_banks);
	assert_int_equal(lay.mi.bank[i].start, start);
	assert_int_equal(lay.mi.bank[i].size, size);
	assert_int_equal(lay.mi.bank[i].highmem, highmem);
}

/* lowmem ends at this physical address; vmalloc starts at the next 8 MB
 * boundary at least 8 MB above __va(limit). */
void assert_lowmem_end(uint64_t limit)
{
	uint32_t hm = (uint32_t)(limit - lay.phys_offset + lay.page_offset);

	assert_int_equal(lay.lowmem_limit, limit);
	assert_int_equal(lay.high_memory, hm);
	assert_int_equal(lay.vmalloc_start, (hm + SZ_8M) & ~(SZ_8M - 1));
}

void assert_str(const char *got, const char *want)
{
	assert_non_null(got);
	assert_string_equal(got, want);
}

/* A command line of exactly n bytes: "console=xxxx..." then tail. */
char long_line[2048];

const char *make_line(size_t n, const char *tail)
{
	size_t t = strlen(tail);

	assert_true(n < sizeof(long_line) && n >= t + 10);
	memcpy(long_line, "console=", 8);
	memset(long_line + 8, 'x', n - t - 8);
	memcpy(long_line + n - t, tail, t);
	long_line[n] = '\0';
	return long_line;
}

phys_addr_t meminfo_total(const struct meminfo *mi, enum bank_filter f)
{
	phys_addr_t sum = 0;

	for (int i = 0; i < mi->nr_banks; i++) {
		const struct membank *b = &mi->bank[i];

		if (f == BANKS_ALL || (f == BANKS_HIGHMEM) == b->highmem)
			sum += b->size;
	}
	return sum;
}
