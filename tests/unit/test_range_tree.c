/* Unit tests for core/mm/range_tree.c (and its invariant check,
 * core/mm/range_tree_check.c): the AVL tree of ranges augmented with
 * subtree_max.  Nodes are the tests' own; the random test runs against
 * the tree's own check.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "capture.h"
#include "xorshift64.h"
#include "range_tree.h"
#include "sizes.h"


static void set_node(struct range_node *n, uint32_t start, uint32_t size)
{
	memset(n, 0, sizeof(*n));
	n->start = start;
	n->size = size;
}

/* ======================================================== range tree */

struct walk_log {
	unsigned n;
	uint32_t start[32];
};

static void walk_fn(void *arg, const struct range_node *n)
{
	struct walk_log *w = arg;

	assert_true(w->n < 32);
	w->start[w->n++] = n->start;
}

static void test_rt_basic(void **state)
{
	static const uint32_t order[] = { 5, 1, 9, 3, 7, 2, 8 };
	struct range_node nodes[ARRAY_SIZE(order)];
	struct range_tree t;
	struct walk_log w = { 0, { 0 } };
	unsigned i;

	(void)state;
	range_tree_init(&t);
	assert_null(t.root);
	assert_null(range_tree_find_le(&t, 0x5000));
	assert_null(range_tree_find(&t, 0x5000));
	assert_null(range_tree_next(&t, 0));
	assert_null(range_tree_lowest_fit(&t, 0x1000, 0x1000, &(uint32_t){ 0 }));
	assert_int_equal(range_tree_check(&t), 0);

	/* block k: [k*0x10000, k*0x10000 + k*0x1000) */
	for (i = 0; i < ARRAY_SIZE(order); i++) {
		set_node(&nodes[i], order[i] * 0x10000, order[i] * 0x1000);
		range_tree_insert(&t, &nodes[i]);
		assert_int_equal(range_tree_check(&t), 0);
	}
	assert_int_equal(t.count, ARRAY_SIZE(order));
	assert_int_equal(t.root->subtree_max, 9 * 0x1000);

	assert_null(range_tree_find_le(&t, 0xffff));
	assert_int_equal(range_tree_find_le(&t, 0x10000)->start, 0x10000);
	assert_int_equal(range_tree_find_le(&t, 0x4ffff)->start, 0x30000);
	assert_int_equal(range_tree_find_le(&t, 0xffffffff)->start, 0x90000);

	assert_int_equal(range_tree_find(&t, 0x30000)->start, 0x30000);
	assert_int_equal(range_tree_find(&t, 0x32fff)->start, 0x30000);
	assert_null(range_tree_find(&t, 0x33000));	/* just past block 3 */
	assert_null(range_tree_find(&t, 0x40000));	/* no block 4 */
	assert_null(range_tree_find(&t, 0x5000));

	assert_int_equal(range_tree_next(&t, 0)->start, 0x10000);
	assert_int_equal(range_tree_next(&t, 0x10000)->start, 0x20000);
	assert_int_equal(range_tree_next(&t, 0x3ffff)->start, 0x50000);
	assert_null(range_tree_next(&t, 0x90000));

	range_tree_walk(&t, walk_fn, &w);
	assert_int_equal(w.n, 7);
	assert_int_equal(w.start[0], 0x10000);
	assert_int_equal(w.start[1], 0x20000);
	assert_int_equal(w.start[2], 0x30000);
	assert_int_equal(w.start[3], 0x50000);
	assert_int_equal(w.start[4], 0x70000);
	assert_int_equal(w.start[5], 0x80000);
	assert_int_equal(w.start[6], 0x90000);
}

/* Ascending inserts would make a plain search tree a list. */
static void test_rt_stays_balanced(void **state)
{
	static struct range_node nodes[4096];
	struct range_tree t;
	unsigned i;

	(void)state;
	range_tree_init(&t);
	for (i = 0; i < ARRAY_SIZE(nodes); i++) {
		set_node(&nodes[i], i * 0x2000, 0x1000);
		range_tree_insert(&t, &nodes[i]);
	}
	assert_int_equal(range_tree_check(&t), 0);
	/* AVL bound 1.44 log2(n+2): 17.3 for 4096 nodes */
	assert_true(t.root->height <= 17);
	for (i = 0; i < ARRAY_SIZE(nodes); i += 2)
		range_tree_remove(&t, &nodes[i]);
	assert_int_equal(range_tree_check(&t), 0);
	assert_int_equal(t.count, 2048);
	assert_true(t.root->height <= 16);
}

static void test_rt_lowest_fit(void **state)
{
	struct range_node a, b, c;
	struct range_tree t;
	uint32_t addr = 0;

	(void)state;
	range_tree_init(&t);
	set_node(&a, 0x1000, 0x1000);
	set_node(&b, 0x10000, 0x3000);
	set_node(&c, 0x20000, 0x8000);
	range_tree_insert(&t, &c);
	range_tree_insert(&t, &a);
	range_tree_insert(&t, &b);

	assert_ptr_equal(range_tree_lowest_fit(&t, 0x1000, 0x1000, &addr), &a);
	assert_int_equal(addr, 0x1000);
	assert_ptr_equal(range_tree_lowest_fit(&t, 0x2000, 0x1000, &addr), &b);
	assert_int_equal(addr, 0x10000);
	assert_ptr_equal(range_tree_lowest_fit(&t, 0x3000, 0x1000, &addr), &b);
	assert_ptr_equal(range_tree_lowest_fit(&t, 0x3001, 0x1000, &addr), &c);
	assert_int_equal(addr, 0x20000);
	assert_ptr_equal(range_tree_lowest_fit(&t, 0x8000, 0x1000, &addr), &c);
	addr = 0x1234;
	assert_null(range_tree_lowest_fit(&t, 0x9000, 0x1000, &addr));
	/* byte granularity works as well */
	assert_ptr_equal(range_tree_lowest_fit(&t, 1, 1, &addr), &a);
	assert_int_equal(addr, 0x1000);
}

static void test_rt_lowest_fit_align(void **state)
{
	static struct range_node many[200];
	struct range_node a, b, c, top;
	struct range_tree t;
	uint32_t addr = 0;
	unsigned i;

	(void)state;
	range_tree_init(&t);
	/* a is 64 KB long but starts 4 KB past a 64 KB boundary: a 64 KB
	 * aligned 64 KB area does not fit although a->size is enough. */
	set_node(&a, 0x11000, 0x10000);
	set_node(&b, 0x51000, 0x20000);		/* fits at 0x60000 */
	set_node(&c, 0x100000, 0x10000);
	range_tree_insert(&t, &a);
	range_tree_insert(&t, &b);
	range_tree_insert(&t, &c);

	assert_ptr_equal(range_tree_lowest_fit(&t, 0x10000, 0x1000, &addr), &a);
	assert_int_equal(addr, 0x11000);
	assert_ptr_equal(range_tree_lowest_fit(&t, 0x10000, 0x10000, &addr), &b);
	assert_int_equal(addr, 0x60000);
	/* 0x60000 + 0x11000 > b's end 0x71000: only c is left... and c too short */
	assert_null(range_tree_lowest_fit(&t, 0x11001, 0x10000, &addr));
	assert_ptr_equal(range_tree_lowest_fit(&t, 0x10000, 0x100000, &addr), &c);
	assert_int_equal(addr, 0x100000);
	assert_null(range_tree_lowest_fit(&t, 0x10000, 0x200000, &addr));

	/* Rounding up a start near 4 GB wraps in 32 bits: no fit, not 0. */
	set_node(&top, 0xfffff000, 0x1000);
	range_tree_insert(&t, &top);
	assert_null(range_tree_lowest_fit(&t, 0x1000, 0x200000, &addr));
	assert_ptr_equal(range_tree_lowest_fit(&t, 0x1000, 0x1000, &addr), &a);
	range_tree_remove(&t, &a);
	range_tree_remove(&t, &b);
	range_tree_remove(&t, &c);
	assert_ptr_equal(range_tree_lowest_fit(&t, 0x1000, 0x1000, &addr), &top);
	assert_int_equal(addr, 0xfffff000);
	assert_null(range_tree_lowest_fit(&t, 0x1000, 0x2000, &addr));
	range_tree_remove(&t, &top);

	/* Many big-enough blocks all defeated by alignment, scattered through
	 * the tree on both sides of the one that fits. */
	range_tree_init(&t);
	for (i = 0; i < ARRAY_SIZE(many); i++) {
		set_node(&many[i], 0x1000000 + i * 0x100000 + 0x1000, 0xfe000);
		range_tree_insert(&t, &many[i]);
	}
	assert_null(range_tree_lowest_fit(&t, 0xfe000, 0x2000, &addr));
	many[150].size = 0xff000;		/* now [..1000, ..100000) */
	range_tree_remove(&t, &many[150]);
	range_tree_insert(&t, &many[150]);
	assert_int_equal(range_tree_check(&t), 0);
	assert_ptr_equal(range_tree_lowest_fit(&t, 0xfe000, 0x2000, &addr), &many[150]);
	assert_int_equal(addr, 0x1000000 + 150 * 0x100000 + 0x2000);
	/* without the alignment the first block fits */
	assert_ptr_equal(range_tree_lowest_fit(&t, 0xfe000, 0x1000, &addr), &many[0]);
}

static void test_rt_remove(void **state)
{
	struct range_node nodes[15], *r;
	struct range_tree t;
	unsigned i, left;

	(void)state;
	range_tree_init(&t);
	for (i = 0; i < 15; i++) {
		set_node(&nodes[i], (i + 1) * 0x10000, (i + 1) * 0x1000);
		range_tree_insert(&t, &nodes[i]);
	}
	assert_int_equal(range_tree_check(&t), 0);

	/* the root (with two children) */
	r = t.root;
	assert_non_null(r->left);
	assert_non_null(r->right);
	range_tree_remove(&t, r);
	assert_int_equal(range_tree_check(&t), 0);
	assert_int_equal(t.count, 14);
	assert_null(range_tree_find(&t, r->start));

	/* a leaf: the smallest node */
	range_tree_remove(&t, &nodes[0]);
	assert_int_equal(range_tree_check(&t), 0);
	assert_null(range_tree_find(&t, nodes[0].start));

	/* an inner node with two children */
	r = t.root->right;
	assert_non_null(r->left);
	assert_non_null(r->right);
	range_tree_remove(&t, r);
	assert_int_equal(range_tree_check(&t), 0);
	assert_null(range_tree_find(&t, r->start));
	assert_int_equal(t.count, 12);

	/* the largest: subtree_max must drop along the path */
	assert_int_equal(t.root->subtree_max, 15 * 0x1000);
	range_tree_remove(&t, &nodes[14]);
	assert_int_equal(range_tree_check(&t), 0);
	assert_int_equal(t.root->subtree_max, 14 * 0x1000);

	/* a node not in the tree changes nothing */
	range_tree_remove(&t, &nodes[0]);
	assert_int_equal(t.count, 11);
	assert_int_equal(range_tree_check(&t), 0);

	/* the rest, via a pointer found by address */
	left = t.count;
	while (t.root) {
		r = range_tree_find(&t, t.root->start + 1);
		assert_ptr_equal(r, t.root);
		range_tree_remove(&t, r);
		assert_int_equal(range_tree_check(&t), 0);
		assert_int_equal(t.count, --left);
	}
	assert_int_equal(t.count, 0);
}

static void test_rt_check_catches_corruption(void **state)
{
	struct range_node nodes[15], *n;
	struct range_tree t;
	uint32_t saved;
	unsigned i;

	(void)state;
	range_tree_init(&t);
	for (i = 0; i < 15; i++) {
		set_node(&nodes[i], (i + 1) * 0x10000, 0x1000);
		range_tree_insert(&t, &nodes[i]);
	}
	assert_int_equal(range_tree_check(&t), 0);

	/* a stale subtree_max deep inside */
	n = t.root->left->right;
	n->subtree_max += 0x1000;
	assert_int_equal(range_tree_check(&t), -1);
	n->subtree_max -= 0x1000;
	assert_int_equal(range_tree_check(&t), 0);
	/* a grown leaf whose ancestors were not told */
	n = t.root->left->left->left;
	n->size = 0x2000;
	assert_int_equal(range_tree_check(&t), -1);
	n->size = 0x1000;
	/* wrong height */
	t.root->right->height++;
	assert_int_equal(range_tree_check(&t), -1);
	t.root->right->height--;
	/* out of order */
	saved = t.root->left->start;
	t.root->left->start = t.root->start + 0x100;
	assert_int_equal(range_tree_check(&t), -1);
	t.root->left->start = saved;
	assert_int_equal(range_tree_check(&t), 0);
	/* overlap with the next range */
	nodes[2].size = 0x10001;
	assert_int_equal(range_tree_check(&t), -1);
	nodes[2].size = 0x1000;
	/* wrong count */
	t.count++;
	assert_int_equal(range_tree_check(&t), -1);
	t.count--;
	assert_int_equal(range_tree_check(&t), 0);
}

/* Random inserts and removes against a flag per slot. */
static void test_rt_random(void **state)
{
	static struct range_node nodes[2048];
	static bool in[2048];
	struct range_tree t;
	unsigned i, k, count = 0;
	uint32_t addr;

	(void)state;
	rng_state = 0x0123456789abcdefull;
	memset(in, 0, sizeof(in));
	range_tree_init(&t);
	for (i = 0; i < 100000; i++) {
		k = rnd() % 2048;
		if (in[k]) {
			range_tree_remove(&t, &nodes[k]);
			in[k] = false;
			count--;
		} else {
			set_node(&nodes[k], k * 0x100000, (1 + rnd() % 256) * 0x1000);
			range_tree_insert(&t, &nodes[k]);
			in[k] = true;
			count++;
		}
		assert_int_equal(t.count, count);
		if (i % 1024 == 0) {
			uint32_t want = (1 + rnd() % 256) * 0x1000;
			unsigned j;

			assert_int_equal(range_tree_check(&t), 0);
			for (j = 0; j < 2048; j++)
				if (in[j] && nodes[j].size >= want)
					break;
			if (j == 2048) {
				assert_null(range_tree_lowest_fit(&t, want, 1, &addr));
			} else {
				assert_ptr_equal(range_tree_lowest_fit(&t, want, 1, &addr),
						 &nodes[j]);
				assert_int_equal(addr, nodes[j].start);
			}
		}
	}
	assert_int_equal(range_tree_check(&t), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rt_basic),
		cmocka_unit_test(test_rt_stays_balanced),
		cmocka_unit_test(test_rt_lowest_fit),
		cmocka_unit_test(test_rt_lowest_fit_align),
		cmocka_unit_test(test_rt_remove),
		cmocka_unit_test(test_rt_check_catches_corruption),
		cmocka_unit_test(test_rt_random),
	};

	capture_reset();
	return cmocka_run_group_tests_name("range_tree", tests, NULL, NULL);
}
