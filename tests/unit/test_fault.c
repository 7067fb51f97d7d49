/* Unit tests for core/mm/fault.c: DFSR/IFSR decoding (ARM ARM
 * ARMv7-A/R B3.13.3, table B3-23, the short-descriptor fault status
 * encodings, and table B3-24, the long-descriptor ones, which bit 9
 * (LPAE) of the register selects). */
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
#include "sizes.h"

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

/* fsr_class agrees with the names: every MMU fault's class is the first
 * word of its description, every other status is FSR_OTHER. */
static void test_fsr_class(void **state)
{
	static const char *const words[] = {
		[FSR_TRANSLATION] = "translation", [FSR_ACCESS_FLAG] = "access flag",
		[FSR_DOMAIN] = "domain", [FSR_PERMISSION] = "permission",
	};

	(void)state;
	for (unsigned fs = 0; fs < 32; fs++) {
		enum fsr_class c = fsr_class(fsr_of(fs) | 0x1800);

		assert_int_equal(c == FSR_OTHER, !fsr_is_mmu_fault(fsr_of(fs)));
		if (c != FSR_OTHER)
			assert_int_equal(strncmp(fsr_description(fsr_of(fs)), words[c], strlen(words[c])), 0);
	}
	assert_int_equal(fsr_class(0x01b), FSR_DOMAIN);		/* the PAN attack's DFSR */
	assert_int_equal(fsr_class(0x80f), FSR_PERMISSION);	/* write to kernel text */
	/* read-null's DFSR: bits 7:4 are the domain (1), not status */
	assert_int_equal(fsr_class(0x017), FSR_TRANSLATION);
	assert_int_equal(fsr_class(fsr_of(0x17)), FSR_OTHER);	/* FS 0x17: reserved */
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

/* Table B3-24 (long-descriptor FSR encodings): status [5:0], the level in
 * [1:0] for the faults of a walk; which of them the tables raise. */
static const struct {
	unsigned fs;
	bool mmu;
	unsigned level;
	enum fsr_class cls;
	const char *name;
} arm_long_fsr[] = {
	{ 0x00, false, 0, FSR_OTHER, "address size fault (TTBR)" },
	{ 0x01, false, 1, FSR_OTHER, "address size fault (level 1)" },
	{ 0x02, false, 2, FSR_OTHER, "address size fault (level 2)" },
	{ 0x03, false, 3, FSR_OTHER, "address size fault (level 3)" },
	{ 0x05, true,  1, FSR_TRANSLATION, "translation fault (level 1)" },
	{ 0x06, true,  2, FSR_TRANSLATION, "translation fault (level 2)" },
	{ 0x07, true,  3, FSR_TRANSLATION, "translation fault (level 3)" },
	{ 0x09, true,  1, FSR_ACCESS_FLAG, "access flag fault (level 1)" },
	{ 0x0a, true,  2, FSR_ACCESS_FLAG, "access flag fault (level 2)" },
	{ 0x0b, true,  3, FSR_ACCESS_FLAG, "access flag fault (level 3)" },
	{ 0x0d, true,  1, FSR_PERMISSION, "permission fault (level 1)" },
	{ 0x0e, true,  2, FSR_PERMISSION, "permission fault (level 2)" },
	{ 0x0f, true,  3, FSR_PERMISSION, "permission fault (level 3)" },
	{ 0x10, false, 0, FSR_OTHER, "synchronous external abort" },
	{ 0x11, false, 0, FSR_OTHER, "asynchronous external abort" },
	{ 0x15, false, 1, FSR_OTHER, "external abort on translation table walk (level 1)" },
	{ 0x16, false, 2, FSR_OTHER, "external abort on translation table walk (level 2)" },
	{ 0x17, false, 3, FSR_OTHER, "external abort on translation table walk (level 3)" },
	{ 0x18, false, 0, FSR_OTHER, "synchronous parity error on memory access" },
	{ 0x19, false, 0, FSR_OTHER, "asynchronous parity error on memory access" },
	{ 0x1d, false, 1, FSR_OTHER, "parity error on translation table walk (level 1)" },
	{ 0x1e, false, 2, FSR_OTHER, "parity error on translation table walk (level 2)" },
	{ 0x1f, false, 3, FSR_OTHER, "parity error on translation table walk (level 3)" },
	{ 0x21, false, 0, FSR_OTHER, "alignment fault" },
	{ 0x22, false, 0, FSR_OTHER, "debug event" },
	{ 0x30, false, 0, FSR_OTHER, "TLB conflict abort" },
	{ 0x34, false, 0, FSR_OTHER, "lockdown abort (implementation defined)" },
	{ 0x3a, false, 0, FSR_OTHER, "coprocessor abort (implementation defined)" },
	{ 0x3d, true,  1, FSR_DOMAIN, "domain fault (level 1)" },
	{ 0x3e, true,  2, FSR_DOMAIN, "domain fault (level 2)" },
};

#define FSR_LPAE_BIT	(1u << 9)

/* Every status of table B3-24 with the LPAE bit: its name, class, level;
 * WnR (11), ExT (12) and CM (13) are not part of it; every other status
 * is reserved, and no MMU fault. */
static void test_long_fsr(void **state)
{
	(void)state;
	for (unsigned fs = 0; fs < 64; fs++) {
		uint32_t fsr = FSR_LPAE_BIT | fs;
		unsigned i;

		assert_true(fsr_is_long(fsr));
		assert_int_equal(fsr_status(fsr), fs);
		assert_int_equal(fsr_status(fsr | 0x3800), fs);
		for (i = 0; i < ARRAY_SIZE(arm_long_fsr) && arm_long_fsr[i].fs != fs; i++)
			;
		if (i == ARRAY_SIZE(arm_long_fsr)) {
			assert_string_equal(fsr_description(fsr), "reserved fault status");
			assert_false(fsr_is_mmu_fault(fsr));
			assert_int_equal(fsr_class(fsr), FSR_OTHER);
			assert_int_equal(fsr_level(fsr), 0);
			continue;
		}
		assert_string_equal(fsr_description(fsr | 0x3800), arm_long_fsr[i].name);
		assert_int_equal(fsr_is_mmu_fault(fsr), arm_long_fsr[i].mmu);
		assert_int_equal(fsr_class(fsr | 0x800), arm_long_fsr[i].cls);
		assert_int_equal(fsr_level(fsr), arm_long_fsr[i].level);
	}
	/* The same number in the other format is another fault: 0x0b is
	 * "domain fault (page)" short, "access flag fault (level 3)" long. */
	assert_string_equal(fsr_description(0x00b), "domain fault (page)");
	assert_string_equal(fsr_description(0x20b), "access flag fault (level 3)");
	assert_int_equal(fsr_class(0x00b), FSR_DOMAIN);
	assert_int_equal(fsr_class(0x20b), FSR_ACCESS_FLAG);
	assert_false(fsr_is_long(0x40f));
	/* A write to read-only kernel text, long form. */
	assert_string_equal(fsr_description(0xa0f), "permission fault (level 3)");
	assert_string_equal(fsr_description(0xa0e), "permission fault (level 2)");
}

/* The short format's levels: section and first level 1, page and second
 * level 2, none for the rest. */
static void test_short_fsr_level(void **state)
{
	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(arm_fsr); i++) {
		const char *n = arm_fsr[i].name;
		unsigned want = strstr(n, "(section)") || strstr(n, "(first level)") ? 1 :
				strstr(n, "(page)") || strstr(n, "(second level)") ? 2 : 0;

		assert_int_equal(fsr_level(fsr_of(arm_fsr[i].fs)), want);
	}
	assert_int_equal(fsr_level(fsr_of(0x17)), 0);
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fsr_status),
		cmocka_unit_test(test_fsr_descriptions),
		cmocka_unit_test(test_fsr_is_mmu_fault),
		cmocka_unit_test(test_fsr_reserved),
		cmocka_unit_test(test_fsr_class),
		cmocka_unit_test(test_long_fsr),
		cmocka_unit_test(test_short_fsr_level),
	};

	return cmocka_run_group_tests_name("fault", tests, NULL, NULL);
}
