/*
 * memlayout: the kernel's layout decision, run on the host
 * (tools/memlayout_run.c does the work; this gives it the terminal and
 * the file system).
 */
#include <stdio.h>

#include "memlayout_run.h"

static long read_file(const char *path, void *buf, size_t cap)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, cap, f);
	fclose(f);
	return (long)n;
}

static FILE *open_svg(const char *path)
{
	return fopen(path, "w");
}

int main(int argc, char **argv)
{
	const struct memlayout_io io = { stdout, stderr, read_file, open_svg, fclose };

	return memlayout_run(argc, argv, &io);
}
