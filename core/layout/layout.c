/*
 * Deciding the layout: where lowmem ends and where every region of the
 * kernel's virtual address space lies.
 *
 * The inputs are the sorted banks and the rule set; the output is a
 * struct layout from which the kernel builds its page tables and prints
 * its boot report.  Only arithmetic happens here.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "layout.h"
#include "page_alloc.h"	/* mem_map_size() */
#include "printk.h"
#include "sizes.h"

#define PMD_SIZE	SZ_2M	/* Linux pairs two 1 MB entries into one pmd */

/* layout_decide_quiet(): the same decision with its lines unsaid, for the
 * questions explain asks ("and with vmalloc=16M?").  Every line the
 * decision prints goes through say(). */
static bool quiet;
#define say(...)	(quiet ? 0 : printk(__VA_ARGS__))

/* Banks given twice (mem=512M mem=512M) would be counted twice by Linux's
 * meminfo; vmsplit merges them and says so. */
static void merge_overlaps(struct meminfo *mi)
{
	char a[17], b[17];

	for (int i = 1; i < mi->nr_banks; i++) {
		struct membank *prev = &mi->bank[i - 1], *cur = &mi->bank[i];

		if (cur->start >= bank_end(prev))
			continue;
		say("vmsplit: banks at 0x%s and 0x%s overlap; merged\n",
		       phys_hex(a, prev->start), phys_hex(b, cur->start));
		if (bank_end(cur) > bank_end(prev))
			prev->size = bank_end(cur) - prev->start;
		meminfo_remove(mi, i);
		i--;
	}
}

/* What the decision takes out, kept for layout_classify_pa(). */
static void record_removed(struct layout *l, phys_addr_t start, phys_addr_t end,
			   enum removed_why why)
{
	if (end > start && l->nr_removed < (int)ARRAY_SIZE(l->removed))
		l->removed[l->nr_removed++] = (struct layout_removed){ start, end, why };
}

/* ---- 2.6.36-3.x: sanity_check_meminfo() ---- */

static void print_bank_message(const char *verb, const struct membank *b,
			       const char *tail)
{
	char a[17], e[17];

	say("%s RAM at %s-%s%s\n", verb, phys_hex(a, b->start),
	       phys_hex(e, bank_end(b) - 1), tail);
}

/*
 * With CONFIG_HIGHMEM a bank crossing vmalloc_min is split in two; the
 * upper part and every bank after it are highmem.  When the split would
 * need a ninth bank the upper part is dropped, as Linux drops it.
 */
static void check_bank_highmem(struct layout *l, int *i, bool *highmem)
{
	struct membank *bank = &l->mi.bank[*i];
	uint32_t va = layout_va(l, bank->start);

	/* LPAE: a bank that starts past 32 bits has no __va at all (it
	 * would wrap), so it is highmem whatever its wrapped address says. */
	if (bank->start > (phys_addr_t)UINT32_MAX || va >= l->vmalloc_min || va < l->page_offset)
		*highmem = true;
	bank->highmem = *highmem;

	if (*highmem || bank->size <= l->vmalloc_min - va)
		return;
	struct membank upper = {
		.start = layout_pa(l, l->vmalloc_min - 1) + 1,
		.size = bank->size - (l->vmalloc_min - va),
		.highmem = true,
	};
	bank->size = l->vmalloc_min - va;
	if (!meminfo_insert(&l->mi, *i + 1, &upper)) {
		say("NR_BANKS too low, ignoring high memory\n");
		record_removed(l, upper.start, upper.start + upper.size, REMOVED_IGNORED_NR_BANKS);
		return;
	}
	(*i)++;			/* the new upper half is already decided */
	*highmem = true;
}

/* Without CONFIG_HIGHMEM: keep, truncate or drop.  Returns false to drop. */
static bool check_bank_lowmem(struct layout *l, struct membank *bank, bool *highmem)
{
	uint32_t va = layout_va(l, bank->start);
	/* Where the bank's end falls in the linear map, without wrapping: a
	 * bank of 4 GB or more (LPAE) would wrap to its own start.  3.4's own
	 * test, __va(start + size) < __va(start), misses exactly that (a 4 GB
	 * bank stays whole, lowmem past VMALLOC_END); 3.5 tests the last byte
	 * instead and truncates it, as here. */
	uint64_t va_end = (uint64_t)va + bank->size;

	/* LPAE: past 32 bits a bank is highmem, and without highmem it goes
	 * (Linux 3.x: "Highmem banks not allowed with !CONFIG_HIGHMEM"). */
	if (bank->start > (phys_addr_t)UINT32_MAX)
		*highmem = true;
	if (*highmem) {
		print_bank_message("Ignoring", bank, " (!CONFIG_HIGHMEM).");
		record_removed(l, bank->start, bank_end(bank), REMOVED_IGNORED_ABOVE_4G);
		return false;
	}
	if (va >= l->vmalloc_min || va < l->page_offset) {
		print_bank_message("Ignoring", bank, " (vmalloc region overlap).");
		record_removed(l, bank->start, bank_end(bank), REMOVED_IGNORED_OVERLAP);
		return false;
	}
	/* Partly over vmalloc_min, or so big its end passes 4 GB. */
	if (va_end > l->vmalloc_min) {
		char a[17], e[17], t[17];
		phys_addr_t newsize = l->vmalloc_min - va;

		say("Truncating RAM at %s-%s to -%s (vmalloc region overlap).\n",
		       phys_hex(a, bank->start), phys_hex(e, bank_end(bank) - 1),
		       phys_hex(t, bank->start + newsize - 1));
		record_removed(l, bank->start + newsize, bank_end(bank), REMOVED_TRUNCATED);
		bank->size = newsize;
	}
	return true;
}

static void sanity_check_meminfo(struct layout *l)
{
	bool highmem = false;

	l->lowmem_limit = 0;
	for (int i = 0; i < l->mi.nr_banks; i++) {
		struct membank *bank = &l->mi.bank[i];

		if (l->highmem_config) {
			check_bank_highmem(l, &i, &highmem);
		} else if (!check_bank_lowmem(l, bank, &highmem)) {
			meminfo_remove(&l->mi, i--);
			continue;
		}
		if (!bank->highmem && bank_end(bank) > l->lowmem_limit)
			l->lowmem_limit = bank_end(bank);
	}
}

/* ---- 4.x and later: adjust_lowmem_bounds() ---- */

static phys_addr_t lowmem_limit_below(const struct meminfo *mi,
				      phys_addr_t vmalloc_limit,
				      phys_addr_t *memblock_limit)
{
	phys_addr_t lowmem_limit = 0;

	*memblock_limit = 0;
	for (int i = 0; i < mi->nr_banks; i++) {
		const struct membank *b = &mi->bank[i];

		if (b->start >= vmalloc_limit)
			continue;
		if (bank_end(b) > lowmem_limit)
			lowmem_limit = bank_end(b) < vmalloc_limit ?
				       bank_end(b) : vmalloc_limit;
		/* memblock allocations must stay below the first address
		 * that is not 2 MB aligned: it may not be mapped yet. */
		if (!*memblock_limit) {
			if (b->start % PMD_SIZE)
				*memblock_limit = b->start;
			else if (bank_end(b) % PMD_SIZE)
				*memblock_limit = lowmem_limit;
		}
	}
	if (!*memblock_limit)
		*memblock_limit = lowmem_limit;
	*memblock_limit = ALIGN_DOWN(*memblock_limit, (phys_addr_t)PMD_SIZE);
	return lowmem_limit;
}

/* Cut the banks at 'limit': drop (or, with highmem, flag) what is above. */
static void split_banks_at(struct layout *l, phys_addr_t limit, bool keep_above)
{
	struct meminfo *mi = &l->mi;

	for (int i = 0; i < mi->nr_banks; i++) {
		struct membank *b = &mi->bank[i];

		if (b->start >= limit) {
			if (!keep_above) {
				record_removed(l, b->start, bank_end(b), REMOVED_IGNORED_NO_HIGHMEM);
				meminfo_remove(mi, i--);
				continue;
			}
			b->highmem = true;
		} else if (bank_end(b) > limit) {
			struct membank upper = { limit, bank_end(b) - limit, true };

			b->size = limit - b->start;
			if (!keep_above) {
				record_removed(l, limit, bank_end(&upper), REMOVED_IGNORED_NO_HIGHMEM);
			} else if (!meminfo_insert(mi, i + 1, &upper)) {
				say("NR_BANKS too low, ignoring high memory\n");
				record_removed(l, limit, bank_end(&upper), REMOVED_IGNORED_NR_BANKS);
			}
		}
	}
}

static void adjust_lowmem_bounds(struct layout *l)
{
	/* __pa(vmalloc_min) without wrapping: it may lie past 4 GB. */
	phys_addr_t vmalloc_limit = (phys_addr_t)l->vmalloc_min -
				    l->page_offset + l->phys_offset;
	phys_addr_t memblock_limit, end;

	if (l->mi.nr_banks == 0)
		return;
	l->lowmem_limit = lowmem_limit_below(&l->mi, vmalloc_limit,
					     &memblock_limit);
	end = bank_end(&l->mi.bank[l->mi.nr_banks - 1]);

	if (!l->highmem_config && end > l->lowmem_limit) {
		char a[17], e[17];

		/* %pa: a phys_addr_t in full, 8 digits, or 16 under LPAE. */
		if (l->lpae)
			say("Ignoring RAM at 0x%08" PRIx32 "%08" PRIx32 "-0x%08" PRIx32 "%08" PRIx32 "\n",
			       (uint32_t)(memblock_limit >> 32), (uint32_t)memblock_limit,
			       (uint32_t)(end >> 32), (uint32_t)end);
		else
			say("Ignoring RAM at 0x%s-0x%s\n", phys_hex(a, memblock_limit),
			       phys_hex(e, end));
		say("Consider using a HIGHMEM enabled kernel.\n");
		split_banks_at(l, memblock_limit, false);
		/* setup_arch() runs the bounds again on what is left. */
		l->lowmem_limit = lowmem_limit_below(&l->mi, vmalloc_limit,
						     &memblock_limit);
	}
	/* Zones are counted in page frames: the page holding an unaligned
	 * limit is highmem (max_low_pfn rounds down). */
	split_banks_at(l, ALIGN_DOWN(l->lowmem_limit, (phys_addr_t)PAGE_SIZE), true);
}

/* ---- the regions ---- */

const struct region_kind region_kinds[NR_REGION_KINDS] = {
#define REGION_KIND(id, name, box, line, label, kb) \
	[REGION_##id] = { REGION_##id, name, box, line, label, kb },
	LAYOUT_REGIONS(REGION_KIND)
#undef REGION_KIND
};

/* One region where the decision puts it, in any order; finish_regions()
 * sorts and nests them.  An empty one is no region. */
static bool place(struct layout *l, enum region id, uint32_t start, uint64_t end)
{
	if (end <= start)
		return false;
	if (l->nr_regions == LAYOUT_MAX_REGIONS) {
		say("vmsplit: more than %d regions; %s left out\n", LAYOUT_MAX_REGIONS, region_kinds[id].name);
		return false;
	}
	l->region[l->nr_regions++] = (struct region_span){
		.id = id, .kind = &region_kinds[id], .start = start, .end = end, .order = -1,
	};
	return true;
}

static void trim_vm_holes(struct layout *l);

/* Inside [PAGE_OFFSET, high_memory): is there a whole page of lowmem RAM? */
static enum region lowmem_kind(const struct layout *l, uint32_t va)
{
	phys_addr_t page = layout_pa(l, va & ~(PAGE_SIZE - 1));

	if (layout_is_lowmem_ram(l, page) && layout_is_lowmem_ram(l, page + PAGE_SIZE - 1))
		return REGION_LOWMEM;
	if (layout_is_lowmem_ram(l, page))
		return REGION_LOWMEM_PARTIAL_PAGE;
	return layout_is_ram(l, page) ? REGION_LOWMEM_HIGHMEM : REGION_LOWMEM_HOLE;
}

static void sort_u32(uint32_t *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint32_t t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

/*
 * The linear map's range holds more than lowmem RAM: the last page of a
 * bank that ends inside it, RAM that is highmem, no RAM at all.  A page's
 * kind changes only at a bank's edge (the page holding it and the next),
 * at the bend of a skipped hole and at a vmalloc-saving hole's ends, so
 * each run between those edges is looked at once; the runs that are not
 * whole pages of lowmem RAM, nor vmalloc, become regions inside lowmem.
 */
static void place_lowmem_pieces(struct layout *l, uint32_t lo, uint32_t hi)
{
	uint32_t edge[4 + 6 * NR_BANKS];
	int n = 0;
	struct region_span *last = NULL;

	edge[n++] = lo;
	edge[n++] = hi;
	if (l->hole_end)
		edge[n++] = layout_hole_va(l);
	for (int i = 0; i < l->mi.nr_banks; i++) {
		uint32_t s = layout_va(l, l->mi.bank[i].start), e = layout_va(l, bank_end(&l->mi.bank[i]));

		edge[n++] = s & ~(PAGE_SIZE - 1);
		edge[n++] = ALIGN_UP(s, PAGE_SIZE);
		edge[n++] = e & ~(PAGE_SIZE - 1);
		edge[n++] = ALIGN_UP(e, PAGE_SIZE);
	}
	for (int i = 0; i < l->nr_vm_holes; i++) {
		edge[n++] = l->vm_hole[i].start;
		edge[n++] = l->vm_hole[i].end;
	}
	sort_u32(edge, n);
	for (int i = 0; i + 1 < n; i++) {
		uint32_t s = edge[i], e = edge[i + 1];
		enum region k;

		if (s < lo || e > hi || s == e || layout_in_vm_hole(l, s))
			continue;
		k = lowmem_kind(l, s);
		if (k == REGION_LOWMEM)
			continue;
		if (last && last->id == k && last->end == s) {
			last->end = e;	/* the same kind goes on */
			continue;
		}
		last = place(l, k, s, e) ? &l->region[l->nr_regions - 1] : NULL;
	}
}

/* Sorted by start, the larger first where two start together (the outer
 * one), else in the order placed. */
static bool goes_before(const struct region_span *a, const struct region_span *b)
{
	return a->start < b->start || (a->start == b->start && a->end > b->end);
}

static void sort_regions(struct layout *l)
{
	for (int i = 1; i < l->nr_regions; i++)
		for (int j = i; j > 0 && goes_before(&l->region[j], &l->region[j - 1]); j--) {
			struct region_span t = l->region[j];

			l->region[j] = l->region[j - 1];
			l->region[j - 1] = t;
		}
}

static void drop_region(struct layout *l, int i)
{
	memmove(&l->region[i], &l->region[i + 1], (size_t)(l->nr_regions - i - 1) * sizeof(l->region[0]));
	l->nr_regions--;
}

/*
 * Sort, nest, fill the gaps with unused space, and say which table line
 * prints what.  Regions may nest, not cross: one that crosses another's
 * edge is a fault of the decision, reported and left out, so that every
 * address still has exactly one deepest region.
 */
static void finish_regions(struct layout *l)
{
	int stack[8], depth = 0, n;
	uint64_t at = 0;

	sort_regions(l);
	for (int i = 0; i < l->nr_regions; i++) {
		struct region_span *r = &l->region[i];

		while (depth && l->region[stack[depth - 1]].end <= r->start)
			depth--;
		if ((depth && r->end > l->region[stack[depth - 1]].end) || depth == (int)ARRAY_SIZE(stack)) {
			say("vmsplit: region %s 0x%08" PRIx32 "-0x%08" PRIx32 " crosses %s; left out\n",
			       r->kind->name, r->start, (uint32_t)(r->end - 1), l->region[stack[depth - 1]].kind->name);
			drop_region(l, i--);
			continue;
		}
		r->depth = (uint8_t)depth;
		stack[depth++] = i;
	}
	n = l->nr_regions;
	for (int i = 0; i < n; i++) {
		if (l->region[i].depth)
			continue;
		place(l, REGION_UNUSED, (uint32_t)at, l->region[i].start);
		at = l->region[i].end;
	}
	if (at < (uint64_t)1 << 32)
		place(l, REGION_UNUSED, (uint32_t)at, (uint64_t)1 << 32);
	sort_regions(l);
	for (int i = 0; i < l->nr_regions; i++) {
		struct region_span *r = &l->region[i];

		for (int j = 0; r->kind->line != LINE_END && !r->depth && l->rules->table[j] != LINE_END; j++)
			if (l->rules->table[j] == r->kind->line)
				r->order = (int8_t)j;
	}
}

static uint32_t start_of(const struct layout *l, enum region r)
{
	const struct region_span *s = layout_find_region(l, r);

	return s ? s->start : 0;
}

static uint32_t end_of(const struct layout *l, enum region r)
{
	const struct region_span *s = layout_find_region(l, r);

	return s ? (uint32_t)s->end : 0;
}

/* The fields of struct layout that name bounds, all read from region[]. */
static void name_bounds(struct layout *l)
{
	l->modules_vaddr = start_of(l, REGION_MODULES);
	l->modules_end = end_of(l, REGION_MODULES);
	l->pkmap_base = start_of(l, REGION_PKMAP);
	l->vmalloc_start = start_of(l, REGION_VMALLOC);
	l->vmalloc_end = end_of(l, REGION_VMALLOC);
	l->consistent_base = start_of(l, REGION_DMA);
	l->consistent_end = end_of(l, REGION_DMA);
	l->fixmap_start = start_of(l, REGION_FIXMAP);
	l->fixmap_end = end_of(l, REGION_FIXMAP);
}

/*
 * Where every region lies.  Adding a region is one place() here (and a
 * row of LAYOUT_REGIONS in layout.h); lookups, range checks, the table,
 * ptdump's headers and the picture follow from region[].
 */
static void place_regions(const struct boot_config *bc, struct layout *l)
{
	const struct vm_rules *r = bc->rules;
	uint32_t po = l->page_offset, modules = po - SZ_16M, pkmap = po - SZ_2M;
	uint32_t vmalloc_start, vmalloc_end = bc->vmalloc_end;

	l->high_memory = layout_va(l, l->lowmem_limit - 1) + 1;
	trim_vm_holes(l);
	/* VMALLOC_START: the next 8 MB boundary at least 8 MB past lowmem,
	 * so a stray pointer just past lowmem hits unmapped space. */
	vmalloc_start = (l->high_memory + VMALLOC_OFFSET) & ~(VMALLOC_OFFSET - 1);
	/* Static IO: above VMALLOC_END while platforms chose VMALLOC_END
	 * (that was the point of choosing it); from 3.3 on inside the
	 * vmalloc area, at its top, reserved from vmalloc. */
	l->io_base = r->vmalloc_end_is_platform ? vmalloc_end : vmalloc_end - IO_WINDOW_SIZE;
	l->io_end = l->io_base + IO_WINDOW_SIZE;

	l->nr_regions = 0;
	/* TASK_SIZE = MODULES_VADDR: modules sit in the 16 MB below the
	 * kernel so that a 32 MB "bl" reaches the kernel's text; with
	 * highmem, pkmap takes the top 2 MB of them. */
	place(l, REGION_USER, 0, modules);
	place(l, REGION_MODULES, modules, l->highmem_config ? pkmap : po);
	if (l->highmem_config)
		place(l, REGION_PKMAP, pkmap, po);
	place(l, REGION_LOWMEM, po, l->high_memory);
	for (int i = 0; i < l->nr_vm_holes; i++)
		place(l, REGION_VMALLOC, l->vm_hole[i].start > po ? l->vm_hole[i].start : po,
		      l->vm_hole[i].end);
	place_lowmem_pieces(l, po, l->high_memory);
	place(l, REGION_PAST_LOWMEM, l->high_memory, vmalloc_start);
	place(l, REGION_VMALLOC, vmalloc_start, vmalloc_end);
	/* Before 3.3 above vmalloc; after, the part of the window vmalloc
	 * holds (with vmalloc=16M the window starts in the gap below it). */
	if (r->vmalloc_end_is_platform)
		place(l, REGION_STATIC_IO, l->io_base, l->io_end);
	else
		place(l, REGION_STATIC_IO, l->io_base > vmalloc_start ? l->io_base : vmalloc_start, l->io_end);
	if (r->consistent_end)
		place(l, REGION_DMA, r->consistent_end - bc->dma_size, r->consistent_end);
	place(l, REGION_FIXMAP, r->fixmap_start, r->fixmap_end);
	place(l, REGION_VECTORS, VECTORS_BASE, VECTORS_BASE + PAGE_SIZE);
	if (r->vector_stubs)
		place(l, REGION_VECTOR_STUBS, VECTORS_BASE + PAGE_SIZE, VECTORS_BASE + 2 * PAGE_SIZE);
	finish_regions(l);
	name_bounds(l);
}

/*
 * DONT_MAP_HOLE_AFTER_MEMBANK0: the largest hole between banks that starts
 * in the first 256 MB of RAM is left out of the linear map, so the RAM
 * after it gets the virtual addresses the hole would have used.  The
 * bend must fall on a section boundary: both ends 1 MB aligned.
 */
static void choose_hole(struct layout *l)
{
	phys_addr_t best = 0;

	for (int i = 0; i + 1 < l->mi.nr_banks; i++) {
		phys_addr_t s = bank_end(&l->mi.bank[i]), e = l->mi.bank[i + 1].start;

		if (e > s && s < l->phys_offset + SZ_256M && e - s > best) {
			best = e - s;
			l->hole_start = s;
			l->hole_end = e;
		}
	}
	if (!best) {
		say("vmsplit: reclaim=dont-map-hole: no hole between banks in the first 256 MB; the linear map stays straight\n");
		return;
	}
	char a[17], e[17], h[17];

	if ((l->hole_start | l->hole_end) & (SZ_1M - 1)) {
		say("vmsplit: reclaim=dont-map-hole: hole 0x%s-0x%s is not 1 MB aligned; the linear map stays straight\n",
		       phys_hex(a, l->hole_start), phys_hex(e, l->hole_end - 1));
		l->hole_start = l->hole_end = 0;
		return;
	}
	say("vmsplit: reclaim=dont-map-hole: 0x%s-0x%s (%" PRIu32 " MB) is not mapped; "
	       "from 0x%s on, __va(p) = p - 0x%s + 0x%08" PRIx32 "\n",
	       phys_hex(a, l->hole_start), phys_hex(e, l->hole_end - 1),
	       (uint32_t)((l->hole_end - l->hole_start) >> 20), phys_hex(h, l->hole_end),
	       phys_hex(h, l->hole_end), layout_hole_va(l));
}

/*
 * ENABLE_VMALLOC_SAVING: every hole between banks that starts in the first
 * 256 MB keeps its place in the linear map, but as vmalloc space, and
 * vmalloc_min moves up by its size: the holes' virtual addresses are not
 * wasted, so more RAM fits below vmalloc_min.
 */
static void save_holes_for_vmalloc(struct layout *l, uint32_t vmalloc_end)
{
	/* The top vmalloc area keeps at least vmalloc='s 16 MB minimum: more
	 * holes than that would push lowmem past VMALLOC_END (the fuzzer
	 * found it), and msm's code does not guard against it. */
	uint32_t highest = vmalloc_end - VMALLOC_OFFSET - SZ_16M, wanted = 0;

	for (int i = 0; i + 1 < l->mi.nr_banks; i++) {
		phys_addr_t s = bank_end(&l->mi.bank[i]), e = l->mi.bank[i + 1].start;

		if (e <= s || s >= l->phys_offset + SZ_256M)
			continue;
		l->vm_hole[l->nr_vm_holes].start = layout_va(l, s);
		l->vm_hole[l->nr_vm_holes].end = layout_va(l, e);
		l->nr_vm_holes++;
		wanted += (uint32_t)(e - s);
	}
	if (!l->nr_vm_holes) {
		say("vmsplit: reclaim=vmalloc-saving: no hole between banks in the first 256 MB\n");
		return;
	}
	if (l->vmalloc_min >= highest) {
		wanted = 0;
	} else if (wanted > highest - l->vmalloc_min) {
		say("vmsplit: reclaim=vmalloc-saving: the holes' %" PRIu32 " MB would push lowmem past "
		       "VMALLOC_END; vmalloc_min moves up %" PRIu32 " MB\n", wanted >> 20,
		       (highest - l->vmalloc_min) >> 20);
		wanted = highest - l->vmalloc_min;
	}
	l->vmalloc_min += wanted;
}

/* Only the holes below lowmem's end count: a hole the decision put past
 * high_memory is ordinary space. */
static void trim_vm_holes(struct layout *l)
{
	int n = 0;

	for (int i = 0; i < l->nr_vm_holes; i++)
		if (l->vm_hole[i].end <= l->high_memory)
			l->vm_hole[n++] = l->vm_hole[i];
	l->nr_vm_holes = n;
}

bool layout_in_vm_hole(const struct layout *l, uint32_t va)
{
	for (int i = 0; i < l->nr_vm_holes; i++)
		if (va >= l->vm_hole[i].start && va < l->vm_hole[i].end)
			return true;
	return false;
}

static void decide(const struct boot_config *bc, const struct meminfo *banks,
		   struct layout *l)
{
	memset(l, 0, sizeof(*l));
	l->rules = bc->rules;
	l->page_offset = bc->page_offset;
	l->phys_offset = bc->phys_offset;
	l->lpae = bc->lpae;
	l->ttbr = layout_ttbr_split(bc->lpae, bc->page_offset, bc->phys_offset);
	l->highmem_config = bc->highmem;
	l->mi = *banks;
	l->nomap = bc->nomap;
	l->vmalloc_min = vmalloc_min_of(bc);

	meminfo_sort(&l->mi);
	merge_overlaps(&l->mi);
	/* msm-3.4's choice: the 3.3/3.4 rules only (not 2.6.36's, not 4.x's). */
	if (bc->reclaim != RECLAIM_NONE && (bc->rules->lowmem != LOWMEM_SANITY_CHECK_MEMINFO ||
					    bc->rules->vmalloc_end_is_platform))
		say("vmsplit: reclaim=%s is msm-3.4's; with rules=%s the linear map stays straight\n",
		       bc->reclaim == RECLAIM_DONT_MAP_HOLE ? "dont-map-hole" : "vmalloc-saving",
		       bc->rules->name);
	else if (bc->reclaim == RECLAIM_DONT_MAP_HOLE)
		choose_hole(l);
	else if (bc->reclaim == RECLAIM_VMALLOC_SAVING)
		save_holes_for_vmalloc(l, bc->vmalloc_end);
	if (bc->rules->lowmem == LOWMEM_SANITY_CHECK_MEMINFO)
		sanity_check_meminfo(l);
	else
		adjust_lowmem_bounds(l);
}

/* Is all of [start, end) lowmem RAM? */
static bool lowmem_covers(const struct layout *l, phys_addr_t start,
			  phys_addr_t end)
{
	for (phys_addr_t p = start; p < end; p += PAGE_SIZE)
		if (!layout_is_lowmem_ram(l, p) || !layout_is_lowmem_ram(l, p + PAGE_SIZE - 1))
			return false;
	return true;
}

/*
 * The largest run of whole free pages inside one lowmem bank: what one
 * memblock_alloc() can hand out once paging_init() is done.  Taken: the
 * firmware's reservations, the first BOOT_USED_SIZE of RAM (the device
 * tree's megabyte and the image: the linker keeps it under 768 kB), and
 * the last BOOT_TABLES_SIZE of the first 2 MB (the first page tables and
 * the vector pages, allocated from the top down).
 */
static phys_addr_t largest_free_run(const struct layout *l, const struct meminfo *rsv)
{
	struct { phys_addr_t s, e; } x[NR_BANKS + 2];
	phys_addr_t best = 0;
	int n = 0;

	x[n].s = l->phys_offset;
	x[n++].e = l->phys_offset + BOOT_USED_SIZE;
	x[n].s = l->phys_offset + KERNEL_REGION_SIZE - BOOT_TABLES_SIZE;
	x[n++].e = l->phys_offset + KERNEL_REGION_SIZE;
	for (int i = 0; i < rsv->nr_banks; i++, n++) {
		x[n].s = ALIGN_DOWN(rsv->bank[i].start, (phys_addr_t)PAGE_SIZE);
		x[n].e = ALIGN_UP(bank_end(&rsv->bank[i]), (phys_addr_t)PAGE_SIZE);
	}
	for (int b = 0; b < l->mi.nr_banks; b++) {
		const struct membank *bank = &l->mi.bank[b];
		phys_addr_t p = bank->start, e = ALIGN_DOWN(bank_end(bank), (phys_addr_t)PAGE_SIZE);
		bool taken;

		if (bank->highmem)
			continue;
		while (p < e) {
			phys_addr_t q = e;

			taken = false;
			for (int i = 0; i < n; i++)
				if (x[i].s <= p && p < x[i].e) {
					p = x[i].e;
					taken = true;
				}
			if (taken)
				continue;
			for (int i = 0; i < n; i++)
				if (x[i].s > p && x[i].s < q)
					q = x[i].s;
			if (q - p > best)
				best = q - p;
			p = q;
		}
	}
	return best;
}

/*
 * Could the kernel not boot this decision?  Then why, in buf.  It runs
 * from the first KERNEL_REGION_SIZE of RAM, which must be lowmem, and
 * mem_init() needs one piece of free lowmem for mem_map, a struct page for
 * every frame from the first bank's to the last one's (Linux's flat
 * mem_map).  The host tool asks the same question, so both refuse the
 * same layouts.
 */
static bool unbootable(const struct layout *l, const struct meminfo *rsv, char *buf, size_t n)
{
	phys_addr_t boot_end = l->phys_offset + KERNEL_REGION_SIZE, need, have;
	char a[17], b[17];
	uint32_t frames;

	if (!l->mi.nr_banks) {
		snprintf(buf, n, "leave no RAM");
		return true;
	}
	if (!lowmem_covers(l, l->phys_offset, boot_end)) {
		snprintf(buf, n, "leave out 0x%s-0x%s, where the device tree and the kernel live",
			 phys_hex(a, l->phys_offset), phys_hex(b, boot_end - 1));
		return true;
	}
	frames = (uint32_t)(ALIGN_UP(bank_end(&l->mi.bank[l->mi.nr_banks - 1]), (phys_addr_t)PAGE_SIZE) / PAGE_SIZE -
			    l->mi.bank[0].start / PAGE_SIZE);
	/* In 64 bits: with LPAE's RAM a 32-bit size_t could wrap. */
	need = ALIGN_UP((phys_addr_t)mem_map_size(1) * frames, (phys_addr_t)PAGE_SIZE);
	have = largest_free_run(l, rsv);
	if (need > have) {
		snprintf(buf, n, "leave no room for mem_map (%" PRIu32 " kB of lowmem in one piece for %" PRIu32
			 " frames; the largest free piece is %" PRIu32 " kB)",
			 (uint32_t)(need >> 10), frames, (uint32_t)(have >> 10));
		return true;
	}
	return false;
}

/* The bank of `mi` the kernel runs in, or -1. */
static int kernel_bank(const struct meminfo *mi, phys_addr_t phys_offset)
{
	for (int i = 0; i < mi->nr_banks; i++)
		if (mi->bank[i].start <= phys_offset && phys_offset < bank_end(&mi->bank[i]))
			return i;
	return -1;
}

/*
 * Linux would crash on a decision its boot cannot carry out: the image and
 * device tree would not be memory any more, or mem_map would not fit.
 * Keep a map that works and say why, falling back step by step: mem='s
 * banks -> the firmware's -> the firmware's without its reservations ->
 * the firmware's bank the kernel runs in alone -> QEMU virt's 128 MB.
 */
void layout_decide(const struct boot_config *bc, struct layout *l)
{
	static const struct meminfo none;
	const struct meminfo *rsv = &bc->rsv;
	char why[160], other[160], a[17], e[17];
	bool bad;
	int k;

	decide(bc, &bc->mi, l);
	bad = unbootable(l, rsv, why, sizeof(why));
	if (bad && bc->usermem) {
		say("vmsplit: the mem= banks %s; using the firmware's banks instead\n", why);
		decide(bc, &bc->firmware, l);
		bad = unbootable(l, rsv, why, sizeof(why));
	}
	if (bad && rsv->nr_banks && !unbootable(l, &none, other, sizeof(other))) {
		say("vmsplit: the firmware's %s %s; ignoring them\n",
		       bc->nr_resmem ? "reservations (/memreserve/, /reserved-memory)" : "/memreserve/ entries", why);
		rsv = &none;
		bad = false;
	}
	k = kernel_bank(&bc->firmware, bc->phys_offset);
	if (bad && bc->firmware.nr_banks > 1 && k >= 0) {
		struct meminfo own = { .nr_banks = 1, .bank = { bc->firmware.bank[k] } };

		say("vmsplit: the firmware's banks %s; using only the bank the kernel is in, 0x%s-0x%s\n", why,
		       phys_hex(a, own.bank[0].start), phys_hex(e, bank_end(&own.bank[0]) - 1));
		decide(bc, &own, l);
		bad = unbootable(l, rsv, why, sizeof(why));
		if (bad)
			say("vmsplit: that bank alone would %s too\n", why);
	}
	if (bad) {
		struct meminfo safe = { .nr_banks = 1, .bank = { { bc->phys_offset, FALLBACK_RAM_SIZE, false } } };

		say("vmsplit: the firmware's banks %s; using QEMU virt's default %" PRIu32 " MB at 0x%08" PRIx32
		       " instead\n", why, FALLBACK_RAM_SIZE >> 20, (uint32_t)bc->phys_offset);
		decide(bc, &safe, l);
		l->fell_back_to_default = true;
		rsv = &none;
	}
	l->rsv = *rsv;
	place_regions(bc, l);
}

void layout_decide_quiet(const struct boot_config *bc, struct layout *l)
{
	quiet = true;
	layout_decide(bc, l);
	quiet = false;
}

bool layout_is_lowmem_ram(const struct layout *l, phys_addr_t pa)
{
	for (int i = 0; i < l->mi.nr_banks; i++) {
		const struct membank *b = &l->mi.bank[i];

		if (!b->highmem && pa >= b->start && pa < bank_end(b))
			return true;
	}
	return false;
}

bool layout_is_ram(const struct layout *l, phys_addr_t pa)
{
	return layout_ram_in_range(l, pa, 1) != NULL;
}

const struct membank *layout_ram_in_range(const struct layout *l, phys_addr_t pa, uint64_t size)
{
	for (int i = 0; i < l->mi.nr_banks; i++) {
		const struct membank *b = &l->mi.bank[i];

		if (pa < bank_end(b) && pa + size > b->start)
			return b;
	}
	return NULL;
}

uint32_t layout_io_address(const struct layout *l, phys_addr_t pa)
{
	if (pa >= SZ_256M || (pa & (SZ_16M - SZ_1M)))
		return 0;
	return l->io_base + (uint32_t)((pa >> 4) & 0x00f00000) +
	       (uint32_t)(pa & (SZ_1M - 1));
}

const struct region_span *layout_find_region(const struct layout *l, enum region r)
{
	for (int i = 0; i < l->nr_regions; i++)
		if (l->region[i].id == r && !l->region[i].depth)
			return &l->region[i];
	return NULL;
}

bool layout_region(const struct layout *l, enum layout_line line,
		   uint32_t *start, uint32_t *end)
{
	for (int i = 0; line != LINE_END && i < l->nr_regions; i++)
		if (l->region[i].kind->line == line && !l->region[i].depth) {
			*start = l->region[i].start;
			*end = (uint32_t)l->region[i].end;
			return true;
		}
	return false;	/* not in this layout, or an image section */
}

/*
 * The deepest region holding va and, in *run_end, where the answer may
 * change next: its end, or the start of the next region (nested in it).
 * Regions are sorted by start, outer ones first, so the deepest is the
 * last one that holds va.
 */
static const struct region_span *lookup(const struct layout *l, uint32_t va, uint64_t *run_end)
{
	const struct region_span *found = NULL;
	int i;

	for (i = 0; i < l->nr_regions && l->region[i].start <= va; i++)
		if (va < l->region[i].end)
			found = &l->region[i];
	if (run_end) {
		*run_end = found ? found->end : (uint64_t)1 << 32;
		if (i < l->nr_regions && l->region[i].start < *run_end)
			*run_end = l->region[i].start;
	}
	return found;
}

const struct region_span *layout_span_of(const struct layout *l, uint32_t va)
{
	return lookup(l, va, NULL);
}

uint64_t layout_next_edge(const struct layout *l, uint32_t va)
{
	uint64_t next = (uint64_t)1 << 32;

	for (int i = 0; i < l->nr_regions; i++) {
		const struct region_span *r = &l->region[i];

		if (r->start > va && r->start < next)
			next = r->start;
		if (r->end > va && r->end < next)
			next = r->end;
	}
	return next;
}

enum region layout_region_of(const struct layout *l, uint32_t va)
{
	const struct region_span *r = lookup(l, va, NULL);

	return r ? r->id : REGION_UNUSED;	/* no layout decided yet */
}

bool layout_range_in_region(const struct layout *l, uint32_t va, uint32_t len,
			    enum region r)
{
	uint64_t end = (uint64_t)va + len, at = va;

	if (len == 0)
		return false;
	while (at < end) {
		const struct region_span *s = lookup(l, (uint32_t)at, &at);

		if ((s ? s->id : REGION_UNUSED) != r)
			return false;
	}
	return true;
}

const char *region_name(enum region r)
{
	return region_kinds[r].name;
}

const char *layout_describe(const struct layout *l, uint32_t va)
{
	return region_name(layout_region_of(l, va));
}

/* ---- one vocabulary for physical addresses ---- */

static bool in_banks(const struct meminfo *mi, phys_addr_t pa, phys_addr_t *end, int *bank)
{
	for (int i = 0; i < mi->nr_banks; i++)
		if (pa >= mi->bank[i].start && pa < bank_end(&mi->bank[i])) {
			if (bank)
				*bank = i;
			*end = bank_end(&mi->bank[i]);
			return true;
		}
	return false;
}

/* The first edge of mi's banks above pa, if below *limit. */
static void next_edge(const struct meminfo *mi, phys_addr_t pa, phys_addr_t *limit)
{
	for (int i = 0; i < mi->nr_banks; i++) {
		phys_addr_t s = mi->bank[i].start, e = bank_end(&mi->bank[i]);

		if (s > pa && s < *limit)
			*limit = s;
		if (e > pa && e < *limit)
			*limit = e;
	}
}

/* Is pa in a /reserved-memory region taken out of the linear map? */
static bool resmem_nomap_at(const struct boot_config *bc, phys_addr_t pa, phys_addr_t *end)
{
	for (int i = 0; i < bc->nr_resmem; i++) {
		const struct resmem *r = &bc->resmem[i];

		if (r->state == RESMEM_NOMAP && pa >= r->base && pa < r->base + r->size) {
			*end = r->base + r->size;
			return true;
		}
	}
	return false;
}

static void next_edge_at(phys_addr_t s, phys_addr_t e, phys_addr_t pa, phys_addr_t *limit)
{
	if (s > pa && s < *limit)
		*limit = s;
	if (e > pa && e < *limit)
		*limit = e;
}

static const struct layout_removed *removed_at(const struct layout *l, phys_addr_t pa)
{
	for (int i = 0; i < l->nr_removed; i++)
		if (pa >= l->removed[i].start && pa < l->removed[i].end)
			return &l->removed[i];
	return NULL;
}

enum pa_kind layout_classify_pa(const struct layout *l, const struct boot_config *bc,
				phys_addr_t pa, phys_addr_t limit, phys_addr_t *end)
{
	const struct layout_removed *r;
	phys_addr_t e = limit;
	enum pa_kind kind;
	int b;

	if (in_banks(&l->mi, pa, &e, &b)) {
		kind = l->mi.bank[b].highmem ? PA_HIGHMEM : PA_LOWMEM;
	} else if ((r = removed_at(l, pa))) {
		kind = r->why == REMOVED_TRUNCATED ? PA_TRUNCATED : PA_IGNORED;
		e = r->end;
	} else {
		/* Not in the decision at all: the board's RAM less the device
		 * tree's holes is bc->firmware; less what mem= left out, bc->mi. */
		kind = !in_banks(&bc->ram, pa, &e, NULL) ? PA_NOT_RAM :
		       resmem_nomap_at(bc, pa, &e) ? PA_NOMAP :
		       !in_banks(&bc->firmware, pa, &e, NULL) ? PA_HOLE_DT : PA_HOLE_MEM;
		e = limit;
		for (int i = 0; i < bc->nr_resmem; i++)
			next_edge_at(bc->resmem[i].base, bc->resmem[i].base + bc->resmem[i].size, pa, &e);
		next_edge(&l->mi, pa, &e);
		next_edge(&bc->ram, pa, &e);
		next_edge(&bc->firmware, pa, &e);
		for (int i = 0; i < l->nr_removed; i++)
			if (l->removed[i].start > pa && l->removed[i].start < e)
				e = l->removed[i].start;
	}
	if (end)
		*end = e < limit ? e : limit;
	return kind;
}

const char *layout_pa_kind_name(const struct layout *l, const struct boot_config *bc,
				phys_addr_t pa)
{
	static const char *const removed[] = {
		[REMOVED_TRUNCATED] = "truncated (vmalloc region overlap)",
		[REMOVED_IGNORED_OVERLAP] = "ignored (vmalloc region overlap)",
		[REMOVED_IGNORED_NO_HIGHMEM] = "ignored (above lowmem, and highmem is off)",
		[REMOVED_IGNORED_NR_BANKS] = "ignored (NR_BANKS too low for a highmem bank)",
		[REMOVED_IGNORED_ABOVE_4G] = "ignored (above 4 GB, and highmem is off)",
	};

	switch (layout_classify_pa(l, bc, pa, pa + 1, NULL)) {
	case PA_LOWMEM:		return "lowmem";
	case PA_HIGHMEM:	return "highmem";
	case PA_TRUNCATED:
	case PA_IGNORED:	return removed[removed_at(l, pa)->why];
	case PA_HOLE_DT:	return "hole (device tree: qcom,memblock-remove)";
	case PA_NOMAP:		return "no-map (device tree: /reserved-memory)";
	case PA_HOLE_MEM:	return bc->usermem ? "hole (not in the mem= banks)" : "hole (not in the banks)";
	default:		return "not RAM";
	}
}

struct ttbr_split layout_ttbr_split(bool lpae, uint32_t page_offset, phys_addr_t phys_offset)
{
	const struct split_info *si = split_info_of(page_offset);
	struct ttbr_split t = { 0, 0, (uint64_t)1 << 32 };

	if (!lpae || !si || !si->lpae_ok || phys_offset > page_offset)
		return t;
	t.t0sz = si->lpae_t0sz;
	t.t1sz = si->lpae_t1sz;
	if (t.t1sz)
		t.ttbr1_start = ((uint64_t)1 << 32) - ((uint64_t)1 << (32 - t.t1sz));
	return t;
}

unsigned layout_fixmap_slots(const struct layout *l)
{
	return (l->fixmap_end - l->fixmap_start) >> PAGE_SHIFT;
}

uint32_t layout_fixmap_slot(const struct layout *l, unsigned x)
{
	if (x >= layout_fixmap_slots(l))
		return 0;
	/* Growing down, slot 0 is FIXADDR_TOP, the last page of the range. */
	if (l->rules->fixmap_grows_down)
		return l->fixmap_end - PAGE_SIZE - (x << PAGE_SHIFT);
	return l->fixmap_start + (x << PAGE_SHIFT);
}
