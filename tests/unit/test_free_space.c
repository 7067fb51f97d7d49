/* Unit tests for core/mm/free_space.c, free virtual space: coalescing,
 * reserve, lowest fit, over the range tree.
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
#include "xorshift64.h"
#include "range_tree.h"
#include "sizes.h"
#include "free_space.h"

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

static void space_init(struct free_space *s)
{
	pool_reset();
	free_space_init(s, pool_alloc, pool_free, NULL);
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

static void take_snap(const struct free_space *s, struct snap *sn)
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
static void assert_blocks(const struct free_space *s, unsigned n, const uint32_t *pairs)
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


/* ======================================================== free_space */

#define A	0x10000000u
#define SZ_64K	0x00010000u

static void test_vs_add_coalesces(void **state)
{
	struct free_space s;
	struct snap before, after;

	(void)state;
	space_init(&s);
	assert_int_equal(free_space_largest(&s), 0);

	/* both sides: a gap filled exactly */
	assert_int_equal(free_space_add(&s, A, SZ_4K), 0);
	assert_int_equal(free_space_add(&s, A + 2 * SZ_4K, SZ_4K), 0);
	assert_blocks(&s, 2, (const uint32_t[]){ A, SZ_4K, A + 2 * SZ_4K, SZ_4K });
	assert_int_equal(free_space_add(&s, A + SZ_4K, SZ_4K), 0);
	assert_blocks(&s, 1, (const uint32_t[]){ A, 3 * SZ_4K });

	/* left: joins the block in front */
	assert_int_equal(free_space_add(&s, A + 3 * SZ_4K, SZ_4K), 0);
	assert_blocks(&s, 1, (const uint32_t[]){ A, 4 * SZ_4K });

	/* right: joins the block behind, which then starts lower */
	assert_int_equal(free_space_add(&s, A + SZ_1M, SZ_4K), 0);
	assert_int_equal(free_space_add(&s, A + SZ_1M - SZ_16K, SZ_16K), 0);
	assert_blocks(&s, 2, (const uint32_t[]){ A, 4 * SZ_4K,
						A + SZ_1M - SZ_16K, SZ_16K + SZ_4K });
	assert_int_equal(free_space_largest(&s), SZ_16K + SZ_4K);

	/* overlap with free space, at either end or inside, is refused */
	take_snap(&s, &before);
	assert_int_equal(free_space_add(&s, A - SZ_4K, 2 * SZ_4K), -1);
	assert_int_equal(free_space_add(&s, A + 3 * SZ_4K, 2 * SZ_4K), -1);
	assert_int_equal(free_space_add(&s, A + SZ_4K, SZ_4K), -1);
	assert_int_equal(free_space_add(&s, A - SZ_4K, SZ_1M + SZ_16K), -1);
	assert_int_equal(free_space_add(&s, A + SZ_1M, SZ_4K), -1);
	/* empty or past 4 GB */
	assert_int_equal(free_space_add(&s, A + SZ_16M, 0), -1);
	assert_int_equal(free_space_add(&s, 0xfffff000, 0x2000), -1);
	/* a new block with no node to hold it */
	pool_dry = true;
	assert_int_equal(free_space_add(&s, A + SZ_16M, SZ_4K), -1);
	take_snap(&s, &after);
	assert_same(&before, &after);
	/* ...but a merge needs no node */
	assert_int_equal(free_space_add(&s, A + 4 * SZ_4K, SZ_4K), 0);
	pool_dry = false;
	assert_blocks(&s, 2, (const uint32_t[]){ A, 5 * SZ_4K,
						A + SZ_1M - SZ_16K, SZ_16K + SZ_4K });

	/* the very top of the address space */
	assert_int_equal(free_space_add(&s, 0xfffff000, SZ_4K), 0);
	assert_int_equal(free_space_add(&s, 0xffffe000, SZ_4K), 0);
	assert_int_equal(free_space_largest(&s), SZ_16K + SZ_4K);
	assert_int_equal(range_tree_find(&s.free, 0xffffffff)->start, 0xffffe000);
	assert_int_equal(range_tree_check(&s.free), 0);
}

static void test_vs_reserve(void **state)
{
	struct free_space s;
	struct snap before, after;

	(void)state;
	space_init(&s);
	assert_int_equal(free_space_add(&s, A, SZ_1M), 0);

	/* middle: splits the block in two */
	assert_int_equal(free_space_reserve(&s, A + SZ_16K, SZ_4K), 0);
	assert_blocks(&s, 2, (const uint32_t[]){ A, SZ_16K,
						A + SZ_16K + SZ_4K, SZ_1M - SZ_16K - SZ_4K });
	/* front edge of a block */
	assert_int_equal(free_space_reserve(&s, A + SZ_16K + SZ_4K, SZ_4K), 0);
	assert_blocks(&s, 2, (const uint32_t[]){ A, SZ_16K,
						A + SZ_16K + 2 * SZ_4K, SZ_1M - SZ_16K - 2 * SZ_4K });
	/* back edge of a block */
	assert_int_equal(free_space_reserve(&s, A + SZ_1M - SZ_4K, SZ_4K), 0);
	assert_blocks(&s, 2, (const uint32_t[]){ A, SZ_16K,
						A + SZ_16K + 2 * SZ_4K, SZ_1M - SZ_16K - 3 * SZ_4K });
	/* a whole block: its node goes back */
	assert_int_equal(free_space_reserve(&s, A, SZ_16K), 0);
	assert_blocks(&s, 1, (const uint32_t[]){ A + SZ_16K + 2 * SZ_4K,
						SZ_1M - SZ_16K - 3 * SZ_4K });

	/* failures leave everything as it was */
	assert_int_equal(free_space_add(&s, A, SZ_4K), 0);
	take_snap(&s, &before);
	assert_int_equal(free_space_reserve(&s, A, SZ_4K * 2), -1);		/* runs past a block */
	assert_int_equal(free_space_reserve(&s, A + SZ_4K, SZ_4K), -1);		/* not free */
	assert_int_equal(free_space_reserve(&s, A, SZ_1M), -1);			/* spans a hole */
	assert_int_equal(free_space_reserve(&s, A + SZ_1M - SZ_4K, SZ_4K), -1);	/* reserved */
	assert_int_equal(free_space_reserve(&s, A + SZ_1M - 2 * SZ_4K, 2 * SZ_4K), -1);
	assert_int_equal(free_space_reserve(&s, A - SZ_4K, 2 * SZ_4K), -1);
	assert_int_equal(free_space_reserve(&s, A + SZ_32M, SZ_4K), -1);
	assert_int_equal(free_space_reserve(&s, A, 0), -1);
	assert_int_equal(free_space_reserve(&s, 0xfffff000, 0x2000), -1);
	pool_dry = true;				/* a middle split needs a node */
	assert_int_equal(free_space_reserve(&s, A + SZ_64K, SZ_4K), -1);
	take_snap(&s, &after);
	assert_same(&before, &after);
	/* edges need none */
	assert_int_equal(free_space_reserve(&s, A, SZ_4K), 0);
	assert_int_equal(free_space_reserve(&s, A + SZ_16K + 2 * SZ_4K, SZ_4K), 0);
	pool_dry = false;
	assert_blocks(&s, 1, (const uint32_t[]){ A + SZ_16K + 3 * SZ_4K,
						SZ_1M - SZ_16K - 4 * SZ_4K });
}

static void test_vs_alloc_lowest_first(void **state)
{
	struct free_space s;
	uint32_t a1, a2, a3, a4, a5;

	(void)state;
	space_init(&s);
	assert_int_equal(free_space_alloc(&s, SZ_4K, SZ_4K), 0);	/* nothing free */
	assert_int_equal(free_space_add(&s, A + SZ_4K, SZ_1M), 0);

	a1 = free_space_alloc(&s, SZ_4K, SZ_4K);
	a2 = free_space_alloc(&s, 2 * SZ_4K, SZ_4K);
	a3 = free_space_alloc(&s, SZ_4K, SZ_4K);
	assert_int_equal(a1, A + SZ_4K);
	assert_int_equal(a2, A + 2 * SZ_4K);
	assert_int_equal(a3, A + 4 * SZ_4K);
	assert_int_equal(s.free_bytes, SZ_1M - 4 * SZ_4K);

	/* a freed hole is used again before higher space */
	assert_int_equal(free_space_free(&s, a2, 2 * SZ_4K), 0);
	assert_int_equal(free_space_alloc(&s, SZ_4K, SZ_4K), a2);
	assert_int_equal(free_space_alloc(&s, SZ_4K, SZ_4K), a2 + SZ_4K);
	/* hole filled: one block again */
	assert_int_equal(s.free.count, 1);

	/* aligned: skips to the next 64 KB boundary and splits */
	a4 = free_space_alloc(&s, SZ_4K, 0x10000);
	assert_int_equal(a4, A + 0x10000);
	assert_int_equal(s.free.count, 2);
	/* the hole in front of it is still used by small requests */
	a5 = free_space_alloc(&s, SZ_4K, SZ_4K);
	assert_int_equal(a5, A + 5 * SZ_4K);

	/* too big or a bad alignment */
	assert_int_equal(free_space_alloc(&s, SZ_1M, SZ_4K), 0);
	assert_int_equal(free_space_alloc(&s, 0, SZ_4K), 0);
	assert_int_equal(free_space_alloc(&s, SZ_4K, 0x3000), 0);
	assert_int_equal(range_tree_check(&s.free), 0);
	assert_int_equal(s.free_bytes, SZ_1M - 6 * SZ_4K);
}

static void test_vs_alloc_without_node(void **state)
{
	struct free_space s;
	struct snap before, after;
	uint32_t a;

	(void)state;
	space_init(&s);
	/* [A+4K, A+1M+4K): a 64 KB aligned area inside it leaves space both
	 * in front and behind, so it needs a second node */
	assert_int_equal(free_space_add(&s, A + SZ_4K, SZ_1M), 0);
	take_snap(&s, &before);
	pool_dry = true;
	assert_int_equal(free_space_alloc(&s, SZ_4K, 0x10000), 0);
	take_snap(&s, &after);
	assert_same(&before, &after);
	/* taking the front of the block needs no node */
	a = free_space_alloc(&s, SZ_4K, SZ_4K);
	assert_int_equal(a, A + SZ_4K);
	pool_dry = false;
	a = free_space_alloc(&s, SZ_4K, 0x10000);
	assert_int_equal(a, A + 0x10000);
	assert_blocks(&s, 2, (const uint32_t[]){ A + 2 * SZ_4K, 0x10000 - 2 * SZ_4K,
						A + 0x11000, SZ_1M - 0x10000 });
}

static void test_vs_double_free(void **state)
{
	struct free_space s;
	struct snap before, after;
	uint32_t a, b;

	(void)state;
	space_init(&s);
	assert_int_equal(free_space_add(&s, A, SZ_1M), 0);
	a = free_space_alloc(&s, 2 * SZ_4K, SZ_4K);
	b = free_space_alloc(&s, 2 * SZ_4K, SZ_4K);
	assert_int_equal(free_space_free(&s, a, 2 * SZ_4K), 0);
	take_snap(&s, &before);
	assert_int_equal(free_space_free(&s, a, 2 * SZ_4K), -1);		/* again */
	assert_int_equal(free_space_free(&s, a + SZ_4K, SZ_4K), -1);	/* part of it */
	assert_int_equal(free_space_free(&s, b, 3 * SZ_4K), -1);		/* runs into free */
	assert_int_equal(free_space_free(&s, a, 4 * SZ_4K), -1);
	take_snap(&s, &after);
	assert_same(&before, &after);
	assert_int_equal(free_space_free(&s, b, 2 * SZ_4K), 0);
	assert_int_equal(free_space_free(&s, b, 2 * SZ_4K), -1);
	assert_blocks(&s, 1, (const uint32_t[]){ A, SZ_1M });
}

static void test_vs_largest(void **state)
{
	struct free_space s;
	uint32_t a;

	(void)state;
	space_init(&s);
	assert_int_equal(free_space_largest(&s), 0);
	assert_int_equal(free_space_add(&s, A, SZ_16K), 0);
	assert_int_equal(free_space_add(&s, A + SZ_1M, SZ_1M), 0);
	assert_int_equal(free_space_add(&s, A + SZ_16M, SZ_64K), 0);
	assert_int_equal(free_space_largest(&s), SZ_1M);
	a = free_space_alloc(&s, SZ_1M - SZ_4K, SZ_4K);
	assert_int_equal(a, A + SZ_1M);
	assert_int_equal(free_space_largest(&s), SZ_64K);
	assert_int_equal(free_space_reserve(&s, A + SZ_16M, SZ_4K), 0);
	assert_int_equal(free_space_largest(&s), SZ_64K - SZ_4K);
	assert_int_equal(free_space_free(&s, a, SZ_1M - SZ_4K), 0);
	assert_int_equal(free_space_largest(&s), SZ_1M);
	assert_int_equal(free_space_reserve(&s, A, SZ_16K), 0);
	assert_int_equal(free_space_reserve(&s, A + SZ_1M, SZ_1M), 0);
	assert_int_equal(free_space_reserve(&s, A + SZ_16M + SZ_4K, SZ_64K - SZ_4K), 0);
	assert_int_equal(free_space_largest(&s), 0);
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
static void compare_with_model(const struct free_space *s)
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
	assert_int_equal(free_space_largest(s), largest);
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
	struct free_space s;
	unsigned live = 0, op, k;
	unsigned allocs = 0, fails = 0, lowest_checks = 0;
	bool want_lowest = false;

	(void)state;
	rng_state = 0x9e3779b97f4a7c15ull;
	memset(model, 0, sizeof(model));
	space_init(&s);
	assert_int_equal(free_space_add(&s, SP_START, SP_END - SP_START), 0);

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

			a = free_space_alloc(&s, size, align);
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
			assert_int_equal(free_space_free(&s, live_start[k], live_size[k]), 0);
			p0 = (live_start[k] - SP_START) / SZ_4K;
			memset(model + p0, 0, live_size[k] / SZ_4K);
			if (op % 97 == 0) {
				/* a double free is refused and changes nothing */
				uint32_t fb = s.free_bytes;

				assert_int_equal(free_space_free(&s, live_start[k], live_size[k]), -1);
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
		assert_int_equal(free_space_free(&s, live_start[k], live_size[k]), 0);
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
	assert_int_equal(free_space_largest(&s), SP_END - SP_START);
	assert_int_equal(pool_in_use, 1);
	print_message("stress: %u allocs (%u failed, %u lowest-fit checks)\n",
		      allocs, fails, lowest_checks);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vs_add_coalesces),
		cmocka_unit_test(test_vs_reserve),
		cmocka_unit_test(test_vs_alloc_lowest_first),
		cmocka_unit_test(test_vs_alloc_without_node),
		cmocka_unit_test(test_vs_double_free),
		cmocka_unit_test(test_vs_largest),
		cmocka_unit_test(test_vs_stress),
	};

	capture_reset();
	return cmocka_run_group_tests_name("free_space", tests, NULL, NULL);
}
