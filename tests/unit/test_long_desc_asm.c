/* The long-descriptor codec's assembler side (core/include/arm/long_desc.h
 * with __ASSEMBLY__: LD_FIELD_SYMBOLS, LD_MASK_LO/HI, LD_PREP_LO/HI,
 * LD_BIT_LO/HI), which head.S's boot table is built with: the host's
 * assembler evaluates the same expressions GAS does for ARM, here into a
 * table of words, held to the C side's 64-bit masks field by field.  A
 * wrong expression would otherwise only show as a kernel that never gets
 * past turning its MMU on.
 */
#define __ASSEMBLY__
#include "arm/long_desc.h"
#undef __ASSEMBLY__

#define STR(...)	#__VA_ARGS__
#define XSTR(...)	STR(__VA_ARGS__)

/* For each field: its mask's low word, and its high word (fields at bit 32
 * and above only: LD_MASK_HI is theirs). */
#define ASM_MASKS(kind, field, shift, width, what) \
	".long " XSTR(LD_MASK_LO(kind, field)) "\n" \
	".if " XSTR(shift) " >= 32\n.long " XSTR(LD_MASK_HI(kind, field)) "\n.else\n.long 0\n.endif\n"

__asm__(XSTR(LD_FIELD_SYMBOLS) "\n"
	".section .rodata\n.balign 4\n.globl ld_asm_masks\nld_asm_masks:\n"
	LONG_DESC_FIELDS(ASM_MASKS)
	".globl ld_asm_preps\nld_asm_preps:\n"
	".long " XSTR(LD_PREP_HI(TTBR, ASID, 0x2a)) "\n"
	".long " XSTR(LD_PREP_LO(TTBCR, T1SZ, 2)) "\n"
	".long " XSTR(LD_BIT_HI(BLOCK2, PXN)) "\n"
	".long " XSTR(LD_BIT_HI(BLOCK2, XN)) "\n"
	".long " XSTR(LD_BIT_LO(BLOCK2, AF)) "\n"
	".long " XSTR(LD_PREP_LO(BLOCK2, ATTRINDX, LINUX_MT_WRITEALLOC)) "\n"
	".long " XSTR(LD_PREP_LO(BLOCK2, ADDR, 0x1201)) "\n"
	".long " XSTR(LD_PREP_LO(TABLE, TYPE, 3)) "\n"
	".text\n");

/* And the C side, from the same header. */
#undef VMSPLIT_ARM_LONG_DESC_H
#undef LD_EQU
#undef LD_FIELD_SYMBOLS
#undef LD_MASK_LO
#undef LD_PREP_LO
#undef LD_BIT_LO
#undef LD_MASK_HI
#undef LD_PREP_HI
#undef LD_BIT_HI
#include "arm/long_desc.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

extern const uint32_t ld_asm_masks[];
extern const uint32_t ld_asm_preps[];

static void test_masks(void **state)
{
	(void)state;
	for (unsigned i = 0; i < nr_long_desc_fields; i++) {
		const struct long_desc_field *f = &long_desc_fields[i];
		uint64_t mask = (f->width == 64 ? ~UINT64_C(0) : ((UINT64_C(1) << f->width) - 1)) << f->shift;
		uint32_t lo = (uint32_t)mask, hi = f->shift >= 32 ? (uint32_t)(mask >> 32) : 0;

		if (ld_asm_masks[2 * i] != lo || ld_asm_masks[2 * i + 1] != hi)
			fail_msg("%s %s: the assembler says 0x%08x:0x%08x, C 0x%08x:0x%08x", f->kind_name,
				 f->name, ld_asm_masks[2 * i + 1], ld_asm_masks[2 * i], hi, lo);
	}
}

/* The words head.S builds, against the C forms. */
static void test_preps(void **state)
{
	(void)state;
	assert_int_equal(ld_asm_preps[0], LD_PREP_HI(TTBR, ASID, 0x2a));
	assert_int_equal(ld_asm_preps[0], 0x002a0000u);
	assert_int_equal(ld_asm_preps[1], LD_PREP_LO(TTBCR, T1SZ, 2));
	assert_int_equal(ld_asm_preps[1], 0x00020000u);
	assert_int_equal(ld_asm_preps[2], 1u << 21);		/* PXN: bit 53 */
	assert_int_equal(ld_asm_preps[3], 1u << 22);		/* XN: bit 54 */
	assert_int_equal(ld_asm_preps[4], 0x400u);
	assert_int_equal(ld_asm_preps[5], 0x1cu);
	assert_int_equal(ld_asm_preps[6], LD_PREP_LO(BLOCK2, ADDR, 0x1201));
	assert_int_equal(ld_asm_preps[6], 0x40200000u);	/* PA 0x2_4020_0000's low word */
	assert_int_equal(ld_asm_preps[7], 3u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_masks),
		cmocka_unit_test(test_preps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
