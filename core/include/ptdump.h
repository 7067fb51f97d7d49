/*
 * Page-table dumps (core/mm/ptdump.c): a descriptor field by field, and a
 * range of the tables summarised as runs of equal attributes, as Linux's
 * arch/arm/mm/dump.c does.  Pure code over struct pgtable.
 */
#ifndef VMSPLIT_PTDUMP_H
#define VMSPLIT_PTDUMP_H

#include "pgtable.h"

/* One descriptor as an indented list, one field per line. */
void ptdump_fields(const struct desc_fields *f, const char *indent);

/* "PL1 RW PL0 --  NX  normal WBWA  S" */
void ptdump_attr_short(const struct desc_fields *f, char *buf, size_t n);

/* Names a virtual address's region for the headers (may be NULL), and
 * sets *until to where that name ends (exclusive): a run is cut there. */
/* v in exactly 'digits' hex digits (at most 16), as printk cannot do for
 * 64-bit values in the kernel. */
const char *ptdump_hex(char buf[17], uint64_t v, unsigned digits);

/* One descriptor of a walk in one line: "<prefix>L1[0x300] = 0x...: ..." */
void ptdump_desc_line(const struct pgtable *pt, const struct walk *w, int level, const char *prefix);

typedef const char *(*ptdump_label_fn)(uint32_t va, uint64_t *until, void *ctx);

/*
 * [start, end) of the tables (page aligned, end up to 2^32): one line per
 * run of entries with equal attributes, a header where the label changes.
 * detail: also a line for every first-level entry, and no run crosses a
 * megabyte.  Returns the number of run lines printed.
 */
int ptdump_range(const struct pgtable *pt, uint32_t start, uint64_t end, bool detail,
		 ptdump_label_fn label, void *ctx);

#endif
