/*
 * libFuzzer harness: a boot log, as anyone may paste one into the page.
 *
 * The input is the log.  memlayout's own run (tools/memlayout_run.c) reads
 * it for --from-dmesg exactly as the browser's module does, from the bytes
 * it was handed: the reader, the plan it makes of what the log says, the
 * decisions run to find the split, and the comparison, line by line.  Any
 * text must end in exit status 0, 1 or 2 (every line the same, lines
 * differ, nothing usable), never a crash or an out-of-bounds access.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlayout_run.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t *input;
static size_t input_size;

static long read_input(const char *path, void *buf, size_t cap)
{
	(void)path;
	if (input_size < cap)
		cap = input_size;
	memcpy(buf, input, cap);
	return (long)cap;
}

static FILE *no_svg(const char *path)
{
	(void)path;
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	static char name[] = "memlayout", opt[] = "--from-dmesg", file[] = "pasted.log";
	char *argv[] = { name, opt, file, NULL };
	int status;

	if (!sink && !(sink = fopen("/dev/null", "w")))
		abort();
	input = data;
	input_size = size;
	{
		const struct memlayout_io io = { sink, sink, read_input, no_svg, fclose };

		status = memlayout_run(3, argv, &io);
	}
	if (status < 0 || status > 2)
		abort();
	return 0;
}
