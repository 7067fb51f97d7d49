/*
 * printk for the kernel: format with newlib-nano, write to the console.
 *
 * Until start_kernel() knows the console (the device tree names it) the
 * lines wait in log_buf, as Linux's do until a console registers;
 * console_start() prints them and from then on lines go straight out.
 *
 * log_buf keeps the whole boot, up to the first prompt (printk_boot_done),
 * each line with the time it was printed: `dmesg` prints it again, as
 * Linux's dmesg prints the kernel's log, "[    0.012345] " before each
 * line (seconds since power-on, the generic timer).  With printk.time=1
 * (Linux's parameter) the boot's lines go out with those times on the
 * console too, the ones that waited included.  The shell's output is
 * neither kept nor stamped: in Linux it would be user space's.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "arch_timer.h"
#include "arm/cp15.h"
#include "cmdline.h"
#include "console.h"
#include "pl011.h"
#include "printk.h"
#include "shell.h"
#include "spinlock.h"

static char log_buf[8192];
static size_t log_len, log_lost;
static bool console_up, boot_done;
/* When each line of log_buf began (CNTVCT), and whether a line is begun
 * (the next character starts one). */
#define LOG_STAMPS	160	/* a 4-CPU LPAE boot prints about 60 lines */
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

/* "[    1.234567] ": seconds and microseconds since power-on, as Linux's,
 * for a counter reading. */
#define STAMP_SIZE	24

static const char *stamp(char buf[STAMP_SIZE], uint64_t ticks)
{
	uint64_t us = counter_us(ticks);

	snprintf(buf, STAMP_SIZE, "[%5u.%06u] ", (unsigned)(us / 1000000u), (unsigned)(us % 1000000u));
	return buf;
}

static void write_stamp(uint64_t ticks)
{
	char buf[STAMP_SIZE];

	uart_write(stamp(buf, ticks));
}

/* Into log_buf, each line begun here stamped now: while the boot lasts
 * and it fits (false when it does not). */
static bool keep(const char *s, size_t n, uint64_t now)
{
	if (boot_done || n > sizeof(log_buf) - 1 - log_len)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (at_line_start && nr_log_stamps < LOG_STAMPS)
			log_stamp[nr_log_stamps++] = now;
		at_line_start = s[i] == '\n';
	}
	memcpy(log_buf + log_len, s, n + 1);
	log_len += n;
	return true;
}

static void console_write(const char *s)
{
	if (!console_up) {
		if (!keep(s, strlen(s), read_cntvct()))
			log_lost += strlen(s);
		return;
	}
	/* Line by line, so that each may begin with its time. */
	while (*s) {
		size_t k = line_len(s);
		bool start = at_line_start;
		uint64_t now = read_cntvct();

		if (!keep(s, k, now)) {
			if (!boot_done)
				log_lost += k;	/* the log is full: dmesg says so */
			at_line_start = s[k - 1] == '\n';
		}
		if (start && stamps_on)
			write_stamp(now);
		uart_write_n(s, k);
		s += k;
	}
}

void printk_time(bool on)
{
	stamps_on = on;
}

void printk_boot_done(void)
{
	boot_done = true;
	stamps_on = false;
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
	if (log_lost)
		printk("[printk: %u bytes before the console did not fit in the log]\n",
		       (unsigned)log_lost);
}

bool console_started(void)
{
	return console_up;
}

/* `dmesg`: the boot's log again, every line with its time. */
static int cmd_dmesg(int argc, char **argv)
{
	const char *s = log_buf;

	(void)argc; (void)argv;
	for (unsigned i = 0; *s; i++) {
		size_t k = line_len(s);
		char buf[STAMP_SIZE];

		printk("%s%.*s", stamp(buf, i < nr_log_stamps ? log_stamp[i] : 0), (int)k, s);
		s += k;
	}
	if (log_buf[0] && log_buf[log_len - 1] != '\n')
		printk("\n");
	if (log_lost)
		printk("dmesg: %u bytes of the boot did not fit in the log (%u bytes)\n", (unsigned)log_lost,
		       (unsigned)sizeof(log_buf));
	return 0;
}

SHELL_COMMAND(425, dmesg, cmd_dmesg, 0, 0, "",
	      "the boot's log again, each line with its time since power-on (Linux's dmesg)", "dmesg");

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
