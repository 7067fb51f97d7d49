/*
 * memblock: the boot-time view of physical memory, before any page
 * allocator exists: which ranges are RAM, which are taken (device tree,
 * kernel image, page tables), and a simple top-down allocator for the
 * page tables built at boot.  The page counts of the "Memory:" lines come
 * from here.
 */
#ifndef VMSPLIT_MEMBLOCK_H
#define VMSPLIT_MEMBLOCK_H

#include "types.h"

#define MEMBLOCK_MAX	32

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	const char *name;	/* reserved regions: what holds it */
};

struct memblock_type {
	int cnt;
	struct memblock_region r[MEMBLOCK_MAX];
};

struct memblock {
	struct memblock_type memory;
	struct memblock_type reserved;
	phys_addr_t current_limit;	/* allocations end below this */
};

void memblock_init(struct memblock *mb);
int memblock_add(struct memblock *mb, phys_addr_t base, phys_addr_t size);
int memblock_reserve(struct memblock *mb, phys_addr_t base, phys_addr_t size,
		     const char *name);

/* Highest free, aligned range of 'size' below current_limit; reserved
 * under 'name'.  0 when nothing fits. */
phys_addr_t memblock_alloc(struct memblock *mb, phys_addr_t size,
			   phys_addr_t align, const char *name);

/* Give back [base, base+size): it must be exactly what one allocation
 * (or reservation) covered, or a part at its start or end.  -1 if not. */
int memblock_free(struct memblock *mb, phys_addr_t base, phys_addr_t size);

/* Pages of RAM inside [lo, hi), and how many of them are reserved. */
uint32_t memblock_ram_pages(const struct memblock *mb, phys_addr_t lo, phys_addr_t hi);
uint32_t memblock_reserved_pages(const struct memblock *mb, phys_addr_t lo,
				 phys_addr_t hi);

#endif
