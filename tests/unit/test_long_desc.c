/* Unit tests for the long-descriptor codec (core/include/arm/long_desc.h,
 * core/mm/long_desc.c): the field table itself, held against the ARM ARM's
 * bit pictures (ARMv7-A/R B3.6.1 descriptors, B4.1.112 PAR, B4.1.153
 * TTBCR, B4.1.155 TTBR0, B4.1.104 MAIR, B4.1.52 DFSR) written here as plain
 * numbers, and everything derived from it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "capture.h"

#include "arm/long_desc.h"
#include "fault.h"
#include "mem_kind.h"

#define B(n)	(UINT64_C(1) << (n))

/* The bits each kind defines, from the pictures.  Unlisted bits are the
 * architecture's ignored or SBZ ones: [11:2] and [57:52] of a table entry
 * (58, ignored too, is vmsplit's KEEP; bits [51:40] SBZ, as in every
 * descriptor), bit 56 of a block (ignored; Linux uses it only in pages), [63:59] of a block or page, bits [6:1] and
 * 10 of PAR, 7 and [10+] of an aborted PAR but LPAE, TTBCR [6:3], [15:14],
 * [21:19], TTBR [47:40] and [63:56], DFSR 10 and [8:6]. */
static const struct { enum long_desc_kind kind; uint64_t bits; } coverage[] = {
	{ LD_TABLE, UINT64_C(0xfc0000fffffff003) },
	{ LD_BLOCK1, UINT64_C(0x06f000ffc0000fff) },
	{ LD_BLOCK2, UINT64_C(0x06f000ffffe00fff) },
	{ LD_PAGE, UINT64_C(0x07f000ffffffffff) },
	{ LD_PAR, UINT64_C(0xff0000fffffffb81) },
	{ LD_PARF, UINT64_C(0xb7f) },
	{ LD_TTBCR, UINT64_C(0xffc73f87) },
	{ LD_TTBR, UINT64_C(0x00ff00ffffffffff) },
	{ LD_MAIR, UINT64_C(0xffffffffffffffff) },
	{ LD_FSR, UINT64_C(0x3a3f) },
};

static uint64_t field_mask(const struct long_desc_field *f)
{
	return (f->width == 64 ? ~UINT64_C(0) : (B(f->width) - 1)) << f->shift;
}

/* Within 64 bits, no two fields of a kind on the same bit, every defined
 * bit in a field, and every kind listed. */
static void test_table_is_the_architecture(void **state)
{
	(void)state;
	assert_int_equal(sizeof(coverage) / sizeof(coverage[0]), NR_LD_KINDS);
	for (unsigned k = 0; k < sizeof(coverage) / sizeof(coverage[0]); k++) {
		uint64_t seen = 0;

		for (unsigned i = 0; i < nr_long_desc_fields; i++) {
			const struct long_desc_field *f = &long_desc_fields[i];

			if (f->kind != coverage[k].kind)
				continue;
			assert_true(f->width >= 1 && f->shift + f->width <= 64);
			assert_true((seen & field_mask(f)) == 0);
			seen |= field_mask(f);
		}
		if (seen != coverage[k].bits)
			fail_msg("kind %u: fields cover %#llx, the architecture %#llx", k,
				 (unsigned long long)seen, (unsigned long long)coverage[k].bits);
	}
}

/* The bits everyone knows, from the ARM ARM's pictures and Linux's
 * pgtable-3level-hwdef.h / pgtable-3level.h. */
static void test_known_bits(void **state)
{
	(void)state;
	/* Table descriptor, B3.6.1 figure B3-15. */
	assert_true(LD_MASK(TABLE, TYPE) == 0x3);
	assert_true(LD_MASK(TABLE, ADDR) == UINT64_C(0x000000fffffff000));
	assert_true(LD_BIT(TABLE, PXNTABLE) == B(59));
	assert_true(LD_BIT(TABLE, XNTABLE) == B(60));
	assert_true(LD_MASK(TABLE, APTABLE) == (B(61) | B(62)));
	assert_true(LD_BIT(TABLE, NSTABLE) == B(63));
	assert_true(LD_BIT(TABLE, KEEP) == B(58));	/* an ignored bit, vmsplit's */
	/* Block and page attributes, figure B3-16. */
	assert_true(LD_MASK(BLOCK2, ATTRINDX) == 0x1c);
	assert_true(LD_BIT(BLOCK2, NS) == 0x20);
	assert_true(LD_MASK(BLOCK2, AP) == 0xc0);
	assert_true(LD_MASK(BLOCK2, SH) == 0x300);
	assert_true(LD_BIT(BLOCK2, AF) == 0x400);
	assert_true(LD_BIT(BLOCK2, NG) == 0x800);
	assert_true(LD_BIT(BLOCK2, CONTIG) == B(52));
	assert_true(LD_BIT(BLOCK2, PXN) == B(53));
	assert_true(LD_BIT(BLOCK2, XN) == B(54));
	assert_true(LD_MASK(BLOCK1, ADDR) == UINT64_C(0x000000ffc0000000));
	assert_true(LD_MASK(BLOCK2, ADDR) == UINT64_C(0x000000ffffe00000));
	assert_true(LD_MASK(PAGE, ADDR) == UINT64_C(0x000000fffffff000));
	/* Linux's software bits: L_PTE_DIRTY 55, L_PTE_SPECIAL 56, L_PTE_NONE 57,
	 * L_PTE_RDONLY 58; L_PMD_SECT_DIRTY 55, _NONE 57, _RDONLY 58. */
	assert_true(LD_BIT(PAGE, DIRTY) == B(55));
	assert_true(LD_BIT(PAGE, SPECIAL) == B(56));
	assert_true(LD_BIT(PAGE, NONE) == B(57));
	assert_true(LD_BIT(PAGE, RDONLY) == B(58));
	assert_true(LD_BIT(BLOCK2, DIRTY) == B(55));
	assert_true(LD_BIT(BLOCK1, NONE) == B(57));
	assert_true(LD_BIT(BLOCK1, RDONLY) == B(58));
	/* The same attribute at the same bit in every leaf kind. */
	static const char *const shared[] = { "ATTRINDX", "NS", "AP", "SH", "AF", "NG", "CONTIG",
					      "PXN", "XN", "DIRTY", "NONE", "RDONLY" };
	for (unsigned i = 0; i < sizeof(shared) / sizeof(shared[0]); i++) {
		const struct long_desc_field *p = long_desc_field(LD_PAGE, shared[i]);

		assert_non_null(p);
		for (enum long_desc_kind k = LD_BLOCK1; k <= LD_BLOCK2; k++) {
			const struct long_desc_field *b = long_desc_field(k, shared[i]);

			assert_non_null(b);
			assert_int_equal(b->shift, p->shift);
			assert_int_equal(b->width, p->width);
		}
	}
	/* PAR, B4.1.112 (64-bit, LPAE = 1). */
	assert_true(LD_MASK(PAR, SH) == 0x180);
	assert_true(LD_BIT(PAR, NS) == 0x200);
	assert_true(LD_BIT(PAR, LPAE) == 0x800);
	assert_true(LD_MASK(PAR, ADDR) == UINT64_C(0x000000fffffff000));
	assert_true(LD_MASK(PAR, ATTR) == UINT64_C(0xff00000000000000));
	assert_true(LD_MASK(PARF, FST) == 0x7e);
	assert_true(LD_BIT(PARF, S2WLK) == 0x100);
	assert_true(LD_BIT(PARF, FSTAGE) == 0x200);
	/* TTBCR with EAE, B4.1.153; Linux's TTBCR_* in pgtable-3level-hwdef.h. */
	assert_true(LD_MASK(TTBCR, T0SZ) == 0x7);
	assert_true(LD_BIT(TTBCR, EPD0) == 0x80);
	assert_true(LD_MASK(TTBCR, IRGN0) == 0x300);
	assert_true(LD_MASK(TTBCR, ORGN0) == 0xc00);
	assert_true(LD_MASK(TTBCR, SH0) == 0x3000);
	assert_true(LD_MASK(TTBCR, T1SZ) == 0x70000);
	assert_true(LD_BIT(TTBCR, A1) == 0x400000);
	assert_true(LD_BIT(TTBCR, EPD1) == 0x800000);
	assert_true(LD_MASK(TTBCR, IRGN1) == 0x3000000);
	assert_true(LD_MASK(TTBCR, ORGN1) == 0xc000000);
	assert_true(LD_MASK(TTBCR, SH1) == 0x30000000);
	assert_true(LD_BIT(TTBCR, EAE) == 0x80000000u);
	/* TTBR: ASID [55:48]. */
	assert_true(LD_MASK(TTBR, ASID) == UINT64_C(0x00ff000000000000));
	/* MAIR: Attr n at bits [8n+7:8n] of MAIR1:MAIR0. */
	assert_true(LD_MASK(MAIR, ATTR0) == 0xff);
	assert_true(LD_MASK(MAIR, ATTR3) == 0xff000000u);
	assert_true(LD_MASK(MAIR, ATTR4) == UINT64_C(0xff00000000));
	assert_true(LD_MASK(MAIR, ATTR7) == UINT64_C(0xff00000000000000));
	/* DFSR with LPAE. */
	assert_true(LD_MASK(FSR, STATUS) == 0x3f);
	assert_true(LD_BIT(FSR, LPAE) == 0x200);
	assert_true(LD_BIT(FSR, WNR) == 0x800);
	assert_true(LD_BIT(FSR, EXT) == 0x1000);
	assert_true(LD_BIT(FSR, CM) == 0x2000);
	/* The table as data says the same as the constants. */
	assert_true(long_desc_get(B(54), LD_PAGE, "XN") == 1);
	assert_true(long_desc_get(0x1c, LD_BLOCK2, "ATTRINDX") == 7);
	assert_true(long_desc_get(UINT64_C(0x0012345678000000), LD_TTBR, "ASID") == 0x12);
	assert_true(long_desc_get(0, LD_TABLE, "AF") == -1);
	assert_null(long_desc_field(LD_BLOCK2, "SPECIAL"));
}

/* The two words head.S writes: the C forms of LD_PREP_LO/LD_PREP_HI. */
static void test_two_words(void **state)
{
	uint64_t block = UINT64_C(0x0000000240000000) | 0x71d | B(54);

	(void)state;
	assert_int_equal(LD_PREP_HI(BLOCK2, XN, 1), 1u << 22);
	assert_int_equal(LD_PREP_HI(BLOCK2, PXN, 1), 1u << 21);
	assert_int_equal(LD_PREP_HI(TTBR, ASID, 0x2a), 0x2au << 16);
	assert_int_equal(LD_PREP_LO(BLOCK2, ADDR, 0x1200), 0x40000000u);	/* PA 0x2_4000_0000 */
	assert_int_equal(LD_PREP_HI(BLOCK2, ADDR, 0x1200), 0x2u);
	assert_int_equal(LD_PREP_LO(BLOCK2, AF, 1), 0x400u);
	assert_int_equal(LD_PREP_HI(BLOCK2, AF, 1), 0);
	assert_int_equal((uint32_t)block, 0x4000071du);
	assert_int_equal((uint32_t)(block >> 32), 0x00400002u);
}

static void test_kind_of(void **state)
{
	(void)state;
	for (int level = 1; level <= 3; level++) {
		assert_int_equal(long_desc_kind_of(level, 0), -1);
		assert_int_equal(long_desc_kind_of(level, 2), -1);	/* bit 0 clear: fault */
		assert_int_equal(long_desc_kind_of(level, UINT64_C(0xffffffffffff0000)), -1);
	}
	assert_int_equal(long_desc_kind_of(1, UINT64_C(0x40000003)), LD_TABLE);
	assert_int_equal(long_desc_kind_of(1, UINT64_C(0x40000701)), LD_BLOCK1);
	assert_int_equal(long_desc_kind_of(2, UINT64_C(0x40000003)), LD_TABLE);
	assert_int_equal(long_desc_kind_of(2, UINT64_C(0x40200701)), LD_BLOCK2);
	assert_int_equal(long_desc_kind_of(3, UINT64_C(0x40201703)), LD_PAGE);
	assert_int_equal(long_desc_kind_of(3, UINT64_C(0x40201701)), -1);	/* reserved */
	assert_int_equal(long_desc_kind_of(0, 3), -1);
	assert_int_equal(long_desc_kind_of(4, 3), -1);
}

/* A block's attributes carried to a page, field by field: everything but
 * the type and the address stays where it is. */
static void test_convert(void **state)
{
	uint64_t attrs = 0x1c | 0x20 | 0xc0 | 0x300 | 0x400 | 0x800 | B(52) | B(53) | B(54) |
			 B(55) | B(57) | B(58);
	uint64_t block = UINT64_C(0x0000008040200000) | attrs | 1;

	(void)state;
	assert_true(long_desc_convert(block, LD_BLOCK2, LD_PAGE) == (attrs | 3));
	assert_true(long_desc_convert(block, LD_BLOCK2, LD_BLOCK1) == (attrs | 1));
	assert_true(long_desc_convert(UINT64_C(0x40000001) | attrs, LD_BLOCK1, LD_BLOCK2) ==
		    (attrs | 1));
	/* Linux's special bit lives in pages only. */
	assert_true(long_desc_convert(3 | B(56), LD_PAGE, LD_BLOCK2) == 1);
	assert_true(long_desc_convert(1, LD_BLOCK2, LD_PAGE) == 3);
}

/* The 64-bit PAR (B4.1.112): PA[39:12] in bits [39:12], the offset from
 * the VA; aborted, FST in bits [6:1], the DFSR's status encoding. */
static void test_par(void **state)
{
	(void)state;
	assert_true(long_desc_par_pa(0xc0001234u, UINT64_C(0xff00000240001000) | B(11) | 0x380) ==
		    UINT64_C(0x240001234));
	assert_true(long_desc_par_pa(0xfffff000u, UINT64_C(0x000000fffffff800)) ==
		    UINT64_C(0xfffffff000));
	assert_true(long_desc_par_pa(0, B(11) | (0x0f << 1) | 1) == (uint64_t)-1);
	assert_int_equal(long_desc_par_fsr(B(11) | (0x0f << 1) | 1), 0x20f);
	assert_int_equal(long_desc_par_fsr(B(11) | (0x0b << 1) | 1 | B(8) | B(9)), 0x20b);
	assert_string_equal(fsr_description(long_desc_par_fsr(B(11) | (0x0b << 1) | 1)),
			    "access flag fault (level 3)");
	assert_string_equal(fsr_description(long_desc_par_fsr(B(11) | (0x05 << 1) | 1)),
			    "translation fault (level 1)");
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(long_desc_ap_name(0), "PL1 RW, PL0 none");
	assert_string_equal(long_desc_ap_name(1), "PL1 RW, PL0 RW");
	assert_string_equal(long_desc_ap_name(2), "PL1 RO, PL0 none");
	assert_string_equal(long_desc_ap_name(3), "PL1 RO, PL0 RO");
	assert_string_equal(long_desc_ap_pl1(2), "RO");
	assert_string_equal(long_desc_ap_pl0(2), "--");
	assert_string_equal(long_desc_ap_pl0(1), "RW");
	assert_string_equal(long_desc_sh_name(0), "non-shareable");
	assert_string_equal(long_desc_sh_name(2), "outer shareable");
	assert_string_equal(long_desc_sh_name(3), "inner shareable");
}

/* MAIR attribute bytes (B4.1.104): [7:4] outer, [3:0] inner; 0000 outer
 * is strongly-ordered (inner 0000) or device (0100); for normal memory
 * 0100 non-cacheable, 10RW write-through, 11RW write-back. */
static void test_attr_names(void **state)
{
	static const struct { unsigned attr; enum mem_kind kind; const char *brief; } want[] = {
		{ 0x00, MEM_KIND_STRONGLY_ORDERED, "strongly-ordered" },
		{ 0x04, MEM_KIND_DEVICE, "device" },
		{ 0x44, MEM_KIND_NORMAL_UNCACHED, "normal uncached" },
		{ 0xaa, MEM_KIND_NORMAL_WT, "normal WT" },
		{ 0xee, MEM_KIND_NORMAL_WB, "normal WB" },
		{ 0xff, MEM_KIND_NORMAL_WBWA, "normal WBWA" },
	};

	(void)state;
	for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_int_equal(long_desc_attr_kind(want[i].attr), want[i].kind);
		assert_string_equal(long_desc_attr_short(want[i].attr), want[i].brief);
		assert_string_equal(mem_kind_name(want[i].kind), want[i].brief);
	}
	assert_string_equal(long_desc_attr_name(0x00), "strongly-ordered");
	assert_string_equal(long_desc_attr_name(0x04), "device");
	assert_string_equal(long_desc_attr_name(0x44), "normal, non-cacheable");
	assert_string_equal(long_desc_attr_name(0xff), "normal, write-back write-allocate");
	assert_string_equal(long_desc_attr_name(0x4f),
			    "normal, inner write-back, read and write-allocate, outer non-cacheable");
	assert_string_equal(long_desc_attr_name(0xd8),
			    "normal, inner write-through, no allocate, outer write-back, write-allocate");
	assert_int_equal(long_desc_attr_kind(0x4f), MEM_KIND_OTHER);
	assert_int_equal(long_desc_attr_kind(0x88), MEM_KIND_NORMAL_WT);
	assert_int_equal(long_desc_attr_kind(0xcc), MEM_KIND_NORMAL_WB);
	assert_int_equal(long_desc_attr_kind(0xfe), MEM_KIND_OTHER);	/* WA outside only */
	/* Reserved: device encodings but 0x00/0x04, UNPREDICTABLE halves. */
	assert_string_equal(long_desc_attr_name(0x08), "reserved");
	assert_string_equal(long_desc_attr_name(0x01), "reserved");
	assert_string_equal(long_desc_attr_name(0x40), "reserved");
	assert_string_equal(long_desc_attr_name(0x5f), "reserved");
	assert_string_equal(long_desc_attr_name(0x2a), "reserved");
	assert_int_equal(long_desc_attr_kind(0x08), MEM_KIND_OTHER);
	assert_int_equal(long_desc_attr_kind(0x40), MEM_KIND_OTHER);
	assert_string_equal(long_desc_attr_short(0x4f), "other");
}

/* Linux's MAIR0/MAIR1 (proc-v7-3level.S) are the AttrIndx table's bytes,
 * and AttrIndx n picks byte n of MAIR1:MAIR0. */
static void test_linux_mair(void **state)
{
	static const struct { unsigned n; unsigned attr; const char *mt; } linux_mt[] = {
#define ROW(n, name, attr) { n, attr, name },
		LONG_DESC_LINUX_ATTRINDX(ROW)
#undef ROW
	};
	uint64_t mair = 0;

	(void)state;
	assert_int_equal(LINUX_MAIR0, 0xeeaa4400u);
	assert_int_equal(LINUX_MAIR1, 0xff000004u);
	assert_int_equal(sizeof(linux_mt) / sizeof(linux_mt[0]), 8);
	for (unsigned i = 0; i < 8; i++) {
		assert_int_equal(linux_mt[i].n, i);
		mair |= (uint64_t)linux_mt[i].attr << (8 * i);
		assert_int_equal(long_desc_mair_attr(LINUX_MAIR0, LINUX_MAIR1, i), linux_mt[i].attr);
		assert_string_equal(long_desc_linux_mt_name(i), linux_mt[i].mt);
	}
	assert_int_equal((uint32_t)mair, LINUX_MAIR0);
	assert_int_equal((uint32_t)(mair >> 32), LINUX_MAIR1);
	/* The indices the memory types use. */
	assert_int_equal(long_desc_mair_attr(LINUX_MAIR0, LINUX_MAIR1, LINUX_MT_WRITEALLOC), 0xff);
	assert_int_equal(long_desc_mair_attr(LINUX_MAIR0, LINUX_MAIR1, LINUX_MT_DEV_SHARED), 0x04);
	assert_int_equal(long_desc_mair_attr(LINUX_MAIR0, LINUX_MAIR1, LINUX_MT_BUFFERABLE), 0x44);
	assert_int_equal(long_desc_mair_attr(LINUX_MAIR0, LINUX_MAIR1, LINUX_MT_UNCACHED), 0x00);
	assert_int_equal(long_desc_mair_attr(LINUX_MAIR0, LINUX_MAIR1, LINUX_MT_WRITEBACK), 0xee);
	assert_int_equal(long_desc_mair_attr(LINUX_MAIR0, LINUX_MAIR1, LINUX_MT_WRITETHROUGH), 0xaa);
	assert_string_equal(long_desc_linux_mt_name(LINUX_MT_DEV_SHARED), "DEV_SHARED, DEV_NONSHARED");
	assert_true(long_desc_get((uint64_t)LINUX_MAIR1 << 32 | LINUX_MAIR0, LD_MAIR, "ATTR7") == 0xff);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_is_the_architecture),
		cmocka_unit_test(test_known_bits),
		cmocka_unit_test(test_two_words),
		cmocka_unit_test(test_kind_of),
		cmocka_unit_test(test_convert),
		cmocka_unit_test(test_par),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_attr_names),
		cmocka_unit_test(test_linux_mair),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
