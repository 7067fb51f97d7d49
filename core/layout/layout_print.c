/*
 * The boot report.  Formats are Linux's, character for character:
 * arch/arm/mm/init.c mem_init() for 2.6.36-5.0, mm/page_alloc.c and
 * mm/mm_init.c for the zone lines and the modern "Memory:" line.
 */
#include <inttypes.h>

#include "layout_print.h"
#include "printk.h"
#include "sizes.h"

#define K(pages)	((unsigned long)(pages) << (PAGE_SHIFT - 10))

/* ---- "Virtual kernel memory layout:" ---- */

/* The image sections' labels; a region's line is its kind's. */
static const char *const section_label[] = {
	[LINE_TEXT] = ".text", [LINE_INIT] = ".init", [LINE_DATA] = ".data",
	[LINE_BSS] = ".bss",
};

/* "    fixmap  : 0xfff00000 - 0xfffe0000   ( 896 kB)": regions at least a
 * megabyte apart in MB, the small ones (vector page, fixmap) in kB, as
 * mem_init() chose per line. */
static void print_region(const struct region_span *r)
{
	uint32_t size = (uint32_t)(r->end - r->start);

	printk("    %-8s: 0x%08" PRIx32 " - 0x%08" PRIx32 "   (%4ld %s)\n",
	       r->kind->label, r->start, (uint32_t)r->end,
	       (long)(r->kind->kb ? size >> 10 : size >> 20), r->kind->kb ? "kB" : "MB");
}

/* Image sections: label right-aligned, size rounded up to whole kB. */
static void print_section(enum layout_line line, uint32_t start, uint32_t end)
{
	printk("    %7s : 0x%08" PRIx32 " - 0x%08" PRIx32 "   (%4ld kB)\n",
	       section_label[line], start, end,
	       (long)(((uint64_t)(end - start) + SZ_1K - 1) / SZ_1K));
}

static bool section_bounds(const struct image_sections *img,
			   enum layout_line line, uint32_t *s, uint32_t *e)
{
	switch (line) {
	case LINE_TEXT: *s = img->text_start; *e = img->text_end; return true;
	case LINE_INIT: *s = img->init_start; *e = img->init_end; return true;
	case LINE_DATA: *s = img->data_start; *e = img->data_end; return true;
	case LINE_BSS:  *s = img->bss_start;  *e = img->bss_end;  return true;
	default:        return false;
	}
}

/*
 * msm's ENABLE_VMALLOC_SAVING prints vmalloc and lowmem as one block,
 * each line led by a TAB: the top vmalloc area, then from the top of
 * lowmem down, each stretch of lowmem and the hole (vmalloc) below it.
 */
static void print_tab_line(const char *label, uint32_t start, uint64_t end)
{
	printk("\t%10s : 0x%08" PRIx32 " - 0x%08" PRIx32 "   (%4ld MB)\n",
	       label, start, (uint32_t)end, (long)((end - start) >> 20));
}

/* The vmalloc regions nested in lowmem: vmalloc-saving's holes. */
static bool lowmem_has_vmalloc(const struct layout *l)
{
	for (int i = 0; i < l->nr_regions; i++)
		if (l->region[i].id == REGION_VMALLOC && l->region[i].depth)
			return true;
	return false;
}

static void print_saving_block(const struct layout *l)
{
	const struct region_span *vmalloc = layout_find_region(l, REGION_VMALLOC);
	const struct region_span *lowmem = layout_find_region(l, REGION_LOWMEM);
	uint64_t top = lowmem->end;

	print_tab_line(vmalloc->kind->label, vmalloc->start, vmalloc->end);
	for (int i = l->nr_regions - 1; i >= 0; i--) {
		const struct region_span *h = &l->region[i];

		if (h->id != REGION_VMALLOC || !h->depth)
			continue;
		print_tab_line(lowmem->kind->label, (uint32_t)h->end, top);
		print_tab_line(h->kind->label, h->start, h->end);
		top = h->start;
	}
	print_tab_line(lowmem->kind->label, lowmem->start, top);
}

/* The era's lines in its order: each region where region[] says its line
 * goes, the image sections between. */
void layout_print_table(const struct layout *l, const struct image_sections *img)
{
	bool saving = lowmem_has_vmalloc(l);

	/* Linux 5.1 dropped the table (its addresses gave away the layout);
	 * vmsplit keeps it so the modern map reads like the older ones, and
	 * says so where a 5.1+ kernel would print none. */
	if (l->rules->report == REPORT_ZONES)
		printk("vmsplit: Linux %s prints no such table (5.1 dropped it); vmsplit's, in 3.x's format:\n",
		       l->rules->versions);
	printk("Virtual kernel memory layout:\n");
	for (int at = 0; l->rules->table[at] != LINE_END; at++) {
		enum layout_line line = l->rules->table[at];
		uint32_t start, end;

		for (int i = 0; i < l->nr_regions; i++) {
			const struct region_span *r = &l->region[i];

			if (r->order != at)
				continue;
			if (saving && (r->id == REGION_VMALLOC || r->id == REGION_LOWMEM)) {
				if (r->id == REGION_VMALLOC)
					print_saving_block(l);
			} else {
				print_region(r);
			}
		}
		if (img && section_bounds(img, line, &start, &end))
			print_section(line, start, end);
	}
}

/* ---- the descriptor format ---- */

/* The names of the regions (not nested, not unused space) in [lo, hi). */
static void print_regions_in(const struct layout *l, uint64_t lo, uint64_t hi)
{
	const char *sep = "";

	for (int i = 0; i < l->nr_regions; i++) {
		const struct region_span *r = &l->region[i];

		/* The stubs page is the vector page's second half: "vector" says it. */
		if (r->depth || !r->kind->box || r->id == REGION_UNUSED || r->id == REGION_PAST_LOWMEM ||
		    r->id == REGION_VECTOR_STUBS || r->end <= lo || r->start >= hi)
			continue;
		printk("%s%s", sep, r->kind->box);
		sep = ", ";
	}
}

void layout_print_format(const struct layout *l)
{
	const struct ttbr_split *t = &l->ttbr;
	const struct split_info *si;

	if (!l->lpae)
		return;
	printk("LPAE: long-descriptor tables, 3 levels (4 x 1 GB, 2 MB blocks, 4 KB pages), "
	       "40-bit physical addresses\n");
	si = split_info_of(l->page_offset);
	if (si && si->lpae_t1sz && l->phys_offset > l->page_offset) {
		char a[17];

		/* proc-v7-3level.S: a secondary CPU's identity map lies at its
		 * physical address, which would fall in TTBR1's half. */
		printk("LPAE: PHYS_OFFSET 0x%s is above PAGE_OFFSET 0x%08" PRIx32 ": no TTBR0/TTBR1 split, "
		       "as Linux (the identity map would fall in TTBR1's range)\n",
		       phys_hex(a, l->phys_offset), l->page_offset);
	}
	printk("LPAE: TTBCR.EAE=1 T0SZ=%u T1SZ=%u: ", (unsigned)t->t0sz, (unsigned)t->t1sz);
	if (t->ttbr1_start >> 32) {
		printk("TTBR0 0x00000000-0xffffffff (");
		print_regions_in(l, 0, t->ttbr1_start);
		printk("), no TTBR1\n");
		return;
	}
	printk("TTBR0 0x00000000-0x%08" PRIx32 " (", (uint32_t)(t->ttbr1_start - 1));
	print_regions_in(l, 0, t->ttbr1_start);
	printk("), TTBR1 0x%08" PRIx32 "-0xffffffff (", (uint32_t)t->ttbr1_start);
	print_regions_in(l, t->ttbr1_start, (uint64_t)1 << 32);
	printk(")\n");
}

/* ---- 2.6.36-3.x: meminfo banks ---- */

static void print_meminfo(const struct layout *l, const struct mem_counts *c)
{
	unsigned long total_pages = 0;

	/* One " %ldMB" per bank, or per run of touching banks when the era
	 * counted memblock regions, then the total of whole pages. */
	printk("Memory:");
	for (int i = 0; i < l->mi.nr_banks; i++) {
		phys_addr_t size = l->mi.bank[i].size;

		while (l->rules->memory_line_merges_banks && i + 1 < l->mi.nr_banks &&
		       l->mi.bank[i + 1].start == bank_end(&l->mi.bank[i]))
			size += l->mi.bank[++i].size;
		total_pages += (unsigned long)(size >> PAGE_SHIFT);
		printk(" %ldMB", (long)(size >> 20));
	}
	printk(" = %luMB total\n", total_pages >> (20 - PAGE_SHIFT));

	if (c)
		printk("Memory: %luk/%luk available, %luk reserved, %luK highmem\n",
		       K(c->free_pages), K(c->free_pages), K(c->reserved_pages),
		       K(c->highmem_pages));
}

/* ---- 4.x and later: zones ---- */

/* "%#018Lx": 0x and sixteen digits, without newlib's missing %llx. */
static void print_mem_range(const char *prefix, phys_addr_t start, phys_addr_t end)
{
	printk("%s[mem 0x%08" PRIx32 "%08" PRIx32 "-0x%08" PRIx32 "%08" PRIx32 "]\n",
	       prefix, (uint32_t)(start >> 32), (uint32_t)start,
	       (uint32_t)((end - 1) >> 32), (uint32_t)(end - 1));
}

/*
 * memblock.memory's regions as free_area_init() lists them: the banks,
 * touching ones merged, and the no-map regions, each its own (a region of
 * other flags is never merged with its neighbours).  Without highmem the
 * decision removed everything past lowmem, no-map memory with it.
 */
struct mem_ranges {
	int n;
	struct { phys_addr_t start, end; } r[2 * NR_BANKS];
};

static void memory_ranges(const struct layout *l, struct mem_ranges *m)
{
	m->n = 0;
	for (int i = 0; i < l->mi.nr_banks; i++) {
		phys_addr_t start = l->mi.bank[i].start, end = bank_end(&l->mi.bank[i]);

		while (i + 1 < l->mi.nr_banks && l->mi.bank[i + 1].start == end)
			end = bank_end(&l->mi.bank[++i]);
		m->r[m->n].start = start;
		m->r[m->n++].end = end;
	}
	for (int i = 0; i < l->nomap.nr_banks; i++) {
		phys_addr_t s = l->nomap.bank[i].start, e = bank_end(&l->nomap.bank[i]);
		int j = m->n++;

		if (!l->highmem_config && s >= l->lowmem_limit) {
			m->n--;
			continue;
		}
		for (; j > 0 && m->r[j - 1].start > s; j--)
			m->r[j] = m->r[j - 1];
		m->r[j].start = s;
		m->r[j].end = e;
	}
}

static phys_addr_t dram_start(const struct layout *l)
{
	struct mem_ranges m;

	memory_ranges(l, &m);
	return m.n ? m.r[0].start : 0;
}

static phys_addr_t dram_end(const struct layout *l)
{
	struct mem_ranges m;

	memory_ranges(l, &m);
	return m.n ? m.r[m.n - 1].end : 0;
}

/* Zone boundaries are page frame numbers: lowmem ends on a whole page. */
static phys_addr_t max_low(const struct layout *l)
{
	return l->lowmem_limit & ~(phys_addr_t)(PAGE_SIZE - 1);
}

void layout_print_setup(const struct layout *l)
{
	struct mem_ranges m;

	if (l->rules->report != REPORT_ZONES)
		return;

	printk("Zone ranges:\n");
	print_mem_range("  Normal   ", dram_start(l), max_low(l));
	if (l->highmem_config) {
		if (dram_end(l) > max_low(l))
			print_mem_range("  HighMem  ", max_low(l), dram_end(l));
		else
			printk("  HighMem  empty\n");
	}
	printk("Movable zone start for each node\n");
	printk("Early memory node ranges\n");
	/* memblock merges banks that touch; highmem halves are one range. */
	memory_ranges(l, &m);
	for (int i = 0; i < m.n; i++)
		print_mem_range("  node   0: ", m.r[i].start, m.r[i].end);
	print_mem_range("Initmem setup node 0 ", dram_start(l), dram_end(l));
}

static void print_zones_memory(const struct layout *l, const struct mem_counts *c,
			       const struct image_sections *img)
{
	unsigned long physpages = 0;

	for (int i = 0; i < l->mi.nr_banks; i++)
		physpages += (unsigned long)(l->mi.bank[i].size >> PAGE_SHIFT);

	printk("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, "
	       "%luK rodata, %luK init, %luK bss, %luK reserved, %luK cma-reserved",
	       K(c->free_pages), K(physpages),
	       (unsigned long)(img->text_end - img->text_start - (img->rodata_end - img->rodata_start)) / SZ_1K,
	       (unsigned long)(img->data_end - img->data_start) / SZ_1K,
	       (unsigned long)(img->rodata_end - img->rodata_start) / SZ_1K,
	       (unsigned long)(img->init_end - img->init_start) / SZ_1K,
	       (unsigned long)(img->bss_end - img->bss_start) / SZ_1K,
	       K(c->reserved_pages), 0ul);
	if (l->highmem_config)
		printk(", %luK highmem", K(c->highmem_pages));
	printk(")\n");
}

void layout_print_mem_init(const struct layout *l, const struct mem_counts *counts,
			   const struct image_sections *img)
{
	if (l->rules->report == REPORT_MEMINFO_BANKS)
		print_meminfo(l, counts);
	else if (counts && img)
		print_zones_memory(l, counts, img);
	layout_print_table(l, img);
}
