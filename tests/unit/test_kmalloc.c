/* Unit tests for core/mm/kmalloc.c: size classes on lowmem pages, big sizes
 * as page blocks, on the fake memory of tests/unit/page_env.c.  The stress
 * test runs random operations against a model (a pattern per object). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "capture.h"
#include "page_env.h"

/* ============================================================ kmalloc */

static void kenv(uint32_t nr_low)
{
	env_setup(BASE, nr_low + 256, BASE + nr_low, true);
	page_alloc_add_range(&mem.pa, BASE, BASE + nr_low + 256);
}

static bool in_linear_map(const void *p, size_t size)
{
	uintptr_t a = (uintptr_t)p, r = (uintptr_t)mem.ram;

	return a >= r && a - r + size <= (size_t)mem.nr_low * PAGE_SIZE;
}

static void assert_all_returned(void)
{
	for (int i = 0; i < NR_KMALLOC_CLASSES; i++) {
		assert_int_equal(mem.k.caches[i].pages, 0);
		assert_int_equal(mem.k.caches[i].objects_inuse, 0);
		assert_int_equal(mem.k.caches[i].partial, PFN_NONE);
	}
	assert_int_equal(mem.k.large_pages, 0);
	assert_int_equal(nr_free_pages(&mem.pa, ZONE_NORMAL), mem.pa.zones[ZONE_NORMAL].managed_pages);
	assert_check();
}

static void test_kmalloc_classes(void **state)
{
	(void)state;
	kenv(64);
	for (int i = 0; i < NR_KMALLOC_CLASSES; i++)
		assert_int_equal(mem.k.caches[i].size, 16u << i);

	/* Each size lands in the smallest class that holds it. */
	for (size_t size = 1; size <= 2048; size++) {
		size_t want = 16;
		void *p;

		while (want < size)
			want *= 2;
		p = kmalloc_from(&mem.k, size);
		assert_non_null(p);
		assert_int_equal(ksize_of(&mem.k, p), want);
		assert_true(in_linear_map(p, want));
		/* Aligned to its size: offsets are multiples of it in an
		 * aligned page. */
		assert_int_equal((uintptr_t)p & (want - 1), 0);
		assert_int_equal(kfree_to(&mem.k, p), 0);
	}
	assert_all_returned();

	/* kmalloc(0) is NULL here; kfree(NULL) is accepted and does nothing. */
	assert_null(kmalloc_from(&mem.k, 0));
	assert_int_equal(kfree_to(&mem.k, NULL), 0);
	assert_int_equal(ksize_of(&mem.k, NULL), 0);
}

static void test_kmalloc_pages(void **state)
{
	void *p[300];
	uint32_t pfn;
	struct page *pg;

	(void)state;
	kenv(64);

	/* 256 objects of 16 bytes fill exactly one page; the next needs a second. */
	for (int i = 0; i < 257; i++) {
		p[i] = kmalloc_from(&mem.k, 16);
		assert_non_null(p[i]);
	}
	assert_int_equal(mem.k.caches[0].pages, 2);
	assert_int_equal(mem.k.caches[0].objects_inuse, 257);
	pfn = address_frame(&mem, p[0]);
	pg = page_of(pfn);
	assert_int_equal(pg->flags, PG_head | PG_slab);
	assert_int_equal(pg->slab_class, 0);
	assert_int_equal(pg->inuse, 256);
	assert_int_equal(pg->freelist, 0);
	/* The full page is off the partial list; the new one is on it. */
	assert_int_equal(mem.k.caches[0].partial, address_frame(&mem, p[256]));
	assert_true(address_frame(&mem, p[256]) != pfn);
	assert_int_equal(nr_free_pages(&mem.pa, ZONE_NORMAL), 62);
	assert_check();

	/* Freeing one from the full page puts it back on the partial list. */
	assert_int_equal(kfree_to(&mem.k, p[7]), 0);
	assert_int_equal(pg->inuse, 255);
	assert_int_equal(mem.k.caches[0].partial, pfn);
	assert_ptr_equal(kmalloc_from(&mem.k, 10), p[7]);	/* reused first */
	/* The last object of a page returns the page. */
	assert_int_equal(kfree_to(&mem.k, p[256]), 0);
	assert_int_equal(mem.k.caches[0].pages, 1);
	assert_int_equal(nr_free_pages(&mem.pa, ZONE_NORMAL), 63);
	for (int i = 0; i < 256; i++)
		assert_int_equal(kfree_to(&mem.k, p[i]), 0);
	assert_all_returned();

	/* 2048-byte objects: two per page. */
	for (int i = 0; i < 5; i++)
		p[i] = kmalloc_from(&mem.k, 2000);
	assert_int_equal(mem.k.caches[7].pages, 3);
	for (int i = 0; i < 5; i++)
		assert_int_equal(kfree_to(&mem.k, p[i]), 0);
	assert_all_returned();
}

static void test_kmalloc_no_overlap(void **state)
{
	enum { N = 2000 };
	static unsigned char *p[N];
	static size_t sz[N];

	(void)state;
	kenv(512);
	rng_state = 12345;
	for (int i = 0; i < N; i++) {
		sz[i] = 1 + rnd() % (i % 10 == 0 ? 6000 : 300);
		p[i] = kmalloc_from(&mem.k, sz[i]);
		assert_non_null(p[i]);
		assert_true(in_linear_map(p[i], sz[i]));
		assert_true(ksize_of(&mem.k, p[i]) >= sz[i]);
		memset(p[i], i & 0xff, ksize_of(&mem.k, p[i]));	/* all the usable size */
	}
	/* No object was written over by another: pairwise disjoint. */
	for (int i = 0; i < N; i++)
		for (size_t j = 0; j < ksize_of(&mem.k, p[i]); j++)
			if (p[i][j] != (i & 0xff))
				fail_msg("object %d byte %zu overwritten", i, j);
	assert_check();
	for (int i = 0; i < N; i += 2)
		assert_int_equal(kfree_to(&mem.k, p[i]), 0);
	for (int i = 1; i < N; i += 2)
		for (size_t j = 0; j < sz[i]; j++)
			assert_int_equal(p[i][j], i & 0xff);
	for (int i = 1; i < N; i += 2)
		assert_int_equal(kfree_to(&mem.k, p[i]), 0);
	assert_all_returned();
}

static void test_kmalloc_large(void **state)
{
	void *a, *b, *c;
	uint32_t pfn;

	(void)state;
	kenv(2048);		/* two order-10 blocks of lowmem */

	a = kmalloc_from(&mem.k, 2049);		/* just over the biggest class */
	assert_non_null(a);
	assert_int_equal(ksize_of(&mem.k, a), 4096);
	assert_int_equal((uintptr_t)a & (PAGE_SIZE - 1), 0);
	assert_int_equal(mem.k.large_pages, 1);
	b = kmalloc_from(&mem.k, 4097);
	assert_int_equal(ksize_of(&mem.k, b), 8192);
	assert_int_equal(mem.k.large_pages, 3);
	c = kmalloc_from(&mem.k, 4u << 20);	/* 4 MB: the biggest block */
	assert_non_null(c);
	assert_int_equal(ksize_of(&mem.k, c), 4u << 20);
	assert_int_equal(mem.k.large_pages, 3 + 1024);
	pfn = address_frame(&mem, c);
	assert_int_equal(page_of(pfn)->flags, PG_head);
	assert_int_equal(page_of(pfn)->order, 10);
	assert_true(in_linear_map(c, 4u << 20));
	memset(c, 0xc3, 4u << 20);
	assert_check();

	assert_null(kmalloc_from(&mem.k, (4u << 20) + 1));	/* beyond MAX_ORDER */
	assert_null(kmalloc_from(&mem.k, 4u << 20));		/* no lowmem left for it */
	assert_null(kmalloc_from(&mem.k, SIZE_MAX));

	assert_int_equal(kfree_to(&mem.k, c), 0);
	assert_int_equal(kfree_to(&mem.k, b), 0);
	assert_int_equal(kfree_to(&mem.k, a), 0);
	assert_all_returned();
}

static void test_kfree_invalid(void **state)
{
	unsigned char *a, *b, *big, *freed;
	int on_stack;
	uint32_t raw;
	struct snap s;

	(void)state;
	kenv(64);
	a = kmalloc_from(&mem.k, 32);
	b = kmalloc_from(&mem.k, 32);
	freed = kmalloc_from(&mem.k, 32);
	big = kmalloc_from(&mem.k, 8000);
	assert_int_equal(kfree_to(&mem.k, freed), 0);
	raw = alloc_pages(&mem.pa, GFP_KERNEL, 0);	/* not kmalloc's */
	assert_true(raw != PFN_NONE);
	assert_check();

	snap_take(&s);
	assert_int_equal(kfree_to(&mem.k, &on_stack), -1);	/* not in the linear map */
	assert_int_equal(kfree_to(&mem.k, a + 1), -1);		/* inside an object */
	assert_int_equal(kfree_to(&mem.k, a + 16), -1);
	assert_int_equal(kfree_to(&mem.k, a + 31), -1);
	assert_int_equal(kfree_to(&mem.k, freed), -1);		/* double free */
	assert_int_equal(kfree_to(&mem.k, big + 16), -1);		/* inside a block */
	assert_int_equal(kfree_to(&mem.k, big + PAGE_SIZE), -1);
	assert_int_equal(kfree_to(&mem.k, frame_address(&mem, raw)), -1);
	/* A free frame, the first frame past lowmem, just before it. */
	assert_int_equal(kfree_to(&mem.k, mem.ram + (size_t)63 * PAGE_SIZE), -1);
	assert_int_equal(kfree_to(&mem.k, mem.ram + (size_t)64 * PAGE_SIZE), -1);
	assert_int_equal(kfree_to(&mem.k, (void *)((uintptr_t)mem.ram - 16)), -1);
	assert_int_equal(ksize_of(&mem.k, a + 1), 0);
	assert_int_equal(ksize_of(&mem.k, freed), 0);
	assert_int_equal(ksize_of(&mem.k, big + PAGE_SIZE), 0);
	assert_int_equal(ksize_of(&mem.k, &on_stack), 0);
	snap_assert_same(&s);
	snap_free(&s);

	/* The slab page cannot be given back behind kmalloc's back either. */
	assert_int_equal(free_pages(&mem.pa, address_frame(&mem, a), 0), -1);

	assert_int_equal(kfree_to(&mem.k, a), 0);
	assert_int_equal(kfree_to(&mem.k, a), -1);		/* second time */
	assert_int_equal(kfree_to(&mem.k, b), 0);
	assert_int_equal(kfree_to(&mem.k, b), -1);		/* page gone: refused */
	assert_int_equal(kfree_to(&mem.k, big), 0);
	assert_int_equal(kfree_to(&mem.k, big), -1);
	assert_int_equal(free_pages(&mem.pa, raw, 0), 0);
	assert_all_returned();
}

static void test_kmalloc_out_of_memory(void **state)
{
	void *p[1100];
	int n = 0;

	(void)state;
	kenv(4);		/* four lowmem pages; highmem never used */
	while (n < 1100 && (p[n] = kmalloc_from(&mem.k, 16)) != NULL)
		n++;
	assert_int_equal(n, 4 * 256);
	assert_null(kmalloc_from(&mem.k, 64));
	assert_null(kmalloc_from(&mem.k, 3000));
	assert_int_equal(nr_free_pages(&mem.pa, ZONE_HIGHMEM), 256);
	assert_check();
	while (n)
		assert_int_equal(kfree_to(&mem.k, p[--n]), 0);
	assert_all_returned();
}

/* ---------------------------------------------------------- kmalloc stress */

#define KS_OPS		200000
#define KS_LIVE		1500

struct kobj_model {
	unsigned char *p;
	size_t size;
	uint8_t pat;
};

static void fill(const struct kobj_model *o)
{
	for (size_t i = 0; i < o->size; i++)
		o->p[i] = (uint8_t)(o->pat + i * 7);
}

static void verify(const struct kobj_model *o)
{
	for (size_t i = 0; i < o->size; i++)
		if (o->p[i] != (uint8_t)(o->pat + i * 7))
			fail_msg("object %p (%zu bytes) changed at byte %zu", (void *)o->p, o->size, i);
}

static void test_kmalloc_stress(void **state)
{
	static struct kobj_model live[KS_LIVE];
	uint32_t nlive = 0, small = 0, bad = 0;

	(void)state;
	rng_state = 0x9e3779b9u;
	kenv(2048);
	for (uint32_t op = 1; op <= KS_OPS; op++) {
		uint32_t r = rnd();

		if (nlive < KS_LIVE && (nlive == 0 || r % 100 < 52)) {
			uint32_t k = (r >> 8) % 100;
			size_t size = k < 70 ? 1 + (r >> 16) % 256 :
				      k < 95 ? 1 + (r >> 16) % 2048 : 1 + (r >> 16) % 9000;
			struct kobj_model *o = &live[nlive];

			o->p = kmalloc_from(&mem.k, size);
			assert_non_null(o->p);
			assert_true(ksize_of(&mem.k, o->p) >= size);
			assert_true(in_linear_map(o->p, size));
			o->size = size;
			o->pat = (uint8_t)(r >> 24);
			fill(o);
			nlive++;
			small += size <= KMALLOC_MAX_CLASS;
		} else {
			uint32_t i = (r >> 8) % nlive;

			verify(&live[i]);
			if ((r >> 20) % 64 == 0 && live[i].size > 1) {
				assert_int_equal(kfree_to(&mem.k, live[i].p + 1), -1);
				bad++;
			}
			assert_int_equal(kfree_to(&mem.k, live[i].p), 0);
			if ((r >> 26) % 16 == 0) {	/* then a double free */
				assert_int_equal(kfree_to(&mem.k, live[i].p), -1);
				bad++;
			}
			live[i] = live[--nlive];
		}
		if (op % 10000 == 0) {
			uint32_t objs = 0, want = 0;

			assert_check();
			for (int c = 0; c < NR_KMALLOC_CLASSES; c++)
				objs += mem.k.caches[c].objects_inuse;
			for (uint32_t i = 0; i < nlive; i++)
				want += live[i].size <= KMALLOC_MAX_CLASS;
			assert_int_equal(objs, want);
		}
	}
	assert_true(bad > 0);
	assert_true(small > 0);
	while (nlive) {
		verify(&live[--nlive]);
		assert_int_equal(kfree_to(&mem.k, live[nlive].p), 0);
	}
	assert_all_returned();
	assert_int_equal(nr_free_pages(&mem.pa, NR_ZONES), 2048 + 256);
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_kmalloc_classes, page_env_teardown),
		cmocka_unit_test_teardown(test_kmalloc_pages, page_env_teardown),
		cmocka_unit_test_teardown(test_kmalloc_no_overlap, page_env_teardown),
		cmocka_unit_test_teardown(test_kmalloc_large, page_env_teardown),
		cmocka_unit_test_teardown(test_kfree_invalid, page_env_teardown),
		cmocka_unit_test_teardown(test_kmalloc_out_of_memory, page_env_teardown),
		cmocka_unit_test_teardown(test_kmalloc_stress, page_env_teardown),
	};

	return cmocka_run_group_tests_name("kmalloc", tests, NULL, NULL);
}
