#ifndef VMSPLIT_MEMPARSE_H
#define VMSPLIT_MEMPARSE_H

#include "types.h"

/*
 * memparse: Linux's reading of sizes on the command line ("512M", "0x8000000",
 * "1G").  A number in C notation (0x.. hex, 0.. octal, else decimal) followed
 * by an optional K, M or G (either case) multiplier.  Like Linux it stops at
 * the first character it cannot use and reports where in *end; text that is
 * not a number reads as 0 with *end == s, which callers use to say so.
 */
uint64_t memparse(const char *s, const char **end);

/* parse_size: a whole argument that must be exactly one memparse() number.
 * Returns false (and leaves *out alone) on trailing junk, empty text or
 * overflow of 64 bits. */
bool parse_size(const char *s, uint64_t *out);

/* parse_u32: strict unsigned number (C notation, K/M/G allowed) below 2^32. */
bool parse_u32(const char *s, uint32_t *out);

#endif
