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

#include <errno.h>

#include "boards.h"
#include "cmdline.h"
#include "memlayout_run.h"
#include "rules.h"

#define WEB_EXPORT(name) __attribute__((export_name(#name)))

#define MAX_ARGS	64

/* One growing text: stdout or stderr of the run. */
struct text {
	char *buf;
	size_t len, cap;
};

static struct text out, err;
static char *svg;

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

/* memlayout_run()'s files: --dtb NAME and --from-dmesg NAME read the bytes
 * the page put in dtb_buf (a device tree, or a pasted boot log; NAME is
 * for the messages), --svg FILE is the picture in memory. */
static size_t dtb_len_now;

static long read_file(const char *path, void *buf, size_t cap)
{
	(void)path;
	if (!dtb_len_now) {
		errno = ENOENT;
		return -1;
	}
	if (dtb_len_now < cap)
		cap = dtb_len_now;
	memcpy(buf, dtb_buf, cap);
	return (long)cap;
}

static FILE *open_svg(const char *path)
{
	size_t size;

	(void)path;
	free(svg);
	svg = NULL;
	return open_memstream(&svg, &size);
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

/* The boards the core knows by name (--board NAME), with their RAM base,
 * for the page's board list. */
WEB_EXPORT(web_nr_boards) unsigned web_nr_boards(void) { return nr_board_rams; }
WEB_EXPORT(web_board_name) const char *web_board_name(unsigned i)
{
	return i < nr_board_rams ? board_rams[i].name : "";
}
WEB_EXPORT(web_board_ram_base) unsigned long long web_board_ram_base(unsigned i)
{
	return i < nr_board_rams ? (unsigned long long)board_rams[i].ram_base : 0;
}

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
 * memlayout's run (tools/memlayout_run.c, the tool's own code).  The args
 * buffer holds nargs NUL-terminated strings, memlayout's options; --svg
 * alone means the picture, to web_svg() (the tool's --svg FILE); --dtb
 * NAME reads the first dtb_len bytes of web_dtb().  Returns memlayout's
 * exit status; its stdout and stderr are web_out() and web_err().
 */
WEB_EXPORT(web_run) int web_run(int nargs, size_t dtb_len)
{
	static char *argv[MAX_ARGS + 2];
	static char svg_name[] = "page.svg", name[] = "memlayout";
	char *p = args_buf, *ob = NULL, *eb = NULL;
	size_t olen = 0, elen = 0;
	int argc = 0, status;
	FILE *o, *e;

	free(svg);
	svg = NULL;
	args_buf[sizeof(args_buf) - 1] = 0;
	argv[argc++] = name;
	for (int i = 0; i < nargs && argc < MAX_ARGS && p < args_buf + sizeof(args_buf) - 1; i++) {
		argv[argc++] = p;
		if (!strcmp(p, "--svg"))
			argv[argc++] = svg_name;
		p += strlen(p) + 1;
	}
	argv[argc] = NULL;
	dtb_len_now = dtb_len > sizeof(dtb_buf) ? sizeof(dtb_buf) : dtb_len;
	o = open_memstream(&ob, &olen);
	e = open_memstream(&eb, &elen);
	if (!o || !e)
		return 2;
	{
		const struct memlayout_io io = { o, e, read_file, open_svg, fclose };

		status = memlayout_run(argc, argv, &io);
	}
	fclose(o);
	fclose(e);
	out.len = err.len = 0;
	if (out.buf)
		out.buf[0] = 0;
	if (err.buf)
		err.buf[0] = 0;
	text_add(&out, "%s", ob ? ob : "");
	text_add(&err, "%s", eb ? eb : "");
	free(ob);
	free(eb);
	return status;
}
