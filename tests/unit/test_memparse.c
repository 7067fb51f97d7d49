/* Unit tests for core/lib/memparse.c and core/lib/args.c: memparse(),
 * parse_size(), parse_u32(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "capture.h"
#include "layout_boot.h"

/* simple_strtoull(base 0): decimal when there is no prefix. */
static void test_memparse_decimal(void **state)
{
	const char *s = "512", *end;

	(void)state;
	assert_int_equal(memparse(s, &end), 512);
	assert_ptr_equal(end, s + 3);
	s = "123456789";
	assert_int_equal(memparse(s, &end), 123456789);
	assert_ptr_equal(end, s + 9);
	s = "512M";
	assert_int_equal(memparse(s, &end), MiB(512));
	assert_ptr_equal(end, s + 4);
}

/* "0x"/"0X" followed by a hex digit selects base 16; a bare "0x" is octal 0
 * stopping at the 'x' (_parse_integer_fixup_radix). */
static void test_memparse_hex(void **state)
{
	const char *s = "0x8000000", *end;

	(void)state;
	assert_int_equal(memparse(s, &end), 0x8000000);
	assert_ptr_equal(end, s + strlen(s));
	s = "0XfF";
	assert_int_equal(memparse(s, &end), 0xff);
	assert_ptr_equal(end, s + 4);
	s = "0x10m";
	assert_int_equal(memparse(s, &end), MiB(16));
	assert_ptr_equal(end, s + 5);
	s = "0x45d00000";
	assert_int_equal(memparse(s, &end), 0x45d00000);
	s = "0x";
	assert_int_equal(memparse(s, &end), 0);
	assert_ptr_equal(end, s + 1);
	s = "0xg";
	assert_int_equal(memparse(s, &end), 0);
	assert_ptr_equal(end, s + 1);
}

/* A leading 0 means octal: "010M" is 8 MB, and 8/9 end an octal number. */
static void test_memparse_octal(void **state)
{
	const char *s = "010M", *end;

	(void)state;
	assert_int_equal(memparse(s, &end), MiB(8));
	assert_ptr_equal(end, s + 4);
	s = "0777";
	assert_int_equal(memparse(s, &end), 0777);
	s = "08";
	assert_int_equal(memparse(s, &end), 0);
	assert_ptr_equal(end, s + 1);
	s = "0";
	assert_int_equal(memparse(s, &end), 0);
	assert_ptr_equal(end, s + 1);
}

/* K, M, G in either case multiply by 2^10, 2^20, 2^30 and are consumed. */
static void test_memparse_suffixes(void **state)
{
	const char *end;
	static const struct { const char *s; uint64_t v; } cases[] = {
		{ "3K", 3ull << 10 }, { "3k", 3ull << 10 },
		{ "5M", 5ull << 20 }, { "5m", 5ull << 20 },
		{ "2G", 2ull << 30 }, { "2g", 2ull << 30 },
		{ "0x40000000", 1ull << 30 }, { "1G", 1ull << 30 },
		{ "123456789K", 123456789ull << 10 },
	};

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		assert_int_equal(memparse(cases[i].s, &end), cases[i].v);
		assert_int_equal(*end, '\0');
	}
	assert_int_equal(memparse("4K", NULL), 4096);	/* end may be NULL */
}

/* Text that is not a number reads as 0 with *end == s (no sign, no spaces). */
static void test_memparse_not_a_number(void **state)
{
	static const char *const bad[] = { "abc", "", "-1", " 5", "@0x40000000", "x10" };
	const char *end;

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(bad); i++) {
		end = NULL;
		assert_int_equal(memparse(bad[i], &end), 0);
		assert_ptr_equal(end, bad[i]);
	}
}

/* Linux's memparse() switches on the character after the digits whatever
 * came before: "K" alone is 0 with the K consumed. */
static void test_memparse_suffix_alone(void **state)
{
	const char *s = "K", *end;
	uint64_t v = 77;

	(void)state;
	assert_int_equal(memparse(s, &end), 0);
	assert_ptr_equal(end, s + 1);
	assert_false(parse_size("K", &v));	/* but it is no size */
	assert_int_equal(v, 77);
}

/* memparse stops at the first unusable character; T is not a suffix in
 * the 3.x memparse. */
static void test_memparse_trailing_junk(void **state)
{
	const char *s = "512Mjunk", *end;

	(void)state;
	assert_int_equal(memparse(s, &end), MiB(512));
	assert_string_equal(end, "junk");
	s = "12T";
	assert_int_equal(memparse(s, &end), 12);
	assert_string_equal(end, "T");
	s = "1G@0x40000000";
	assert_int_equal(memparse(s, &end), GiB(1));
	assert_string_equal(end, "@0x40000000");
	s = "16MM";
	assert_int_equal(memparse(s, &end), MiB(16));
	assert_string_equal(end, "M");
}

/* parse_size: exactly one number, nothing after it. */
static void test_parse_size_accepts(void **state)
{
	static const struct { const char *s; uint64_t v; } ok[] = {
		{ "0", 0 }, { "1G", GiB(1) }, { "0x40000000", 0x40000000 },
		{ "010M", MiB(8) }, { "123456789", 123456789 }, { "4k", 4096 },
		{ "18446744073709551615", UINT64_MAX },
		{ "17179869183G", ((1ull << 34) - 1) << 30 },
		{ "0xffffffffffffffff", UINT64_MAX },
	};

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(ok); i++) {
		uint64_t v = 1;

		assert_true(parse_size(ok[i].s, &v));
		assert_int_equal(v, ok[i].v);
	}
}

/* parse_size refuses empty text, junk, trailing characters and overflow,
 * leaving *out alone. */
static void test_parse_size_rejects(void **state)
{
	static const char *const bad[] = {
		"", "abc", "K", "12x", "1G ", " 1G", "0x", "-1", "08", "512MB",
		"18446744073709551616",		/* 2^64 */
		"17179869184G",			/* 2^34 << 30 = 2^64 */
		"0x10000000000000000",
		"99999999999999999999999",
	};

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(bad); i++) {
		uint64_t v = 0x5a5a;

		if (parse_size(bad[i], &v))
			fail_msg("parse_size(\"%s\") accepted it as %llu", bad[i],
				 (unsigned long long)v);
		assert_int_equal(v, 0x5a5a);
	}
}

/* parse_u32: below 2^32 only. */
static void test_parse_u32(void **state)
{
	uint32_t v = 0;

	(void)state;
	assert_true(parse_u32("4294967295", &v));
	assert_int_equal(v, UINT32_MAX);
	assert_true(parse_u32("0xffffffff", &v));
	assert_int_equal(v, UINT32_MAX);
	assert_true(parse_u32("4095M", &v));
	assert_int_equal(v, 0xfff00000);
	assert_true(parse_u32("0xe8000000", &v));
	assert_int_equal(v, 0xe8000000);
	v = 7;
	assert_false(parse_u32("4294967296", &v));
	assert_false(parse_u32("4G", &v));
	assert_false(parse_u32("0x100000000", &v));
	assert_false(parse_u32("", &v));
	assert_false(parse_u32("zzz", &v));
	assert_int_equal(v, 7);
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memparse_decimal),
		cmocka_unit_test(test_memparse_hex),
		cmocka_unit_test(test_memparse_octal),
		cmocka_unit_test(test_memparse_suffixes),
		cmocka_unit_test(test_memparse_not_a_number),
		cmocka_unit_test(test_memparse_suffix_alone),
		cmocka_unit_test(test_memparse_trailing_junk),
		cmocka_unit_test(test_parse_size_accepts),
		cmocka_unit_test(test_parse_size_rejects),
		cmocka_unit_test(test_parse_u32),
	};

	return cmocka_run_group_tests_name("memparse", tests, NULL, NULL);
}
