/*
 * printk for the kernel: format with newlib-nano, write to the console.
 *
 * Until start_kernel() knows the console (the device tree names it) the
 * lines wait in log_buf, as Linux's do until a console registers;
 * console_start() prints them and from then on lines go straight out.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cmdline.h"
#include "console.h"
#include "pl011.h"
#include "printk.h"
#include "spinlock.h"

static char log_buf[8192];
static size_t log_len, log_lost;
static bool console_up;
/* One CPU's line at a time, whole.  Recursive: a fault while printing
 * prints its report from inside printk on the same CPU. */
static struct rec_lock console_lock = REC_LOCK_INIT;

/* Serial terminals want CR LF: each '\n' goes out as "\r\n". */
static void uart_write(const char *s)
{
	while (*s) {
		size_t n = strcspn(s, "\n");

		pl011_write(s, n);
		s += n;
		if (*s == '\n') {
			pl011_write("\r\n", 2);
			s++;
		}
	}
}

static void console_write(const char *s)
{
	size_t n = strlen(s);

	if (console_up) {
		uart_write(s);
		return;
	}
	if (n > sizeof(log_buf) - 1 - log_len) {
		log_lost += n;
		return;
	}
	memcpy(log_buf + log_len, s, n + 1);
	log_len += n;
}

void console_start(void)
{
	console_up = true;
	uart_write(log_buf);
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
