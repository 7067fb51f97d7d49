/*
 * kmalloc: small objects from lowmem pages, by size class (16 .. 2048
 * bytes), and bigger sizes as whole blocks of pages.  Every address it
 * returns is in the linear map, so __pa() of it is right and the memory is
 * physically contiguous -- the answer to seed 002's question.
 * Pure code on top of the page allocator; the caller says where the
 * linear map puts a frame.
 */
#ifndef VMSPLIT_KMALLOC_H
#define VMSPLIT_KMALLOC_H

#include "page_alloc.h"

#define KMALLOC_MIN	16
#define KMALLOC_MAX_CLASS 2048		/* larger: whole pages */
#define NR_KMALLOC_CLASSES 8		/* 16, 32, ..., 2048 */

struct kmalloc_cache {
	uint32_t size;			/* object size of this class */
	uint32_t partial;		/* pfn of the first page with free objects, PFN_NONE */
	uint32_t pages, objects_inuse;
};

struct kmalloc_state {
	struct page_allocator *alloc;
	void *(*frame_address)(void *ctx, uint32_t pfn);	/* its linear-map address */
	uint32_t (*address_frame)(void *ctx, const void *p);	/* the inverse */
	void *ctx;
	struct kmalloc_cache caches[NR_KMALLOC_CLASSES];
	uint32_t large_pages;		/* pages held by allocations > 2048 bytes */
};

void kmalloc_init(struct kmalloc_state *k, struct page_allocator *alloc,
		  void *(*frame_address)(void *ctx, uint32_t pfn),
		  uint32_t (*address_frame)(void *ctx, const void *p), void *ctx);
void *kmalloc_from(struct kmalloc_state *k, size_t size);	/* NULL if out of memory */
/* -1 (nothing changes) if p is not something kmalloc handed out. */
int kfree_to(struct kmalloc_state *k, const void *p);
/* The usable size of p, 0 if it is not a kmalloc address. */
size_t ksize_of(struct kmalloc_state *k, const void *p);

#endif
