/* Unit tests for core/mm/mem_types.c: the memory types and the descriptor
 * encoding (mk_section(), mk_pte(), mk_supersection(), section_to_pte_prot()),
 * and mem_type_of_*(), the tests' own decoder (want_mem_types.c).
 *
 * Architectural facts are from the ARM Architecture Reference Manual
 * ARMv7-A/R (ARM DDI 0406C): B3.5 short-descriptor translation table
 * format, B3.7 access permissions, B3.8.2 TEX/C/B memory attributes.  Bit
 * positions below are written as plain numbers from those tables, not
 * with the project's own macros, so the tests check the headers too; the
 * expected types are tests/unit/want_mem_types.c.
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
#include "pgtable.h"
#include "sizes.h"
#include "want_mem_types.h"

#define DOMAIN_MASK	(0xfu << 5)	/* bits 8:5 of a section or table descriptor */
#define SUPER_BIT	(1u << 18)	/* a section descriptor with bit 18: supersection */

/* Domain, bits 8:5 of a section or page-table descriptor. */
static unsigned domain_of(uint32_t l1d)
{
	return (l1d >> 5) & 0xf;
}

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

static void test_mem_types_section_bits(void **state)
{
	char buf[256], want[64];

	(void)state;
	assert_int_equal(nr_want_types, NR_MEM_TYPES);
	for (unsigned i = 0; i < nr_want_types; i++) {
		const struct mem_type *m = &mem_types[want_types[i].t];

		assert_int_equal(want_types[i].t, i);		/* every entry, in order */
		assert_string_equal(m->name, want_types[i].name);
		assert_int_equal(m->prot_sect & 3, 2);		/* 0b10: section */
		assert_int_equal(m->prot_sect & (1u << 0), 0);	/* PXN clear */
		assert_int_equal(m->prot_sect & (1u << 9), 0);	/* IMP DEF bit */
		assert_int_equal(m->prot_sect & (1u << 18), 0);	/* not a supersection */
		assert_int_equal(m->prot_sect & (1u << 19), 0);	/* NS clear */
		assert_int_equal(m->prot_sect & 0xfff00000u, 0);	/* no address */
		assert_attrs(sect_attrs(m->prot_sect), want_types[i].a, true);
		assert_int_equal(m->prot_sect, want_types[i].sect);

		describe_l1(m->prot_sect, buf, sizeof(buf));
		snprintf(want, sizeof(want), "(%s)", want_types[i].perm);
		assert_contains(buf, want);
		snprintf(want, sizeof(want), "(%s)", want_types[i].mem);
		assert_contains(buf, want);
	}
}

/* Small-page descriptors of every memory type (B3.5.1): same meaning as
 * the section, other bit positions. */
static void test_mem_types_pte_bits(void **state)
{
	char buf[256], want[64];

	(void)state;
	for (unsigned i = 0; i < nr_want_types; i++) {
		const struct mem_type *m = &mem_types[want_types[i].t];

		assert_int_equal((m->prot_pte >> 1) & 1, 1);	/* 0b1x: small page */
		assert_int_equal(m->prot_pte & 0xfffff000u, 0);	/* no address */
		assert_attrs(pte_attrs(m->prot_pte), want_types[i].a, false);
		assert_int_equal(m->prot_pte, want_types[i].pte);
		/* A page of a type gives what a section of that type gives. */
		assert_int_equal(section_to_pte_prot(m->prot_sect), m->prot_pte);

		describe_l2(m->prot_pte, buf, sizeof(buf));
		snprintf(want, sizeof(want), "(%s)", want_types[i].perm);
		assert_contains(buf, want);
		snprintf(want, sizeof(want), "(%s)", want_types[i].mem);
		assert_contains(buf, want);
	}
}

/* Page-table descriptors (B3.5.1): type 0b01, domain 8:5, PXN 2 and NS 3
 * clear, and the same domain as the type's sections. */
static void test_mem_types_table_bits(void **state)
{
	(void)state;
	for (unsigned i = 0; i < nr_want_types; i++) {
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
	assert_int_equal(mk_section(0x40100000, MT_MEMORY_RO), 0x4011941e);
	assert_int_equal(mk_section(0x7ff00000, MT_DMA_COHERENT), 0x7ff11412);
	assert_int_equal(mk_pte(0x40001000, MT_MEMORY_RWX), 0x4000145e);
	assert_int_equal(mk_pte(0x09000000, MT_DEVICE), 0x09000417);
	assert_int_equal(mk_pte(0x40001fff, MT_MEMORY_RWX), 0x4000145e);
	assert_int_equal(mk_pte(0xfffff000, MT_DEVICE), 0xfffff417);
	assert_int_equal(mk_pte(0x40002000, MT_HIGH_VECTORS), 0x4000267e);
	assert_int_equal(mk_pte(0x40003fff, MT_VECTOR_STUBS), 0x4000365e);
	for (unsigned i = 0; i < nr_want_types; i++) {
		assert_int_equal(mk_section(0xabc12345, want_types[i].t), 0xabc00000 | want_types[i].sect);
		assert_int_equal(mk_pte(0xabc12345, want_types[i].t), 0xabc12000 | want_types[i].pte);
	}
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

/*
 * Supersection (B3.5.1, figure B3-4): bit 18 set, base PA[31:24] in bits
 * 31:24; bits 23:20 are PA[35:32] and bits 8:5 PA[39:36] (no domain field:
 * a supersection is always domain 0), both zero below 4 GB.  Every other
 * bit is what the section of that type has.
 */
static void test_mk_supersection(void **state)
{
	static const phys_addr_t pas[] = { 0x00000000, 0x40000000, 0x41000000, 0x7f000000, 0xff000000 };

	(void)state;
	for (unsigned i = 0; i < nr_want_types; i++)
		for (unsigned k = 0; k < ARRAY_SIZE(pas); k++) {
			uint32_t d = mk_supersection(pas[k], want_types[i].t);
			struct attrs want = want_types[i].a;

			assert_int_equal(d >> 24, pas[k] >> 24);		/* base 31:24 */
			assert_int_equal((d >> 20) & 0xf, 0);			/* PA[35:32] */
			assert_int_equal((d >> 5) & 0xf, 0);			/* PA[39:36] */
			assert_int_equal(d & SUPER_BIT, SUPER_BIT);
			assert_int_equal(d & 3, 2);
			assert_int_equal(d & (1u << 0), 0);			/* PXN */
			assert_int_equal(d & (1u << 9), 0);
			assert_int_equal(d & (1u << 19), 0);			/* NS */
			want.domain = 0;
			assert_attrs(sect_attrs(d), want, true);
			assert_int_equal(d, (uint32_t)pas[k] | SUPER_BIT |
					    (want_types[i].sect & ~DOMAIN_MASK));
		}
	/* PA[23:0] are not in the descriptor */
	assert_int_equal(mk_supersection(0x40ffffff, MT_MEMORY_RWX), 0x4005140e);
	assert_int_equal(mk_supersection(0x40000000, MT_MEMORY_RWX), 0x4005140e);
	/* the device type's domain 2 is not there: bits 8:5 are address */
	assert_int_equal(mk_supersection(0x10000000, MT_DEVICE), 0x10050416);
	assert_int_equal(mk_supersection(0x20000000, MT_HIGH_VECTORS), 0x20059c0e);
}

/* The type of the first memory type whose bits t's bits are (types can
 * share bits: then a report can only name the first). */
static int first_type_like(enum mem_type_id t, bool pte)
{
	for (unsigned u = 0; u < NR_MEM_TYPES; u++)
		if (pte ? mem_types[u].prot_pte == mem_types[t].prot_pte
			: mem_types[u].prot_sect == mem_types[t].prot_sect)
			return (int)u;
	return -1;
}

/*
 * mem_type_of_section: the section of every type at any base, and the
 * supersection of every type (whose domain bits and bits 23:20 are
 * address, B3.5.1) are recognised.  MT_VECTOR_STUBS has exactly
 * MT_MEMORY_RX's bits (both APX=1 AP=01, executable, write-back): those
 * two are the only pair that cannot be told apart, and read back as the
 * first.  Anything that is not a type's bits is -1.
 */
static void test_mem_type_of_section(void **state)
{
	static const phys_addr_t pas[] = { 0x00000000, 0x40000000, 0x09000000, 0xfff00000 };

	(void)state;
	for (unsigned t = 0; t < NR_MEM_TYPES; t++) {
		int want = first_type_like(t, false);

		if (t == MT_VECTOR_STUBS)
			assert_int_equal(want, MT_MEMORY_RX);
		else
			assert_int_equal(want, t);
		for (unsigned k = 0; k < ARRAY_SIZE(pas); k++) {
			assert_int_equal(mem_type_of_section(mk_section(pas[k], t)), want);
			assert_int_equal(mem_type_of_section(mk_supersection(pas[k] & 0xff000000u, t)),
					 want);
			/* extended base address PA[35:32] and PA[39:36] */
			assert_int_equal(mem_type_of_section(mk_supersection(pas[k] & 0xff000000u, t) |
							     0xfu << 20 | 0xfu << 5), want);
			assert_int_equal(mem_type_of_section(mk_supersection(0, t) | 0x5u << 20), want);
			/* the table's own words, for good measure */
			assert_int_equal(mem_type_of_section(want_types[t].sect), want);
		}
	}

	/* not a type */
	assert_int_equal(mem_type_of_section(0), -1);				/* fault */
	assert_int_equal(mem_type_of_section(0x4001140c), -1);			/* type 0b00 */
	assert_int_equal(mem_type_of_section(0x80000000u | 0x1), -1);	/* page table */
	assert_int_equal(mem_type_of_section(0x00000041), -1);			/* device table */
	assert_int_equal(mem_type_of_section(0x4001140e | 1u << 0), -1);	/* PXN */
	assert_int_equal(mem_type_of_section(0x4001140e | 1u << 17), -1);	/* nG */
	assert_int_equal(mem_type_of_section(0x4001140e | 1u << 19), -1);	/* NS */
	assert_int_equal(mem_type_of_section(0x4001140e | 1u << 9), -1);
	assert_int_equal(mem_type_of_section(0x4001140e | 1u << 5), -1);	/* domain 1 */
	assert_int_equal(mem_type_of_section(0x09010416), -1);			/* device, domain 0 */
	assert_int_equal(mem_type_of_section(0x4000140e), -1);			/* not shareable */
	assert_int_equal(mem_type_of_section(0x40010402), -1);			/* strongly-ordered */
	assert_int_equal(mem_type_of_section(0x40011c0e), -1);			/* PL0 RW */
	assert_int_equal(mem_type_of_section(0x4000045e), -1);			/* a pte's bits */
	assert_int_equal(mem_type_of_section(0x4005140e | 1u << 17), -1);	/* nG supersection */
	assert_int_equal(mem_type_of_section(0x40050402), -1);			/* SO supersection */
}

/* mem_type_of_pte: the small page of every type at any base (the same
 * MT_VECTOR_STUBS / MT_MEMORY_RX pair); anything else -1, a large page
 * (0b01) too. */
static void test_mem_type_of_pte(void **state)
{
	(void)state;
	for (unsigned t = 0; t < NR_MEM_TYPES; t++) {
		int want = first_type_like(t, true);

		assert_int_equal(want, t == MT_VECTOR_STUBS ? MT_MEMORY_RX : (int)t);
		assert_int_equal(mem_type_of_pte(mk_pte(0, t)), want);
		assert_int_equal(mem_type_of_pte(mk_pte(0x40001000, t)), want);
		assert_int_equal(mem_type_of_pte(mk_pte(0xfffff000, t)), want);
		assert_int_equal(mem_type_of_pte(want_types[t].pte), want);
		/* the same bits as a large page descriptor (0b01) */
		assert_int_equal(mem_type_of_pte((mk_pte(0x40000000, t) & ~3u) | 1), -1);
		/* nG flipped: no type, except that user text is exactly the
		 * vector page's bits (RO at both levels, executable) made
		 * not global */
		assert_int_equal(mem_type_of_pte(mk_pte(0x40000000, t) ^ 1u << 11),
				 t == MT_HIGH_VECTORS ? MT_USER_RX : t == MT_USER_RX ? MT_HIGH_VECTORS : -1);
	}
	assert_int_equal(mem_type_of_pte(0), -1);
	assert_int_equal(mem_type_of_pte(0x4000145c), -1);			/* fault */
	assert_int_equal(mem_type_of_pte(0x40001012), -1);			/* strongly-ordered */
	assert_int_equal(mem_type_of_pte(0x4000105e), -1);			/* not shareable */
	assert_int_equal(mem_type_of_pte(0x4000147e), -1);			/* PL0 RW */
	assert_int_equal(mem_type_of_pte(0x4001140e), -1);			/* a section's bits */
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mem_types_section_bits),
		cmocka_unit_test(test_mem_types_pte_bits),
		cmocka_unit_test(test_mem_types_table_bits),
		cmocka_unit_test(test_head_S_prot_matches_mem_types),
		cmocka_unit_test(test_mk_section_mk_pte),
		cmocka_unit_test(test_section_to_pte_prot_each_bit),
		cmocka_unit_test(test_section_to_pte_prot_values),
		cmocka_unit_test(test_section_to_pte_prot_drops_l1_fields),
		cmocka_unit_test(test_mk_supersection),
		cmocka_unit_test(test_mem_type_of_section),
		cmocka_unit_test(test_mem_type_of_pte),
	};

	return cmocka_run_group_tests_name("mem_types", tests, NULL, NULL);
}
