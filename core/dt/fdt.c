/* fdt: a small, defensive flattened device tree reader.  See include/fdt.h
 * for the blob format.
 *
 * Rules this file keeps: every multi-byte field is read with byte loads
 * (fdt_be32), every offset is checked against the block it must lie in before
 * it is read, and every loop either advances by at least 4 bytes through a
 * bounded block or counts up to a bound, so no blob can make it hang or read
 * outside [blob, blob + totalsize).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fdt.h"

#define RSV_ENTRY_SIZE		16	/* u64 address, u64 size */
#define MAX_BLOB_SIZE		0x7ffffff0u	/* node offsets are ints */

uint32_t fdt_be32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

uint64_t fdt_cells(const void *p, int ncells)
{
	const uint8_t *b = p;

	if (ncells == 1)
		return fdt_be32(b);
	if (ncells == 2)
		return (uint64_t)fdt_be32(b) << 32 | fdt_be32(b + 4);
	return 0;
}

static uint32_t hdr(const void *blob, int field)
{
	return fdt_be32((const uint8_t *)blob + field);
}

uint32_t fdt_totalsize(const void *blob)
{
	if (!blob || hdr(blob, FDT_HDR_MAGIC) != FDT_MAGIC)
		return 0;
	return hdr(blob, FDT_HDR_TOTALSIZE);
}

const char *fdt_strerror(int err)
{
	switch (err) {
	case 0:			return "no error";
	case FDT_ERR_TRUNCATED:	return "truncated blob (header or totalsize past the end of the buffer)";
	case FDT_ERR_BADMAGIC:	return "bad magic (not a device tree blob)";
	case FDT_ERR_BADVERSION: return "unsupported version (need version >= 17, last_comp_version <= 17)";
	case FDT_ERR_BADLAYOUT:	return "bad layout (a block outside totalsize, misaligned or overlapping another)";
	case FDT_ERR_BADSTRUCT:	return "malformed structure block (bad token, name, property or node nesting)";
	case FDT_ERR_NOTFOUND:	return "not found";
	case FDT_ERR_TOODEEP:	return "nodes nested too deep (more than 32 levels)";
	default:		return "unknown error";
	}
}

/* ---- layout checks ---- */

/* A block [off, off+size) must lie after the header and inside totalsize. */
static bool block_ok(uint64_t off, uint64_t size, uint32_t totalsize)
{
	return off >= FDT_HEADER_SIZE && off + size <= totalsize;
}

static bool overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return alen && blen && a < b + blen && b < a + alen;
}

/* The reservation map runs until an entry with address = size = 0. */
int fdt_num_mem_rsv(const struct fdt *f)
{
	uint64_t off;
	int n;

	for (n = 0, off = f->off_rsvmap; off + RSV_ENTRY_SIZE <= f->totalsize; n++, off += RSV_ENTRY_SIZE) {
		const uint8_t *e = f->blob + off;

		if (fdt_cells(e, 2) == 0 && fdt_cells(e + 8, 2) == 0)
			return n;
	}
	return FDT_ERR_BADLAYOUT;	/* no terminator before the end of the blob */
}

int fdt_get_mem_rsv(const struct fdt *f, int n, uint64_t *addr, uint64_t *size)
{
	int count = fdt_num_mem_rsv(f);
	const uint8_t *e;

	if (count < 0)
		return count;
	if (n < 0 || n >= count)
		return FDT_ERR_NOTFOUND;
	e = f->blob + f->off_rsvmap + (uint32_t)n * RSV_ENTRY_SIZE;
	if (addr)
		*addr = fdt_cells(e, 2);
	if (size)
		*size = fdt_cells(e + 8, 2);
	return 0;
}

static int check_layout(const struct fdt *f)
{
	int nrsv;
	uint64_t rsvlen;

	/* Tokens are 4-byte aligned; the reservation map is 8-byte aligned. */
	if (f->off_struct % 4 || f->size_struct % 4 || f->off_rsvmap % 8)
		return FDT_ERR_BADLAYOUT;
	if (!block_ok(f->off_struct, f->size_struct, f->totalsize) ||
	    !block_ok(f->off_strings, f->size_strings, f->totalsize) ||
	    !block_ok(f->off_rsvmap, 0, f->totalsize))
		return FDT_ERR_BADLAYOUT;
	if (overlap(f->off_struct, f->size_struct, f->off_strings, f->size_strings))
		return FDT_ERR_BADLAYOUT;
	nrsv = fdt_num_mem_rsv(f);
	if (nrsv < 0)
		return nrsv;
	rsvlen = (uint64_t)(nrsv + 1) * RSV_ENTRY_SIZE;	/* with the terminator */
	if (overlap(f->off_rsvmap, rsvlen, f->off_struct, f->size_struct) ||
	    overlap(f->off_rsvmap, rsvlen, f->off_strings, f->size_strings))
		return FDT_ERR_BADLAYOUT;
	return 0;
}

/* ---- structure block ---- */

static const uint8_t *sblock(const struct fdt *f)
{
	return f->blob + f->off_struct;
}

/* A property name: nameoff must point inside the strings block and the name
 * must end with a NUL before the block does. */
static const char *string_at(const struct fdt *f, uint32_t nameoff)
{
	const char *s = (const char *)f->blob + f->off_strings;

	if (nameoff >= f->size_strings || !memchr(s + nameoff, 0, f->size_strings - nameoff))
		return NULL;
	return s + nameoff;
}

/* Decode the token at struct offset `off`: returns it (or an error) and sets
 * *next to the offset of the token after it, everything checked to fit in
 * the struct block. */
static int next_tag(const struct fdt *f, int off, int *next)
{
	const uint8_t *s = sblock(f);
	uint32_t end = f->size_struct, tag, len;
	uint64_t n;
	const uint8_t *nul;

	if (off < 0 || off % 4 || (uint64_t)off + 4 > end)
		return FDT_ERR_BADSTRUCT;
	tag = fdt_be32(s + off);
	switch (tag) {
	case FDT_BEGIN_NODE:
		/* The name is NUL-terminated, then zero-padded to 4 bytes. */
		nul = memchr(s + off + 4, 0, end - (uint32_t)off - 4);
		if (!nul)
			return FDT_ERR_BADSTRUCT;
		n = (uint64_t)(nul + 1 - s);
		break;
	case FDT_PROP:
		/* u32 len, u32 nameoff, then len bytes of value, padded to 4. */
		if ((uint64_t)off + 12 > end)
			return FDT_ERR_BADSTRUCT;
		len = fdt_be32(s + off + 4);
		if (len > end - (uint32_t)off - 12)
			return FDT_ERR_BADSTRUCT;
		n = (uint64_t)off + 12 + len;
		break;
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		n = (uint64_t)off + 4;
		break;
	default:
		return FDT_ERR_BADSTRUCT;
	}
	n = (n + 3) & ~(uint64_t)3;
	if (n > end)
		return FDT_ERR_BADSTRUCT;	/* padding runs past the block */
	*next = (int)n;
	return (int)tag;
}

/* `node` must be the offset of an FDT_BEGIN_NODE token. */
static int check_node(const struct fdt *f, int node, int *next)
{
	int tag = next_tag(f, node, next);

	if (tag < 0)
		return tag;
	return tag == FDT_BEGIN_NODE ? 0 : FDT_ERR_BADSTRUCT;
}

/* One pass over the whole struct block: exactly one root node at offset 0,
 * balanced BEGIN/END_NODE, depth <= FDT_MAX_DEPTH, properties only inside a
 * node and before its subnodes, names inside the strings block, and FDT_END
 * right after the root closes. */
static int check_struct(const struct fdt *f)
{
	int off = 0, next, tag, depth = -1;	/* depth of the innermost open node */
	bool after_child = false;

	if (next_tag(f, 0, &next) != FDT_BEGIN_NODE)
		return FDT_ERR_BADSTRUCT;
	for (;;) {
		tag = next_tag(f, off, &next);	/* next > off: the loop ends */
		if (tag < 0)
			return tag;
		switch (tag) {
		case FDT_BEGIN_NODE:
			if (depth < 0 && off != 0)
				return FDT_ERR_BADSTRUCT;	/* a second root */
			if (++depth > FDT_MAX_DEPTH)
				return FDT_ERR_TOODEEP;
			after_child = false;
			break;
		case FDT_END_NODE:
			if (depth-- < 0)
				return FDT_ERR_BADSTRUCT;	/* no open node */
			after_child = true;
			break;
		case FDT_PROP:
			if (depth < 0 || after_child)
				return FDT_ERR_BADSTRUCT;
			if (!string_at(f, fdt_be32(sblock(f) + off + 8)))
				return FDT_ERR_BADSTRUCT;
			break;
		case FDT_END:
			return depth == -1 ? 0 : FDT_ERR_BADSTRUCT;
		}
		off = next;
	}
}

int fdt_open(struct fdt *f, const void *blob, size_t avail)
{
	struct fdt t;
	int err;

	memset(f, 0, sizeof(*f));
	if (!blob || avail < 4)
		return FDT_ERR_TRUNCATED;
	if (hdr(blob, FDT_HDR_MAGIC) != FDT_MAGIC)
		return FDT_ERR_BADMAGIC;
	if (avail < FDT_HEADER_SIZE)
		return FDT_ERR_TRUNCATED;
	/* size_dt_struct only exists from version 17 on; a blob whose
	 * last_comp_version is newer than 17 is not readable as 17. */
	if (hdr(blob, FDT_HDR_VERSION) < FDT_VERSION || hdr(blob, FDT_HDR_LAST_COMP_VERSION) > FDT_VERSION)
		return FDT_ERR_BADVERSION;
	t.blob = blob;
	t.totalsize = hdr(blob, FDT_HDR_TOTALSIZE);
	t.off_struct = hdr(blob, FDT_HDR_OFF_DT_STRUCT);
	t.size_struct = hdr(blob, FDT_HDR_SIZE_DT_STRUCT);
	t.off_strings = hdr(blob, FDT_HDR_OFF_DT_STRINGS);
	t.size_strings = hdr(blob, FDT_HDR_SIZE_DT_STRINGS);
	t.off_rsvmap = hdr(blob, FDT_HDR_OFF_MEM_RSVMAP);
	t.version = hdr(blob, FDT_HDR_VERSION);
	if (t.totalsize > avail)
		return FDT_ERR_TRUNCATED;
	if (t.totalsize < FDT_HEADER_SIZE || t.totalsize > MAX_BLOB_SIZE)
		return FDT_ERR_BADLAYOUT;
	if ((err = check_layout(&t)) < 0 || (err = check_struct(&t)) < 0)
		return err;
	*f = t;
	return 0;
}

/* ---- walking ---- */

int fdt_next_node(const struct fdt *f, int node, int *depth)
{
	int off, next, tag;

	if ((tag = check_node(f, node, &next)) < 0)
		return tag;
	for (;;) {
		off = next;
		tag = next_tag(f, off, &next);	/* next > off: the loop ends */
		if (tag < 0)
			return tag;
		switch (tag) {
		case FDT_BEGIN_NODE:
			if (depth)
				++*depth;
			return off;
		case FDT_END_NODE:
			if (depth && --*depth < 0)
				return FDT_ERR_NOTFOUND;
			break;
		case FDT_END:
			return FDT_ERR_NOTFOUND;
		}
	}
}

int fdt_first_subnode(const struct fdt *f, int node)
{
	int depth = 0;

	node = fdt_next_node(f, node, &depth);
	if (node < 0)
		return node;
	return depth == 1 ? node : FDT_ERR_NOTFOUND;
}

/* Skip the subtree of `node`; stop at the next node at the same level. */
int fdt_next_subnode(const struct fdt *f, int node)
{
	int depth = 1;

	do {
		node = fdt_next_node(f, node, &depth);
		if (node < 0)
			return node;
		if (depth < 1)
			return FDT_ERR_NOTFOUND;
	} while (depth > 1);
	return node;
}

const char *fdt_get_name(const struct fdt *f, int node, int *len)
{
	int next, err = check_node(f, node, &next);
	const char *name;

	if (err < 0) {
		if (len)
			*len = err;
		return NULL;
	}
	name = (const char *)sblock(f) + node + 4;	/* NUL checked by next_tag */
	if (len)
		*len = (int)strlen(name);
	return name;
}

/* Node names are "name" or "name@unit-address"; a `name` without '@' also
 * matches the part before the '@'. */
static bool name_matches(const struct fdt *f, int node, const char *name, size_t namelen)
{
	int nlen;
	const char *n = fdt_get_name(f, node, &nlen);

	if (!n)
		return false;
	if ((size_t)nlen == namelen && !memcmp(n, name, namelen))
		return true;
	return !memchr(name, '@', namelen) && (size_t)nlen > namelen &&
	       n[namelen] == '@' && !memcmp(n, name, namelen);
}

static int subnode_n(const struct fdt *f, int parent, const char *name, size_t namelen)
{
	int n;

	for (n = fdt_first_subnode(f, parent); n >= 0; n = fdt_next_subnode(f, n))
		if (name_matches(f, n, name, namelen))
			return n;
	return n;
}

int fdt_subnode(const struct fdt *f, int parent, const char *name)
{
	return subnode_n(f, parent, name, strlen(name));
}

int fdt_path_offset(const struct fdt *f, const char *path)
{
	int node = 0, next, err;
	const char *p = path, *q;

	if ((err = check_node(f, 0, &next)) < 0)
		return err;
	if (!p || *p != '/')
		return FDT_ERR_NOTFOUND;	/* aliases are the caller's business */
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		for (q = p; *q && *q != '/'; q++)
			;
		node = subnode_n(f, node, p, (size_t)(q - p));
		if (node < 0)
			return node;
		p = q;
	}
	return node;
}

/* ---- properties ---- */

/* A node's properties come right after its name; NOPs may sit in between;
 * the first subnode or its END_NODE ends them. */
const void *fdt_getprop(const struct fdt *f, int node, const char *name, int *len)
{
	int off, next, tag, err = check_node(f, node, &next);
	const uint8_t *s = sblock(f);
	const char *pname;
	size_t nlen = strlen(name);

	if (err < 0)
		goto fail;
	for (;;) {
		off = next;
		tag = next_tag(f, off, &next);
		if (tag == FDT_NOP)
			continue;
		if (tag != FDT_PROP) {
			err = tag < 0 ? tag : FDT_ERR_NOTFOUND;
			goto fail;
		}
		pname = string_at(f, fdt_be32(s + off + 8));
		if (pname && !strncmp(pname, name, nlen + 1)) {
			if (len)
				*len = (int)fdt_be32(s + off + 4);
			return s + off + 12;
		}
	}
fail:
	if (len)
		*len = err;
	return NULL;
}

/* "compatible" is a list of NUL-terminated strings, most specific first. */
bool fdt_is_compatible(const struct fdt *f, int node, const char *compat)
{
	int len;
	const char *p = fdt_getprop(f, node, "compatible", &len);
	size_t clen = strlen(compat) + 1, left, n;
	const char *nul;

	if (!p || len <= 0)
		return false;
	for (left = (size_t)len; left > 0; p += n, left -= n) {
		nul = memchr(p, 0, left);
		if (!nul)
			return false;	/* unterminated last entry matches nothing */
		n = (size_t)(nul - p) + 1;
		if (n == clen && !memcmp(p, compat, clen))
			return true;
	}
	return false;
}
