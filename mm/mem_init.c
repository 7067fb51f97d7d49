/*
 * mem_init: from memblock to the page allocator, as Linux's
 * arch/arm/mm/init.c does at the end of boot.
 *
 * struct page for every frame between the first and the last bank
 * (mem_map) comes from memblock, so it shows in the reserved count as it
 * does in Linux's.  Then every RAM page memblock has not reserved is handed
 * to the buddy allocator, and the "Memory:" lines report the allocator's
 * own counts.  From here on page tables, DMA buffers, kmalloc and vmalloc
 * take their pages from it.
 */
#include <inttypes.h>

#include "memory.h"
#include "mm.h"
#include "printk.h"
#include "setup.h"
#include "sizes.h"

struct page_allocator page_allocator;
struct kmalloc_state kmalloc_state;
bool page_allocator_ready;

static uint32_t highmem_pfn;	/* first highmem frame, or past the end */

bool pfn_is_highmem(uint32_t pfn)
{
	return pfn >= highmem_pfn;
}

void *lowmem_page_address(uint32_t pfn)
{
	return pfn_is_highmem(pfn) ? NULL : __va((phys_addr_t)pfn << PAGE_SHIFT);
}

static void *frame_address(void *ctx, uint32_t pfn)
{
	(void)ctx;
	return lowmem_page_address(pfn);
}

static uint32_t address_frame(void *ctx, const void *p)
{
	(void)ctx;
	return (uint32_t)(__pa(p) >> PAGE_SHIFT);
}

/*
 * The memory-management lock: the buddy allocator, kmalloc, vmalloc,
 * the kernel's page tables and the record of its mappings, all behind
 * one lock, since they call one another (vmalloc takes pages, maps them,
 * which may take a page table from kmalloc, which takes pages): one
 * lock cannot be taken in two orders.  Recursive, for those nested
 * calls on the CPU that holds it.  The pure core (core/mm) knows nothing
 * of it: these entry points take it.
 */
struct rec_lock mm_lock = REC_LOCK_INIT;

uint32_t alloc_page(enum gfp gfp)
{
	uint32_t pfn;

	rec_lock(&mm_lock);
	pfn = alloc_pages(&page_allocator, gfp, 0);
	rec_unlock(&mm_lock);
	return pfn;
}

void free_page(uint32_t pfn)
{
	rec_lock(&mm_lock);
	free_pages(&page_allocator, pfn, 0);
	rec_unlock(&mm_lock);
}

void *kmalloc(size_t size)
{
	void *p;

	rec_lock(&mm_lock);
	p = kmalloc_from(&kmalloc_state, size);
	rec_unlock(&mm_lock);
	return p;
}

void kfree(const void *p)
{
	int err;

	if (!p)
		return;
	rec_lock(&mm_lock);
	err = kfree_to(&kmalloc_state, p);
	rec_unlock(&mm_lock);
	if (err)
		printk("kfree: 0x%08" PRIx32 " was not allocated by kmalloc\n", (uint32_t)p);
}

/* Hand each RAM region, minus what memblock reserved (rounded out to
 * whole pages), to the buddy allocator. */
static void free_unreserved(void)
{
	for (int i = 0; i < memblock.memory.cnt; i++) {
		phys_addr_t p = ALIGN_UP(memblock.memory.r[i].base, PAGE_SIZE);
		phys_addr_t end = ALIGN_DOWN(memblock.memory.r[i].base + memblock.memory.r[i].size,
					     PAGE_SIZE);

		for (int j = 0; j <= memblock.reserved.cnt && p < end; j++) {
			phys_addr_t rs = end, re = end;

			if (j < memblock.reserved.cnt) {
				rs = ALIGN_DOWN(memblock.reserved.r[j].base, PAGE_SIZE);
				re = ALIGN_UP(memblock.reserved.r[j].base + memblock.reserved.r[j].size,
					      PAGE_SIZE);
			}
			if (re <= p)
				continue;
			if (rs > p)
				page_alloc_add_range(&page_allocator, (uint32_t)(p >> PAGE_SHIFT),
						     (uint32_t)((rs < end ? rs : end) >> PAGE_SHIFT));
			if (re > p)
				p = re;
		}
	}
}

static int init_page_allocator(void)
{
	const struct meminfo *mi = &kernel_layout.mi;
	uint32_t base = (uint32_t)(mi->bank[0].start >> PAGE_SHIFT);
	uint32_t end = (uint32_t)(bank_end(&mi->bank[mi->nr_banks - 1]) >> PAGE_SHIFT);
	phys_addr_t map;

	highmem_pfn = end;
	for (int i = 0; i < mi->nr_banks; i++)
		if (mi->bank[i].highmem) {
			highmem_pfn = (uint32_t)(mi->bank[i].start >> PAGE_SHIFT);
			break;
		}
	map = memblock_alloc(&memblock, ALIGN_UP(mem_map_size(end - base), PAGE_SIZE), PAGE_SIZE,
			     "mem_map (struct page)");
	if (!map) {
		printk("vmsplit: no lowmem for mem_map (%" PRIu32 " pages); stopping\n", end - base);
		return -1;
	}
	page_alloc_init(&page_allocator, __va(map), base, end - base, highmem_pfn);
	free_unreserved();
	kmalloc_init(&kmalloc_state, &page_allocator, frame_address, address_frame, NULL);
	page_allocator_ready = true;
	return 0;
}

static void fill_image_sections(void)
{
	kernel_image = (struct image_sections){
		.text_start = (uint32_t)_text, .text_end = (uint32_t)_etext,
		.rodata_start = (uint32_t)__start_rodata, .rodata_end = (uint32_t)__end_rodata,
		.init_start = (uint32_t)__init_begin, .init_end = (uint32_t)__init_end,
		.data_start = (uint32_t)_sdata, .data_end = (uint32_t)_edata,
		.bss_start = (uint32_t)__bss_start, .bss_end = (uint32_t)__bss_stop,
	};
}

int mem_init(void)
{
	uint32_t total, free;
	struct mem_counts c;

	if (init_page_allocator())
		return -1;
	total = memblock_ram_pages(&memblock, 0, ~(phys_addr_t)0);
	free = nr_free_pages(&page_allocator, NR_ZONES);
	c = (struct mem_counts){
		.free_pages = free,
		.reserved_pages = total - free,
		.highmem_pages = nr_free_pages(&page_allocator, ZONE_HIGHMEM),
	};
	fill_image_sections();
	layout_print_mem_init(&kernel_layout, &c, &kernel_image);
	return 0;
}

void print_proc_meminfo(void)
{
	const struct page_allocator *alloc = &page_allocator;
	uint32_t low = alloc->zones[ZONE_NORMAL].managed_pages, high = alloc->zones[ZONE_HIGHMEM].managed_pages;

	printk("MemTotal:  %8" PRIu32 " kB\n", (low + high) << 2);
	printk("MemFree:   %8" PRIu32 " kB\n", nr_free_pages(alloc, NR_ZONES) << 2);
	printk("LowTotal:  %8" PRIu32 " kB\n", low << 2);
	printk("LowFree:   %8" PRIu32 " kB\n", nr_free_pages(alloc, ZONE_NORMAL) << 2);
	printk("HighTotal: %8" PRIu32 " kB\n", high << 2);
	printk("HighFree:  %8" PRIu32 " kB\n", nr_free_pages(alloc, ZONE_HIGHMEM) << 2);
	uint32_t slab = kmalloc_state.large_pages;

	for (int i = 0; i < NR_KMALLOC_CLASSES; i++)
		slab += kmalloc_state.caches[i].pages;
	printk("Slab:      %8" PRIu32 " kB\n", slab << 2);
	for (int z = 0; z < NR_ZONES; z++) {
		if (!alloc->zones[z].managed_pages)
			continue;
		printk("Free blocks, zone %-8s", alloc->zones[z].name);
		for (int o = 0; o < MAX_ORDER; o++)
			printk(" %4" PRIu32, alloc->zones[z].nr_free[o]);
		printk("\n");
	}
}
