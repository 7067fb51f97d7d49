/*
 * Highmem: pages with no permanent kernel mapping, reached through a
 * temporary one.  kmap() uses pkmap, a 2 MB window of 512 slots just below
 * PAGE_OFFSET (may be kept for a while, shared by repeated kmaps of one
 * page); kmap_atomic() uses a fixmap slot (a short, strictly nested use).
 * A lowmem page needs neither: both return its linear-map address.
 */
#ifndef VMSPLIT_HIGHMEM_H
#define VMSPLIT_HIGHMEM_H

#include "types.h"

void *kmap(uint32_t pfn);		/* NULL (with a message) if impossible */
int kunmap(uint32_t pfn);		/* -1 if the page is not kmapped */
void *kmap_atomic(uint32_t pfn);
int kunmap_atomic(const void *addr);	/* the most recent kmap_atomic first */

/* Is va a live pkmap slot?  Then the page behind it. */
bool pkmap_page(uint32_t va, phys_addr_t *pa);
bool pkmap_overlaps(uint32_t va, uint32_t len);

/* The slots in use, with their counts (the shell's kmap listing). */
void pkmap_print(void);
/* How many kmap()s of the page are outstanding. */
unsigned kmap_count(uint32_t pfn);
/* How many times the ring wrapped and stale slots were flushed. */
uint32_t pkmap_flushes(void);

#endif
