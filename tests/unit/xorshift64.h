/* The random sequence the tree tests share: xorshift64 from a fixed seed
 * (each test sets rng_state), so every run sees the same operations.  Each
 * including test file gets its own state. */
#ifndef VMSPLIT_TEST_XORSHIFT64_H
#define VMSPLIT_TEST_XORSHIFT64_H

#include <stdint.h>

static uint64_t rng_state;

static inline uint32_t rnd(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	rng_state = x;
	return (uint32_t)(x >> 32);
}

#endif
