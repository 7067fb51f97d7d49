/*
 * The QEMU boards vmsplit knows by name, as data: where their RAM starts,
 * how much QEMU gives them by default and at most.  The host tool's
 * --board NAME and -m SIZE read this table; a board's device tree says
 * the same (or more) to the kernel.
 */
#ifndef VMSPLIT_BOARDS_H
#define VMSPLIT_BOARDS_H

#include <stdbool.h>

#include "types.h"

/* A device's registers, for the picture's physical side (the kernel reads
 * its own from the device tree). */
struct board_device {
	const char *name;
	phys_addr_t base;
	uint32_t size;
};

#define BOARD_MAX_DEVICES	4

struct board_ram {
	const char *name;		/* QEMU's -M name */
	const char *compatible;		/* its device tree's root compatible (one of them) */
	phys_addr_t ram_base;		/* where its RAM starts: the PHYS_OFFSET of its kernels */
	uint64_t default_ram;		/* what QEMU gives without -m */
	uint64_t max_ram;		/* the largest -m QEMU accepts for it */
	bool fixed_ram;			/* QEMU accepts only default_ram */
	/* What of -m the kernel is told is RAM (QEMU's loader writes it into
	 * /memory): all of it, or less where a co-processor keeps the top
	 * (raspi2b's VideoCore).  0: all of -m. */
	uint64_t arm_ram;
	const char *why;		/* where the numbers come from */
	struct board_device devices[BOARD_MAX_DEVICES];	/* the console's UART and the interrupt
							 * controllers the kernel maps (name NULL: no more) */
};

/* The row named `name`, or NULL. */
const struct board_ram *board_ram_find(const char *name);

/* The rows, for a usage line: "virt, vexpress-a15, raspi2b". */
extern const struct board_ram board_rams[];
extern const unsigned nr_board_rams;

#endif
