/* Unit tests for core/mm/fault.c: DFSR/IFSR decoding (ARM ARM
 * ARMv7-A/R B3.13.3, table B3-23, the short-descriptor fault status
 * encodings). */
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


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fsr_status),
		cmocka_unit_test(test_fsr_descriptions),
		cmocka_unit_test(test_fsr_is_mmu_fault),
		cmocka_unit_test(test_fsr_reserved),
		cmocka_unit_test(test_fsr_class),
	};

	return cmocka_run_group_tests_name("fault", tests, NULL, NULL);
}
