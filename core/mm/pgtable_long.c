/*
 * The long-descriptor format's mapping routine and software walker
 * (reached through long_desc_format; core/mm/pgtable.c dispatches).
 *
 * Three levels, as Linux's 3-level tables: the 4 first-level entries of
 * the pgd (1 GB each) point at second-level tables of 512 entries (2 MB
 * each: a block, Linux's "section", or a pointer to a third-level table of
 * 512 pages of 4 KB).  create_mapping() works 2 MB at a time: a whole,
 * aligned 2 MB becomes one block, anything smaller goes through a
 * third-level table.  A block something smaller lands in is split into a
 * table of 512 pages with its attributes; a table whose 512 pages come to
 * map one aligned 2 MB with one set of attributes is merged back into a
 * block.  Every change of a valid entry follows break-before-make:
 * invalidate it, flush the TLB for what it translated, then write the new
 * one (ARM ARM B3.10.1).  Descriptors are 64 bits, each written with one
 * store (see store()).
 *
 * Second-level tables stay once made (Linux's pmd pages do too): only
 * third-level tables are freed when emptied.  A third-level table that
 * alloc_page_tables() made (pkmap's, which must exist for good so that
 * kmap never allocates) says KEEP in its descriptor and is never merged
 * into a block.  1 GB blocks are never made
 * (Linux's kernel map has none); one found in a table is walked, described
 * and split like a 2 MB block.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "long_mem_types.h"
#include "pgtable_long.h"
#include "printk.h"
#include "sizes.h"

#define GB_SIZE		(UINT64_C(1) << LONG_L1_SHIFT)

static unsigned pgd_index(uint32_t va)
{
	return va >> LONG_L1_SHIFT;
}

static unsigned pmd_index(uint32_t va)
{
	return (va >> LONG_L2_SHIFT) & (LONG_TABLE_ENTRIES - 1);
}

static unsigned pte_index(uint32_t va)
{
	return (va >> PAGE_SHIFT) & (LONG_TABLE_ENTRIES - 1);
}

static bool valid(uint64_t d)
{
	return LD_GET(d, TABLE, TYPE) & 1;	/* bit 0, in every kind */
}

static uint64_t *table_of(const struct pgtable *pt, uint64_t d)
{
	return pt->ops->table_ptr(pt->ctx, d & LD_MASK(TABLE, ADDR));
}

static uint64_t table_desc(phys_addr_t pa, uint64_t bits)
{
	return (pa & LD_MASK(TABLE, ADDR)) | LD_PREP(TABLE, TYPE, 3) | bits;
}

/*
 * One 64-bit store per entry change.  With LPAE a 64-bit aligned STRD is
 * single-copy atomic as the table walker sees it (ARM ARM A3.5.3), and
 * the kernel's compiler writes an aligned uint64_t with one STRD, as
 * Linux's set_pmd() relies on: a walk never sees half an entry.
 */
static void store(uint64_t *entry, uint64_t val)
{
	*entry = val;
}

/* Write one entry translating [va, va+span); a valid entry that changes
 * is broken first. */
static void set_entry(struct pgtable *pt, uint64_t *entry, uint64_t val, uint32_t va, uint32_t span)
{
	uint64_t old = *entry;

	if (old == val)
		return;
	if (valid(old) && valid(val)) {
		store(entry, 0);
		pt->ops->written(pt->ctx, entry, sizeof(*entry));
		pt->ops->flush(pt->ctx, va, span);
	}
	store(entry, val);
	pt->ops->written(pt->ctx, entry, sizeof(*entry));
	if (valid(old) && !valid(val))
		pt->ops->flush(pt->ctx, va, span);
}

/* A zeroed 4 KB table for the level 'level' entry at va, or 0. */
static phys_addr_t new_table(struct pgtable *pt, uint32_t va, int level)
{
	phys_addr_t pa = pt->ops->alloc_table(pt->ctx, LONG_TABLE_BYTES);

	if (!pa) {
		printk("vmsplit: out of memory for a level-%d table at 0x%08" PRIx32 "\n", level, va);
		return 0;
	}
	memset(pt->ops->table_ptr(pt->ctx, pa), 0, LONG_TABLE_BYTES);
	return pa;
}

/* Fill a new table with the 512 pieces of a block and link it in its
 * place: the table is written out before the block is broken. */
static int split(struct pgtable *pt, uint64_t *entry, uint32_t va, int level)
{
	uint64_t old = *entry, *table, base, prot;
	uint32_t span = level == 1 ? SZ_1G : LONG_BLOCK_SIZE, piece = span / LONG_TABLE_ENTRIES;
	phys_addr_t pa = new_table(pt, va, level + 1);

	if (!pa)
		return -1;
	table = pt->ops->table_ptr(pt->ctx, pa);
	if (level == 1) {		/* 1 GB -> 512 blocks of 2 MB */
		base = old & LD_MASK(BLOCK1, ADDR);
		prot = long_desc_convert(old, LD_BLOCK1, LD_BLOCK2);
	} else {			/* 2 MB -> 512 pages */
		base = old & LD_MASK(BLOCK2, ADDR);
		prot = long_block_to_page_prot(old);
	}
	for (unsigned i = 0; i < LONG_TABLE_ENTRIES; i++)
		table[i] = (base + (uint64_t)i * piece) | prot;
	pt->ops->written(pt->ctx, table, LONG_TABLE_BYTES);
	pt->nr_tables++;
	set_entry(pt, entry, table_desc(pa, 0), va & ~(span - 1), span);
	return 0;
}

/* The second-level table for va, made if asked (and splitting a 1 GB
 * block on the way); NULL if there is none or it could not be made. */
static uint64_t *pmd_table(struct pgtable *pt, uint32_t va, bool create)
{
	uint64_t *pgde = &pt->pgd[pgd_index(va)];
	phys_addr_t pa;

	switch (long_desc_kind_of(1, *pgde)) {
	case LD_TABLE:
		return table_of(pt, *pgde);
	case LD_BLOCK1:
		return split(pt, pgde, va, 1) ? NULL : table_of(pt, *pgde);
	default:
		break;
	}
	if (!create)
		return NULL;
	pa = new_table(pt, va, 2);
	if (!pa)
		return NULL;
	pt->ops->written(pt->ctx, pt->ops->table_ptr(pt->ctx, pa), LONG_TABLE_BYTES);
	pt->nr_tables++;
	set_entry(pt, pgde, table_desc(pa, 0), va & ~(SZ_1G - 1), SZ_1G);
	return table_of(pt, *pgde);
}

/* The third-level table for va: the one there, a block split into one,
 * or a new empty one (PXNTable with MAP_PXN).  'keep': it is to stay a
 * table (alloc_page_tables). */
static uint64_t *pte_table(struct pgtable *pt, uint32_t va, enum mem_type_id type, unsigned flags,
			   bool keep)
{
	uint64_t *pmd = pmd_table(pt, va, true), *e, bits;
	phys_addr_t pa;

	if (!pmd)
		return NULL;
	e = &pmd[pmd_index(va)];
	switch (long_desc_kind_of(2, *e)) {
	case LD_BLOCK2:
		if (split(pt, e, va, 2))
			return NULL;
		/* fall through */
	case LD_TABLE:
		if (keep && !LD_GET(*e, TABLE, KEEP))	/* ignored bits, broken all the same */
			set_entry(pt, e, *e | LD_BIT(TABLE, KEEP), va & ~(LONG_BLOCK_SIZE - 1),
				  LONG_BLOCK_SIZE);
		return table_of(pt, *e);
	default:
		break;
	}
	pa = new_table(pt, va, 3);
	if (!pa)
		return NULL;
	pt->ops->written(pt->ctx, pt->ops->table_ptr(pt->ctx, pa), LONG_TABLE_BYTES);
	pt->nr_tables++;
	bits = long_mem_types[type].prot_table & ~(LD_MASK(TABLE, ADDR) | LD_MASK(TABLE, TYPE));
	if (flags & MAP_PXN)
		bits |= LD_BIT(TABLE, PXNTABLE);
	if (keep)
		bits |= LD_BIT(TABLE, KEEP);
	set_entry(pt, e, table_desc(pa, bits), va & ~(LONG_BLOCK_SIZE - 1), LONG_BLOCK_SIZE);
	return table_of(pt, *e);
}

/* Replace the table under *e by the block 'val' (break-before-make: the
 * table goes back only after the flush, emptied as every table given
 * back is). */
static void table_to_block(struct pgtable *pt, uint64_t *e, uint64_t val, uint32_t va)
{
	phys_addr_t table_pa = *e & LD_MASK(TABLE, ADDR);
	uint64_t *table = table_of(pt, *e);

	set_entry(pt, e, val, va & ~(LONG_BLOCK_SIZE - 1), LONG_BLOCK_SIZE);
	memset(table, 0, LONG_TABLE_BYTES);
	pt->ops->written(pt->ctx, table, LONG_TABLE_BYTES);
	pt->ops->free_table(pt->ctx, table_pa, LONG_TABLE_BYTES);
	pt->nr_tables--;
}

/* The 512 pages of the table under *e map one aligned 2 MB with one set
 * of attributes: make them one block again (the table's PXNTable and
 * XNTable become the block's PXN and XN).  Only where tables can be
 * given back. */
static void try_merge(struct pgtable *pt, uint64_t *e, uint32_t va)
{
	const uint64_t *t;
	uint64_t base, prot, block;

	if (!pt->ops->free_table || long_desc_kind_of(2, *e) != LD_TABLE || LD_GET(*e, TABLE, KEEP))
		return;
	t = table_of(pt, *e);
	if (long_desc_kind_of(3, t[0]) != LD_PAGE)
		return;
	base = t[0] & LD_MASK(PAGE, ADDR);
	prot = t[0] & ~LD_MASK(PAGE, ADDR);
	if (base & (LONG_BLOCK_SIZE - 1))
		return;
	for (unsigned i = 1; i < LONG_TABLE_ENTRIES; i++)
		if (t[i] != ((base + (uint64_t)i * PAGE_SIZE) | prot))
			return;
	block = base | long_page_to_block_prot(prot);
	if (LD_GET(*e, TABLE, PXNTABLE))
		block |= LD_BIT(BLOCK2, PXN);
	if (LD_GET(*e, TABLE, XNTABLE))
		block |= LD_BIT(BLOCK2, XN);
	table_to_block(pt, e, block, va);
}

static int map_pages(struct pgtable *pt, uint32_t va, phys_addr_t pa, uint32_t len,
		     enum mem_type_id type, unsigned flags)
{
	uint64_t *table = pte_table(pt, va, type, flags, false);
	uint64_t clear = (flags & MAP_NO_AF) ? LD_BIT(PAGE, AF) : 0;
	uint32_t start = va;

	if (!table)
		return -1;
	for (; len; len -= PAGE_SIZE, va += PAGE_SIZE, pa += PAGE_SIZE)
		set_entry(pt, &table[pte_index(va)], mk_long_page(pa, type) & ~clear, va, PAGE_SIZE);
	try_merge(pt, &pmd_table(pt, start, false)[pmd_index(start)], start);
	return 0;
}

/* A whole aligned 2 MB: one block.  Pages already there are all replaced
 * by this mapping, so their table goes (where tables can be given back
 * and the table is not one to keep; otherwise the 2 MB is written into it
 * as pages). */
static int map_block(struct pgtable *pt, uint32_t va, phys_addr_t pa, enum mem_type_id type,
		     unsigned flags)
{
	uint64_t *pmd = pmd_table(pt, va, true), *e;
	uint64_t val = mk_long_block(pa, 2, type) | ((flags & MAP_PXN) ? LD_BIT(BLOCK2, PXN) : 0);

	if (flags & MAP_NO_AF)
		val &= ~LD_BIT(BLOCK2, AF);

	if (!pmd)
		return -1;
	e = &pmd[pmd_index(va)];
	if (long_desc_kind_of(2, *e) == LD_TABLE) {
		if (!pt->ops->free_table || LD_GET(*e, TABLE, KEEP))
			return map_pages(pt, va, pa, LONG_BLOCK_SIZE, type, flags);
		table_to_block(pt, e, val, va);
		return 0;
	}
	set_entry(pt, e, val, va, LONG_BLOCK_SIZE);
	return 0;
}

/* Bytes from va to the next boundary of 'size' (wrapping to 0 at 4 GB). */
static uint32_t to_boundary(uint32_t va, uint32_t size)
{
	return (ALIGN_DOWN(va, size) + size) - va;
}

static bool valid_range(uint32_t va, phys_addr_t pa, uint32_t len)
{
	return !((va | pa | len) & (PAGE_SIZE - 1)) && len != 0 &&
	       (uint64_t)va + len <= (UINT64_C(1) << 32) && pa + len <= LONG_PA_LIMIT;
}

static int long_create_mapping(struct pgtable *pt, const struct map_desc *md)
{
	uint32_t va = md->virt, left = md->length;
	phys_addr_t pa = md->phys;

	if (!valid_range(va, pa, left) || md->type >= NR_MEM_TYPES) {
		printk("vmsplit: cannot map 0x%08" PRIx32 " (+0x%" PRIx32 "): not page aligned, past "
		       "4 GB virtual, or past the 40-bit physical space\n", va, left);
		return -1;
	}
	while (left) {
		uint32_t chunk = to_boundary(va, LONG_BLOCK_SIZE);
		int err;

		if (chunk > left)
			chunk = left;
		if (chunk == LONG_BLOCK_SIZE && !(pa & (LONG_BLOCK_SIZE - 1)))
			err = map_block(pt, va, pa, md->type, md->flags);
		else
			err = map_pages(pt, va, pa, chunk, md->type, md->flags);
		if (err)
			return err;
		va += chunk;
		pa += chunk;
		left -= chunk;
	}
	return 0;
}

static int long_alloc_page_tables(struct pgtable *pt, uint32_t va, uint32_t len,
				  enum mem_type_id type)
{
	if (!valid_range(va, 0, len) || type >= NR_MEM_TYPES) {
		printk("vmsplit: cannot make tables for 0x%08" PRIx32 " (+0x%" PRIx32 ")\n", va, len);
		return -1;
	}
	for (uint64_t a = ALIGN_DOWN(va, LONG_BLOCK_SIZE); a < (uint64_t)va + len; a += LONG_BLOCK_SIZE)
		if (!pte_table(pt, (uint32_t)a, type, 0, true))
			return -1;
	return 0;
}

static bool table_is_empty(const uint64_t *table)
{
	for (unsigned i = 0; i < LONG_TABLE_ENTRIES; i++)
		if (table[i])
			return false;
	return true;
}

/* Clear [va, va+len) inside the 2 MB the table under *e maps; give the
 * table back if that empties it and the caller allows. */
static void unmap_pages(struct pgtable *pt, uint64_t *e, uint32_t va, uint32_t len, bool free_tables)
{
	uint64_t *table = table_of(pt, *e);
	uint32_t base = va & ~(LONG_BLOCK_SIZE - 1);
	phys_addr_t table_pa = *e & LD_MASK(TABLE, ADDR);

	for (; len; len -= PAGE_SIZE, va += PAGE_SIZE)
		set_entry(pt, &table[pte_index(va)], 0, va, PAGE_SIZE);
	if (free_tables && pt->ops->free_table && table_is_empty(table)) {
		set_entry(pt, e, 0, base, LONG_BLOCK_SIZE);
		pt->ops->free_table(pt->ctx, table_pa, LONG_TABLE_BYTES);
		pt->nr_tables--;
	}
}

static int long_unmap(struct pgtable *pt, uint32_t va, uint32_t len, bool free_tables)
{
	if (!valid_range(va, 0, len)) {
		printk("vmsplit: cannot unmap 0x%08" PRIx32 " (+0x%" PRIx32 "): not page aligned or past 4 GB\n",
		       va, len);
		return -1;
	}
	while (len) {
		uint64_t *pgde = &pt->pgd[pgd_index(va)], *e;
		uint32_t chunk = to_boundary(va, LONG_BLOCK_SIZE);
		int k1 = long_desc_kind_of(1, *pgde);

		if (k1 < 0 || (k1 == LD_BLOCK1 && !(va & (SZ_1G - 1)) && len >= SZ_1G)) {
			/* Nothing in this gigabyte, or all of it goes. */
			chunk = to_boundary(va, SZ_1G);
			if (chunk > len)
				chunk = len;
			if (k1 == LD_BLOCK1)
				set_entry(pt, pgde, 0, va, SZ_1G);
			goto next;
		}
		if (chunk > len)
			chunk = len;
		if (k1 == LD_BLOCK1 && split(pt, pgde, va, 1))
			return -1;
		e = &table_of(pt, *pgde)[pmd_index(va)];
		switch (long_desc_kind_of(2, *e)) {
		case LD_BLOCK2:
			if (chunk == LONG_BLOCK_SIZE) {
				set_entry(pt, e, 0, va, LONG_BLOCK_SIZE);
				break;
			}
			if (split(pt, e, va, 2))
				return -1;
			unmap_pages(pt, e, va, chunk, free_tables);
			break;
		case LD_TABLE:
			unmap_pages(pt, e, va, chunk, free_tables);
			break;
		default:
			break;
		}
next:
		va += chunk;
		len -= chunk;
	}
	return 0;
}

/* The MMU's walk from the first level (TTBR0 covering all 4 GB, T0SZ = 0;
 * a TTBR1 that starts lower in the same tables finds the same entries). */
static void long_walk(const struct pgtable *pt, uint32_t va, struct walk *w)
{
	uint64_t d = pt->pgd[pgd_index(va)];

	memset(w, 0, sizeof(*w));
	w->level = 1;
	w->desc[0] = d;
	w->index[0] = pgd_index(va);
	switch (long_desc_kind_of(1, d)) {
	case LD_BLOCK1:
		w->kind = WALK_BLOCK;
		w->size = SZ_1G;
		w->pa = (d & LD_MASK(BLOCK1, ADDR)) | (va & (SZ_1G - 1));
		return;
	case LD_TABLE:
		break;
	default:
		return;
	}
	w->table[1] = d & LD_MASK(TABLE, ADDR);
	w->index[1] = pmd_index(va);
	d = table_of(pt, d)[pmd_index(va)];
	w->level = 2;
	w->desc[1] = d;
	switch (long_desc_kind_of(2, d)) {
	case LD_BLOCK2:
		w->kind = WALK_BLOCK;
		w->size = LONG_BLOCK_SIZE;
		w->pa = (d & LD_MASK(BLOCK2, ADDR)) | (va & (LONG_BLOCK_SIZE - 1));
		return;
	case LD_TABLE:
		break;
	default:
		return;
	}
	w->table[2] = d & LD_MASK(TABLE, ADDR);
	w->index[2] = pte_index(va);
	d = table_of(pt, d)[pte_index(va)];
	w->level = 3;
	w->desc[2] = d;
	if (long_desc_kind_of(3, d) == LD_PAGE) {
		w->kind = WALK_PAGE;
		w->size = PAGE_SIZE;
		w->pa = (d & LD_MASK(PAGE, ADDR)) | (va & (PAGE_SIZE - 1));
	}
}

/* The Access Flag set in place (see pgtable_set_access_flag()): one
 * 64-bit store of the same descriptor with AF = 1, written out for the
 * walker; no break and no TLB flush, since the entry with AF = 0 faults
 * and so is in no TLB. */
static int long_set_access_flag(struct pgtable *pt, uint32_t va)
{
	struct walk w;
	uint64_t *e;

	long_walk(pt, va, &w);
	if (w.kind == WALK_FAULT) {
		printk("vmsplit: 0x%08" PRIx32 " is not mapped: no Access Flag to set\n", va);
		return -1;
	}
	e = w.level == 1 ? &pt->pgd[w.index[0]] :
	    &((uint64_t *)pt->ops->table_ptr(pt->ctx, w.table[w.level - 1]))[w.index[w.level - 1]];
	if (LD_GET(*e, PAGE, AF))
		return 0;
	store(e, *e | LD_BIT(PAGE, AF));
	pt->ops->written(pt->ctx, e, sizeof(*e));
	return 0;
}

/* ---- decoding ---- */

/* The attributes every leaf kind has at the same bits (a unit test of
 * the codec checks they do): read through the PAGE names. */
static void decode_leaf(uint64_t d, struct long_desc_fields *f)
{
	f->attrindx = (unsigned)LD_GET(d, PAGE, ATTRINDX);
	f->ns = (unsigned)LD_GET(d, PAGE, NS);
	f->ap = (unsigned)LD_GET(d, PAGE, AP);
	f->sh = (unsigned)LD_GET(d, PAGE, SH);
	f->af = (unsigned)LD_GET(d, PAGE, AF);
	f->ng = (unsigned)LD_GET(d, PAGE, NG);
	f->contig = (unsigned)LD_GET(d, PAGE, CONTIG);
	f->pxn = (unsigned)LD_GET(d, PAGE, PXN);
	f->xn = (unsigned)LD_GET(d, PAGE, XN);
	f->dirty = (unsigned)LD_GET(d, PAGE, DIRTY);
	f->none = (unsigned)LD_GET(d, PAGE, NONE);
	f->rdonly = (unsigned)LD_GET(d, PAGE, RDONLY);
}

void long_decode(int level, uint64_t d, struct long_desc_fields *f)
{
	memset(f, 0, sizeof(*f));
	switch (long_desc_kind_of(level, d)) {
	case LD_TABLE:
		f->table = true;
		f->pa = d & LD_MASK(TABLE, ADDR);
		f->pxntable = (unsigned)LD_GET(d, TABLE, PXNTABLE);
		f->xntable = (unsigned)LD_GET(d, TABLE, XNTABLE);
		f->aptable = (unsigned)LD_GET(d, TABLE, APTABLE);
		f->nstable = (unsigned)LD_GET(d, TABLE, NSTABLE);
		f->keep = (unsigned)LD_GET(d, TABLE, KEEP);
		break;
	case LD_BLOCK1:
		decode_leaf(d, f);
		f->kind = WALK_BLOCK;
		f->size = SZ_1G;
		f->pa = d & LD_MASK(BLOCK1, ADDR);
		break;
	case LD_BLOCK2:
		decode_leaf(d, f);
		f->kind = WALK_BLOCK;
		f->size = LONG_BLOCK_SIZE;
		f->pa = d & LD_MASK(BLOCK2, ADDR);
		break;
	case LD_PAGE:
		decode_leaf(d, f);
		f->special = (unsigned)LD_GET(d, PAGE, SPECIAL);
		f->kind = WALK_PAGE;
		f->size = PAGE_SIZE;
		f->pa = d & LD_MASK(PAGE, ADDR);
		break;
	}
}

/* PA[39:0] as ten hex digits (newlib-nano's printf has no %llx). */
static void pa_hex(char buf[16], uint64_t pa)
{
	snprintf(buf, 16, "0x%02" PRIx32 "%08" PRIx32, (uint32_t)(pa >> 32) & 0xff, (uint32_t)pa);
}

void long_describe(int level, uint64_t d, char *buf, size_t n)
{
	struct long_desc_fields f;
	char pa[16];
	unsigned attr;

	long_decode(level, d, &f);
	pa_hex(pa, f.pa);
	if (f.table) {
		snprintf(buf, n, "table at PA %s PXNTable=%u XNTable=%u APTable=%u NSTable=%u%s",
			 pa, f.pxntable, f.xntable, f.aptable, f.nstable, f.keep ? " (kept)" : "");
		return;
	}
	if (f.kind == WALK_FAULT) {
		snprintf(buf, n, level == 3 && valid(d) ? "reserved (0b01 at level 3: faults)"
							: "fault (no translation)");
		return;
	}
	attr = long_desc_mair_attr(LINUX_MAIR0, LINUX_MAIR1, f.attrindx);
	snprintf(buf, n, "%s PA %s AttrIndx=%u (%s) AP=%u (%s) SH=%u AF=%u nG=%u XN=%u PXN=%u%s%s%s%s",
		 f.kind == WALK_PAGE ? "page" : f.size == SZ_1G ? "1 GB block" : "2 MB block", pa,
		 f.attrindx, long_desc_attr_short(attr), f.ap, long_desc_ap_name(f.ap), f.sh, f.af,
		 f.ng, f.xn, f.pxn, f.dirty ? " dirty" : "", f.rdonly ? " rdonly" : "",
		 f.none ? " none" : "", f.special ? " special" : "");
}

/* ---- the format ---- */

static uint64_t long_mk_leaf(phys_addr_t pa, enum mem_type_id t, enum walk_kind kind)
{
	switch (kind) {
	case WALK_BLOCK:
		return mk_long_block(pa, 2, t);
	case WALK_PAGE:
		return mk_long_page(pa, t);
	default:
		return 0;
	}
}

const struct pgtable_format long_desc_format = {
	.name = "long-descriptor (LPAE)",
	.levels = 3,
	.root_bytes = LONG_PGD_BYTES,
	.table_bytes = LONG_TABLE_BYTES,
	.create_mapping = long_create_mapping,
	.unmap = long_unmap,
	.alloc_page_tables = long_alloc_page_tables,
	.walk = long_walk,
	.mk_leaf = long_mk_leaf,
	.describe = long_describe,
	.entry_bytes = 8,
	.span = { SZ_1G, LONG_BLOCK_SIZE, PAGE_SIZE },
	.block_name = "block",
	.page_name = "page",
	.block_unit = "2 MB",
	.supersections = false,
	.pl1_exec_never = long_pl1_exec_never,
	.print_fields = long_print_fields,
	.leaf_summary = long_leaf_summary,
	.leaf_key = long_leaf_key,
	.set_access_flag = long_set_access_flag,
	.index_digits = { 1, 3, 3 },
};
