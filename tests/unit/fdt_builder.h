/* fdt_builder: a tiny FDT writer for the unit tests (test-only code).
 *
 * Build a tree with fdtb_begin, fdtb_prop..., fdtb_end (or raw fdtb_word tokens
 * for malformed blobs), then fdtb_finish() appends FDT_END and lays the blob
 * out as
 *
 *     header (40) | rsvmap (16 * (nrsv + 1)) | struct block | strings block
 *
 * with version 17, last_comp_version 16 and totalsize = the end of the
 * strings block.  Tests corrupt it afterwards with fdtb_put32().
 */
#ifndef VMSPLIT_TEST_FDT_BUILDER_H
#define VMSPLIT_TEST_FDT_BUILDER_H

#include <stddef.h>
#include <stdint.h>

#define FDTB_MAX_STRUCT		(256 * 1024)
#define FDTB_MAX_STRINGS	4096
#define FDTB_MAX_RSV		32

/* Header field offsets, for tests that patch them. */
enum {
	FDTB_MAGIC = 0, FDTB_TOTALSIZE = 4, FDTB_OFF_DT_STRUCT = 8, FDTB_OFF_DT_STRINGS = 12,
	FDTB_OFF_MEM_RSVMAP = 16, FDTB_VERSION = 20, FDTB_LAST_COMP_VERSION = 24,
	FDTB_BOOT_CPUID_PHYS = 28, FDTB_SIZE_DT_STRINGS = 32, FDTB_SIZE_DT_STRUCT = 36,
};

struct fdtb {
	uint8_t st[FDTB_MAX_STRUCT];	/* struct block being built */
	size_t st_len;
	char strs[FDTB_MAX_STRINGS];	/* strings block being built */
	size_t strs_len;
	uint64_t rsv[FDTB_MAX_RSV][2];
	int nrsv;
};

void fdtb_init(struct fdtb *b);
void fdtb_rsv(struct fdtb *b, uint64_t addr, uint64_t size);
void fdtb_word(struct fdtb *b, uint32_t w);		/* raw big-endian struct word */
void fdtb_begin(struct fdtb *b, const char *name);	/* FDT_BEGIN_NODE + name */
void fdtb_end(struct fdtb *b);				/* FDT_END_NODE */
void fdtb_nop(struct fdtb *b);
void fdtb_prop(struct fdtb *b, const char *name, const void *val, uint32_t len);
void fdtb_prop_str(struct fdtb *b, const char *name, const char *s);	/* with its NUL */
void fdtb_prop_u32(struct fdtb *b, const char *name, uint32_t v);
void fdtb_prop_cells(struct fdtb *b, const char *name, int n, const uint32_t *cells);
uint32_t fdtb_string(struct fdtb *b, const char *name);	/* nameoff, shared when repeated */
size_t fdtb_struct_off(const struct fdtb *b);		/* offset of the next struct word */

/* Lay the blob out in out[0..cap); returns totalsize (aborts if it does not fit). */
size_t fdtb_finish(struct fdtb *b, uint8_t *out, size_t cap);

void fdtb_put32(uint8_t *blob, size_t off, uint32_t v);
uint32_t fdtb_get32(const uint8_t *blob, size_t off);

#endif
