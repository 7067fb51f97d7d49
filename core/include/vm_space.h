/*
 * The free virtual space of the vmalloc area: free blocks in a
 * range_tree, neighbours always coalesced, nodes from a caller's pool.
 * Allocation is lowest-address first fit in O(log n).
 */
#ifndef VMSPLIT_VM_SPACE_H
#define VMSPLIT_VM_SPACE_H

#include "range_tree.h"

struct vm_space {
	struct range_tree free;
	uint32_t free_bytes;
	/* node storage: a node for each free block */
	struct range_node *(*node_alloc)(void *ctx);
	void (*node_free)(void *ctx, struct range_node *n);
	void *ctx;
};

void vm_space_init(struct vm_space *s, struct range_node *(*node_alloc)(void *ctx),
		   void (*node_free)(void *ctx, struct range_node *n), void *ctx);

/* Make [start, start+size) free space (merging with free neighbours).
 * -1 if it overlaps free space already or no node is available. */
int vm_space_add(struct vm_space *s, uint32_t start, uint32_t size);

/* Take a fixed [start, start+size) out of the free space (a static
 * mapping inside the area).  -1 unless all of it is free. */
int vm_space_reserve(struct vm_space *s, uint32_t start, uint32_t size);

/* The lowest free address of 'size' bytes aligned to 'align' (a power of
 * two >= 4 KB); 0 when nothing fits (or no node for a split). */
uint32_t vm_space_alloc(struct vm_space *s, uint32_t size, uint32_t align);

/* Give back what vm_space_alloc or vm_space_reserve took. */
int vm_space_free(struct vm_space *s, uint32_t start, uint32_t size);

/* The largest free block (Linux's VmallocChunk). */
uint32_t vm_space_largest(const struct vm_space *s);

#endif
