/*
 * Up to cap bytes of the file at path into buf: the byte count, or -1
 * (errno says why).  The host's reader for memlayout's one input file (a
 * device tree for --dtb, a boot log for --from-dmesg); the page hands the
 * same code the bytes it was given instead (web/wasm_main.c).
 */
#ifndef VMSPLIT_FILE_READ_H
#define VMSPLIT_FILE_READ_H

#include <stdio.h>

static inline long file_read(const char *path, void *buf, size_t cap)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, cap, f);
	fclose(f);
	return (long)n;
}

#endif
