/* Size and number parsing shared by the kernel command line and the shell. */
#include "memparse.h"

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

/* simple_strtoull(s, end, 0): base from the prefix, as the kernel does.
 * *overflow is set when the value does not fit 64 bits. */
static uint64_t strtou64(const char *s, const char **end, bool *overflow)
{
	unsigned base = 10;
	uint64_t v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16) {
		base = 16;
		s += 2;
	} else if (s[0] == '0') {
		base = 8;
	}
	for (; digit_value(*s) < (int)base; s++) {
		uint64_t d = (uint64_t)digit_value(*s);

		if (v > (UINT64_MAX - d) / base)
			*overflow = true;
		v = v * base + d;
	}
	*end = s;
	return v;
}

static unsigned suffix_shift(char c)
{
	switch (c) {
	case 'G': case 'g': return 30;
	case 'M': case 'm': return 20;
	case 'K': case 'k': return 10;
	default:            return 0;
	}
}

static uint64_t memparse_checked(const char *s, const char **end, bool *overflow)
{
	uint64_t v = strtou64(s, end, overflow);
	unsigned shift = suffix_shift(**end);

	if (shift) {
		if (v >> (64 - shift))
			*overflow = true;
		v <<= shift;
		(*end)++;
	}
	return v;
}

uint64_t memparse(const char *s, const char **end)
{
	bool overflow = false;
	const char *e;
	uint64_t v = memparse_checked(s, &e, &overflow);

	if (end)
		*end = e;
	return v;
}

bool parse_size(const char *s, uint64_t *out)
{
	bool overflow = false;
	const char *digits_end, *e;
	uint64_t v;

	strtou64(s, &digits_end, &overflow);	/* at least one digit? */
	v = memparse_checked(s, &e, &overflow);
	if (digits_end == s || *e != '\0' || overflow)
		return false;
	*out = v;
	return true;
}

bool parse_u32(const char *s, uint32_t *out)
{
	uint64_t v;

	if (!parse_size(s, &v) || v > UINT32_MAX)
		return false;
	*out = (uint32_t)v;
	return true;
}
