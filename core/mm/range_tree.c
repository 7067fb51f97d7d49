/*
 * An AVL tree of address ranges augmented with subtree_max, the largest
 * range size anywhere below a node (see include/range_tree.h).
 *
 * Insert and remove are recursive: the recursion is what walks back up the
 * path, and on the way up each node gets its height and subtree_max
 * recomputed and is rebalanced.  An AVL tree of n nodes is at most about
 * 1.44 log2(n) high, so the depth stays small (under 30 for any tree
 * that fits in a 32-bit address space of 4 KB blocks).
 */
#include "range_tree.h"

static int height(const struct range_node *n)
{
	return n ? n->height : 0;
}

static uint32_t smax(const struct range_node *n)
{
	return n ? n->subtree_max : 0;
}

/* Recompute n's cached height and subtree_max from its children. */
static void update(struct range_node *n)
{
	int hl = height(n->left), hr = height(n->right);
	uint32_t m = n->size;

	n->height = 1 + (hl > hr ? hl : hr);
	if (smax(n->left) > m)
		m = smax(n->left);
	if (smax(n->right) > m)
		m = smax(n->right);
	n->subtree_max = m;
}

static struct range_node *rotate_right(struct range_node *n)
{
	struct range_node *l = n->left;

	n->left = l->right;
	l->right = n;
	update(n);			/* n is now below l: fix it first */
	update(l);
	return l;
}

static struct range_node *rotate_left(struct range_node *n)
{
	struct range_node *r = n->right;

	n->right = r->left;
	r->left = n;
	update(n);
	update(r);
	return r;
}

/* Restore |balance| <= 1 at n, whose subtrees are each valid AVL trees
 * differing in height by at most 2; returns the new subtree root. */
static struct range_node *balance(struct range_node *n)
{
	int bf;

	update(n);
	bf = height(n->left) - height(n->right);
	if (bf > 1) {
		if (height(n->left->left) < height(n->left->right))
			n->left = rotate_left(n->left);
		return rotate_right(n);
	}
	if (bf < -1) {
		if (height(n->right->right) < height(n->right->left))
			n->right = rotate_right(n->right);
		return rotate_left(n);
	}
	return n;
}

void range_tree_init(struct range_tree *t)
{
	t->root = NULL;
	t->count = 0;
}

static struct range_node *insert(struct range_node *root, struct range_node *n)
{
	if (!root)
		return n;
	if (n->start < root->start)
		root->left = insert(root->left, n);
	else
		root->right = insert(root->right, n);
	return balance(root);
}

void range_tree_insert(struct range_tree *t, struct range_node *n)
{
	n->left = n->right = NULL;
	n->height = 1;
	n->subtree_max = n->size;
	t->root = insert(t->root, n);
	t->count++;
}

/* Unlink the leftmost node of the subtree into *min. */
static struct range_node *remove_min(struct range_node *root, struct range_node **min)
{
	if (!root->left) {
		*min = root;
		return root->right;
	}
	root->left = remove_min(root->left, min);
	return balance(root);
}

/* Remove the node with n's start key.  *found says whether there was one,
 * so a missing node does not corrupt the count. */
static struct range_node *remove(struct range_node *root, const struct range_node *n,
				 int *found)
{
	struct range_node *succ;

	if (!root)
		return NULL;
	if (n->start < root->start) {
		root->left = remove(root->left, n, found);
	} else if (n->start > root->start) {
		root->right = remove(root->right, n, found);
	} else {
		*found = 1;
		if (!root->left)
			return root->right;
		if (!root->right)
			return root->left;
		/* Two children: the in-order successor takes root's place. */
		root->right = remove_min(root->right, &succ);
		succ->left = root->left;
		succ->right = root->right;
		root = succ;
	}
	return balance(root);
}

void range_tree_remove(struct range_tree *t, struct range_node *n)
{
	int found = 0;

	t->root = remove(t->root, n, &found);
	if (found)
		t->count--;
	n->left = n->right = NULL;
}

struct range_node *range_tree_find_le(const struct range_tree *t, uint32_t addr)
{
	struct range_node *n = t->root, *best = NULL;

	while (n) {
		if (n->start <= addr) {
			best = n;
			n = n->right;
		} else {
			n = n->left;
		}
	}
	return best;
}

struct range_node *range_tree_find(const struct range_tree *t, uint32_t addr)
{
	struct range_node *n = range_tree_find_le(t, addr);

	/* addr - start cannot wrap since start <= addr */
	return n && addr - n->start < n->size ? n : NULL;
}

struct range_node *range_tree_next(const struct range_tree *t, uint32_t addr)
{
	struct range_node *n = t->root, *best = NULL;

	while (n) {
		if (n->start > addr) {
			best = n;
			n = n->left;
		} else {
			n = n->right;
		}
	}
	return best;
}

/* Can n hold size bytes at an address aligned to align?  Done in 64 bits
 * so that rounding a start near 4 GB up cannot wrap to a low address. */
static int fits(const struct range_node *n, uint32_t size, uint32_t align,
		uint32_t *addr)
{
	uint64_t a = ((uint64_t)n->start + align - 1) & ~((uint64_t)align - 1);

	if (a + size > (uint64_t)n->start + n->size)
		return 0;
	*addr = (uint32_t)a;
	return 1;
}

/*
 * In address order: left subtree, this node, right subtree, skipping any
 * subtree whose subtree_max is below size since nothing there can fit.
 * When every start and size is a multiple of align, a subtree with
 * subtree_max >= size surely holds a fit, so the search only ever goes
 * down one path: O(log n).  With a larger alignment a big enough block can
 * still miss after rounding its start up; then the search backs out of
 * that subtree and carries on, slower but still right.
 */
static struct range_node *lowest_fit(struct range_node *n, uint32_t size,
				     uint32_t align, uint32_t *addr)
{
	struct range_node *r;

	while (n && n->subtree_max >= size) {
		r = lowest_fit(n->left, size, align, addr);
		if (r)
			return r;
		if (n->size >= size && fits(n, size, align, addr))
			return n;
		n = n->right;		/* tail call as a loop */
	}
	return NULL;
}

struct range_node *range_tree_lowest_fit(const struct range_tree *t, uint32_t size,
					 uint32_t align, uint32_t *addr)
{
	if (align == 0)
		align = 1;
	if (align & (align - 1))
		return NULL;		/* not a power of two */
	return lowest_fit(t->root, size, align, addr);
}

static void walk(const struct range_node *n,
		 void (*fn)(void *arg, const struct range_node *n), void *arg)
{
	while (n) {
		walk(n->left, fn, arg);
		fn(arg, n);
		n = n->right;
	}
}

void range_tree_walk(const struct range_tree *t,
		     void (*fn)(void *arg, const struct range_node *n), void *arg)
{
	walk(t->root, fn, arg);
}

/* Recompute subtree_max on the path from the root down to the node that
 * now starts at key.  Heights do not change, so nothing rotates. */
static bool fix_path(struct range_node *n, const struct range_node *target, uint32_t key)
{
	bool found;

	if (!n)
		return false;
	if (n == target)
		found = true;
	else
		found = fix_path(key < n->start ? n->left : n->right, target, key);
	if (found)
		update(n);
	return found;
}

void range_tree_update(struct range_tree *t, struct range_node *n)
{
	fix_path(t->root, n, n->start);
}
