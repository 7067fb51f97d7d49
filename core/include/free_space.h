/*
 * The free virtual space of the vmalloc area: free blocks in a
 * range_tree, neighbours always coalesced, nodes from a caller's pool.
 * Allocation is lowest-address first fit in O(log n).
 */
#ifndef VMSPLIT_FREE_SPACE_H
#define VMSPLIT_FREE_SPACE_H

#include "range_tree.h"

struct free_space {
	struct range_tree free;
	uint32_t free_bytes;
	/* node storage: a node for each free block */
	struct range_node *(*node_alloc)(void *ctx);
	void (*node_free)(void *ctx, struct range_node *n);
	void *ctx;
};

void free_space_init(struct free_space *s, struct range_node *(*node_alloc)(void *ctx),
		   void (*node_free)(void *ctx, struct range_node *n), void *ctx);

/* Make [start, start+size) free space (merging with free neighbours).
 * -1 if it overlaps free space already or no node is available. */
int free_space_add(struct free_space *s, uint32_t start, uint32_t size);

/* Take a fixed [start, start+size) out of the free space (a static
 * mapping inside the area).  -1 unless all of it is free. */
int free_space_reserve(struct free_space *s, uint32_t start, uint32_t size);

/* The lowest free address of 'size' bytes aligned to 'align' (a power of
 * two >= 4 KB); 0 when nothing fits (or no node for a split). */
uint32_t free_space_alloc(struct free_space *s, uint32_t size, uint32_t align);

/* Give back what free_space_alloc or free_space_reserve took. */
int free_space_free(struct free_space *s, uint32_t start, uint32_t size);

/* The largest free block (Linux's VmallocChunk). */
uint32_t free_space_largest(const struct free_space *s);

#endif
