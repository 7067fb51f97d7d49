/*
 * Host benchmark of vmalloc: how the cost of an alloc+free pair grows
 * with the number of live areas, for
 *   - the free-space tree alone (core/mm/free_space.c), and
 *   - the whole of vmalloc+vfree (core/mm/vmalloc.c): the free-space search, the
 *     busy tree, a frame per page from the buddy allocator, kmalloc for the
 *     bookkeeping, and the page-table entries written and cleared -- the
 *     kernel's code on fake memory (lowmem as host memory, highmem frames
 *     as numbers only, since vmalloc never touches its pages' contents).
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
#include <string.h>
#include <time.h>

#include "fake_mm.h"
#include "printk.h"
#include "sizes.h"
#include "free_space.h"
#include "vmalloc.h"

#define SP_START	0xf0000000u
#define SP_END		0xff000000u
#define MAX_LIVE	16000
#define POOL_N		(MAX_LIVE + 16)
#define OPS		200000
#define REPS		3

/* free_space prints nothing, but give the link a printk all the same */
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
	struct free_space s;
	double t0, t1;
	unsigned i, k;

	pool_reset();
	free_space_init(&s, node_alloc, node_free, NULL);
	if (free_space_add(&s, SP_START, SP_END - SP_START) < 0)
		fail("free_space_add failed", n);
	for (i = 0; i < n; i++) {
		live_size[i] = area_size();
		live_start[i] = free_space_alloc(&s, live_size[i], SZ_4K);
		if (!live_start[i])
			fail("fill failed", n);
	}
	/* the same small random frees and allocs for every N */
	t0 = now_ns();
	for (i = 0; i < OPS; i++) {
		k = rnd() % n;
		if (free_space_free(&s, live_start[k], live_size[k]) < 0)
			fail("free failed", n);
		live_size[k] = area_size();
		live_start[k] = free_space_alloc(&s, live_size[k], SZ_4K);
		if (!live_start[k])
			fail("alloc failed", n);
	}
	t1 = now_ns();
	if (range_tree_check(&s.free) < 0)
		fail("tree check failed", n);
	return (t1 - t0) / OPS;
}

/* ---- the whole vmalloc+vfree, on fake memory ---- */

#define BASE_PFN	0x40000u
#define LOW_FRAMES	16384u		/* 64 MB of lowmem: kmalloc and page tables */
#define ALL_FRAMES	(LOW_FRAMES + 65536u)	/* and 256 MB of highmem */

/* The kernel's memory on the host (tests/unit/fake_mm.c): frames from the
 * page allocator, lowmem as host memory, tables from kmalloc. */
static struct fake_kmem mem;

static void fake_memory(void)
{
	if (fake_kmem_init(&mem, BASE_PFN, ALL_FRAMES, LOW_FRAMES, 0))
		fail("no host memory", 0);
}

static double run_vmalloc(unsigned n)
{
	struct vmap_space vs;
	double t0, t1;
	unsigned i, k;

	fake_kmem_reset(&mem);
	if (vmap_space_init(&vs, SP_START, SP_END, false, &mem.pt, &mem.pa, &mem.k))
		fail("vmap_space_init failed", n);
	for (i = 0; i < n; i++)
		if (!(live_start[i] = vmap_vmalloc(&vs, area_size() - SZ_4K)))
			fail("vmalloc failed while filling", n);
	t0 = now_ns();
	for (i = 0; i < OPS; i++) {
		k = rnd() % n;
		if (vmap_vfree(&vs, live_start[k]))
			fail("vfree failed", n);
		if (!(live_start[k] = vmap_vmalloc(&vs, area_size() - SZ_4K)))
			fail("vmalloc failed", n);
	}
	t1 = now_ns();
	for (i = 0; i < n; i++)
		vmap_vfree(&vs, live_start[i]);
	if (vs.busy.count || vs.free.free_bytes != vs.total || page_alloc_check(&mem.pa) ||
	    mem.bad_frees)
		fail("something was lost", n);
	return (t1 - t0) / OPS;
}

static void report(const char *what, double (*fn)(unsigned), const char *ratio_line)
{
	static const unsigned ns[] = { 16, 1000, 16000 };
	double best[3];

	fn(1000);		/* warm up caches and the CPU clock; not counted */
	for (unsigned i = 0; i < 3; i++) {
		for (unsigned r = 0; r < REPS; r++) {
			double t = fn(ns[i]);

			if (r == 0 || t < best[i])
				best[i] = t;
		}
		printf("%s: %5u live areas: %4.0f ns per alloc+free\n", what, ns[i], best[i]);
	}
	printf("%s: cost with 16000 live areas vs 16: %.1fx\n", ratio_line, best[2] / best[0]);
}

int main(void)
{
	fake_memory();
	report("vmalloc space (free-space tree only)", run, "vmalloc space");
	report("vmalloc+vfree (1-4 pages, mapped)", run_vmalloc, "vmalloc");
	return 0;
}
