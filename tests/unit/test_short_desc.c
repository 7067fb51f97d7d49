/* Unit tests for the short-descriptor codec (core/include/arm/short_desc.h,
 * core/mm/short_desc.c): the field table itself, held against the ARM ARM's
 * bit pictures (ARMv7-A/R B3.5.1 and B4.1.112) written here as plain
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

#include "arm/short_desc.h"
#include "pgtable.h"

/* The bits each kind defines.  Unlisted bits are the architecture's
 * SBZ or IMPLEMENTATION DEFINED ones: bit 9 of first-level entries,
 * bit 4 of a page-table entry, bits 8:6 of a large page, bit 8 and 11
 * of PAR, bits 31:7 of an aborted PAR (bit 11 is LPAE's). */
static const struct { enum short_desc_kind kind; uint32_t bits; } coverage[] = {
	{ SD_TABLE, 0xfffffdefu }, { SD_SECT, 0xfffffdffu }, { SD_SUPER, 0xfffffdffu },
	{ SD_LARGE, 0xfffffe3fu }, { SD_SMALL, 0xffffffffu },
	{ SD_PAR, 0xfffff6ffu }, { SD_PARF, 0x0000007fu },
};

static uint32_t field_mask(const struct short_desc_field *f)
{
	return (uint32_t)(((UINT64_C(1) << f->width) - 1) << f->shift);
}

/* Within 32 bits, no two fields of a kind on the same bit (PAR's SADDR
 * is ADDR's alternative reading when SS is set), and every defined bit
 * belongs to a field. */
static void test_table_is_the_architecture(void **state)
{
	(void)state;
	for (unsigned k = 0; k < sizeof(coverage) / sizeof(coverage[0]); k++) {
		uint32_t seen = 0;

		for (unsigned i = 0; i < nr_short_desc_fields; i++) {
			const struct short_desc_field *f = &short_desc_fields[i];

			if (f->kind != coverage[k].kind)
				continue;
			assert_true(f->width >= 1 && f->shift + f->width <= 32);
			if (strcmp(f->name, "SADDR"))
				assert_int_equal(seen & field_mask(f), 0);
			seen |= field_mask(f);
		}
		assert_int_equal(seen, coverage[k].bits);
	}
}

/* The bits everyone knows, from the ARM ARM's pictures. */
static void test_known_bits(void **state)
{
	(void)state;
	assert_int_equal(SD_BIT(SECT, PXN), 0x1);
	assert_int_equal(SD_BIT(SECT, TYPE), 0x2);
	assert_int_equal(SD_BIT(SECT, XN), 0x10);
	assert_int_equal(SD_MASK(SECT, DOMAIN), 0x1e0);
	assert_int_equal(SD_MASK(SECT, AP), 0xc00);
	assert_int_equal(SD_MASK(SECT, TEX), 0x7000);
	assert_int_equal(SD_BIT(SECT, APX), 0x8000);
	assert_int_equal(SD_BIT(SECT, NG), 0x20000);
	assert_int_equal(SD_BIT(SUPER, SUPER), 0x40000);
	assert_int_equal(SD_MASK(SUPER, ADDR), 0xff000000u);
	assert_int_equal(SD_MASK(SUPER, PA35_32), 0x00f00000u);
	assert_int_equal(SD_MASK(TABLE, ADDR), 0xfffffc00u);
	assert_int_equal(SD_BIT(SMALL, XN), 0x1);
	assert_int_equal(SD_MASK(SMALL, TEX), 0x1c0);
	assert_int_equal(SD_BIT(SMALL, NG), 0x800);
	assert_int_equal(SD_BIT(LARGE, XN), 0x8000);
	assert_int_equal(SD_MASK(LARGE, TEX), 0x7000);
	assert_int_equal(SD_MASK(LARGE, ADDR), 0xffff0000u);
	assert_int_equal(SD_MASK(PARF, FS30), 0x1e);
	assert_int_equal(SD_BIT(PARF, FS4), 0x20);
	assert_int_equal(SD_MASK(PAR, INNER), 0x70);
	/* The table as data says the same as the constants. */
	assert_int_equal(short_desc_get(0x8000, SD_LARGE, "XN"), 1);
	assert_int_equal(short_desc_get(0x7000, SD_SECT, "TEX"), 7);
	assert_int_equal(short_desc_get(0, SD_SMALL, "DOMAIN"), -1);
}

static void test_kind_of(void **state)
{
	(void)state;
	assert_int_equal(short_desc_kind_of(1, 0), -1);
	assert_int_equal(short_desc_kind_of(1, 0x40000001), SD_TABLE);
	assert_int_equal(short_desc_kind_of(1, 0x40000002), SD_SECT);
	assert_int_equal(short_desc_kind_of(1, 0x40000003), SD_SECT);	/* PXN section */
	assert_int_equal(short_desc_kind_of(1, 0x40040002), SD_SUPER);
	assert_int_equal(short_desc_kind_of(2, 0), -1);
	assert_int_equal(short_desc_kind_of(2, 0x40000001), SD_LARGE);
	assert_int_equal(short_desc_kind_of(2, 0x40000002), SD_SMALL);
	assert_int_equal(short_desc_kind_of(2, 0x40000003), SD_SMALL);	/* XN page */
}

/* A section's attributes, field by field, at a small page's positions:
 * B, C stay; XN 4 -> 0; AP 11:10 -> 5:4; TEX 14:12 -> 8:6; APX 15 -> 9;
 * S 16 -> 10; nG 17 -> 11.  Domain, PXN, NS and the address stay behind. */
static void test_convert_section_to_page(void **state)
{
	uint32_t sect = (1u << 17) | (1u << 16) | (1u << 15) | (5u << 12) | (2u << 10) |
			(0xfu << 5) | (1u << 4) | (1u << 3) | (1u << 2) | 2u | 1u | 0x40100000u;

	(void)state;
	assert_int_equal(short_desc_convert(sect, SD_SECT, SD_SMALL),
			 (1u << 11) | (1u << 10) | (1u << 9) | (5u << 6) | (2u << 4) |
			 (1u << 3) | (1u << 2) | 2u | 1u);
	assert_int_equal(short_desc_convert(0x40000002u, SD_SECT, SD_SMALL), 2u);
	/* Every memory type's section and page say the same thing. */
	for (int t = 0; t < NR_MEM_TYPES; t++)
		assert_int_equal(section_to_pte_prot(mem_types[t].prot_sect), mem_types[t].prot_pte);
}

/* What the MMU check and user check read from a type, derived from its
 * bits: held against what each type is for. */
static void test_type_permissions(void **state)
{
	static const struct { enum mem_type_id t; bool w1, r0, w0, x; } want[] = {
		{ MT_MEMORY_RWX,   true,  false, false, true  },
		{ MT_MEMORY_RW,    true,  false, false, false },
		{ MT_MEMORY_RX,    false, false, false, true  },
		{ MT_MEMORY_RO,    false, false, false, false },
		{ MT_DEVICE,       true,  false, false, false },
		{ MT_DMA_COHERENT, true,  false, false, false },
		{ MT_HIGH_VECTORS, false, true,  false, true  },
		{ MT_VECTOR_STUBS, false, false, false, true  },
		{ MT_USER_RX,      false, true,  false, true  },
		{ MT_USER_RW,      true,  true,  true,  false },
	};

	(void)state;
	assert_int_equal(sizeof(want) / sizeof(want[0]), NR_MEM_TYPES);
	for (unsigned i = 0; i < NR_MEM_TYPES; i++) {
		assert_int_equal(mem_type_pl1_writable(want[i].t), want[i].w1);
		assert_int_equal(mem_type_pl0_readable(want[i].t), want[i].r0);
		assert_int_equal(mem_type_pl0_writable(want[i].t), want[i].w0);
		assert_int_equal(mem_type_executable(want[i].t), want[i].x);
	}
}

static void test_par(void **state)
{
	(void)state;
	/* A page: PA[31:12] from PAR, the offset from the VA. */
	assert_int_equal(short_desc_par_pa(0xc0001234u, 0x40001000u | 0x80u), 0x40001234u);
	/* A supersection: PA[31:24] only. */
	assert_int_equal(short_desc_par_pa(0xc1234567u, 0x41000000u | 0x2u), 0x41234567u);
	assert_true(short_desc_par_pa(0, 0x1f) == (uint64_t)-1);
	/* Aborted: FS[3:0] at PAR[4:1], FS[4] at PAR[5]; in the DFSR FS[4] is bit 10. */
	assert_int_equal(short_desc_par_fsr((0xfu << 1) | 1u), 0xf);		/* permission, page */
	assert_int_equal(short_desc_par_fsr((0x6u << 1) | (1u << 5) | 1u), 0x406);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(short_desc_ap_name(0, 1), "PL1 RW, PL0 none");
	assert_string_equal(short_desc_ap_name(1, 3), "PL1 RO, PL0 RO");
	assert_string_equal(short_desc_ap_pl1(1, 1), "RO");
	assert_string_equal(short_desc_ap_pl0(0, 3), "RW");
	assert_string_equal(short_desc_memory_name(1, 1, 1), "normal, write-back write-allocate");
	assert_string_equal(short_desc_memory_short(1, 1, 1), "normal WBWA");
	assert_string_equal(short_desc_memory_short(0, 0, 1), "device");
	assert_string_equal(short_desc_memory_short(6, 0, 0), "other");
	assert_string_equal(short_desc_memory_name(5, 1, 1),
			    "normal, inner write-back no write-allocate, outer write-back write-allocate");
}

/* ---- the names of memory attributes (short_desc_memory_name) ---- */

/* TEX[0] C B with TEX[2] = 0 (B3.8.2, table B3-10, TEX remap off). */
static void test_memory_attr_name_classes(void **state)
{
	(void)state;
	assert_contains(short_desc_memory_name(0, 0, 0), "strongly-ordered");
	assert_contains(short_desc_memory_name(0, 0, 1), "shareable device");
	assert_null(strstr(short_desc_memory_name(0, 0, 1), "non-shareable"));
	assert_contains(short_desc_memory_name(0, 1, 0), "normal");
	assert_contains(short_desc_memory_name(0, 1, 0), "write-through");
	assert_contains(short_desc_memory_name(0, 1, 0), "no write-allocate");
	assert_contains(short_desc_memory_name(0, 1, 1), "normal");
	assert_contains(short_desc_memory_name(0, 1, 1), "write-back");
	assert_contains(short_desc_memory_name(0, 1, 1), "no write-allocate");
	assert_contains(short_desc_memory_name(1, 0, 0), "normal");
	assert_contains(short_desc_memory_name(1, 0, 0), "non-cacheable");
	assert_string_equal(short_desc_memory_name(1, 1, 1), "normal, write-back write-allocate");
	assert_contains(short_desc_memory_name(2, 0, 0), "non-shareable device");
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
			assert_string_equal(short_desc_memory_name(4 | outer, inner >> 1, inner & 1), want);
		}
}

/* Encodings table B3-10 marks reserved: TEX=001 C=0 B=1, TEX=010 with C or
 * B set, TEX=011. */
static void test_memory_attr_name_reserved(void **state)
{
	(void)state;
	assert_string_equal(short_desc_memory_name(1, 0, 1), "reserved");
	assert_string_equal(short_desc_memory_name(2, 0, 1), "reserved");
	assert_string_equal(short_desc_memory_name(2, 1, 0), "reserved");
	assert_string_equal(short_desc_memory_name(2, 1, 1), "reserved");
	for (unsigned cb = 0; cb < 4; cb++)
		assert_string_equal(short_desc_memory_name(3, cb >> 1, cb & 1), "reserved");
}

/* The kind of memory TEX:C:B make (B3.8.2): both device encodings are
 * devices; with TEX[2] set, a kind when inner (C:B) and outer (TEX[1:0])
 * policies agree, "other" when they differ. */
static void test_memory_kind(void **state)
{
	static const enum mem_kind same[4] = {
		MEM_KIND_NORMAL_UNCACHED, MEM_KIND_NORMAL_WBWA, MEM_KIND_NORMAL_WT, MEM_KIND_NORMAL_WB,
	};

	(void)state;
	assert_int_equal(short_desc_memory_kind(0, 0, 0), MEM_KIND_STRONGLY_ORDERED);
	assert_int_equal(short_desc_memory_kind(0, 0, 1), MEM_KIND_DEVICE);
	assert_int_equal(short_desc_memory_kind(2, 0, 0), MEM_KIND_DEVICE);
	assert_int_equal(short_desc_memory_kind(0, 1, 0), MEM_KIND_NORMAL_WT);
	assert_int_equal(short_desc_memory_kind(0, 1, 1), MEM_KIND_NORMAL_WB);
	assert_int_equal(short_desc_memory_kind(1, 0, 0), MEM_KIND_NORMAL_UNCACHED);
	assert_int_equal(short_desc_memory_kind(1, 1, 1), MEM_KIND_NORMAL_WBWA);
	assert_int_equal(short_desc_memory_kind(1, 0, 1), MEM_KIND_OTHER);	/* reserved */
	assert_int_equal(short_desc_memory_kind(3, 0, 0), MEM_KIND_OTHER);
	for (unsigned outer = 0; outer < 4; outer++)
		for (unsigned inner = 0; inner < 4; inner++)
			assert_int_equal(short_desc_memory_kind(4 | outer, inner >> 1, inner & 1),
					 outer == inner ? same[inner] : MEM_KIND_OTHER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_is_the_architecture),
		cmocka_unit_test(test_known_bits),
		cmocka_unit_test(test_kind_of),
		cmocka_unit_test(test_convert_section_to_page),
		cmocka_unit_test(test_type_permissions),
		cmocka_unit_test(test_par),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_memory_attr_name_classes),
		cmocka_unit_test(test_memory_attr_name_inner_outer),
		cmocka_unit_test(test_memory_attr_name_reserved),
		cmocka_unit_test(test_memory_kind),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
