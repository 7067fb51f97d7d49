/* printk for the kernel: format with newlib-nano, write to the console. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmdline.h"
#include "pl011.h"
#include "printk.h"

/* Serial terminals want CR LF: each '\n' goes out as "\r\n". */
static void console_write(const char *s)
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
	console_write(buf);
	if (n >= (int)sizeof(buf))
		console_write(" [printk: line cut]\n");
	return n;
}
