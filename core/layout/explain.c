/*
 * explain: the decision's arithmetic, told back with this boot's numbers.
 *
 * Nothing here decides anything.  Each topic reads struct layout (what
 * layout_decide() computed) and struct boot_config (what it was asked),
 * prints the steps that lead from one to the other, and where a step can be
 * checked against the result it is: a line that says "(the decision
 * differs: ...)" would mean this text and the decision disagree, and the
 * unit tests make sure no configuration they try prints it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "explain.h"
#include "printk.h"
#include "sizes.h"

/* "760 MB", "120 MB", "2560 kB": MB when it is whole megabytes.  Written
 * by hand: the kernel's snprintf has no 64-bit conversions, and a bank
 * of 4 GB or more (LPAE) has a size that needs them. */
static const char *size_text(char buf[24], uint64_t bytes)
{
	static const char digits[] = "0123456789";
	uint64_t v = (bytes % SZ_1M) ? bytes >> 10 : bytes >> 20;
	const char *unit = (bytes % SZ_1M) ? " kB" : " MB";
	char tmp[24];
	int n = 0, k = 0;

	do {
		tmp[n++] = digits[v % 10];
		v /= 10;
	} while (v && n < 20);
	while (n)
		buf[k++] = tmp[--n];
	strcpy(buf + k, unit);
	return buf;
}

static uint64_t ram_total(const struct meminfo *mi)
{
	uint64_t t = 0;

	for (int i = 0; i < mi->nr_banks; i++)
		t += mi->bank[i].size;
	return t;
}

static uint64_t lowmem_total(const struct layout *l)
{
	uint64_t t = 0;

	for (int i = 0; i < l->mi.nr_banks; i++)
		if (!l->mi.bank[i].highmem)
			t += l->mi.bank[i].size;
	return t;
}

static void print_banks(const char *title, const struct meminfo *mi)
{
	char a[17], e[17], s[24];

	for (int i = 0; i < mi->nr_banks; i++)
		printk("  %-17s 0x%s-0x%s (%s)\n", i ? "" : title, phys_hex(a, mi->bank[i].start),
		       phys_hex(e, bank_end(&mi->bank[i]) - 1), size_text(s, mi->bank[i].size));
	if (!mi->nr_banks)
		printk("  %-17s none\n", title);
}

/* ---- lowmem: vmalloc_min, then what of the RAM fits below it ---- */

static void explain_vmalloc_min(const struct boot_config *bc, const struct layout *l)
{
	const struct vm_rules *r = bc->rules;
	uint32_t reserve = bc->vmalloc_set ? bc->vmalloc_reserve : r->vmalloc_default;
	uint32_t gap = bc->vmalloc_set ? r->arg_gap : r->default_gap;
	char s[24];

	printk("  VMALLOC_END       0x%08" PRIx32 "  %s\n", bc->vmalloc_end,
	       bc->vmalloc_end != r->vmalloc_end ? "vmalloc_end= on the command line (the platform's choice)" :
	       r->vmalloc_end_is_platform ? "the platform's choice (mach/vmalloc.h; vmalloc_end= changes it)" :
	       "fixed in this era");
	printk("- vmalloc space     %10s  %s\n", size_text(s, reserve),
	       bc->vmalloc_set ? "asked for by vmalloc=" : "this era's default (vmalloc=SIZE asks for another)");
	if (gap)
		printk("- VMALLOC_OFFSET    %10s  the gap between lowmem and vmalloc\n", size_text(s, gap));
	printk("= vmalloc_min       0x%08" PRIx32 "  no lowmem may reach it\n", l->vmalloc_min);
	if (bc->vmalloc_end - reserve - gap != l->vmalloc_min)
		printk("  (the decision differs: vmalloc_min 0x%08" PRIx32 ")\n", l->vmalloc_min);
}

static void explain_lowmem(const struct boot_config *bc, const struct layout *l)
{
	char s[24], t[24], a[17];
	uint64_t room = (uint64_t)l->vmalloc_min - l->page_offset;
	phys_addr_t limit_pa = l->phys_offset + room;

	printk("Lowmem ends at 0x%08" PRIx32 " (high_memory): %s of the %s of RAM the banks hold are linearly mapped.\n",
	       l->high_memory, size_text(s, lowmem_total(l)), size_text(t, ram_total(&bc->mi)));
	explain_vmalloc_min(bc, l);
	printk("- PAGE_OFFSET       0x%08" PRIx32 "  VMSPLIT_%s: lowmem starts here, at PHYS_OFFSET 0x%s\n",
	       l->page_offset, split_name(l->page_offset) ? split_name(l->page_offset) : "?",
	       phys_hex(a, l->phys_offset));
	printk("= room for lowmem   %10s  so RAM below 0x%s (__pa(vmalloc_min)) can be lowmem\n",
	       size_text(s, room), phys_hex(a, limit_pa));
	print_banks("RAM", &bc->mi);
	if (l->rules->lowmem == LOWMEM_SANITY_CHECK_MEMINFO)
		printk("  Linux %s checks each bank against vmalloc_min (sanity_check_meminfo()).\n",
		       l->rules->versions);
	else
		printk("  Linux %s sets one limit for all of memory (adjust_lowmem_bounds()).\n",
		       l->rules->versions);
	if (l->lowmem_limit < limit_pa)
		printk("  The RAM ends first: all of the lowmem banks fit below vmalloc_min.\n");
	else
		printk("  RAM from 0x%s on does not fit: %s.\n", phys_hex(a, limit_pa),
		       l->highmem_config ? "it is highmem (highmem=on: CONFIG_HIGHMEM)" :
		       "without highmem it is dropped (the Truncating/Ignoring line; highmem=on keeps it as highmem)");
	printk("  high_memory = __va(the end of lowmem) = 0x%08" PRIx32 "\n", l->high_memory);
}

/* ---- highmem and the banks the decision changed ---- */

static const char *removed_text(enum removed_why why)
{
	switch (why) {
	case REMOVED_TRUNCATED:
		return "truncated: the bank reached past vmalloc_min and there is no highmem";
	case REMOVED_IGNORED_OVERLAP:
		return "ignored: the whole bank lies past vmalloc_min (vmalloc region overlap)";
	case REMOVED_IGNORED_NO_HIGHMEM:
		return "ignored: above the lowmem limit, and there is no highmem";
	case REMOVED_IGNORED_NR_BANKS:
		return "ignored: splitting the bank for highmem needed more than NR_BANKS banks";
	case REMOVED_IGNORED_ABOVE_4G:
		return "ignored: past 32 bits a bank can only be highmem, and there is none";
	}
	return "removed";
}

static void explain_highmem(const struct boot_config *bc, const struct layout *l)
{
	char a[17], e[17], s[24];
	uint64_t high = ram_total(&l->mi) - lowmem_total(l);

	(void)bc;
	printk("Highmem is the RAM past lowmem's end: the kernel has no permanent mapping for it and reaches\n"
	       "a frame only through kmap (pkmap), kmap_atomic (fixmap) or vmalloc. This boot: %s%s.\n",
	       l->highmem_config ? "highmem=on (CONFIG_HIGHMEM), " : "highmem off, so none",
	       l->highmem_config ? size_text(s, high) : "");
	for (int i = 0; i < l->mi.nr_banks; i++) {
		const struct membank *b = &l->mi.bank[i];

		printk("  0x%s-0x%s %10s  %s\n", phys_hex(a, b->start), phys_hex(e, bank_end(b) - 1),
		       size_text(s, b->size), b->highmem ? "highmem" : "lowmem");
	}
	for (int i = 0; i < l->nr_removed; i++) {
		const struct layout_removed *r = &l->removed[i];

		printk("  0x%s-0x%s %10s  %s\n", phys_hex(a, r->start), phys_hex(e, r->end - 1),
		       size_text(s, r->end - r->start), removed_text(r->why));
	}
	if (!l->highmem_config && l->nr_removed)
		printk("  With highmem=on the RAM dropped here would be kept as highmem.\n");
	if (l->lpae)
		printk("  LPAE: physical addresses have 40 bits, so RAM past 4 GB is highmem like the rest.\n");
}

/* ---- vmalloc: VMALLOC_START from high_memory ---- */

static void explain_vmalloc(const struct boot_config *bc, const struct layout *l)
{
	uint32_t want = (l->high_memory + VMALLOC_OFFSET) & ~(VMALLOC_OFFSET - 1);
	char s[24];

	printk("The vmalloc area: virtually contiguous mappings of any frames (vmalloc, ioremap), each area\n"
	       "followed by an unmapped guard page.\n");
	printk("  high_memory       0x%08" PRIx32 "  the end of lowmem\n", l->high_memory);
	printk("+ VMALLOC_OFFSET    %10s  then rounded down to 8 MB\n", size_text(s, VMALLOC_OFFSET));
	printk("= VMALLOC_START     0x%08" PRIx32 "  a stray pointer just past lowmem lands in unmapped space\n", want);
	printk("  VMALLOC_END       0x%08" PRIx32 "\n", bc->vmalloc_end);
	printk("= usable            %10s  from VMALLOC_START to VMALLOC_END\n",
	       size_text(s, (uint64_t)bc->vmalloc_end - want));
	if (l->vmalloc_start != want && !l->nr_vm_holes)
		printk("  (the decision differs: VMALLOC_START 0x%08" PRIx32 ")\n", l->vmalloc_start);
	if (l->nr_vm_holes)
		printk("  reclaim=vmalloc-saving also gives vmalloc the lowmem addresses of %d hole(s) between banks.\n",
		       l->nr_vm_holes);
	if (l->io_end > l->io_base)
		printk("  The static IO map takes 0x%08" PRIx32 "-0x%08" PRIx32 "%s.\n", l->io_base, l->io_end - 1,
		       l->rules->vmalloc_end_is_platform ? ", above VMALLOC_END" : " at the top of it, from 3.3 on");
}

/* ---- the fixed regions: what each is for and where this era puts it ---- */

struct region_topic {
	const char *topic;
	enum region id;
	const char *what;
	const char *absent;	/* said when this layout has none */
};

static const struct region_topic region_topics[] = {
	{ "modules", REGION_MODULES,
	  "loadable modules, in the 16 MB below PAGE_OFFSET so that a branch (+-32 MB) reaches the kernel's text",
	  "no modules area" },
	{ "pkmap", REGION_PKMAP,
	  "kmap()'s window: 512 slots of 4 KB (one page table) just below PAGE_OFFSET for highmem frames, flushed all at once when the slots wrap",
	  "no pkmap: it exists only with highmem (highmem=on)" },
	{ "fixmap", REGION_FIXMAP,
	  "slots at addresses fixed at build time, each mapped on demand to any frame: kmap_atomic, the early console",
	  "no fixmap" },
	{ "vector", REGION_VECTORS,
	  "the exception vectors at 0xffff0000 (SCTLR.V = 1: high vectors), read-only; from 3.11 a stubs page follows at 0xffff1000",
	  "no vector page" },
	{ "dma", REGION_DMA,
	  "the consistent DMA region: uncached memory for devices, at the top below the fixmap (before CMA replaced it)",
	  "no DMA region: this era takes such buffers from CMA, which vmsplit does not model" },
	{ "iomap", REGION_STATIC_IO,
	  "the static IO map: device registers mapped once at boot at fixed addresses (iotable_init)",
	  "no static IO map" },
};

/* The first region of a kind at any depth (the static IO map lies inside
 * vmalloc from 3.3 on, so layout_find_region(), which skips nested ones,
 * would not see it). */
static const struct region_span *first_of(const struct layout *l, enum region id)
{
	for (int i = 0; i < l->nr_regions; i++)
		if (l->region[i].id == id)
			return &l->region[i];
	return NULL;
}

static void explain_region(const struct layout *l, const struct region_topic *t)
{
	const struct region_span *sp = first_of(l, t->id);
	char s[24];

	printk("%s: %s.\n", t->topic, t->what);
	if (!sp) {
		printk("  This layout has %s.\n", t->absent);
		return;
	}
	printk("  Here 0x%08" PRIx32 "-0x%08" PRIx32 " (%s), with Linux %s's rules.\n", sp->start,
	       (uint32_t)(sp->end - 1), size_text(s, sp->end - sp->start), l->rules->versions);
}

/* ---- the split ---- */

static void explain_split(const struct boot_config *bc, const struct layout *l)
{
	char s[24], t[24];
	uint32_t task_size = l->page_offset - SZ_16M;

	(void)bc;
	printk("VMSPLIT_%s: PAGE_OFFSET 0x%08" PRIx32 ". User space gets 0-0x%08" PRIx32 " (TASK_SIZE, %s),\n"
	       "the kernel the rest: modules, lowmem, vmalloc and the fixed regions.\n",
	       split_name(l->page_offset) ? split_name(l->page_offset) : "?", l->page_offset, task_size - 1,
	       size_text(s, task_size));
	printk("  Lowmem can be at most vmalloc_min - PAGE_OFFSET = %s here. A lower PAGE_OFFSET gives the\n"
	       "  linear map more room and every task less; with this vmalloc space (vmalloc_min 0x%08" PRIx32 "):\n",
	       size_text(s, (uint64_t)l->vmalloc_min - l->page_offset), l->vmalloc_min);
	static const uint32_t splits[] = { 0xc0000000u, 0xb0000000u, 0x80000000u, 0x40000000u };

	for (size_t i = 0; i < ARRAY_SIZE(splits); i++) {
		uint32_t po = splits[i];

		/* 3G_OPT: an era that offers it, and never with LPAE. */
		if (po == 0xb0000000u && (!l->rules->has_3g_opt || l->lpae))
			continue;
		printk("    VMSPLIT_%-6s PAGE_OFFSET 0x%08" PRIx32 "  lowmem up to %s, user space %s%s\n",
		       split_name(po), po, size_text(s, (uint64_t)l->vmalloc_min - po),
		       size_text(t, (uint64_t)po - SZ_16M), po == l->page_offset ? "  (this kernel)" : "");
	}
	if (l->lpae)
		printk("  LPAE: TTBR1 translates from 0x%08" PRIx32 "%s.\n", (uint32_t)l->ttbr.ttbr1_start,
		       l->ttbr.ttbr1_start >> 32 ? " on: nothing (TTBR0 holds all 4 GB)" : " on");
}

/* ---- fixes: the same board decided again with one thing changed ---- */

static struct boot_config what_if_bc;
static struct layout what_if;

static uint64_t removed_total(const struct layout *l)
{
	uint64_t t = 0;

	for (int i = 0; i < l->nr_removed; i++)
		t += l->removed[i].end - l->removed[i].start;
	return t;
}

/* One row: the change, lowmem, highmem and what was dropped after it,
 * then what it costs. */
static void fix_row(const char *change, const struct layout *base, const struct layout *l,
		    const char *cost)
{
	char lo[24], hi[24], dr[24], dl[24];
	int64_t gain = (int64_t)lowmem_total(l) - (int64_t)lowmem_total(base);

	size_text(dl, (uint64_t)(gain < 0 ? -gain : gain));
	printk("  %-22s lowmem %8s (%s%s)  highmem %8s  dropped %8s\n", change, size_text(lo, lowmem_total(l)),
	       gain < 0 ? "-" : "+", dl, size_text(hi, ram_total(&l->mi) - lowmem_total(l)),
	       size_text(dr, removed_total(l)));
	printk("  %-22s   %s\n", "", cost);
}

static void explain_fixes(const struct boot_config *bc, const struct layout *l)
{
	static const uint32_t splits[] = { 0xc0000000u, 0xb0000000u, 0x80000000u, 0x40000000u };
	char s[24], t[24], buf[128];
	uint64_t dropped = removed_total(l), high = ram_total(&l->mi) - lowmem_total(l);

	printk("The fixes a board has for RAM that is not lowmem (here %s dropped, %s highmem), each this\n"
	       "configuration decided again with one change:\n", size_text(s, dropped), size_text(t, high));
	if (!dropped && !high) {
		printk("  none needed: all %s of RAM is lowmem\n", size_text(s, lowmem_total(l)));
		return;
	}
	if (!bc->highmem) {
		what_if_bc = *bc;
		what_if_bc.highmem = true;
		layout_decide_quiet(&what_if_bc, &what_if);
		fix_row("highmem=on", l, &what_if,
			"the rest is reached only through kmap, kmap_atomic or vmalloc; pkmap takes the top 2 MB of modules");
	}
	if (!bc->vmalloc_set || bc->vmalloc_reserve > SZ_16M) {
		what_if_bc = *bc;
		what_if_bc.vmalloc_set = true;
		what_if_bc.vmalloc_reserve = SZ_16M;
		layout_decide_quiet(&what_if_bc, &what_if);
		fix_row("vmalloc=16M", l, &what_if,
			"16 MB of vmalloc space (the least Linux takes) for every vmalloc, ioremap and module's data");
	}
	for (size_t i = 0; i < ARRAY_SIZE(splits); i++) {
		const struct split_info *si = split_info_of(splits[i]);

		if (splits[i] == l->page_offset || !si || (l->lpae && !si->lpae_ok) ||
		    (splits[i] == 0xb0000000u && !l->rules->has_3g_opt))
			continue;
		what_if_bc = *bc;
		what_if_bc.page_offset = splits[i];
		layout_decide_quiet(&what_if_bc, &what_if);
		snprintf(buf, sizeof(buf), "user space %s instead of %s (a kernel built for it: VMSPLIT=%s)",
			 size_text(s, (uint64_t)splits[i] - SZ_16M), size_text(t, (uint64_t)l->page_offset - SZ_16M),
			 si->name);
		snprintf(t, sizeof(t), "VMSPLIT_%s", si->name);
		fix_row(t, l, &what_if, buf);
	}
	/* 2.6.36: VMALLOC_END was the platform's (seed 000's fix): as high as
	 * the static IO map above it and the DMA region still allow. */
	if (l->rules->vmalloc_end_is_platform) {
		uint32_t top = (l->rules->consistent_end ? l->rules->consistent_end - bc->dma_size : l->rules->fixmap_start) -
			       IO_WINDOW_SIZE;

		/* The lowest VMALLOC_END that keeps all of RAM below vmalloc_min
		 * (seed 000's board: 0xe8000000), at most that top. */
		uint64_t ram_end = bank_end(&bc->mi.bank[bc->mi.nr_banks - 1]);
		uint64_t want = (uint64_t)l->page_offset + (ram_end - l->phys_offset) + l->rules->vmalloc_default +
				l->rules->default_gap;

		top &= ~(VMALLOC_OFFSET - 1);
		want = (want + VMALLOC_OFFSET - 1) & ~(uint64_t)(VMALLOC_OFFSET - 1);
		if (want < top)
			top = (uint32_t)want;
		if (top > bc->vmalloc_end) {
			what_if_bc = *bc;
			what_if_bc.vmalloc_end = top;
			layout_decide_quiet(&what_if_bc, &what_if);
			snprintf(buf, sizeof(buf), "the platform's choice (mach/vmalloc.h); its static IO map moves up with it, "
				 "to 0x%08" PRIx32 "-0x%08" PRIx32, top, top + IO_WINDOW_SIZE - 1);
			snprintf(t, sizeof(t), "vmalloc_end=0x%08" PRIx32, top);
			fix_row(t, l, &what_if, buf);
		}
	}
	/* msm-3.4's Virtual Memory Reclaim, for banks with holes between them. */
	if (l->rules->lowmem == LOWMEM_SANITY_CHECK_MEMINFO && !l->rules->vmalloc_end_is_platform &&
	    bc->mi.nr_banks > 1 && bc->reclaim == RECLAIM_NONE) {
		what_if_bc = *bc;
		what_if_bc.reclaim = RECLAIM_DONT_MAP_HOLE;
		layout_decide_quiet(&what_if_bc, &what_if);
		fix_row("reclaim=dont-map-hole", l, &what_if,
			"__va/__pa bend around the largest hole in the first 256 MB (msm's DONT_MAP_HOLE_AFTER_MEMBANK0)");
		what_if_bc.reclaim = RECLAIM_VMALLOC_SAVING;
		layout_decide_quiet(&what_if_bc, &what_if);
		fix_row("reclaim=vmalloc-saving", l, &what_if,
			"the holes' linear addresses become vmalloc space (msm's ENABLE_VMALLOC_SAVING)");
	}
}

/* ---- the list ---- */

static void list_topics(void)
{
	printk("explain TOPIC:\n"
	       "  lowmem   why lowmem ends where it does, step by step\n"
	       "  highmem  which RAM is highmem, truncated or ignored, and why\n"
	       "  vmalloc  where the vmalloc area starts and ends\n"
	       "  split    what the user/kernel split gives and takes\n"
	       "  fixes    what highmem=on, vmalloc=, another split, VMALLOC_END or msm's reclaim would give here\n"
	       "  modules, pkmap, fixmap, vector, dma, iomap: what the region is for and where it is\n");
}

int layout_explain(const struct boot_config *bc, const struct layout *l, const char *topic)
{
	if (!topic || !*topic) {
		list_topics();
		return 0;
	}
	if (!strcmp(topic, "lowmem"))
		explain_lowmem(bc, l);
	else if (!strcmp(topic, "highmem"))
		explain_highmem(bc, l);
	else if (!strcmp(topic, "vmalloc"))
		explain_vmalloc(bc, l);
	else if (!strcmp(topic, "split"))
		explain_split(bc, l);
	else if (!strcmp(topic, "fixes"))
		explain_fixes(bc, l);
	else {
		for (size_t i = 0; i < ARRAY_SIZE(region_topics); i++)
			if (!strcmp(topic, region_topics[i].topic)) {
				explain_region(l, &region_topics[i]);
				return 0;
			}
		printk("explain: no topic '%s'\n", topic);
		list_topics();
		return -1;
	}
	return 0;
}
