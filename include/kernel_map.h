/*
 * The kernel's record of what it mapped, and where the layout says each
 * piece belongs.  Every region maps through kernel_map(); the MMU check
 * compares this record with the page tables and with the MMU, so the
 * boot log's table, the record and the hardware cannot drift apart.
 */
#ifndef VMSPLIT_KERNEL_MAP_H
#define VMSPLIT_KERNEL_MAP_H

#include "layout.h"
#include "pgtable.h"

#define MAX_KERNEL_MAPPINGS	256

struct kernel_mapping {
	const char *what;	/* "kernel text", "fixmap: early console", ... */
	enum region region;	/* the layout region it must lie in */
	uint32_t virt;
	phys_addr_t phys;
	uint32_t length;
	enum mem_type_id type;
};

extern struct kernel_mapping kernel_mappings[MAX_KERNEL_MAPPINGS];
extern int nr_kernel_mappings;

/* Map and record; refused (with a message) if any of it lies outside
 * 'region' of the layout or overlaps a recorded mapping. */
int kernel_map(const char *what, enum region region, uint32_t virt,
	       phys_addr_t phys, uint32_t length, enum mem_type_id type,
	       unsigned flags);

/* Unmap and forget [virt, virt+length): whole or parts of records. */
int kernel_unmap(uint32_t virt, uint32_t length);

/*
 * May a mapping the user asks for (map, fixmap SLOT PHYS, ioremap) show
 * [phys, phys+length) with this type?  RAM in a bank is the kernel's:
 * lowmem is mapped already and highmem belongs to the page allocator.  A
 * second, writable or executable mapping of it could change the kernel's
 * text or an allocator's pages behind their backs, and one with other
 * cache attributes is a mismatched alias (ARM ARM A3.5.7).  So RAM gets
 * at most a read-only alias with the linear map's attributes (ro) and
 * ioremap, which is for devices, gets none (as in Linux).  Prints why and
 * returns false when refused.
 */
bool user_alias_allowed(const char *who, phys_addr_t phys, uint32_t length,
			enum mem_type_id type, bool ram_ro_ok);

/* The record covering va, or NULL. */
const struct kernel_mapping *kernel_mapping_at(uint32_t va);

/* Does any record touch [virt, virt+length)? */
bool kernel_map_overlaps(uint32_t virt, uint32_t length);

#endif
