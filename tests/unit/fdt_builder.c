/* fdt_builder: a tiny FDT writer for the unit tests.  See fdt_builder.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdt_builder.h"

#define HEADER_SIZE 40

static void die(const char *what)
{
	fprintf(stderr, "fdt_builder: %s overflows its buffer\n", what);
	abort();
}

void fdtb_put32(uint8_t *blob, size_t off, uint32_t v)
{
	blob[off] = (uint8_t)(v >> 24);
	blob[off + 1] = (uint8_t)(v >> 16);
	blob[off + 2] = (uint8_t)(v >> 8);
	blob[off + 3] = (uint8_t)v;
}

uint32_t fdtb_get32(const uint8_t *blob, size_t off)
{
	return (uint32_t)blob[off] << 24 | (uint32_t)blob[off + 1] << 16 |
	       (uint32_t)blob[off + 2] << 8 | blob[off + 3];
}

void fdtb_init(struct fdtb *b)
{
	b->st_len = 0;
	b->strs_len = 0;
	b->nrsv = 0;
}

void fdtb_rsv(struct fdtb *b, uint64_t addr, uint64_t size)
{
	if (b->nrsv == FDTB_MAX_RSV)
		die("rsvmap");
	b->rsv[b->nrsv][0] = addr;
	b->rsv[b->nrsv][1] = size;
	b->nrsv++;
}

size_t fdtb_struct_off(const struct fdtb *b)
{
	return b->st_len;
}

/* Append bytes, zero-padded to a multiple of 4 like every struct item. */
static void put_bytes(struct fdtb *b, const void *p, size_t len)
{
	size_t padded = (len + 3) & ~(size_t)3;

	if (b->st_len + padded > FDTB_MAX_STRUCT)
		die("struct block");
	memcpy(b->st + b->st_len, p, len);
	memset(b->st + b->st_len + len, 0, padded - len);
	b->st_len += padded;
}

void fdtb_word(struct fdtb *b, uint32_t w)
{
	uint8_t be[4] = { (uint8_t)(w >> 24), (uint8_t)(w >> 16), (uint8_t)(w >> 8), (uint8_t)w };

	put_bytes(b, be, 4);
}

void fdtb_begin(struct fdtb *b, const char *name)
{
	fdtb_word(b, 1);			/* FDT_BEGIN_NODE */
	put_bytes(b, name, strlen(name) + 1);
}

void fdtb_end(struct fdtb *b)
{
	fdtb_word(b, 2);			/* FDT_END_NODE */
}

void fdtb_nop(struct fdtb *b)
{
	fdtb_word(b, 4);			/* FDT_NOP */
}

uint32_t fdtb_string(struct fdtb *b, const char *name)
{
	size_t off = 0, len = strlen(name) + 1;

	while (off < b->strs_len) {
		if (!strcmp(b->strs + off, name))
			return (uint32_t)off;
		off += strlen(b->strs + off) + 1;
	}
	if (b->strs_len + len > FDTB_MAX_STRINGS)
		die("strings block");
	memcpy(b->strs + b->strs_len, name, len);
	b->strs_len += len;
	return (uint32_t)off;
}

void fdtb_prop(struct fdtb *b, const char *name, const void *val, uint32_t len)
{
	fdtb_word(b, 3);			/* FDT_PROP */
	fdtb_word(b, len);
	fdtb_word(b, fdtb_string(b, name));
	put_bytes(b, val, len);
}

void fdtb_prop_str(struct fdtb *b, const char *name, const char *s)
{
	fdtb_prop(b, name, s, (uint32_t)strlen(s) + 1);
}

void fdtb_prop_cells(struct fdtb *b, const char *name, int n, const uint32_t *cells)
{
	uint8_t be[64 * 4];
	int i;

	if (n > 64)
		die("cells");
	for (i = 0; i < n; i++)
		fdtb_put32(be, (size_t)i * 4, cells[i]);
	fdtb_prop(b, name, be, (uint32_t)n * 4);
}

void fdtb_prop_u32(struct fdtb *b, const char *name, uint32_t v)
{
	fdtb_prop_cells(b, name, 1, &v);
}

static void put64(uint8_t *p, uint64_t v)
{
	fdtb_put32(p, 0, (uint32_t)(v >> 32));
	fdtb_put32(p, 4, (uint32_t)v);
}

size_t fdtb_finish(struct fdtb *b, uint8_t *out, size_t cap)
{
	size_t rsv = HEADER_SIZE, st, strs, total;
	int i;

	fdtb_word(b, 9);			/* FDT_END */
	st = rsv + 16 * ((size_t)b->nrsv + 1);
	strs = st + b->st_len;
	total = strs + b->strs_len;
	if (total > cap)
		die("output blob");
	memset(out, 0, total);
	fdtb_put32(out, FDTB_MAGIC, 0xd00dfeed);
	fdtb_put32(out, FDTB_TOTALSIZE, (uint32_t)total);
	fdtb_put32(out, FDTB_OFF_DT_STRUCT, (uint32_t)st);
	fdtb_put32(out, FDTB_OFF_DT_STRINGS, (uint32_t)strs);
	fdtb_put32(out, FDTB_OFF_MEM_RSVMAP, (uint32_t)rsv);
	fdtb_put32(out, FDTB_VERSION, 17);
	fdtb_put32(out, FDTB_LAST_COMP_VERSION, 16);
	fdtb_put32(out, FDTB_BOOT_CPUID_PHYS, 0);
	fdtb_put32(out, FDTB_SIZE_DT_STRINGS, (uint32_t)b->strs_len);
	fdtb_put32(out, FDTB_SIZE_DT_STRUCT, (uint32_t)b->st_len);
	for (i = 0; i < b->nrsv; i++) {
		put64(out + rsv + 16 * (size_t)i, b->rsv[i][0]);
		put64(out + rsv + 16 * (size_t)i + 8, b->rsv[i][1]);
	}
	memcpy(out + st, b->st, b->st_len);
	memcpy(out + strs, b->strs, b->strs_len);
	return total;
}
