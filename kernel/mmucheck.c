/*
 * The MMU check: is the map the boot log printed the map the hardware uses?
 *
 * Three views are compared for every megabyte of the 4 GB (and every page
 * of a megabyte where something changes inside it):
 *   the layout  - what struct layout says should be there,
 *   the tables  - what the software walker finds in swapper_pg_dir,
 *   the MMU     - what ATS1CPR answers in PAR.
 * Then real accesses: a word read through the linear map, and reads past
 * lowmem and at the old identity address that must fault.
 * (QEMU leaves PAR's memory-attribute fields zero, so attributes are
 * checked in the tables only.)
 */
#include <inttypes.h>
#include <string.h>

#include "arm/sysreg.h"
#include "fault.h"
#include "kernel.h"
#include "memory.h"
#include "printk.h"
#include "sizes.h"

#define FDT_MAGIC_LE	0xedfe0dd0u

struct expect {
	bool mapped;
	phys_addr_t pa;
	enum mem_type_id type;
};

struct check {
	bool verbose;
	int failures;
	uint32_t sections, pages, unmapped_mb, device_pages;
};

/* A whole page of lowmem RAM stands behind va. */
static bool lowmem_page(uint32_t va, phys_addr_t *pa)
{
	const struct layout *l = &kernel_layout;

	if (va - l->page_offset >= l->high_memory - l->page_offset)
		return false;
	*pa = layout_pa(l, va);
	return layout_is_lowmem_ram(l, *pa) &&
	       layout_is_lowmem_ram(l, *pa + PAGE_SIZE - 1);
}

static void expected(uint32_t va, struct expect *e)
{
	va &= PAGE_MASK;
	e->mapped = false;
	if ((console_virt & PAGE_MASK) == va) {
		e->mapped = true;
		e->pa = board.uart_base & ~(phys_addr_t)(PAGE_SIZE - 1);
		e->type = MT_DEVICE;
	} else if (lowmem_page(va, &e->pa)) {
		e->mapped = true;
		e->type = MT_MEMORY_RWX;
	}
}

/*
 * What each megabyte should be, from the layout, in one pass over the
 * banks: wholly lowmem (one section), wholly unmapped, or an "edge" where
 * something begins or ends inside it and every page must be looked at.
 */
enum mb_class { MB_UNMAPPED, MB_SECTION, MB_EDGE };
static uint8_t mb_class[L1_ENTRIES];

static void classify_megabytes(void)
{
	const struct layout *l = &kernel_layout;

	memset(mb_class, MB_UNMAPPED, sizeof(mb_class));
	for (int i = 0; i < l->mi.nr_banks; i++) {
		const struct membank *b = &l->mi.bank[i];
		uint32_t first, last, va = layout_va(l, b->start);
		uint32_t size = (uint32_t)b->size;

		if (b->highmem || size == 0)
			continue;
		first = va >> SECTION_SHIFT;
		last = (va + size - 1) >> SECTION_SHIFT;
		for (uint32_t mb = first; mb <= last; mb++)
			mb_class[mb] = MB_SECTION;
		if (va & ~SECTION_MASK)
			mb_class[first] = MB_EDGE;
		if ((va + size) & ~SECTION_MASK)
			mb_class[last] = MB_EDGE;
	}
	mb_class[console_virt >> SECTION_SHIFT] = MB_EDGE;
}

static void fail(struct check *c, uint32_t va, const char *what)
{
	if (c->failures++ < 10)
		printk("MMU check: 0x%08" PRIx32 " (%s): %s\n", va,
		       layout_describe(&kernel_layout, va), what);
}

static void check_page(struct check *c, uint32_t va, bool ask_mmu)
{
	struct expect e;
	struct walk w;
	phys_addr_t pa;

	expected(va, &e);
	pgtable_walk(&kernel_pgtable, va, &w);
	if ((w.kind != WALK_FAULT) != e.mapped)
		fail(c, va, e.mapped ? "the layout maps it, the tables do not"
				     : "the tables map it, the layout does not");
	else if (e.mapped && w.pa != e.pa)
		fail(c, va, "the tables map it to another physical address");
	if (!ask_mmu)
		return;
	pa = mmu_translate(va, false, NULL);
	if ((pa != (phys_addr_t)-1) != (w.kind != WALK_FAULT))
		fail(c, va, "the MMU disagrees with the tables on whether it is mapped");
	else if (w.kind != WALK_FAULT && pa != w.pa)
		fail(c, va, "the MMU translates it elsewhere than the tables");
}

/* A whole megabyte: its first-level entry and one question to the MMU. */
static void check_uniform_megabyte(struct check *c, uint32_t va0, bool mapped)
{
	uint32_t l1 = kernel_pgtable.l1[va0 >> SECTION_SHIFT];
	phys_addr_t pa = mapped ? layout_pa(&kernel_layout, va0) : (phys_addr_t)-1;

	if (mapped && l1 != mk_section(pa, MT_MEMORY_RWX))
		fail(c, va0, "the tables do not hold the section the layout needs");
	else if (!mapped && l1 != 0)
		fail(c, va0, "the tables map it, the layout does not");
	if (mmu_translate(va0, false, NULL) != pa)
		fail(c, va0, "the MMU disagrees with the tables");
	if (mapped)
		c->sections++;
	else
		c->unmapped_mb++;
}

/* A megabyte with an edge inside: page by page. */
static void check_edge_megabyte(struct check *c, uint32_t va0)
{
	struct walk w;

	for (uint32_t off = 0; off < SECTION_SIZE; off += PAGE_SIZE) {
		check_page(c, va0 + off, true);
		pgtable_walk(&kernel_pgtable, va0 + off, &w);
		if (w.kind == WALK_SMALL)
			c->pages++;
	}
	pgtable_walk(&kernel_pgtable, va0, &w);
	if (w.kind == WALK_SECTION)
		c->sections++;
	else if (w.level == 1)
		c->unmapped_mb++;
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
	} else if (c->verbose) {
		printk("  read 0x%08" PRIx32 " at 0x%08" PRIx32 ": %s\n", v, va, what);
	}
}

/* A read that must abort with a translation fault. */
static void check_faults(struct check *c, uint32_t va, const char *what)
{
	uint32_t v;
	struct expect e;

	expected(va, &e);
	if (e.mapped)
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

int mmu_check(bool verbose)
{
	const struct layout *l = &kernel_layout;
	struct check c = { .verbose = verbose };

	classify_megabytes();
	for (uint32_t mb = 0; mb < L1_ENTRIES; mb++) {
		if (mb_class[mb] == MB_EDGE)
			check_edge_megabyte(&c, mb << SECTION_SHIFT);
		else
			check_uniform_megabyte(&c, mb << SECTION_SHIFT, mb_class[mb] == MB_SECTION);
	}

	if (dtb_phys && layout_is_lowmem_ram(l, dtb_phys))
		check_read(&c, (uint32_t)__va(dtb_phys), true, FDT_MAGIC_LE,
			   "the device tree's magic, through the linear map");
	check_read(&c, (l->high_memory & PAGE_MASK) - PAGE_SIZE, false, 0,
		   "in the last whole page of lowmem");
	check_faults(&c, l->high_memory, "the first byte past lowmem");
	check_faults(&c, KERNEL_PHYS, "the kernel's physical address: the identity section is gone");

	if (verbose || c.failures)
		printk("MMU check: sections: %" PRIu32 ", small pages: %" PRIu32 ", second-level tables: %u, "
		       "unmapped MB: %" PRIu32 "; layout, tables and ATS1CPR %s\n",
		       c.sections, c.pages, kernel_pgtable.nr_l2, c.unmapped_mb,
		       c.failures ? "DISAGREE" : "agree");
	else
		printk("MMU check: layout, page tables and MMU agree (sections: %" PRIu32 ", small pages: %" PRIu32
		       ", unmapped MB: %" PRIu32 ")\n",
		       c.sections, c.pages, c.unmapped_mb);
	return c.failures;
}
