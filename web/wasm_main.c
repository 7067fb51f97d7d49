/*
 * The browser's entry point: memlayout's run, compiled to WebAssembly.
 *
 * The page (web/app.js) hands over the same arguments `memlayout` takes,
 * as NUL-separated strings in one buffer, and a device tree blob in a
 * second one when the board has one.  web_run() then calls the core in
 * the order tools/memlayout.c does (boot_config_init, the RAM, the
 * command line, layout_decide, the layout_print_* reports, layout_svg),
 * so what the page shows is what the host tool prints, character for
 * character: no rule of the layout exists in JavaScript.  tests/web_test.py
 * holds the two side by side for every scenario and more.
 *
 * Three texts come back: what the tool prints on stdout (printk), what it
 * prints on stderr, and the SVG; web_out(), web_err(), web_svg() point at
 * them, NUL-terminated, until the next web_run().
 */
/* open_memstream() is POSIX 2008: the SVG writer takes a FILE *. */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "fdt.h"
#include "layout_print.h"
#include "layout_svg.h"
#include "memparse.h"
#include "printk.h"
#include "rules.h"

#define WEB_EXPORT(name) __attribute__((export_name(#name)))

#define VIRT_RAM_BASE	0x40000000ull	/* QEMU virt: RAM always starts here */
#define MAX_ARGS	64

/* One growing text: stdout or stderr of the run. */
struct text {
	char *buf;
	size_t len, cap;
};

static struct text out, err;
static char *svg;
static bool quiet;	/* while reading a device tree, as memlayout */

static char args_buf[16384];
static unsigned char dtb_buf[1 << 20];

static void text_vadd(struct text *t, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, again);
	va_end(again);
	if (n < 0)
		return;
	if (t->len + (size_t)n + 1 > t->cap) {
		size_t cap = (t->len + (size_t)n + 1) * 2;
		char *p = realloc(t->buf, cap);

		if (!p)
			return;
		t->buf = p;
		t->cap = cap;
	}
	vsnprintf(t->buf + t->len, (size_t)n + 1, fmt, ap);
	t->len += (size_t)n;
}

static void __attribute__((format(printf, 2, 3))) text_add(struct text *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	text_vadd(t, fmt, ap);
	va_end(ap);
}

/* The core's one output: memlayout sends it to stdout, the page to `out`. */
int printk(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return 0;
	va_start(ap, fmt);
	text_vadd(&out, fmt, ap);
	va_end(ap);
	return 0;
}

/* QEMU reads -m as megabytes unless a suffix says otherwise (as memlayout). */
static bool parse_qemu_mem(const char *s, uint64_t *bytes)
{
	const char *end;
	uint64_t v = memparse(s, &end);

	if (end == s || *end)
		return false;
	if (end[-1] >= '0' && end[-1] <= '9')
		v <<= 20;
	*bytes = v;
	return v != 0;
}

/* The blob's RAM and holes through the kernel's reader, and what the
 * kernel (and memlayout) does with a tree it cannot use. */
static void ram_from_dtb(const char *name, size_t n, struct boot_config *bc)
{
	static struct board_info b;
	int e;

	quiet = true;
	e = board_from_fdt(&b, dtb_buf, n);
	quiet = false;
	if (e < 0 || !b.nr_mem) {
		text_add(&err, "memlayout: --dtb %s: %s; as the kernel, assuming QEMU virt's 128 MB at 0x40000000\n",
			 name, e < 0 ? fdt_strerror(e) : "no usable memory in it");
		boot_config_add_ram(bc, VIRT_RAM_BASE, FALLBACK_RAM_SIZE);
		if (e < 0)
			return;
	}
	board_to_boot_config(&b, bc);
}

static void make_svg(const struct layout *l, const struct boot_config *bc, const char *cmdline)
{
	char title[1200];
	size_t size;
	FILE *f = open_memstream(&svg, &size);

	if (!f)
		return;
	/* The same title memlayout --svg writes, markup characters replaced. */
	snprintf(title, sizeof(title), "vmsplit: \"%s\"", cmdline);
	for (char *p = title; *p; p++)
		if (*p == '<' || *p == '>' || *p == '&')
			*p = '?';
	layout_svg(f, l, bc, title);
	fclose(f);
}

/* Where the page writes its arguments and the device tree. */
WEB_EXPORT(web_args) char *web_args(void) { return args_buf; }
WEB_EXPORT(web_args_size) size_t web_args_size(void) { return sizeof(args_buf); }
WEB_EXPORT(web_dtb) unsigned char *web_dtb(void) { return dtb_buf; }
WEB_EXPORT(web_dtb_size) size_t web_dtb_size(void) { return sizeof(dtb_buf); }

/* The run's texts, NUL-terminated ("" when there is none). */
WEB_EXPORT(web_out) const char *web_out(void) { return out.buf ? out.buf : ""; }
WEB_EXPORT(web_err) const char *web_err(void) { return err.buf ? err.buf : ""; }
WEB_EXPORT(web_svg) const char *web_svg(void) { return svg ? svg : ""; }

/* The eras the core knows (rules=NAME), for the page's side-by-side view. */
WEB_EXPORT(web_nr_rules) unsigned web_nr_rules(void) { return nr_vm_rules; }
WEB_EXPORT(web_rules_name) const char *web_rules_name(unsigned i)
{
	return i < nr_vm_rules ? vm_rules[i].name : "";
}
WEB_EXPORT(web_rules_versions) const char *web_rules_versions(unsigned i)
{
	return i < nr_vm_rules ? vm_rules[i].versions : "";
}
WEB_EXPORT(web_default_rules) const char *web_default_rules(void) { return default_rules->name; }

/* The splits the core knows (split=NAME, --built-for NAME), highest
 * PAGE_OFFSET first: every 16 MB boundary asked of the core's own table,
 * so the page lists exactly the names the command line accepts. */
WEB_EXPORT(web_split_name) const char *web_split_name(unsigned i)
{
	for (uint32_t top = 0xff; top > 0; top--) {
		const char *name = split_name(top << 24);

		if (name && i-- == 0)
			return name;
	}
	return "";
}

/*
 * memlayout's run.  The args buffer holds nargs NUL-terminated strings,
 * memlayout's options: -m SIZE, --built-for SPLIT, --lpae, --svg (no file:
 * the picture goes to web_svg()), --dtb NAME (the blob is the first dtb_len
 * bytes of web_dtb(); NAME is only for the messages), the command line.
 * Returns memlayout's exit status.
 */
WEB_EXPORT(web_run) int web_run(int nargs, size_t dtb_len)
{
	static struct boot_config bc;
	static struct layout l;
	const char *argv[MAX_ARGS];
	const char *cmdline = "", *dtb = NULL;
	uint64_t ram = 1ull << 30;
	uint32_t built_for = 0;
	bool lpae = false, want_svg = false;
	char *p = args_buf;
	int argc = 0;

	out.len = err.len = 0;
	if (out.buf)
		out.buf[0] = 0;
	if (err.buf)
		err.buf[0] = 0;
	free(svg);
	svg = NULL;

	args_buf[sizeof(args_buf) - 1] = 0;
	while (argc < nargs && argc < MAX_ARGS && p < args_buf + sizeof(args_buf) - 1) {
		argv[argc++] = p;
		p += strlen(p) + 1;
	}
	if (dtb_len > sizeof(dtb_buf))
		dtb_len = sizeof(dtb_buf);

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-m") && i + 1 < argc) {
			if (!parse_qemu_mem(argv[++i], &ram)) {
				text_add(&err, "memlayout: -m %s: not a size\n", argv[i]);
				return 2;
			}
		} else if (!strcmp(argv[i], "--built-for") && i + 1 < argc) {
			if (!split_from_name(argv[++i], &built_for)) {
				text_add(&err, "memlayout: --built-for %s: choose 3G, 3G_OPT, 2G or 1G\n", argv[i]);
				return 2;
			}
		} else if (!strcmp(argv[i], "--lpae")) {
			lpae = true;
		} else if (!strcmp(argv[i], "--svg")) {
			want_svg = true;
		} else if (!strcmp(argv[i], "--dtb") && i + 1 < argc) {
			dtb = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			text_add(&err, "memlayout: unknown option %s\n", argv[i]);
			return 2;
		} else {
			cmdline = argv[i];
		}
	}

	if (lpae && built_for && !split_info_of(built_for)->lpae_ok) {
		text_add(&err, "memlayout: --lpae --built-for %s: %s\n", split_name(built_for),
			 split_info_of(built_for)->lpae_refusal);
		return 2;
	}
	boot_config_init(&bc, built_for ? built_for : 0xc0000000, VIRT_RAM_BASE);
	bc.built_page_offset = built_for;
	bc.lpae = lpae;		/* before any RAM: it decides what is kept */
	if (!dtb)
		boot_config_add_ram(&bc, VIRT_RAM_BASE, ram);
	else
		ram_from_dtb(dtb, dtb_len, &bc);
	boot_config_parse(&bc, cmdline);
	if (bc.lpae_refused) {
		text_add(&err, "memlayout: --lpae: refused (see above)\n");
		return 2;
	}
	layout_decide(&bc, &l);
	layout_print_format(&l);
	layout_print_setup(&l);
	printk("Kernel command line: %s\n", cmdline);
	boot_config_report_unknown(&bc);
	layout_print_mem_init(&l, NULL, NULL);
	if (want_svg)
		make_svg(&l, &bc, cmdline);
	return 0;
}
