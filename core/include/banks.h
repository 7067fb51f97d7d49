/*
 * Physical memory banks, as ARM Linux kept them before memblock took over:
 * struct meminfo, at most NR_BANKS banks, sorted by start, each flagged
 * lowmem or highmem once the layout is decided.
 */
#ifndef VMSPLIT_BANKS_H
#define VMSPLIT_BANKS_H

#include "types.h"

#define NR_BANKS	8

struct membank {
	phys_addr_t start;
	phys_addr_t size;
	bool highmem;
};

struct meminfo {
	int nr_banks;
	struct membank bank[NR_BANKS];
};

static inline phys_addr_t bank_end(const struct membank *b)
{
	return b->start + b->size;
}

/*
 * arm_add_memory(): append a bank the way setup.c does: start rounded up
 * to a page (the size loses the slack), size rounded down to a page, a
 * bank that does not fit 32-bit physical space truncated, a zero size or a
 * ninth bank refused with Linux's message.  Returns 0 or -1.
 */
int arm_add_memory(struct meminfo *mi, phys_addr_t start, phys_addr_t size);

/* The same with phys_addr_t's width chosen: a 64-bit one
 * (CONFIG_PHYS_ADDR_T_64BIT, which LPAE selects) keeps banks above 4 GB
 * whole, as Linux's arm_add_memory() does without its 32-bit checks. */
int arm_add_memory_phys(struct meminfo *mi, phys_addr_t start, phys_addr_t size, bool phys_64bit);

/* Sort banks by start address (setup_arch() does this before the layout). */
void meminfo_sort(struct meminfo *mi);

/* Insert a bank copy at index i (shifting the rest up); false when full. */
bool meminfo_insert(struct meminfo *mi, int i, const struct membank *b);
void meminfo_remove(struct meminfo *mi, int i);

/*
 * msm's adjust_meminfo(): take [start, start+size) out of the banks,
 * trimming or dropping those it covers and splitting one it falls inside.
 * Returns -1 (and changes nothing) if a split needs a ninth bank.
 */
int meminfo_cut(struct meminfo *mi, phys_addr_t start, phys_addr_t size);

/* Format a physical address the way "%.8llx" would (newlib-nano has no
 * %llx): 8 hex digits below 4 GB, more above.  buf needs 17 bytes. */
const char *phys_hex(char buf[17], phys_addr_t p);

#endif
