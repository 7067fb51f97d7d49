/* memlayout --from-dmesg FILE (tools/from_dmesg.c). */
#ifndef VMSPLIT_FROM_DMESG_H
#define VMSPLIT_FROM_DMESG_H

#include <stdint.h>
#include <stdio.h>

#include "dmesg.h"

struct from_dmesg_ops {
	/* Decide the layout for the plan and print what memlayout prints
	 * for it into buf (n bytes, NUL-terminated); *lowmem_end is the
	 * physical end of lowmem.  Returns 0, or non-zero when vmsplit
	 * refuses the configuration (the reason in buf). */
	int (*run)(const struct dmesg_plan *p, char *buf, size_t n, uint64_t *lowmem_end);
	/* Read up to cap bytes of the log at path into buf: the byte count,
	 * or -1.  memlayout reads the file system; the page, the text pasted
	 * into it. */
	long (*read_file)(const char *path, void *buf, size_t cap);
};

/* The report on out, refusals on err; returns 0 (every line the same), 1 (lines differ or
 * vmsplit refuses) or 2 (the file cannot be read or says nothing usable). */
int from_dmesg(const char *path, const struct from_dmesg_ops *ops, FILE *out, FILE *err);

#endif
