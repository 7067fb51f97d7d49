/*
 * memlayout: the kernel's layout decision, run on the host
 * (tools/memlayout_run.c does the work; this gives it the terminal and
 * the file system).
 */
#include <stdio.h>

#include "file_read.h"
#include "memlayout_run.h"

static FILE *open_svg(const char *path)
{
	return fopen(path, "w");
}

int main(int argc, char **argv)
{
	const struct memlayout_io io = { stdout, stderr, file_read, open_svg, fclose };

	return memlayout_run(argc, argv, &io);
}
