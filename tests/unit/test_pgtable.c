/* Unit tests for the page-table code shared by kernel and host:
 *
 *   mm/mem_types.c   the memory types and descriptor encoding
 *   mm/pgtable.c     create_mapping(), the software walker, the decoders
 *   mm/memblock.c    boot-time physical memory bookkeeping
 *   kernel/fault.c   DFSR/IFSR decoding
 *
 * Architectural facts are from the ARM Architecture Reference Manual
 * ARMv7-A/R (ARM DDI 0406C): B3.5 short-descriptor translation table
 * format, B3.7 access permissions, B3.8.2 TEX/C/B memory attributes,
 * B3.10.1 break-before-make, B3.13.3 fault status encodings.  Bit
 * positions below are written as plain numbers from those tables, not
 * with the project's own macros, so the tests check the headers too.
 *
 * create_mapping() runs on a fake physical memory: a 1 KB aligned array
 * standing for RAM at FAKE_PHYS_BASE, from which alloc_l2 hands out the
 * second-level tables (and can be told to fail).  The written/flush hooks
 * log every call, with the value of the entry at the time of the call, so
 * a test can check the order of break-before-make.
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
#include "fault.h"
#include "memblock.h"
#include "pgtable.h"
#include "sizes.h"

#define assert_contains(hay, needle) do {					\
	const char *h_ = (hay), *n_ = (needle);					\
	if (!strstr(h_, n_))							\
		fail_msg("\"%s\"\n    does not contain \"%s\"", h_, n_);	\
} while (0)

/* =============================================== fake physical memory */

#define FAKE_PHYS_BASE	0x80000000u
#define FAKE_NR_L2	64			/* 1 KB tables */
#define FAKE_WORDS	(FAKE_NR_L2 * 256)

static alignas(0x400) uint32_t fake_ram[FAKE_WORDS];
static alignas(0x4000) uint32_t l1[4096];

enum ev_kind { EV_WRITTEN, EV_FLUSH };

struct event {
	enum ev_kind kind;
	const uint32_t *entry;	/* written: the first entry */
	size_t count;		/* written: how many entries */
	uint32_t value;		/* written: *entry at the time of the call */
	uint32_t va, len;	/* flush */
};

#define LOG_MAX	4096

static struct fake {
	unsigned allocated;	/* tables handed out so far */
	unsigned alloc_calls;
	bool fail;		/* alloc_l2 says "no memory" */
	unsigned nr_events;	/* may pass LOG_MAX; only LOG_MAX are kept */
	unsigned nr_written, nr_flush;
	struct event ev[LOG_MAX];
} F;

static struct pgtable pt;

static phys_addr_t fake_alloc_l2(void *ctx)
{
	struct fake *f = ctx;

	f->alloc_calls++;
	if (f->fail || f->allocated == FAKE_NR_L2)
		return 0;
	return FAKE_PHYS_BASE + (phys_addr_t)f->allocated++ * 0x400;
}

static uint32_t *fake_table_ptr(void *ctx, phys_addr_t pa)
{
	(void)ctx;
	if (pa < FAKE_PHYS_BASE || pa >= FAKE_PHYS_BASE + sizeof(fake_ram))
		fail_msg("table_ptr(0x%llx): not in the fake RAM", (unsigned long long)pa);
	assert_int_equal(pa & 0x3ff, 0);	/* tables are 1 KB aligned */
	return &fake_ram[(pa - FAKE_PHYS_BASE) / 4];
}

static bool inside(const uint32_t *p, size_t n, const uint32_t *base, size_t words)
{
	uintptr_t a = (uintptr_t)p, b = (uintptr_t)base;

	return a >= b && a + n * 4 <= b + words * 4;
}

static void log_event(struct event e)
{
	if (F.nr_events < LOG_MAX)
		F.ev[F.nr_events] = e;
	F.nr_events++;
}

static void fake_written(void *ctx, const uint32_t *entry, size_t count)
{
	(void)ctx;
	assert_true(count > 0);
	if (!inside(entry, count, l1, 4096) && !inside(entry, count, fake_ram, FAKE_WORDS))
		fail_msg("written(%p, %zu): not a table entry", (const void *)entry, count);
	F.nr_written++;
	log_event((struct event){ .kind = EV_WRITTEN, .entry = entry, .count = count,
				  .value = *entry });
}

static void fake_flush(void *ctx, uint32_t va, uint32_t len)
{
	(void)ctx;
	F.nr_flush++;
	log_event((struct event){ .kind = EV_FLUSH, .va = va, .len = len });
}

static const struct pgtable_ops fake_ops = {
	.alloc_l2 = fake_alloc_l2,
	.table_ptr = fake_table_ptr,
	.written = fake_written,
	.flush = fake_flush,
};

static int setup_pt(void **state)
{
	(void)state;
	memset(l1, 0, sizeof(l1));
	memset(fake_ram, 0, sizeof(fake_ram));
	memset(&F, 0, sizeof(F));
	pt = (struct pgtable){ .l1 = l1, .ops = &fake_ops, .ctx = &F };
	capture_reset();
	return 0;
}

static int setup_capture(void **state)
{
	(void)state;
	capture_reset();
	return 0;
}

/* ---------------------------------------------- pgtable helpers */

static int map(uint32_t va, phys_addr_t pa, uint32_t len, enum mem_type_id t)
{
	struct map_desc md = { .virt = va, .phys = pa, .length = len, .type = t };

	return create_mapping(&pt, &md);
}

static uint32_t *l1_entry(uint32_t va)
{
	return &l1[va >> 20];
}

static uint32_t *l2_table_of(uint32_t va)
{
	uint32_t d = *l1_entry(va);

	assert_int_equal(d & 3, 1);		/* a page-table descriptor */
	return fake_table_ptr(&F, d & 0xfffffc00u);
}

static uint32_t *pte_of(uint32_t va)
{
	return &l2_table_of(va)[(va >> 12) & 0xff];
}

/* A second-level table for a hand-crafted entry. */
static uint32_t *craft_table(phys_addr_t *pa)
{
	*pa = fake_alloc_l2(&F);
	assert_true(*pa != 0);
	return fake_table_ptr(&F, *pa);
}

static bool l1_all_zero(void)
{
	for (unsigned i = 0; i < 4096; i++)
		if (l1[i])
			return false;
	return true;
}

static unsigned domain_of(uint32_t l1d)
{
	return (l1d >> 5) & 0xf;
}

/* The next single-entry written() of 'entry' at or after event 'from'. */
static int next_written(unsigned from, const uint32_t *entry)
{
	assert_true(F.nr_events <= LOG_MAX);
	for (unsigned i = from; i < F.nr_events; i++)
		if (F.ev[i].kind == EV_WRITTEN && F.ev[i].count == 1 && F.ev[i].entry == entry)
			return (int)i;
	return -1;
}

/* The next written() of exactly [entry, entry + count). */
static int next_written_range(unsigned from, const uint32_t *entry, size_t count)
{
	assert_true(F.nr_events <= LOG_MAX);
	for (unsigned i = from; i < F.nr_events; i++)
		if (F.ev[i].kind == EV_WRITTEN && F.ev[i].count == count && F.ev[i].entry == entry)
			return (int)i;
	return -1;
}

/* The next flush() covering [va, va + len). */
static int next_flush(unsigned from, uint32_t va, uint32_t len)
{
	assert_true(F.nr_events <= LOG_MAX);
	for (unsigned i = from; i < F.nr_events; i++) {
		const struct event *e = &F.ev[i];

		if (e->kind == EV_FLUSH && e->va <= va &&
		    (uint64_t)va + len <= (uint64_t)e->va + e->len)
			return (int)i;
	}
	return -1;
}

/*
 * Break-before-make (ARM ARM B3.10.1): a valid entry replaced by another
 * valid one is first made a fault entry and written out, the TLB is
 * flushed for the whole span it translated, and only then the new value
 * is written.  Checks the log from event 'mark' on.
 */
static void assert_bbm(unsigned mark, const uint32_t *entry, uint32_t va, uint32_t span,
		       uint32_t new_value)
{
	int brk = next_written(mark, entry), fl, mk;

	if (brk < 0)
		fail_msg("no written() of the entry for 0x%08x", va);
	assert_int_equal(F.ev[brk].value, 0);		/* broken: a fault entry */
	fl = next_flush((unsigned)brk + 1, va, span);
	if (fl < 0)
		fail_msg("no flush of [0x%08x, +0x%x) after the break", va, span);
	mk = next_written((unsigned)brk + 1, entry);
	assert_true(mk > fl);				/* made after the flush */
	assert_int_equal(F.ev[mk].value, new_value);
	assert_int_equal(*entry, new_value);
}

/* The walk lands on the expected section / page with mk_*()'s bits. */
static void expect_section(uint32_t va, phys_addr_t pa, enum mem_type_id t)
{
	struct walk w;

	pgtable_walk(&pt, va + 0x12345, &w);
	assert_int_equal(w.kind, WALK_SECTION);
	assert_int_equal(w.level, 1);
	assert_int_equal(w.l1, mk_section(pa, t));
	assert_int_equal(w.pa, pa + 0x12345);
}

static void expect_page(uint32_t va, phys_addr_t pa, enum mem_type_id t)
{
	struct walk w;

	pgtable_walk(&pt, va + 0x321, &w);
	assert_int_equal(w.kind, WALK_SMALL);
	assert_int_equal(w.level, 2);
	assert_int_equal(w.l1 & 3, 1);
	assert_int_equal(domain_of(w.l1), domain_of(mem_types[t].prot_l1));
	assert_int_equal(w.l2, mk_pte(pa, t));
	assert_int_equal(w.pa, pa + 0x321);
}

static void expect_pages(uint32_t va, phys_addr_t pa, uint32_t len, enum mem_type_id t)
{
	for (uint32_t off = 0; off < len; off += SZ_4K)
		expect_page(va + off, pa + off, t);
}

static void expect_fault(uint32_t va, int level)
{
	struct walk w;

	pgtable_walk(&pt, va, &w);
	assert_int_equal(w.kind, WALK_FAULT);
	assert_int_equal(w.level, level);
}

/* va still translates to pa with what section 'sect' gave it: the section
 * itself, or a small page with section_to_pte_prot(sect) in a table of
 * the section's domain. */
static void expect_as_section(uint32_t va, phys_addr_t pa, uint32_t sect)
{
	struct walk w;

	pgtable_walk(&pt, va, &w);
	assert_int_equal(w.pa, pa);
	if (w.kind == WALK_SECTION) {
		assert_int_equal(w.l1, sect);
	} else {
		assert_int_equal(w.kind, WALK_SMALL);
		assert_int_equal(domain_of(w.l1), domain_of(sect));
		assert_int_equal(w.l2, ((uint32_t)pa & 0xfffff000u) | section_to_pte_prot(sect));
	}
}

/* ====================================== 1. descriptor encoding */

/* Fields of a descriptor, decoded with the ARM ARM's bit positions. */
struct attrs {
	unsigned tex, c, b, ap, apx, s, ng, xn, domain;
};

/* Section (B3.5.1, figure B3-4): B 2, C 3, XN 4, domain 8:5, AP 11:10,
 * TEX 14:12, APX 15, S 16, nG 17. */
static struct attrs sect_attrs(uint32_t d)
{
	return (struct attrs){
		.b = (d >> 2) & 1, .c = (d >> 3) & 1, .xn = (d >> 4) & 1,
		.domain = (d >> 5) & 0xf, .ap = (d >> 10) & 3, .tex = (d >> 12) & 7,
		.apx = (d >> 15) & 1, .s = (d >> 16) & 1, .ng = (d >> 17) & 1,
	};
}

/* Small page (B3.5.1, figure B3-5): XN 0, B 2, C 3, AP 5:4, TEX 8:6,
 * APX 9, S 10, nG 11.  No domain: the table's L1 entry has it. */
static struct attrs pte_attrs(uint32_t d)
{
	return (struct attrs){
		.xn = d & 1, .b = (d >> 2) & 1, .c = (d >> 3) & 1, .ap = (d >> 4) & 3,
		.tex = (d >> 6) & 7, .apx = (d >> 9) & 1, .s = (d >> 10) & 1,
		.ng = (d >> 11) & 1,
	};
}

static void assert_attrs(struct attrs got, struct attrs want, bool with_domain)
{
	assert_int_equal(got.tex, want.tex);
	assert_int_equal(got.c, want.c);
	assert_int_equal(got.b, want.b);
	assert_int_equal(got.ap, want.ap);
	assert_int_equal(got.apx, want.apx);
	assert_int_equal(got.s, want.s);
	assert_int_equal(got.ng, want.ng);
	assert_int_equal(got.xn, want.xn);
	if (with_domain)
		assert_int_equal(got.domain, want.domain);
}

/* What every memory type must be, from Linux (linux-arm-layout.md s. 7):
 * normal RAM is Inner/Outer Write-Back Write-Allocate (TEX=001 C=1 B=1),
 * shareable, PL1 RW (APX=0 AP=01), domain 0; devices are Shareable Device
 * (TEX=000 C=0 B=1), execute-never, PL1 RW, domain 2. */
static const struct {
	enum mem_type_id t;
	const char *name;
	struct attrs a;
	uint32_t sect, pte, l1;
} want_types[] = {
	{ MT_MEMORY_RWX, "memory RWX",
	  { .tex = 1, .c = 1, .b = 1, .ap = 1, .apx = 0, .s = 1, .ng = 0, .xn = 0, .domain = 0 },
	  0x0001140e, 0x0000045e, 0x00000001 },
	{ MT_DEVICE, "device",
	  { .tex = 0, .c = 0, .b = 1, .ap = 1, .apx = 0, .s = 1, .ng = 0, .xn = 1, .domain = 2 },
	  0x00010456, 0x00000417, 0x00000041 },
};

/* Section descriptors of every memory type, field by field (B3.5.1). */
static void test_mem_types_section_bits(void **state)
{
	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(want_types); i++) {
		const struct mem_type *m = &mem_types[want_types[i].t];

		assert_string_equal(m->name, want_types[i].name);
		assert_int_equal(m->prot_sect & 3, 2);		/* 0b10: section */
		assert_int_equal(m->prot_sect & (1u << 0), 0);	/* PXN clear */
		assert_int_equal(m->prot_sect & (1u << 9), 0);	/* IMP DEF bit */
		assert_int_equal(m->prot_sect & (1u << 18), 0);	/* not a supersection */
		assert_int_equal(m->prot_sect & (1u << 19), 0);	/* NS clear */
		assert_int_equal(m->prot_sect & 0xfff00000u, 0);	/* no address */
		assert_attrs(sect_attrs(m->prot_sect), want_types[i].a, true);
		assert_int_equal(m->prot_sect, want_types[i].sect);
	}
}

/* Small-page descriptors of every memory type (B3.5.1): same meaning as
 * the section, other bit positions. */
static void test_mem_types_pte_bits(void **state)
{
	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(want_types); i++) {
		const struct mem_type *m = &mem_types[want_types[i].t];

		assert_int_equal((m->prot_pte >> 1) & 1, 1);	/* 0b1x: small page */
		assert_int_equal(m->prot_pte & 0xfffff000u, 0);	/* no address */
		assert_attrs(pte_attrs(m->prot_pte), want_types[i].a, false);
		assert_int_equal(m->prot_pte, want_types[i].pte);
		/* A page of a type gives what a section of that type gives. */
		assert_int_equal(section_to_pte_prot(m->prot_sect), m->prot_pte);
	}
}

/* Page-table descriptors (B3.5.1): type 0b01, domain 8:5, PXN 2 and NS 3
 * clear, and the same domain as the type's sections. */
static void test_mem_types_table_bits(void **state)
{
	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(want_types); i++) {
		const struct mem_type *m = &mem_types[want_types[i].t];

		assert_int_equal(m->prot_l1 & 3, 1);
		assert_int_equal(m->prot_l1 & (1u << 2), 0);
		assert_int_equal(m->prot_l1 & (1u << 3), 0);
		assert_int_equal(domain_of(m->prot_l1), want_types[i].a.domain);
		assert_int_equal(domain_of(m->prot_l1), domain_of(m->prot_sect));
		assert_int_equal(m->prot_l1, want_types[i].l1);
	}
}

/* head.S builds its boot sections from PROT_SECT_*: they must be the same
 * descriptors mem_types[] gives, and Linux's values (0x0001140E, 0x00010456). */
static void test_head_S_prot_matches_mem_types(void **state)
{
	(void)state;
	assert_int_equal(PROT_SECT_MEMORY, mem_types[MT_MEMORY_RWX].prot_sect);
	assert_int_equal(PROT_SECT_DEVICE, mem_types[MT_DEVICE].prot_sect);
	assert_int_equal(PROT_SECT_MEMORY, 0x0001140e);
	assert_int_equal(PROT_SECT_DEVICE, 0x00010456);
}

/* mk_section keeps PA[31:20] (section base), mk_pte PA[31:12] (small page
 * base); the low address bits never leak into attribute bits. */
static void test_mk_section_mk_pte(void **state)
{
	(void)state;
	assert_int_equal(mk_section(0x40000000, MT_MEMORY_RWX), 0x4001140e);
	assert_int_equal(mk_section(0x09000000, MT_DEVICE), 0x09010456);
	assert_int_equal(mk_section(0x400fffff, MT_MEMORY_RWX), 0x4001140e);
	assert_int_equal(mk_section(0xfff00000, MT_DEVICE), 0xfff10456);
	assert_int_equal(mk_pte(0x40001000, MT_MEMORY_RWX), 0x4000145e);
	assert_int_equal(mk_pte(0x09000000, MT_DEVICE), 0x09000417);
	assert_int_equal(mk_pte(0x40001fff, MT_MEMORY_RWX), 0x4000145e);
	assert_int_equal(mk_pte(0xfffff000, MT_DEVICE), 0xfffff417);
}

/* section_to_pte_prot, one field at a time (B3.5.1): B and C stay at 2 and
 * 3; XN 4 -> 0, AP 11:10 -> 5:4, TEX 14:12 -> 8:6, APX 15 -> 9, S 16 -> 10,
 * nG 17 -> 11.  The small-page type bit (1) is always set. */
static void test_section_to_pte_prot_each_bit(void **state)
{
	static const struct {
		unsigned from, to;
	} moves[] = {
		{ 2, 2 },	/* B */
		{ 3, 3 },	/* C */
		{ 4, 0 },	/* XN */
		{ 10, 4 },	/* AP[0] */
		{ 11, 5 },	/* AP[1] */
		{ 12, 6 },	/* TEX[0] */
		{ 13, 7 },	/* TEX[1] */
		{ 14, 8 },	/* TEX[2] */
		{ 15, 9 },	/* APX */
		{ 16, 10 },	/* S */
		{ 17, 11 },	/* nG */
	};

	(void)state;
	assert_int_equal(section_to_pte_prot(0x2), 0x2);
	for (unsigned i = 0; i < ARRAY_SIZE(moves); i++) {
		uint32_t got = section_to_pte_prot(0x2 | (1u << moves[i].from));

		if (got != (0x2 | (1u << moves[i].to)))
			fail_msg("section bit %u -> pte 0x%03x, want bit %u (0x%03x)",
				 moves[i].from, got, moves[i].to, 0x2 | (1u << moves[i].to));
	}
	/* Everything that has a small-page equivalent at once: all 12 bits. */
	assert_int_equal(section_to_pte_prot(0x3fc1e), 0xfff);
}

/* TEX 0..7 and AP 0..3 keep their value in their new position. */
static void test_section_to_pte_prot_values(void **state)
{
	(void)state;
	for (uint32_t tex = 0; tex < 8; tex++)
		assert_int_equal(section_to_pte_prot(0x2 | tex << 12), 0x2 | tex << 6);
	for (uint32_t ap = 0; ap < 4; ap++)
		assert_int_equal(section_to_pte_prot(0x2 | ap << 10), 0x2 | ap << 4);
	for (uint32_t tex = 0; tex < 8; tex++)
		for (uint32_t ap = 0; ap < 4; ap++)
			assert_attrs(pte_attrs(section_to_pte_prot(0x2 | tex << 12 | ap << 10 | 1u << 15)),
				     (struct attrs){ .tex = tex, .ap = ap, .apx = 1 }, false);
}

/* Section-only fields have no small-page bit: the base address, PXN (0),
 * domain (8:5, the table entry carries it), bit 9, supersection (18) and
 * NS (19) must not turn into page attributes. */
static void test_section_to_pte_prot_drops_l1_fields(void **state)
{
	(void)state;
	assert_int_equal(section_to_pte_prot(0xfff00002u), 0x2);
	assert_int_equal(section_to_pte_prot(0x3), 0x2);		/* PXN */
	assert_int_equal(section_to_pte_prot(0x2 | 0xf << 5), 0x2);	/* domain 15 */
	assert_int_equal(section_to_pte_prot(0x2 | 1u << 9), 0x2);
	assert_int_equal(section_to_pte_prot(0x2 | 1u << 18), 0x2);
	assert_int_equal(section_to_pte_prot(0x2 | 1u << 19), 0x2);
	assert_int_equal(section_to_pte_prot(0xffffffffu), 0xfff);
}

/* ====================================== 2. create_mapping */

/* One aligned megabyte at an aligned PA: one section entry, no table. */
static void test_map_one_section(void **state)
{
	(void)state;
	assert_int_equal(map(0xc0000000, 0x40000000, SZ_1M, MT_MEMORY_RWX), 0);
	assert_int_equal(l1[0xc00], 0x4001140e);
	assert_int_equal(l1[0xbff], 0);
	assert_int_equal(l1[0xc01], 0);
	assert_int_equal(pt.nr_l2, 0);
	assert_int_equal(F.alloc_calls, 0);
	/* A new entry over a fault entry: written out, nothing to flush. */
	assert_int_equal(F.nr_written, 1);
	assert_int_equal(F.nr_flush, 0);
	assert_ptr_equal(F.ev[0].entry, &l1[0xc00]);
	assert_int_equal(F.ev[0].value, 0x4001140e);
	expect_section(0xc0000000, 0x40000000, MT_MEMORY_RWX);
	assert_string_equal(captured(), "");
}

/* 3 MB, VA and PA aligned: three consecutive sections. */
static void test_map_three_sections(void **state)
{
	(void)state;
	assert_int_equal(map(0xc0000000, 0x40000000, 3 * SZ_1M, MT_MEMORY_RWX), 0);
	for (uint32_t i = 0; i < 3; i++) {
		assert_int_equal(l1[0xc00 + i], 0x4001140e + i * SZ_1M);
		expect_section(0xc0000000 + i * SZ_1M, 0x40000000 + i * SZ_1M, MT_MEMORY_RWX);
	}
	assert_int_equal(l1[0xc03], 0);
	assert_int_equal(pt.nr_l2, 0);
	assert_int_equal(F.nr_written, 3);
	assert_int_equal(F.nr_flush, 0);

	/* A device megabyte elsewhere: the device section, domain 2. */
	assert_int_equal(map(0xf8000000, 0x09000000, SZ_1M, MT_DEVICE), 0);
	assert_int_equal(l1[0xf80], 0x09010456);
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
	assert_int_equal(pt.nr_l2, 2);
	assert_int_equal(F.alloc_calls, 2);
	/* first megabyte: 255 pages, the first page left unmapped */
	assert_int_equal(l1[0xc00] & 3, 1);
	expect_fault(0xc0000000, 2);
	expect_pages(0xc0001000, 0x40001000, SZ_1M - SZ_4K, MT_MEMORY_RWX);
	/* middle: a section */
	assert_int_equal(l1[0xc01], 0x4011140e);
	expect_section(0xc0100000, 0x40100000, MT_MEMORY_RWX);
	/* last megabyte: 255 pages, the last page unmapped */
	assert_int_equal(l1[0xc02] & 3, 1);
	expect_pages(0xc0200000, 0x40200000, SZ_1M - SZ_4K, MT_MEMORY_RWX);
	expect_fault(0xc02ff000, 2);
	expect_fault(0xc0300000, 1);
	assert_int_equal(F.nr_flush, 0);		/* nothing valid was replaced */

	/* The two tables are different 1 KB tables of the fake RAM. */
	assert_int_equal(l1[0xc00] & 0xfffffc00u, FAKE_PHYS_BASE);
	assert_int_equal(l1[0xc02] & 0xfffffc00u, FAKE_PHYS_BASE + 0x400);
	assert_int_equal(l1[0xc00], FAKE_PHYS_BASE | 0x1);
	assert_string_equal(captured(), "");
}

/* Less than a megabyte across a megabyte boundary: two tables, no section. */
static void test_map_small_across_boundary(void **state)
{
	(void)state;
	assert_int_equal(map(0xc0080000, 0x40080000, SZ_1M, MT_MEMORY_RWX), 0);
	assert_int_equal(pt.nr_l2, 2);
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
	assert_int_equal(pt.nr_l2, 3);
	for (unsigned i = 0; i < 3; i++)
		assert_int_equal(l1[0xc00 + i] & 3, 1);
	expect_pages(0xc0000000, 0x40001000, 3 * SZ_1M, MT_MEMORY_RWX);
}

/* One 4 KB page: one table, one entry, everything else a fault. */
static void test_map_single_page(void **state)
{
	uint32_t *table;

	(void)state;
	assert_int_equal(map(0xf8005000, 0x09000000, SZ_4K, MT_DEVICE), 0);
	assert_int_equal(pt.nr_l2, 1);
	assert_int_equal(l1[0xf80], FAKE_PHYS_BASE | 0x41);	/* table, domain 2 */
	table = l2_table_of(0xf8005000);
	for (unsigned i = 0; i < 256; i++)
		assert_int_equal(table[i], i == 5 ? 0x09000417u : 0);
	expect_page(0xf8005000, 0x09000000, MT_DEVICE);
	expect_fault(0xf8004000, 2);
	expect_fault(0xf8006000, 2);
	/* The table is written out before the L1 entry points at it. */
	assert_true(next_written_range(0, table, 256) >= 0);
	assert_true(next_written_range(0, table, 256) < next_written(0, &l1[0xf80]));
	assert_int_equal(F.nr_flush, 0);
}

/* The last megabyte of the address space (L1 index 4095): the end of the
 * mapping is exactly 4 GB, which is allowed; the chunk arithmetic wraps
 * to 0 there. */
static void test_map_top_megabyte(void **state)
{
	(void)state;
	assert_int_equal(map(0xfff00000, 0x40000000, SZ_1M, MT_MEMORY_RWX), 0);
	assert_int_equal(l1[4095], 0x4001140e);
	assert_int_equal(l1[0], 0);
	expect_section(0xfff00000, 0x40000000, MT_MEMORY_RWX);
	assert_string_equal(captured(), "");
}

static void test_map_ending_at_4g(void **state)
{
	(void)state;
	/* two sections up to 4 GB */
	assert_int_equal(map(0xffe00000, 0x40000000, 2 * SZ_1M, MT_MEMORY_RWX), 0);
	assert_int_equal(l1[4094], 0x4001140e);
	assert_int_equal(l1[4095], 0x4011140e);
	assert_int_equal(l1[0], 0);

	/* pages up to 4 GB (the high vectors page lives at 0xffff0000) */
	setup_pt(NULL);
	assert_int_equal(map(0xffff0000, 0x40000000, 0x10000, MT_MEMORY_RWX), 0);
	assert_int_equal(pt.nr_l2, 1);
	expect_fault(0xfffef000, 2);
	expect_pages(0xffff0000, 0x40000000, 0x10000, MT_MEMORY_RWX);
	assert_int_equal(l1[0], 0);

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
	assert_int_equal(F.nr_events, 0);
	assert_int_equal(F.alloc_calls, 0);
	assert_int_equal(pt.nr_l2, 0);
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
	mark = F.nr_events;
	assert_int_equal(map(0xc0000000, 0x40000000, SZ_1M, MT_MEMORY_RWX), 0);
	assert_int_equal(map(0xc0100000, 0x40100000, 2 * SZ_4K, MT_MEMORY_RWX), 0);
	assert_int_equal(F.nr_events, mark);
	assert_int_equal(pt.nr_l2, 1);
	assert_string_equal(captured(), "");
}

/* ====================================== 3. splitting and replacing */

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
	sect = l1[0xc00];
	mark = F.nr_events;
	assert_int_equal(map(va + 0x5000, pa + 0x5000, SZ_4K, MT_MEMORY_RWX), 0);

	assert_int_equal(l1[0xc00], FAKE_PHYS_BASE | 0x1);	/* table, domain 0 */
	assert_int_equal(pt.nr_l2, 1);
	table = l2_table_of(va);
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t page_pa = (uint32_t)pa + i * SZ_4K;

		assert_int_equal(table[i], page_pa | section_to_pte_prot(sect));
		assert_int_equal(table[i], mk_pte(page_pa, MT_MEMORY_RWX));
		expect_as_section(va + i * SZ_4K + 0xabc, page_pa + 0xabc, sect);
	}
	assert_bbm(mark, &l1[0xc00], va, SZ_1M, FAKE_PHYS_BASE | 0x1);
	{
		/* the table's 256 entries are written out before the L1 entry
		 * points at it */
		int bulk = next_written_range(mark, table, 256);
		int brk = next_written(mark, &l1[0xc00]);
		int made = next_written((unsigned)brk + 1, &l1[0xc00]);

		assert_true(bulk >= 0);
		assert_true(bulk < made);
	}
	/* The page itself did not change: one flush, the section's. */
	assert_int_equal(F.nr_flush, 1);
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
	sect = l1[0xc00];
	mark = F.nr_events;
	assert_int_equal(map(va + 0x5000, 0x50005000, SZ_4K, MT_MEMORY_RWX), 0);
	for (uint32_t i = 0; i < 256; i++)
		if (i != 5)
			expect_as_section(va + i * SZ_4K, 0x40000000 + i * SZ_4K, sect);
	expect_page(va + 0x5000, 0x50005000, MT_MEMORY_RWX);
	assert_bbm(mark, &l1[0xc00], va, SZ_1M, FAKE_PHYS_BASE | 0x1);
	assert_bbm(mark, pte_of(va + 0x5000), va + 0x5000, SZ_4K, 0x5000545e);
}

/* A page joining an existing table takes that table's domain, as Linux's
 * fixmap pages do (decided when the memory types grew; the full tests
 * are being rewritten). */
static void walk_pa_is(uint32_t va, phys_addr_t pa)
{
	struct walk w;

	pgtable_walk(&pt, va, &w);
	assert_int_equal(w.pa, pa);
}

static void test_split_refuses_other_domain(void **state)
{
	(void)state;
	assert_int_equal(map(0xc0000000, 0x40000000, SZ_1M, MT_MEMORY_RWX), 0);
	assert_int_equal(map(0xc0005000, 0x09000000, SZ_4K, MT_DEVICE), 0);
	walk_pa_is(0xc0005000, 0x09000000);
	walk_pa_is(0xc0006000, 0x40006000);
}

static void test_page_refused_in_other_domain_table(void **state)
{
	(void)state;
	assert_int_equal(map(0xf8000000, 0x09000000, SZ_4K, MT_DEVICE), 0);
	assert_int_equal(map(0xf8001000, 0x40001000, SZ_4K, MT_MEMORY_RWX), 0);
	walk_pa_is(0xf8000000, 0x09000000);
	walk_pa_is(0xf8001000, 0x40001000);
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
	mark = F.nr_events;
	assert_int_equal(map(va, 0x40005000, SZ_4K, MT_MEMORY_RWX), 0);
	assert_bbm(mark, pte, va, SZ_4K, 0x4000545e);
	assert_int_equal(F.ev[next_flush(mark, va, SZ_4K)].len, SZ_4K);

	mark = F.nr_events;
	assert_int_equal(map(va, 0x48000000, SZ_4K, MT_MEMORY_RWX), 0);
	assert_bbm(mark, pte, va, SZ_4K, 0x4800045e);
	assert_int_equal(l1[0xc00], FAKE_PHYS_BASE | 0x1);	/* table untouched */
	assert_int_equal(pt.nr_l2, 1);
	assert_string_equal(captured(), "");
}

/* A section replaced by a section elsewhere: BBM on the L1 entry, the
 * flush covering the whole megabyte. */
static void test_remap_section_bbm(void **state)
{
	unsigned mark;

	(void)state;
	assert_int_equal(map(0xc0000000, 0x40000000, SZ_1M, MT_MEMORY_RWX), 0);
	mark = F.nr_events;
	assert_int_equal(map(0xc0000000, 0x48000000, SZ_1M, MT_MEMORY_RWX), 0);
	assert_bbm(mark, &l1[0xc00], 0xc0000000, SZ_1M, 0x4801140e);
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
	table_desc = l1[0xc00];
	mark = F.nr_events;
	assert_int_equal(map(0xc0000000, 0x40000000, SZ_1M, MT_MEMORY_RWX), -1);
	assert_string_equal(captured(),
			    "vmsplit: 0xc0000000 is mapped with pages; unmap it before mapping a section\n");
	assert_int_equal(l1[0xc00], table_desc);
	assert_int_equal(F.nr_events, mark);
	expect_page(0xc0005000, 0x40005000, MT_MEMORY_RWX);
	expect_fault(0xc0000000, 2);
}

/* No memory for a second-level table: an error with a message, and the
 * L1 entry (fault or section) is left as it was. */
static void test_alloc_l2_failure(void **state)
{
	unsigned mark;

	(void)state;
	F.fail = true;
	assert_int_equal(map(0xc0005000, 0x40005000, SZ_4K, MT_MEMORY_RWX), -1);
	assert_string_equal(captured(),
			    "vmsplit: out of memory for a second-level table at 0xc0005000\n");
	assert_true(l1_all_zero());
	assert_int_equal(F.nr_events, 0);
	assert_int_equal(pt.nr_l2, 0);

	/* over a section: the section stays */
	setup_pt(NULL);
	assert_int_equal(map(0xc0000000, 0x40000000, SZ_1M, MT_MEMORY_RWX), 0);
	F.fail = true;
	mark = F.nr_events;
	assert_int_equal(map(0xc0005000, 0x48000000, SZ_4K, MT_MEMORY_RWX), -1);
	assert_contains(captured(), "out of memory for a second-level table at 0xc0005000\n");
	assert_int_equal(l1[0xc00], 0x4001140e);
	assert_int_equal(F.nr_events, mark);
	assert_int_equal(pt.nr_l2, 0);
	expect_section(0xc0000000, 0x40000000, MT_MEMORY_RWX);
}

/*
 * A supersection is one descriptor repeated in 16 consecutive L1 entries
 * (B3.5.1); its bits 23:20 are PA[35:32], not PA[23:20].  Whatever
 * create_mapping does with a page inside one (refuse it, or split), every
 * other address of that megabyte must keep translating to the same PA.
 * (The kernel does not create supersections today; the walker and the
 * decoder do know them.)
 */
static void test_page_inside_supersection_keeps_translations(void **state)
{
	const uint32_t super = 0x40000000 | 1u << 18 | PROT_SECT_MEMORY;
	int rc;

	(void)state;
	for (unsigned i = 0; i < 16; i++)
		l1[0xc10 + i] = super;
	rc = map(0xc1305000, 0x40305000, SZ_4K, MT_MEMORY_RWX);
	for (uint32_t off = 0x300000; off < 0x400000; off += SZ_4K) {
		struct walk w;

		pgtable_walk(&pt, 0xc1000000 + off, &w);
		if (w.pa != 0x40000000 + off)
			fail_msg("create_mapping returned %d; VA 0x%08x now maps PA 0x%llx, was 0x%08x",
				 rc, 0xc1000000 + off, (unsigned long long)w.pa, 0x40000000 + off);
	}
}

/* ====================================== 4. the walker */

/* L1 bits[1:0] = 0b00 is a translation fault at level 1, whatever the
 * other bits hold (B3.5.1). */
static void test_walk_fault(void **state)
{
	struct walk w;

	(void)state;
	memset(&w, 0xa5, sizeof(w));
	pgtable_walk(&pt, 0xc0012345, &w);
	assert_int_equal(w.kind, WALK_FAULT);
	assert_int_equal(w.level, 1);
	assert_int_equal(w.l1, 0);
	assert_int_equal(w.l2, 0);
	assert_int_equal(w.pa, 0);

	l1[0xc00] = 0x4001140c;		/* a section's bits, but type 0b00 */
	pgtable_walk(&pt, 0xc0012345, &w);
	assert_int_equal(w.kind, WALK_FAULT);
	assert_int_equal(w.level, 1);
	assert_int_equal(w.l1, 0x4001140c);
}

/* Section: PA[31:20] from the descriptor, VA[19:0] as the offset. */
static void test_walk_section(void **state)
{
	struct walk w;

	(void)state;
	l1[0xc01] = 0x4011140e;
	pgtable_walk(&pt, 0xc0112345, &w);
	assert_int_equal(w.kind, WALK_SECTION);
	assert_int_equal(w.level, 1);
	assert_int_equal(w.l1, 0x4011140e);
	assert_int_equal(w.pa, 0x40112345);
	pgtable_walk(&pt, 0xc01fffff, &w);
	assert_int_equal(w.pa, 0x401fffff);
	pgtable_walk(&pt, 0xc0100000, &w);
	assert_int_equal(w.pa, 0x40100000);

	l1[0] = 0xfff10456;			/* VA 0 and PA 0xfff00000 */
	pgtable_walk(&pt, 0x000abcde, &w);
	assert_int_equal(w.pa, 0xfffabcde);
	l1[4095] = 0x00010456;
	pgtable_walk(&pt, 0xffffffff, &w);
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
		l1[0xc10 + i] = d;
	pgtable_walk(&pt, 0xc1234567, &w);
	assert_int_equal(w.kind, WALK_SUPERSECTION);
	assert_int_equal(w.level, 1);
	assert_int_equal(w.l1, d);
	assert_int_equal(w.pa, 0x512234567ull);
	pgtable_walk(&pt, 0xc1000000, &w);
	assert_int_equal(w.pa, 0x512000000ull);
	pgtable_walk(&pt, 0xc1ffffff, &w);
	assert_int_equal(w.pa, 0x512ffffffull);

	/* extended base 0: below 4 GB; 0xf: PA[35:32] = 0xf */
	for (unsigned i = 0; i < 16; i++)
		l1[0xd00 + i] = 0xff000000 | 1u << 18 | 0x2;
	pgtable_walk(&pt, 0xd0abcdef, &w);
	assert_int_equal(w.kind, WALK_SUPERSECTION);
	assert_int_equal(w.pa, 0xffabcdefull);
	for (unsigned i = 0; i < 16; i++)
		l1[0xd00 + i] = 0xff000000 | 0xfu << 20 | 1u << 18 | 0x2;
	pgtable_walk(&pt, 0xd0abcdef, &w);
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
	l1[0xc00] = (uint32_t)tpa | 0x1;
	t[0x12] = 0x40123000 | 0x45e;
	t[0x13] = 0x09000000 | 0x417;		/* XN set: bits[1:0] = 0b11 */
	pgtable_walk(&pt, 0xc0012abc, &w);
	assert_int_equal(w.kind, WALK_SMALL);
	assert_int_equal(w.level, 2);
	assert_int_equal(w.l1, (uint32_t)tpa | 0x1);
	assert_int_equal(w.l2, 0x4012345e);
	assert_int_equal(w.pa, 0x40123abc);
	pgtable_walk(&pt, 0xc0013fff, &w);
	assert_int_equal(w.kind, WALK_SMALL);
	assert_int_equal(w.l2, 0x09000417);
	assert_int_equal(w.pa, 0x09000fff);

	/* PXN, NS, domain and bit 9 of the table descriptor do not move
	 * the table base. */
	l1[0xc00] = (uint32_t)tpa | 1u << 9 | 0xf << 5 | 1u << 3 | 1u << 2 | 0x1;
	pgtable_walk(&pt, 0xc0012abc, &w);
	assert_int_equal(w.kind, WALK_SMALL);
	assert_int_equal(w.pa, 0x40123abc);

	/* a table at the second 1 KB of the fake RAM: bits 11:10 matter */
	{
		phys_addr_t tpa2;
		uint32_t *t2 = craft_table(&tpa2);

		assert_int_equal(tpa2 & 0xfff, 0x400);
		t2[0] = 0x7ffff000 | 0x45e;
		l1[0xc01] = (uint32_t)tpa2 | 0x1;
		pgtable_walk(&pt, 0xc0100123, &w);
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
	l1[0xc00] = (uint32_t)tpa | 0x1;
	for (unsigned i = 0x10; i < 0x20; i++)
		t[i] = 0x12340000 | 1u << 12 | 0x40d | 0x10;	/* TEX=001 S C B AP=01 */
	pgtable_walk(&pt, 0xc0015678, &w);
	assert_int_equal(w.kind, WALK_LARGE);
	assert_int_equal(w.level, 2);
	assert_int_equal(w.l2, 0x1234141d);
	assert_int_equal(w.pa, 0x12345678);
	pgtable_walk(&pt, 0xc001ffff, &w);
	assert_int_equal(w.pa, 0x1234ffff);
	pgtable_walk(&pt, 0xc0010000, &w);
	assert_int_equal(w.pa, 0x12340000);
}

/* A fault entry (bits[1:0] = 0b00) in a table: a level-2 fault. */
static void test_walk_fault_in_table(void **state)
{
	phys_addr_t tpa;
	uint32_t *t = craft_table(&tpa);
	struct walk w;

	(void)state;
	l1[0xc00] = (uint32_t)tpa | 0x1;
	t[0x21] = 0x40021000 | 0x45c;		/* page bits, type 0b00 */
	pgtable_walk(&pt, 0xc0020000, &w);
	assert_int_equal(w.kind, WALK_FAULT);
	assert_int_equal(w.level, 2);
	assert_int_equal(w.l1, (uint32_t)tpa | 0x1);
	assert_int_equal(w.l2, 0);
	assert_int_equal(w.pa, 0);
	pgtable_walk(&pt, 0xc0021000, &w);
	assert_int_equal(w.kind, WALK_FAULT);
	assert_int_equal(w.level, 2);
	assert_int_equal(w.l2, 0x4002145c);
}

/* With the Privileged execute-never extension (LPAE-capable cores such as
 * Cortex-A7/A15), L1 bits[1:0] = 0b11 is a section (or supersection) with
 * PXN set (B3.5.1). */
static void test_walk_pxn_section(void **state)
{
	struct walk w;
	char buf[256];

	(void)state;
	l1[0xc00] = 0x4001140f;
	pgtable_walk(&pt, 0xc0054321, &w);
	assert_int_equal(w.kind, WALK_SECTION);
	assert_int_equal(w.level, 1);
	assert_int_equal(w.pa, 0x40054321);
	describe_l1(l1[0xc00], buf, sizeof(buf));
	assert_contains(buf, "section PA 0x40000000");
	assert_contains(buf, "PXN=1");

	l1[0xc10] = 0x12000000 | 1u << 18 | 0x1140f;
	pgtable_walk(&pt, 0xc1000010, &w);
	assert_int_equal(w.kind, WALK_SUPERSECTION);
	assert_int_equal(w.pa, 0x12000010);
}

/* ====================================== 5. decoding */

/* TEX[0] C B with TEX[2] = 0 (B3.8.2, table B3-10, TEX remap off). */
static void test_memory_attr_name_classes(void **state)
{
	(void)state;
	assert_contains(memory_attr_name(0, 0, 0), "strongly-ordered");
	assert_contains(memory_attr_name(0, 0, 1), "shareable device");
	assert_null(strstr(memory_attr_name(0, 0, 1), "non-shareable"));
	assert_contains(memory_attr_name(0, 1, 0), "normal");
	assert_contains(memory_attr_name(0, 1, 0), "write-through");
	assert_contains(memory_attr_name(0, 1, 0), "no write-allocate");
	assert_contains(memory_attr_name(0, 1, 1), "normal");
	assert_contains(memory_attr_name(0, 1, 1), "write-back");
	assert_contains(memory_attr_name(0, 1, 1), "no write-allocate");
	assert_contains(memory_attr_name(1, 0, 0), "normal");
	assert_contains(memory_attr_name(1, 0, 0), "non-cacheable");
	assert_string_equal(memory_attr_name(1, 1, 1), "normal, write-back write-allocate");
	assert_contains(memory_attr_name(2, 0, 0), "non-shareable device");
}

/* TEX = 0b1AA, C B = BB: cacheable normal memory, outer policy AA, inner
 * policy BB; 00 non-cacheable, 01 write-back write-allocate,
 * 10 write-through no write-allocate, 11 write-back no write-allocate. */
static void test_memory_attr_name_inner_outer(void **state)
{
	static const char *const policy[4] = {
		"non-cacheable", "write-back write-allocate",
		"write-through", "write-back no write-allocate",
	};
	char want[128];

	(void)state;
	for (unsigned outer = 0; outer < 4; outer++)
		for (unsigned inner = 0; inner < 4; inner++) {
			snprintf(want, sizeof(want), "normal, inner %s, outer %s",
				 policy[inner], policy[outer]);
			assert_string_equal(memory_attr_name(4 | outer, inner >> 1, inner & 1), want);
		}
}

/* Encodings table B3-10 marks reserved: TEX=001 C=0 B=1, TEX=010 with C or
 * B set, TEX=011. */
static void test_memory_attr_name_reserved(void **state)
{
	(void)state;
	assert_string_equal(memory_attr_name(1, 0, 1), "reserved");
	assert_string_equal(memory_attr_name(2, 0, 1), "reserved");
	assert_string_equal(memory_attr_name(2, 1, 0), "reserved");
	assert_string_equal(memory_attr_name(2, 1, 1), "reserved");
	for (unsigned cb = 0; cb < 4; cb++)
		assert_string_equal(memory_attr_name(3, cb >> 1, cb & 1), "reserved");
}

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

/* ====================================== 6. memblock */

static const char *const PT_NAME = "page tables";
static const char *const DTB_NAME = "device tree";
static const char *const IMG_NAME = "kernel image";

static void assert_region(const struct memblock_type *t, int i, phys_addr_t base,
			  phys_addr_t size, const char *name)
{
	assert_true(i < t->cnt);
	assert_int_equal(t->r[i].base, base);
	assert_int_equal(t->r[i].size, size);
	if (name)
		assert_ptr_equal(t->r[i].name, name);
}

static void assert_sorted(const struct memblock_type *t)
{
	for (int i = 1; i < t->cnt; i++)
		if (t->r[i - 1].base > t->r[i].base)
			fail_msg("regions %d (0x%llx) and %d (0x%llx) out of order", i - 1,
				 (unsigned long long)t->r[i - 1].base, i,
				 (unsigned long long)t->r[i].base);
}

/* Ranges are kept sorted by base whatever the order they come in;
 * empty ranges are ignored. */
static void test_memblock_add_reserve_sorted(void **state)
{
	struct memblock mb;

	(void)state;
	memblock_init(&mb);
	assert_int_equal(mb.memory.cnt, 0);
	assert_int_equal(mb.reserved.cnt, 0);
	assert_int_equal(memblock_add(&mb, 0x60000000, SZ_1M), 0);
	assert_int_equal(memblock_add(&mb, 0x40000000, SZ_1M), 0);
	assert_int_equal(memblock_add(&mb, 0x50000000, SZ_1M), 0);
	assert_int_equal(memblock_add(&mb, 0x48000000, 0), 0);
	assert_int_equal(mb.memory.cnt, 3);
	assert_region(&mb.memory, 0, 0x40000000, SZ_1M, NULL);
	assert_region(&mb.memory, 1, 0x50000000, SZ_1M, NULL);
	assert_region(&mb.memory, 2, 0x60000000, SZ_1M, NULL);

	assert_int_equal(memblock_reserve(&mb, 0x40300000, 0x1000, DTB_NAME), 0);
	assert_int_equal(memblock_reserve(&mb, 0x40008000, 0x80000, IMG_NAME), 0);
	assert_int_equal(memblock_reserve(&mb, 0x40400000, 0x1000, PT_NAME), 0);
	assert_int_equal(memblock_reserve(&mb, 0x40000000, 0x1000, PT_NAME), 0);
	assert_int_equal(memblock_reserve(&mb, 0x40500000, 0, PT_NAME), 0);
	assert_int_equal(mb.reserved.cnt, 4);
	assert_region(&mb.reserved, 0, 0x40000000, 0x1000, PT_NAME);
	assert_region(&mb.reserved, 1, 0x40008000, 0x80000, IMG_NAME);
	assert_region(&mb.reserved, 2, 0x40300000, 0x1000, DTB_NAME);
	assert_region(&mb.reserved, 3, 0x40400000, 0x1000, PT_NAME);
	assert_string_equal(captured(), "");
}

/* A reservation touching one of the same owner grows it (from above or
 * below); another owner's, or a gap, makes a new region. */
static void test_memblock_reserve_merges(void **state)
{
	struct memblock mb;

	(void)state;
	memblock_init(&mb);
	memblock_reserve(&mb, 0x40001000, 0x1000, PT_NAME);
	memblock_reserve(&mb, 0x40002000, 0x1000, PT_NAME);	/* above */
	assert_int_equal(mb.reserved.cnt, 1);
	assert_region(&mb.reserved, 0, 0x40001000, 0x2000, PT_NAME);
	memblock_reserve(&mb, 0x40000000, 0x1000, PT_NAME);	/* below */
	assert_int_equal(mb.reserved.cnt, 1);
	assert_region(&mb.reserved, 0, 0x40000000, 0x3000, PT_NAME);

	memblock_reserve(&mb, 0x40003000, 0x1000, DTB_NAME);	/* touching, other owner */
	memblock_reserve(&mb, 0x40005000, 0x1000, PT_NAME);	/* same owner, gap */
	assert_int_equal(mb.reserved.cnt, 3);
	assert_region(&mb.reserved, 0, 0x40000000, 0x3000, PT_NAME);
	assert_region(&mb.reserved, 1, 0x40003000, 0x1000, DTB_NAME);
	assert_region(&mb.reserved, 2, 0x40005000, 0x1000, PT_NAME);
	assert_sorted(&mb.reserved);
}

/* Growing a region downwards must keep the list sorted by base, even
 * when the new range overlaps another owner's region (two firmware
 * /memreserve/ entries around the device tree, say): the page counts
 * rely on the order. */
static void test_memblock_merge_below_keeps_order(void **state)
{
	static const char *const FW = "firmware /memreserve/";
	struct memblock mb;

	(void)state;
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_16M);
	memblock_reserve(&mb, 0x40100000, 0x2000, DTB_NAME);
	memblock_reserve(&mb, 0x40101000, 0x2000, FW);		/* overlaps the DTB */
	memblock_reserve(&mb, 0x400ff000, 0x2000, FW);		/* ends where FW begins */
	assert_sorted(&mb.reserved);
	/* [0x400ff000, 0x40103000): four pages, whoever holds them */
	assert_int_equal(memblock_reserved_pages(&mb, 0, ~(phys_addr_t)0), 4);
}

/* Top-down below current_limit: each allocation is the highest free,
 * aligned range; consecutive page-table pages merge into one region. */
static void test_memblock_alloc_top_down(void **state)
{
	struct memblock mb;

	(void)state;
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_256M);
	mb.current_limit = 0x40200000;
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x401ff000);
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x401fe000);
	assert_int_equal(mb.reserved.cnt, 1);
	assert_region(&mb.reserved, 0, 0x401fe000, 0x2000, PT_NAME);

	/* a limit above the end of RAM: the end of RAM */
	mb.current_limit = 0x60000000;
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x4ffff000);
	/* a limit that is not page aligned: the page below it */
	mb.current_limit = 0x40300800;
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x402ff000);
	assert_sorted(&mb.reserved);
	assert_string_equal(captured(), "");
}

/* The result is a multiple of the alignment, and ends at or below the
 * limit. */
static void test_memblock_alloc_alignment(void **state)
{
	struct memblock mb;

	(void)state;
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_256M);
	mb.current_limit = 0x40208000;
	assert_int_equal(memblock_alloc(&mb, SZ_4K, 0x10000, PT_NAME), 0x40200000);
	mb.current_limit = 0x40200000;
	assert_int_equal(memblock_alloc(&mb, 0x3000, SZ_16K, IMG_NAME), 0x401fc000);
	/* 16 KB aligned with the top 8 KB taken: the next 16 KB boundary down */
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_256M);
	mb.current_limit = 0x40200000;
	memblock_reserve(&mb, 0x401fe000, 0x2000, DTB_NAME);
	assert_int_equal(memblock_alloc(&mb, SZ_16K, SZ_16K, PT_NAME), 0x401f8000);
	/* an L1 table: 16 KB at 16 KB */
	assert_int_equal(memblock_alloc(&mb, SZ_16K, SZ_16K, PT_NAME), 0x401f4000);
}

/* Reserved ranges are skipped, in several layouts. */
static void test_memblock_alloc_skips_reserved(void **state)
{
	struct memblock mb;

	(void)state;
	/* a reservation at the very top */
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_256M);
	mb.current_limit = 0x40200000;
	memblock_reserve(&mb, 0x401ff000, 0x1000, IMG_NAME);
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x401fe000);

	/* two adjacent reservations of different owners: below both */
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_256M);
	mb.current_limit = 0x40200000;
	memblock_reserve(&mb, 0x40100000, 0x100000, IMG_NAME);
	memblock_reserve(&mb, 0x400f0000, 0x10000, DTB_NAME);
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x400ef000);

	/* a hole too small for 8 KB but right for 4 KB */
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_256M);
	mb.current_limit = 0x40200000;
	memblock_reserve(&mb, 0x401f0000, 0x10000, IMG_NAME);
	memblock_reserve(&mb, 0x401e0000, 0xf000, DTB_NAME);
	assert_int_equal(memblock_alloc(&mb, 0x2000, SZ_4K, PT_NAME), 0x401de000);
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x401ef000);

	/* a reservation straddling the bottom of RAM: exactly what is left */
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_1M);
	mb.current_limit = ~(phys_addr_t)0;
	memblock_reserve(&mb, 0x3ff00000, 0x180000, IMG_NAME);
	assert_int_equal(memblock_alloc(&mb, 0x80000, SZ_4K, PT_NAME), 0x40080000);
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0);
	for (int i = 0; i < mb.reserved.cnt; i++)
		assert_true(mb.reserved.r[i].base + mb.reserved.r[i].size <= 0x40100000);
}

/* Several RAM ranges: the highest one below the limit first, falling to
 * a lower range when the higher one is full or above the limit. */
static void test_memblock_alloc_regions(void **state)
{
	struct memblock mb;

	(void)state;
	memblock_init(&mb);
	memblock_add(&mb, 0x48000000, SZ_1M);
	memblock_add(&mb, 0x40000000, SZ_1M);
	mb.current_limit = 0x50000000;
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x480ff000);
	memblock_reserve(&mb, 0x48000000, 0xff000, IMG_NAME);
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x400ff000);

	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_1M);
	memblock_add(&mb, 0x48000000, SZ_1M);
	mb.current_limit = 0x44000000;		/* the high range is out of reach */
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x400ff000);
	/* more than any range holds */
	mb.current_limit = 0x50000000;
	assert_int_equal(memblock_alloc(&mb, SZ_2M, SZ_4K, PT_NAME), 0);
}

/* Nothing free: 0, and nothing recorded. */
static void test_memblock_alloc_full(void **state)
{
	struct memblock mb;

	(void)state;
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_16K);
	mb.current_limit = 0x50000000;
	memblock_reserve(&mb, 0x40000000, 0x2000, IMG_NAME);
	memblock_reserve(&mb, 0x40002000, 0x2000, DTB_NAME);
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0);
	assert_int_equal(mb.reserved.cnt, 2);

	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_16K);
	mb.current_limit = 0x50000000;
	for (int i = 0; i < 4; i++)
		assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME),
				 0x40003000 - (phys_addr_t)i * SZ_4K);
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0);
	assert_int_equal(mb.reserved.cnt, 1);
	assert_region(&mb.reserved, 0, 0x40000000, SZ_16K, PT_NAME);

	/* a limit at the bottom of RAM */
	mb.current_limit = 0x40000000;
	memblock_add(&mb, 0x40100000, SZ_1M);
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0);
	assert_string_equal(captured(), "");
}

/* More than MEMBLOCK_MAX ranges: a message, -1, the list unchanged. */
static void test_memblock_overflow(void **state)
{
	struct memblock mb;

	(void)state;
	memblock_init(&mb);
	for (int i = 0; i < MEMBLOCK_MAX; i++)
		assert_int_equal(memblock_add(&mb, 0x40000000 + (phys_addr_t)i * SZ_2M, SZ_1M), 0);
	assert_string_equal(captured(), "");
	assert_int_equal(memblock_add(&mb, 0x80000000, SZ_1M), -1);
	assert_string_equal(captured(), "vmsplit: memblock: more than 32 ranges, 0x80000000 not recorded\n");
	assert_int_equal(mb.memory.cnt, MEMBLOCK_MAX);

	capture_reset();
	for (int i = 0; i < MEMBLOCK_MAX; i++)
		assert_int_equal(memblock_reserve(&mb, 0x40080000 + (phys_addr_t)i * SZ_2M,
						  SZ_4K, PT_NAME), 0);
	assert_int_equal(memblock_reserve(&mb, 0x41000000 + SZ_1M, SZ_4K, DTB_NAME), -1);
	assert_contains(captured(), "more than 32 ranges, 0x41100000 not recorded\n");
	assert_int_equal(mb.reserved.cnt, MEMBLOCK_MAX);
	/* growing an existing region needs no new slot */
	assert_int_equal(memblock_reserve(&mb, 0x40081000, SZ_4K, PT_NAME), 0);
	assert_region(&mb.reserved, 0, 0x40080000, 0x2000, PT_NAME);

	/* an allocation that would need a new slot fails cleanly */
	capture_reset();
	mb.current_limit = 0x40100000;
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, DTB_NAME), 0);
	assert_contains(captured(), "vmsplit: memblock: more than 32 ranges");
	assert_int_equal(mb.reserved.cnt, MEMBLOCK_MAX);
	/* ... one that grows a region of its owner (just below the one at
	 * 0x40080000) does not */
	mb.current_limit = 0x40080000;
	assert_int_equal(memblock_alloc(&mb, SZ_4K, SZ_4K, PT_NAME), 0x4007f000);
	assert_region(&mb.reserved, 0, 0x4007f000, 0x3000, PT_NAME);
	assert_int_equal(mb.reserved.cnt, MEMBLOCK_MAX);
}

/* RAM pages: whole pages only (a partial page at either end is not a
 * page), clipped to [lo, hi). */
static void test_memblock_ram_pages(void **state)
{
	struct memblock mb;
	const phys_addr_t all = ~(phys_addr_t)0;

	(void)state;
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_256M);
	memblock_add(&mb, 0x60000000, SZ_1M);
	assert_int_equal(memblock_ram_pages(&mb, 0, all), 65536 + 256);
	assert_int_equal(memblock_ram_pages(&mb, 0x40001000, 0x40003000), 2);
	assert_int_equal(memblock_ram_pages(&mb, 0x40000800, 0x40002800), 1);
	assert_int_equal(memblock_ram_pages(&mb, 0x4ffff000, 0x60001000), 2);
	assert_int_equal(memblock_ram_pages(&mb, 0x50000000, 0x60000000), 0);
	assert_int_equal(memblock_ram_pages(&mb, 0x60000000, all), 256);
	assert_int_equal(memblock_ram_pages(&mb, 0x40000000, 0x40000000), 0);

	memblock_init(&mb);
	memblock_add(&mb, 0x40000800, 0x3000);		/* [0x40000800, 0x40003800) */
	assert_int_equal(memblock_ram_pages(&mb, 0, all), 2);
}

/* Rounding inward can leave nothing: a range (or a window) inside a single
 * page holds no whole page: 0, not a negative count. */
static void test_memblock_ram_pages_less_than_a_page(void **state)
{
	struct memblock mb;

	(void)state;
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_1M);
	assert_int_equal(memblock_ram_pages(&mb, 0x40000800, 0x40000c00), 0);
	memblock_init(&mb);
	memblock_add(&mb, 0x40000800, 0x400);
	assert_int_equal(memblock_ram_pages(&mb, 0, ~(phys_addr_t)0), 0);
}

/* Reserved pages: a page touched by any reservation counts once, however
 * many reservations touch it; reservations outside RAM do not count;
 * everything clipped to [lo, hi). */
static void test_memblock_reserved_pages(void **state)
{
	struct memblock mb;
	const phys_addr_t all = ~(phys_addr_t)0;

	(void)state;
	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_1M);
	memblock_reserve(&mb, 0x40000000, 0x3000, IMG_NAME);
	memblock_reserve(&mb, 0x40001000, 0x1000, DTB_NAME);	/* inside */
	memblock_reserve(&mb, 0x40002800, 0x2800, PT_NAME);	/* overlaps the end */
	memblock_reserve(&mb, 0x40002800, 0x2800, DTB_NAME);	/* the same again */
	assert_int_equal(memblock_reserved_pages(&mb, 0, all), 5);
	assert_int_equal(memblock_reserved_pages(&mb, 0x40001000, 0x40004000), 3);
	assert_int_equal(memblock_reserved_pages(&mb, 0x40005000, all), 0);

	/* partial pages round outward */
	memblock_reserve(&mb, 0x40010800, 0x100, DTB_NAME);		/* 1 page */
	memblock_reserve(&mb, 0x40020ff0, 0x20, DTB_NAME);		/* 2 pages */
	assert_int_equal(memblock_reserved_pages(&mb, 0, all), 8);
	assert_int_equal(memblock_reserved_pages(&mb, 0x40010000, 0x40030000), 3);

	/* outside RAM: not counted; straddling the end of RAM: the RAM part */
	memblock_reserve(&mb, 0x30000000, 0x10000, IMG_NAME);
	memblock_reserve(&mb, 0x400ff000, 0x2000, IMG_NAME);
	assert_int_equal(memblock_reserved_pages(&mb, 0, all), 9);
	assert_int_equal(memblock_ram_pages(&mb, 0, all), 256);

	/* two RAM ranges: each counted on its own */
	memblock_add(&mb, 0x50000000, SZ_1M);
	memblock_reserve(&mb, 0x4fffff00, 0x200, PT_NAME);		/* across the gap */
	assert_int_equal(memblock_reserved_pages(&mb, 0, all), 10);
	assert_int_equal(memblock_reserved_pages(&mb, 0x50000000, all), 1);
}

/* Reserved pages are pages of RAM ("how many of them are reserved"):
 * with RAM edges (or a window) off page boundaries, the partial pages at
 * the edges are not RAM pages, so never reserved ones either; the count
 * can never pass memblock_ram_pages(). */
static void test_memblock_reserved_never_more_than_ram(void **state)
{
	struct memblock mb;
	const phys_addr_t all = ~(phys_addr_t)0;

	(void)state;
	memblock_init(&mb);
	memblock_add(&mb, 0x40000800, 0x2000);		/* whole page: 0x40001000 */
	memblock_reserve(&mb, 0x40000000, 0x4000, IMG_NAME);
	assert_int_equal(memblock_ram_pages(&mb, 0, all), 1);
	assert_int_equal(memblock_reserved_pages(&mb, 0, all), 1);

	memblock_init(&mb);
	memblock_add(&mb, 0x40000000, SZ_1M);
	memblock_reserve(&mb, 0x40000000, SZ_1M, IMG_NAME);
	assert_int_equal(memblock_ram_pages(&mb, 0x40001800, 0x40003800), 1);
	assert_int_equal(memblock_reserved_pages(&mb, 0x40001800, 0x40003800), 1);
}

/* ====================================== 7. fault status */

/* Table B3-23 (short-descriptor FSR encodings): FS[4:0], and which of them
 * the translation tables raise. */
static const struct {
	unsigned fs;
	bool mmu;
	const char *name;
} arm_fsr[] = {
	{ 0x01, false, "alignment fault" },
	{ 0x02, false, "debug event" },
	{ 0x03, true,  "access flag fault (section)" },
	{ 0x04, false, "fault on instruction cache maintenance" },
	{ 0x05, true,  "translation fault (section)" },
	{ 0x06, true,  "access flag fault (page)" },
	{ 0x07, true,  "translation fault (page)" },
	{ 0x08, false, "synchronous external abort" },
	{ 0x09, true,  "domain fault (section)" },
	{ 0x0b, true,  "domain fault (page)" },
	{ 0x0c, false, "external abort on translation table walk (first level)" },
	{ 0x0d, true,  "permission fault (section)" },
	{ 0x0e, false, "external abort on translation table walk (second level)" },
	{ 0x0f, true,  "permission fault (page)" },
	{ 0x10, false, "TLB conflict abort" },
	{ 0x16, false, "asynchronous external abort" },
	{ 0x18, false, "asynchronous parity error on memory access" },
	{ 0x19, false, "synchronous parity error on memory access" },
	{ 0x1c, false, "parity error on translation table walk (first level)" },
	{ 0x1e, false, "parity error on translation table walk (second level)" },
};

static uint32_t fsr_of(unsigned fs)
{
	return (fs & 0xf) | ((fs & 0x10) ? 1u << 10 : 0);
}

/* FS[4:0] = DFSR[10], DFSR[3:0]; domain (7:4), WnR (11) and ExT (12) are
 * not part of it. */
static void test_fsr_status(void **state)
{
	(void)state;
	for (unsigned fs = 0; fs < 32; fs++) {
		assert_int_equal(fsr_status(fsr_of(fs)), fs);
		assert_int_equal(fsr_status(fsr_of(fs) | 0xf0 | 1u << 11 | 1u << 12 | 0xffffe000u), fs);
	}
	assert_int_equal(fsr_status(0x406), 0x16);	/* async external, not access flag */
	assert_int_equal(fsr_status(0x006), 0x06);
	assert_int_equal(fsr_status(0x400), 0x10);
	assert_int_equal(fsr_status(0x80d), 0x0d);	/* a write, permission (section) */
}

/* Every encoding of table B3-23, named, with its level. */
static void test_fsr_descriptions(void **state)
{
	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(arm_fsr); i++) {
		assert_string_equal(fsr_description(fsr_of(arm_fsr[i].fs)), arm_fsr[i].name);
		assert_string_equal(fsr_description(fsr_of(arm_fsr[i].fs) | 0x1800 | 0x20),
				    arm_fsr[i].name);
	}
	assert_contains(fsr_description(0x005), "section");
	assert_contains(fsr_description(0x007), "page");
	assert_contains(fsr_description(0x406), "external");
	assert_contains(fsr_description(0x006), "access flag");
}

/* MMU faults are exactly translation, access flag, domain and permission
 * (B3.13.3); alignment, debug, external aborts, parity errors, TLB
 * conflicts and cache maintenance faults are not. */
static void test_fsr_is_mmu_fault(void **state)
{
	(void)state;
	for (unsigned fs = 0; fs < 32; fs++) {
		bool want = fs == 0x03 || fs == 0x05 || fs == 0x06 || fs == 0x07 ||
			    fs == 0x09 || fs == 0x0b || fs == 0x0d || fs == 0x0f;

		if (fsr_is_mmu_fault(fsr_of(fs)) != want)
			fail_msg("FS 0x%02x: fsr_is_mmu_fault should be %d", fs, want);
		assert_int_equal(fsr_is_mmu_fault(fsr_of(fs) | 0x1800 | 0xf0), want);
	}
	for (unsigned i = 0; i < ARRAY_SIZE(arm_fsr); i++)
		assert_int_equal(fsr_is_mmu_fault(fsr_of(arm_fsr[i].fs)), arm_fsr[i].mmu);
}

/* Encodings the table leaves reserved: named as such, not MMU faults. */
static void test_fsr_reserved(void **state)
{
	static const unsigned reserved[] = {
		0x00, 0x0a, 0x11, 0x12, 0x13, 0x15, 0x17, 0x1b, 0x1d, 0x1f,
	};

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(reserved); i++) {
		assert_string_equal(fsr_description(fsr_of(reserved[i])), "reserved fault status");
		assert_false(fsr_is_mmu_fault(fsr_of(reserved[i])));
	}
}

/* ====================================================================== */

#define PT_TEST(f)	cmocka_unit_test_setup(f, setup_pt)
#define MB_TEST(f)	cmocka_unit_test_setup(f, setup_capture)

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* 1. descriptor encoding */
		cmocka_unit_test(test_mem_types_section_bits),
		cmocka_unit_test(test_mem_types_pte_bits),
		cmocka_unit_test(test_mem_types_table_bits),
		cmocka_unit_test(test_head_S_prot_matches_mem_types),
		cmocka_unit_test(test_mk_section_mk_pte),
		cmocka_unit_test(test_section_to_pte_prot_each_bit),
		cmocka_unit_test(test_section_to_pte_prot_values),
		cmocka_unit_test(test_section_to_pte_prot_drops_l1_fields),
		/* 2. create_mapping */
		PT_TEST(test_map_one_section),
		PT_TEST(test_map_three_sections),
		PT_TEST(test_map_unaligned_edges),
		PT_TEST(test_map_small_across_boundary),
		PT_TEST(test_map_pa_not_section_aligned),
		PT_TEST(test_map_single_page),
		PT_TEST(test_map_top_megabyte),
		PT_TEST(test_map_ending_at_4g),
		PT_TEST(test_map_rejects_bad_arguments),
		PT_TEST(test_map_rejects_bad_type),
		PT_TEST(test_map_rejects_pa_above_4g),
		PT_TEST(test_map_same_again_is_quiet),
		/* 3. splitting and replacing */
		PT_TEST(test_split_section_same_type),
		PT_TEST(test_split_section_new_pa),
		PT_TEST(test_split_refuses_other_domain),
		PT_TEST(test_page_refused_in_other_domain_table),
		PT_TEST(test_remap_page_bbm),
		PT_TEST(test_remap_section_bbm),
		PT_TEST(test_section_over_table_refused),
		PT_TEST(test_alloc_l2_failure),
		PT_TEST(test_page_inside_supersection_keeps_translations),
		/* 4. the walker */
		PT_TEST(test_walk_fault),
		PT_TEST(test_walk_section),
		PT_TEST(test_walk_supersection),
		PT_TEST(test_walk_small_page),
		PT_TEST(test_walk_large_page),
		PT_TEST(test_walk_fault_in_table),
		PT_TEST(test_walk_pxn_section),
		/* 5. decoding */
		cmocka_unit_test(test_memory_attr_name_classes),
		cmocka_unit_test(test_memory_attr_name_inner_outer),
		cmocka_unit_test(test_memory_attr_name_reserved),
		cmocka_unit_test(test_describe_access_permissions),
		cmocka_unit_test(test_describe_l1),
		cmocka_unit_test(test_describe_l2),
		cmocka_unit_test(test_describe_buffer_sizes),
		/* 6. memblock */
		MB_TEST(test_memblock_add_reserve_sorted),
		MB_TEST(test_memblock_reserve_merges),
		MB_TEST(test_memblock_merge_below_keeps_order),
		MB_TEST(test_memblock_alloc_top_down),
		MB_TEST(test_memblock_alloc_alignment),
		MB_TEST(test_memblock_alloc_skips_reserved),
		MB_TEST(test_memblock_alloc_regions),
		MB_TEST(test_memblock_alloc_full),
		MB_TEST(test_memblock_overflow),
		MB_TEST(test_memblock_ram_pages),
		MB_TEST(test_memblock_ram_pages_less_than_a_page),
		MB_TEST(test_memblock_reserved_pages),
		MB_TEST(test_memblock_reserved_never_more_than_ram),
		/* 7. fault status */
		cmocka_unit_test(test_fsr_status),
		cmocka_unit_test(test_fsr_descriptions),
		cmocka_unit_test(test_fsr_is_mmu_fault),
		cmocka_unit_test(test_fsr_reserved),
	};

	return cmocka_run_group_tests_name("pgtable", tests, NULL, NULL);
}
