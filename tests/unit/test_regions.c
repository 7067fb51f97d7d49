/* Unit tests for the layout's regions as data (struct layout's region[],
 * core/layout/layout.c): for boards of every era, split, highmem setting,
 * bank shape and reclaim mode, the regions tile the 4 GB in address order,
 * nest without crossing, carry their kind's name and table line; every
 * lookup (layout_region_of, layout_describe, layout_range_in_region,
 * layout_region, the named bounds) says what the array says; and the array
 * says what the lookup said before it was data (the priority chain of ifs
 * it replaced, kept here as the reference).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline.h"
#include "capture.h"
#include "layout.h"
#include "sizes.h"

#define RAM_BASE	0x40000000ull
#define MiB(x)		((uint64_t)(x) << 20)
#define TOP		((uint64_t)1 << 32)

static struct boot_config bc;
static struct layout L;
static const char *cmdline;	/* the board's, for messages */

static void decide(uint64_t ram, const char *line)
{
	cmdline = line;
	capture_reset();
	boot_config_init(&bc, 0xc0000000u, RAM_BASE);
	bc.built_page_offset = 0;	/* split= may pick any */
	boot_config_add_ram(&bc, RAM_BASE, ram);
	boot_config_parse(&bc, line);
	layout_decide(&bc, &L);
}

/* ---- the reference: the lookup as it was written before region[] ---- */

static bool in(uint32_t va, uint32_t start, uint32_t end)
{
	return va >= start && va < end;
}

static enum region ref_lowmem_kind(const struct layout *l, uint32_t va)
{
	phys_addr_t page = layout_pa(l, va & ~(PAGE_SIZE - 1));

	if (layout_is_lowmem_ram(l, page) && layout_is_lowmem_ram(l, page + PAGE_SIZE - 1))
		return REGION_LOWMEM;
	if (layout_is_lowmem_ram(l, page))
		return REGION_LOWMEM_PARTIAL_PAGE;
	return layout_is_ram(l, page) ? REGION_LOWMEM_HIGHMEM : REGION_LOWMEM_HOLE;
}

static enum region ref_region_of(const struct layout *l, uint32_t va)
{
	if (va < l->modules_vaddr)
		return REGION_USER;
	if (in(va, l->modules_vaddr, l->modules_end))
		return REGION_MODULES;
	if (l->highmem_config && in(va, l->pkmap_base, l->page_offset))
		return REGION_PKMAP;
	if (in(va, l->page_offset, l->high_memory))
		return layout_in_vm_hole(l, va) ? REGION_VMALLOC : ref_lowmem_kind(l, va);
	if (in(va, l->high_memory, l->vmalloc_start))
		return REGION_PAST_LOWMEM;
	if (in(va, l->io_base, l->io_end))
		return REGION_STATIC_IO;
	if (in(va, l->vmalloc_start, l->vmalloc_end))
		return REGION_VMALLOC;
	if (l->consistent_end && in(va, l->consistent_base, l->consistent_end))
		return REGION_DMA;
	if (in(va, l->fixmap_start, l->fixmap_end))
		return REGION_FIXMAP;
	if (in(va, VECTORS_BASE, VECTORS_BASE + PAGE_SIZE))
		return REGION_VECTORS;
	if (l->rules->vector_stubs && in(va, VECTORS_BASE + PAGE_SIZE, VECTORS_BASE + 2 * PAGE_SIZE))
		return REGION_VECTOR_STUBS;
	return REGION_UNUSED;
}

/* ---- what the array says, read by hand ---- */

/* The deepest region holding va, found without the code under test. */
static const struct region_span *deepest(const struct layout *l, uint32_t va)
{
	const struct region_span *best = NULL;

	for (int i = 0; i < l->nr_regions; i++)
		if (va >= l->region[i].start && va < l->region[i].end &&
		    (!best || l->region[i].depth > best->depth))
			best = &l->region[i];
	return best;
}

static void fail_at(const char *what, uint32_t va, int got, int want)
{
	fail_msg("%s at 0x%08x (rules=%s, %s): %d, expected %d", what, (unsigned)va,
		 L.rules->name, cmdline, got, want);
}

/* One address: the lookup, the array and the reference agree. */
static void check_point(uint32_t va)
{
	const struct region_span *d = deepest(&L, va);
	enum region got = layout_region_of(&L, va);

	if (!d)
		fail_msg("0x%08x is in no region", (unsigned)va);
	if (got != d->id)
		fail_at("layout_region_of vs the array", va, got, d->id);
	if (got != ref_region_of(&L, va))
		fail_at("layout_region_of vs the reference", va, got, ref_region_of(&L, va));
	if (layout_span_of(&L, va) != d)
		fail_at("layout_span_of vs the array", va, (int)(layout_span_of(&L, va) - L.region),
			(int)(d - L.region));
	if (layout_describe(&L, va) != region_kinds[got].name)
		fail_at("layout_describe vs the kind's name", va, 0, 1);
}

/* The tiling, the nesting, the kinds and the table lines. */
static void check_structure(void)
{
	int parent[LAYOUT_MAX_REGIONS];
	uint64_t at = 0;
	int prev_top = -1;

	assert_true(L.nr_regions > 0 && L.nr_regions <= LAYOUT_MAX_REGIONS);
	for (int i = 0; i < L.nr_regions; i++) {
		const struct region_span *r = &L.region[i];

		assert_true(r->id < NR_REGION_KINDS);
		assert_ptr_equal(r->kind, &region_kinds[r->id]);
		assert_true(r->start < r->end && r->end <= TOP);
		if (i)
			assert_true(r->start >= L.region[i - 1].start);
		parent[i] = -1;
		if (r->depth == 0) {
			/* depth 0: one after the other, no gap, no overlap */
			assert_int_equal(r->start, at);
			if (prev_top >= 0)
				assert_int_not_equal(L.region[prev_top].id, r->id);
			at = r->end;
			prev_top = i;
		} else {
			/* nested in the nearest region before it one level up, and
			 * after the siblings before it */
			for (int j = i - 1; j >= 0 && parent[i] < 0; j--)
				if (L.region[j].depth == r->depth - 1)
					parent[i] = j;
				else if (L.region[j].depth == r->depth)
					assert_true(L.region[j].end <= r->start);
			assert_true(parent[i] >= 0);
			assert_true(r->start >= L.region[parent[i]].start && r->end <= L.region[parent[i]].end);
			assert_int_not_equal(L.region[parent[i]].id, r->id);
		}
		/* printed where the era's table has its line, nowhere else */
		if (r->order >= 0) {
			assert_int_equal(r->depth, 0);
			assert_int_equal(L.rules->table[r->order], r->kind->line);
			assert_non_null(r->kind->label);
		} else if (r->depth == 0 && r->kind->line != LINE_END) {
			for (int j = 0; L.rules->table[j] != LINE_END; j++)
				assert_int_not_equal(L.rules->table[j], r->kind->line);
		}
	}
	assert_true(at == TOP);
	/* a table line has at most one region */
	for (int i = 0; i < L.nr_regions; i++)
		for (int j = i + 1; j < L.nr_regions; j++)
			assert_true(L.region[i].order < 0 || L.region[i].order != L.region[j].order);
}

/* The bounds Linux names, and layout_region(), are the array's. */
static void check_named_bounds(void)
{
	static const struct { enum layout_line line; enum region id; } lines[] = {
		{ LINE_VECTOR, REGION_VECTORS }, { LINE_FIXMAP, REGION_FIXMAP }, { LINE_DMA, REGION_DMA },
		{ LINE_VMALLOC, REGION_VMALLOC }, { LINE_LOWMEM, REGION_LOWMEM },
		{ LINE_PKMAP, REGION_PKMAP }, { LINE_MODULES, REGION_MODULES },
	};
	const struct region_span *vm = layout_find_region(&L, REGION_VMALLOC);
	const struct region_span *mod = layout_find_region(&L, REGION_MODULES);
	const struct region_span *low = layout_find_region(&L, REGION_LOWMEM);
	const struct region_span *pk = layout_find_region(&L, REGION_PKMAP);
	const struct region_span *dma = layout_find_region(&L, REGION_DMA);
	const struct region_span *fix = layout_find_region(&L, REGION_FIXMAP);

	assert_non_null(vm);
	assert_non_null(mod);
	assert_non_null(low);
	assert_non_null(fix);
	assert_int_equal(vm->depth, 0);
	assert_int_equal(L.vmalloc_start, vm->start);
	assert_int_equal(L.vmalloc_end, vm->end);
	assert_int_equal(L.modules_vaddr, mod->start);
	assert_int_equal(L.modules_end, mod->end);
	assert_int_equal(L.page_offset, low->start);
	assert_int_equal(L.high_memory, low->end);
	assert_int_equal(L.fixmap_start, fix->start);
	assert_int_equal(L.fixmap_end, fix->end);
	assert_int_equal(L.pkmap_base, pk ? pk->start : 0);
	assert_int_equal(!!pk, L.highmem_config);
	assert_int_equal(L.consistent_base, dma ? dma->start : 0);
	assert_int_equal(L.consistent_end, dma ? dma->end : 0);
	assert_int_equal(!!dma, L.rules->consistent_end != 0);
	for (unsigned i = 0; i < ARRAY_SIZE(lines); i++) {
		const struct region_span *r = layout_find_region(&L, lines[i].id);
		uint32_t s = 1, e = 1;

		assert_int_equal(layout_region(&L, lines[i].line, &s, &e), r != NULL);
		if (r) {
			assert_int_equal(s, r->start);
			assert_int_equal(e, (uint32_t)r->end);
			assert_int_equal(r->kind->line, lines[i].line);
		}
	}
	assert_false(layout_region(&L, LINE_TEXT, &(uint32_t){ 0 }, &(uint32_t){ 0 }));
}

/*
 * Every run of equal lookups is what layout_range_in_region accepts whole,
 * and one byte more on either side is refused when the neighbour differs.
 */
static void check_runs(void)
{
	uint64_t s = 0;

	while (s < TOP) {
		enum region id = layout_region_of(&L, (uint32_t)s);
		uint64_t e = s;

		/* the run ends at the next region edge whose lookup differs */
		for (;;) {
			uint64_t next = TOP;

			for (int i = 0; i < L.nr_regions; i++) {
				if (L.region[i].start > e && L.region[i].start < next)
					next = L.region[i].start;
				if (L.region[i].end > e && L.region[i].end < next)
					next = L.region[i].end;
			}
			/* what ptdump cuts its runs at: the same edge, and one
			 * region all the way to it */
			if (layout_next_edge(&L, (uint32_t)e) != next)
				fail_at("layout_next_edge", (uint32_t)e, (int)(layout_next_edge(&L, (uint32_t)e) >> 12),
					(int)(next >> 12));
			if (layout_region_of(&L, (uint32_t)(next - 1)) != layout_region_of(&L, (uint32_t)e))
				fail_at("the region changes before layout_next_edge", (uint32_t)(next - 1),
					layout_region_of(&L, (uint32_t)(next - 1)), layout_region_of(&L, (uint32_t)e));
			e = next;
			if (e == TOP || layout_region_of(&L, (uint32_t)e) != id)
				break;
		}
		if (e - s <= UINT32_MAX) {
			if (!layout_range_in_region(&L, (uint32_t)s, (uint32_t)(e - s), id))
				fail_at("a whole run refused by layout_range_in_region", (uint32_t)s, 0, 1);
			if (e < TOP && layout_range_in_region(&L, (uint32_t)s, (uint32_t)(e - s + 1), id))
				fail_at("a run and one byte more accepted", (uint32_t)s, 1, 0);
		}
		if (s && layout_range_in_region(&L, (uint32_t)s - 1, 2, id))
			fail_at("a run and one byte before accepted", (uint32_t)s - 1, 1, 0);
		assert_false(layout_range_in_region(&L, (uint32_t)s, 0, id));
		s = e;
	}
}

/* Everything, for the board decided last. */
static void check_layout(void)
{
	check_structure();
	check_named_bounds();
	for (int i = 0; i < L.nr_regions; i++) {
		uint32_t s = L.region[i].start, e = (uint32_t)L.region[i].end;
		const uint32_t near[] = { s, s + 1, s - 1, s + PAGE_SIZE, s - PAGE_SIZE, e, e - 1, e + 1,
					  e - PAGE_SIZE, s + (e - s) / 2 };

		for (unsigned j = 0; j < ARRAY_SIZE(near); j++)
			check_point(near[j]);
	}
	/* the edges the lookup used to test: each bank's image, both ends */
	for (int i = 0; i < L.mi.nr_banks; i++) {
		uint32_t s = layout_va(&L, L.mi.bank[i].start), e = layout_va(&L, bank_end(&L.mi.bank[i]));

		for (int d = -2; d <= 2; d++) {
			check_point(s + (uint32_t)d * PAGE_SIZE);
			check_point(e + (uint32_t)d * PAGE_SIZE);
			check_point(s + (uint32_t)d);
			check_point(e + (uint32_t)d);
		}
	}
	for (uint64_t va = 0; va < TOP; va += SZ_16M)
		check_point((uint32_t)va + 0x7ff);
	check_runs();
}

/* ---- the boards ---- */

static const char *const eras[] = { "rules=2.6.36", "rules=3.4", "rules=modern" };
static const char *const splits[] = { "", "split=3G_OPT", "split=2G", "split=1G" };
static const char *const shapes[] = {
	"",
	"vmalloc=16M",
	"vmalloc=400M",
	"vmalloc=123456789",
	"mem=128M mem=128M@0x70000000",
	/* seed 001's example 7: three banks, holes between */
	"mem=91M@0x40000000 mem=24M@0x45d00000 mem=493M@0x52000000 vmalloc=400M",
	"mem=91M@0x40000000 mem=24M@0x45d00000 mem=493M@0x52000000 reclaim=dont-map-hole",
	"mem=91M@0x40000000 mem=24M@0x45d00000 mem=493M@0x52000000 reclaim=vmalloc-saving",
	/* sizes and starts that are not whole pages (arm_add_memory rounds them) */
	"mem=100005K@0x40000000 mem=3001K@0x46100800 mem=200M@0x50000000 reclaim=vmalloc-saving",
	"mem=100005K@0x40000000 mem=3001K@0x46100800 mem=200M@0x50000000",
	"mem=333333K",
};

static void run_all(uint64_t ram, const char *highmem)
{
	char line[256];

	for (unsigned e = 0; e < ARRAY_SIZE(eras); e++)
		for (unsigned s = 0; s < ARRAY_SIZE(splits); s++)
			for (unsigned h = 0; h < ARRAY_SIZE(shapes); h++) {
				snprintf(line, sizeof(line), "%s %s %s %s", eras[e], highmem, splits[s], shapes[h]);
				decide(ram, line);
				check_layout();
			}
}

static void test_every_board_highmem_off(void **state)
{
	(void)state;
	run_all(MiB(512), "highmem=off");
	run_all(MiB(1024), "highmem=off");
}

static void test_every_board_highmem_on(void **state)
{
	(void)state;
	run_all(MiB(1024), "highmem=on");
	run_all(MiB(3072), "highmem=on");
}

/* Eight banks with holes between them, saved for vmalloc: the most regions
 * a layout has, and still within LAYOUT_MAX_REGIONS. */
static void test_most_regions(void **state)
{
	int most = 0;

	(void)state;
	for (int hm = 0; hm < 2; hm++) {
		decide(MiB(1024), hm ? "highmem=on reclaim=vmalloc-saving mem=9001K@0x40000000 mem=9001K@0x41000800 "
				       "mem=9001K@0x42000800 mem=9001K@0x43000800 mem=9001K@0x44000800 "
				       "mem=9001K@0x45000800 mem=9001K@0x46000800 mem=9001K@0x47000800" :
				       "reclaim=vmalloc-saving mem=9001K@0x40000000 mem=9001K@0x41000800 "
				       "mem=9001K@0x42000800 mem=9001K@0x43000800 mem=9001K@0x44000800 "
				       "mem=9001K@0x45000800 mem=9001K@0x46000800 mem=9001K@0x47000800");
		assert_int_equal(L.mi.nr_banks, 8);
		check_layout();
		if (L.nr_regions > most)
			most = L.nr_regions;
	}
	print_message("most regions: %d of %d\n", most, LAYOUT_MAX_REGIONS);
	assert_true(most >= 13 + 7);
	assert_true(most <= LAYOUT_MAX_REGIONS);
}

/* Each kind: its row, its name, its table line's label. */
static void test_kinds(void **state)
{
	(void)state;
	for (int r = 0; r < NR_REGION_KINDS; r++) {
		assert_int_equal(region_kinds[r].id, r);
		assert_non_null(region_kinds[r].name);
		assert_ptr_equal(region_name((enum region)r), region_kinds[r].name);
		assert_int_equal(region_kinds[r].line != LINE_END, region_kinds[r].label != NULL);
		for (int q = 0; q < r; q++)
			assert_string_not_equal(region_kinds[q].name, region_kinds[r].name);
	}
	assert_string_equal(region_kinds[REGION_FIXMAP].label, "fixmap");
	assert_true(region_kinds[REGION_VECTORS].kb && region_kinds[REGION_FIXMAP].kb);
	assert_false(region_kinds[REGION_VMALLOC].kb);
}

/* The array of three boards, region by region. */
struct want { enum region id; uint32_t start; uint64_t end; int depth; int order; };

static void expect_regions(const struct want *w, int n)
{
	for (int i = 0; i < n && i < L.nr_regions; i++) {
		const struct region_span *r = &L.region[i];

		if (r->id != w[i].id || r->start != w[i].start || r->end != w[i].end ||
		    r->depth != w[i].depth || r->order != w[i].order)
			fail_msg("region %d: %s 0x%08x-0x%09llx depth %d order %d, expected %s 0x%08x-0x%09llx depth %d order %d",
				 i, r->kind->name, (unsigned)r->start, (unsigned long long)r->end, r->depth, r->order,
				 region_kinds[w[i].id].name, (unsigned)w[i].start, (unsigned long long)w[i].end,
				 w[i].depth, w[i].order);
	}
	assert_int_equal(L.nr_regions, n);
}

/* 3.4, 1 GB, highmem off: lowmem is truncated at 0x6f800000; the static
 * IO map is the top 16 MB of vmalloc; the DMA region exists, unprinted. */
static void test_regions_3_4(void **state)
{
	static const struct want w[] = {
		{ REGION_USER,         0x00000000, 0xbf000000, 0, -1 },
		{ REGION_MODULES,      0xbf000000, 0xc0000000, 0, 5 },
		{ REGION_LOWMEM,       0xc0000000, 0xef800000, 0, 3 },
		{ REGION_PAST_LOWMEM,  0xef800000, 0xf0000000, 0, -1 },
		{ REGION_VMALLOC,      0xf0000000, 0xff000000, 0, 2 },
		{ REGION_STATIC_IO,    0xfe000000, 0xff000000, 1, -1 },
		{ REGION_UNUSED,       0xff000000, 0xffc00000, 0, -1 },
		{ REGION_DMA,          0xffc00000, 0xffe00000, 0, -1 },
		{ REGION_UNUSED,       0xffe00000, 0xfff00000, 0, -1 },
		{ REGION_FIXMAP,       0xfff00000, 0xfffe0000, 0, 1 },
		{ REGION_UNUSED,       0xfffe0000, 0xffff0000, 0, -1 },
		{ REGION_VECTORS,      0xffff0000, 0xffff1000, 0, 0 },
		{ REGION_UNUSED,       0xffff1000, TOP,        0, -1 },
	};

	(void)state;
	decide(MiB(1024), "");
	expect_regions(w, ARRAY_SIZE(w));
}

/* 2.6.36, 512 MB (seed 000): the static IO map above VMALLOC_END, the
 * DMA region printed (third line). */
static void test_regions_2_6_36(void **state)
{
	static const struct want w[] = {
		{ REGION_USER,         0x00000000, 0xbf000000, 0, -1 },
		{ REGION_MODULES,      0xbf000000, 0xc0000000, 0, 6 },
		{ REGION_LOWMEM,       0xc0000000, 0xd8000000, 0, 4 },
		{ REGION_PAST_LOWMEM,  0xd8000000, 0xd8800000, 0, -1 },
		{ REGION_VMALLOC,      0xd8800000, 0xe0000000, 0, 3 },
		{ REGION_STATIC_IO,    0xe0000000, 0xe1000000, 0, -1 },
		{ REGION_UNUSED,       0xe1000000, 0xfde00000, 0, -1 },
		{ REGION_DMA,          0xfde00000, 0xffe00000, 0, 2 },
		{ REGION_UNUSED,       0xffe00000, 0xfff00000, 0, -1 },
		{ REGION_FIXMAP,       0xfff00000, 0xfffe0000, 0, 1 },
		{ REGION_UNUSED,       0xfffe0000, 0xffff0000, 0, -1 },
		{ REGION_VECTORS,      0xffff0000, 0xffff1000, 0, 0 },
		{ REGION_UNUSED,       0xffff1000, TOP,        0, -1 },
	};

	(void)state;
	decide(MiB(512), "rules=2.6.36");
	expect_regions(w, ARRAY_SIZE(w));
}

/* modern, 1 GB, highmem on: pkmap below PAGE_OFFSET, the lowmem limit's
 * page is highmem, the vector stubs page, no DMA region. */
static void test_regions_modern_highmem(void **state)
{
	static const struct want w[] = {
		{ REGION_USER,           0x00000000, 0xbf000000, 0, -1 },
		{ REGION_MODULES,        0xbf000000, 0xbfe00000, 0, 5 },
		{ REGION_PKMAP,          0xbfe00000, 0xc0000000, 0, 4 },
		{ REGION_LOWMEM,         0xc0000000, 0xf0000000, 0, 3 },
		{ REGION_PAST_LOWMEM,    0xf0000000, 0xf0800000, 0, -1 },
		{ REGION_VMALLOC,        0xf0800000, 0xff800000, 0, 2 },
		{ REGION_STATIC_IO,      0xfe800000, 0xff800000, 1, -1 },
		{ REGION_UNUSED,         0xff800000, 0xffc80000, 0, -1 },
		{ REGION_FIXMAP,         0xffc80000, 0xfff00000, 0, 1 },
		{ REGION_UNUSED,         0xfff00000, 0xffff0000, 0, -1 },
		{ REGION_VECTORS,        0xffff0000, 0xffff1000, 0, 0 },
		{ REGION_VECTOR_STUBS,   0xffff1000, 0xffff2000, 0, -1 },
		{ REGION_UNUSED,         0xffff2000, TOP,        0, -1 },
	};

	(void)state;
	decide(MiB(1024), "rules=modern highmem=on");
	expect_regions(w, ARRAY_SIZE(w));
}

/* msm's vmalloc-saving: the hole between the first two banks is vmalloc
 * inside lowmem, printed in the TAB block from region[]. */
static void test_regions_vmalloc_saving(void **state)
{
	const struct region_span *hole = NULL;

	(void)state;
	decide(MiB(1024), "mem=91M@0x40000000 mem=24M@0x45d00000 mem=493M@0x52000000 reclaim=vmalloc-saving");
	for (int i = 0; i < L.nr_regions; i++)
		if (L.region[i].id == REGION_VMALLOC && L.region[i].depth == 1 && !hole)
			hole = &L.region[i];
	assert_non_null(hole);
	assert_int_equal(hole->start, 0xc5b00000);
	assert_int_equal(hole->end, 0xc5d00000);
	assert_int_equal(hole->order, -1);
	assert_int_equal(layout_region_of(&L, 0xc5b00000), REGION_VMALLOC);
	assert_int_equal(layout_region_of(&L, 0xc5d00000), REGION_LOWMEM);
	check_layout();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_regions_3_4),
		cmocka_unit_test(test_regions_2_6_36),
		cmocka_unit_test(test_regions_modern_highmem),
		cmocka_unit_test(test_regions_vmalloc_saving),
		cmocka_unit_test(test_most_regions),
		cmocka_unit_test(test_every_board_highmem_off),
		cmocka_unit_test(test_every_board_highmem_on),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
