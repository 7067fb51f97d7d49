/*
 * The free part of a virtual address area, as a range_tree of free blocks.
 *
 * Free blocks never touch: whatever is given back is merged with a free
 * neighbour on each side.  That keeps one node per hole, so the tree's
 * size follows the number of live allocations, and it makes a block's
 * size the true length of the hole, which the lowest-fit search relies on.
 *
 * A block only ever grows into the free gap beside it or shrinks within
 * itself, so it keeps its place in address order: a resize changes the
 * node in place and fixes the cached sizes above it (range_tree_update),
 * one descent instead of a remove and an insert.
 */
#include "free_space.h"

void free_space_init(struct free_space *s, struct range_node *(*node_alloc)(void *ctx),
		   void (*node_free)(void *ctx, struct range_node *n), void *ctx)
{
	range_tree_init(&s->free);
	s->free_bytes = 0;
	s->node_alloc = node_alloc;
	s->node_free = node_free;
	s->ctx = ctx;
}

/* Non-empty and ending at or before 4 GB. */
static int valid(uint32_t start, uint32_t size)
{
	return size != 0 && (uint64_t)start + size <= (uint64_t)1 << 32;
}

static void resize(struct free_space *s, struct range_node *n, uint32_t start,
		   uint32_t size)
{
	n->start = start;
	n->size = size;
	range_tree_update(&s->free, n);
}

int free_space_add(struct free_space *s, uint32_t start, uint32_t size)
{
	struct range_node *prev, *next, *n;
	uint64_t end = (uint64_t)start + size;
	int join_prev, join_next;

	if (!valid(start, size))
		return -1;
	/* Overlap with free space means a bad or double free: refuse it
	 * rather than count the same bytes twice. */
	prev = range_tree_find_le(&s->free, start);
	if (prev && (uint64_t)prev->start + prev->size > start)
		return -1;
	next = range_tree_next(&s->free, start);
	if (next && next->start < end)
		return -1;

	join_prev = prev && prev->start + prev->size == start;
	join_next = next && next->start == end;
	if (join_prev && join_next) {
		/* The range fills a hole exactly: three blocks become one. */
		uint32_t total = prev->size + size + next->size;

		range_tree_remove(&s->free, next);
		s->node_free(s->ctx, next);
		resize(s, prev, prev->start, total);
	} else if (join_prev) {
		resize(s, prev, prev->start, prev->size + size);
	} else if (join_next) {
		resize(s, next, start, size + next->size);
	} else {
		n = s->node_alloc(s->ctx);
		if (!n)
			return -1;
		n->start = start;
		n->size = size;
		range_tree_insert(&s->free, n);
	}
	s->free_bytes += size;
	return 0;
}

/*
 * Take [start, start+size) out of free block n, which holds it.  What is
 * left in front stays in n; what is left behind needs a second node when
 * there is also a front part.  That node is got before anything changes,
 * so a failure leaves the space as it was.
 */
static int take(struct free_space *s, struct range_node *n, uint32_t start,
		uint32_t size)
{
	uint32_t front = start - n->start;
	uint32_t back = n->start + n->size - (start + size);
	struct range_node *m;

	if (front && back) {
		m = s->node_alloc(s->ctx);
		if (!m)
			return -1;
		resize(s, n, n->start, front);
		m->start = start + size;
		m->size = back;
		range_tree_insert(&s->free, m);
	} else if (front) {
		resize(s, n, n->start, front);
	} else if (back) {
		resize(s, n, start + size, back);
	} else {
		range_tree_remove(&s->free, n);
		s->node_free(s->ctx, n);
	}
	s->free_bytes -= size;
	return 0;
}

int free_space_reserve(struct free_space *s, uint32_t start, uint32_t size)
{
	struct range_node *n;

	if (!valid(start, size))
		return -1;
	/* Free blocks never touch, so a range that is all free lies inside
	 * the one block holding its first byte. */
	n = range_tree_find(&s->free, start);
	if (!n || (uint64_t)start + size > (uint64_t)n->start + n->size)
		return -1;
	return take(s, n, start, size);
}

uint32_t free_space_alloc(struct free_space *s, uint32_t size, uint32_t align)
{
	struct range_node *n;
	uint32_t addr;

	if (size == 0 || align == 0 || (align & (align - 1)))
		return 0;
	n = range_tree_lowest_fit(&s->free, size, align, &addr);
	if (!n || take(s, n, addr, size) < 0)
		return 0;
	return addr;
}

int free_space_free(struct free_space *s, uint32_t start, uint32_t size)
{
	return free_space_add(s, start, size);
}

uint32_t free_space_largest(const struct free_space *s)
{
	return s->free.root ? s->free.root->subtree_max : 0;
}
