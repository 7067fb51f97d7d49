/*
 * The layout as a picture (memlayout --svg FILE), drawn as seed 001's
 * figures are: physical memory on the left, the 4 GB virtual space on the
 * right, high addresses at the top, and a line from each lowmem bank to
 * where the linear map puts it.
 *
 * Scale: a box's height grows with the logarithm of its size (18 px for a
 * page, about 150 px for 3 GB), so the 4 KB vector page and 3 GB of user
 * space are both readable and the picture fits a screen; or, with
 * --svg-scale linear, in proportion to it.  Every box carries its exact
 * addresses and size in its label, taken from the same struct layout the
 * text table prints.  A region nested in another (the static IO map in
 * vmalloc from 3.3 on) is an inset box inside its outer one, and a dashed
 * line marks PAGE_OFFSET, where user space (TASK_SIZE, 16 MB lower, then
 * the modules) gives way to the kernel.
 * Each box is a <g class="phys|virt" data-name data-start data-end> (end
 * exclusive, as in the table) and each line a <line class="linear"
 * data-pa data-va>, so tests/svg_test.py can check the picture against
 * the text.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boards.h"
#include "layout_svg.h"
#include "sizes.h"

#define MAX_BOXES	64
#define WIDTH		1000
#define COL_W		380
#define PHYS_X		40
#define VIRT_X		(WIDTH - 40 - COL_W)
#define TOP		100
#define MIN_H		18		/* the smallest box a label fits in */
#define LOG_PX		7.0		/* px per doubling of the size in kB */
#define LINEAR_PX	1200.0		/* px for all 4 GB at --svg-scale linear */

struct box {
	const char *name;
	const char *fill;
	const char *cls;	/* the <g>'s class when not the column's own (a device: phys-dev) */
	uint64_t start, end;	/* end exclusive */
	double y, h;		/* where it is drawn */
};

struct column {
	struct box b[MAX_BOXES];
	int n;
};

static void add(struct column *c, const char *name, const char *fill, uint64_t start, uint64_t end)
{
	if (end > start && c->n < MAX_BOXES)
		c->b[c->n++] = (struct box){ name, fill, NULL, start, end, 0, 0 };
}

static int by_start_desc(const void *a, const void *b)
{
	const struct box *x = a, *y = b;

	return x->start < y->start ? 1 : x->start > y->start ? -1 : 0;
}

/* Fill the spaces between boxes of [lo, hi) with boxes named `gap`, then
 * lay the column out from the top (highest address) down. */
static double layout_column(struct column *c, uint64_t lo, uint64_t hi, const char *gap, enum svg_scale scale)
{
	int n = c->n;
	double y = TOP;

	qsort(c->b, (size_t)n, sizeof(c->b[0]), by_start_desc);
	for (int i = 0; i <= n; i++) {
		uint64_t top = i == 0 ? hi : c->b[i - 1].start;
		uint64_t bottom = i == n ? lo : c->b[i].end;

		if (top > bottom)
			add(c, gap, "#f4f4f4", bottom, top);
	}
	qsort(c->b, (size_t)c->n, sizeof(c->b[0]), by_start_desc);
	for (int i = 0; i < c->n; i++) {
		double kb = (double)(c->b[i].end - c->b[i].start) / 1024.0;

		if (scale == SVG_SCALE_LINEAR)
			c->b[i].h = LINEAR_PX * kb / (4.0 * 1024 * 1024);
		else
			c->b[i].h = LOG_PX * log2(kb > 4 ? kb : 4);
		if (c->b[i].h < MIN_H)
			c->b[i].h = MIN_H;
		c->b[i].y = y;
		y += c->b[i].h;
	}
	return y;
}

static void size_text(uint64_t bytes, char *buf, size_t n)
{
	if (bytes >= SZ_1M && !(bytes % SZ_1M))
		snprintf(buf, n, "%" PRIu64 " MB", bytes >> 20);
	else
		snprintf(buf, n, "%" PRIu64 " kB", bytes >> 10);
}

static void draw_box(FILE *f, const char *cls, int x, const struct box *b)
{
	char sz[24];
	size_t chars;
	double font = 11;

	size_text(b->end - b->start, sz, sizeof(sz));
	/* A long name ("hole (device tree: qcom,memblock-remove)") gets a
	 * smaller font rather than running out of its box (monospace: about
	 * 0.6 em a character). */
	chars = strlen(b->name) + strlen(" 0x00000000-0x00000000 ()") + strlen(sz);
	if (0.6 * font * (double)chars > COL_W - 12)
		font = (COL_W - 12) / (0.6 * (double)chars);
	fprintf(f, "<g class=\"%s\" data-name=\"%s\" data-start=\"0x%08" PRIx64 "\" data-end=\"0x%08" PRIx64 "\">\n",
		cls, b->name, b->start, b->end);
	fprintf(f, "  <rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\" stroke=\"#333\"/>\n",
		x, b->y, COL_W, b->h, b->fill);
	fprintf(f, "  <text x=\"%d\" y=\"%.1f\" font-size=\"%.4g\"><tspan font-weight=\"bold\">%s</tspan>"
		" 0x%08" PRIx64 "-0x%08" PRIx64 " (%s)</text>\n",
		x + 6, b->y + b->h / 2 + 4, font, b->name, b->start, b->end - 1, sz);
	fprintf(f, "</g>\n");
}

/* Where address a falls inside column c, in pixels (linear inside its box). */
static double y_of(const struct column *c, uint64_t a)
{
	for (int i = 0; i < c->n; i++)
		if (a >= c->b[i].start && a <= c->b[i].end) {
			double frac = (double)(c->b[i].end - a) / (double)(c->b[i].end - c->b[i].start);

			return c->b[i].y + frac * c->b[i].h;
		}
	return TOP;
}

/* The title on at most two lines of 100 characters, broken at spaces. */
static void print_title(FILE *f, const char *title)
{
	const char *p = title;

	for (int line = 0; line < 2 && *p; line++) {
		int n = (int)strlen(p);

		if (n > 100) {
			n = 100;
			while (n > 0 && p[n] != ' ')
				n--;
			if (n == 0)
				n = 100;
			if (line == 1)
				n = 100;	/* the rest does not fit: cut */
		}
		fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"14\" font-weight=\"bold\">%.*s%s</text>\n",
			PHYS_X, 22 + 17 * line, n, p, line == 1 && (int)strlen(p) > n ? "..." : "");
		p += n;
		while (*p == ' ')
			p++;
	}
}

/* The picture's colours; a region without one is grey. */
static const char *virt_fill(enum region r)
{
	switch (r) {
	case REGION_LOWMEM:      return "#cfe8cf";
	case REGION_VMALLOC:     return "#cfdcf4";
	case REGION_PKMAP:       return "#f4e3c8";
	case REGION_MODULES:     return "#e8d5f0";
	case REGION_STATIC_IO:   return "#f0e0c0";
	case REGION_USER:
	case REGION_PAST_LOWMEM: return "#f4f4f4";
	default:                 return "#e6e6e6";
	}
}

/* Lowmem as the linear map fills it: a box per lowmem bank's image, and
 * between them what the linear map leaves (vmalloc-saving's holes). */
static void add_lowmem(struct column *virt, const struct layout *l, const struct region_span *r)
{
	uint64_t v = r->start, e = r->end;

	for (int i = 0; i < l->mi.nr_banks; i++) {
		const struct membank *b = &l->mi.bank[i];
		uint64_t vs = layout_va(l, b->start), ve = vs + b->size;

		if (b->highmem || ve <= v)
			continue;
		if (vs > v && layout_region_of(l, (uint32_t)v) == REGION_VMALLOC)
			add(virt, "vmalloc (lowmem hole)", virt_fill(REGION_VMALLOC), v, vs < e ? vs : e);
		else if (vs > v)
			add(virt, "lowmem hole (unmapped)", "#f4f4f4", v, vs < e ? vs : e);
		add(virt, r->kind->box, virt_fill(REGION_LOWMEM), vs, ve < e ? ve : e);
		v = ve;
	}
	if (v < e)
		add(virt, "lowmem (no RAM)", "#f4f4f4", v, e);
}

/*
 * A bank, with the /reserved-memory regions that stay in it (CMA pools,
 * carve-outs: reserved, still mapped) as boxes of their own, named as the
 * boot's lines name them.
 */
static void add_bank(struct column *phys, const struct boot_config *bc, const struct membank *b)
{
	static char names[NR_RESMEM][64];
	const char *kind = b->highmem ? "highmem" : "lowmem", *fill = b->highmem ? "#f4d0d0" : "#cfe8cf";
	uint64_t at = b->start;

	for (;;) {
		const struct resmem *next = NULL;
		int ni = 0;

		/* The lowest reserved region still ahead in this bank. */
		for (int i = 0; i < bc->nr_resmem; i++) {
			const struct resmem *r = &bc->resmem[i];

			if (r->state == RESMEM_RESERVED && r->base >= at && r->base < bank_end(b) &&
			    (!next || r->base < next->base)) {
				next = r;
				ni = i;
			}
		}
		if (!next)
			break;
		add(phys, kind, fill, at, next->base);
		snprintf(names[ni], sizeof(names[ni]), "%s %s (reserved-memory)",
			 next->what ? next->what : "reserved", next->name);
		at = next->base + next->size < bank_end(b) ? next->base + next->size : bank_end(b);
		add(phys, names[ni], "#d6e2f5", next->base, at);
	}
	add(phys, kind, fill, at, bank_end(b));
}

/* A region inside another's box (depth 1 or more), drawn as an inset on
 * the right of its outer box, at its own place in it. */
static void draw_inset(FILE *f, const struct column *col, int x, const char *cls, const char *name,
		       uint64_t start, uint64_t end, const char *fill);

static void draw_nested(FILE *f, const struct column *virt, const struct region_span *r)
{
	draw_inset(f, virt, VIRT_X, "virt-in", r->kind->box, r->start, r->end, virt_fill(r->id));
}

/* An inset on the right half of the box of col that holds [start, end). */
static void draw_inset(FILE *f, const struct column *col, int x, const char *cls, const char *name,
		       uint64_t start, uint64_t end, const char *fill)
{
	const struct column *virt = col;
	double top = y_of(col, end), bottom = y_of(col, start);
	char sz[24];

	if (bottom - top < 12) {	/* too thin to read: 12 px, kept inside its outer box */
		const struct box *o = NULL;

		for (int i = 0; i < virt->n; i++)
			if (virt->b[i].start <= start && end <= virt->b[i].end)
				o = &virt->b[i];
		top = (top + bottom) / 2 - 6;
		if (o && top < o->y)
			top = o->y;
		if (o && top + 12 > o->y + o->h)
			top = o->y + o->h - 12;
		bottom = top + 12;
	}
	size_text(end - start, sz, sizeof(sz));
	fprintf(f, "<g class=\"%s\" data-name=\"%s\" data-start=\"0x%08" PRIx64 "\" data-end=\"0x%08" PRIx64 "\">\n",
		cls, name, start, end);
	fprintf(f, "  <rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\" stroke=\"#333\""
		" stroke-dasharray=\"3,2\"/>\n", x + COL_W / 2, top, COL_W / 2 - 4, bottom - top, fill);
	fprintf(f, "  <text x=\"%d\" y=\"%.1f\" font-size=\"9\">%s (%s)</text>\n", x + COL_W / 2 + 4,
		(top + bottom) / 2 + 3, name, sz);
	fprintf(f, "</g>\n");
}

int layout_svg(FILE *f, const struct layout *l, const struct boot_config *bc, const char *title)
{
	return layout_svg_scaled(f, l, bc, title, SVG_SCALE_LOG);
}

int layout_svg_scaled(FILE *f, const struct layout *l, const struct boot_config *bc, const char *title,
		      enum svg_scale scale)
{
	return layout_svg_board(f, l, bc, title, scale, NULL, 0);
}

int layout_svg_board(FILE *f, const struct layout *l, const struct boot_config *bc, const char *title,
		     enum svg_scale scale, const struct board_device *devices, int nr_devices)
{
	struct column phys = { .n = 0 }, virt = { .n = 0 };
	uint64_t lo = UINT64_MAX, hi = 0;
	double bottom_p, bottom_v;

	/* Physical: banks, RAM the decision left out, holes between. */
	for (int i = 0; i < l->mi.nr_banks; i++)
		add_bank(&phys, bc, &l->mi.bank[i]);
	/* The board's RAM outside the banks, named as memmap and p2v name it
	 * (truncated, ignored, hole ...); what is not RAM at all fills the gaps. */
	for (int r = 0; r < bc->ram.nr_banks; r++) {
		phys_addr_t p = bc->ram.bank[r].start, end = bank_end(&bc->ram.bank[r]), next;

		lo = p < lo ? p : lo;
		hi = end > hi ? end : hi;
		for (; p < end; p = next) {
			enum pa_kind k = layout_classify_pa(l, bc, p, end, &next);

			if (k == PA_TRUNCATED || k == PA_IGNORED)
				add(&phys, layout_pa_kind_name(l, bc, p), "#fff3b0", p, next);
			else if (k == PA_HOLE_DT || k == PA_HOLE_MEM || k == PA_NOMAP)
				add(&phys, layout_pa_kind_name(l, bc, p), "#e0e0e0", p, next);
		}
	}
	/* The devices, where they are in the physical space (below RAM on
	 * virt and vexpress, above it on raspi2b). */
	for (int i = 0; i < nr_devices && devices[i].name; i++) {
		const struct board_device *d = &devices[i];

		add(&phys, d->name, "#f0e0c0", d->base, d->base + d->size);
		if (phys.n)
			phys.b[phys.n - 1].cls = "phys-dev";
		lo = d->base < lo ? d->base : lo;
		hi = d->base + d->size > hi ? d->base + d->size : hi;
	}
	bottom_p = layout_column(&phys, lo, hi, "not RAM", scale);

	/* Virtual: a box per region of the layout (the nested ones are in
	 * their outer region's box), named by its table line if this era
	 * prints one; what has no box is unused. */
	for (int i = 0; i < l->nr_regions; i++) {
		const struct region_span *r = &l->region[i];

		if (r->depth || !r->kind->box)
			continue;
		if (r->id == REGION_LOWMEM)
			add_lowmem(&virt, l, r);
		else
			add(&virt, r->order >= 0 ? r->kind->label : r->kind->box, virt_fill(r->id), r->start, r->end);
	}
	bottom_v = layout_column(&virt, 0, (uint64_t)1 << 32, "unused", scale);

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%.0f\""
		" font-family=\"monospace\">\n", WIDTH, (bottom_p > bottom_v ? bottom_p : bottom_v) + 30);
	fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
	print_title(f, title);
	fprintf(f, "<text x=\"%d\" y=\"60\" font-size=\"12\">rules %s, PAGE_OFFSET 0x%08" PRIx32
		", PHYS_OFFSET 0x%08" PRIx64 "; %s</text>\n",
		PHYS_X, l->rules->name, l->page_offset, (uint64_t)l->phys_offset,
		scale == SVG_SCALE_LINEAR ? "box heights in proportion to size (small ones at the least readable height)"
					  : "box heights grow with log(size)");
	fprintf(f, "<text x=\"%d\" y=\"90\" font-size=\"13\" font-weight=\"bold\">physical</text>\n", PHYS_X);
	fprintf(f, "<text x=\"%d\" y=\"90\" font-size=\"13\" font-weight=\"bold\">virtual</text>\n", VIRT_X);
	for (int i = 0; i < phys.n; i++)
		draw_box(f, phys.b[i].cls ? phys.b[i].cls : "phys", PHYS_X, &phys.b[i]);
	for (int i = 0; i < virt.n; i++)
		draw_box(f, "virt", VIRT_X, &virt.b[i]);
	for (int i = 0; i < l->nr_regions; i++)
		if (l->region[i].depth && l->region[i].kind->box)
			draw_nested(f, &virt, &l->region[i]);
	/* The kernel's first 2 MB of lowmem (the device tree, the image, the
	 * boot's page tables) on both sides. */
	if (l->mi.nr_banks && !l->mi.bank[0].highmem && l->mi.bank[0].start == l->phys_offset) {
		static const struct region_kind kernel_kind = { .box = "kernel (DT, image, tables)" };
		struct region_span k = { .kind = &kernel_kind, .id = REGION_LOWMEM };

		k.start = layout_va(l, l->phys_offset);
		k.end = (uint64_t)k.start + KERNEL_REGION_SIZE;
		draw_nested(f, &virt, &k);
		draw_inset(f, &phys, PHYS_X, "phys-in", kernel_kind.box, l->phys_offset,
			   l->phys_offset + KERNEL_REGION_SIZE, virt_fill(REGION_LOWMEM));
	}
	/* PAGE_OFFSET: the split between the task's addresses and the kernel's. */
	{
		double y = y_of(&virt, l->page_offset);

		fprintf(f, "<line class=\"split\" data-va=\"0x%08" PRIx32 "\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
			" stroke=\"#b00\" stroke-width=\"2\" stroke-dasharray=\"6,3\"/>\n",
			l->page_offset, VIRT_X - 20, y, VIRT_X + COL_W, y);
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" fill=\"#b00\" text-anchor=\"end\">PAGE_OFFSET"
			"</text>\n", VIRT_X - 22, y + 3);
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" font-size=\"9\" fill=\"#b00\" text-anchor=\"end\">0x%08" PRIx32
			"</text>\n", VIRT_X - 22, y + 13, l->page_offset);
		/* TASK_SIZE = MODULES_VADDR: where a task's addresses end. */
		y = y_of(&virt, l->modules_vaddr);
		fprintf(f, "<line class=\"task-size\" data-va=\"0x%08" PRIx32 "\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
			" stroke=\"#555\" stroke-dasharray=\"2,3\"/>\n", l->modules_vaddr, VIRT_X - 20, y, VIRT_X, y);
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" font-size=\"9\" fill=\"#555\" text-anchor=\"end\">TASK_SIZE 0x%08"
			PRIx32 "</text>\n", VIRT_X - 22, y + 3, l->modules_vaddr);
	}
	/* The linear map: each lowmem bank's ends to their virtual images. */
	for (int i = 0; i < l->mi.nr_banks; i++) {
		const struct membank *b = &l->mi.bank[i];

		if (b->highmem)
			continue;
		for (int end = 0; end < 2; end++) {
			uint64_t pa = end ? bank_end(b) : b->start;
			uint64_t va = layout_va(l, b->start) + (end ? b->size : 0);

			fprintf(f, "<line class=\"linear\" data-pa=\"0x%08" PRIx64 "\" data-va=\"0x%08" PRIx64 "\""
				" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#2a7a2a\"/>\n",
				pa, va, PHYS_X + COL_W, y_of(&phys, pa), VIRT_X, y_of(&virt, va));
		}
	}
	fprintf(f, "</svg>\n");
	return 0;
}
