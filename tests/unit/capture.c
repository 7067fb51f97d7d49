#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "printk.h"
#include "capture.h"

static char buf[1 << 16];
static size_t used;

void capture_reset(void)
{
	used = 0;
	buf[0] = '\0';
}

const char *captured(void)
{
	return buf;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf + used, sizeof(buf) - used, fmt, ap);
	va_end(ap);
	if (n > 0)
		used += (size_t)n < sizeof(buf) - used ? (size_t)n : sizeof(buf) - used - 1;
	return n;
}
