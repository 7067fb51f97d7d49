/*
 * Host benchmark of the vmalloc space allocator (mm/vm_space.c): how the
 * cost of an alloc+free pair grows with the number of live areas.
 *
 * For N live areas, fill [0xf0000000, 0xff000000) with N areas, then time
 * OPS steps of "free a random live area, allocate a new one", which keeps
 * N constant and the free tree at about N blocks.  Best of REPS runs,
 * after one warm-up run that is not counted.
 *
 * Areas are 1-4 pages plus a guard page, as vmalloc adds one: 16000 areas
 * of up to 16 pages (9.5 pages each on average) would need about 150000
 * pages, and the 240 MB area holds 61440.  The same sizes are used for
 * every N so that only the tree size changes between the figures.
 */
#define _POSIX_C_SOURCE 200809L	/* clock_gettime under -std=c11 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "printk.h"
#include "sizes.h"
#include "vm_space.h"

#define SP_START	0xf0000000u
#define SP_END		0xff000000u
#define MAX_LIVE	16000
#define POOL_N		(MAX_LIVE + 16)
#define OPS		200000
#define REPS		3

/* vm_space prints nothing, but give the link a printk all the same */
int printk(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

static struct range_node pool[POOL_N];
static struct range_node *pool_head;

static void pool_reset(void)
{
	unsigned i;

	pool_head = NULL;
	for (i = POOL_N; i-- > 0;) {
		pool[i].left = pool_head;
		pool_head = &pool[i];
	}
}

static struct range_node *node_alloc(void *ctx)
{
	struct range_node *n = pool_head;

	(void)ctx;
	if (n)
		pool_head = n->left;
	return n;
}

static void node_free(void *ctx, struct range_node *n)
{
	(void)ctx;
	n->left = pool_head;
	pool_head = n;
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 32);
}

static uint32_t area_size(void)
{
	return (1 + rnd() % 4 + 1) * SZ_4K;	/* 1-4 pages + guard page */
}

static uint32_t live_start[MAX_LIVE], live_size[MAX_LIVE];

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void fail(const char *what, unsigned n)
{
	fprintf(stderr, "bench_vmalloc: %s with %u live areas\n", what, n);
	exit(1);
}

/* ns per alloc+free pair with n live areas, one run */
static double run(unsigned n)
{
	struct vm_space s;
	double t0, t1;
	unsigned i, k;

	pool_reset();
	vm_space_init(&s, node_alloc, node_free, NULL);
	if (vm_space_add(&s, SP_START, SP_END - SP_START) < 0)
		fail("vm_space_add failed", n);
	for (i = 0; i < n; i++) {
		live_size[i] = area_size();
		live_start[i] = vm_space_alloc(&s, live_size[i], SZ_4K);
		if (!live_start[i])
			fail("fill failed", n);
	}
	/* the same small random frees and allocs for every N */
	t0 = now_ns();
	for (i = 0; i < OPS; i++) {
		k = rnd() % n;
		if (vm_space_free(&s, live_start[k], live_size[k]) < 0)
			fail("free failed", n);
		live_size[k] = area_size();
		live_start[k] = vm_space_alloc(&s, live_size[k], SZ_4K);
		if (!live_start[k])
			fail("alloc failed", n);
	}
	t1 = now_ns();
	if (range_tree_check(&s.free) < 0)
		fail("tree check failed", n);
	return (t1 - t0) / OPS;
}

int main(void)
{
	static const unsigned ns[] = { 16, 1000, 16000 };
	double best[3];
	unsigned i, r;

	run(1000);		/* warm up caches and the CPU clock; not counted */
	for (i = 0; i < 3; i++) {
		best[i] = 0;
		for (r = 0; r < REPS; r++) {
			double t = run(ns[i]);

			if (r == 0 || t < best[i])
				best[i] = t;
		}
		printf("vmalloc space: %u live areas: %.0f ns per alloc+free\n", ns[i], best[i]);
	}
	printf("vmalloc: cost with 16000 live areas vs 16: %.1fx\n", best[2] / best[0]);
	return 0;
}
