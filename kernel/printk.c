/* printk for the kernel: format with newlib-nano, write to the console. */
#include <stdarg.h>
#include <stdio.h>

#include "pl011.h"
#include "printk.h"

static void console_write(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			pl011_putc('\r');	/* serial terminals want CR LF */
		pl011_putc(*s);
	}
}

int printk(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	console_write(buf);
	return n;
}
