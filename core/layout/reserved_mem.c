/*
 * The device tree's /reserved-memory, as Linux reads it from 3.15 on
 * (drivers/of/fdt.c and drivers/of/of_reserved_mem.c; the lines below are
 * 5.10's and 6.1's, checked against Debian's kernels booted on QEMU):
 *
 *   1. the scan: each static region (reg) is reserved; a no-map one is
 *      taken out of the linear map instead (memblock_mark_nomap: still
 *      memory, so "Early memory node ranges" lists it as its own range),
 *      unless it overlaps memory already reserved: then "failed to
 *      reserve memory for node";
 *   2. fdt_init_reserved_mem(): the regions sorted by base, the size-only
 *      ones first (their base is 0 until placed); each size-only one is
 *      placed top-down in all of memory (MEMBLOCK_ALLOC_ANYWHERE: highmem
 *      too), then each region's driver runs: "shared-dma-pool" is a CMA
 *      pool if "reusable" (base and size 4 MB aligned), else a coherent
 *      DMA pool, which ARM accepts only with "no-map".
 *
 * Eras without /reserved-memory (rules=2.6.36, 3.4) say so and leave it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cmdline.h"
#include "layout.h"	/* KERNEL_REGION_SIZE */
#include "printk.h"
#include "sizes.h"

/* CMA_MIN_ALIGNMENT_BYTES in 5.10 and 6.1: a pageblock of MAX_ORDER - 1,
 * 1024 pages of 4 KB. */
#define CMA_ALIGN	UINT32_C(0x00400000)
/* A size-only region with no "alignment": SMP_CACHE_BYTES. */
#define RESMEM_ALIGN	64

/* %pa: 8 hex digits, or 16 with LPAE's 64-bit phys_addr_t. */
static const char *pa(char buf[19], phys_addr_t p, bool lpae)
{
	if (lpae)
		snprintf(buf, 19, "0x%08" PRIx32 "%08" PRIx32, (uint32_t)(p >> 32), (uint32_t)p);
	else
		snprintf(buf, 19, "0x%08" PRIx32, (uint32_t)p);
	return buf;
}

/* Does [s, e) touch a range of m?  *clash: where the first one it
 * touches starts (the top-down search goes on below it). */
static bool in_any(const struct meminfo *m, phys_addr_t s, phys_addr_t e, phys_addr_t *clash)
{
	for (int i = 0; i < m->nr_banks; i++)
		if (s < bank_end(&m->bank[i]) && m->bank[i].start < e) {
			if (clash)
				*clash = m->bank[i].start;
			return true;
		}
	return false;
}

/* Memory memblock already holds reserved: the firmware's reservations so
 * far and the kernel's own first 2 MB (the device tree and the image). */
static bool reserved_already(const struct boot_config *bc, phys_addr_t s, phys_addr_t e)
{
	phys_addr_t k = bc->phys_offset;

	return in_any(&bc->rsv, s, e, NULL) || (s < k + KERNEL_REGION_SIZE && k < e);
}

static void add_range(struct meminfo *m, phys_addr_t s, phys_addr_t e)
{
	if (s < e && m->nr_banks < NR_BANKS)
		m->bank[m->nr_banks++] = (struct membank){ s, e - s, false };
}

/* no-map: the part of [s, e) that is RAM leaves the banks (whole pages),
 * and, unless the era removes it from memblock altogether, stays listed
 * as memory (MEMBLOCK_NOMAP). */
static bool take_out(struct boot_config *bc, struct resmem *r)
{
	bool listed = !r->dynamic || bc->rules->resmem_dynamic_nomap_listed;
	phys_addr_t s = ALIGN_DOWN(r->base, (phys_addr_t)PAGE_SIZE);
	phys_addr_t e = ALIGN_UP(r->base + r->size, (phys_addr_t)PAGE_SIZE);
	struct meminfo mi = bc->mi, fw = bc->firmware;
	char a[19];

	if (meminfo_cut(&mi, s, e - s) || meminfo_cut(&fw, s, e - s)) {
		printk("vmsplit: /reserved-memory/%s at %s: taking it out would split the banks into more than "
		       "%d; left in the linear map\n", r->name, pa(a, r->base, bc->lpae), NR_BANKS);
		return false;
	}
	for (int i = 0; listed && i < bc->mi.nr_banks; i++) {
		const struct membank *b = &bc->mi.bank[i];

		add_range(&bc->nomap, s > b->start ? s : b->start, e < bank_end(b) ? e : bank_end(b));
	}
	bc->mi = mi;
	bc->firmware = fw;
	return true;
}

/* Reserved, still mapped: what lies over the kernel's first 2 MB is the
 * kernel's already (and its first page tables come from there), so only
 * the rest joins the reservations. */
static void reserve(struct boot_config *bc, const struct resmem *r)
{
	phys_addr_t s = r->base, e = r->base + r->size, k = bc->phys_offset, ke = k + KERNEL_REGION_SIZE;

	if (s < ke && k < e) {
		add_range(&bc->rsv, s, k < s ? s : k);
		add_range(&bc->rsv, ke, e);
	} else {
		add_range(&bc->rsv, s, e);
	}
}

/* A region whose base is known: no-map ones leave memory altogether, the
 * rest stay mapped but reserved. */
static void claim(struct boot_config *bc, struct resmem *r)
{
	if (r->no_map)
		r->state = take_out(bc, r) ? RESMEM_NOMAP : RESMEM_FAILED;
	else {
		reserve(bc, r);
		r->state = RESMEM_RESERVED;
	}
}

static void scan_static(struct boot_config *bc, struct resmem *r)
{
	char a[19];

	if (r->no_map && in_any(&bc->mi, r->base, r->base + r->size, NULL) &&
	    reserved_already(bc, r->base, r->base + r->size)) {
		printk("OF: fdt: Reserved memory: failed to reserve memory for node '%s': base %s, size %lu MiB\n",
		       r->name, pa(a, r->base, bc->lpae), (unsigned long)(r->size >> 20));
		r->state = RESMEM_FAILED;
		return;
	}
	claim(bc, r);
}

/* Is [s, s + size) free: RAM, not reserved, not no-map? */
static bool free_at(const struct boot_config *bc, phys_addr_t s, phys_addr_t size, phys_addr_t *clash)
{
	phys_addr_t e = s + size, k = bc->phys_offset;

	if (s < k + KERNEL_REGION_SIZE && k < e) {
		*clash = k;
		return false;
	}
	return !in_any(&bc->rsv, s, e, clash) && !in_any(&bc->nomap, s, e, clash);
}

/* memblock's top-down search: the highest aligned base in a bank below
 * everything in the way.  Without highmem, Linux's first
 * adjust_lowmem_bounds() has already removed what lies past
 * __pa(vmalloc_min) when the regions are placed, so the search stays
 * below it. */
static bool place(const struct boot_config *bc, struct resmem *r, phys_addr_t align)
{
	phys_addr_t cap = bc->highmem ? ~(phys_addr_t)0 :
			  (phys_addr_t)vmalloc_min_of(bc) - bc->page_offset + bc->phys_offset;

	for (int i = bc->mi.nr_banks - 1; i >= 0; i--) {
		const struct membank *b = &bc->mi.bank[i];
		phys_addr_t end = bank_end(b) < cap ? bank_end(b) : cap, clash;

		if (end <= b->start)
			continue;

		while (end - b->start >= r->size) {
			phys_addr_t s = ALIGN_DOWN(end - r->size, align);

			if (s < b->start)
				break;
			if (free_at(bc, s, r->size, &clash)) {
				r->base = s;
				return true;
			}
			end = clash;
		}
	}
	return false;
}

static bool is_cma(const struct resmem *r)
{
	return r->dma_pool && r->reusable && !r->no_map;
}

static void place_dynamic(struct boot_config *bc, struct resmem *r)
{
	phys_addr_t align = r->align ? r->align : RESMEM_ALIGN;

	if (is_cma(r) && align < CMA_ALIGN)
		align = CMA_ALIGN;
	/* Banks are sorted for the search, as memblock's regions are. */
	meminfo_sort(&bc->mi);
	if (!r->size || !place(bc, r, align)) {
		printk("OF: reserved mem: failed to allocate memory for node '%s'", r->name);
		if (bc->rules->resmem_alloc_fail_size)
			printk(": size %lu MiB", (unsigned long)(r->size >> 20));
		printk("\n");
		r->state = RESMEM_FAILED;
		return;
	}
	claim(bc, r);
}

/* The region's driver: RESERVEDMEM_OF_DECLARE's "shared-dma-pool" ones,
 * CMA's first, then the coherent pool's. */
static void init_node(const struct boot_config *bc, struct resmem *r)
{
	char a[19];

	if (r->state == RESMEM_FAILED || !r->dma_pool)
		return;
	if (is_cma(r) && ((r->base | r->size) & (CMA_ALIGN - 1))) {
		printk("Reserved memory: incorrect alignment of CMA region\n");
	} else if (is_cma(r)) {
		printk("Reserved memory: created CMA memory pool at %s, size %lu MiB\n",
		       pa(a, r->base, bc->lpae), (unsigned long)(r->size >> 20));
		r->what = "CMA pool";
	} else if (!r->reusable && !r->no_map) {
		printk("Reserved memory: regions without no-map are not yet supported\n");
	} else if (!r->reusable) {
		printk("Reserved memory: created DMA memory pool at %s, size %lu MiB\n",
		       pa(a, r->base, bc->lpae), (unsigned long)(r->size >> 20));
		r->what = "DMA pool";
	}
	if (r->what)
		printk("OF: reserved mem: initialized node %s, compatible id shared-dma-pool\n", r->name);
	else
		printk("OF: reserved mem: node %s compatible matching fail\n", r->name);
}

void boot_config_apply_reserved_memory(struct boot_config *bc)
{
	int order[NR_RESMEM], n = 0;

	if (!bc->resmem_node)
		return;
	if (!bc->rules->reserved_memory_node) {
		printk("vmsplit: /reserved-memory (%d region%s) ignored: rules=%s is Linux %s, and Linux reads it "
		       "from 3.15 on (before, only /memreserve/)\n", bc->nr_resmem, bc->nr_resmem == 1 ? "" : "s",
		       bc->rules->name, bc->rules->versions);
		return;
	}
	if (bc->resmem_bad_root) {
		printk("OF: fdt: Reserved memory: unsupported node format, ignoring\n");
		return;
	}
	for (int i = 0; i < bc->nr_resmem; i++)
		if (!bc->resmem[i].dynamic)
			scan_static(bc, &bc->resmem[i]);
	/* fdt_init_reserved_mem()'s order: by base, the size-only ones (at
	 * base 0 then) first, in the tree's order. */
	for (int i = 0; i < bc->nr_resmem; i++)
		if (bc->resmem[i].dynamic)
			order[n++] = i;
	for (int i = 0, first_static = n; i < bc->nr_resmem; i++) {
		int j = n++;

		if (bc->resmem[i].dynamic) {
			n--;
			continue;
		}
		for (; j > first_static && bc->resmem[order[j - 1]].base > bc->resmem[i].base; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	for (int k = 0; k < n; k++) {
		struct resmem *r = &bc->resmem[order[k]];

		if (r->dynamic)
			place_dynamic(bc, r);
		init_node(bc, r);
	}
	/* Where Linux says nothing (a carve-out for a modem, firmware): one
	 * line each, so no region is taken silently. */
	for (int k = 0; k < n; k++) {
		const struct resmem *r = &bc->resmem[order[k]];
		char a[17], e[17];

		if (r->what || (r->state != RESMEM_NOMAP && r->state != RESMEM_RESERVED))
			continue;
		printk("vmsplit: /reserved-memory/%s: 0x%s-0x%s (%lu MB) %s\n", r->name, phys_hex(a, r->base),
		       phys_hex(e, r->base + r->size - 1), (unsigned long)(r->size >> 20),
		       r->state == RESMEM_NOMAP ? "no-map: out of the linear map" : "reserved: mapped, never handed out");
	}
}
