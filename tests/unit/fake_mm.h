/* The unit tests' fake physical memory, one fixture for every test that
 * builds page tables (test_pgtable, test_ptdump, test_vmalloc) and for the
 * vmalloc benchmark (tools/bench_vmalloc.c), in two forms: tables in a fake
 * RAM with every hook call logged (fake_pt), and frames from the page
 * allocator with tables from kmalloc (struct fake_kmem, at the end).
 *
 * Tables in a fake RAM (fake_ops, fake_pt): a 1 KB aligned array standing
 * for RAM at FAKE_PHYS_BASE, from which alloc_l2 hands out the second-level
 * tables (lowest free first; it can be told to fail) and to which free_l2
 * returns them (a freed table must be empty and no longer referenced; it is
 * poisoned, and table_ptr() refuses it).  The written/flush/free hooks log
 * every call, with the entries' values at the time of the call, so a test
 * can check the order of break-before-make.
 *
 * The break-before-make model (shadow_start()): what the table walker and
 * the TLB can see, the entries as last published by written() and the pages
 * whose translation was removed but not yet flushed.  It fails a test the
 * moment a valid entry is replaced by another without a break, a new entry
 * is published over a translation not yet flushed, a table is linked before
 * its entries are written out, or a table is freed before the flush of the
 * entry that pointed at it (ARM ARM B3.10.1).  shadow_check() after a call:
 * everything changed was written out and everything removed was flushed.
 */
#ifndef VMSPLIT_TEST_FAKE_MM_H
#define VMSPLIT_TEST_FAKE_MM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kmalloc.h"
#include "page_alloc.h"
#include "pgtable.h"

/* ============================ second-level tables in a fake RAM */

#define FAKE_PHYS_BASE	0x80000000u
#define FAKE_NR_L2	128			/* 1 KB tables */
#define FAKE_WORDS	(FAKE_NR_L2 * 256)
#define FAKE_POISON	0xdeadbeefu		/* a freed table's entries */
#define LOG_MAX		4096

enum ev_kind { EV_WRITTEN, EV_FLUSH, EV_FREE };

struct event {
	enum ev_kind kind;
	const uint32_t *entry;	/* written: the first entry */
	size_t count;		/* written: how many entries */
	uint32_t value;		/* written: *entry at the time of the call */
	uint32_t vals[16];	/* written: the first 16 entries at the time */
	uint32_t va, len;	/* flush */
	phys_addr_t pa;		/* free */
};

struct fake {
	bool live[FAKE_NR_L2];	/* tables handed out and not freed */
	unsigned nr_live;
	unsigned alloc_calls, free_calls;
	bool fail;		/* alloc_l2 says "no memory" */
	unsigned nr_events;	/* may pass LOG_MAX; only LOG_MAX are kept */
	unsigned nr_written, nr_flush;
	unsigned nr_super_made;	/* written() of 16 L1 entries holding a supersection */
	unsigned nr_super_gone;	/* written() of 16 L1 entries just cleared */
	struct event ev[LOG_MAX];
};

struct shadow {
	bool on;
	char context[200];		/* prefixed to a failure: which operation */
	uint32_t l1[4096];		/* entries as last published by written() */
	const uint32_t *l1_now;		/* the first-level table itself */
	const uint32_t *mem;		/* the memory the second-level tables come from */
	phys_addr_t mem_pa;		/* its physical address */
	size_t nr_tables;		/* 1 KB tables it holds */
	bool (*live)(unsigned t);	/* tables shadow_check() compares; NULL: the linked ones */
	uint32_t *ram;			/* mem as last published */
	int *owner;			/* per table: L1 index visibly pointing at it, or -1 */
	int *last_owner;
	uint8_t stale[1u << 20];	/* per page: removed, not yet flushed */
	unsigned nr_stale;
};

/* The exact hook calls from event 'mark' on.  A written() is matched by
 * entry, count and the first entry's value at the time. */
struct want_ev {
	enum ev_kind kind;
	const uint32_t *entry;
	size_t count;
	uint32_t value;
	uint32_t va, len;
	phys_addr_t pa;
};

#define WR(e, n, v)	{ .kind = EV_WRITTEN, .entry = (e), .count = (n), .value = (v) }
#define FL(a, l)	{ .kind = EV_FLUSH, .va = (a), .len = (l) }
#define FREE(p)		{ .kind = EV_FREE, .pa = (p) }

extern uint32_t fake_ram[FAKE_WORDS];	/* the tables' RAM, 1 KB aligned */
extern uint32_t fake_l1[4096];		/* the first-level table, 16 KB aligned */
extern struct fake fake;		/* the hooks' record; fake.fail: alloc_l2 fails */
extern struct shadow shadow;		/* the break-before-make model */
extern struct pgtable fake_pt;		/* fake_l1 with fake_ops */
extern const struct pgtable_ops fake_ops;	/* every hook, logged */
extern const struct pgtable_ops fake_ops_keep;	/* the same without free_l2 */

/* Everything empty, the model off, fake_pt on fake_ops. */
void fake_mm_reset(void);

phys_addr_t fake_alloc_table(void *ctx, size_t bytes);
void *fake_table_ptr(void *ctx, phys_addr_t pa);

/* Start checking from the tables as they are now (as if all published):
 * fake_l1 with the tables of fake_ram, or any first-level table with the
 * nr_tables 1 KB tables of mem (at physical mem_pa).  shadow_stop() frees
 * the model. */
void shadow_start(void);
void shadow_start_on(const uint32_t *l1, const uint32_t *mem, phys_addr_t mem_pa,
		     size_t nr_tables, bool (*live)(unsigned t));
void shadow_stop(void);
void shadow_check(void);
/* The hooks' half of the model, for a pgtable_ops of a test's own. */
void shadow_written(const uint32_t *entry, size_t count);
void shadow_flush(uint32_t va, uint32_t len);
void shadow_free(phys_addr_t pa);
/* Tables allocated = tables counted = tables the L1 points at. */
void assert_table_accounting(void);

/* Searching the log from event 'from' on: the next single-entry written()
 * of entry, the next written() of exactly [entry, entry + count), the next
 * flush covering [va, va + len); -1 if none. */
int next_written(unsigned from, const uint32_t *entry);
int next_written_range(unsigned from, const uint32_t *entry, size_t count);
int next_flush(unsigned from, uint32_t va, uint32_t len);
void assert_events(unsigned mark, const struct want_ev *want, unsigned n);
/* entry, translating [va, va + span), went to new_value through a break:
 * written as a fault, the span flushed, then written with new_value. */
void assert_bbm(unsigned mark, const uint32_t *entry, uint32_t va, uint32_t span,
		uint32_t new_value);

/* ============ frames from the page allocator, tables from kmalloc
 *
 * As the kernel has them (test_vmalloc, bench_vmalloc): nr_frames frames
 * from base_pfn, the first nr_low of them lowmem, backed by host memory
 * (ram, the "linear map": kmalloc and the page tables), the rest highmem,
 * frames with no address; the frames from base_pfn + first_free on are
 * given to the page allocator.  The second-level tables are kmalloc's
 * 1 KB objects; pt's hooks count the flushes and feed the break-before-
 * make model once shadow_start_kmem() turns it on.  A table that kfree
 * refuses is counted in bad_frees.
 */
struct fake_kmem {
	uint32_t base_pfn, nr_frames, nr_low, first_free;
	uint8_t *ram;			/* the lowmem frames */
	struct page *mem_map;
	struct page_allocator pa;
	struct kmalloc_state k;
	uint32_t *l1;
	struct pgtable pt;
	unsigned flushes;		/* flush() calls */
	unsigned bad_frees;		/* free_l2() of something kfree_to() refused */
};

int fake_kmem_init(struct fake_kmem *m, uint32_t base_pfn, uint32_t nr_frames,
		   uint32_t nr_low, uint32_t first_free);	/* -1: no host memory */
/* Empty tables, the frames free again, the counts zero. */
void fake_kmem_reset(struct fake_kmem *m);
void fake_kmem_release(struct fake_kmem *m);
void shadow_start_kmem(struct fake_kmem *m);
void *fake_kmem_frame_address(void *ctx, uint32_t pfn);
uint32_t fake_kmem_address_frame(void *ctx, const void *p);
phys_addr_t fake_kmem_pa(const struct fake_kmem *m, const void *p);

#endif
