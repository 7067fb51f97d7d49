/* Unit tests for core/mm/pgtable.c: create_mapping(), remove_mapping(),
 * the software walker, the descriptor decoders (describe_l1/l2).
 *
 * Architectural facts are from the ARM Architecture Reference Manual
 * ARMv7-A/R (ARM DDI 0406C): B3.5 short-descriptor translation table
 * format, B3.7 access permissions, B3.8.2 TEX/C/B memory attributes,
 * B3.10.1 break-before-make.  Bit positions below are written as plain
 * numbers from those tables, not with the project's own macros, so the
 * tests check the headers too.
 *
 * The mapping routines run on the fake physical memory of
 * tests/unit/fake_mm.c: second-level tables in a fake RAM, every hook call
 * logged, and, for the tests that turn it on, the break-before-make model
 * of what the walker and the TLB can see.
 */
#include <setjmp.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "capture.h"
#include "fake_mm.h"
#include "pgtable.h"
#include "sizes.h"
#include "want_mem_types.h"

#define SZ_64M		0x04000000u
#define DOMAIN_MASK	(0xfu << 5)	/* bits 8:5 of a section or table descriptor */
#define SUPER_BIT	(1u << 18)	/* a section descriptor with bit 18: supersection */

/* ------------------------------------------------ the page model */

/* Tests of remove_mapping keep what every page of a 64 MB window should
 * translate to, and compare the walker with it page by page. */
#define WIN_BASE	0xc0000000u
#define WIN_SIZE	SZ_64M
#define WIN_PAGES	(WIN_SIZE / SZ_4K)

static struct {
	phys_addr_t pa;
	int type;		/* enum mem_type_id, or -1: a fault */
} model[WIN_PAGES];

static int setup_pt(void **state)
{
	(void)state;
	fake_mm_reset();
	for (unsigned p = 0; p < WIN_PAGES; p++)
		model[p].type = -1;
	capture_reset();
	return 0;
}

static int map_flags(uint32_t va, phys_addr_t pa, uint32_t len, enum mem_type_id t,
		     unsigned flags)
{
	struct map_desc md = { .virt = va, .phys = pa, .length = len, .type = t, .flags = flags };

	return create_mapping(&fake_pt, &md);
}

static int map(uint32_t va, phys_addr_t pa, uint32_t len, enum mem_type_id t)
{
	return map_flags(va, pa, len, t, 0);
}

static uint32_t *l1_entry(uint32_t va)
{
	return &fake_l1[va >> 20];
}

static uint32_t *l2_table_of(uint32_t va)
{
	uint32_t d = *l1_entry(va);

	assert_int_equal(d & 3, 1);		/* a page-table descriptor */
	return fake_table_ptr(&fake, d & 0xfffffc00u);
}

static uint32_t *pte_of(uint32_t va)
{
	return &l2_table_of(va)[(va >> 12) & 0xff];
}

/* A second-level table for a hand-crafted entry. */
static uint32_t *craft_table(phys_addr_t *pa)
{
	*pa = fake_alloc_table(&fake, 0x400);
	assert_true(*pa != 0);
	return fake_table_ptr(&fake, *pa);
}

static bool l1_all_zero(void)
{
	for (unsigned i = 0; i < 4096; i++)
		if (fake_l1[i])
			return false;
	return true;
}

static unsigned domain_of(uint32_t l1d)
{
	return (l1d >> 5) & 0xf;
}

/* The walk lands on the expected section / page with mk_*()'s bits. */
static void expect_section(uint32_t va, phys_addr_t pa, enum mem_type_id t)
{
	struct walk w;

	pgtable_walk(&fake_pt, va + 0x12345, &w);
	assert_int_equal(w.kind, WALK_SECTION);
	assert_int_equal(w.level, 1);
	assert_int_equal(w.desc[0], mk_section(pa, t));
	assert_int_equal(w.pa, pa + 0x12345);
}

/* A small page of type t in a table of domain 'domain'. */
static void expect_page_in(uint32_t va, phys_addr_t pa, enum mem_type_id t, unsigned domain)
{
	struct walk w;

	pgtable_walk(&fake_pt, va + 0x321, &w);
	assert_int_equal(w.kind, WALK_SMALL);
	assert_int_equal(w.level, 2);
	assert_int_equal(w.desc[0] & 3, 1);
	assert_int_equal(domain_of(w.desc[0]), domain);
	assert_int_equal(w.desc[1], mk_pte(pa, t));
	assert_int_equal(w.pa, pa + 0x321);
}

/* ... in a table the page's own type would have made. */
static void expect_page(uint32_t va, phys_addr_t pa, enum mem_type_id t)
{
	expect_page_in(va, pa, t, domain_of(mem_types[t].prot_l1));
}

static void expect_pages(uint32_t va, phys_addr_t pa, uint32_t len, enum mem_type_id t)
{
	for (uint32_t off = 0; off < len; off += SZ_4K)
		expect_page(va + off, pa + off, t);
}

static void expect_fault(uint32_t va, int level)
{
	struct walk w;

	pgtable_walk(&fake_pt, va, &w);
	assert_int_equal(w.kind, WALK_FAULT);
	assert_int_equal(w.level, level);
}

/* va still translates to pa with what section 'sect' gave it: the section
 * itself, or a small page with section_to_pte_prot(sect) in a table of
 * the section's domain. */
static void expect_as_section(uint32_t va, phys_addr_t pa, uint32_t sect)
{
	struct walk w;

	pgtable_walk(&fake_pt, va, &w);
	assert_int_equal(w.pa, pa);
	if (w.kind == WALK_SECTION) {
		assert_int_equal(w.desc[0], sect);
	} else {
		assert_int_equal(w.kind, WALK_SMALL);
		assert_int_equal(domain_of(w.desc[0]), domain_of(sect));
		assert_int_equal(w.desc[1], ((uint32_t)pa & 0xfffff000u) | section_to_pte_prot(sect));
	}
}

/* ---------------------------------------------- model helpers */

static unsigned model_index(uint32_t va)
{
	if (va < WIN_BASE || va - WIN_BASE >= WIN_SIZE)
		fail_msg("VA 0x%08x: outside the model's window", va);
	return (va - WIN_BASE) >> 12;
}

static void model_map(uint32_t va, phys_addr_t pa, uint32_t len, enum mem_type_id t)
{
	for (uint32_t off = 0; off < len; off += SZ_4K) {
		model[model_index(va + off)].pa = pa + off;
		model[model_index(va + off)].type = (int)t;
	}
}

static void model_unmap(uint32_t va, uint32_t len)
{
	for (uint32_t off = 0; off < len; off += SZ_4K)
		model[model_index(va + off)].type = -1;
}

static const char *const kind_name[] = {
	[WALK_FAULT] = "fault", [WALK_SECTION] = "section",
	[WALK_SUPERSECTION] = "supersection", [WALK_LARGE] = "large page",
	[WALK_SMALL] = "small page",
};

/* The walk of one page agrees with the model: a fault, or the model's PA
 * with the bits of the model's type in whatever descriptor maps it (a
 * section's domain is left out: a split supersection's sections are
 * domain 0 whatever the type). */
static void check_model_page(uint32_t va)
{
	const unsigned off = 0x7b4;
	unsigned p = model_index(va);
	struct walk w;
	bool ok;

	va &= ~0xfffu;
	pgtable_walk(&fake_pt, va + off, &w);
	if (model[p].type < 0) {
		ok = w.kind == WALK_FAULT;
	} else {
		phys_addr_t pa = model[p].pa;
		enum mem_type_id t = (enum mem_type_id)model[p].type;

		ok = w.kind != WALK_FAULT && w.pa == pa + off;
		if (ok && w.kind == WALK_SECTION)
			ok = (w.desc[0] & ~DOMAIN_MASK) == (mk_section(pa, t) & ~DOMAIN_MASK);
		else if (ok && w.kind == WALK_SUPERSECTION)
			ok = w.desc[0] == mk_supersection(pa, t);
		else if (ok && w.kind == WALK_SMALL)
			ok = w.desc[1] == mk_pte(pa, t);
		else if (ok)
			ok = false;
	}
	if (!ok) {
		if (model[p].type < 0)
			fail_msg("%sVA 0x%08x: want a fault; the walk gives a %s, PA 0x%llx (L1 0x%08x, L2 0x%08x)",
				 shadow.context, va, kind_name[w.kind], (unsigned long long)w.pa, w.desc[0], w.desc[1]);
		fail_msg("%sVA 0x%08x: want PA 0x%llx, %s; the walk gives a %s, PA 0x%llx (L1 0x%08x, L2 0x%08x)",
			 shadow.context, va, (unsigned long long)model[p].pa, mem_types[model[p].type].name,
			 kind_name[w.kind], (unsigned long long)(w.pa - (w.kind ? off : 0)), w.desc[0], w.desc[1]);
	}
}

/* Every page of the window, and nothing mapped outside it. */
static void check_model_all(void)
{
	for (uint32_t va = WIN_BASE; va - WIN_BASE < WIN_SIZE; va += SZ_4K)
		check_model_page(va);
	for (unsigned i = 0; i < 4096; i++)
		if ((i < WIN_BASE >> 20 || i >= (WIN_BASE + WIN_SIZE) >> 20) && fake_l1[i])
			fail_msg("%sL1 entry %u (VA 0x%08x) is 0x%08x outside the window",
				 shadow.context, i, i << 20, fake_l1[i]);
}

/* Map / unmap, keeping the model, then check everything. */
static void map_m(uint32_t va, phys_addr_t pa, uint32_t len, enum mem_type_id t, unsigned flags)
{
	assert_int_equal(map_flags(va, pa, len, t, flags), 0);
	model_map(va, pa, len, t);
}

static void unmap_m(uint32_t va, uint32_t len)
{
	assert_int_equal(remove_mapping(&fake_pt, va, len), 0);
	model_unmap(va, len);
	check_model_all();
	if (shadow.on)
		shadow_check();
	assert_table_accounting();
	assert_string_equal(captured(), "");
}

/* The kernel-domain types (all but the device). */
static const enum mem_type_id kernel_types[] = {
	MT_MEMORY_RWX, MT_MEMORY_RW, MT_MEMORY_RX, MT_MEMORY_RO,
	MT_DMA_COHERENT, MT_HIGH_VECTORS, MT_VECTOR_STUBS,
};

/* ====================================== create_mapping */

/* One aligned megabyte at an aligned PA: one section entry, no table. */
static void test_map_one_section(void **state)
{
	(void)state;
	assert_int_equal(map(0xc0000000, 0x40000000, SZ_1M, MT_MEMORY_RWX), 0);
	assert_int_equal(fake_l1[0xc00], 0x4001140e);
	assert_int_equal(fake_l1[0xbff], 0);
	assert_int_equal(fake_l1[0xc01], 0);
	assert_int_equal(fake_pt.nr_tables, 0);
	assert_int_equal(fake.alloc_calls, 0);
	/* A new entry over a fault entry: written out, nothing to flush. */
	assert_int_equal(fake.nr_written, 1);
	assert_int_equal(fake.nr_flush, 0);
	assert_ptr_equal(fake.ev[0].entry, &fake_l1[0xc00]);
	assert_int_equal(fake.ev[0].value, 0x4001140e);
	expect_section(0xc0000000, 0x40000000, MT_MEMORY_RWX);
	assert_string_equal(captured(), "");
}

/* 3 MB, VA and PA aligned: three consecutive sections. */
static void test_map_three_sections(void **state)
{
	(void)state;
	assert_int_equal(map(0xc0000000, 0x40000000, 3 * SZ_1M, MT_MEMORY_RWX), 0);
	for (uint32_t i = 0; i < 3; i++) {
		assert_int_equal(fake_l1[0xc00 + i], 0x4001140e + i * SZ_1M);
		expect_section(0xc0000000 + i * SZ_1M, 0x40000000 + i * SZ_1M, MT_MEMORY_RWX);
	}
	assert_int_equal(fake_l1[0xc03], 0);
	assert_int_equal(fake_pt.nr_tables, 0);
	assert_int_equal(fake.nr_written, 3);
	assert_int_equal(fake.nr_flush, 0);

	/* A device megabyte elsewhere: the device section, domain 2. */
	assert_int_equal(map(0xf8000000, 0x09000000, SZ_1M, MT_DEVICE), 0);
	assert_int_equal(fake_l1[0xf80], 0x09010456);
	expect_section(0xf8000000, 0x09000000, MT_DEVICE);
}

/* Unaligned start and end: pages up to the first megabyte boundary,
 * sections for the whole megabytes, pages after the last one; one 1 KB
 * table per partly mapped megabyte and no more. */
static void test_map_unaligned_edges(void **state)
{
	const uint32_t va = 0xc0001000, len = 3 * SZ_1M - 2 * SZ_4K;
	const phys_addr_t pa = 0x40001000;

	(void)state;
	assert_int_equal(map(va, pa, len, MT_MEMORY_RWX), 0);
	assert_int_equal(fake_pt.nr_tables, 2);
	assert_int_equal(fake.alloc_calls, 2);
	/* first megabyte: 255 pages, the first page left unmapped */
	assert_int_equal(fake_l1[0xc00] & 3, 1);
	expect_fault(0xc0000000, 2);
	expect_pages(0xc0001000, 0x40001000, SZ_1M - SZ_4K, MT_MEMORY_RWX);
	/* middle: a section */
	assert_int_equal(fake_l1[0xc01], 0x4011140e);
	expect_section(0xc0100000, 0x40100000, MT_MEMORY_RWX);
	/* last megabyte: 255 pages, the last page unmapped */
	assert_int_equal(fake_l1[0xc02] & 3, 1);
	expect_pages(0xc0200000, 0x40200000, SZ_1M - SZ_4K, MT_MEMORY_RWX);
	expect_fault(0xc02ff000, 2);
	expect_fault(0xc0300000, 1);
	assert_int_equal(fake.nr_flush, 0);		/* nothing valid was replaced */

	/* The two tables are different 1 KB tables of the fake RAM. */
	assert_int_equal(fake_l1[0xc00] & 0xfffffc00u, FAKE_PHYS_BASE);
	assert_int_equal(fake_l1[0xc02] & 0xfffffc00u, FAKE_PHYS_BASE + 0x400);
	assert_int_equal(fake_l1[0xc00], FAKE_PHYS_BASE | 0x1);
	assert_string_equal(captured(), "");
}

/* Less than a megabyte across a megabyte boundary: two tables, no section. */
static void test_map_small_across_boundary(void **state)
{
	(void)state;
	assert_int_equal(map(0xc0080000, 0x40080000, SZ_1M, MT_MEMORY_RWX), 0);
	assert_int_equal(fake_pt.nr_tables, 2);
	expect_fault(0xc007f000, 2);
	expect_pages(0xc0080000, 0x40080000, SZ_1M, MT_MEMORY_RWX);
	expect_fault(0xc0180000, 2);
}

/* An aligned megabyte whose PA is not 1 MB aligned cannot be a section
 * (the section base is PA[31:20]): pages, one table per megabyte. */
static void test_map_pa_not_section_aligned(void **state)
{
	(void)state;
	assert_int_equal(map(0xc0000000, 0x40001000, 3 * SZ_1M, MT_MEMORY_RWX), 0);
	assert_int_equal(fake_pt.nr_tables, 3);
	for (unsigned i = 0; i < 3; i++)
		assert_int_equal(fake_l1[0xc00 + i] & 3, 1);
	expect_pages(0xc0000000, 0x40001000, 3 * SZ_1M, MT_MEMORY_RWX);
}

/* One 4 KB page: one table, one entry, everything else a fault. */
static void test_map_single_page(void **state)
{
	uint32_t *table;

	(void)state;
	assert_int_equal(map(0xf8005000, 0x09000000, SZ_4K, MT_DEVICE), 0);
	assert_int_equal(fake_pt.nr_tables, 1);
	assert_int_equal(fake_l1[0xf80], FAKE_PHYS_BASE | 0x41);	/* table, domain 2 */
	table = l2_table_of(0xf8005000);
	for (unsigned i = 0; i < 256; i++)
		assert_int_equal(table[i], i == 5 ? 0x09000417u : 0);
	expect_page(0xf8005000, 0x09000000, MT_DEVICE);
	expect_fault(0xf8004000, 2);
	expect_fault(0xf8006000, 2);
	/* The table is written out before the L1 entry points at it. */
	assert_true(next_written_range(0, table, 256) >= 0);
	assert_true(next_written_range(0, table, 256) < next_written(0, &fake_l1[0xf80]));
	assert_int_equal(fake.nr_flush, 0);
}

/* A table made for a page takes the domain of the page's type (the
 * page-table descriptor holds it, B3.5.1): 2 for a device page, 0 for
 * every kernel type. */
static void test_map_new_table_domain(void **state)
{
	(void)state;
	for (unsigned t = 0; t < NR_MEM_TYPES; t++) {
		uint32_t va = 0xc0000000 + t * SZ_1M + 0x3000;
		phys_addr_t pa = 0x40000000 + (phys_addr_t)t * SZ_16M + 0x7000;

		assert_int_equal(map(va, pa, SZ_4K, t), 0);
		assert_int_equal(fake_l1[va >> 20], (FAKE_PHYS_BASE + t * 0x400) | want_types[t].l1);
		assert_int_equal(domain_of(fake_l1[va >> 20]),
				 t == MT_DEVICE ? 2 : t == MT_USER_RX || t == MT_USER_RW ? 1 : 0);
		assert_int_equal(*pte_of(va), (uint32_t)pa | want_types[t].pte);
		expect_page(va, pa, t);
	}
	assert_int_equal(fake_pt.nr_tables, NR_MEM_TYPES);
	assert_string_equal(captured(), "");
}

/* MAP_PXN (user tables from 3.19): a new page table's descriptor gets
 * PXN (bit 2, B3.5.1) and keeps its domain; a section gets its own PXN
 * (bit 0); a table made without the flag has none; the small pages
 * themselves are exactly their type's. */
static void test_map_pxn(void **state)
{
	(void)state;
	assert_int_equal(map_flags(0x00008000, 0x40123000, SZ_4K, MT_USER_RX, MAP_PXN), 0);
	assert_int_equal(fake_l1[0], FAKE_PHYS_BASE | 0x21 | (1u << 2));
	assert_int_equal(*pte_of(0x00008000), 0x40123000 | 0xe7e);
	expect_page_in(0x00008000, 0x40123000, MT_USER_RX, 1);
	/* a second page joins the table as it is */
	assert_int_equal(map_flags(0x00009000, 0x40124000, SZ_4K, MT_USER_RW, MAP_PXN), 0);
	assert_int_equal(fake_pt.nr_tables, 1);
	assert_int_equal(*pte_of(0x00009000), 0x40124000 | 0xc7f);
	/* a section */
	assert_int_equal(map_flags(0x00200000, 0x40200000, SZ_1M, MT_USER_RW, MAP_PXN), 0);
	assert_int_equal(fake_l1[2], 0x40200000 | 0x31c3e | 1u);
	/* without the flag, no PXN */
	assert_int_equal(map(0x00300000 + 0x1000, 0x40301000, SZ_4K, MT_USER_RX), 0);
	assert_int_equal(fake_l1[3], (FAKE_PHYS_BASE + 0x400) | 0x21);
	assert_string_equal(captured(), "");
}

/* The last megabyte of the address space (L1 index 4095): the end of the
 * mapping is exactly 4 GB, which is allowed; the chunk arithmetic wraps
 * to 0 there. */
static void test_map_top_megabyte(void **state)
{
	(void)state;
	assert_int_equal(map(0xfff00000, 0x40000000, SZ_1M, MT_MEMORY_RWX), 0);
	assert_int_equal(fake_l1[4095], 0x4001140e);
	assert_int_equal(fake_l1[0], 0);
	expect_section(0xfff00000, 0x40000000, MT_MEMORY_RWX);
	assert_string_equal(captured(), "");
}

static void test_map_ending_at_4g(void **state)
{
	(void)state;
	/* two sections up to 4 GB */
	assert_int_equal(map(0xffe00000, 0x40000000, 2 * SZ_1M, MT_MEMORY_RWX), 0);
	assert_int_equal(fake_l1[4094], 0x4001140e);
	assert_int_equal(fake_l1[4095], 0x4011140e);
	assert_int_equal(fake_l1[0], 0);

	/* pages up to 4 GB (the high vectors page lives at 0xffff0000) */
	setup_pt(NULL);
	assert_int_equal(map(0xffff0000, 0x40000000, 0x10000, MT_MEMORY_RWX), 0);
	assert_int_equal(fake_pt.nr_tables, 1);
	expect_fault(0xfffef000, 2);
	expect_pages(0xffff0000, 0x40000000, 0x10000, MT_MEMORY_RWX);
	assert_int_equal(fake_l1[0], 0);

	/* the very last page */
	setup_pt(NULL);
	assert_int_equal(map(0xfffff000, 0x09000000, SZ_4K, MT_DEVICE), 0);
	expect_page(0xfffff000, 0x09000000, MT_DEVICE);
	assert_int_equal(*pte_of(0xfffff000), 0x09000417);
	assert_string_equal(captured(), "");
}

static void expect_rejected(uint32_t va, phys_addr_t pa, uint32_t len, enum mem_type_id t)
{
	char want[128];

	setup_pt(NULL);
	assert_int_equal(map(va, pa, len, t), -1);
	snprintf(want, sizeof(want), "vmsplit: cannot map 0x%08x (+0x%x): ", va, len);
	assert_contains(captured(), want);
	assert_true(l1_all_zero());
	assert_int_equal(fake.nr_events, 0);
	assert_int_equal(fake.alloc_calls, 0);
	assert_int_equal(fake_pt.nr_tables, 0);
}

/* create_mapping only takes page-aligned VA, PA and length (a small page
 * is the smallest unit, B3.5), a non-empty range inside the 4 GB virtual
 * space, and a known memory type; anything else is refused, with a
 * message, before any entry is touched. */
static void test_map_rejects_bad_arguments(void **state)
{
	(void)state;
	expect_rejected(0xc0000800, 0x40000000, SZ_4K, MT_MEMORY_RWX);	/* VA */
	expect_rejected(0xc0000000, 0x40000800, SZ_4K, MT_MEMORY_RWX);	/* PA */
	expect_rejected(0xc0000000, 0x40000000, SZ_4K + 1, MT_MEMORY_RWX);	/* length */
	expect_rejected(0xc0000000, 0x40000000, 0, MT_MEMORY_RWX);		/* empty */
	expect_rejected(0xfffff000, 0x40000000, 2 * SZ_4K, MT_MEMORY_RWX);	/* wraps */
	expect_rejected(0xfff00000, 0x40000000, 2 * SZ_1M, MT_MEMORY_RWX);	/* wraps */
	expect_rejected(0x00002000, 0x40000000, 0xfffff000u, MT_MEMORY_RWX);	/* wraps */
	assert_contains(captured(), "not page aligned, or past 4 GB virtual or physical\n");
}

static void test_map_rejects_bad_type(void **state)
{
	(void)state;
	expect_rejected(0xc0000000, 0x40000000, SZ_1M, NR_MEM_TYPES);
	expect_rejected(0xc0000000, 0x40000000, SZ_4K, (enum mem_type_id)(NR_MEM_TYPES + 7));
}

/* Without LPAE a section holds PA[31:20] and a small page PA[31:12]
 * (B3.5.1); only supersections reach above 4 GB.  A PA at or above 4 GB,
 * or a range crossing it, cannot be expressed with these descriptors and
 * must be refused (types.h: memory above 4 GB is "seen and refused with
 * a message"), not silently truncated to a low address. */
static void test_map_rejects_pa_above_4g(void **state)
{
	(void)state;
	expect_rejected(0xc0000000, 0x100000000ull, SZ_1M, MT_MEMORY_RWX);
	expect_rejected(0xc0000000, 0x100001000ull, SZ_4K, MT_MEMORY_RWX);
	expect_rejected(0xc0000000, 0xfff00000ull, 2 * SZ_1M, MT_MEMORY_RWX);
}

/* Mapping again exactly what is there changes nothing: no write, no
 * flush, no new table. */
static void test_map_same_again_is_quiet(void **state)
{
	unsigned mark;

	(void)state;
	assert_int_equal(map(0xc0000000, 0x40000000, SZ_1M, MT_MEMORY_RWX), 0);
	assert_int_equal(map(0xc0100000, 0x40100000, 2 * SZ_4K, MT_MEMORY_RWX), 0);
	mark = fake.nr_events;
	assert_int_equal(map(0xc0000000, 0x40000000, SZ_1M, MT_MEMORY_RWX), 0);
	assert_int_equal(map(0xc0100000, 0x40100000, 2 * SZ_4K, MT_MEMORY_RWX), 0);
	assert_int_equal(fake.nr_events, mark);
	assert_int_equal(fake_pt.nr_tables, 1);
	assert_string_equal(captured(), "");
}

/* ====================================== supersections */

/* The descriptor of the supersection mapping PA 'pa' with type t, as
 * B3.5.1 lays it out: base 31:24, bit 18, the section's bits without a
 * domain. */
static uint32_t super_of(phys_addr_t pa, enum mem_type_id t)
{
	return ((uint32_t)pa & 0xff000000u) | SUPER_BIT | (want_types[t].sect & ~DOMAIN_MASK);
}

static void expect_super(uint32_t va, phys_addr_t pa, enum mem_type_id t)
{
	static const uint32_t offs[] = { 0, 0x123456, 0xabcdef, 0xffffff };
	struct walk w;

	for (unsigned i = 0; i < ARRAY_SIZE(offs); i++) {
		pgtable_walk(&fake_pt, va + offs[i], &w);
		assert_int_equal(w.kind, WALK_SUPERSECTION);
		assert_int_equal(w.level, 1);
		assert_int_equal(w.desc[0], super_of(pa, t));
		assert_int_equal(w.pa, pa + offs[i]);
	}
	for (unsigned i = 0; i < 16; i++)		/* repeated in 16 entries */
		assert_int_equal(fake_l1[(va >> 20) + i], super_of(pa, t));
}

/*
 * MAP_SUPERSECTIONS, VA and PA 16 MB aligned, 32 MB: 32 first-level
 * entries holding two supersection values, each group of 16 written out
 * with one written() (B3.5.1: a supersection is written into 16
 * consecutive entries).  Nothing valid was replaced: no flush, no table.
 */
static void test_map_supersections_aligned(void **state)
{
	unsigned mark;

	(void)state;
	shadow_start();
	assert_int_equal(map_flags(0xc0000000, 0x40000000, SZ_32M, MT_MEMORY_RWX, MAP_SUPERSECTIONS), 0);
	for (unsigned i = 0; i < 16; i++) {
		assert_int_equal(fake_l1[0xc00 + i], 0x4005140e);
		assert_int_equal(fake_l1[0xc10 + i], 0x4105140e);
	}
	assert_int_equal(fake_l1[0xbff], 0);
	assert_int_equal(fake_l1[0xc20], 0);
	{
		const struct want_ev want[] = {
			WR(&fake_l1[0xc00], 16, 0x4005140e), WR(&fake_l1[0xc10], 16, 0x4105140e),
		};

		assert_events(0, want, ARRAY_SIZE(want));
		for (unsigned i = 0; i < 16; i++) {
			assert_int_equal(fake.ev[0].vals[i], 0x4005140e);
			assert_int_equal(fake.ev[1].vals[i], 0x4105140e);
		}
	}
	assert_int_equal(fake_pt.nr_tables, 0);
	assert_int_equal(fake.alloc_calls, 0);
	expect_super(0xc0000000, 0x40000000, MT_MEMORY_RWX);
	expect_super(0xc1000000, 0x41000000, MT_MEMORY_RWX);
	shadow_check();

	/* Devices are domain 2 and a supersection has no domain field: as
	 * Linux, no supersections for them: sixteen device sections. */
	mark = fake.nr_events;
	assert_int_equal(map_flags(0xe0000000, 0x10000000, SZ_16M, MT_DEVICE, MAP_SUPERSECTIONS), 0);
	for (unsigned i = 0; i < 16; i++) {
		assert_int_equal(fake_l1[0xe00 + i], 0x10010456 + (i << 20));
		assert_int_equal(mem_type_of_section(fake_l1[0xe00 + i]), MT_DEVICE);
	}
	assert_int_equal(fake.nr_events, mark + 16);
	shadow_check();
	assert_string_equal(captured(), "");
}

/*
 * An unaligned start: pages up to the first megabyte boundary, sections up
 * to the 16 MB boundary, supersections while 16 MB are left, then sections
 * and the pages of the last partial megabyte.
 */
static void test_map_supersections_unaligned_start(void **state)
{
	const uint32_t va = 0xc0dfe000, len = 2 * SZ_4K + 2 * SZ_1M + SZ_32M + 3 * SZ_1M + SZ_4K;
	const phys_addr_t pa = 0x40dfe000;
	uint32_t *t0, *t1;

	(void)state;
	shadow_start();
	assert_int_equal(map_flags(va, pa, len, MT_MEMORY_RW, MAP_SUPERSECTIONS), 0);
	assert_int_equal(fake_pt.nr_tables, 2);
	assert_int_equal(fake.nr_super_made, 2);
	assert_int_equal(fake.nr_flush, 0);
	/* 0xc0d: two pages */
	t0 = l2_table_of(0xc0d00000);
	for (unsigned i = 0; i < 256; i++)
		assert_int_equal(t0[i], i >= 0xfe ? 0x40d0045fu + (i << 12) : 0);
	/* 0xc0e, 0xc0f: sections */
	assert_int_equal(fake_l1[0xc0e], 0x40e1141e);
	assert_int_equal(fake_l1[0xc0f], 0x40f1141e);
	/* 0xc10..0xc2f: two supersections */
	expect_super(0xc1000000, 0x41000000, MT_MEMORY_RW);
	expect_super(0xc2000000, 0x42000000, MT_MEMORY_RW);
	assert_int_equal(fake_l1[0xc10], 0x4105141e);
	/* 0xc30..0xc32: sections (3 MB left: less than 16 MB) */
	for (unsigned i = 0; i < 3; i++)
		assert_int_equal(fake_l1[0xc30 + i], 0x4301141eu + (i << 20));
	/* 0xc33: one page */
	t1 = l2_table_of(0xc3300000);
	for (unsigned i = 0; i < 256; i++)
		assert_int_equal(t1[i], i == 0 ? 0x4330045fu : 0);
	assert_int_equal(fake_l1[0xc34], 0);
	assert_int_equal(fake_l1[0xc0c], 0);
	for (uint32_t off = 0; off < len; off += SZ_4K) {
		struct walk w;

		pgtable_walk(&fake_pt, va + off, &w);
		assert_int_equal(w.pa, pa + off);
	}
	expect_fault(0xc0dfd000, 2);
	expect_fault(0xc3301000, 2);
	shadow_check();
}

/* Sections only: when not asked; when the PA is not 16 MB aligned; when
 * no whole aligned 16 MB is inside the range (B3.5.1: a supersection maps
 * VA[23:0] onto PA[23:0] of a 16 MB aligned block). */
static void test_map_supersections_only_when_possible(void **state)
{
	static const struct {
		uint32_t va;
		phys_addr_t pa;
		uint32_t len;
		unsigned flags;
	} cases[] = {
		{ 0xc0000000, 0x40000000, SZ_32M, 0 },				/* not asked */
		{ 0xc0000000, 0x40100000, SZ_32M, MAP_SUPERSECTIONS },		/* PA 1 MB aligned */
		{ 0xc0100000, 0x40100000, SZ_16M, MAP_SUPERSECTIONS },		/* no aligned 16 MB */
		{ 0xc0000000, 0x40000000, SZ_16M - SZ_1M, MAP_SUPERSECTIONS },	/* 15 MB */
		{ 0xc1000000, 0x40000000 + SZ_8M, SZ_16M, MAP_SUPERSECTIONS },	/* PA 8 MB aligned */
	};

	(void)state;
	for (unsigned c = 0; c < ARRAY_SIZE(cases); c++) {
		setup_pt(NULL);
		assert_int_equal(map_flags(cases[c].va, cases[c].pa, cases[c].len, MT_MEMORY_RWX,
					   cases[c].flags), 0);
		for (uint32_t off = 0; off < cases[c].len; off += SZ_1M)
			assert_int_equal(fake_l1[(cases[c].va + off) >> 20],
					 mk_section(cases[c].pa + off, MT_MEMORY_RWX));
		assert_int_equal(fake.nr_super_made, 0);
		assert_int_equal(fake.nr_written, cases[c].len / SZ_1M);
		assert_int_equal(fake_pt.nr_tables, 0);
	}
}

/*
 * A section already inside the 16 MB: no supersection is written over it
 * (that would replace a valid entry without a break); the 16 MB is mapped
 * with sections, the old section replaced by break-before-make (B3.10.1).
 */
static void test_map_supersection_falls_back_over_section(void **state)
{
	struct want_ev want[18];
	unsigned n = 0;

	(void)state;
	assert_int_equal(map(0xc0500000, 0x50000000, SZ_1M, MT_MEMORY_RO), 0);
	shadow_start();
	assert_int_equal(map_flags(0xc0000000, 0x40000000, SZ_16M, MT_MEMORY_RWX, MAP_SUPERSECTIONS), 0);
	for (uint32_t i = 0; i < 16; i++) {
		assert_int_equal(fake_l1[0xc00 + i], 0x4001140eu + (i << 20));
		if (i == 5) {
			want[n++] = (struct want_ev)WR(&fake_l1[0xc05], 1, 0);
			want[n++] = (struct want_ev)FL(0xc0500000, SZ_1M);
		}
		want[n++] = (struct want_ev)WR(&fake_l1[0xc00 + i], 1, 0x4001140eu + (i << 20));
	}
	/* mark 1: the first event after the section at 0xc05 was mapped */
	assert_events(1, want, n);
	assert_int_equal(fake.nr_super_made, 0);
	shadow_check();
	assert_string_equal(captured(), "");
}

/* A table inside the 16 MB: no supersection either; the sections before it
 * are mapped, and the table is refused as for any section over a table
 * (it would drop the table's pages): -1, the message, the table kept. */
static void test_map_supersection_over_table(void **state)
{
	uint32_t desc;

	(void)state;
	assert_int_equal(map(0xc0305000, 0x48000000, SZ_4K, MT_MEMORY_RW), 0);
	desc = fake_l1[0xc03];
	shadow_start();
	assert_int_equal(map_flags(0xc0000000, 0x40000000, SZ_16M, MT_MEMORY_RWX, MAP_SUPERSECTIONS), -1);
	assert_string_equal(captured(),
			    "vmsplit: 0xc0300000 is mapped with pages; unmap it before mapping a section\n");
	for (uint32_t i = 0; i < 3; i++)
		assert_int_equal(fake_l1[0xc00 + i], 0x4001140eu + (i << 20));
	assert_int_equal(fake_l1[0xc03], desc);
	for (uint32_t i = 4; i < 16; i++)
		assert_int_equal(fake_l1[0xc00 + i], 0);
	expect_page(0xc0305000, 0x48000000, MT_MEMORY_RW);
	assert_int_equal(fake.nr_super_made, 0);
	shadow_check();
}

/* The same supersection mapped again: the same entries, no flush, no
 * break. */
static void test_map_supersection_same_again(void **state)
{
	unsigned mark;

	(void)state;
	assert_int_equal(map_flags(0xc1000000, 0x41000000, SZ_16M, MT_MEMORY_RX, MAP_SUPERSECTIONS), 0);
	shadow_start();
	mark = fake.nr_events;
	assert_int_equal(map_flags(0xc1000000, 0x41000000, SZ_16M, MT_MEMORY_RX, MAP_SUPERSECTIONS), 0);
	expect_super(0xc1000000, 0x41000000, MT_MEMORY_RX);
	for (unsigned i = mark; i < fake.nr_events; i++) {
		assert_int_equal(fake.ev[i].kind, EV_WRITTEN);
		assert_int_equal(fake.ev[i].value, super_of(0x41000000, MT_MEMORY_RX));
	}
	shadow_check();
}

/* A supersection remapped elsewhere with other attributes: every address
 * of the 16 MB ends on the new PA with the new bits, with break-before-
 * make all the way (the checker), whatever descriptors carry it. */
static void test_remap_supersection(void **state)
{
	(void)state;
	assert_int_equal(map_flags(0xc1000000, 0x43000000, SZ_16M, MT_MEMORY_RWX, MAP_SUPERSECTIONS), 0);
	shadow_start();
	assert_int_equal(map_flags(0xc1000000, 0x60000000, SZ_16M, MT_MEMORY_RO, MAP_SUPERSECTIONS), 0);
	for (uint32_t off = 0; off < SZ_16M; off += SZ_1M / 4) {
		struct walk w;

		pgtable_walk(&fake_pt, 0xc1000000 + off + 0x10, &w);
		assert_int_equal(w.pa, 0x60000000 + off + 0x10);
		assert_true(w.kind == WALK_SECTION || w.kind == WALK_SUPERSECTION);
		assert_int_equal(mem_type_of_section(w.desc[0]), MT_MEMORY_RO);
	}
	shadow_check();
	assert_int_equal(fake_pt.nr_tables, 0);
}

/*
 * A page inside a supersection: one TLB entry may hold the whole 16 MB, so
 * all 16 entries are broken together -- zeroed, written out, the TLB
 * flushed for the 16 MB (B3.10.1) -- before 16 sections with the same
 * attributes (domain 0, as the supersection was) are written; then that
 * one megabyte becomes a table as a section would.  Every other address
 * keeps its PA.
 */
static void test_page_inside_supersection_splits(void **state)
{
	uint32_t *t;
	int ev;

	(void)state;
	assert_int_equal(map_flags(0xc1000000, 0x43000000, SZ_16M, MT_MEMORY_RWX, MAP_SUPERSECTIONS), 0);
	assert_int_equal(fake_l1[0xc10], 0x4305140e);
	shadow_start();
	fake.nr_events = 0;
	assert_int_equal(map(0xc1305000, 0x43305000, SZ_4K, MT_MEMORY_RWX), 0);
	t = l2_table_of(0xc1300000);
	{
		const struct want_ev want[] = {
			WR(&fake_l1[0xc10], 16, 0), FL(0xc1000000, SZ_16M), WR(&fake_l1[0xc10], 16, 0x4301140e),
			WR(t, 256, 0x4330045e), WR(&fake_l1[0xc13], 1, 0), FL(0xc1300000, SZ_1M),
			WR(&fake_l1[0xc13], 1, FAKE_PHYS_BASE | 0x1),
		};

		assert_events(0, want, ARRAY_SIZE(want));	/* the page was already there */
	}
	ev = next_written_range(0, &fake_l1[0xc10], 16);
	for (uint32_t i = 0; i < 16; i++) {
		assert_int_equal(fake.ev[ev].vals[i], 0);
		assert_int_equal(fake.ev[ev + 2].vals[i], 0x4301140eu + (i << 20));
		if (i != 3)
			assert_int_equal(fake_l1[0xc10 + i], mk_section(0x43000000 + (i << 20), MT_MEMORY_RWX));
	}
	assert_int_equal(fake_l1[0xc13], FAKE_PHYS_BASE | 0x1);
	for (uint32_t i = 0; i < 256; i++)
		assert_int_equal(t[i], mk_pte(0x43300000 + (i << 12), MT_MEMORY_RWX));
	for (uint32_t off = 0; off < SZ_16M; off += SZ_4K) {
		struct walk w;

		pgtable_walk(&fake_pt, 0xc1000000 + off + 0x5a5, &w);
		assert_int_equal(w.kind, (off >> 20) == 3 ? WALK_SMALL : WALK_SECTION);
		assert_int_equal(w.pa, 0x43000000 + off + 0x5a5);
	}
	assert_int_equal(fake_pt.nr_tables, 1);
	shadow_check();

	/* A device page elsewhere inside another (RX) supersection: the split
	 * as above, the page then replaced with its own break, in the
	 * supersection's domain 0. */
	setup_pt(NULL);
	assert_int_equal(map_flags(0xc2000000, 0x44000000, SZ_16M, MT_MEMORY_RX, MAP_SUPERSECTIONS), 0);
	shadow_start();
	fake.nr_events = 0;
	assert_int_equal(map(0xc2a07000, 0x09000000, SZ_4K, MT_DEVICE), 0);
	expect_page_in(0xc2a07000, 0x09000000, MT_DEVICE, 0);
	assert_bbm(0, pte_of(0xc2a07000), 0xc2a07000, SZ_4K, 0x09000417);
	assert_true(next_flush(0, 0xc2000000, SZ_16M) >= 0);
	for (uint32_t off = 0; off < SZ_16M; off += SZ_4K)
		if (off != 0xa07000)
			expect_as_section(0xc2000000 + off, 0x44000000 + off,
					  mk_section(0x44000000 + (off & 0xfff00000u), MT_MEMORY_RX));
	shadow_check();
	assert_string_equal(captured(), "");
}

/* A section inside a supersection: the same break of all 16, then the one
 * section replaced with its own break. */
static void test_section_inside_supersection(void **state)
{
	(void)state;
	assert_int_equal(map_flags(0xc1000000, 0x43000000, SZ_16M, MT_MEMORY_RWX, MAP_SUPERSECTIONS), 0);
	shadow_start();
	fake.nr_events = 0;
	assert_int_equal(map(0xc1800000, 0x50000000, SZ_1M, MT_MEMORY_RO), 0);
	{
		const struct want_ev want[] = {
			WR(&fake_l1[0xc10], 16, 0), FL(0xc1000000, SZ_16M), WR(&fake_l1[0xc10], 16, 0x4301140e),
			WR(&fake_l1[0xc18], 1, 0), FL(0xc1800000, SZ_1M), WR(&fake_l1[0xc18], 1, 0x5001941e),
		};

		assert_events(0, want, ARRAY_SIZE(want));
	}
	for (uint32_t i = 0; i < 16; i++)
		if (i != 8)
			expect_section(0xc1000000 + (i << 20), 0x43000000 + (i << 20), MT_MEMORY_RWX);
	expect_section(0xc1800000, 0x50000000, MT_MEMORY_RO);
	shadow_check();
}

/*
 * A supersection written by hand (one descriptor in 16 consecutive
 * entries, B3.5.1; bits 23:20 are PA[35:32], here 0).  Whatever
 * create_mapping does with a page inside it (refuse it, or split), every
 * other address of that 16 MB must keep translating to the same PA.
 */
static void test_page_inside_supersection_keeps_translations(void **state)
{
	const uint32_t super = 0x40000000 | 1u << 18 | PROT_SECT_MEMORY;
	int rc;

	(void)state;
	for (unsigned i = 0; i < 16; i++)
		fake_l1[0xc10 + i] = super;
	rc = map(0xc1305000, 0x40305000, SZ_4K, MT_MEMORY_RWX);
	for (uint32_t off = 0; off < SZ_16M; off += SZ_4K) {
		struct walk w;

		pgtable_walk(&fake_pt, 0xc1000000 + off, &w);
		if (w.pa != 0x40000000 + off)
			fail_msg("create_mapping returned %d; VA 0x%08x now maps PA 0x%llx, was 0x%08x",
				 rc, 0xc1000000 + off, (unsigned long long)w.pa, 0x40000000 + off);
	}
}

/*
 * The same above 4 GB: a supersection with PA[35:32] = 5 (bits 23:20)
 * maps 0x5_4000_0000.  A section holds PA[31:20] only (B3.5.1), so such a
 * supersection cannot become sections: a page inside it, or unmapping part
 * of it, must be refused (or leave it alone); every other address must
 * keep its 36-bit PA, not be rebased silently below 4 GB.
 */
static void test_split_supersection_above_4g(void **state)
{
	const uint32_t super = 0x40000000 | 0x5u << 20 | SUPER_BIT | 0x1140e;
	const phys_addr_t base = 0x540000000ull;
	int rc[2];

	(void)state;
	for (int k = 0; k < 2; k++) {
		setup_pt(NULL);
		for (unsigned i = 0; i < 16; i++)
			fake_l1[0xc10 + i] = super;
		if (k == 0)
			rc[k] = map(0xc1305000, 0x40305000, SZ_4K, MT_MEMORY_RWX);
		else
			rc[k] = remove_mapping(&fake_pt, 0xc1800000, SZ_1M);
		for (uint32_t off = 0; off < SZ_16M; off += SZ_4K) {
			uint32_t va = 0xc1000000 + off;
			struct walk w;

			if (k == 0 ? va == 0xc1305000 : (off >> 20) == 8)
				continue;
			pgtable_walk(&fake_pt, va, &w);
			if (w.pa != base + off)
				fail_msg("%s returned %d; VA 0x%08x now maps PA 0x%llx, was 0x%llx",
					 k == 0 ? "create_mapping(0xc1305000, 4K)" :
						  "remove_mapping(0xc1800000, 1M)",
					 rc[k], va, (unsigned long long)w.pa,
					 (unsigned long long)(base + off));
		}
	}
}

/* ====================================== splitting and replacing */

/*
 * A page inside a section, same type: the section becomes a table whose
 * 256 small pages map the same PAs with the same attributes
 * (section_to_pte_prot), in the section's domain.  The L1 entry goes
 * from one valid descriptor to another: break-before-make (B3.10.1), and
 * the new table is written out before the L1 entry points at it.
 */
static void test_split_section_same_type(void **state)
{
	const uint32_t va = 0xc0000000;
	const phys_addr_t pa = 0x40000000;
	uint32_t sect, *table;
	unsigned mark;

	(void)state;
	assert_int_equal(map(va, pa, SZ_1M, MT_MEMORY_RWX), 0);
	sect = fake_l1[0xc00];
	mark = fake.nr_events;
	assert_int_equal(map(va + 0x5000, pa + 0x5000, SZ_4K, MT_MEMORY_RWX), 0);

	assert_int_equal(fake_l1[0xc00], FAKE_PHYS_BASE | 0x1);	/* table, domain 0 */
	assert_int_equal(fake_pt.nr_tables, 1);
	table = l2_table_of(va);
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t page_pa = (uint32_t)pa + i * SZ_4K;

		assert_int_equal(table[i], page_pa | section_to_pte_prot(sect));
		assert_int_equal(table[i], mk_pte(page_pa, MT_MEMORY_RWX));
		expect_as_section(va + i * SZ_4K + 0xabc, page_pa + 0xabc, sect);
	}
	assert_bbm(mark, &fake_l1[0xc00], va, SZ_1M, FAKE_PHYS_BASE | 0x1);
	{
		/* the table's 256 entries are written out before the L1 entry
		 * points at it */
		int bulk = next_written_range(mark, table, 256);
		int brk = next_written(mark, &fake_l1[0xc00]);
		int made = next_written((unsigned)brk + 1, &fake_l1[0xc00]);

		assert_true(bulk >= 0);
		assert_true(bulk < made);
	}
	/* The page itself did not change: one flush, the section's. */
	assert_int_equal(fake.nr_flush, 1);
	assert_string_equal(captured(), "");
}

/* Splitting, then pointing the page somewhere else: the split keeps the
 * other 255 pages, and the changed small page gets its own BBM. */
static void test_split_section_new_pa(void **state)
{
	const uint32_t va = 0xc0000000;
	uint32_t sect;
	unsigned mark;

	(void)state;
	assert_int_equal(map(va, 0x40000000, SZ_1M, MT_MEMORY_RWX), 0);
	sect = fake_l1[0xc00];
	mark = fake.nr_events;
	assert_int_equal(map(va + 0x5000, 0x50005000, SZ_4K, MT_MEMORY_RWX), 0);
	for (uint32_t i = 0; i < 256; i++)
		if (i != 5)
			expect_as_section(va + i * SZ_4K, 0x40000000 + i * SZ_4K, sect);
	expect_page(va + 0x5000, 0x50005000, MT_MEMORY_RWX);
	assert_bbm(mark, &fake_l1[0xc00], va, SZ_1M, FAKE_PHYS_BASE | 0x1);
	assert_bbm(mark, pte_of(va + 0x5000), va + 0x5000, SZ_4K, 0x5000545e);
}

/*
 * One table has one domain (the L1 page-table descriptor's, B3.5.1), and
 * a page joining a table takes that table's domain (the owner's rule, as
 * Linux's fixmap puts device pages in kernel-domain tables).  A device
 * page inside a memory section (domain 0): the section becomes a table of
 * the section's domain 0 with break-before-make; the device page is there
 * with its device bits; the other 255 pages translate as the section did.
 */
static void test_split_page_takes_section_domain(void **state)
{
	const uint32_t va = 0xc0000000;
	uint32_t sect;
	unsigned mark;

	(void)state;
	shadow_start();
	assert_int_equal(map(va, 0x40000000, SZ_1M, MT_MEMORY_RWX), 0);
	sect = fake_l1[0xc00];
	mark = fake.nr_events;
	assert_int_equal(map(va + 0x5000, 0x09000000, SZ_4K, MT_DEVICE), 0);
	assert_string_equal(captured(), "");
	assert_int_equal(fake_l1[0xc00], FAKE_PHYS_BASE | 0x1);		/* table, domain 0 */
	assert_int_equal(*pte_of(va + 0x5000), 0x09000417);
	expect_page_in(va + 0x5000, 0x09000000, MT_DEVICE, 0);
	for (uint32_t i = 0; i < 256; i++)
		if (i != 5)
			expect_as_section(va + i * SZ_4K + 0x10, 0x40000000 + i * SZ_4K + 0x10, sect);
	assert_bbm(mark, &fake_l1[0xc00], va, SZ_1M, FAKE_PHYS_BASE | 0x1);
	assert_bbm(mark, pte_of(va + 0x5000), va + 0x5000, SZ_4K, 0x09000417);
	shadow_check();

	/* The other way round: a memory page in a device section gets a
	 * table of domain 2. */
	setup_pt(NULL);
	shadow_start();
	assert_int_equal(map(0xf8000000, 0x09000000, SZ_1M, MT_DEVICE), 0);
	sect = fake_l1[0xf80];
	mark = fake.nr_events;
	assert_int_equal(map(0xf8001000, 0x40000000, SZ_4K, MT_MEMORY_RWX), 0);
	assert_string_equal(captured(), "");
	assert_int_equal(fake_l1[0xf80], FAKE_PHYS_BASE | 0x41);		/* table, domain 2 */
	expect_page_in(0xf8001000, 0x40000000, MT_MEMORY_RWX, 2);
	for (uint32_t i = 0; i < 256; i++)
		if (i != 1)
			expect_as_section(0xf8000000 + i * SZ_4K, 0x09000000 + i * SZ_4K, sect);
	assert_bbm(mark, &fake_l1[0xf80], 0xf8000000, SZ_1M, FAKE_PHYS_BASE | 0x41);
	assert_bbm(mark, pte_of(0xf8001000), 0xf8001000, SZ_4K, 0x4000045e);
	shadow_check();
}

/* The same rule in an existing table: a memory page joins a device page's
 * table (domain 2), a device page a memory page's table (domain 0).  No
 * new table, the L1 entry untouched; one written() of the new page and no
 * flush (it replaced a fault entry). */
static void test_page_joins_table_of_other_domain(void **state)
{
	uint32_t desc;
	unsigned mark;

	(void)state;
	assert_int_equal(map(0xf8000000, 0x09000000, SZ_4K, MT_DEVICE), 0);
	desc = fake_l1[0xf80];
	assert_int_equal(desc, FAKE_PHYS_BASE | 0x41);
	mark = fake.nr_events;
	assert_int_equal(map(0xf8001000, 0x40001000, SZ_4K, MT_MEMORY_RWX), 0);
	assert_string_equal(captured(), "");
	assert_int_equal(fake_l1[0xf80], desc);
	assert_int_equal(fake_pt.nr_tables, 1);
	assert_int_equal(fake.alloc_calls, 1);
	{
		const struct want_ev want[] = { WR(pte_of(0xf8001000), 1, 0x4000145e) };

		assert_events(mark, want, ARRAY_SIZE(want));
	}
	expect_page(0xf8000000, 0x09000000, MT_DEVICE);
	expect_page_in(0xf8001000, 0x40001000, MT_MEMORY_RWX, 2);

	assert_int_equal(map(0xc0000000, 0x40000000, SZ_4K, MT_MEMORY_RO), 0);
	desc = fake_l1[0xc00];
	assert_int_equal(desc, (FAKE_PHYS_BASE + 0x400) | 0x1);
	mark = fake.nr_events;
	assert_int_equal(map(0xc0002000, 0x09002000, SZ_4K, MT_DEVICE), 0);
	assert_int_equal(fake_l1[0xc00], desc);
	{
		const struct want_ev want[] = { WR(pte_of(0xc0002000), 1, 0x09002417) };

		assert_events(mark, want, ARRAY_SIZE(want));
	}
	expect_page_in(0xc0002000, 0x09002000, MT_DEVICE, 0);
	expect_page(0xc0000000, 0x40000000, MT_MEMORY_RO);
	assert_int_equal(fake_pt.nr_tables, 2);
}

/* A small page remapped with new attributes (here: it was strongly-ordered
 * and execute-never, it becomes normal memory), then to a new PA: each
 * time break-before-make on the pte, flushing that page (B3.10.1). */
static void test_remap_page_bbm(void **state)
{
	const uint32_t va = 0xc0005000;
	uint32_t *pte;
	unsigned mark;

	(void)state;
	assert_int_equal(map(va, 0x40005000, SZ_4K, MT_MEMORY_RWX), 0);
	pte = pte_of(va);
	*pte = 0x40005000 | 0x13;	/* small, XN, AP=01, TEX=000 C=0 B=0 */
	mark = fake.nr_events;
	assert_int_equal(map(va, 0x40005000, SZ_4K, MT_MEMORY_RWX), 0);
	assert_bbm(mark, pte, va, SZ_4K, 0x4000545e);
	assert_int_equal(fake.ev[next_flush(mark, va, SZ_4K)].len, SZ_4K);

	mark = fake.nr_events;
	assert_int_equal(map(va, 0x48000000, SZ_4K, MT_MEMORY_RWX), 0);
	assert_bbm(mark, pte, va, SZ_4K, 0x4800045e);
	assert_int_equal(fake_l1[0xc00], FAKE_PHYS_BASE | 0x1);	/* table untouched */
	assert_int_equal(fake_pt.nr_tables, 1);
	assert_string_equal(captured(), "");
}

/* A section replaced by a section elsewhere: BBM on the L1 entry, the
 * flush covering the whole megabyte. */
static void test_remap_section_bbm(void **state)
{
	unsigned mark;

	(void)state;
	assert_int_equal(map(0xc0000000, 0x40000000, SZ_1M, MT_MEMORY_RWX), 0);
	mark = fake.nr_events;
	assert_int_equal(map(0xc0000000, 0x48000000, SZ_1M, MT_MEMORY_RWX), 0);
	assert_bbm(mark, &fake_l1[0xc00], 0xc0000000, SZ_1M, 0x4801140e);
	expect_section(0xc0000000, 0x48000000, MT_MEMORY_RWX);
}

/* A section where a table exists would drop the table's other pages:
 * refused with a message, the table and its pages kept. */
static void test_section_over_table_refused(void **state)
{
	uint32_t table_desc;
	unsigned mark;

	(void)state;
	assert_int_equal(map(0xc0005000, 0x40005000, SZ_4K, MT_MEMORY_RWX), 0);
	table_desc = fake_l1[0xc00];
	mark = fake.nr_events;
	assert_int_equal(map(0xc0000000, 0x40000000, SZ_1M, MT_MEMORY_RWX), -1);
	assert_string_equal(captured(),
			    "vmsplit: 0xc0000000 is mapped with pages; unmap it before mapping a section\n");
	assert_int_equal(fake_l1[0xc00], table_desc);
	assert_int_equal(fake.nr_events, mark);
	expect_page(0xc0005000, 0x40005000, MT_MEMORY_RWX);
	expect_fault(0xc0000000, 2);
}

/* MAP_NO_AF in the short format: refused with the reason and nothing
 * written (no Access Flag with SCTLR.AFE = 0); pgtable_set_access_flag()
 * is refused the same way. */
static void test_no_access_flag_refused(void **state)
{
	unsigned mark;

	(void)state;
	mark = fake.nr_events;
	assert_int_equal(map_flags(0xc0005000, 0x40005000, SZ_4K, MT_MEMORY_RW, MAP_NO_AF), -1);
	assert_string_equal(captured(), "vmsplit: cannot map 0xc0005000 without the Access Flag: the short "
			    "format has none with SCTLR.AFE = 0 (AP[0] is a permission bit)\n");
	assert_int_equal(fake.nr_events, mark);
	expect_fault(0xc0005000, 1);
	capture_reset();
	assert_int_equal(map(0xc0005000, 0x40005000, SZ_4K, MT_MEMORY_RW), 0);
	assert_int_equal(pgtable_set_access_flag(&fake_pt, 0xc0005000), -1);
	assert_string_equal(captured(), "vmsplit: the short-descriptor format has no Access Flag (SCTLR.AFE = 0)\n");
	expect_page(0xc0005000, 0x40005000, MT_MEMORY_RW);
}

/* No memory for a second-level table: an error with a message, and the
 * L1 entry (fault or section) is left as it was. */
static void test_alloc_l2_failure(void **state)
{
	unsigned mark;

	(void)state;
	fake.fail = true;
	assert_int_equal(map(0xc0005000, 0x40005000, SZ_4K, MT_MEMORY_RWX), -1);
	assert_string_equal(captured(),
			    "vmsplit: out of memory for a second-level table at 0xc0005000\n");
	assert_true(l1_all_zero());
	assert_int_equal(fake.nr_events, 0);
	assert_int_equal(fake_pt.nr_tables, 0);

	/* over a section: the section stays */
	setup_pt(NULL);
	assert_int_equal(map(0xc0000000, 0x40000000, SZ_1M, MT_MEMORY_RWX), 0);
	fake.fail = true;
	mark = fake.nr_events;
	assert_int_equal(map(0xc0005000, 0x48000000, SZ_4K, MT_MEMORY_RWX), -1);
	assert_contains(captured(), "out of memory for a second-level table at 0xc0005000\n");
	assert_int_equal(fake_l1[0xc00], 0x4001140e);
	assert_int_equal(fake.nr_events, mark);
	assert_int_equal(fake_pt.nr_tables, 0);
	expect_section(0xc0000000, 0x40000000, MT_MEMORY_RWX);
}


/* ====================================== remove_mapping */

/*
 * Every test here keeps the page model (check_model_all after each
 * remove_mapping: the walker agrees with it page by page) and runs with
 * the shadow on: every removed translation flushed, every entry written
 * out, tables freed only after the flush (B3.10.1).
 */

/* A whole section: its entry zeroed and written out, the TLB flushed for
 * that megabyte; the neighbours untouched. */
static void test_remove_whole_section(void **state)
{
	unsigned mark;

	(void)state;
	shadow_start();
	map_m(0xc0000000, 0x40000000, 3 * SZ_1M, MT_MEMORY_RWX, 0);
	mark = fake.nr_events;
	unmap_m(0xc0100000, SZ_1M);
	{
		const struct want_ev want[] = { WR(&fake_l1[0xc01], 1, 0), FL(0xc0100000, SZ_1M) };

		assert_events(mark, want, ARRAY_SIZE(want));
	}
	assert_int_equal(fake_l1[0xc00], 0x4001140e);
	assert_int_equal(fake_l1[0xc01], 0);
	assert_int_equal(fake_l1[0xc02], 0x4021140e);
	expect_fault(0xc0100000, 1);
	assert_int_equal(fake_pt.nr_tables, 0);
	assert_int_equal(fake.alloc_calls, 0);
}

/*
 * Part of a section: the section becomes a table mapping the megabyte as
 * it did (written out, then linked with break-before-make), then the
 * removed pages are cleared, each written out and flushed page by page.
 */
static void test_remove_part_of_section(void **state)
{
	uint32_t sect, *t;
	unsigned mark;

	(void)state;
	shadow_start();
	map_m(0xc0000000, 0x40000000, SZ_1M, MT_MEMORY_RWX, 0);
	sect = fake_l1[0xc00];
	mark = fake.nr_events;
	unmap_m(0xc0005000, 3 * SZ_4K);
	t = l2_table_of(0xc0000000);
	{
		const struct want_ev want[] = {
			WR(t, 256, 0x4000045e), WR(&fake_l1[0xc00], 1, 0), FL(0xc0000000, SZ_1M),
			WR(&fake_l1[0xc00], 1, FAKE_PHYS_BASE | 0x1),
			WR(&t[5], 1, 0), FL(0xc0005000, SZ_4K),
			WR(&t[6], 1, 0), FL(0xc0006000, SZ_4K),
			WR(&t[7], 1, 0), FL(0xc0007000, SZ_4K),
		};

		assert_events(mark, want, ARRAY_SIZE(want));
	}
	for (uint32_t i = 0; i < 256; i++)
		assert_int_equal(t[i], i >= 5 && i <= 7 ? 0 :
				 (0x40000000 + (i << 12)) | section_to_pte_prot(sect));
	expect_fault(0xc0005000, 2);
	expect_fault(0xc0007fff, 2);
	assert_int_equal(fake_pt.nr_tables, 1);
	assert_int_equal(fake.free_calls, 0);

	/* Across a megabyte boundary: both sections split. */
	map_m(0xc0100000, 0x40100000, 2 * SZ_1M, MT_MEMORY_RO, 0);
	unmap_m(0xc01ff000, 2 * SZ_4K);
	assert_int_equal(fake_l1[0xc01] & 0x3ff, 0x1);
	assert_int_equal(fake_l1[0xc02] & 0x3ff, 0x1);
	assert_int_equal(fake_pt.nr_tables, 3);

	/* A device section: the table keeps the section's domain 2. */
	map_m(0xc0400000, 0x09000000, SZ_1M, MT_DEVICE, 0);
	unmap_m(0xc04ff000, SZ_4K);
	assert_int_equal(fake_l1[0xc04] & 0x3ff, 0x41);
	expect_page(0xc04fe000, 0x090fe000, MT_DEVICE);
}

/* Pages in a table: each cleared, written out and flushed; the table
 * still holds pages, so it stays. */
static void test_remove_pages_in_table(void **state)
{
	uint32_t desc, *t;
	unsigned mark;

	(void)state;
	shadow_start();
	map_m(0xc0010000, 0x48000000, 16 * SZ_4K, MT_MEMORY_RW, 0);
	desc = fake_l1[0xc00];
	t = l2_table_of(0xc0000000);
	mark = fake.nr_events;
	unmap_m(0xc0014000, 4 * SZ_4K);
	{
		const struct want_ev want[] = {
			WR(&t[0x14], 1, 0), FL(0xc0014000, SZ_4K), WR(&t[0x15], 1, 0), FL(0xc0015000, SZ_4K),
			WR(&t[0x16], 1, 0), FL(0xc0016000, SZ_4K), WR(&t[0x17], 1, 0), FL(0xc0017000, SZ_4K),
		};

		assert_events(mark, want, ARRAY_SIZE(want));
	}
	assert_int_equal(fake_l1[0xc00], desc);
	assert_int_equal(fake_pt.nr_tables, 1);
	assert_int_equal(fake.free_calls, 0);
}

/*
 * The last pages of a table removed: after the pages, the L1 entry is
 * cleared, written out and the megabyte flushed, and only then the table
 * goes back through free_l2 (with its PA); nr_tables counts it out.
 */
static void test_remove_empties_table_and_frees_it(void **state)
{
	uint32_t *t;
	phys_addr_t tpa;
	unsigned mark;

	(void)state;
	shadow_start();
	map_m(0xc3000000, 0x09000000, 2 * SZ_4K, MT_DEVICE, 0);
	tpa = fake_l1[0xc30] & 0xfffffc00u;
	t = l2_table_of(0xc3000000);
	mark = fake.nr_events;
	unmap_m(0xc3001000, SZ_4K);			/* one left: kept */
	{
		const struct want_ev want[] = { WR(&t[1], 1, 0), FL(0xc3001000, SZ_4K) };

		assert_events(mark, want, ARRAY_SIZE(want));
	}
	assert_int_equal(fake.free_calls, 0);
	mark = fake.nr_events;
	unmap_m(0xc3000000, SZ_4K);			/* the last one */
	{
		const struct want_ev want[] = {
			WR(&t[0], 1, 0), FL(0xc3000000, SZ_4K),
			WR(&fake_l1[0xc30], 1, 0), FL(0xc3000000, SZ_1M), FREE(tpa),
		};

		assert_events(mark, want, ARRAY_SIZE(want));
	}
	assert_int_equal(fake_l1[0xc30], 0);
	assert_int_equal(fake_pt.nr_tables, 0);
	assert_int_equal(fake.nr_live, 0);
	assert_int_equal(fake.free_calls, 1);
	expect_fault(0xc3000000, 1);

	/* A whole megabyte of pages in one call: 256 pages, then the table. */
	map_m(0xc0000000, 0x40001000, SZ_1M, MT_MEMORY_RWX, 0);	/* PA not 1 MB aligned */
	tpa = fake_l1[0xc00] & 0xfffffc00u;
	assert_int_equal(tpa, FAKE_PHYS_BASE);		/* the freed table, reused */
	t = l2_table_of(0xc0000000);
	mark = fake.nr_events;
	unmap_m(0xc0000000, SZ_1M);
	{
		struct want_ev want[2 * 256 + 3];
		unsigned n = 0;

		for (uint32_t i = 0; i < 256; i++) {
			want[n++] = (struct want_ev)WR(&t[i], 1, 0);
			want[n++] = (struct want_ev)FL(0xc0000000 + (i << 12), SZ_4K);
		}
		want[n++] = (struct want_ev)WR(&fake_l1[0xc00], 1, 0);
		want[n++] = (struct want_ev)FL(0xc0000000, SZ_1M);
		want[n++] = (struct want_ev)FREE(tpa);
		assert_events(mark, want, n);
	}
	assert_int_equal(fake.nr_live, 0);
	assert_int_equal(fake_pt.nr_tables, 0);
	assert_true(l1_all_zero());
}

/* Without free_l2 an emptied table stays: its pages are cleared and
 * flushed, the L1 entry still points at it (a level-2 fault), nr_tables
 * still counts it, and the next page there uses it. */
static void test_remove_keeps_table_without_free_l2(void **state)
{
	uint32_t desc, *t;
	unsigned mark, allocs;

	(void)state;
	fake_pt.ops = &fake_ops_keep;
	shadow_start();
	map_m(0xc0000000, 0x40000000, 2 * SZ_4K, MT_MEMORY_RWX, 0);
	desc = fake_l1[0xc00];
	t = l2_table_of(0xc0000000);
	mark = fake.nr_events;
	unmap_m(0xc0000000, 2 * SZ_4K);
	{
		const struct want_ev want[] = {
			WR(&t[0], 1, 0), FL(0xc0000000, SZ_4K), WR(&t[1], 1, 0), FL(0xc0001000, SZ_4K),
		};

		assert_events(mark, want, ARRAY_SIZE(want));
	}
	assert_int_equal(fake_l1[0xc00], desc);
	assert_int_equal(fake_pt.nr_tables, 1);
	assert_int_equal(fake.nr_live, 1);
	assert_int_equal(fake.free_calls, 0);
	expect_fault(0xc0000000, 2);

	/* the empty table's megabyte again: nothing to do */
	mark = fake.nr_events;
	unmap_m(0xc0000000, SZ_1M);
	assert_int_equal(fake.nr_events, mark);

	/* the kept table takes the next page */
	allocs = fake.alloc_calls;
	map_m(0xc0003000, 0x40003000, SZ_4K, MT_MEMORY_RWX, 0);
	assert_int_equal(fake.alloc_calls, allocs);
	assert_int_equal(fake_l1[0xc00], desc);
}

/* A whole supersection: its 16 entries zeroed and written out together,
 * the TLB flushed for the 16 MB. */
static void test_remove_whole_supersection(void **state)
{
	unsigned mark;
	int ev;

	(void)state;
	shadow_start();
	map_m(0xc0000000, 0x40000000, SZ_32M, MT_MEMORY_RWX, MAP_SUPERSECTIONS);
	mark = fake.nr_events;
	unmap_m(0xc1000000, SZ_16M);
	{
		const struct want_ev want[] = { WR(&fake_l1[0xc10], 16, 0), FL(0xc1000000, SZ_16M) };

		assert_events(mark, want, ARRAY_SIZE(want));
	}
	ev = next_written_range(mark, &fake_l1[0xc10], 16);
	for (unsigned i = 0; i < 16; i++) {
		assert_int_equal(fake.ev[ev].vals[i], 0);
		assert_int_equal(fake_l1[0xc00 + i], 0x4005140e);
		assert_int_equal(fake_l1[0xc10 + i], 0);
	}

	/* 17 MB: the supersection, then the section after it */
	map_m(0xc1000000, 0x41000000, SZ_16M + SZ_1M, MT_MEMORY_RO, MAP_SUPERSECTIONS);
	assert_int_equal(fake_l1[0xc10], 0x4105941e);
	assert_int_equal(fake_l1[0xc20], 0x4201941e);
	mark = fake.nr_events;
	unmap_m(0xc1000000, SZ_16M + SZ_1M);
	{
		const struct want_ev want[] = {
			WR(&fake_l1[0xc10], 16, 0), FL(0xc1000000, SZ_16M),
			WR(&fake_l1[0xc20], 1, 0), FL(0xc2000000, SZ_1M),
		};

		assert_events(mark, want, ARRAY_SIZE(want));
	}
	assert_int_equal(fake.alloc_calls, 0);
}

/*
 * Part of a supersection: split into sixteen sections first (all broken,
 * the 16 MB flushed, B3.10.1), then proceed as with sections: a whole
 * megabyte cleared, a partial one split into a table and its pages
 * cleared.
 */
static void test_remove_part_of_supersection(void **state)
{
	uint32_t *t;
	unsigned mark;

	(void)state;
	shadow_start();
	map_m(0xc1000000, 0x43000000, SZ_16M, MT_MEMORY_RX, MAP_SUPERSECTIONS);
	mark = fake.nr_events;
	unmap_m(0xc1300000, SZ_1M + 2 * SZ_4K);
	t = l2_table_of(0xc1400000);
	{
		const struct want_ev want[] = {
			WR(&fake_l1[0xc10], 16, 0), FL(0xc1000000, SZ_16M), WR(&fake_l1[0xc10], 16, 0x4301940e),
			WR(&fake_l1[0xc13], 1, 0), FL(0xc1300000, SZ_1M),
			WR(t, 256, 0x4340065e), WR(&fake_l1[0xc14], 1, 0), FL(0xc1400000, SZ_1M),
			WR(&fake_l1[0xc14], 1, FAKE_PHYS_BASE | 0x1),
			WR(&t[0], 1, 0), FL(0xc1400000, SZ_4K), WR(&t[1], 1, 0), FL(0xc1401000, SZ_4K),
		};

		assert_events(mark, want, ARRAY_SIZE(want));
	}
	for (uint32_t i = 0; i < 16; i++)
		if (i != 3 && i != 4)
			assert_int_equal(fake_l1[0xc10 + i], 0x4301940eu + (i << 20));
	assert_int_equal(fake_l1[0xc13], 0);

	/* 16 MB aligned but less than 16 MB: split, not removed whole */
	map_m(0xc2000000, 0x44000000, SZ_16M, MT_MEMORY_RWX, MAP_SUPERSECTIONS);
	mark = fake.nr_events;
	unmap_m(0xc2000000, SZ_16M - SZ_1M);
	assert_int_equal(fake.ev[mark + 1].kind, EV_FLUSH);
	assert_int_equal(fake.ev[mark + 1].len, SZ_16M);
	for (uint32_t i = 0; i < 15; i++)
		assert_int_equal(fake_l1[0xc20 + i], 0);
	assert_int_equal(fake_l1[0xc2f], mk_section(0x44f00000, MT_MEMORY_RWX));
	/* ... and a range ending inside one */
	map_m(0xc3000000, 0x45000000, SZ_16M, MT_MEMORY_RW, MAP_SUPERSECTIONS);
	unmap_m(0xc2f00000, SZ_1M + SZ_4K);
	assert_int_equal(fake_l1[0xc31], mk_section(0x45100000, MT_MEMORY_RW));
	assert_int_equal(fake_l1[0xc30] & 3, 1);
}

/* One range over every kind: the last megabyte of a supersection, a
 * section, a table (emptied: freed), a fault megabyte, half a section;
 * the device table after it untouched. */
static void test_remove_mixed_range(void **state)
{
	phys_addr_t tpa;
	int fl, fr;

	(void)state;
	shadow_start();
	map_m(0xc0000000, 0x40000000, SZ_16M, MT_MEMORY_RWX, MAP_SUPERSECTIONS);	/* 0xc00-0xc0f */
	map_m(0xc1000000, 0x50000000, SZ_1M, MT_MEMORY_RW, 0);			/* 0xc10 */
	map_m(0xc1100000, 0x51000000, 10 * SZ_4K, MT_MEMORY_RO, 0);		/* 0xc11 */
	map_m(0xc1300000, 0x52000000, SZ_1M, MT_DMA_COHERENT, 0);		/* 0xc13 */
	map_m(0xc1400000, 0x09000000, 4 * SZ_4K, MT_DEVICE, 0);			/* 0xc14 */
	tpa = fake_l1[0xc11] & 0xfffffc00u;
	assert_int_equal(fake_pt.nr_tables, 2);
	fake.nr_events = 0;
	unmap_m(0xc0f00000, 0xc1380000 - 0xc0f00000);
	for (uint32_t i = 0; i < 15; i++)
		assert_int_equal(fake_l1[0xc00 + i], mk_section(0x40000000 + (i << 20), MT_MEMORY_RWX));
	for (uint32_t i = 0xc0f; i <= 0xc12; i++)
		assert_int_equal(fake_l1[i], 0);
	assert_int_equal(fake_l1[0xc13] & 0x3ff, 0x1);
	expect_page(0xc1380000, 0x52080000, MT_DMA_COHERENT);
	expect_fault(0xc137f000, 2);
	expect_pages(0xc1400000, 0x09000000, 4 * SZ_4K, MT_DEVICE);
	assert_int_equal(fake.free_calls, 1);
	fl = next_flush(0, 0xc1100000, SZ_1M);
	fr = -1;
	for (unsigned i = 0; i < fake.nr_events; i++)
		if (fake.ev[i].kind == EV_FREE)
			fr = (int)i;
	assert_true(fl >= 0 && fr > fl);
	assert_int_equal(fake.ev[fr].pa, tpa);
	assert_int_equal(fake_pt.nr_tables, 2);

	/* everything else: no table left */
	unmap_m(WIN_BASE, WIN_SIZE);
	assert_true(l1_all_zero());
	assert_int_equal(fake_pt.nr_tables, 0);
	assert_int_equal(fake.nr_live, 0);
}

/* Unmapping what is not mapped changes nothing: no write, no flush, no
 * table made or freed -- over fault entries, and over fault pages of a
 * table that still holds others. */
static void test_remove_unmapped_is_quiet(void **state)
{
	unsigned mark;

	(void)state;
	shadow_start();
	unmap_m(WIN_BASE, WIN_SIZE);
	assert_int_equal(remove_mapping(&fake_pt, 0, 0xfffff000u), 0);
	assert_int_equal(fake.nr_events, 0);

	map_m(0xc0005000, 0x40005000, SZ_4K, MT_MEMORY_RW, 0);
	map_m(0xc0100000, 0x40100000, SZ_1M, MT_MEMORY_RW, MAP_SUPERSECTIONS);
	mark = fake.nr_events;
	unmap_m(0xc0009000, SZ_4K);
	unmap_m(0xc0000000, 0x5000);
	unmap_m(0xc0006000, 0xfa000);
	unmap_m(0xc0200000, WIN_BASE + WIN_SIZE - 0xc0200000);
	assert_int_equal(fake.nr_events, mark);
	assert_int_equal(fake_pt.nr_tables, 1);
	assert_int_equal(fake.alloc_calls, 1);
}

static void expect_unmap_rejected(uint32_t va, uint32_t len)
{
	static uint32_t before[4096];
	char want[128];
	unsigned mark = fake.nr_events;

	memcpy(before, fake_l1, sizeof(fake_l1));
	capture_reset();
	assert_int_equal(remove_mapping(&fake_pt, va, len), -1);
	snprintf(want, sizeof(want),
		 "vmsplit: cannot unmap 0x%08x (+0x%x): not page aligned or past 4 GB\n", va, len);
	assert_string_equal(captured(), want);
	assert_int_equal(fake.nr_events, mark);
	assert_memory_equal(before, fake_l1, sizeof(fake_l1));
}

/* remove_mapping takes a page-aligned, non-empty range inside 4 GB, like
 * create_mapping; anything else is refused with a message before any entry
 * is touched.  A range ending exactly at 4 GB is fine.  No memory for the
 * table a partial section needs: -1 with the message, the section kept. */
static void test_remove_rejects_bad_arguments(void **state)
{
	(void)state;
	shadow_start();
	assert_int_equal(map(0xc0000000, 0x40000000, SZ_1M, MT_MEMORY_RWX), 0);
	assert_int_equal(map(0xfffff000, 0x09000000, SZ_4K, MT_DEVICE), 0);
	expect_unmap_rejected(0xc0000800, SZ_4K);		/* VA */
	expect_unmap_rejected(0xc0000000, SZ_4K + 1);		/* length */
	expect_unmap_rejected(0xc0000000, 0x800);
	expect_unmap_rejected(0xc0000000, 0);			/* empty */
	expect_unmap_rejected(0xfffff000, 2 * SZ_4K);		/* past 4 GB */
	expect_unmap_rejected(0xfff00000, 2 * SZ_1M);
	expect_unmap_rejected(0x00002000, 0xfffff000u);

	capture_reset();
	assert_int_equal(remove_mapping(&fake_pt, 0xfffff000, SZ_4K), 0);	/* up to 4 GB */
	assert_int_equal(fake_l1[4095], 0);
	assert_int_equal(fake.nr_live, 0);

	fake.fail = true;
	{
		unsigned mark = fake.nr_events;

		assert_int_equal(remove_mapping(&fake_pt, 0xc0005000, SZ_4K), -1);
		assert_string_equal(captured(),
				    "vmsplit: out of memory for a second-level table at 0xc0005000\n");
		assert_int_equal(fake.nr_events, mark);
		assert_int_equal(fake_l1[0xc00], 0x4001140e);
	}
	shadow_check();
}

/* ====================================== random sequences against the model */

static uint64_t rng_state;

static uint32_t rnd_below(uint32_t n)		/* xorshift64*, deterministic */
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)(((rng_state * 0x2545f4914f6cdd1dull) >> 32) % n);
}

/* 4 KB .. 40 MB: any number of pages, whole megabytes, 16 or 32 MB, or a
 * few pages (tables with a handful of entries). */
static uint32_t rnd_len(void)
{
	switch (rnd_below(4)) {
	case 0: return (1 + rnd_below(40 * 256)) * SZ_4K;
	case 1: return (1 + rnd_below(40)) * SZ_1M;
	case 2: return (1 + rnd_below(2)) * SZ_16M;
	default: return (1 + rnd_below(16)) * SZ_4K;
	}
}

/* A start in the window with room for len, aligned to 4 KB, 1 MB or 16 MB. */
static uint32_t rnd_va(uint32_t len)
{
	static const uint32_t gran[] = { SZ_4K, SZ_1M, SZ_16M };
	uint32_t room = (WIN_SIZE - len) / SZ_4K + 1;

	return WIN_BASE + ALIGN_DOWN(rnd_below(room) * SZ_4K, gran[rnd_below(3)]);
}

/* What must hold between operations: B3.5.1's supersection repeated in 16
 * consecutive entries; kernel-domain entries only (domain 0); with
 * free_l2, no empty table left behind. */
static void check_l1_invariants(void)
{
	for (unsigned i = WIN_BASE >> 20; i < (WIN_BASE + WIN_SIZE) >> 20; i++) {
		uint32_t d = fake_l1[i];

		if ((d & 2) && (d & SUPER_BIT)) {
			for (unsigned k = i & ~15u; k < (i & ~15u) + 16; k++)
				if (fake_l1[k] != d)
					fail_msg("%ssupersection 0x%08x at L1 %u, but L1 %u is 0x%08x",
						 shadow.context, d, i, k, fake_l1[k]);
		} else if (d & 3) {
			if (domain_of(d))
				fail_msg("%sL1 %u (0x%08x): domain %u", shadow.context, i, d, domain_of(d));
		}
		if ((d & 3) == 1) {
			const uint32_t *t = fake_table_ptr(&fake, d & 0xfffffc00u);
			bool any = false;

			for (unsigned k = 0; k < 256; k++)
				any |= t[k] != 0;
			if (!any)
				fail_msg("%sL1 %u: an empty table left behind", shadow.context, i);
		}
	}
}

static void check_sampled(uint32_t va, uint32_t len)
{
	const uint64_t end = (uint64_t)va + len;

	for (int i = 0; i < 64; i++)
		check_model_page(WIN_BASE + rnd_below(WIN_PAGES) * SZ_4K);
	for (int64_t a = (int64_t)va - SZ_4K; a <= (int64_t)end; a += SZ_4K) {
		bool edge = a < (int64_t)va + SZ_4K || a >= (int64_t)end - SZ_4K ||
			    (a & (SZ_1M - 1)) == 0 || (a & (SZ_1M - 1)) == SZ_1M - SZ_4K;

		if (edge && a >= WIN_BASE && a < (int64_t)WIN_BASE + WIN_SIZE)
			check_model_page((uint32_t)a);
	}
}

/*
 * 2000 random operations (seeded: the same every run) in the 64 MB window
 * at 0xc0000000: map, unmap, or replace (unmap, then map the same range;
 * it frees room for supersections).  Page-aligned VAs and PAs (PAs
 * congruent to the VA modulo 16 MB two times in three, so sections and
 * supersections happen), 4 KB to 40 MB, any kernel-domain type,
 * MAP_SUPERSECTIONS two times in three.  After each operation (and after
 * a replace's unmap): the shadow (B3.10.1, everything written out,
 * every removed translation flushed), table accounting, the L1
 * invariants, and the walker against the model on ~64 random pages plus
 * every boundary page (each end of the range and of each megabyte in it);
 * the whole window every 100 operations.  A map may be refused only with
 * "is mapped with pages", at a whole megabyte holding a table, after
 * mapping everything before it.  At the end everything is unmapped: every
 * entry a fault, every table freed.
 */
static void test_random_map_unmap_against_model(void **state)
{
	static uint32_t before[4096];
	unsigned maps = 0, refused = 0, unmaps = 0;

	(void)state;
	rng_state = 0x5eed0f7ab1e5ull;
	shadow_start();
	for (unsigned op = 0; op < 2000; op++) {
		uint32_t len = rnd_len(), va = rnd_va(len);

		unsigned kind = rnd_below(100);

		fake.nr_events = 0;
		if (kind >= 40 && kind < 60) {
			/* replace: unmap first, checked as its own operation */
			snprintf(shadow.context, sizeof(shadow.context), "op %u: unmap 0x%08x (+0x%x) to replace: ",
				 op, va, len);
			assert_int_equal(remove_mapping(&fake_pt, va, len), 0);
			model_unmap(va, len);
			unmaps++;
			shadow_check();
			assert_table_accounting();
			check_l1_invariants();
			check_sampled(va, len);
		}
		memcpy(before, fake_l1, sizeof(fake_l1));
		if (kind < 60) {
			enum mem_type_id t = kernel_types[rnd_below(ARRAY_SIZE(kernel_types))];
			unsigned flags = rnd_below(3) ? MAP_SUPERSECTIONS : 0;
			phys_addr_t pa;
			int rc;

			if (rnd_below(3))
				pa = 0x40000000 + (va - WIN_BASE) + (phys_addr_t)rnd_below(32) * SZ_16M;
			else
				pa = 0x10000000 + (phys_addr_t)rnd_below(0xc0000) * SZ_4K;
			snprintf(shadow.context, sizeof(shadow.context),
				 "op %u: map 0x%08x -> 0x%llx (+0x%x) %s%s: ", op, va,
				 (unsigned long long)pa, len, mem_types[t].name,
				 flags ? " supersections" : "");
			rc = map_flags(va, pa, len, t, flags);
			maps++;
			if (rc == 0) {
				model_map(va, pa, len, t);
			} else {
				unsigned fail_va = 0;
				char want[128];

				refused++;
				if (sscanf(captured(), "vmsplit: 0x%x is mapped", &fail_va) != 1)
					fail_msg("%s%d, \"%s\"", shadow.context, rc, captured());
				snprintf(want, sizeof(want), "vmsplit: 0x%08x is mapped with pages; "
					 "unmap it before mapping a section\n", fail_va);
				assert_string_equal(captured(), want);
				if (fail_va < va || fail_va - va >= len || fail_va & (SZ_1M - 1) ||
				    len - (fail_va - va) < SZ_1M || (pa + (fail_va - va)) & (SZ_1M - 1) ||
				    (fake_l1[fail_va >> 20] & 3) != 1 || fake_l1[fail_va >> 20] != before[fail_va >> 20])
					fail_msg("%srefused at 0x%08x, which is not a whole megabyte "
						 "already holding a table", shadow.context, fail_va);
				model_map(va, pa, fail_va - va, t);
				capture_reset();
			}
		} else {
			snprintf(shadow.context, sizeof(shadow.context), "op %u: unmap 0x%08x (+0x%x): ",
				 op, va, len);
			assert_int_equal(remove_mapping(&fake_pt, va, len), 0);
			model_unmap(va, len);
			unmaps++;
		}
		assert_string_equal(captured(), "");
		shadow_check();
		assert_table_accounting();
		check_l1_invariants();
		check_sampled(va, len);
		if (op % 100 == 99)
			check_model_all();
	}
	snprintf(shadow.context, sizeof(shadow.context), "final unmap: ");
	check_model_all();
	assert_int_equal(remove_mapping(&fake_pt, WIN_BASE, WIN_SIZE), 0);
	model_unmap(WIN_BASE, WIN_SIZE);
	check_model_all();
	shadow_check();
	assert_true(l1_all_zero());
	assert_int_equal(fake_pt.nr_tables, 0);
	assert_int_equal(fake.nr_live, 0);
	assert_int_equal(fake.alloc_calls, fake.free_calls);

	/* The sequence did exercise what it is for (this seed: 115
	 * supersections written, 115 cleared, 6041 tables freed, 1209 maps
	 * of which 318 refused, 1172 unmaps). */
	if (fake.nr_super_made < 60 || fake.nr_super_gone < 60 || fake.free_calls < 2000 ||
	    refused < 100 || maps - refused < 500 || unmaps < 500)
		fail_msg("weak sequence: %u supersections written, %u cleared, %u tables freed, "
			 "%u maps (%u refused), %u unmaps", fake.nr_super_made, fake.nr_super_gone,
			 fake.free_calls, maps, refused, unmaps);
}

/* ====================================== the walker */

/* L1 bits[1:0] = 0b00 is a translation fault at level 1, whatever the
 * other bits hold (B3.5.1). */
static void test_walk_fault(void **state)
{
	struct walk w;

	(void)state;
	memset(&w, 0xa5, sizeof(w));
	pgtable_walk(&fake_pt, 0xc0012345, &w);
	assert_int_equal(w.kind, WALK_FAULT);
	assert_int_equal(w.level, 1);
	assert_int_equal(w.desc[0], 0);
	assert_int_equal(w.desc[1], 0);
	assert_int_equal(w.pa, 0);

	fake_l1[0xc00] = 0x4001140c;		/* a section's bits, but type 0b00 */
	pgtable_walk(&fake_pt, 0xc0012345, &w);
	assert_int_equal(w.kind, WALK_FAULT);
	assert_int_equal(w.level, 1);
	assert_int_equal(w.desc[0], 0x4001140c);
}

/* Section: PA[31:20] from the descriptor, VA[19:0] as the offset. */
static void test_walk_section(void **state)
{
	struct walk w;

	(void)state;
	fake_l1[0xc01] = 0x4011140e;
	pgtable_walk(&fake_pt, 0xc0112345, &w);
	assert_int_equal(w.kind, WALK_SECTION);
	assert_int_equal(w.level, 1);
	assert_int_equal(w.desc[0], 0x4011140e);
	assert_int_equal(w.pa, 0x40112345);
	pgtable_walk(&fake_pt, 0xc01fffff, &w);
	assert_int_equal(w.pa, 0x401fffff);
	pgtable_walk(&fake_pt, 0xc0100000, &w);
	assert_int_equal(w.pa, 0x40100000);

	fake_l1[0] = 0xfff10456;			/* VA 0 and PA 0xfff00000 */
	pgtable_walk(&fake_pt, 0x000abcde, &w);
	assert_int_equal(w.pa, 0xfffabcde);
	fake_l1[4095] = 0x00010456;
	pgtable_walk(&fake_pt, 0xffffffff, &w);
	assert_int_equal(w.kind, WALK_SECTION);
	assert_int_equal(w.pa, 0x000fffff);
}

/* Supersection (bit 18 set): PA[31:24] from bits 31:24, PA[35:32] from
 * the extended base address in bits 23:20, VA[23:0] as the offset. */
static void test_walk_supersection(void **state)
{
	const uint32_t d = 0x12000000 | 0x5u << 20 | 1u << 18 | 0x1140e;
	struct walk w;

	(void)state;
	for (unsigned i = 0; i < 16; i++)
		fake_l1[0xc10 + i] = d;
	pgtable_walk(&fake_pt, 0xc1234567, &w);
	assert_int_equal(w.kind, WALK_SUPERSECTION);
	assert_int_equal(w.level, 1);
	assert_int_equal(w.desc[0], d);
	assert_int_equal(w.pa, 0x512234567ull);
	pgtable_walk(&fake_pt, 0xc1000000, &w);
	assert_int_equal(w.pa, 0x512000000ull);
	pgtable_walk(&fake_pt, 0xc1ffffff, &w);
	assert_int_equal(w.pa, 0x512ffffffull);

	/* extended base 0: below 4 GB; 0xf: PA[35:32] = 0xf */
	for (unsigned i = 0; i < 16; i++)
		fake_l1[0xd00 + i] = 0xff000000 | 1u << 18 | 0x2;
	pgtable_walk(&fake_pt, 0xd0abcdef, &w);
	assert_int_equal(w.kind, WALK_SUPERSECTION);
	assert_int_equal(w.pa, 0xffabcdefull);
	for (unsigned i = 0; i < 16; i++)
		fake_l1[0xd00 + i] = 0xff000000 | 0xfu << 20 | 1u << 18 | 0x2;
	pgtable_walk(&fake_pt, 0xd0abcdef, &w);
	assert_int_equal(w.pa, 0xfffabcdefull);
}

/* Small page: L1 type 0b01 points at a 1 KB table (bits 31:10), VA[19:12]
 * index it; L2 bits[1:0] = 0b1x (bit 0 is XN); PA[31:12] | VA[11:0]. */
static void test_walk_small_page(void **state)
{
	phys_addr_t tpa;
	uint32_t *t = craft_table(&tpa);
	struct walk w;

	(void)state;
	fake_l1[0xc00] = (uint32_t)tpa | 0x1;
	t[0x12] = 0x40123000 | 0x45e;
	t[0x13] = 0x09000000 | 0x417;		/* XN set: bits[1:0] = 0b11 */
	pgtable_walk(&fake_pt, 0xc0012abc, &w);
	assert_int_equal(w.kind, WALK_SMALL);
	assert_int_equal(w.level, 2);
	assert_int_equal(w.desc[0], (uint32_t)tpa | 0x1);
	assert_int_equal(w.desc[1], 0x4012345e);
	assert_int_equal(w.pa, 0x40123abc);
	pgtable_walk(&fake_pt, 0xc0013fff, &w);
	assert_int_equal(w.kind, WALK_SMALL);
	assert_int_equal(w.desc[1], 0x09000417);
	assert_int_equal(w.pa, 0x09000fff);

	/* PXN, NS, domain and bit 9 of the table descriptor do not move
	 * the table base. */
	fake_l1[0xc00] = (uint32_t)tpa | 1u << 9 | 0xf << 5 | 1u << 3 | 1u << 2 | 0x1;
	pgtable_walk(&fake_pt, 0xc0012abc, &w);
	assert_int_equal(w.kind, WALK_SMALL);
	assert_int_equal(w.pa, 0x40123abc);

	/* a table at the second 1 KB of the fake RAM: bits 11:10 matter */
	{
		phys_addr_t tpa2;
		uint32_t *t2 = craft_table(&tpa2);

		assert_int_equal(tpa2 & 0xfff, 0x400);
		t2[0] = 0x7ffff000 | 0x45e;
		fake_l1[0xc01] = (uint32_t)tpa2 | 0x1;
		pgtable_walk(&fake_pt, 0xc0100123, &w);
		assert_int_equal(w.kind, WALK_SMALL);
		assert_int_equal(w.pa, 0x7ffff123);
	}
}

/* Large page (L2 bits[1:0] = 0b01, 64 KB, repeated in 16 entries):
 * PA[31:16] from the descriptor, VA[15:0] as the offset. */
static void test_walk_large_page(void **state)
{
	phys_addr_t tpa;
	uint32_t *t = craft_table(&tpa);
	struct walk w;

	(void)state;
	fake_l1[0xc00] = (uint32_t)tpa | 0x1;
	for (unsigned i = 0x10; i < 0x20; i++)
		t[i] = 0x12340000 | 1u << 12 | 0x40d | 0x10;	/* TEX=001 S C B AP=01 */
	pgtable_walk(&fake_pt, 0xc0015678, &w);
	assert_int_equal(w.kind, WALK_LARGE);
	assert_int_equal(w.level, 2);
	assert_int_equal(w.desc[1], 0x1234141d);
	assert_int_equal(w.pa, 0x12345678);
	pgtable_walk(&fake_pt, 0xc001ffff, &w);
	assert_int_equal(w.pa, 0x1234ffff);
	pgtable_walk(&fake_pt, 0xc0010000, &w);
	assert_int_equal(w.pa, 0x12340000);
}

/* A fault entry (bits[1:0] = 0b00) in a table: a level-2 fault. */
static void test_walk_fault_in_table(void **state)
{
	phys_addr_t tpa;
	uint32_t *t = craft_table(&tpa);
	struct walk w;

	(void)state;
	fake_l1[0xc00] = (uint32_t)tpa | 0x1;
	t[0x21] = 0x40021000 | 0x45c;		/* page bits, type 0b00 */
	pgtable_walk(&fake_pt, 0xc0020000, &w);
	assert_int_equal(w.kind, WALK_FAULT);
	assert_int_equal(w.level, 2);
	assert_int_equal(w.desc[0], (uint32_t)tpa | 0x1);
	assert_int_equal(w.desc[1], 0);
	assert_int_equal(w.pa, 0);
	pgtable_walk(&fake_pt, 0xc0021000, &w);
	assert_int_equal(w.kind, WALK_FAULT);
	assert_int_equal(w.level, 2);
	assert_int_equal(w.desc[1], 0x4002145c);
}

/* With the Privileged execute-never extension (LPAE-capable cores such as
 * Cortex-A7/A15), L1 bits[1:0] = 0b11 is a section (or supersection) with
 * PXN set (B3.5.1). */
static void test_walk_pxn_section(void **state)
{
	struct walk w;
	char buf[256];

	(void)state;
	fake_l1[0xc00] = 0x4001140f;
	pgtable_walk(&fake_pt, 0xc0054321, &w);
	assert_int_equal(w.kind, WALK_SECTION);
	assert_int_equal(w.level, 1);
	assert_int_equal(w.pa, 0x40054321);
	describe_l1(fake_l1[0xc00], buf, sizeof(buf));
	assert_contains(buf, "section PA 0x40000000");
	assert_contains(buf, "PXN=1");

	fake_l1[0xc10] = 0x12000000 | 1u << 18 | 0x1140f;
	pgtable_walk(&fake_pt, 0xc1000010, &w);
	assert_int_equal(w.kind, WALK_SUPERSECTION);
	assert_int_equal(w.pa, 0x12000010);
}

/* ====================================== decoding */

/* AP[2:0] with SCTLR.AFE = 0 (B3.7.1, table B3-8), named in both a
 * section (AP 11:10, APX 15) and a small page (AP 5:4, APX 9). */
static void test_describe_access_permissions(void **state)
{
	static const char *const want[8] = {
		"(no access)", "(PL1 RW, PL0 none)", "(PL1 RW, PL0 RO)", "(PL1 RW, PL0 RW)",
		"(reserved)", "(PL1 RO, PL0 none)", "(PL1 RO, PL0 RO", "(PL1 RO, PL0 RO)",
	};
	char buf[256], field[32];

	(void)state;
	for (uint32_t apx = 0; apx < 2; apx++)
		for (uint32_t ap = 0; ap < 4; ap++) {
			snprintf(field, sizeof(field), "AP=%u APX=%u ", (unsigned)ap, (unsigned)apx);
			describe_l1(0x40000002 | apx << 15 | ap << 10, buf, sizeof(buf));
			assert_contains(buf, field);
			assert_contains(buf, want[apx << 2 | ap]);
			describe_l2(0x40000002 | apx << 9 | ap << 4, buf, sizeof(buf));
			assert_contains(buf, field);
			assert_contains(buf, want[apx << 2 | ap]);
		}
	describe_l2(0x40000002 | 1u << 9 | 2u << 4, buf, sizeof(buf));
	assert_contains(buf, "deprecated");
}

/* Every first-level kind, with its fields. */
static void test_describe_l1(void **state)
{
	char buf[256];

	(void)state;
	describe_l1(0x4001140e, buf, sizeof(buf));
	assert_string_equal(buf,
		"section PA 0x40000000 domain 0 AP=1 APX=0 (PL1 RW, PL0 none) TEX=001 C=1 B=1 "
		"(normal, write-back write-allocate) S=1 nG=0 XN=0 PXN=0");
	describe_l1(0x09010456, buf, sizeof(buf));
	assert_contains(buf, "section PA 0x09000000 domain 2 ");
	assert_contains(buf, "TEX=000 C=0 B=1 (shareable device)");
	assert_contains(buf, "S=1 nG=0 XN=1");
	describe_l1(0x40000002 | 1u << 17 | 0x5u << 12, buf, sizeof(buf));
	assert_contains(buf, "TEX=101 C=0 B=0 (normal, inner non-cacheable, outer write-back write-allocate)");
	assert_contains(buf, "nG=1");
	describe_l1(0x40000002, buf, sizeof(buf));
	assert_contains(buf, "(strongly-ordered)");

	describe_l1(0x12500000 | 1u << 18 | 0x1140e, buf, sizeof(buf));
	assert_contains(buf, "supersection PA 0x12000000 ");
	assert_contains(buf, "(normal, write-back write-allocate)");

	describe_l1(FAKE_PHYS_BASE | 0x400 | 0x41, buf, sizeof(buf));
	assert_string_equal(buf, "page table at PA 0x80000400 domain 2 PXN=0 NS=0");
	describe_l1(FAKE_PHYS_BASE | 0xf << 5 | 1u << 3 | 1u << 2 | 0x1, buf, sizeof(buf));
	assert_string_equal(buf, "page table at PA 0x80000000 domain 15 PXN=1 NS=1");

	describe_l1(0, buf, sizeof(buf));
	assert_string_equal(buf, "fault (no translation)");
	describe_l1(0x4001140c, buf, sizeof(buf));
	assert_string_equal(buf, "fault (no translation)");
}

/* Every second-level kind, with its fields. */
static void test_describe_l2(void **state)
{
	char buf[256];

	(void)state;
	describe_l2(0x4000145e, buf, sizeof(buf));
	assert_string_equal(buf,
		"small page PA 0x40001000 AP=1 APX=0 (PL1 RW, PL0 none) TEX=001 C=1 B=1 "
		"(normal, write-back write-allocate) S=1 nG=0 XN=0");
	describe_l2(0x09000417, buf, sizeof(buf));
	assert_contains(buf, "small page PA 0x09000000 ");
	assert_contains(buf, "(shareable device)");
	assert_contains(buf, "XN=1");
	describe_l2(0x40000002 | 1u << 11 | 2u << 6 | 0x0, buf, sizeof(buf));
	assert_contains(buf, "TEX=010 C=0 B=0 (non-shareable device)");
	assert_contains(buf, "nG=1");
	describe_l2(0x1234141d, buf, sizeof(buf));
	assert_contains(buf, "large page PA 0x12340000");
	describe_l2(0, buf, sizeof(buf));
	assert_string_equal(buf, "fault (no translation)");
	describe_l2(0x4000145c, buf, sizeof(buf));
	assert_string_equal(buf, "fault (no translation)");
}

/* The longest description fits, and a short buffer is cut, not overrun. */
static void test_describe_buffer_sizes(void **state)
{
	char buf[256], small[16];
	const uint32_t longest = 0xfff00003u | 0xf << 5 | 1u << 15 | 2u << 10 | 6u << 12 |
				 0xc | 1u << 16 | 1u << 17 | 1u << 4;

	(void)state;
	describe_l1(longest, buf, sizeof(buf));
	assert_contains(buf, "(PL1 RO, PL0 RO (deprecated))");
	assert_contains(buf, "(normal, inner write-back no write-allocate, outer write-through)");
	assert_contains(buf, " S=1 nG=1 XN=1 PXN=1");
	memset(small, 'X', sizeof(small));
	describe_l1(longest, small, 8);
	assert_string_equal(small, "section");
	assert_int_equal(small[8], 'X');
	memset(small, 'X', sizeof(small));
	describe_l2(0xfffff000u | 0xfff, small, 6);
	assert_string_equal(small, "small");
	assert_int_equal(small[6], 'X');
}

/* ====================================================================== */

#define PT_TEST(f)	cmocka_unit_test_setup(f, setup_pt)

int main(void)
{
	const struct CMUnitTest tests[] = {
		PT_TEST(test_map_one_section),
		PT_TEST(test_map_three_sections),
		PT_TEST(test_map_unaligned_edges),
		PT_TEST(test_map_small_across_boundary),
		PT_TEST(test_map_pa_not_section_aligned),
		PT_TEST(test_map_single_page),
		PT_TEST(test_map_new_table_domain),
		PT_TEST(test_map_pxn),
		PT_TEST(test_no_access_flag_refused),
		PT_TEST(test_map_top_megabyte),
		PT_TEST(test_map_ending_at_4g),
		PT_TEST(test_map_rejects_bad_arguments),
		PT_TEST(test_map_rejects_bad_type),
		PT_TEST(test_map_rejects_pa_above_4g),
		PT_TEST(test_map_same_again_is_quiet),
		PT_TEST(test_map_supersections_aligned),
		PT_TEST(test_map_supersections_unaligned_start),
		PT_TEST(test_map_supersections_only_when_possible),
		PT_TEST(test_map_supersection_falls_back_over_section),
		PT_TEST(test_map_supersection_over_table),
		PT_TEST(test_map_supersection_same_again),
		PT_TEST(test_remap_supersection),
		PT_TEST(test_page_inside_supersection_splits),
		PT_TEST(test_section_inside_supersection),
		PT_TEST(test_page_inside_supersection_keeps_translations),
		PT_TEST(test_split_supersection_above_4g),
		PT_TEST(test_split_section_same_type),
		PT_TEST(test_split_section_new_pa),
		PT_TEST(test_split_page_takes_section_domain),
		PT_TEST(test_page_joins_table_of_other_domain),
		PT_TEST(test_remap_page_bbm),
		PT_TEST(test_remap_section_bbm),
		PT_TEST(test_section_over_table_refused),
		PT_TEST(test_alloc_l2_failure),
		PT_TEST(test_remove_whole_section),
		PT_TEST(test_remove_part_of_section),
		PT_TEST(test_remove_pages_in_table),
		PT_TEST(test_remove_empties_table_and_frees_it),
		PT_TEST(test_remove_keeps_table_without_free_l2),
		PT_TEST(test_remove_whole_supersection),
		PT_TEST(test_remove_part_of_supersection),
		PT_TEST(test_remove_mixed_range),
		PT_TEST(test_remove_unmapped_is_quiet),
		PT_TEST(test_remove_rejects_bad_arguments),
		PT_TEST(test_random_map_unmap_against_model),
		PT_TEST(test_walk_fault),
		PT_TEST(test_walk_section),
		PT_TEST(test_walk_supersection),
		PT_TEST(test_walk_small_page),
		PT_TEST(test_walk_large_page),
		PT_TEST(test_walk_fault_in_table),
		PT_TEST(test_walk_pxn_section),
		cmocka_unit_test(test_describe_access_permissions),
		cmocka_unit_test(test_describe_l1),
		cmocka_unit_test(test_describe_l2),
		cmocka_unit_test(test_describe_buffer_sizes),
	};

	return cmocka_run_group_tests_name("pgtable", tests, NULL, NULL);
}
