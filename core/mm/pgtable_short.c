/*
 * The short-descriptor format's mapping routine and software walker
 * (reached through short_desc_format; core/mm/pgtable.c dispatches).
 *
 * create_mapping() works one megabyte at a time.  A whole, aligned
 * megabyte becomes one section: one first-level entry, one TLB entry.
 * Anything smaller goes through a second-level table of 256 small pages.
 * Changing a valid entry follows break-before-make: invalidate the old
 * entry, flush the TLB for it, then write the new one, so the MMU never
 * holds two translations for one address (ARM ARM B3.10.1).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "pgtable.h"
#include "printk.h"
#include "ptdump.h"
#include "sizes.h"

static uint32_t l1_index(uint32_t va)
{
	return va >> SECTION_SHIFT;
}

static uint32_t l2_index(uint32_t va)
{
	return (va >> PAGE_SHIFT) & (L2_ENTRIES - 1);
}

static bool l1_is_section(uint32_t d)
{
	return SD_GET(d, SECT, TYPE);	/* 0b1x: bit 0 is PXN */
}

static bool l1_is_table(uint32_t d)
{
	return short_desc_kind_of(1, d) == SD_TABLE;
}

/* A supersection's output address: PA[31:24], with PA[35:32] beside it. */
static phys_addr_t supersection_pa(uint32_t d)
{
	return (d & SD_MASK(SUPER, ADDR)) | ((phys_addr_t)SD_GET(d, SUPER, PA35_32) << 32);
}

static uint32_t *l2_table(const struct pgtable *pt, uint32_t l1)
{
	return pt->ops->table_ptr(pt->ctx, l1 & SD_MASK(TABLE, ADDR));
}

/* Write one entry; a valid entry that changes is broken first. */
static void set_entry(struct pgtable *pt, uint32_t *entry, uint32_t val,
		      uint32_t va, uint32_t span)
{
	if (*entry == val)
		return;
	if (*entry != 0 && val != 0) {
		*entry = 0;
		pt->ops->written(pt->ctx, entry, sizeof(uint32_t));
		pt->ops->flush(pt->ctx, va, span);
	}
	*entry = val;
	pt->ops->written(pt->ctx, entry, sizeof(uint32_t));
	if (val == 0)
		pt->ops->flush(pt->ctx, va, span);
}

static bool l1_is_super(uint32_t d)
{
	return short_desc_kind_of(1, d) == SD_SUPER;
}

/* The sixteen entries of the supersection holding va. */
static uint32_t *super_entries(struct pgtable *pt, uint32_t va)
{
	return &pt->l1[l1_index(va) & ~15u];
}

/* Replace a supersection by sixteen sections mapping the same memory:
 * all sixteen entries are broken first (one TLB entry may cover them all).
 * Refused when it maps above 4 GB (bits 23:20 and 8:5 are PA[39:32]): a
 * section can only hold PA[31:20]. */
static int split_supersection(struct pgtable *pt, uint32_t va)
{
	uint32_t *e = super_entries(pt, va), old = *e;

	if (old & (SD_MASK(SUPER, PA35_32) | SD_MASK(SUPER, PA39_36))) {
		printk("vmsplit: 0x%08" PRIx32 " is in a supersection above 4 GB; sections cannot map it\n", va);
		return -1;
	}
	uint32_t base = ALIGN_DOWN(va, SZ_16M);
	/* Same attributes; a section of domain 0, its own address field. */
	uint32_t prot = old & ~(SD_MASK(SUPER, ADDR) | SD_BIT(SUPER, SUPER) | SD_MASK(SUPER, PA39_36) |
				SD_MASK(SUPER, PA35_32));

	for (int i = 0; i < 16; i++)
		e[i] = 0;
	pt->ops->written(pt->ctx, e, 16 * sizeof(uint32_t));
	pt->ops->flush(pt->ctx, base, SZ_16M);
	for (uint32_t i = 0; i < 16; i++)
		e[i] = ((old & SD_MASK(SUPER, ADDR)) + i * SECTION_SIZE) | prot;
	pt->ops->written(pt->ctx, e, 16 * sizeof(uint32_t));
	return 0;
}

/* A new second-level table that maps the megabyte exactly as the section
 * 'old' did (or nothing, for a fault entry). */
static int new_l2(struct pgtable *pt, uint32_t va, uint32_t old,
		  enum mem_type_id type, unsigned flags)
{
	uint32_t *l1e = &pt->l1[l1_index(va)];
	phys_addr_t table_pa = pt->ops->alloc_table(pt->ctx, L2_TABLE_SIZE);
	uint32_t *table, prot, table_bits;

	if (!table_pa) {
		printk("vmsplit: out of memory for a second-level table at 0x%08" PRIx32 "\n", va);
		return -1;
	}
	table = pt->ops->table_ptr(pt->ctx, table_pa);
	memset(table, 0, L2_TABLE_SIZE);
	/* The table descriptor carries what applies to the whole megabyte:
	 * domain, and a section's PXN and NS. */
	table_bits = mem_types[type].prot_l1 & SD_MASK(SECT, DOMAIN);
	if (flags & MAP_PXN)
		table_bits |= SD_BIT(TABLE, PXN);
	if (l1_is_section(old)) {
		prot = section_to_pte_prot(old);
		table_bits = old & SD_MASK(SECT, DOMAIN);
		if (old & SD_BIT(SECT, PXN))
			table_bits |= SD_BIT(TABLE, PXN);
		if (old & SD_BIT(SECT, NS))
			table_bits |= SD_BIT(TABLE, NS);
		for (uint32_t i = 0; i < L2_ENTRIES; i++)
			table[i] = ((old & SD_MASK(SECT, ADDR)) + i * PAGE_SIZE) | prot;
	}
	pt->ops->written(pt->ctx, table, L2_ENTRIES * sizeof(uint32_t));
	pt->nr_tables++;
	set_entry(pt, l1e, ((uint32_t)table_pa & SD_MASK(TABLE, ADDR)) |
		  SD_PREP(TABLE, TYPE, 1) | table_bits, va & SECTION_MASK, SECTION_SIZE);
	return 0;
}

/* Whatever maps the megabyte of va becomes a table (splitting a
 * supersection on the way). */
static int make_table(struct pgtable *pt, uint32_t va, enum mem_type_id type,
		      unsigned flags)
{
	uint32_t *l1e = &pt->l1[l1_index(va)];

	if (l1_is_super(*l1e) && split_supersection(pt, va))
		return -1;
	if (l1_is_table(*l1e))
		return 0;
	return new_l2(pt, va, *l1e, type, flags);
}

static int map_supersection(struct pgtable *pt, uint32_t va, phys_addr_t pa,
			    enum mem_type_id type)
{
	uint32_t *e = super_entries(pt, va), val = mk_supersection(pa, type);

	/* A supersection has no domain field: it is domain 0.  Like Linux,
	 * use them only for types that are domain 0 anyway. */
	if (mem_types[type].prot_sect & SD_MASK(SECT, DOMAIN))
		return 1;
	for (int i = 0; i < 16; i++)
		if (e[i] != 0 && e[i] != val)
			return 1;	/* something else is there: use sections */
	for (int i = 0; i < 16; i++)
		e[i] = val;
	pt->ops->written(pt->ctx, e, 16 * sizeof(uint32_t));
	return 0;
}

static int map_section(struct pgtable *pt, uint32_t va, phys_addr_t pa,
		       enum mem_type_id type, unsigned flags)
{
	uint32_t *l1e = &pt->l1[l1_index(va)];

	if (l1_is_table(*l1e)) {
		/* Dropping the table would lose its other pages. */
		printk("vmsplit: 0x%08" PRIx32 " is mapped with pages; unmap it before mapping a section\n", va);
		return -1;
	}
	if (l1_is_super(*l1e) && split_supersection(pt, va))
		return -1;
	set_entry(pt, l1e, mk_section(pa, type) | ((flags & MAP_PXN) ? SD_BIT(SECT, PXN) : 0),
		  va, SECTION_SIZE);
	return 0;
}

static int map_pages(struct pgtable *pt, uint32_t va, phys_addr_t pa,
		     uint32_t len, enum mem_type_id type, unsigned flags)
{
	uint32_t *table;

	if (make_table(pt, va, type, flags))
		return -1;
	table = l2_table(pt, pt->l1[l1_index(va)]);
	for (; len; len -= PAGE_SIZE, va += PAGE_SIZE, pa += PAGE_SIZE)
		set_entry(pt, &table[l2_index(va)], mk_pte(pa, type), va, PAGE_SIZE);
	return 0;
}

/* Bytes from va to the next boundary of 'size' (wrapping to 0 at 4 GB). */
static uint32_t to_boundary(uint32_t va, uint32_t size)
{
	return (ALIGN_DOWN(va, size) + size) - va;
}

static bool valid_range(uint32_t va, phys_addr_t pa, uint32_t len)
{
	/* Without LPAE a section holds PA[31:20] and a page PA[31:12]:
	 * physical addresses end at 4 GB (B3.5.1). */
	return !((va | (uint32_t)pa | len) & (PAGE_SIZE - 1)) && len != 0 &&
	       (uint64_t)va + len <= (1ull << 32) && pa + len <= (1ull << 32);
}

static int short_create_mapping(struct pgtable *pt, const struct map_desc *md)
{
	uint32_t va = md->virt, left = md->length;
	phys_addr_t pa = md->phys;

	if (!valid_range(va, pa, left) || md->type >= NR_MEM_TYPES) {
		printk("vmsplit: cannot map 0x%08" PRIx32 " (+0x%" PRIx32 "): not page aligned, "
		       "or past 4 GB virtual or physical\n", va, left);
		return -1;
	}
	if (md->flags & MAP_NO_AF) {
		printk("vmsplit: cannot map 0x%08" PRIx32 " without the Access Flag: the short format "
		       "has none with SCTLR.AFE = 0 (AP[0] is a permission bit)\n", va);
		return -1;
	}
	while (left) {
		uint32_t chunk = to_boundary(va, SECTION_SIZE);
		int err;

		if ((md->flags & MAP_SUPERSECTIONS) && left >= SZ_16M &&
		    !((va | (uint32_t)pa) & (SZ_16M - 1)) &&
		    map_supersection(pt, va, pa, md->type) == 0) {
			chunk = SZ_16M;
		} else {
			if (chunk > left)
				chunk = left;
			if (chunk == SECTION_SIZE && (pa & (SECTION_SIZE - 1)) == 0)
				err = map_section(pt, va, pa, md->type, md->flags);
			else
				err = map_pages(pt, va, pa, chunk, md->type, md->flags);
			if (err)
				return err;
		}
		va += chunk;
		pa += chunk;
		left -= chunk;
	}
	return 0;
}

static int short_alloc_page_tables(struct pgtable *pt, uint32_t va, uint32_t len,
				   enum mem_type_id type)
{
	if (!valid_range(va, 0, len) || type >= NR_MEM_TYPES) {
		printk("vmsplit: cannot make tables for 0x%08" PRIx32 " (+0x%" PRIx32 ")\n", va, len);
		return -1;
	}
	for (uint64_t a = ALIGN_DOWN(va, SECTION_SIZE); a < (uint64_t)va + len; a += SECTION_SIZE)
		if (make_table(pt, (uint32_t)a, type, 0))
			return -1;
	return 0;
}

static bool table_is_empty(const uint32_t *table)
{
	for (uint32_t i = 0; i < L2_ENTRIES; i++)
		if (table[i])
			return false;
	return true;
}

/* Clear [va, va+len) inside one megabyte mapped by a table; free the
 * table if that empties it and the caller allows. */
static void unmap_pages(struct pgtable *pt, uint32_t va, uint32_t len, bool free_tables)
{
	uint32_t *l1e = &pt->l1[l1_index(va)];
	uint32_t *table = l2_table(pt, *l1e);
	uint32_t mb = va & SECTION_MASK;
	phys_addr_t table_pa = *l1e & SD_MASK(TABLE, ADDR);

	for (; len; len -= PAGE_SIZE, va += PAGE_SIZE)
		set_entry(pt, &table[l2_index(va)], 0, va, PAGE_SIZE);
	if (free_tables && pt->ops->free_table && table_is_empty(table)) {
		set_entry(pt, l1e, 0, mb, SECTION_SIZE);
		pt->ops->free_table(pt->ctx, table_pa, L2_TABLE_SIZE);
		pt->nr_tables--;
	}
}

static int short_unmap(struct pgtable *pt, uint32_t va, uint32_t len, bool free_tables)
{
	if (!valid_range(va, 0, len)) {
		printk("vmsplit: cannot unmap 0x%08" PRIx32 " (+0x%" PRIx32 "): not page aligned or past 4 GB\n",
		       va, len);
		return -1;
	}
	while (len) {
		uint32_t *l1e = &pt->l1[l1_index(va)];
		uint32_t chunk = to_boundary(va, SECTION_SIZE);

		if (chunk > len)
			chunk = len;
		if (l1_is_super(*l1e) && !(va & (SZ_16M - 1)) && len >= SZ_16M) {
			uint32_t *e = super_entries(pt, va);

			for (int i = 0; i < 16; i++)
				e[i] = 0;
			pt->ops->written(pt->ctx, e, 16 * sizeof(uint32_t));
			pt->ops->flush(pt->ctx, va, SZ_16M);
			chunk = SZ_16M;
		} else if (l1_is_super(*l1e)) {
			if (split_supersection(pt, va))
				return -1;
			continue;			/* now a section */
		} else if (l1_is_section(*l1e) && chunk == SECTION_SIZE) {
			set_entry(pt, l1e, 0, va, SECTION_SIZE);
		} else if (l1_is_section(*l1e)) {
			if (new_l2(pt, va, *l1e, MT_MEMORY_RW, 0))
				return -1;
			unmap_pages(pt, va, chunk, free_tables);
		} else if (l1_is_table(*l1e)) {
			unmap_pages(pt, va, chunk, free_tables);
		}
		va += chunk;
		len -= chunk;
	}
	return 0;
}

static void short_walk(const struct pgtable *pt, uint32_t va, struct walk *w)
{
	uint32_t d = pt->l1[l1_index(va)], l2;

	memset(w, 0, sizeof(*w));
	w->desc[0] = d;
	w->index[0] = l1_index(va);
	w->level = 1;
	switch (short_desc_kind_of(1, d)) {
	case SD_SUPER:
		w->kind = WALK_SUPERSECTION;
		w->size = SZ_16M;
		w->pa = supersection_pa(d) | (va & (SZ_16M - 1));
		return;
	case SD_SECT:
		w->kind = WALK_SECTION;
		w->size = SECTION_SIZE;
		w->pa = (d & SD_MASK(SECT, ADDR)) | (va & (SECTION_SIZE - 1));
		return;
	case SD_TABLE:
		break;
	default:
		return;		/* WALK_FAULT at level 1 */
	}
	w->level = 2;
	l2 = l2_table(pt, d)[l2_index(va)];
	w->desc[1] = l2;
	w->index[1] = l2_index(va);
	w->table[1] = d & SD_MASK(TABLE, ADDR);
	switch (short_desc_kind_of(2, l2)) {
	case SD_SMALL:
		w->kind = WALK_SMALL;
		w->size = PAGE_SIZE;
		w->pa = (l2 & SD_MASK(SMALL, ADDR)) | (va & (PAGE_SIZE - 1));
		break;
	case SD_LARGE:
		w->kind = WALK_LARGE;
		w->size = LARGE_PAGE_SIZE;
		w->pa = (l2 & SD_MASK(LARGE, ADDR)) | (va & (LARGE_PAGE_SIZE - 1));
		break;
	}
}

/* ---- decoding ---- */

/* The attribute fields sections, supersections and both page sizes share,
 * read from whichever kind the descriptor is. */
#define DECODE_ATTRS(f, d, KIND) do {					\
		(f)->ap = SD_GET(d, KIND, AP);				\
		(f)->apx = SD_GET(d, KIND, APX);			\
		(f)->tex = SD_GET(d, KIND, TEX);			\
		(f)->c = SD_GET(d, KIND, C);				\
		(f)->b = SD_GET(d, KIND, B);				\
		(f)->s = SD_GET(d, KIND, S);				\
		(f)->ng = SD_GET(d, KIND, NG);				\
		(f)->xn = SD_GET(d, KIND, XN);				\
	} while (0)

void decode_l1(uint32_t d, struct desc_fields *f)
{
	memset(f, 0, sizeof(*f));
	switch (short_desc_kind_of(1, d)) {
	case SD_TABLE:
		f->table = true;
		f->domain = SD_GET(d, TABLE, DOMAIN);
		f->pa = d & SD_MASK(TABLE, ADDR);
		f->pxn = SD_GET(d, TABLE, PXN);
		f->ns = SD_GET(d, TABLE, NS);
		break;
	case SD_SECT:
		DECODE_ATTRS(f, d, SECT);
		f->kind = WALK_SECTION;
		f->size = SECTION_SIZE;
		f->domain = SD_GET(d, SECT, DOMAIN);
		f->pa = d & SD_MASK(SECT, ADDR);
		f->pxn = SD_GET(d, SECT, PXN);
		f->ns = SD_GET(d, SECT, NS);
		break;
	case SD_SUPER:		/* no domain: always 0 */
		DECODE_ATTRS(f, d, SUPER);
		f->kind = WALK_SUPERSECTION;
		f->size = SZ_16M;
		f->pa = supersection_pa(d);
		f->pxn = SD_GET(d, SUPER, PXN);
		f->ns = SD_GET(d, SUPER, NS);
		break;
	}
}

/* The domain, PXN and NS of a page come from its first-level entry:
 * the caller fills them in. */
void decode_l2(uint32_t d, struct desc_fields *f)
{
	memset(f, 0, sizeof(*f));
	switch (short_desc_kind_of(2, d)) {
	case SD_SMALL:
		DECODE_ATTRS(f, d, SMALL);
		f->kind = WALK_SMALL;
		f->size = PAGE_SIZE;
		f->pa = d & SD_MASK(SMALL, ADDR);
		break;
	case SD_LARGE:
		DECODE_ATTRS(f, d, LARGE);
		f->kind = WALK_LARGE;
		f->size = LARGE_PAGE_SIZE;
		f->pa = d & SD_MASK(LARGE, ADDR);
		break;
	}
}

static void describe_attrs(char *buf, size_t n, const struct desc_fields *f)
{
	snprintf(buf, n, "AP=%u APX=%u (%s) TEX=%u%u%u C=%u B=%u (%s) S=%u nG=%u XN=%u",
		 f->ap, f->apx, short_desc_ap_name(f->apx, f->ap), (f->tex >> 2) & 1,
		 (f->tex >> 1) & 1, f->tex & 1, f->c, f->b,
		 short_desc_memory_name(f->tex, f->c, f->b), f->s, f->ng, f->xn);
}

void describe_l1(uint32_t d, char *buf, size_t n)
{
	struct desc_fields f;
	char attrs[160];

	decode_l1(d, &f);
	describe_attrs(attrs, sizeof(attrs), &f);
	if (f.table)
		snprintf(buf, n, "page table at PA 0x%08" PRIx32 " domain %u PXN=%u NS=%u",
			 (uint32_t)f.pa, f.domain, f.pxn, f.ns);
	else if (f.kind == WALK_SUPERSECTION)
		snprintf(buf, n, "supersection PA 0x%08" PRIx32 " %s PXN=%u", (uint32_t)f.pa, attrs, f.pxn);
	else if (f.kind == WALK_SECTION)
		snprintf(buf, n, "section PA 0x%08" PRIx32 " domain %u %s PXN=%u",
			 (uint32_t)f.pa, f.domain, attrs, f.pxn);
	else
		snprintf(buf, n, "fault (no translation)");
}

void describe_l2(uint32_t d, char *buf, size_t n)
{
	struct desc_fields f;
	char attrs[160];

	decode_l2(d, &f);
	describe_attrs(attrs, sizeof(attrs), &f);
	if (f.kind == WALK_SMALL)
		snprintf(buf, n, "small page PA 0x%08" PRIx32 " %s", (uint32_t)f.pa, attrs);
	else if (f.kind == WALK_LARGE)
		snprintf(buf, n, "large page PA 0x%08" PRIx32, (uint32_t)f.pa);
	else
		snprintf(buf, n, "fault (no translation)");
}

/* ---- the format ---- */

static uint64_t short_mk_leaf(phys_addr_t pa, enum mem_type_id t, enum walk_kind kind)
{
	switch (kind) {
	case WALK_SECTION:
		return mk_section(pa, t);
	case WALK_SUPERSECTION:
		return mk_supersection(pa, t);
	case WALK_SMALL:
		return mk_pte(pa, t);
	default:
		return 0;	/* the mapping routine makes no large pages */
	}
}

static void short_describe(int level, uint64_t d, char *buf, size_t n)
{
	if (level == 1)
		describe_l1((uint32_t)d, buf, n);
	else
		describe_l2((uint32_t)d, buf, n);
}

static bool short_pl1_exec_never(const struct walk *w, uint32_t dacr)
{
	struct desc_fields l1, leaf;
	bool xn;

	decode_l1((uint32_t)w->desc[0], &l1);
	if (w->level == 2) {
		decode_l2((uint32_t)w->desc[1], &leaf);
		xn = leaf.xn || l1.pxn;		/* a page table's PXN covers its pages */
	} else {
		xn = l1.xn || l1.pxn;
	}
	/* A manager domain does not check XN (ARM ARM B3.7.2). */
	return xn && DACR_FIELD(dacr, l1.domain) != DACR_MANAGER;
}

/* A leaf's fields, a page's with what its table gives it (domain, PXN,
 * NS). */
static void short_leaf_fields(const struct walk *w, struct desc_fields *f)
{
	struct desc_fields t;

	decode_l1((uint32_t)w->desc[0], &t);
	if (w->level == 1) {
		*f = t;
		return;
	}
	decode_l2((uint32_t)w->desc[1], f);
	f->domain = t.domain;
	f->pxn = f->pxn || t.pxn;
	f->ns = t.ns;
}

static void short_print_fields(const struct walk *w, int level, const char *indent)
{
	struct desc_fields f;

	if (level == 1)
		decode_l1((uint32_t)w->desc[0], &f);
	else
		short_leaf_fields(w, &f);
	ptdump_fields(&f, indent);
}

static void short_leaf_summary(const struct walk *w, char *buf, size_t n)
{
	struct desc_fields f;

	short_leaf_fields(w, &f);
	ptdump_attr_short(&f, buf, n);
}

/* Sections and supersections run together (a supersection is sixteen
 * sections' worth of the same attributes); pages of one size too. */
static uint64_t short_leaf_key(const struct walk *w)
{
	struct desc_fields f;
	uint64_t kind = w->kind == WALK_SUPERSECTION ? WALK_SECTION : w->kind;

	short_leaf_fields(w, &f);
	return kind | (uint64_t)f.domain << 4 | (uint64_t)f.ap << 8 | (uint64_t)f.apx << 10 |
	       (uint64_t)f.tex << 11 | (uint64_t)f.c << 14 | (uint64_t)f.b << 15 | (uint64_t)f.s << 16 |
	       (uint64_t)f.ng << 17 | (uint64_t)f.xn << 18 | (uint64_t)f.pxn << 19 | (uint64_t)f.ns << 20;
}

const struct pgtable_format short_desc_format = {
	.name = "short-descriptor",
	.levels = 2,
	.root_bytes = L1_TABLE_SIZE,
	.table_bytes = L2_TABLE_SIZE,
	.entry_bytes = 4,
	.span = { SECTION_SIZE, PAGE_SIZE },
	.block_name = "section",
	.page_name = "small page",
	.block_unit = "MB",
	.supersections = true,
	.create_mapping = short_create_mapping,
	.unmap = short_unmap,
	.alloc_page_tables = short_alloc_page_tables,
	.walk = short_walk,
	.mk_leaf = short_mk_leaf,
	.describe = short_describe,
	.pl1_exec_never = short_pl1_exec_never,
	.print_fields = short_print_fields,
	.leaf_summary = short_leaf_summary,
	.leaf_key = short_leaf_key,
	.index_digits = { 3, 2 },
};
