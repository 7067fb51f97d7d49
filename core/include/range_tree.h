/*
 * An AVL tree of address ranges, keyed by start, where every node also
 * knows the largest range in its subtree.  With that one number a search
 * for the lowest range that can hold a size needs no scan: go left while
 * the left subtree has room, else take this node, else go right -- O(log n)
 * (the augmented-tree idea of Linux's vmalloc since 5.2).
 *
 * The tree stores nodes its user owns (embedded or from a pool); ranges in
 * one tree must not overlap.  Pure code, no allocation.
 */
#ifndef VMSPLIT_RANGE_TREE_H
#define VMSPLIT_RANGE_TREE_H

#include "types.h"

struct range_node {
	uint32_t start;
	uint32_t size;			/* bytes; ranges end before 2^32 */
	uint32_t subtree_max;		/* largest size in this subtree */
	int height;
	struct range_node *left, *right;
};

struct range_tree {
	struct range_node *root;
	unsigned count;
};

void range_tree_init(struct range_tree *t);
void range_tree_insert(struct range_tree *t, struct range_node *n);
void range_tree_remove(struct range_tree *t, struct range_node *n);

/* n's start or size changed in place, without moving it past a
 * neighbour in address order (a block grown into the gap next to it, or
 * shrunk within itself): fix the cached sizes above it.  One descent, no
 * rotation: cheaper than a remove and an insert. */
void range_tree_update(struct range_tree *t, struct range_node *n);

/* The node with the greatest start <= addr, or NULL. */
struct range_node *range_tree_find_le(const struct range_tree *t, uint32_t addr);
/* The node whose [start, start+size) holds addr, or NULL. */
struct range_node *range_tree_find(const struct range_tree *t, uint32_t addr);
/* The first node with start > addr, or NULL (in-order successor). */
struct range_node *range_tree_next(const struct range_tree *t, uint32_t addr);

/* The lowest-addressed node able to hold 'size' bytes starting at an
 * address aligned to 'align' (a power of two); *addr gets that address. */
struct range_node *range_tree_lowest_fit(const struct range_tree *t, uint32_t size,
					 uint32_t align, uint32_t *addr);

/* Call fn on every node in address order. */
void range_tree_walk(const struct range_tree *t,
		     void (*fn)(void *arg, const struct range_node *n), void *arg);

/* Check every invariant (order, no overlap, AVL balance and heights,
 * subtree_max); 0 if all hold, else -1.  Host programs only
 * (range_tree_check.c is not in the kernel build). */
int range_tree_check(const struct range_tree *t);

#endif
