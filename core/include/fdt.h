/* fdt: a small, defensive reader for flattened device tree blobs (DTB).
 *
 * Format (Devicetree Specification v0.4, chapter 5), all fields big-endian:
 *
 *   header      40 bytes: magic, totalsize, off_dt_struct, off_dt_strings,
 *               off_mem_rsvmap, version, last_comp_version, boot_cpuid_phys,
 *               size_dt_strings, size_dt_struct (10 x u32)
 *   rsvmap      {u64 address, u64 size} pairs, ended by an all-zero pair
 *   struct      4-byte-aligned tokens:
 *                 FDT_BEGIN_NODE  name (NUL-terminated), padded to 4
 *                 FDT_PROP        u32 len, u32 nameoff, len bytes, padded to 4
 *                 FDT_END_NODE, FDT_NOP, and one FDT_END at the very end
 *   strings     NUL-terminated property names, found by nameoff
 *
 * fdt_open() checks the header, the block layout and walks the whole
 * structure block once, so a blob it accepts is well formed; the other calls
 * still bound-check every offset they are handed, and never read outside
 * [blob, blob + totalsize).  Nothing here allocates, prints or touches
 * hardware: errors come back as FDT_ERR_* codes.
 */
#ifndef VMSPLIT_FDT_H
#define VMSPLIT_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FDT_MAGIC	0xd00dfeedu
#define FDT_VERSION	17	/* the version this reader understands */
#define FDT_HEADER_SIZE	40	/* a version 17 header: ten u32 fields */
#define FDT_MAX_DEPTH	32	/* deepest node accepted; the root is depth 0 */

/* Header field offsets (all u32, big-endian). */
#define FDT_HDR_MAGIC               0
#define FDT_HDR_TOTALSIZE           4
#define FDT_HDR_OFF_DT_STRUCT       8
#define FDT_HDR_OFF_DT_STRINGS      12
#define FDT_HDR_OFF_MEM_RSVMAP      16
#define FDT_HDR_VERSION             20
#define FDT_HDR_LAST_COMP_VERSION   24
#define FDT_HDR_BOOT_CPUID_PHYS     28
#define FDT_HDR_SIZE_DT_STRINGS     32
#define FDT_HDR_SIZE_DT_STRUCT      36

/* Structure block tokens. */
#define FDT_BEGIN_NODE	0x1u
#define FDT_END_NODE	0x2u
#define FDT_PROP	0x3u
#define FDT_NOP		0x4u
#define FDT_END		0x9u

enum {
	FDT_ERR_TRUNCATED  = -1,	/* fewer bytes available than the header or totalsize says */
	FDT_ERR_BADMAGIC   = -2,	/* not a device tree blob */
	FDT_ERR_BADVERSION = -3,	/* version < 17 or last_comp_version > 17 */
	FDT_ERR_BADLAYOUT  = -4,	/* blocks outside totalsize, misaligned or overlapping */
	FDT_ERR_BADSTRUCT  = -5,	/* bad token, name, property, nesting; or a bad node offset */
	FDT_ERR_NOTFOUND   = -6,	/* no such node/property/entry, or end of the walk */
	FDT_ERR_TOODEEP    = -7,	/* nodes nested deeper than FDT_MAX_DEPTH */
};

struct fdt {		/* a checked view of a blob; fill with fdt_open() */
	const uint8_t *blob;
	uint32_t totalsize, off_struct, size_struct, off_strings, size_strings, off_rsvmap, version;
};

uint32_t fdt_be32(const void *p);		/* big-endian load, byte by byte */
uint64_t fdt_cells(const void *p, int ncells);	/* 1 or 2 cells -> value; 0 for other counts */

/* Check the blob at `blob`, of which `avail` bytes may be read, and fill *f.
 * Returns 0 or FDT_ERR_*; on error *f is left zeroed. */
int fdt_open(struct fdt *f, const void *blob, size_t avail);
const char *fdt_strerror(int err);		/* human text for 0 and every FDT_ERR_* */

/* The header's totalsize, for reserving the blob's memory.  Reads 8 bytes;
 * returns 0 when there is no FDT_MAGIC at `blob` (or it is NULL). */
uint32_t fdt_totalsize(const void *blob);

/* Structure walk.  Node offsets are offsets of an FDT_BEGIN_NODE token inside
 * the struct block; the root is 0.  fdt_next_node() adds 1 to *depth when it
 * steps into a child and subtracts 1 per node it leaves; it returns
 * FDT_ERR_NOTFOUND when the walk ends or *depth would drop below 0. */
int fdt_next_node(const struct fdt *f, int node, int *depth);
int fdt_first_subnode(const struct fdt *f, int node);
int fdt_next_subnode(const struct fdt *f, int node);
const char *fdt_get_name(const struct fdt *f, int node, int *len);	/* root is ""; NULL on error, *len = error */

/* Child of `parent` named `name`: exact match, or, when `name` has no '@',
 * the first child whose name is `name` followed by "@unit-address". */
int fdt_subnode(const struct fdt *f, int parent, const char *name);
int fdt_path_offset(const struct fdt *f, const char *path);	/* absolute paths only: "/", "/chosen" */

/* Value of property `name` of `node` and its length in *len (len may be NULL).
 * NULL if absent or the node offset is bad; *len then holds the error. */
const void *fdt_getprop(const struct fdt *f, int node, const char *name, int *len);
bool fdt_is_compatible(const struct fdt *f, int node, const char *compat);	/* searches the stringlist */

/* Memory reservation block (/memreserve/ entries). */
int fdt_num_mem_rsv(const struct fdt *f);
int fdt_get_mem_rsv(const struct fdt *f, int n, uint64_t *addr, uint64_t *size);

#endif
