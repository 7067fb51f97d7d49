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

struct leaf {
	uint32_t va;
	uint32_t size;
	struct desc_fields f;
};

/* The leaf that contains va. */
static void leaf_at(const struct pgtable *pt, uint32_t va, struct leaf *lf)
{
	uint32_t l1 = pt->l1[va >> SECTION_SHIFT];

	decode_l1(l1, &lf->f);
	if (lf->f.table) {
		const uint32_t *t = pt->ops->table_ptr(pt->ctx, l1 & SD_MASK(TABLE, ADDR));
		unsigned domain = lf->f.domain, pxn = lf->f.pxn, ns = lf->f.ns;

		decode_l2(t[(va >> PAGE_SHIFT) & (L2_ENTRIES - 1)], &lf->f);
		lf->f.domain = domain;
		lf->f.pxn = lf->f.pxn || pxn;
		lf->f.ns = ns;
		lf->size = lf->f.kind == WALK_LARGE ? LARGE_PAGE_SIZE : PAGE_SIZE;
	} else {
		lf->size = lf->f.kind == WALK_SUPERSECTION ? SZ_16M : SECTION_SIZE;
	}
	lf->va = va & ~(lf->size - 1);
}

static bool same_attrs(const struct desc_fields *a, const struct desc_fields *b)
{
	struct desc_fields x = *a, y = *b;

	if (x.kind == WALK_FAULT || y.kind == WALK_FAULT)
		return x.kind == y.kind;
	x.pa = y.pa = 0;
	/* Sections and supersections run together; pages too. */
	if (x.size >= SZ_1M)
		x.kind = y.kind == WALK_SUPERSECTION ? WALK_SUPERSECTION : x.kind;
	return x.kind == y.kind && x.domain == y.domain && x.ap == y.ap && x.apx == y.apx &&
	       x.tex == y.tex && x.c == y.c && x.b == y.b && x.s == y.s && x.ng == y.ng &&
	       x.xn == y.xn && x.pxn == y.pxn && x.ns == y.ns;
}

struct run {
	uint32_t start;
	uint64_t end;
	struct desc_fields f;	/* the first leaf's */
	unsigned leaves;
	unsigned pieces;	/* physically contiguous stretches */
	bool contiguous;	/* every leaf follows the previous in PA */
	phys_addr_t next_pa;	/* where the next leaf's PA must be to stay so */
};

static void size_text(uint64_t bytes, char *buf, size_t n)
{
	if (bytes >= SZ_1M && !(bytes & (SZ_1M - 1)))
		snprintf(buf, n, "%4" PRIu32 " MB", (uint32_t)(bytes >> 20));
	else
		snprintf(buf, n, "%4" PRIu32 " KB", (uint32_t)(bytes >> 10));
}

static void print_run(const struct run *r)
{
	char sz[16], attrs[64], a[17], e[17];
	const char *what = r->f.kind == WALK_FAULT ? "" :
			   r->f.size >= SZ_1M ? (r->leaves == 1 ? "section" : "sections") :
			   (r->leaves == 1 ? "page" : "pages");

	size_text(r->end - r->start, sz, sizeof(sz));
	if (r->f.kind == WALK_FAULT) {
		printk("  0x%08" PRIx32 "-0x%08" PRIx32 " %s  unmapped\n", r->start,
		       (uint32_t)(r->end - 1), sz);
		return;
	}
	ptdump_attr_short(&r->f, attrs, sizeof(attrs));
	if (r->f.kind == WALK_SUPERSECTION)
		what = r->leaves == 1 ? "supersection" : "supersections";
	if (r->contiguous)
		printk("  0x%08" PRIx32 "-0x%08" PRIx32 " %s  %-13s -> 0x%s-0x%s  %s\n", r->start,
		       (uint32_t)(r->end - 1), sz, what, phys_hex(a, r->f.pa),
		       phys_hex(e, r->next_pa - 1), attrs);
	else
		printk("  0x%08" PRIx32 "-0x%08" PRIx32 " %s  %-13s -> scattered: %u in %u pieces  %s\n",
		       r->start, (uint32_t)(r->end - 1), sz, what, r->leaves, r->pieces, attrs);
}

static void print_l1_line(const struct pgtable *pt, uint32_t va)
{
	char buf[256];
	uint32_t d = pt->l1[va >> SECTION_SHIFT];

	describe_l1(d, buf, sizeof(buf));
	printk(" L1[0x%03" PRIx32 "] = 0x%08" PRIx32 ": %s\n", va >> SECTION_SHIFT, d, buf);
}

int ptdump_range(const struct pgtable *pt, uint32_t start, uint64_t end, bool detail,
		 ptdump_label_fn label, void *ctx)
{
	struct run r = { 0 };
	const char *cur = NULL;
	uint64_t va = start;
	int lines = 0;

	while (va < end) {
		struct leaf lf;
		uint64_t until = (uint64_t)1 << 32;
		const char *name = label ? label((uint32_t)va, &until, ctx) : NULL;
		bool new_mb = detail && !(va & (SECTION_SIZE - 1));

		leaf_at(pt, (uint32_t)va, &lf);
		if (r.leaves && (name != cur || new_mb || !same_attrs(&r.f, &lf.f))) {
			print_run(&r);
			lines++;
			r.leaves = 0;
		}
		if (name != cur && name)
			printk("---[ %s ]---\n", name);
		cur = name;
		if (new_mb || (detail && va == start))
			print_l1_line(pt, (uint32_t)va);
		if (!r.leaves) {
			r = (struct run){ .start = (uint32_t)va, .f = lf.f, .contiguous = true, .pieces = 1 };
			r.f.pa = lf.f.pa + (va - lf.va);
			r.next_pa = r.f.pa;
		}
		/* The leaf may begin before va (a range starting mid-section). */
		uint64_t leaf_end = (uint64_t)lf.va + lf.size;

		if (leaf_end > end)
			leaf_end = end;
		/* A region may begin inside a section-sized leaf (the modern
		 * fixmap starts at 0xffc80000): the header comes from the
		 * label, mapped or not, so the leaf is cut where it changes. */
		if (leaf_end > until)
			leaf_end = until;
		if (lf.f.kind != WALK_FAULT && lf.f.pa + (va - lf.va) != r.next_pa) {
			r.contiguous = false;
			r.pieces++;
		}
		r.next_pa = lf.f.pa + (leaf_end - lf.va);
		r.leaves++;
		r.end = leaf_end;
		va = leaf_end;
	}
	if (r.leaves) {
		print_run(&r);
		lines++;
	}
	return lines;
}
