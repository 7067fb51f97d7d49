/*
 * The range tree's invariants, checked (range_tree_check(), see
 * range_tree.h): order, no overlap, AVL heights, cached subtree maxima,
 * the count.  Only host programs run it (the unit tests, the benchmark),
 * so the kernel build leaves this file out (the *_check.c files of core).
 */
#include "range_tree.h"

static uint32_t smax(const struct range_node *n)
{
	return n ? n->subtree_max : 0;
}

struct check_state {
	unsigned count;
	uint32_t prev_start;		/* the node before in address order */
	uint64_t prev_end;
	int have_prev;
};

/* The subtree's height if every invariant holds in it, else -1.  Visiting
 * in order and asking each start to be at or past the previous end checks
 * both the search order and that no two ranges overlap. */
static int check(const struct range_node *n, struct check_state *st)
{
	int hl, hr;
	uint32_t m;

	if (!n)
		return 0;
	hl = check(n->left, st);
	if (hl < 0)
		return -1;
	if ((uint64_t)n->start + n->size > (uint64_t)1 << 32)
		return -1;
	/* strictly after the previous start too: equal keys (possible only
	 * with empty ranges) would make removal by key ambiguous */
	if (st->have_prev && (n->start < st->prev_end || n->start <= st->prev_start))
		return -1;
	st->prev_start = n->start;
	st->prev_end = (uint64_t)n->start + n->size;
	st->have_prev = 1;
	st->count++;
	hr = check(n->right, st);
	if (hr < 0)
		return -1;
	if (hl - hr > 1 || hr - hl > 1)
		return -1;
	if (n->height != 1 + (hl > hr ? hl : hr))
		return -1;
	m = n->size;
	if (smax(n->left) > m)
		m = smax(n->left);
	if (smax(n->right) > m)
		m = smax(n->right);
	if (n->subtree_max != m)
		return -1;
	return n->height;
}

int range_tree_check(const struct range_tree *t)
{
	struct check_state st = { 0, 0, 0, 0 };

	if (check(t->root, &st) < 0)
		return -1;
	return st.count == t->count ? 0 : -1;
}
