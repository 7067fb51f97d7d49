/* The memory the page allocator and kmalloc tests run on (test_page_alloc,
 * test_kmalloc): frames from pfn BASE (PA 0x40000000, QEMU virt's RAM
 * base), a mem_map on the heap, and for kmalloc a page-aligned heap array
 * standing for the lowmem frames' linear map.  Highmem frames have no
 * address, as on the target.  snap_*: everything the allocators hold, to
 * show that a refused call changed nothing.
 */
#ifndef VMSPLIT_TEST_PAGE_ENV_H
#define VMSPLIT_TEST_PAGE_ENV_H

#include <stdbool.h>
#include <stdint.h>

#include "kmalloc.h"
#include "page_alloc.h"
#include "sizes.h"

#define BASE	0x40000u		/* pfn of PA 0x40000000 */

struct env {
	struct page_allocator pa;
	struct page *map;
	unsigned char *ram;		/* the lowmem frames' "linear map" */
	uint32_t nr_low;		/* frames ram covers */
	struct kmalloc_state k;
};

extern struct env mem;		/* the allocators and their memory */

/* Everything the allocator state holds, to show a refused call changed nothing. */
struct snap {
	struct page_allocator pa;
	struct page *map;
	struct kmalloc_state k;
	unsigned char *ram;
};

/* xorshift32 from rng_state: fixed seed, reproducible runs. */
extern uint32_t rng_state;

/* kmalloc's view of the frames (ctx: &mem). */
void *frame_address(void *ctx, uint32_t pfn);
uint32_t address_frame(void *ctx, const void *p);
/* A fresh allocator over [base, base + nr), highmem from hm; with_ram:
 * back the lowmem frames with memory and set up kmalloc. */
void env_setup(uint32_t base, uint32_t nr, uint32_t hm, bool with_ram);
int page_env_teardown(void **state);
/* page_alloc_check() holds, or the test fails with what it printed. */
void assert_check(void);
struct page *page_of(uint32_t pfn);
void assert_free_block(uint32_t pfn, unsigned order);
uint32_t total_free_blocks(enum zone_type z);
void snap_take(struct snap *s);
void snap_assert_same(const struct snap *s);
void snap_free(struct snap *s);
uint32_t rnd(void);

#endif
