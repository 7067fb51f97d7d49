/* Unit tests for core/mm/vmalloc.c, the vmalloc core, on fake memory with
 * real page tables:
 *
 *   RAM      FAKE_FRAMES frames at pfn BASE (PA 0x40000000), the first
 *            LOW_FRAMES of them lowmem (kmalloc, page tables), the rest
 *            highmem; a few frames at the start stand for the kernel and
 *            are never given to the page allocator;
 *   tables   a first-level table and second-level tables from kmalloc's
 *            1 KB class, as the kernel has them, walked with pgtable_walk
 *            (both the fixture of tests/unit/fake_mm.c), every change to
 *            them checked by its break-before-make model;
 *   space    [SPACE_START, SPACE_END) with a static mapping reserved in
 *            the middle, as the 3.4 rules put the static IO map there.
 *
 * The randomized test runs 1,000,000 vmalloc/vfree operations against a
 * model of the space (a byte per page: free, area, guard) and checks that
 * areas never overlap, every area page maps to its own frame, every guard
 * page is unmapped, the free blocks are exactly the model's free runs
 * (so neighbours were coalesced), and at the end that no page and no byte
 * of virtual space is lost.
 */
#include <setjmp.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "capture.h"
#include "fake_mm.h"
#include "sizes.h"
#include "vmalloc.h"

#define BASE		0x40000u
#define FAKE_FRAMES	8192u		/* 32 MB */
#define LOW_FRAMES	4096u		/* 16 MB lowmem, 16 MB highmem */
#define KERNEL_FRAMES	16u		/* never handed out */
#define SPACE_START	0xf0000000u
#define SPACE_END	0xf2000000u	/* 32 MB of virtual space */
#define STATIC_START	0xf1000000u	/* a static mapping inside it */
#define STATIC_SIZE	0x00010000u

/* The memory: frames, kmalloc and page tables (tests/unit/fake_mm.c). */
static struct fake_kmem M;

static struct env {
	struct vmap_space vs;
	uint32_t free_at_start;
} E;

static int setup_guard(bool guard_before)
{
	memset(&E, 0, sizeof(E));
	if (fake_kmem_init(&M, BASE, FAKE_FRAMES, LOW_FRAMES, KERNEL_FRAMES))
		return -1;
	shadow_start_kmem(&M);
	if (vmap_space_init(&E.vs, SPACE_START, SPACE_END, guard_before, &M.pt, &M.pa, &M.k) ||
	    vmap_reserve(&E.vs, STATIC_START, STATIC_SIZE))
		return -1;
	E.free_at_start = nr_free_pages(&M.pa, NR_ZONES);
	capture_reset();
	return 0;
}

static int setup(void **state)
{
	(void)state;
	return setup_guard(false);
}

static int setup_both(void **state)
{
	(void)state;
	return setup_guard(true);
}

static int teardown(void **state)
{
	(void)state;
	shadow_check();
	assert_int_equal(M.bad_frees, 0);
	fake_kmem_release(&M);
	return 0;
}

/* What the page tables say of va: its PA, or -1 for a fault. */
static phys_addr_t walk_pa(uint32_t va)
{
	struct walk w;

	pgtable_walk(&M.pt, va, &w);
	return w.kind == WALK_FAULT ? (phys_addr_t)-1 : w.pa;
}

static bool pfn_is_high(uint32_t pfn)
{
	return pfn >= BASE + LOW_FRAMES;
}

/* Every page of the area maps to its frame, read-write and XN, and
 * the guard pages fault. */
static void assert_area_mapped(const struct vm_area *a)
{
	struct walk w;

	for (uint32_t i = 0; i < vm_area_pages(a); i++) {
		uint32_t va = a->addr + i * PAGE_SIZE;
		phys_addr_t want = a->flags & VM_IOREMAP ? a->phys + i * PAGE_SIZE :
			(phys_addr_t)a->pfns[i] << PAGE_SHIFT;

		pgtable_walk(&M.pt, va, &w);
		assert_int_equal(w.kind, WALK_SMALL);
		assert_int_equal(w.pa, want);
		assert_int_equal(w.desc[1], mk_pte(want, a->type));
	}
	assert_int_equal(walk_pa(a->addr + a->size), (phys_addr_t)-1);
	if (a->node.start < a->addr)
		assert_int_equal(walk_pa(a->addr - PAGE_SIZE), (phys_addr_t)-1);
}

static void assert_nothing_lost(void)
{
	assert_int_equal(E.vs.busy.count, 0);
	assert_int_equal(E.vs.used, 0);
	assert_int_equal(E.vs.free.free_bytes, E.vs.total);
	/* the free space is back to its two blocks around the static map */
	assert_int_equal(E.vs.free.free.count, 2);
	assert_int_equal(free_space_largest(&E.vs.free), STATIC_START - SPACE_START);
	assert_int_equal(M.pt.nr_tables, 0);
	assert_int_equal(nr_free_pages(&M.pa, NR_ZONES), E.free_at_start);
	assert_int_equal(page_alloc_check(&M.pa), 0);
}

/* ---------------------------------------------------------------- tests */

static void test_vmalloc_maps_each_page_highmem_first(void **state)
{
	uint32_t va;
	const struct vm_area *a;

	(void)state;
	va = vmap_vmalloc(&E.vs, 3 * PAGE_SIZE + 1);	/* rounds up to 4 pages */
	assert_int_equal(va, SPACE_START);		/* lowest fit */
	a = vmap_find(&E.vs, va);
	assert_non_null(a);
	assert_int_equal(a->size, 4 * PAGE_SIZE);
	assert_int_equal(a->node.size, 5 * PAGE_SIZE);	/* and a guard page */
	for (uint32_t i = 0; i < vm_area_pages(a); i++)
		assert_true(pfn_is_high(a->pfns[i]));
	assert_area_mapped(a);
	assert_int_equal(E.vs.used, 4 * PAGE_SIZE);
	/* the next area starts after the guard page */
	assert_int_equal(vmap_vmalloc(&E.vs, PAGE_SIZE), SPACE_START + 5 * PAGE_SIZE);
	assert_int_equal(vmap_vfree(&E.vs, SPACE_START + 5 * PAGE_SIZE), 0);
	assert_int_equal(vmap_vfree(&E.vs, va), 0);
	assert_int_equal(walk_pa(va), (phys_addr_t)-1);
	assert_true(M.flushes > 0);
	assert_nothing_lost();
}

static void test_lowmem_when_highmem_is_gone(void **state)
{
	uint32_t held[FAKE_FRAMES], n = 0, va;
	const struct vm_area *a;

	(void)state;
	/* take every highmem frame */
	for (;;) {
		uint32_t pfn = alloc_pages(&M.pa, GFP_HIGHUSER, 0);

		assert_int_not_equal(pfn, PFN_NONE);
		if (!pfn_is_high(pfn)) {
			free_pages(&M.pa, pfn, 0);
			break;
		}
		held[n++] = pfn;
	}
	va = vmap_vmalloc(&E.vs, 2 * PAGE_SIZE);
	assert_int_not_equal(va, 0);
	a = vmap_find(&E.vs, va);
	assert_false(pfn_is_high(a->pfns[0]));
	assert_area_mapped(a);
	assert_int_equal(vmap_vfree(&E.vs, va), 0);
	while (n)
		free_pages(&M.pa, held[--n], 0);
	assert_nothing_lost();
}

static void test_guard_before_option(void **state)
{
	uint32_t va = vmap_vmalloc(&E.vs, PAGE_SIZE);
	const struct vm_area *a = vmap_find(&E.vs, va);
	char buf[160];

	(void)state;
	assert_int_equal(va, SPACE_START + PAGE_SIZE);
	assert_int_equal(a->node.start, SPACE_START);
	assert_int_equal(a->node.size, 3 * PAGE_SIZE);
	assert_area_mapped(a);
	vmap_describe(&E.vs, va - 4, buf, sizeof(buf));
	assert_string_equal(buf, "the guard page before vmalloc area 0xf0001000-0xf0001fff (4 kB): 4 bytes before its start");
	assert_int_equal(vmap_vfree(&E.vs, va), 0);
	assert_nothing_lost();
}

static void test_describe_overrun(void **state)
{
	uint32_t va = vmap_vmalloc(&E.vs, 2 * PAGE_SIZE);
	char buf[160];

	(void)state;
	vmap_describe(&E.vs, va + 2 * PAGE_SIZE + 16, buf, sizeof(buf));
	assert_string_equal(buf, "the guard page of vmalloc area 0xf0000000-0xf0001fff (8 kB): 16 bytes past its end");
	vmap_describe(&E.vs, va + 0x1234, buf, sizeof(buf));
	assert_string_equal(buf, "vmalloc area 0xf0000000-0xf0001fff (8 kB), offset 0x1234");
	vmap_describe(&E.vs, va + 3 * PAGE_SIZE, buf, sizeof(buf));
	assert_string_equal(buf, "no vmalloc area");
	assert_int_equal(vmap_vfree(&E.vs, va), 0);
	assert_nothing_lost();
}

static void test_space_exhaustion_message_and_no_leak(void **state)
{
	uint32_t areas[64], n = 0, va;

	(void)state;
	/* 1 MB areas: 15 fit below the static map, 15 above it */
	while ((va = vmap_vmalloc(&E.vs, SZ_1M)) != 0) {
		assert_true(n < 64);
		areas[n++] = va;
	}
	assert_int_equal(n, 30);
	assert_string_equal(captured(),
		"vmap allocation for size 1052672 failed: use vmalloc=<size> to increase size.\n");
	for (uint32_t i = 0; i < n; i++) {
		const struct vm_area *a = vmap_find(&E.vs, areas[i]);

		assert_false(areas[i] < STATIC_START + STATIC_SIZE && areas[i] + a->node.size > STATIC_START);
	}
	/* a size bigger than the whole space fails the same way */
	capture_reset();
	assert_int_equal(vmap_vmalloc(&E.vs, SPACE_END - SPACE_START), 0);
	assert_string_equal(captured(),
		"vmap allocation for size 33558528 failed: use vmalloc=<size> to increase size.\n");
	while (n)
		assert_int_equal(vmap_vfree(&E.vs, areas[--n]), 0);
	assert_nothing_lost();
}

static void test_out_of_pages_gives_everything_back(void **state)
{
	static uint32_t held[FAKE_FRAMES];
	uint32_t n = 0, free_now;

	(void)state;
	/* leave ten frames free, then ask for twenty pages */
	while (nr_free_pages(&M.pa, NR_ZONES) > 10)
		held[n++] = alloc_pages(&M.pa, GFP_HIGHUSER, 0);
	free_now = nr_free_pages(&M.pa, NR_ZONES);
	assert_int_equal(vmap_vmalloc(&E.vs, 20 * PAGE_SIZE), 0);
	assert_non_null(strstr(captured(), "vmalloc: allocation failure: 81920 bytes"));
	assert_int_equal(nr_free_pages(&M.pa, NR_ZONES), free_now);
	assert_int_equal(E.vs.busy.count, 0);
	assert_int_equal(E.vs.free.free_bytes, E.vs.total);
	while (n)
		free_pages(&M.pa, held[--n], 0);
	assert_nothing_lost();
}

static void test_bad_frees_refused(void **state)
{
	uint32_t va = vmap_vmalloc(&E.vs, 2 * PAGE_SIZE);

	(void)state;
	assert_int_equal(vmap_vfree(&E.vs, va + PAGE_SIZE), -1);	/* inside */
	assert_int_equal(vmap_vfree(&E.vs, va + 2 * PAGE_SIZE), -1);	/* its guard */
	assert_int_equal(vmap_vfree(&E.vs, STATIC_START), -1);		/* static map */
	assert_int_equal(vmap_iounmap(&E.vs, va), -1);			/* not ioremap */
	assert_int_equal(vmap_vfree(&E.vs, va), 0);
	assert_int_equal(vmap_vfree(&E.vs, va), -1);			/* twice */
	assert_non_null(strstr(captured(), "vfree: 0xf0000000 is not the start of a vmalloc area"));
	assert_int_equal(vmap_vmalloc(&E.vs, 0), 0);
	assert_nothing_lost();
}

static void test_ioremap(void **state)
{
	uint32_t va = vmap_ioremap(&E.vs, 0x09000010, 0x20, MT_DEVICE);
	const struct vm_area *a = vmap_find(&E.vs, va);

	(void)state;
	assert_int_equal(va, SPACE_START + 0x10);	/* the offset in the page is kept */
	assert_int_equal(a->flags, VM_IOREMAP);
	assert_int_equal(a->size, PAGE_SIZE);
	assert_int_equal(a->phys, 0x09000000);
	assert_area_mapped(a);
	assert_int_equal(vm_area_phys(a, va), 0x09000010);
	assert_int_equal(vmap_vfree(&E.vs, va & PAGE_MASK), -1);	/* not vmalloc */
	assert_int_equal(vmap_iounmap(&E.vs, va), 0);
	/* crossing a page boundary takes two pages */
	va = vmap_ioremap(&E.vs, 0x09000ff0, 0x20, MT_DEVICE);
	assert_int_equal(vmap_find(&E.vs, va)->size, 2 * PAGE_SIZE);
	assert_int_equal(vmap_iounmap(&E.vs, va), 0);
	assert_int_equal(vmap_ioremap(&E.vs, 0xfffff000, 0x2000, MT_DEVICE), 0);	/* past 4 GB */
	assert_nothing_lost();
}

/* ------------------------------------------------------ randomized model */

enum { M_FREE, M_AREA, M_GUARD, M_STATIC };

#define NPAGES		((SPACE_END - SPACE_START) / PAGE_SIZE)
#define ST_OPS		1000000
#define ST_LIVE		600
#define ST_CHECK_EVERY	50000

static uint8_t model[NPAGES];
static uint32_t live[ST_LIVE];

static uint32_t rnd_state = 0x2545f491u;

static uint32_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

static uint8_t *mpage(uint32_t va)
{
	return &model[(va - SPACE_START) / PAGE_SIZE];
}

static void model_mark(const struct vm_area *a, uint8_t area, uint8_t guard)
{
	for (uint32_t va = a->node.start; va < a->node.start + a->node.size; va += PAGE_SIZE) {
		bool in_area = va >= a->addr && va < a->addr + a->size;

		*mpage(va) = in_area ? area : guard;
	}
}

struct run_check {
	uint32_t expect_start;
	int failures;
};

/* Each free block must be a maximal run of free pages in the model. */
static void check_block(void *arg, const struct range_node *n)
{
	struct run_check *rc = arg;
	uint32_t s = n->start, e = n->start + n->size;

	for (uint32_t va = rc->expect_start; va < s; va += PAGE_SIZE)
		if (*mpage(va) == M_FREE)
			rc->failures++;		/* a free page no block holds */
	for (uint32_t va = s; va < e; va += PAGE_SIZE)
		if (*mpage(va) != M_FREE)
			rc->failures++;
	if (s > SPACE_START && *mpage(s - PAGE_SIZE) == M_FREE)
		rc->failures++;			/* not coalesced with the left */
	if (e < SPACE_END && *mpage(e) == M_FREE)
		rc->failures++;			/* nor with the right */
	rc->expect_start = e;
}

static void full_check(void)
{
	struct run_check rc = { SPACE_START, 0 };

	assert_int_equal(range_tree_check(&E.vs.free.free), 0);
	assert_int_equal(range_tree_check(&E.vs.busy), 0);
	assert_int_equal(page_alloc_check(&M.pa), 0);
	range_tree_walk(&E.vs.free.free, check_block, &rc);
	for (uint32_t va = rc.expect_start; va < SPACE_END; va += PAGE_SIZE)
		if (*mpage(va) == M_FREE)
			rc.failures++;
	assert_int_equal(rc.failures, 0);
	/* the tables map exactly the area pages */
	for (uint32_t va = SPACE_START; va < SPACE_END; va += PAGE_SIZE) {
		phys_addr_t pa = walk_pa(va);

		if (*mpage(va) == M_AREA || *mpage(va) == M_STATIC)
			assert_true(pa != (phys_addr_t)-1 || *mpage(va) == M_STATIC);
		else
			assert_int_equal(pa, (phys_addr_t)-1);
	}
}

static void test_randomized_against_model(void **state)
{
	uint32_t nlive = 0, allocs = 0, failures = 0;

	(void)state;
	memset(model, M_FREE, sizeof(model));
	for (uint32_t va = STATIC_START; va < STATIC_START + STATIC_SIZE; va += PAGE_SIZE)
		*mpage(va) = M_STATIC;
	for (uint32_t op = 1; op <= ST_OPS; op++) {
		bool do_alloc = nlive == 0 || (nlive < ST_LIVE && rnd() % 100 < 52);

		if (do_alloc) {
			/* mostly small, sometimes large: the space fills and
			 * fragments, so some allocations must fail */
			uint32_t pages = rnd() % 16 == 0 ? 1 + rnd() % 256 : 1 + rnd() % 4;
			uint32_t va = vmap_vmalloc(&E.vs, pages * PAGE_SIZE);
			const struct vm_area *a;

			if (!va) {
				failures++;
				continue;
			}
			allocs++;
			a = vmap_find(&E.vs, va);
			assert_int_equal(a->addr, va);
			for (uint32_t p = a->node.start; p < a->node.start + a->node.size; p += PAGE_SIZE)
				assert_int_equal(*mpage(p), M_FREE);	/* no overlap */
			model_mark(a, M_AREA, M_GUARD);
			/* first and last page map to their frames; the guard faults */
			assert_int_equal(walk_pa(va), (phys_addr_t)a->pfns[0] << PAGE_SHIFT);
			assert_int_equal(walk_pa(va + a->size - PAGE_SIZE),
					 (phys_addr_t)a->pfns[vm_area_pages(a) - 1] << PAGE_SHIFT);
			assert_int_equal(walk_pa(va + a->size), (phys_addr_t)-1);
			live[nlive++] = va;
		} else {
			uint32_t k = rnd() % nlive;
			const struct vm_area *a = vmap_find(&E.vs, live[k]);
			struct vm_area copy = *a;

			assert_int_equal(vmap_vfree(&E.vs, live[k]), 0);
			model_mark(&copy, M_FREE, M_FREE);
			for (uint32_t p = copy.addr; p < copy.addr + copy.size; p += PAGE_SIZE)
				assert_int_equal(walk_pa(p), (phys_addr_t)-1);
			live[k] = live[--nlive];
		}
		if (op % ST_CHECK_EVERY == 0)
			full_check();
	}
	assert_true(allocs > ST_OPS / 3);
	assert_true(failures > 0);		/* exhaustion was reached */
	while (nlive)
		assert_int_equal(vmap_vfree(&E.vs, live[--nlive]), 0);
	memset(model, M_FREE, sizeof(model));
	for (uint32_t va = STATIC_START; va < STATIC_START + STATIC_SIZE; va += PAGE_SIZE)
		*mpage(va) = M_STATIC;
	full_check();
	assert_nothing_lost();
}

/* VmallocTotal is the whole space, VMALLOC_END - VMALLOC_START, static maps
 * included: Linux's fs/proc/meminfo.c prints VMALLOC_TOTAL >> 10
 * (include/linux/vmalloc.h), and vm_area_add_early() (the static IO map,
 * pci_reserve_io) does not shrink it.  Debian's 6.1 on QEMU virt, 1 GB: 245760 kB
 * with its IO maps inside the space (tools/linux_compare.py found it). */
static void test_vmalloc_total_counts_static_maps(void **state)
{
	char want[64];

	(void)state;
	vmap_print(&E.vs);
	snprintf(want, sizeof(want), "VmallocTotal: %8u kB\n", (SPACE_END - SPACE_START) >> 10);
	assert_non_null(strstr(captured(), want));
	assert_int_equal(vmap_total(&E.vs), SPACE_END - SPACE_START);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_vmalloc_maps_each_page_highmem_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lowmem_when_highmem_is_gone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_guard_before_option, setup_both, teardown),
		cmocka_unit_test_setup_teardown(test_describe_overrun, setup, teardown),
		cmocka_unit_test_setup_teardown(test_space_exhaustion_message_and_no_leak, setup, teardown),
		cmocka_unit_test_setup_teardown(test_out_of_pages_gives_everything_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_frees_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ioremap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_randomized_against_model, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vmalloc_total_counts_static_maps, setup, teardown),
	};

	return cmocka_run_group_tests_name("vmalloc", tests, NULL, NULL);
}
