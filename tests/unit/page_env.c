/* The page allocator's and kmalloc's test memory (page_env.h). */
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

struct env mem;

void *frame_address(void *ctx, uint32_t pfn)
{
	struct env *e = ctx;

	assert_ptr_equal(ctx, &mem);
	if (pfn < e->pa.base_pfn || pfn - e->pa.base_pfn >= e->nr_low)
		return NULL;
	return e->ram + (size_t)(pfn - e->pa.base_pfn) * PAGE_SIZE;
}

uint32_t address_frame(void *ctx, const void *p)
{
	struct env *e = ctx;
	uintptr_t a = (uintptr_t)p, r = (uintptr_t)e->ram;

	if (!e->ram || a < r || a - r >= (uintptr_t)e->nr_low * PAGE_SIZE)
		return PFN_NONE;
	return e->pa.base_pfn + (uint32_t)((a - r) / PAGE_SIZE);
}

/* A fresh allocator over [base, base + nr), highmem from hm; with_ram:
 * back the lowmem frames with memory and set up kmalloc. */
void env_setup(uint32_t base, uint32_t nr, uint32_t hm, bool with_ram)
{
	free(mem.map);
	free(mem.ram);
	memset(&mem, 0, sizeof(mem));
	mem.map = malloc(mem_map_size(nr));
	assert_non_null(mem.map);
	memset(mem.map, 0xa5, mem_map_size(nr));	/* init must not rely on zeroed memory */
	page_alloc_init(&mem.pa, mem.map, base, nr, hm);
	if (with_ram) {
		mem.nr_low = mem.pa.zones[ZONE_NORMAL].end_pfn - base;
		mem.ram = aligned_alloc(PAGE_SIZE, (size_t)mem.nr_low * PAGE_SIZE);
		assert_non_null(mem.ram);
		memset(mem.ram, 0x5a, (size_t)mem.nr_low * PAGE_SIZE);
		kmalloc_init(&mem.k, &mem.pa, frame_address, address_frame, &mem);
	}
	capture_reset();
}

int page_env_teardown(void **state)
{
	(void)state;
	free(mem.map);
	free(mem.ram);
	memset(&mem, 0, sizeof(mem));
	return 0;
}

void assert_check(void)
{
	capture_reset();
	if (page_alloc_check(&mem.pa))
		fail_msg("page_alloc_check: %s", captured());
}

struct page *page_of(uint32_t pfn)
{
	struct page *p = pfn_to_page(&mem.pa, pfn);

	assert_non_null(p);
	return p;
}

void assert_free_block(uint32_t pfn, unsigned order)
{
	struct page *p = page_of(pfn);

	assert_int_equal(p->flags, PG_free);
	assert_int_equal(p->order, order);
}

uint32_t total_free_blocks(enum zone_type z)
{
	uint32_t n = 0;

	for (int o = 0; o < MAX_ORDER; o++)
		n += mem.pa.zones[z].nr_free[o];
	return n;
}


void snap_take(struct snap *s)
{
	s->pa = mem.pa;
	s->map = malloc(mem_map_size(mem.pa.nr_pages));
	assert_non_null(s->map);
	memcpy(s->map, mem.map, mem_map_size(mem.pa.nr_pages));
	s->k = mem.k;
	s->ram = NULL;
	if (mem.ram) {
		s->ram = malloc((size_t)mem.nr_low * PAGE_SIZE);
		assert_non_null(s->ram);
		memcpy(s->ram, mem.ram, (size_t)mem.nr_low * PAGE_SIZE);
	}
}

void snap_assert_same(const struct snap *s)
{
	assert_memory_equal(&s->pa, &mem.pa, sizeof(mem.pa));
	assert_memory_equal(s->map, mem.map, mem_map_size(mem.pa.nr_pages));
	assert_memory_equal(&s->k, &mem.k, sizeof(mem.k));
	if (s->ram)
		assert_true(memcmp(s->ram, mem.ram, (size_t)mem.nr_low * PAGE_SIZE) == 0);
}

void snap_free(struct snap *s)
{
	free(s->map);
	free(s->ram);
}

/* xorshift32: fixed seed, reproducible runs. */
uint32_t rng_state;

uint32_t rnd(void)
{
	uint32_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return rng_state = x;
}
