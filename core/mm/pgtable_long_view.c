/*
 * The long-descriptor format as the tools see it: ptdump's field-by-field
 * view and run summary, and whether PL1 may fetch from a leaf.  The
 * format itself (mapping routine, walker, one-line describe) is
 * core/mm/pgtable_long.c; these are its struct pgtable_format's
 * remaining entries.
 */
#include <inttypes.h>
#include <stdio.h>

#include "banks.h"
#include "pgtable_long.h"
#include "printk.h"
#include "sizes.h"

/* What the tables above a leaf pass down (ARM ARM B3.6.1): PXNTable and
 * XNTable forbid execution below them; APTable can only take access
 * away.  OR-ed over every table the walk went through. */
static void inherited(const struct walk *w, struct long_desc_fields *t)
{
	struct long_desc_fields f;

	*t = (struct long_desc_fields){ 0 };
	for (int level = 1; level < w->level; level++) {
		long_decode(level, w->desc[level - 1], &f);
		t->pxntable |= f.pxntable;
		t->xntable |= f.xntable;
		t->aptable |= f.aptable;
		t->nstable |= f.nstable;
	}
}

bool long_pl1_exec_never(const struct walk *w, uint32_t dacr)
{
	struct long_desc_fields leaf, t;

	(void)dacr;		/* no domains in this format */
	long_decode(w->level, w->desc[w->level - 1], &leaf);
	inherited(w, &t);
	return leaf.xn || leaf.pxn || t.xntable || t.pxntable;
}

static const char *size_name(uint32_t size)
{
	return size == SZ_1G ? "1 GB block" : size == 2 * SZ_1M ? "2 MB block" : "page (4 KB)";
}

void long_print_fields(const struct walk *w, int level, const char *ind)
{
	struct long_desc_fields f;
	uint64_t d = w->desc[level - 1];
	char a[17];
	unsigned attr;

	long_decode(level, d, &f);
	if (f.table) {
		printk("%stype     table (level %d, 512 entries)\n", ind, level + 1);
		printk("%stable    PA 0x%s\n", ind, phys_hex(a, f.pa));
		printk("%sPXNTable %u%s\n", ind, f.pxntable, f.pxntable ? ": no PL1 execution below" : "");
		printk("%sXNTable  %u%s\n", ind, f.xntable, f.xntable ? ": no execution below" : "");
		printk("%sAPTable  %u%s\n", ind, f.aptable, f.aptable ? ": access limited below" : "");
		printk("%sNSTable  %u\n", ind, f.nstable);
		return;
	}
	if (f.kind == WALK_FAULT) {
		printk("%stype     %s\n", ind, level == 3 && (d & 1) ? "reserved (0b01 at level 3): faults"
							      : "fault: no translation (an access aborts)");
		return;
	}
	attr = long_desc_mair_attr(LINUX_MAIR0, LINUX_MAIR1, f.attrindx);
	printk("%stype     %s\n", ind, size_name(f.size));
	printk("%sPA       0x%s\n", ind, phys_hex(a, f.pa));
	printk("%sAttrIndx %u: MAIR attribute 0x%02x, %s (Linux's L_PTE_MT_%s)\n", ind, f.attrindx, attr,
	       long_desc_attr_name(attr), long_desc_linux_mt_name(f.attrindx));
	printk("%sAP[2:1]  %u%u: %s\n", ind, f.ap >> 1, f.ap & 1, long_desc_ap_name(f.ap));
	printk("%sSH       %u: %s\n", ind, f.sh, long_desc_sh_name(f.sh));
	printk("%sAF       %u: %s\n", ind, f.af, f.af ? "accessed (the access flag is set)"
						 : "not accessed: the first access takes an access flag fault");
	printk("%snG       %u: %s\n", ind, f.ng, f.ng ? "not global (tagged with the ASID)" : "global (every ASID)");
	printk("%sXN       %u: %s\n", ind, f.xn, f.xn ? "execute-never" : "executable");
	printk("%sPXN      %u%s\n", ind, f.pxn, f.pxn ? ": never executable at PL1" : "");
	if (f.dirty || f.rdonly || f.none || f.special)
		printk("%ssoftware%s%s%s%s (Linux's bits 55-58)\n", ind, f.dirty ? " dirty" : "",
		       f.rdonly ? " rdonly" : "", f.none ? " none" : "", f.special ? " special" : "");
}

void long_leaf_summary(const struct walk *w, char *buf, size_t n)
{
	struct long_desc_fields f, t;
	unsigned attr;

	long_decode(w->level, w->desc[w->level - 1], &f);
	inherited(w, &t);
	attr = long_desc_mair_attr(LINUX_MAIR0, LINUX_MAIR1, f.attrindx);
	snprintf(buf, n, "PL1 %s PL0 %s  %s  %s%s%s%s", long_desc_ap_pl1(f.ap), long_desc_ap_pl0(f.ap),
		 f.xn || t.xntable ? "NX" : (f.pxn || t.pxntable ? "PXN" : "x "), long_desc_attr_short(attr),
		 f.sh ? "  S" : "", f.ng ? "  nG" : "", f.af ? "" : "  !AF");
}

/* Everything but the output address (and the type bits, which the kind
 * says), with what the tables pass down. */
uint64_t long_leaf_key(const struct walk *w)
{
	uint64_t d = w->desc[w->level - 1];
	uint64_t addr = w->kind == WALK_PAGE ? LD_MASK(PAGE, ADDR) :
			w->size == SZ_1G ? LD_MASK(BLOCK1, ADDR) : LD_MASK(BLOCK2, ADDR);
	struct long_desc_fields t;

	inherited(w, &t);
	return ((d & ~addr & ~LD_MASK(PAGE, TYPE)) ^ ((uint64_t)w->kind << 12)) |
	       (uint64_t)t.pxntable << 1 | (uint64_t)t.xntable << 13 | (uint64_t)t.aptable << 14;
}
