/* The unit tests' fake physical memory for the long-descriptor format
 * (test_pgtable_long): as fake_mm.h is for the short one, with 64-bit
 * entries and three levels.
 *
 * Tables in a fake RAM (lfake_ops, lfake_pt): LFAKE_NR_TABLES 4 KB tables
 * at LFAKE_PHYS_BASE, above 4 GB so that every table address needs the
 * descriptors' 40 bits; alloc_table hands out the lowest free one (it can
 * be told to fail), free_table takes back an empty one that nothing
 * points at any more (and poisons it; table_ptr refuses it after).  The
 * hooks log every call with the entries' values at the time.
 *
 * The break-before-make model (lshadow_start()): the entries as last
 * published by written(), which tables are visibly linked and where, and
 * the 4 KB pages whose translation was removed but not yet flushed.  It
 * fails a test the moment a valid entry is replaced by another without a
 * break, a new entry is published over a translation not yet flushed, a
 * table (or any table under it) is linked before its entries are written
 * out, a table is linked twice, or a table is freed while linked or before
 * the flush of what it translated (ARM ARM B3.10.1).  lshadow_check()
 * after a call: everything changed was written out, everything removed
 * flushed.
 */
#ifndef VMSPLIT_TEST_FAKE_MM_LONG_H
#define VMSPLIT_TEST_FAKE_MM_LONG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pgtable.h"

#define LFAKE_PHYS_BASE		UINT64_C(0x1c0000000)	/* 7 GB */
#define LFAKE_NR_TABLES		64
#define LFAKE_POISON		UINT64_C(0xdeadbeefdeadbeef)
#define LFAKE_LOG_MAX		8192

enum lev_kind { LEV_WRITTEN, LEV_FLUSH, LEV_FREE };

struct lfake_event {
	enum lev_kind kind;
	const uint64_t *entry;	/* written: the first entry */
	size_t count;		/* written: how many entries */
	uint64_t value;		/* written: *entry at the time */
	uint32_t va, len;	/* flush */
	uint64_t pa;		/* free */
};

struct lfake {
	bool live[LFAKE_NR_TABLES];
	unsigned nr_live, alloc_calls, free_calls;
	bool fail;		/* alloc_table says "no memory" */
	unsigned fail_after;	/* if not 0: the allocations after this many fail */
	unsigned nr_events, nr_written, nr_flush;
	struct lfake_event ev[LFAKE_LOG_MAX];
};

extern uint64_t lfake_ram[LFAKE_NR_TABLES][512];
extern uint64_t lfake_pgd[4];
extern struct lfake lfake;
extern struct pgtable lfake_pt;			/* lfake_pgd, the long format, lfake_ops */
extern const struct pgtable_ops lfake_ops;
extern const struct pgtable_ops lfake_ops_keep;	/* without free_table */

/* Everything empty, the model off, lfake_pt on lfake_ops. */
void lfake_reset(void);
/* The physical address of a fake table, and the table at one. */
uint64_t lfake_pa(const uint64_t *table);
uint64_t *lfake_table(uint64_t pa);

void lshadow_start(void);	/* from the tables as they are now */
void lshadow_stop(void);
void lshadow_check(void);
/* Tables allocated = tables counted = tables linked from the pgd down. */
void lfake_assert_accounting(void);

/* The log from event 'from' on: the next written() of exactly
 * [entry, entry + count), the next flush covering [va, va + len); -1 if
 * none. */
int lfake_next_written(unsigned from, const uint64_t *entry, size_t count);
int lfake_next_flush(unsigned from, uint32_t va, uint32_t len);
/* entry, translating [va, va + span), went to new_value through a break:
 * written as invalid, the span flushed, then written with new_value. */
void lfake_assert_bbm(unsigned mark, const uint64_t *entry, uint32_t va, uint32_t span,
		      uint64_t new_value);

#endif
