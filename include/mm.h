/* The kernel's memory allocators once boot is over (mm/mem_init.c). */
#ifndef VMSPLIT_MM_H
#define VMSPLIT_MM_H

#include "kmalloc.h"
#include "page_alloc.h"
#include "spinlock.h"

extern struct page_allocator page_allocator;
extern struct kmalloc_state kmalloc_state;
extern bool page_allocator_ready;	/* memblock has handed over */
/* Taken by every entry point below and by vmalloc, the kernel map and
 * pkmap (mm/mem_init.c says why it is one lock). */
extern struct rec_lock mm_lock;

/* mem_init(): mem_map, the buddy allocator, the "Memory:" report. */
int mem_init(void);	/* -1 (said why): the boot cannot go on */

/* One page frame, or PFN_NONE. */
uint32_t alloc_page(enum gfp gfp);
void free_page(uint32_t pfn);
bool pfn_is_highmem(uint32_t pfn);

/* The linear-map address of a lowmem frame (NULL for highmem). */
void *lowmem_page_address(uint32_t pfn);

void *kmalloc(size_t size);
void kfree(const void *p);

/* Lines of a /proc/meminfo-like report and /proc/buddyinfo. */
void print_proc_meminfo(void);

#endif
