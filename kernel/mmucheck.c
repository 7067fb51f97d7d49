/*
 * The MMU check: is the map the boot log printed the map the hardware uses?
 *
 * Three views of every page of the 4 GB are compared (one look per
 * megabyte where nothing begins or ends inside it; the MMU is asked about
 * every mapped page, and about unmapped ones at every boundary -- in
 * `check` also about every unmapped megabyte, the boot's pass skips
 * those inside a run):
 *   the record  - what kernel_map() was asked to map, each piece in the
 *                 layout region it had to lie in; and the dynamic maps:
 *                 each vmalloc/ioremap area's pages (never its guard
 *                 pages) and each live pkmap slot;
 *   the tables  - what the software walker finds in swapper_pg_dir;
 *   the MMU     - what ATS1CPR (a read) and ATS1CPW (a write) answer in
 *                 PAR: the address, and a fault where writing is not
 *                 allowed or nothing is mapped.
 * Then: every whole page of lowmem RAM is recorded at its linear address
 * (the printed lowmem line is true), and real accesses: a word read through
 * the linear map, reads past lowmem and at the old identity address that
 * must fault.  (QEMU leaves PAR's attribute fields zero, so memory types
 * are compared in the tables.)
 */
#include <inttypes.h>
#include <stdio.h>

#include "arm/cp15.h"
#include "fault.h"
#include "highmem.h"
#include "kernel_map.h"
#include "memory.h"
#include "mmu.h"
#include "mmucheck.h"
#include "pgtable.h"
#include "printk.h"
#include "setup.h"
#include "smp.h"
#include "shell.h"
#include "sizes.h"
#include "traps.h"
#include "vmalloc.h"

#define FDT_MAGIC_LE	0xedfe0dd0u

struct check {
	bool verbose;
	int failures;
	uint32_t supersections, sections, pages, unmapped_blocks, empty_tables;
};

/*
 * What should be at va: a kernel_map() record, or a page of a vmalloc or
 * ioremap area, or a live pkmap slot (those two described in *tmp, one
 * page long).  NULL: nothing, so the address must fault.
 */
static const struct kernel_mapping *expected_at(uint32_t va, struct kernel_mapping *tmp)
{
	const struct kernel_mapping *m = kernel_mapping_at(va);
	phys_addr_t pa;
	enum mem_type_id type;

	if (m)
		return m;
	if (vmap_page(&vmalloc_space, va, &pa, &type)) {
		*tmp = (struct kernel_mapping){ "vmalloc/ioremap area", REGION_VMALLOC,
						va & PAGE_MASK, pa & ~(phys_addr_t)(PAGE_SIZE - 1),
						PAGE_SIZE, type };
		return tmp;
	}
	if (pkmap_page(va, &pa)) {
		*tmp = (struct kernel_mapping){ "pkmap slot", REGION_PKMAP, va & PAGE_MASK,
						pa & ~(phys_addr_t)(PAGE_SIZE - 1), PAGE_SIZE,
						MT_MEMORY_RW };
		return tmp;
	}
	return NULL;
}

/* Does anything expected touch [va, va+len)? */
static bool expected_in(uint32_t va, uint32_t len)
{
	return kernel_map_overlaps(va, len) || vmap_overlaps(&vmalloc_space, va, len) || pkmap_overlaps(va, len);
}

static void fail(struct check *c, uint32_t va, const char *what)
{
	if (c->failures++ < 10)
		printk("MMU check: 0x%08" PRIx32 " (%s): %s\n", va,
		       layout_describe(&kernel_layout, va), what);
}

static bool read_only(enum mem_type_id t)
{
	return !mem_type_pl1_writable(t);
}

/* What the MMU says of a read and of a write at va. */
static void ask_mmu(struct check *c, uint32_t va, const struct kernel_mapping *m)
{
	phys_addr_t want = m ? m->phys + (va - m->virt) : (phys_addr_t)-1;
	phys_addr_t r = mmu_translate(va, false, NULL);
	phys_addr_t w;

	if (r != want)
		fail(c, va, m ? "ATS1CPR does not translate it to the recorded address"
			      : "ATS1CPR translates an address nothing maps");
	if (!m)
		return;		/* no read, no write: one question is enough */
	w = mmu_translate(va, true, NULL);
	if (read_only(m->type) && w != (phys_addr_t)-1)
		fail(c, va, "ATS1CPW allows a write to a read-only mapping");
	if (!read_only(m->type) && w != want)
		fail(c, va, "ATS1CPW refuses a write to a writable mapping");
}

/* What a leaf of this kind is called, for the messages. */
static const char *leaf_name(const struct walk *w)
{
	const struct pgtable_format *f = kernel_pgtable.fmt;

	if (w->level == (int)f->levels)
		return "page";
	return w->kind == WALK_SUPERSECTION ? "supersection" : f->block_name;
}

/* One page against its record m, as the walker found it (w) and, if ask,
 * by the MMU. */
static void check_walked(struct check *c, uint32_t va, bool ask, const struct kernel_mapping *m,
			 const struct walk *w)
{
	const struct pgtable_format *f = kernel_pgtable.fmt;

	if (!m && w->kind != WALK_FAULT)
		fail(c, va, "the tables map it, nothing recorded does");
	else if (m && w->kind == WALK_FAULT)
		fail(c, va, "recorded, but the tables do not map it");
	else if (m && w->pa != m->phys + (va - m->virt))
		fail(c, va, "the tables map it to another physical address");
	else if (m && w->desc[w->level - 1] != f->mk_leaf(w->pa & ~(phys_addr_t)(w->size - 1), m->type, w->kind)) {
		char why[64];

		snprintf(why, sizeof(why), "the %s's attributes are not its memory type's", leaf_name(w));
		fail(c, va, why);
	}
	if (ask || m)
		ask_mmu(c, va, m);
	if (w->kind == WALK_SMALL || w->kind == WALK_PAGE)
		c->pages++;
}

static void check_page(struct check *c, uint32_t va, bool ask)
{
	struct kernel_mapping tmp;
	const struct kernel_mapping *m = expected_at(va, &tmp);
	struct walk w;

	pgtable_walk(&kernel_pgtable, va, &w);
	check_walked(c, va, ask, m, &w);
}

/* The record covering all of the block at va0, if one does. */
static const struct kernel_mapping *whole_block(uint32_t va0, uint32_t size)
{
	const struct kernel_mapping *m = kernel_mapping_at(va0);

	if (m && m->virt <= va0 && (uint64_t)m->virt + m->length >= (uint64_t)va0 + size)
		return m;
	return NULL;
}

/*
 * Is anything expected in the block before, at and after the one being
 * checked?  The loop slides this window along, so each block is asked
 * once (most of the 4 GB is user space, where nothing is).
 */
struct neighbours {
	bool before, here, after;
};

/*
 * One block-sized stretch (a short-format megabyte, a long-format 2 MB):
 * one look when a single record or nothing covers it, page by page when
 * something begins or ends inside it or a table maps it.
 */
static void check_block(struct check *c, uint32_t va0, uint32_t size, struct neighbours n)
{
	const struct kernel_mapping *m = n.here ? whole_block(va0, size) : NULL;
	const struct pgtable_format *f = kernel_pgtable.fmt;
	struct walk w;
	bool table;

	pgtable_walk(&kernel_pgtable, va0, &w);
	table = w.level == (int)f->levels;	/* the walk reached a page table */
	if (!n.here) {
		/* Nothing recorded: no entry, or an empty table made in
		 * advance (pkmap's) in which every page must fault. */
		if (table) {
			for (uint32_t off = 0; off < size; off += PAGE_SIZE)
				check_page(c, va0 + off, off == 0);
			c->empty_tables++;
			return;
		}
		if (w.kind != WALK_FAULT)
			fail(c, va0, "the tables map a block nothing recorded touches");
		/* The boot's quick pass asks the MMU at the edges of each
		 * unmapped run; `check` asks for every block. */
		if (c->verbose || va0 == 0 || va0 == (uint32_t)-size || n.before || n.after)
			ask_mmu(c, va0, NULL);
		c->unmapped_blocks++;
		return;
	}
	if (m && !table && w.kind != WALK_FAULT) {	/* one record, one block or (super)section */
		bool super = w.kind == WALK_SUPERSECTION;

		/* The walk and the record are the block's own: not asked again. */
		check_walked(c, va0, true, m, &w);
		if (super && !(va0 & (SZ_16M - 1)))
			c->supersections++;
		else if (!super)
			c->sections++;
		return;
	}
	/* Every mapped page is put to the MMU; of the unmapped ones, those
	 * next to a mapped page and the block's first and last. */
	for (uint32_t off = 0; off < size; off += PAGE_SIZE) {
		uint32_t va = va0 + off;
		struct kernel_mapping tmp;
		bool edge = off == 0 || off == size - PAGE_SIZE ||
			    expected_at(va - PAGE_SIZE, &tmp) || expected_at(va + PAGE_SIZE, &tmp);

		check_page(c, va, edge);
	}
}

/* Every whole page of lowmem RAM is recorded, at its linear address. */
static void check_lowmem_recorded(struct check *c)
{
	const struct layout *l = &kernel_layout;

	for (int i = 0; i < l->mi.nr_banks; i++) {
		const struct membank *b = &l->mi.bank[i];
		uint64_t va = layout_va(l, b->start);
		uint64_t end = va + (b->size & PAGE_MASK);

		if (b->highmem)
			continue;
		while (va < end) {
			const struct kernel_mapping *m = kernel_mapping_at((uint32_t)va);

			if (!m || m->region != REGION_LOWMEM ||
			    m->phys + (va - m->virt) != layout_pa(l, (uint32_t)va)) {
				fail(c, (uint32_t)va, "lowmem RAM not recorded at its linear address");
				break;
			}
			va = (uint64_t)m->virt + m->length;
		}
	}
	for (int i = 0; i < nr_kernel_mappings; i++) {
		const struct kernel_mapping *m = &kernel_mappings[i];

		if (!layout_range_in_region(l, m->virt, m->length, m->region))
			fail(c, m->virt, "a recorded mapping left its region");
	}
}

/* A read that must succeed (and, if want_value, return want). */
static void check_read(struct check *c, uint32_t va, bool want_value,
		       uint32_t want, const char *what)
{
	uint32_t v = 0;

	if (probe_read32(va, &v)) {
		fail(c, va, "reading it faulted");
		print_fault(&last_fault);
	} else if (want_value && v != want) {
		fail(c, va, "read back a wrong value");
	} else if (c->verbose && want_value) {
		printk("  read 0x%08" PRIx32 " at 0x%08" PRIx32 ": %s\n", v, va, what);
	} else if (c->verbose) {
		/* what is there is the allocators' business (mem_map, often) */
		printk("  read at 0x%08" PRIx32 ": %s, no fault\n", va, what);
	}
}

/* A read that must abort with a translation fault. */
static void check_faults(struct check *c, uint32_t va, const char *what)
{
	uint32_t v;

	if (kernel_mapping_at(va))
		return;		/* mapped in this configuration (VMSPLIT_1G) */
	if (!probe_read32(va, &v)) {
		fail(c, va, "reading it did not fault");
		return;
	}
	if (!fsr_is_mmu_fault(last_fault.fsr) || last_fault.far != va)
		fail(c, va, "faulted, but not with a translation fault at that address");
	else if (c->verbose)
		printk("  read at 0x%08" PRIx32 " (%s): %s, as it must\n", va, what,
		       fsr_description(last_fault.fsr));
}

/*
 * Kernel text, rodata and the vector pages never change after boot: W^X
 * keeps every writable mapping away from them.  The tables alone cannot
 * prove that (a writable alias somewhere would not show as wrong), so
 * their contents are compared with what they held at the first check,
 * one FNV-1a sum per chunk of pages, naming the chunk that changed.
 */
#define IMAGE_SUMS	128

struct image_part {
	const char *what;
	uint32_t start, end;
};

static uint32_t image_sums[IMAGE_SUMS];
static uint32_t sum_chunk;		/* bytes per sum; 0 until the first check */

/* Eight words a turn: under QEMU a turn of the loop (a jump between
 * translated blocks) costs more than the words it sums, and the sums of
 * the image are a fifth of the boot's check. */
static uint32_t fnv1a(uint32_t start, uint32_t end)
{
	const uint32_t *w = (const uint32_t *)start, *e = (const uint32_t *)end;
	uint32_t h = 2166136261u;

	for (; e - w >= 8; w += 8) {
#pragma GCC unroll 8
		for (int i = 0; i < 8; i++)
			h = (h ^ w[i]) * 16777619u;
	}
	for (; w < e; w++)
		h = (h ^ *w) * 16777619u;
	return h;
}

static unsigned image_parts(struct image_part p[3])
{
	unsigned n = 0;

	p[n++] = (struct image_part){ "kernel text and rodata", (uint32_t)_text, (uint32_t)__end_rodata & ~3u };
	p[n++] = (struct image_part){ "vector page", VECTORS_BASE, VECTORS_BASE + PAGE_SIZE };
	if (kernel_mapping_at(VECTORS_BASE + PAGE_SIZE))
		p[n++] = (struct image_part){ "vector stubs page", VECTORS_BASE + PAGE_SIZE,
					      VECTORS_BASE + 2 * PAGE_SIZE };
	return n;
}

static void check_image(struct check *c)
{
	struct image_part p[3];
	unsigned n = image_parts(p), k = 0;
	uint32_t total = 0;
	bool first = !sum_chunk;
	int failures = c->failures;

	for (unsigned i = 0; i < n; i++)
		total += p[i].end - p[i].start;
	if (first)	/* whole pages per sum, as few as IMAGE_SUMS allows */
		sum_chunk = ALIGN_UP(total / (IMAGE_SUMS - n) + 1, PAGE_SIZE);
	for (unsigned i = 0; i < n; i++)
		for (uint32_t a = p[i].start; a < p[i].end; a += sum_chunk, k++) {
			uint32_t e = p[i].end - a < sum_chunk ? p[i].end : a + sum_chunk;
			uint32_t h = fnv1a(a, e);

			if (first)
				image_sums[k] = h;
			else if (h != image_sums[k])
				fail(c, a, p[i].what[0] == 'k' ? "kernel text or rodata changed since boot"
							       : "the vector page changed since boot");
		}
	if (c->verbose)
		printk("  compared kernel text and rodata (0x%08" PRIx32 "-0x%08" PRIx32
		       ") and the vector page%s with boot: %s\n", p[0].start, p[0].end - 1,
		       n == 3 ? "s" : "", c->failures > failures ? "CHANGED (above)" : "unchanged");
}

static void print_records(void)
{
	for (int i = 0; i < nr_kernel_mappings; i++) {
		const struct kernel_mapping *m = &kernel_mappings[i];

		printk("  0x%08" PRIx32 "-0x%08" PRIx32 " -> 0x%08" PRIx32 " %8" PRIu32 " kB  %-13s %s\n",
		       m->virt, m->virt + m->length - 1, (uint32_t)m->phys, m->length >> 10,
		       mem_types[m->type].name, m->what);
	}
}

int mmu_check(bool verbose)
{
	const struct layout *l = &kernel_layout;
	const struct pgtable_format *f = kernel_pgtable.fmt;
	uint32_t block = f->span[f->levels - 2];
	struct check c = { .verbose = verbose };

	if (verbose) {
		printk("Kernel mappings (virtual -> physical, size, type, what):\n");
		print_records();
	}
	check_lowmem_recorded(&c);
	struct neighbours n = { false, expected_in(0, block), false };

	for (uint64_t va = 0; va < ((uint64_t)1 << 32); va += block) {
		n.after = va + block < ((uint64_t)1 << 32) && expected_in((uint32_t)va + block, block);
		check_block(&c, (uint32_t)va, block, n);
		n.before = n.here;
		n.here = n.after;
	}

	if (dtb_phys && layout_is_lowmem_ram(l, dtb_phys))
		check_read(&c, (uint32_t)__va(dtb_phys), true, FDT_MAGIC_LE,
			   "the device tree's magic, through the linear map");
	check_read(&c, (l->high_memory & PAGE_MASK) - PAGE_SIZE, false, 0,
		   "in the last whole page of lowmem");
	check_faults(&c, l->high_memory, "the first byte past lowmem");
	check_faults(&c, KERNEL_PHYS, "the kernel's physical address: the identity section is gone");
	check_image(&c);

	printk("MMU check: %s (", c.failures ? "record, page tables and MMU DISAGREE"
					     : "record, page tables and MMU agree");
	if (f->supersections)
		printk("supersections: %" PRIu32 ", ", c.supersections);
	printk("%ss: %" PRIu32 ", %ss: %" PRIu32 ", unmapped %s: %" PRIu32 ", empty page tables: %" PRIu32 ")\n",
	       f->block_name, c.sections, f->page_name, c.pages, f->block_unit, c.unmapped_blocks,
	       c.empty_tables);
	return c.failures;
}

static int cmd_check(int argc, char **argv)
{
	int failed;

	(void)argc; (void)argv;
	failed = mmu_check(true) != 0;
	/* Every CPU has its own TLB and its own registers: each one's view. */
	if (nr_cpus_online > 1 && smp_processor_id() == 0)
		failed |= smp_check_cpus() != 0;
	return failed;
}

SHELL_COMMAND(400, check, cmd_check, 0, 0, "",
	      "compare the layout, the page tables and the MMU everywhere", "check");
