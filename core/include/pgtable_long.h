/*
 * The long-descriptor format's page tables (core/mm/pgtable_long.c),
 * reached like the short one's through struct pgtable_format
 * (long_desc_format, pgtable.h).  Three levels: 4 first-level entries of
 * 1 GB, second-level tables of 512 x 2 MB, third-level tables of
 * 512 x 4 KB; every table 4 KB, entries 64 bits.
 */
#ifndef VMSPLIT_PGTABLE_LONG_H
#define VMSPLIT_PGTABLE_LONG_H

#include "arm/long_desc.h"
#include "pgtable.h"

#define LONG_PGD_ENTRIES	4
#define LONG_PGD_BYTES		32		/* 4 x 8 B, 32-byte aligned (T0SZ = 0) */
#define LONG_TABLE_ENTRIES	512
#define LONG_TABLE_BYTES	4096
#define LONG_L1_SHIFT		30		/* 1 GB per first-level entry */
#define LONG_L2_SHIFT		21		/* 2 MB per second-level entry */
#define LONG_BLOCK_SIZE		(1u << LONG_L2_SHIFT)
#define LONG_PA_LIMIT		(UINT64_C(1) << 40)	/* 40-bit output addresses */

/* Every field of one long descriptor, decoded from arm/long_desc.h's table. */
struct long_desc_fields {
	enum walk_kind kind;	/* WALK_BLOCK, WALK_PAGE; WALK_FAULT for a fault or a table */
	bool table;		/* a table descriptor (levels 1 and 2) */
	uint32_t size;		/* bytes mapped: 1 GB, 2 MB, 4 KB (0: fault or table) */
	uint64_t pa;		/* output address, or the next table's */
	unsigned attrindx, ns, ap, sh, af, ng, contig, pxn, xn;
	unsigned dirty, special, none, rdonly;		/* Linux's software bits */
	unsigned pxntable, xntable, aptable, nstable;	/* a table's limits */
	unsigned keep;		/* a table made by alloc_page_tables: never merged away */
};

void long_decode(int level, uint64_t d, struct long_desc_fields *f);

/* The same in one line, as v2p and the gdb walker print it: the memory
 * kind read through Linux's MAIR0/MAIR1. */
void long_describe(int level, uint64_t d, char *buf, size_t n);

/* The tools' view (core/mm/pgtable_long_view.c): struct pgtable_format's
 * pl1_exec_never, print_fields, leaf_summary and leaf_key. */
bool long_pl1_exec_never(const struct walk *w, uint32_t dacr);
void long_print_fields(const struct walk *w, int level, const char *indent);
void long_leaf_summary(const struct walk *w, char *buf, size_t n);
uint64_t long_leaf_key(const struct walk *w);

#endif
