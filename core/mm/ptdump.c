/*
 * Page-table dumps.
 *
 * The summary walks the tables leaf by leaf (a 1 MB section, a 16 MB
 * supersection, a 4 KB or 64 KB page, or an unmapped stretch) and merges
 * neighbours whose attributes are equal.  The physical side of a run is
 * shown as a range when its pages follow each other in RAM, and as
 * "scattered" when they do not: vmalloc's pages are the usual example.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "banks.h"
#include "printk.h"
#include "ptdump.h"
#include "sizes.h"

static const char *const kind_names[] = {
	[WALK_FAULT] = "fault", [WALK_SECTION] = "section", [WALK_SUPERSECTION] = "supersection",
	[WALK_LARGE] = "large page", [WALK_SMALL] = "small page",
};

void ptdump_fields(const struct desc_fields *f, const char *ind)
{
	char a[17];

	if (f->table) {
		printk("%stype     page table (second level, 256 entries)\n", ind);
		printk("%stable    PA 0x%08" PRIx32 "\n", ind, (uint32_t)f->pa);
		printk("%sdomain   %u\n", ind, f->domain);
		printk("%sPXN      %u%s\n", ind, f->pxn, f->pxn ? ": no PL1 execution of any page in it" : "");
		printk("%sNS       %u\n", ind, f->ns);
		return;
	}
	if (f->kind == WALK_FAULT) {
		printk("%stype     fault: no translation (an access aborts)\n", ind);
		return;
	}
	printk("%stype     %s (%" PRIu32 " %s)\n", ind, kind_names[f->kind],
	       f->size >= SZ_1M ? f->size >> 20 : f->size >> 10, f->size >= SZ_1M ? "MB" : "KB");
	printk("%sPA       0x%s\n", ind, phys_hex(a, f->pa));
	if (f->kind == WALK_SECTION)
		printk("%sdomain   %u\n", ind, f->domain);
	else if (f->kind == WALK_SUPERSECTION)
		printk("%sdomain   0 (a supersection is always in domain 0)\n", ind);
	else
		printk("%sdomain   %u (its table's)\n", ind, f->domain);
	printk("%sAP/APX   AP=%u%u APX=%u: %s\n", ind, f->ap >> 1, f->ap & 1, f->apx,
	       short_desc_ap_name(f->apx, f->ap));
	printk("%sTEX/C/B  %u%u%u/%u/%u: %s\n", ind, (f->tex >> 2) & 1, (f->tex >> 1) & 1, f->tex & 1,
	       f->c, f->b, short_desc_memory_name(f->tex, f->c, f->b));
	printk("%sS        %u: %s\n", ind, f->s, f->s ? "shareable" : "non-shareable");
	printk("%snG       %u: %s\n", ind, f->ng, f->ng ? "not global (tagged with the ASID)" : "global (every ASID)");
	printk("%sXN       %u: %s\n", ind, f->xn, f->xn ? "execute-never" : "executable");
	printk("%sPXN      %u%s\n", ind, f->pxn, f->pxn ? ": never executable at PL1" : "");
}

void ptdump_attr_short(const struct desc_fields *f, char *buf, size_t n)
{
	/* The memory type in a word or two: what Linux's dump calls the cache policy. */
	snprintf(buf, n, "PL1 %s PL0 %s  %s  %s%s%s", short_desc_ap_pl1(f->apx, f->ap),
		 short_desc_ap_pl0(f->apx, f->ap), f->xn ? "NX" : (f->pxn ? "PXN" : "x "),
		 short_desc_memory_short(f->tex, f->c, f->b), f->s ? "  S" : "", f->ng ? "  nG" : "");
}

/* ---- the summary ---- */

/* The leaf (or the fault entry) that contains va, and where it starts:
 * a fault covers what its level's entry covers. */
static uint32_t leaf_at(const struct pgtable *pt, uint32_t va, struct walk *w)
{
	uint32_t size;

	pgtable_walk(pt, va, w);
	size = w->kind == WALK_FAULT ? pt->fmt->span[w->level - 1] : w->size;
	w->size = size;
	return size ? va & ~(size - 1) : 0;
}

struct run {
	uint32_t start;
	uint64_t end;
	struct walk w;		/* the first leaf */
	uint64_t key;		/* its attributes */
	phys_addr_t pa;		/* the first byte's PA */
	unsigned leaves;
	unsigned pieces;	/* physically contiguous stretches */
	bool contiguous;	/* every leaf follows the previous in PA */
	phys_addr_t next_pa;	/* where the next leaf's PA must be to stay so */
};

static uint64_t key_of(const struct pgtable *pt, const struct walk *w)
{
	return w->kind == WALK_FAULT ? ~(uint64_t)0 : pt->fmt->leaf_key(w);
}

static void size_text(uint64_t bytes, char *buf, size_t n)
{
	if (bytes >= SZ_1M && !(bytes & (SZ_1M - 1)))
		snprintf(buf, n, "%4" PRIu32 " MB", (uint32_t)(bytes >> 20));
	else
		snprintf(buf, n, "%4" PRIu32 " KB", (uint32_t)(bytes >> 10));
}

/* "section", "blocks", "pages" ... for a run of n leaves like w. */
static void leaf_word(const struct pgtable *pt, const struct walk *w, unsigned n, char *buf, size_t len)
{
	const char *one = w->kind == WALK_SUPERSECTION ? "supersection" :
			  w->level == (int)pt->fmt->levels ? "page" : pt->fmt->block_name;

	snprintf(buf, len, "%s%s", one, n == 1 ? "" : "s");
}

static void print_run(const struct pgtable *pt, const struct run *r)
{
	char sz[16], attrs[64], a[17], e[17], what[24];

	size_text(r->end - r->start, sz, sizeof(sz));
	if (r->w.kind == WALK_FAULT) {
		printk("  0x%08" PRIx32 "-0x%08" PRIx32 " %s  unmapped\n", r->start,
		       (uint32_t)(r->end - 1), sz);
		return;
	}
	pt->fmt->leaf_summary(&r->w, attrs, sizeof(attrs));
	leaf_word(pt, &r->w, r->leaves, what, sizeof(what));
	if (r->contiguous)
		printk("  0x%08" PRIx32 "-0x%08" PRIx32 " %s  %-13s -> 0x%s-0x%s  %s\n", r->start,
		       (uint32_t)(r->end - 1), sz, what, phys_hex(a, r->pa),
		       phys_hex(e, r->next_pa - 1), attrs);
	else
		printk("  0x%08" PRIx32 "-0x%08" PRIx32 " %s  %-13s -> scattered: %u in %u pieces  %s\n",
		       r->start, (uint32_t)(r->end - 1), sz, what, r->leaves, r->pieces, attrs);
}

const char *ptdump_hex(char buf[17], uint64_t v, unsigned digits)
{
	static const char hex[] = "0123456789abcdef";

	if (digits > 16)
		digits = 16;
	for (unsigned i = 0; i < digits; i++)
		buf[i] = hex[(v >> (4 * (digits - 1 - i))) & 0xf];
	buf[digits] = 0;
	return buf;
}

/* One descriptor line: L<n>[index] = value: what it says. */
void ptdump_desc_line(const struct pgtable *pt, const struct walk *w, int level, const char *prefix)
{
	char buf[256], idx[17], d[17];
	const struct pgtable_format *f = pt->fmt;
	unsigned i = level - 1;

	pgtable_describe(pt, level, w->desc[i], buf, sizeof(buf));
	printk("%sL%d[0x%s] = 0x%s: %s\n", prefix, level, ptdump_hex(idx, w->index[i], f->index_digits[i]),
	       ptdump_hex(d, w->desc[i], f->entry_bytes * 2), buf);
}

/* detail: the block-level descriptor (the deepest the walk reached
 * above pages) at each block boundary. */
static void print_block_line(const struct pgtable *pt, uint32_t va)
{
	struct walk w;
	int level;

	pgtable_walk(pt, va, &w);
	level = w.level < (int)pt->fmt->levels ? w.level : (int)pt->fmt->levels - 1;
	ptdump_desc_line(pt, &w, level, " ");
}

int ptdump_range(const struct pgtable *pt, uint32_t start, uint64_t end, bool detail,
		 ptdump_label_fn label, void *ctx)
{
	uint32_t block = pt->fmt->span[pt->fmt->levels - 2];
	struct run r = { 0 };
	const char *cur = NULL;
	uint64_t va = start;
	int lines = 0;

	while (va < end) {
		struct walk w;
		uint64_t until = (uint64_t)1 << 32;
		const char *name = label ? label((uint32_t)va, &until, ctx) : NULL;
		bool new_block = detail && !(va & (block - 1));
		uint32_t leaf_va = leaf_at(pt, (uint32_t)va, &w);
		uint64_t key = key_of(pt, &w);

		if (r.leaves && (name != cur || new_block || key != r.key)) {
			print_run(pt, &r);
			lines++;
			r.leaves = 0;
		}
		if (name != cur && name)
			printk("---[ %s ]---\n", name);
		cur = name;
		if (new_block || (detail && va == start))
			print_block_line(pt, (uint32_t)va);
		if (!r.leaves) {
			r = (struct run){ .start = (uint32_t)va, .w = w, .key = key, .contiguous = true, .pieces = 1 };
			r.pa = w.pa;
			r.next_pa = r.pa;
		}
		/* The leaf may begin before va (a range starting mid-section). */
		uint64_t leaf_end = w.size ? (uint64_t)leaf_va + w.size : (uint64_t)1 << 32;

		if (leaf_end > end)
			leaf_end = end;
		/* A region may begin inside a section-sized leaf (the modern
		 * fixmap starts at 0xffc80000): the header comes from the
		 * label, mapped or not, so the leaf is cut where it changes. */
		if (leaf_end > until)
			leaf_end = until;
		if (w.kind != WALK_FAULT && w.pa != r.next_pa) {
			r.contiguous = false;
			r.pieces++;
		}
		r.next_pa = w.pa + (leaf_end - va);
		r.leaves++;
		r.end = leaf_end;
		va = leaf_end;
	}
	if (r.leaves) {
		print_run(pt, &r);
		lines++;
	}
	return lines;
}
