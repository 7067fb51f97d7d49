/*
 * The TLB lab (`tlb lab [STEP]`): the TLB as a cache that goes stale,
 * shown by the MMU's own answers on each CPU.
 *
 * Every step maps its own page (or block) in the modules area, which
 * vmsplit leaves empty, through kernel_map(), so the record and `check`
 * know of it; then it rewrites the leaf descriptor by hand, as a buggy
 * kernel would, and asks each CPU two questions:
 *   ATS1CPR, then PAR: what the translation is.  QEMU answers it with a
 *     fresh table walk (it does not look in its TLB), so PAR follows the
 *     tables at once; hardware may answer from its TLB (the architecture
 *     leaves it open), so the lab prints it but does not rely on it;
 *   a real load of the page's first word: which frame the CPU's TLB sends
 *     it to.  Each frame's first word names it, so the value says.
 * The loads are what a step asserts; each step ends with one verdict line,
 * and any other outcome fails the command.  A CPU's TLB keeps an entry
 * until it is invalidated or evicted; nothing between the load that fills
 * it and the one that finds it stale touches more than a few other pages,
 * so QEMU's TLB (256 entries or more, a victim cache behind them) keeps
 * it, however fast or slow the host.
 *
 * What QEMU does not model, said where it matters: ASID tagging (a
 * CONTEXTIDR write or a TLBIASID flushes its whole TLB), TLB conflict
 * aborts, and TLB entries bigger than 4 KB (a section is cached a page at
 * a time).
 */
#include <inttypes.h>
#include <string.h>

#include "arm/cp15.h"
#include "arm/tlbflush.h"
#include "kernel_map.h"
#include "memory.h"
#include "mm.h"
#include "mmu.h"
#include "pgtable.h"
#include "printk.h"
#include "setup.h"
#include "shell.h"
#include "sizes.h"
#include "smp.h"
#include "traps.h"
#include "tlb_lab.h"
#include "vmalloc.h"

/* Each frame's first word, so a load says which frame it reached. */
#define MARK_A		UINT32_C(0xaaaa0001)	/* the frame the page maps first */
#define MARK_B		UINT32_C(0xbbbb0002)	/* the frame its descriptor is changed to */
#define MARK_OWNER	UINT32_C(0x0e3e0003)	/* what the frame's next owner writes */
#define MARK_VMALLOC	UINT32_C(0x5ec7e704)	/* a vmalloc page's word (step 3) */
#define MARK_SECTION	UINT32_C(0x5ec70000)	/* page n of step 4's block: MARK_SECTION + n */
#define MARK_SPLIT	UINT32_C(0xc0de0001)	/* step 4: the split table's page 1 */

struct probe {
	uint32_t va;
	unsigned cpu;
	int fault;		/* the load faulted */
	uint32_t value;		/* what it read */
	phys_addr_t par_pa;	/* ATS1CPR's answer, (phys_addr_t)-1 for a fault */
};

static void probe_here(void *arg)
{
	struct probe *p = arg;

	p->cpu = smp_processor_id();
	p->fault = probe_read32(p->va, &p->value) != 0;
	p->par_pa = mmu_translate(p->va, false, NULL);
}

/* ---- one page, its descriptor by hand ---- */

struct lab_page {
	uint32_t va;
	uint32_t pfn[2];	/* frame A, frame B */
	phys_addr_t pa[2];
	const char *name[2];	/* what the two frames are called in the lines */
	void *entry;		/* the leaf descriptor in memory */
	uint64_t desc[2];	/* the leaf descriptor for frame A, for frame B */
};

static const char *frame_name(const struct lab_page *lp, phys_addr_t pa)
{
	return pa == lp->pa[0] ? lp->name[0] : pa == lp->pa[1] ? lp->name[1] :
	       pa == (phys_addr_t)-1 ? "fault" : "another frame";
}

static const char *word_name(uint32_t v)
{
	switch (v) {
	case MARK_A:       return "frame A's word";
	case MARK_B:       return "frame B's word";
	case MARK_OWNER:   return "the frame's new owner's word";
	case MARK_VMALLOC: return "the vmalloc page's word";
	case MARK_SPLIT:   return "frame C's word";
	default:           return v >= MARK_SECTION && v < MARK_SECTION + 512 ? "the block's word" : "?";
	}
}

/* Where a leaf descriptor lives: the walk names its table and index. */
static void *leaf_entry(uint32_t va, struct walk *w)
{
	const struct pgtable_format *f = kernel_pgtable.fmt;
	uint8_t *table;

	pgtable_walk(&kernel_pgtable, va, w);
	table = w->level == 1 ? (uint8_t *)kernel_pgtable.l1 : (uint8_t *)__va(w->table[w->level - 1]);
	return table + w->index[w->level - 1] * f->entry_bytes;
}

/* A descriptor rewritten in place, the walker's view made current (clean
 * to PoU, DSB): and no TLB invalidation, on purpose. */
static void write_entry(void *entry, uint64_t d)
{
	if (kernel_pgtable.fmt->entry_bytes == 8)
		*(volatile uint64_t *)entry = d;	/* STRD: single-copy atomic with LPAE */
	else
		*(volatile uint32_t *)entry = (uint32_t)d;
	page_tables_written(entry, kernel_pgtable.fmt->entry_bytes);
}

static int lab_page_get(struct lab_page *lp)
{
	struct walk w;

	memset(lp, 0, sizeof(*lp));
	lp->va = kernel_layout.modules_vaddr;
	lp->name[0] = "frame A";
	lp->name[1] = "frame B";
	for (int i = 0; i < 2; i++) {
		lp->pfn[i] = alloc_page(GFP_KERNEL);
		if (lp->pfn[i] == PFN_NONE) {
			printk("tlb lab: no free lowmem page\n");
			if (i)
				free_page(lp->pfn[0]);
			return -1;
		}
		lp->pa[i] = (phys_addr_t)lp->pfn[i] << PAGE_SHIFT;
		*(volatile uint32_t *)lowmem_page_address(lp->pfn[i]) = i ? MARK_B : MARK_A;
	}
	if (kernel_map("tlb lab page", REGION_MODULES, lp->va, lp->pa[0], PAGE_SIZE, MT_MEMORY_RW, 0)) {
		free_page(lp->pfn[0]);
		free_page(lp->pfn[1]);
		return -1;
	}
	lp->entry = leaf_entry(lp->va, &w);
	lp->desc[0] = w.desc[w.level - 1];
	/* The output address is the only difference: bits [31:12] here (both
	 * frames are lowmem, below 4 GB), in either format. */
	lp->desc[1] = lp->desc[0] ^ (uint64_t)(lp->pa[0] ^ lp->pa[1]);
	printk("  0x%08" PRIx32 " -> frame A (PA 0x%08" PRIx32 ", first word 0x%08" PRIx32
	       "); frame B is PA 0x%08" PRIx32 " (first word 0x%08" PRIx32 ")\n",
	       lp->va, (uint32_t)lp->pa[0], MARK_A, (uint32_t)lp->pa[1], MARK_B);
	return 0;
}

/* Back as kernel_map() made it, then unmapped (a broadcast flush) and the
 * frames freed: nothing of the step is left for `check` to find. */
static void lab_page_put(struct lab_page *lp)
{
	write_entry(lp->entry, lp->desc[0]);
	flush_tlb_kernel_page(lp->va);
	kernel_unmap(lp->va, PAGE_SIZE);
	free_page(lp->pfn[0]);
	free_page(lp->pfn[1]);
}

/* One CPU's answers in one line; true when the load found `want` (a
 * value, or a fault when want_fault). */
static bool ask(const struct lab_page *lp, unsigned cpu, bool want_fault, uint32_t want, const char *note)
{
	struct probe p = { .va = lp->va };
	bool ok;

	if (smp_call_irq(cpu, probe_here, &p))
		return false;
	ok = want_fault ? p.fault : !p.fault && p.value == want;
	if (p.fault)
		printk("  CPU%u: ATS1CPR -> %s; load: translation fault%s%s\n", p.cpu,
		       frame_name(lp, p.par_pa), note ? " -- " : "", note ? note : "");
	else
		printk("  CPU%u: ATS1CPR -> %s; load: 0x%08" PRIx32 ", %s%s%s\n", p.cpu,
		       frame_name(lp, p.par_pa), p.value, word_name(p.value), note ? " -- " : "", note ? note : "");
	if (!ok)
		printk("  CPU%u: NOT what this step expects (%s)\n", p.cpu,
		       want_fault ? "a fault" : word_name(want));
	return ok;
}

static int verdict(int step, bool ok, const char *what)
{
	printk("tlb lab %d: %s%s\n", step, ok ? "" : "NOT AS EXPECTED: ", what);
	return ok ? 0 : 1;
}

/* The first other online CPU, or -1. */
static int other_cpu(void)
{
	for (unsigned c = 0; c < NR_CPUS; c++)
		if (c != smp_processor_id() && cpu_data[c].online)
			return (int)c;
	return -1;
}

/* ---- step 1: one CPU ---- */

static int step1(void)
{
	struct lab_page lp;
	unsigned me = smp_processor_id();
	bool ok = true;

	printk("tlb lab 1: one CPU (CPU%u): a page's descriptor changed without a TLBI\n", me);
	if (lab_page_get(&lp))
		return 1;
	ok &= ask(&lp, me, false, MARK_A, "the TLB now holds the translation");
	write_entry(lp.entry, lp.desc[1]);
	printk("  descriptor rewritten to frame B (DSB), no TLBI\n");
	ok &= ask(&lp, me, false, MARK_A, "stale: the TLB's entry, not the table");
	local_flush_tlb_mva(lp.va, 0);
	printk("  TLBIMVA 0x%08" PRIx32 " (ASID 0; the entry is global, so any ASID matches), DSB, ISB\n", lp.va);
	ok &= ask(&lp, me, false, MARK_B, NULL);
	lab_page_put(&lp);
	return verdict(1, ok, "the old frame until the TLBI, the new one after");
}

/* ---- step 2: two CPUs, a local TLBI ---- */

static int step2(void)
{
	struct lab_page lp;
	unsigned me = smp_processor_id();
	int other = other_cpu();
	bool ok = true;

	printk("tlb lab 2: two CPUs: a local TLBIMVA leaves the other CPU's TLB as it was\n");
	if (other < 0) {
		printk("tlb lab 2: needs a second CPU (make run SMP=2); skipped\n");
		return 0;
	}
	if (lab_page_get(&lp))
		return 1;
	ok &= ask(&lp, me, false, MARK_A, NULL);
	ok &= ask(&lp, (unsigned)other, false, MARK_A, "both TLBs hold it");
	write_entry(lp.entry, lp.desc[1]);
	local_flush_tlb_mva(lp.va, 0);
	printk("  descriptor rewritten to frame B; TLBIMVA on CPU%u only (local), DSB, ISB\n", me);
	ok &= ask(&lp, me, false, MARK_B, NULL);
	ok &= ask(&lp, (unsigned)other, false, MARK_A, "stale: its TLB was not told");
	flush_tlb_mva_is(lp.va, 0);
	printk("  TLBIMVAIS 0x%08" PRIx32 " on CPU%u (inner shareable: every CPU's TLB), DSB ISH, ISB\n", lp.va, me);
	ok &= ask(&lp, me, false, MARK_B, NULL);
	ok &= ask(&lp, (unsigned)other, false, MARK_B, NULL);
	lab_page_put(&lp);
	return verdict(2, ok, "the local TLBI fixed one CPU; the inner-shareable one fixed both");
}

/* ---- step 3: vfree while another CPU holds the translation ---- */

static int step3(void)
{
	struct lab_page lp;
	unsigned me = smp_processor_id();
	int other = other_cpu();
	struct probe p;
	uint32_t *v;
	bool ok = true, vok;

	printk("tlb lab 3: an area freed while another CPU holds its translation\n");
	if (other < 0) {
		printk("tlb lab 3: needs a second CPU (make run SMP=2); skipped\n");
		return 0;
	}
	/* (a) What a free without a shootdown allows. */
	if (lab_page_get(&lp))
		return 1;
	ok &= ask(&lp, (unsigned)other, false, MARK_A, "its TLB holds the translation");
	write_entry(lp.entry, 0);
	local_flush_tlb_mva(lp.va, 0);
	printk("  unmapped as a free without a shootdown would: descriptor cleared, TLBIMVA on CPU%u only\n", me);
	ok &= ask(&lp, me, true, 0, NULL);
	*(volatile uint32_t *)lowmem_page_address(lp.pfn[0]) = MARK_OWNER;
	printk("  frame A, as if freed, goes to a new owner, which writes 0x%08" PRIx32 " into it\n", MARK_OWNER);
	ok &= ask(&lp, (unsigned)other, false, MARK_OWNER, "another owner's data, through an unmapped address");
	flush_tlb_mva_is(lp.va, 0);
	printk("  the shootdown that was missing: TLBIMVAIS, DSB ISH, ISB\n");
	ok &= ask(&lp, (unsigned)other, true, 0, NULL);
	lab_page_put(&lp);

	/* (b) vmsplit's own vfree: its unmapping flushes with TLBIMVAAIS
	 * (flush_tlb_kernel_range) before the pages go back. */
	v = vmalloc(PAGE_SIZE);
	if (!v)
		return 1;
	*v = MARK_VMALLOC;
	p = (struct probe){ .va = (uint32_t)v };
	smp_call_irq((unsigned)other, probe_here, &p);
	vok = !p.fault && p.value == MARK_VMALLOC;
	printk("  vmalloc(4K) = 0x%08" PRIx32 "; CPU%u loads 0x%08" PRIx32 " from it, %s\n", (uint32_t)v,
	       p.cpu, p.value, vok ? "its TLB holds it" : "NOT the page's word");
	vfree(v);
	p = (struct probe){ .va = (uint32_t)v };
	smp_call_irq((unsigned)other, probe_here, &p);
	printk("  vfree on CPU%u (TLBIMVAAIS before the page is freed); CPU%u's load: %s\n", me, p.cpu,
	       p.fault ? "translation fault" : "NOT a fault");
	vok &= p.fault != 0;
	ok &= vok;
	return verdict(3, ok, "without the shootdown the other CPU read the next owner's data; "
			      "vmsplit's vfree leaves it a fault");
}

/* ---- step 4: a block split into pages ---- */

static int step4(void)
{
	const struct pgtable_format *f = kernel_pgtable.fmt;
	uint32_t block = f->span[f->levels - 2];
	unsigned order = 0, me = smp_processor_id();
	enum walk_kind block_kind = f->levels == 2 ? WALK_SECTION : WALK_BLOCK;
	enum walk_kind page_kind = f->levels == 2 ? WALK_SMALL : WALK_PAGE;
	int other = other_cpu();
	uint32_t va = kernel_layout.modules_vaddr, pfn, cpfn;
	phys_addr_t pa, tpa;
	struct walk w, tw;
	void *entry, *table;
	uint64_t block_desc, table_desc;
	struct lab_page names = { 0 };
	bool ok = true;

	while ((PAGE_SIZE << order) < block)
		order++;
	printk("tlb lab 4: a %s split into %ss (break-before-make)\n", f->block_name, f->page_name);
	pfn = alloc_pages(&page_allocator, GFP_KERNEL, order);
	cpfn = alloc_page(GFP_KERNEL);
	table = kmalloc(f->table_bytes);
	if (pfn == PFN_NONE || cpfn == PFN_NONE || !table) {
		printk("tlb lab 4: no %" PRIu32 " KB block of lowmem, or no page for the table\n", block >> 10);
		return 1;
	}
	pa = (phys_addr_t)pfn << PAGE_SHIFT;
	for (uint32_t i = 0; i < block / PAGE_SIZE; i++)
		*(volatile uint32_t *)lowmem_page_address(pfn + i) = MARK_SECTION + i;
	*(volatile uint32_t *)lowmem_page_address(cpfn) = MARK_SPLIT;
	if (kernel_map("tlb lab block", REGION_MODULES, va, pa, block, MT_MEMORY_RW, 0))
		return 1;
	entry = leaf_entry(va, &w);
	if (w.kind != block_kind) {
		printk("tlb lab 4: 0x%08" PRIx32 " was not mapped as one %s\n", va, f->block_name);
		kernel_unmap(va, block);
		return 1;
	}
	block_desc = w.desc[w.level - 1];
	/* The table that replaces it: the block's pages, but page 1 moved to
	 * frame C (so a load says which translation it used). */
	for (uint32_t i = 0; i < block / PAGE_SIZE; i++) {
		uint64_t d = f->mk_leaf(i == 1 ? (phys_addr_t)cpfn << PAGE_SHIFT : pa + i * PAGE_SIZE,
					MT_MEMORY_RW, page_kind);

		if (f->entry_bytes == 8)
			((uint64_t *)table)[i] = d;
		else
			((uint32_t *)table)[i] = (uint32_t)d;
	}
	page_tables_written(table, f->table_bytes);
	/* A table descriptor like the kernel's own (the vector page's). */
	tpa = __pa(table);
	pgtable_walk(&kernel_pgtable, VECTORS_BASE, &tw);
	table_desc = f->levels == 2 ? (tw.desc[0] & 0x3ffu) | (uint32_t)tpa
				    : (tw.desc[1] & ~UINT64_C(0xfffffff000)) | tpa;
	names.pa[0] = pa + PAGE_SIZE;
	names.pa[1] = (phys_addr_t)cpfn << PAGE_SHIFT;
	names.name[0] = "the block's page 1";
	names.name[1] = "frame C";
	names.va = va + PAGE_SIZE;
	printk("  0x%08" PRIx32 ": one %s to PA 0x%08" PRIx32 ", each page's first word 0x%08" PRIx32
	       " + its number; the new table moves page 1 (0x%08" PRIx32 ") to frame C (PA 0x%08" PRIx32
	       ", first word 0x%08" PRIx32 ")\n", va, f->block_name, (uint32_t)pa, MARK_SECTION, names.va,
	       (uint32_t)names.pa[1], MARK_SPLIT);

	/* Skipping break-before-make: the table written over the live block. */
	ok &= ask(&names, me, false, MARK_SECTION + 1, "the block's translation is in the TLB");
	if (other >= 0)
		ok &= ask(&names, (unsigned)other, false, MARK_SECTION + 1, NULL);
	write_entry(entry, table_desc);
	printk("  the %s replaced by the table at once (no invalid entry in between, no TLBI)\n", f->block_name);
	ok &= ask(&names, me, false, MARK_SECTION + 1, "the old block entry still answers");
	names.va = va + 2 * PAGE_SIZE;
	names.pa[0] = pa + 2 * PAGE_SIZE;
	names.name[0] = "the block's page 2";
	ask(&names, me, false, MARK_SECTION + 2, "page 2, not loaded before: through the new table");
	names.pa[0] = pa + PAGE_SIZE;
	names.name[0] = "the block's page 1";
	printk("  The architecture permits worse when break-before-make is skipped: with a block entry and a\n"
	       "  page entry for one VA both in a TLB, a load may use either, or the mix may be unpredictable;\n"
	       "  with LPAE it may take a TLB conflict abort. QEMU shows none of it: it caches a %s 4 KB\n"
	       "  at a time, as separate pages, and models no conflict abort.\n", f->block_name);
	/* Break-before-make: invalid, TLBI (every CPU), then the table. */
	write_entry(entry, 0);
	flush_tlb_all_is();
	write_entry(entry, table_desc);
	printk("  break-before-make: %s entry invalid, TLBIALLIS, DSB ISH, then the table\n", f->block_name);
	names.va = va + PAGE_SIZE;
	ok &= ask(&names, me, false, MARK_SPLIT, NULL);
	if (other >= 0)
		ok &= ask(&names, (unsigned)other, false, MARK_SPLIT, NULL);

	/* Back to the block, the same way, then unmapped. */
	write_entry(entry, 0);
	flush_tlb_all_is();
	write_entry(entry, block_desc);
	flush_tlb_all_is();
	kernel_unmap(va, block);
	kfree(table);
	free_pages(&page_allocator, pfn, order);
	free_page(cpfn);
	return verdict(4, ok, "every CPU sees the new table only after break-before-make");
}

int tlb_lab(const char *arg)
{
	static int (*const steps[])(void) = { step1, step2, step3, step4 };
	uint32_t n = 0;
	int failed = 0;

	if (arg && (!shell_parse_num(arg, &n) || n < 1 || n > 4)) {
		printk("tlb lab: STEP is 1, 2, 3 or 4 (no STEP: all of them)\n");
		return 1;
	}
	for (unsigned s = 1; s <= 4; s++)
		if (!n || n == s)
			failed |= steps[s - 1]();
	return failed;
}
