/*
 * printk for the kernel: format with newlib-nano, write to the console.
 *
 * Until start_kernel() knows the console (the device tree names it) the
 * lines wait in log_buf, as Linux's do until a console registers;
 * console_start() prints them and from then on lines go straight out.
 *
 * With printk.time=1 (Linux's parameter) each line of the boot begins with
 * its time since power-on, "[    0.012345] ", from the generic timer: the
 * time the line was printed, also for the lines that waited in log_buf
 * (their times are kept beside them).  The shell's output is not stamped:
 * in Linux it would be user space's.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "arm/cp15.h"
#include "cmdline.h"
#include "console.h"
#include "pl011.h"
#include "printk.h"
#include "spinlock.h"

static char log_buf[8192];
static size_t log_len, log_lost;
static bool console_up;
/* printk.time: when each waiting line began (CNTVCT), and whether a line
 * is begun (the next character starts one). */
#define LOG_STAMPS	64	/* the boot prints about 15 lines before its console */
static uint64_t log_stamp[LOG_STAMPS];
static unsigned nr_log_stamps;
static bool stamps_on, at_line_start = true;
/* One CPU's line at a time, whole.  Recursive: a fault while printing
 * prints its report from inside printk on the same CPU. */
static struct rec_lock console_lock = REC_LOCK_INIT;

/* Serial terminals want CR LF: each '\n' goes out as "\r\n". */
static void uart_write_n(const char *s, size_t len)
{
	const char *end = s + len;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);

		pl011_write(s, n);
		s += n;
		if (s < end) {
			pl011_write("\r\n", 2);
			s++;
		}
	}
}

static void uart_write(const char *s)
{
	uart_write_n(s, strlen(s));
}

/* The length of s's first line, its '\n' included. */
static size_t line_len(const char *s)
{
	size_t k = strcspn(s, "\n");

	return k + (s[k] == '\n');
}

/* "[    1.234567] ": seconds and microseconds since power-on, as Linux's. */
static void write_stamp(uint64_t ticks)
{
	uint32_t freq = read_cntfrq();
	uint64_t us = freq ? ticks * 1000000u / freq : 0;
	char buf[24];

	snprintf(buf, sizeof(buf), "[%5u.%06u] ", (unsigned)(us / 1000000u), (unsigned)(us % 1000000u));
	uart_write(buf);
}

static void console_write(const char *s)
{
	size_t n = strlen(s);

	if (console_up) {
		/* Line by line, so that each may begin with its time. */
		while (*s) {
			size_t k = line_len(s);

			if (at_line_start && stamps_on)
				write_stamp(read_cntvct());
			uart_write_n(s, k);
			at_line_start = s[k - 1] == '\n';
			s += k;
		}
		return;
	}
	if (n > sizeof(log_buf) - 1 - log_len) {
		log_lost += n;
		return;
	}
	/* Each line's time, kept for printk.time (not known yet). */
	for (size_t i = 0; i < n; i++) {
		if (at_line_start && nr_log_stamps < LOG_STAMPS)
			log_stamp[nr_log_stamps++] = read_cntvct();
		at_line_start = s[i] == '\n';
	}
	memcpy(log_buf + log_len, s, n + 1);
	log_len += n;
}

void printk_time(bool on)
{
	stamps_on = on;
}

/* The waiting lines, each with its time when printk.time asks for it
 * (lines past LOG_STAMPS go out without one). */
static void write_log_buf(void)
{
	const char *s = log_buf;

	for (unsigned i = 0; *s; i++) {
		size_t k = line_len(s);

		if (stamps_on && i < nr_log_stamps)
			write_stamp(log_stamp[i]);
		uart_write_n(s, k);
		s += k;
	}
}

void console_start(void)
{
	console_up = true;
	write_log_buf();
	log_len = 0;
	if (log_lost)
		printk("[printk: %u bytes before the console did not fit in the log]\n",
		       (unsigned)log_lost);
}

bool console_started(void)
{
	return console_up;
}

/* The longest line is "Kernel command line: " and 1023 bytes of it. */
#define LOG_LINE_MAX	(COMMAND_LINE_SIZE + 128)

int printk(const char *fmt, ...)
{
	char buf[LOG_LINE_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	rec_lock(&console_lock);
	console_write(buf);
	if (n >= (int)sizeof(buf))
		console_write(" [printk: line cut]\n");
	rec_unlock(&console_lock);
	return n;
}
