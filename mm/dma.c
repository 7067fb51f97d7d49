/*
 * The consistent (DMA) region: a first-fit allocator over its pages, each
 * buffer backed by a block of contiguous lowmem pages from the buddy
 * allocator (the smallest order that holds it) and mapped with
 * MT_DMA_COHERENT (normal memory, non-cacheable).  The buffer's lowmem alias
 * stays cacheable, as in Linux of that era: it is cleaned and invalidated to
 * the Point of Coherency before the uncached mapping is used, so no dirty
 * line can later be written back over what the device wrote.
 */
#include <inttypes.h>
#include <string.h>

#include "cache.h"
#include "dma.h"
#include "kernel_map.h"
#include "memory.h"
#include "mm.h"
#include "pgtable.h"
#include "printk.h"
#include "setup.h"
#include "sizes.h"

#define MAX_DMA_BUFFERS	32

struct dma_buffer {
	uint32_t virt;
	phys_addr_t phys;
	uint32_t size;
	unsigned order;		/* the buddy block behind it */
};

static struct dma_buffer buffers[MAX_DMA_BUFFERS];
static int nr_buffers;

/* The lowest free range of 'size' in the region: first fit over the
 * buffers, which are kept sorted by address. */
static uint32_t find_space(uint32_t size, int *slot)
{
	const struct layout *l = &kernel_layout;
	uint32_t va = l->consistent_base;
	int i;

	for (i = 0; i < nr_buffers; i++) {
		if (buffers[i].virt - va >= size)
			break;
		va = buffers[i].virt + buffers[i].size;
	}
	*slot = i;
	if (l->consistent_end - va < size)
		return 0;
	return va;
}

/* The largest free stretch of the region, for the message. */
static uint32_t largest_space(void)
{
	const struct layout *l = &kernel_layout;
	uint32_t va = l->consistent_base, best = 0;

	for (int i = 0; i < nr_buffers; i++) {
		if (buffers[i].virt - va > best)
			best = buffers[i].virt - va;
		va = buffers[i].virt + buffers[i].size;
	}
	return l->consistent_end - va > best ? l->consistent_end - va : best;
}

static unsigned order_for(uint32_t size)
{
	unsigned order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

static void *dma_alloc_locked(uint32_t size, phys_addr_t *dma_handle)
{
	const struct layout *l = &kernel_layout;
	uint32_t va, pfn;
	phys_addr_t pa;
	unsigned order;
	int slot;

	if (!l->consistent_end) {
		printk("dma: the %s rules have no consistent region (Linux uses CMA)\n", l->rules->name);
		return NULL;
	}
	if (size == 0) {
		printk("dma: size 0: nothing to allocate\n");
		return NULL;
	}
	if (size > UINT32_MAX - (PAGE_SIZE - 1)) {
		printk("dma: 0x%" PRIx32 " bytes round up to whole pages past 4 GB\n", size);
		return NULL;
	}
	size = ALIGN_UP(size, PAGE_SIZE);
	if (size > l->consistent_end - l->consistent_base) {
		printk("dma: %" PRIu32 " kB is more than the whole consistent region (%" PRIu32
		       " kB at 0x%08" PRIx32 "-0x%08" PRIx32 ")\n", size >> 10,
		       (l->consistent_end - l->consistent_base) >> 10, l->consistent_base, l->consistent_end - 1);
		return NULL;
	}
	order = order_for(size);
	if (order >= MAX_ORDER) {
		printk("dma: %" PRIu32 " kB is more than the largest contiguous block the buddy allocator "
		       "hands out (order %u: %u kB)\n", size >> 10, MAX_ORDER - 1,
		       (PAGE_SIZE << (MAX_ORDER - 1)) >> 10);
		return NULL;
	}
	if (nr_buffers == MAX_DMA_BUFFERS) {
		printk("dma: %d buffers already, as many as this region keeps track of; free one first\n",
		       MAX_DMA_BUFFERS);
		return NULL;
	}
	if (!(va = find_space(size, &slot))) {
		if (largest_space())
			printk("dma: no room for %" PRIu32 " kB in the consistent region: its largest free stretch is %"
			       PRIu32 " kB\n", size >> 10, largest_space() >> 10);
		else
			printk("dma: no room for %" PRIu32 " kB: the consistent region is full (dma lists its buffers)\n",
			       size >> 10);
		return NULL;
	}
	pfn = alloc_pages(&page_allocator, GFP_KERNEL, order);
	if (pfn == PFN_NONE) {
		printk("dma: no free block of %u kB (order %u) of lowmem for %" PRIu32 " kB\n",
		       (PAGE_SIZE << order) >> 10, order, size >> 10);
		return NULL;
	}
	pa = (phys_addr_t)pfn << PAGE_SHIFT;
	/* Zero through the cacheable alias, then push it all out: the
	 * uncached mapping reads memory, not the cache. */
	memset(__va(pa), 0, size);
	dcache_clean_inval_poc((uintptr_t)__va(pa), (uintptr_t)__va(pa) + size);
	if (kernel_map("DMA buffer", REGION_DMA, va, pa, size, MT_DMA_COHERENT, 0)) {
		free_pages(&page_allocator, pfn, order);
		return NULL;
	}
	memmove(&buffers[slot + 1], &buffers[slot], (size_t)(nr_buffers - slot) * sizeof(buffers[0]));
	buffers[slot] = (struct dma_buffer){ va, pa, size, order };
	nr_buffers++;
	*dma_handle = pa;
	return (void *)va;
}

static int dma_free_locked(void *va)
{
	for (int i = 0; i < nr_buffers; i++) {
		struct dma_buffer b = buffers[i];

		if (b.virt != (uint32_t)va)
			continue;
		/* Pages still mapped must not go back to the allocator. */
		if (kernel_unmap(b.virt, b.size)) {
			printk("dma: 0x%08" PRIx32 " could not be unmapped; the buffer is kept\n", b.virt);
			return -1;
		}
		free_pages(&page_allocator, (uint32_t)(b.phys >> PAGE_SHIFT), b.order);
		memmove(&buffers[i], &buffers[i + 1], (size_t)(nr_buffers - i - 1) * sizeof(buffers[0]));
		nr_buffers--;
		return 0;
	}
	printk("dma: 0x%08" PRIx32 " is not a DMA buffer\n", (uint32_t)va);
	return -1;
}

/* The region's buffers and their mappings change under the mm lock. */
void *dma_alloc_coherent(uint32_t size, phys_addr_t *dma_handle)
{
	void *va;

	rec_lock(&mm_lock);
	va = dma_alloc_locked(size, dma_handle);
	rec_unlock(&mm_lock);
	return va;
}

int dma_free_coherent(void *va)
{
	int err;

	rec_lock(&mm_lock);
	err = dma_free_locked(va);
	rec_unlock(&mm_lock);
	return err;
}

void dma_print(void)
{
	const struct layout *l = &kernel_layout;

	if (!l->consistent_end) {
		printk("dma: the %s rules have no consistent region\n", l->rules->name);
		return;
	}
	printk("Consistent region 0x%08" PRIx32 "-0x%08" PRIx32 ", %d buffer%s:\n",
	       l->consistent_base, l->consistent_end, nr_buffers, nr_buffers == 1 ? "" : "s");
	for (int i = 0; i < nr_buffers; i++)
		printk("  0x%08" PRIx32 "-0x%08" PRIx32 " -> 0x%08" PRIx32 " %6" PRIu32 " kB  uncached\n",
		       buffers[i].virt, buffers[i].virt + buffers[i].size - 1,
		       (uint32_t)buffers[i].phys, buffers[i].size >> 10);
}
