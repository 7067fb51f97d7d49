/* Unit tests for the vmalloc space allocator, shared by kernel and host:
 *
 *   core/mm/range_tree.c  the AVL tree of ranges augmented with subtree_max
 *   core/mm/vm_space.c    free virtual space: coalescing, reserve, lowest fit
 *
 * Nodes come from a test pool with a free list that counts what is out
 * and can be told to run dry, so a test can see that a failed operation
 * took no node and changed nothing.  The stress test runs a million random
 * allocations and frees against a model of the space as one byte per
 * 4 KB page, and compares the two.
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
#include "range_tree.h"
#include "sizes.h"
#include "vm_space.h"

/* ======================================================== node pool */

#define POOL_N	70000

static struct range_node pool_nodes[POOL_N];
static struct range_node *pool_head;
static unsigned pool_in_use;
static bool pool_dry;			/* node_alloc fails while set */

static void pool_reset(void)
{
	unsigned i;

	pool_head = NULL;
	for (i = POOL_N; i-- > 0;) {
		pool_nodes[i].left = pool_head;
		pool_head = &pool_nodes[i];
	}
	pool_in_use = 0;
	pool_dry = false;
}

static struct range_node *pool_alloc(void *ctx)
{
	struct range_node *n = pool_head;

	(void)ctx;
	if (pool_dry || !n)
		return NULL;
	pool_head = n->left;
	pool_in_use++;
	memset(n, 0xa5, sizeof(*n));		/* no stale fields relied on */
	return n;
}

static void pool_free(void *ctx, struct range_node *n)
{
	(void)ctx;
	assert_true(n >= pool_nodes && n < pool_nodes + POOL_N);
	assert_true(pool_in_use > 0);
	memset(n, 0x5a, sizeof(*n));
	n->left = pool_head;
	pool_head = n;
	pool_in_use--;
}

static void space_init(struct vm_space *s)
{
	pool_reset();
	vm_space_init(s, pool_alloc, pool_free, NULL);
}

/* ======================================================== helpers */

#define MAX_SNAP	64

/* The free blocks of a tree in address order, plus the counters. */
struct snap {
	unsigned n;
	uint32_t start[MAX_SNAP], size[MAX_SNAP];
	uint32_t free_bytes;
	unsigned in_use;
};

static void snap_fn(void *arg, const struct range_node *n)
{
	struct snap *sn = arg;

	assert_true(sn->n < MAX_SNAP);
	sn->start[sn->n] = n->start;
	sn->size[sn->n] = n->size;
	sn->n++;
}

static void take_snap(const struct vm_space *s, struct snap *sn)
{
	memset(sn, 0, sizeof(*sn));
	range_tree_walk(&s->free, snap_fn, sn);
	sn->free_bytes = s->free_bytes;
	sn->in_use = pool_in_use;
	assert_int_equal(range_tree_check(&s->free), 0);
	assert_int_equal(sn->n, s->free.count);
}

static void assert_same(const struct snap *a, const struct snap *b)
{
	unsigned i;

	assert_int_equal(a->n, b->n);
	assert_int_equal(a->free_bytes, b->free_bytes);
	assert_int_equal(a->in_use, b->in_use);
	for (i = 0; i < a->n; i++) {
		assert_int_equal(a->start[i], b->start[i]);
		assert_int_equal(a->size[i], b->size[i]);
	}
}

/* Check the free blocks are exactly the given (start, size) pairs. */
static void assert_blocks(const struct vm_space *s, unsigned n, const uint32_t *pairs)
{
	struct snap sn;
	uint32_t total = 0;
	unsigned i;

	take_snap(s, &sn);
	assert_int_equal(sn.n, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(sn.start[i], pairs[2 * i]);
		assert_int_equal(sn.size[i], pairs[2 * i + 1]);
		total += pairs[2 * i + 1];
	}
	assert_int_equal(s->free_bytes, total);
	assert_int_equal(pool_in_use, n);
}

static uint64_t rng_state;

/* xorshift64: fixed seed, so every run sees the same sequence */
static uint32_t rnd(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	rng_state = x;
	return (uint32_t)(x >> 32);
}

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

/* ======================================================== vm_space */

#define A	0x10000000u
#define SZ_64K	0x00010000u

static void test_vs_add_coalesces(void **state)
{
	struct vm_space s;
	struct snap before, after;

	(void)state;
	space_init(&s);
	assert_int_equal(vm_space_largest(&s), 0);

	/* both sides: a gap filled exactly */
	assert_int_equal(vm_space_add(&s, A, SZ_4K), 0);
	assert_int_equal(vm_space_add(&s, A + 2 * SZ_4K, SZ_4K), 0);
	assert_blocks(&s, 2, (const uint32_t[]){ A, SZ_4K, A + 2 * SZ_4K, SZ_4K });
	assert_int_equal(vm_space_add(&s, A + SZ_4K, SZ_4K), 0);
	assert_blocks(&s, 1, (const uint32_t[]){ A, 3 * SZ_4K });

	/* left: joins the block in front */
	assert_int_equal(vm_space_add(&s, A + 3 * SZ_4K, SZ_4K), 0);
	assert_blocks(&s, 1, (const uint32_t[]){ A, 4 * SZ_4K });

	/* right: joins the block behind, which then starts lower */
	assert_int_equal(vm_space_add(&s, A + SZ_1M, SZ_4K), 0);
	assert_int_equal(vm_space_add(&s, A + SZ_1M - SZ_16K, SZ_16K), 0);
	assert_blocks(&s, 2, (const uint32_t[]){ A, 4 * SZ_4K,
						A + SZ_1M - SZ_16K, SZ_16K + SZ_4K });
	assert_int_equal(vm_space_largest(&s), SZ_16K + SZ_4K);

	/* overlap with free space, at either end or inside, is refused */
	take_snap(&s, &before);
	assert_int_equal(vm_space_add(&s, A - SZ_4K, 2 * SZ_4K), -1);
	assert_int_equal(vm_space_add(&s, A + 3 * SZ_4K, 2 * SZ_4K), -1);
	assert_int_equal(vm_space_add(&s, A + SZ_4K, SZ_4K), -1);
	assert_int_equal(vm_space_add(&s, A - SZ_4K, SZ_1M + SZ_16K), -1);
	assert_int_equal(vm_space_add(&s, A + SZ_1M, SZ_4K), -1);
	/* empty or past 4 GB */
	assert_int_equal(vm_space_add(&s, A + SZ_16M, 0), -1);
	assert_int_equal(vm_space_add(&s, 0xfffff000, 0x2000), -1);
	/* a new block with no node to hold it */
	pool_dry = true;
	assert_int_equal(vm_space_add(&s, A + SZ_16M, SZ_4K), -1);
	take_snap(&s, &after);
	assert_same(&before, &after);
	/* ...but a merge needs no node */
	assert_int_equal(vm_space_add(&s, A + 4 * SZ_4K, SZ_4K), 0);
	pool_dry = false;
	assert_blocks(&s, 2, (const uint32_t[]){ A, 5 * SZ_4K,
						A + SZ_1M - SZ_16K, SZ_16K + SZ_4K });

	/* the very top of the address space */
	assert_int_equal(vm_space_add(&s, 0xfffff000, SZ_4K), 0);
	assert_int_equal(vm_space_add(&s, 0xffffe000, SZ_4K), 0);
	assert_int_equal(vm_space_largest(&s), SZ_16K + SZ_4K);
	assert_int_equal(range_tree_find(&s.free, 0xffffffff)->start, 0xffffe000);
	assert_int_equal(range_tree_check(&s.free), 0);
}

static void test_vs_reserve(void **state)
{
	struct vm_space s;
	struct snap before, after;

	(void)state;
	space_init(&s);
	assert_int_equal(vm_space_add(&s, A, SZ_1M), 0);

	/* middle: splits the block in two */
	assert_int_equal(vm_space_reserve(&s, A + SZ_16K, SZ_4K), 0);
	assert_blocks(&s, 2, (const uint32_t[]){ A, SZ_16K,
						A + SZ_16K + SZ_4K, SZ_1M - SZ_16K - SZ_4K });
	/* front edge of a block */
	assert_int_equal(vm_space_reserve(&s, A + SZ_16K + SZ_4K, SZ_4K), 0);
	assert_blocks(&s, 2, (const uint32_t[]){ A, SZ_16K,
						A + SZ_16K + 2 * SZ_4K, SZ_1M - SZ_16K - 2 * SZ_4K });
	/* back edge of a block */
	assert_int_equal(vm_space_reserve(&s, A + SZ_1M - SZ_4K, SZ_4K), 0);
	assert_blocks(&s, 2, (const uint32_t[]){ A, SZ_16K,
						A + SZ_16K + 2 * SZ_4K, SZ_1M - SZ_16K - 3 * SZ_4K });
	/* a whole block: its node goes back */
	assert_int_equal(vm_space_reserve(&s, A, SZ_16K), 0);
	assert_blocks(&s, 1, (const uint32_t[]){ A + SZ_16K + 2 * SZ_4K,
						SZ_1M - SZ_16K - 3 * SZ_4K });

	/* failures leave everything as it was */
	assert_int_equal(vm_space_add(&s, A, SZ_4K), 0);
	take_snap(&s, &before);
	assert_int_equal(vm_space_reserve(&s, A, SZ_4K * 2), -1);		/* runs past a block */
	assert_int_equal(vm_space_reserve(&s, A + SZ_4K, SZ_4K), -1);		/* not free */
	assert_int_equal(vm_space_reserve(&s, A, SZ_1M), -1);			/* spans a hole */
	assert_int_equal(vm_space_reserve(&s, A + SZ_1M - SZ_4K, SZ_4K), -1);	/* reserved */
	assert_int_equal(vm_space_reserve(&s, A + SZ_1M - 2 * SZ_4K, 2 * SZ_4K), -1);
	assert_int_equal(vm_space_reserve(&s, A - SZ_4K, 2 * SZ_4K), -1);
	assert_int_equal(vm_space_reserve(&s, A + SZ_32M, SZ_4K), -1);
	assert_int_equal(vm_space_reserve(&s, A, 0), -1);
	assert_int_equal(vm_space_reserve(&s, 0xfffff000, 0x2000), -1);
	pool_dry = true;				/* a middle split needs a node */
	assert_int_equal(vm_space_reserve(&s, A + SZ_64K, SZ_4K), -1);
	take_snap(&s, &after);
	assert_same(&before, &after);
	/* edges need none */
	assert_int_equal(vm_space_reserve(&s, A, SZ_4K), 0);
	assert_int_equal(vm_space_reserve(&s, A + SZ_16K + 2 * SZ_4K, SZ_4K), 0);
	pool_dry = false;
	assert_blocks(&s, 1, (const uint32_t[]){ A + SZ_16K + 3 * SZ_4K,
						SZ_1M - SZ_16K - 4 * SZ_4K });
}

static void test_vs_alloc_lowest_first(void **state)
{
	struct vm_space s;
	uint32_t a1, a2, a3, a4, a5;

	(void)state;
	space_init(&s);
	assert_int_equal(vm_space_alloc(&s, SZ_4K, SZ_4K), 0);	/* nothing free */
	assert_int_equal(vm_space_add(&s, A + SZ_4K, SZ_1M), 0);

	a1 = vm_space_alloc(&s, SZ_4K, SZ_4K);
	a2 = vm_space_alloc(&s, 2 * SZ_4K, SZ_4K);
	a3 = vm_space_alloc(&s, SZ_4K, SZ_4K);
	assert_int_equal(a1, A + SZ_4K);
	assert_int_equal(a2, A + 2 * SZ_4K);
	assert_int_equal(a3, A + 4 * SZ_4K);
	assert_int_equal(s.free_bytes, SZ_1M - 4 * SZ_4K);

	/* a freed hole is used again before higher space */
	assert_int_equal(vm_space_free(&s, a2, 2 * SZ_4K), 0);
	assert_int_equal(vm_space_alloc(&s, SZ_4K, SZ_4K), a2);
	assert_int_equal(vm_space_alloc(&s, SZ_4K, SZ_4K), a2 + SZ_4K);
	/* hole filled: one block again */
	assert_int_equal(s.free.count, 1);

	/* aligned: skips to the next 64 KB boundary and splits */
	a4 = vm_space_alloc(&s, SZ_4K, 0x10000);
	assert_int_equal(a4, A + 0x10000);
	assert_int_equal(s.free.count, 2);
	/* the hole in front of it is still used by small requests */
	a5 = vm_space_alloc(&s, SZ_4K, SZ_4K);
	assert_int_equal(a5, A + 5 * SZ_4K);

	/* too big or a bad alignment */
	assert_int_equal(vm_space_alloc(&s, SZ_1M, SZ_4K), 0);
	assert_int_equal(vm_space_alloc(&s, 0, SZ_4K), 0);
	assert_int_equal(vm_space_alloc(&s, SZ_4K, 0x3000), 0);
	assert_int_equal(range_tree_check(&s.free), 0);
	assert_int_equal(s.free_bytes, SZ_1M - 6 * SZ_4K);
}

static void test_vs_alloc_without_node(void **state)
{
	struct vm_space s;
	struct snap before, after;
	uint32_t a;

	(void)state;
	space_init(&s);
	/* [A+4K, A+1M+4K): a 64 KB aligned area inside it leaves space both
	 * in front and behind, so it needs a second node */
	assert_int_equal(vm_space_add(&s, A + SZ_4K, SZ_1M), 0);
	take_snap(&s, &before);
	pool_dry = true;
	assert_int_equal(vm_space_alloc(&s, SZ_4K, 0x10000), 0);
	take_snap(&s, &after);
	assert_same(&before, &after);
	/* taking the front of the block needs no node */
	a = vm_space_alloc(&s, SZ_4K, SZ_4K);
	assert_int_equal(a, A + SZ_4K);
	pool_dry = false;
	a = vm_space_alloc(&s, SZ_4K, 0x10000);
	assert_int_equal(a, A + 0x10000);
	assert_blocks(&s, 2, (const uint32_t[]){ A + 2 * SZ_4K, 0x10000 - 2 * SZ_4K,
						A + 0x11000, SZ_1M - 0x10000 });
}

static void test_vs_double_free(void **state)
{
	struct vm_space s;
	struct snap before, after;
	uint32_t a, b;

	(void)state;
	space_init(&s);
	assert_int_equal(vm_space_add(&s, A, SZ_1M), 0);
	a = vm_space_alloc(&s, 2 * SZ_4K, SZ_4K);
	b = vm_space_alloc(&s, 2 * SZ_4K, SZ_4K);
	assert_int_equal(vm_space_free(&s, a, 2 * SZ_4K), 0);
	take_snap(&s, &before);
	assert_int_equal(vm_space_free(&s, a, 2 * SZ_4K), -1);		/* again */
	assert_int_equal(vm_space_free(&s, a + SZ_4K, SZ_4K), -1);	/* part of it */
	assert_int_equal(vm_space_free(&s, b, 3 * SZ_4K), -1);		/* runs into free */
	assert_int_equal(vm_space_free(&s, a, 4 * SZ_4K), -1);
	take_snap(&s, &after);
	assert_same(&before, &after);
	assert_int_equal(vm_space_free(&s, b, 2 * SZ_4K), 0);
	assert_int_equal(vm_space_free(&s, b, 2 * SZ_4K), -1);
	assert_blocks(&s, 1, (const uint32_t[]){ A, SZ_1M });
}

static void test_vs_largest(void **state)
{
	struct vm_space s;
	uint32_t a;

	(void)state;
	space_init(&s);
	assert_int_equal(vm_space_largest(&s), 0);
	assert_int_equal(vm_space_add(&s, A, SZ_16K), 0);
	assert_int_equal(vm_space_add(&s, A + SZ_1M, SZ_1M), 0);
	assert_int_equal(vm_space_add(&s, A + SZ_16M, SZ_64K), 0);
	assert_int_equal(vm_space_largest(&s), SZ_1M);
	a = vm_space_alloc(&s, SZ_1M - SZ_4K, SZ_4K);
	assert_int_equal(a, A + SZ_1M);
	assert_int_equal(vm_space_largest(&s), SZ_64K);
	assert_int_equal(vm_space_reserve(&s, A + SZ_16M, SZ_4K), 0);
	assert_int_equal(vm_space_largest(&s), SZ_64K - SZ_4K);
	assert_int_equal(vm_space_free(&s, a, SZ_1M - SZ_4K), 0);
	assert_int_equal(vm_space_largest(&s), SZ_1M);
	assert_int_equal(vm_space_reserve(&s, A, SZ_16K), 0);
	assert_int_equal(vm_space_reserve(&s, A + SZ_1M, SZ_1M), 0);
	assert_int_equal(vm_space_reserve(&s, A + SZ_16M + SZ_4K, SZ_64K - SZ_4K), 0);
	assert_int_equal(vm_space_largest(&s), 0);
	assert_int_equal(s.free_bytes, 0);
	assert_int_equal(pool_in_use, 0);
}

/* ======================================================== stress */

#define SP_START	0xf0000000u
#define SP_END		0xff000000u
#define SP_PAGES	((SP_END - SP_START) / SZ_4K)
#define MAX_LIVE	20000
#define STRESS_OPS	1000000

static uint8_t model[SP_PAGES];			/* 1: page allocated */
static uint32_t live_start[MAX_LIVE], live_size[MAX_LIVE];
static uint32_t tree_start[POOL_N], tree_size[POOL_N];
static unsigned tree_n;

/* Lowest page index where npages pages, aligned to ap pages, are free;
 * -1 if none.  SP_START is 256 MB aligned, so page alignment within the
 * space is address alignment. */
static long model_lowest(uint32_t npages, uint32_t ap)
{
	const uint8_t *p, *end = model + SP_PAGES;
	uint32_t i = 0, j, a;

	while (i < SP_PAGES) {
		p = memchr(model + i, 0, SP_PAGES - i);	/* next free page */
		if (!p)
			return -1;
		i = (uint32_t)(p - model);
		p = memchr(model + i, 1, SP_PAGES - i);	/* end of the run */
		j = p ? (uint32_t)(p - model) : SP_PAGES;
		a = (i + ap - 1) & ~(ap - 1);
		if ((uint64_t)a + npages <= j)
			return a;
		i = j;
		(void)end;
	}
	return -1;
}

static void collect_fn(void *arg, const struct range_node *n)
{
	(void)arg;
	assert_true(tree_n < POOL_N);
	tree_start[tree_n] = n->start;
	tree_size[tree_n] = n->size;
	tree_n++;
}

/* The tree's blocks must be exactly the model's free runs. */
static void compare_with_model(const struct vm_space *s)
{
	uint32_t i = 0, j, runs = 0, free_pages = 0, largest = 0;

	assert_int_equal(range_tree_check(&s->free), 0);
	tree_n = 0;
	range_tree_walk(&s->free, collect_fn, NULL);
	assert_int_equal(tree_n, s->free.count);
	while (i < SP_PAGES) {
		if (model[i]) {
			i++;
			continue;
		}
		for (j = i; j < SP_PAGES && !model[j]; j++)
			;
		assert_true(runs < tree_n);
		assert_int_equal(tree_start[runs], SP_START + i * SZ_4K);
		assert_int_equal(tree_size[runs], (j - i) * SZ_4K);
		if ((j - i) * SZ_4K > largest)
			largest = (j - i) * SZ_4K;
		free_pages += j - i;
		runs++;
		i = j;
	}
	assert_int_equal(runs, tree_n);
	assert_int_equal(s->free_bytes, free_pages * SZ_4K);
	assert_int_equal(vm_space_largest(s), largest);
	assert_int_equal(pool_in_use, tree_n);
}

static uint32_t random_pages(void)
{
	uint32_t r = rnd() % 1000;

	if (r < 900)
		return 1 + rnd() % 8;
	if (r < 990)
		return 1 + rnd() % 128;
	if (r < 999)
		return 1 + rnd() % 1024;
	return 1 + rnd() % 4096;		/* up to 16 MB */
}

static uint32_t random_align(void)
{
	uint32_t r = rnd() % 100;

	if (r < 80)
		return SZ_4K;
	if (r < 92)
		return 0x10000;
	if (r < 98)
		return SZ_1M;
	return SZ_16M;
}

static void test_vs_stress(void **state)
{
	struct vm_space s;
	unsigned live = 0, op, k;
	unsigned allocs = 0, fails = 0, lowest_checks = 0;
	bool want_lowest = false;

	(void)state;
	rng_state = 0x9e3779b97f4a7c15ull;
	memset(model, 0, sizeof(model));
	space_init(&s);
	assert_int_equal(vm_space_add(&s, SP_START, SP_END - SP_START), 0);

	for (op = 0; op < STRESS_OPS; op++) {
		bool do_alloc;

		if (op % 1000 == 0)
			want_lowest = true;
		if (live < 200)
			do_alloc = true;
		else if (live >= 3000 || live == MAX_LIVE)
			do_alloc = false;
		else
			do_alloc = rnd() & 1;

		if (do_alloc) {
			uint32_t np = random_pages() + 1;	/* + guard page */
			uint32_t align = random_align();
			uint32_t size = np * SZ_4K, a, p0, i;

			a = vm_space_alloc(&s, size, align);
			allocs++;
			if (a == 0) {
				/* failure must mean the model has no room */
				fails++;
				assert_int_equal(model_lowest(np, align / SZ_4K), -1);
				continue;
			}
			assert_int_equal(a & (align - 1), 0);
			assert_true(a >= SP_START && (uint64_t)a + size <= SP_END);
			p0 = (a - SP_START) / SZ_4K;
			for (i = 0; i < np; i++) {
				assert_int_equal(model[p0 + i], 0);
				model[p0 + i] = 1;
			}
			if (want_lowest) {
				/* model[] now holds this area: ask with it undone */
				memset(model + p0, 0, np);
				assert_int_equal(model_lowest(np, align / SZ_4K), (long)p0);
				memset(model + p0, 1, np);
				want_lowest = false;
				lowest_checks++;
			}
			live_start[live] = a;
			live_size[live] = size;
			live++;
		} else {
			uint32_t p0;

			k = rnd() % live;
			assert_int_equal(vm_space_free(&s, live_start[k], live_size[k]), 0);
			p0 = (live_start[k] - SP_START) / SZ_4K;
			memset(model + p0, 0, live_size[k] / SZ_4K);
			if (op % 97 == 0) {
				/* a double free is refused and changes nothing */
				uint32_t fb = s.free_bytes;

				assert_int_equal(vm_space_free(&s, live_start[k], live_size[k]), -1);
				assert_int_equal(s.free_bytes, fb);
			}
			live_start[k] = live_start[live - 1];
			live_size[k] = live_size[live - 1];
			live--;
		}
		if (op % 10000 == 9999)
			compare_with_model(&s);
	}
	compare_with_model(&s);
	/* fails are few, but there should be some large aligned ones */
	assert_true(lowest_checks >= 900);
	assert_true(fails < allocs / 100);

	/* give everything back in random order */
	while (live) {
		k = rnd() % live;
		assert_int_equal(vm_space_free(&s, live_start[k], live_size[k]), 0);
		memset(model + (live_start[k] - SP_START) / SZ_4K, 0, live_size[k] / SZ_4K);
		live_start[k] = live_start[live - 1];
		live_size[k] = live_size[live - 1];
		live--;
	}
	compare_with_model(&s);
	assert_int_equal(s.free.count, 1);
	assert_int_equal(s.free.root->start, SP_START);
	assert_int_equal(s.free.root->size, SP_END - SP_START);
	assert_int_equal(s.free_bytes, SP_END - SP_START);
	assert_int_equal(vm_space_largest(&s), SP_END - SP_START);
	assert_int_equal(pool_in_use, 1);
	print_message("stress: %u allocs (%u failed, %u lowest-fit checks)\n",
		      allocs, fails, lowest_checks);
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
		cmocka_unit_test(test_vs_add_coalesces),
		cmocka_unit_test(test_vs_reserve),
		cmocka_unit_test(test_vs_alloc_lowest_first),
		cmocka_unit_test(test_vs_alloc_without_node),
		cmocka_unit_test(test_vs_double_free),
		cmocka_unit_test(test_vs_largest),
		cmocka_unit_test(test_vs_stress),
	};

	capture_reset();
	return cmocka_run_group_tests_name("range_tree", tests, NULL, NULL);
}
