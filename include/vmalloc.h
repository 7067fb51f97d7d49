/*
 * vmalloc and ioremap: dynamic mappings in [VMALLOC_START, VMALLOC_END).
 *
 * vmalloc memory is virtually contiguous and physically scattered: each
 * page is allocated on its own (highmem first) and mapped with a 4 KB
 * page.  ioremap maps a physical range (a device) the same way.  Every
 * area is followed by one unmapped guard page (vmalloc_guard=both adds
 * one before it), so running off its end is a translation fault.
 */
#ifndef VMSPLIT_VMALLOC_H
#define VMSPLIT_VMALLOC_H

#include "pgtable.h"
#include "range_tree.h"

#define VM_VMALLOC	1
#define VM_IOREMAP	2

struct vm_area {
	struct range_node node;	/* first: the busy tree's key, guards included */
	uint32_t addr, size;	/* the mapped part */
	unsigned flags;		/* VM_VMALLOC or VM_IOREMAP */
	enum mem_type_id type;
	phys_addr_t phys;	/* ioremap: the first byte's physical address */
	uint32_t nr_pages;
	uint32_t *pfns;		/* vmalloc: the frame behind each page */
};

void vmalloc_init(void);

void *vmalloc(uint32_t size);		/* NULL (with a message) on failure */
int vfree(const void *addr);		/* -1 if addr is not a vmalloc area */
void *ioremap(phys_addr_t phys, uint32_t size, enum mem_type_id type);
int iounmap(const void *addr);

/* The area whose reservation (guards included) holds va, or NULL. */
const struct vm_area *find_vm_area(uint32_t va);

/* Is va a mapped page of an area?  Then where to and as what. */
bool vm_area_page(uint32_t va, phys_addr_t *pa, enum mem_type_id *type);

/* Does any area's reservation touch [va, va+len)? */
bool vm_areas_overlap(uint32_t va, uint32_t len);

/* The physical address of a mapped byte of an area, or -1. */
phys_addr_t vm_area_phys(const struct vm_area *a, uint32_t va);

/* "vmalloc area 0xf0000000-0xf0001fff (8 kB): 16 bytes past its end" */
void describe_vm_address(uint32_t va, char *buf, size_t n);

void vm_areas_print(void);
void vmalloc_info(uint32_t *total, uint32_t *used, uint32_t *largest, unsigned *areas);

#endif
