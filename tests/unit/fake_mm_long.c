/* The unit tests' fake physical memory for the long-descriptor format,
 * with its break-before-make model (tests/unit/fake_mm_long.h says what
 * it models and why). */
#include <setjmp.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "fake_mm_long.h"
#include "pgtable_long.h"

alignas(4096) uint64_t lfake_ram[LFAKE_NR_TABLES][512];
alignas(32) uint64_t lfake_pgd[4];
struct lfake lfake;
struct pgtable lfake_pt;

#define TABLE_BYTES	4096u
#define ADDR_MASK	UINT64_C(0x000000fffffff000)	/* bits [39:12] */

#define AF_BIT		(UINT64_C(1) << 10)	/* B3.6.2: the Access Flag of a block or page */

static bool is_valid(uint64_t d)
{
	return d & 1;
}

/* A table descriptor: 0b11 at levels 1 and 2. */
static bool is_table(int level, uint64_t d)
{
	return level < 3 && (d & 3) == 3;
}

uint64_t lfake_pa(const uint64_t *table)
{
	size_t t = (size_t)(table - &lfake_ram[0][0]) / 512;

	assert_true(t < LFAKE_NR_TABLES);
	return LFAKE_PHYS_BASE + (uint64_t)t * TABLE_BYTES;
}

/* Index of the fake table at pa; it must be one handed out and not freed. */
static unsigned table_index(uint64_t pa)
{
	unsigned t;

	if (pa < LFAKE_PHYS_BASE || pa >= LFAKE_PHYS_BASE + sizeof(lfake_ram))
		fail_msg("table at 0x%llx: not in the fake RAM", (unsigned long long)pa);
	if (pa & (TABLE_BYTES - 1))
		fail_msg("table at 0x%llx: not 4 KB aligned", (unsigned long long)pa);
	t = (unsigned)((pa - LFAKE_PHYS_BASE) / TABLE_BYTES);
	if (!lfake.live[t])
		fail_msg("table at 0x%llx: used after free_table (or never allocated)",
			 (unsigned long long)pa);
	return t;
}

uint64_t *lfake_table(uint64_t pa)
{
	return lfake_ram[table_index(pa)];
}

static void log_event(struct lfake_event e)
{
	if (lfake.nr_events < LFAKE_LOG_MAX)
		lfake.ev[lfake.nr_events] = e;
	lfake.nr_events++;
}

static phys_addr_t lfake_alloc_table(void *ctx, size_t bytes)
{
	assert_ptr_equal(ctx, &lfake);
	assert_int_equal(bytes, TABLE_BYTES);
	lfake.alloc_calls++;
	if (lfake.fail || (lfake.fail_after && lfake.alloc_calls > lfake.fail_after))
		return 0;
	for (unsigned t = 0; t < LFAKE_NR_TABLES; t++)
		if (!lfake.live[t]) {
			lfake.live[t] = true;
			lfake.nr_live++;
			memset(lfake_ram[t], 0, TABLE_BYTES);
			return LFAKE_PHYS_BASE + (uint64_t)t * TABLE_BYTES;
		}
	return 0;
}

static void *lfake_table_ptr(void *ctx, phys_addr_t pa)
{
	assert_ptr_equal(ctx, &lfake);
	return lfake_ram[table_index(pa)];
}

static bool inside(const uint64_t *p, size_t n, const uint64_t *base, size_t entries)
{
	uintptr_t a = (uintptr_t)p, b = (uintptr_t)base;

	return a >= b && a + n * 8 <= b + entries * 8;
}

static void shadow_written(const uint64_t *entry, size_t count);
static void shadow_flush(uint32_t va, uint32_t len);
static void shadow_free(unsigned t);

static void lfake_written(void *ctx, const void *first, size_t bytes)
{
	const uint64_t *entry = first;
	size_t count = bytes / 8;

	assert_ptr_equal(ctx, &lfake);
	assert_true(count > 0 && bytes % 8 == 0);
	if (!inside(entry, count, lfake_pgd, 4) && !inside(entry, count, &lfake_ram[0][0],
							    LFAKE_NR_TABLES * 512))
		fail_msg("written(%p, %zu): not a table entry", first, bytes);
	lfake.nr_written++;
	log_event((struct lfake_event){ .kind = LEV_WRITTEN, .entry = entry, .count = count,
					.value = *entry });
	shadow_written(entry, count);
}

static void lfake_flush(void *ctx, uint32_t va, uint32_t len)
{
	assert_ptr_equal(ctx, &lfake);
	lfake.nr_flush++;
	log_event((struct lfake_event){ .kind = LEV_FLUSH, .va = va, .len = len });
	shadow_flush(va, len);
}

/* Does any entry (of the pgd, or of a live table, at the levels that
 * have table descriptors) point at the table at pa? */
static const char *pointed_at(uint64_t pa)
{
	for (unsigned i = 0; i < 4; i++)
		if (is_table(1, lfake_pgd[i]) && (lfake_pgd[i] & ADDR_MASK) == pa)
			return "a first-level entry";
	for (unsigned t = 0; t < LFAKE_NR_TABLES; t++)
		for (unsigned j = 0; lfake.live[t] && j < 512; j++)
			if ((lfake_ram[t][j] & 3) == 3 && (lfake_ram[t][j] & ADDR_MASK) == pa) {
				/* a page at level 3 looks the same: only a table
				 * the pgd links is a second-level one */
				for (unsigned i = 0; i < 4; i++)
					if (is_table(1, lfake_pgd[i]) &&
					    (lfake_pgd[i] & ADDR_MASK) == lfake_pa(lfake_ram[t]))
						return "a second-level entry";
			}
	return NULL;
}

static void lfake_free_table(void *ctx, phys_addr_t pa, size_t bytes)
{
	unsigned t = table_index(pa);
	const char *who;

	assert_ptr_equal(ctx, &lfake);
	assert_int_equal(bytes, TABLE_BYTES);
	lfake.free_calls++;
	log_event((struct lfake_event){ .kind = LEV_FREE, .pa = pa });
	for (unsigned i = 0; i < 512; i++)
		if (lfake_ram[t][i])
			fail_msg("free_table(0x%llx): entry %u is 0x%016llx, not empty",
				 (unsigned long long)pa, i, (unsigned long long)lfake_ram[t][i]);
	if ((who = pointed_at(pa)))
		fail_msg("free_table(0x%llx): %s still points at it", (unsigned long long)pa, who);
	shadow_free(t);
	lfake.live[t] = false;
	lfake.nr_live--;
	for (unsigned i = 0; i < 512; i++)
		lfake_ram[t][i] = LFAKE_POISON;
}

const struct pgtable_ops lfake_ops = {
	.alloc_table = lfake_alloc_table,
	.table_ptr = lfake_table_ptr,
	.written = lfake_written,
	.flush = lfake_flush,
	.free_table = lfake_free_table,
};

const struct pgtable_ops lfake_ops_keep = {
	.alloc_table = lfake_alloc_table,
	.table_ptr = lfake_table_ptr,
	.written = lfake_written,
	.flush = lfake_flush,
};

/* ------------------------------ the walker's and the TLB's view (shadow) */

#define NO_OWNER	(-2)
#define PGD_OWNER	(-1)

static struct {
	bool on;
	uint64_t pgd[4];				/* as last published */
	uint64_t ram[LFAKE_NR_TABLES][512];
	struct { int parent, index; } owner[LFAKE_NR_TABLES];	/* who links it, as published */
	struct { bool set; uint32_t va, span; } last[LFAKE_NR_TABLES];	/* what it translated */
	uint8_t stale[1u << 20];			/* per 4 KB page: removed, not flushed */
	unsigned nr_stale;
} sh;

static void sh_fail(const char *what, uint32_t va, uint64_t old, uint64_t new)
{
	fail_msg("break-before-make (B3.10.1): %s, VA 0x%08x (0x%016llx -> 0x%016llx)", what, va,
		 (unsigned long long)old, (unsigned long long)new);
}

static void mark_stale(uint32_t va, uint64_t span)
{
	for (uint64_t p = va >> 12; p < ((uint64_t)va + span) >> 12; p++)
		if (!sh.stale[p]) {
			sh.stale[p] = 1;
			sh.nr_stale++;
		}
}

static bool any_stale(uint32_t va, uint64_t span)
{
	for (uint64_t p = va >> 12; p < ((uint64_t)va + span) >> 12; p++)
		if (sh.stale[p])
			return true;
	return false;
}

static unsigned sh_table(uint64_t pa)
{
	if (pa < LFAKE_PHYS_BASE || pa >= LFAKE_PHYS_BASE + sizeof(lfake_ram) || (pa & (TABLE_BYTES - 1)))
		fail_msg("a table descriptor points at 0x%llx: not a fake table", (unsigned long long)pa);
	return (unsigned)((pa - LFAKE_PHYS_BASE) / TABLE_BYTES);
}

/* A table's level (2 or 3), its first VA, and whether a walk can reach
 * it; from who links it. */
static int level_of(unsigned t)
{
	return sh.owner[t].parent == PGD_OWNER ? 2 : 3;
}

static bool visible(unsigned t)
{
	if (sh.owner[t].parent == NO_OWNER)
		return false;
	return sh.owner[t].parent == PGD_OWNER || visible((unsigned)sh.owner[t].parent);
}

static uint32_t base_va(unsigned t)
{
	if (sh.owner[t].parent == PGD_OWNER)
		return (uint32_t)sh.owner[t].index << 30;
	return base_va((unsigned)sh.owner[t].parent) + ((uint32_t)sh.owner[t].index << 21);
}

/* Linked: its entries, and those of every table it links, written out. */
static void link(unsigned t, int parent, int index, uint32_t va)
{
	if (sh.owner[t].parent != NO_OWNER)
		fail_msg("the table at 0x%llx is linked twice", (unsigned long long)(LFAKE_PHYS_BASE + t * TABLE_BYTES));
	if (memcmp(sh.ram[t], lfake_ram[t], TABLE_BYTES))
		sh_fail("a table linked before its entries were written out", va, 0,
			LFAKE_PHYS_BASE + t * TABLE_BYTES);
	sh.owner[t].parent = parent;
	sh.owner[t].index = index;
	if (level_of(t) == 2)
		for (int j = 0; j < 512; j++)
			if (is_table(2, sh.ram[t][j]))
				link(sh_table(sh.ram[t][j] & ADDR_MASK), (int)t, j, va + ((uint32_t)j << 21));
}

static void unlink_table(uint64_t d, bool vis, uint32_t va, uint32_t span)
{
	unsigned t = sh_table(d & ADDR_MASK);

	sh.owner[t].parent = NO_OWNER;
	if (vis) {
		sh.last[t].set = true;
		sh.last[t].va = va;
		sh.last[t].span = span;
	}
}

/* One entry published: at 'level', translating [va, va+span), reachable
 * by a walk or not; linked from (parent, index). */
static void publish(uint64_t *pub, uint64_t now, int level, bool vis, uint32_t va, uint32_t span,
		    int parent, int index, bool known)
{
	uint64_t old = *pub;

	if (old == now)
		return;
	if (vis) {
		/* The one change allowed in place: a leaf's Access Flag 0 -> 1.
		 * The old entry faulted, so no TLB holds it (B3.7.3). */
		if (is_valid(old) && !is_table(level, old) && !(old & AF_BIT) && now == (old | AF_BIT)) {
			*pub = now;
			return;
		}
		if (is_valid(old) && is_valid(now))
			sh_fail("a valid entry replaced without a break", va, old, now);
		if (is_valid(old))
			mark_stale(va, span);
		else if (is_valid(now) && any_stale(va, span))
			sh_fail("an entry published before the TLB flush of the old one", va, old, now);
	}
	*pub = now;
	if (!known)
		return;		/* a table nothing links: its links count once it is linked */
	if (is_table(level, old))
		unlink_table(old, vis, va, span);
	if (is_table(level, now))
		link(sh_table(now & ADDR_MASK), parent, index, va);
}

static void shadow_written(const uint64_t *entry, size_t count)
{
	if (!sh.on)
		return;
	for (size_t k = 0; k < count; k++) {
		const uint64_t *e = entry + k;

		if (inside(e, 1, lfake_pgd, 4)) {
			int i = (int)(e - lfake_pgd);

			publish(&sh.pgd[i], *e, 1, true, (uint32_t)i << 30, 1u << 30, PGD_OWNER, i, true);
		} else {
			size_t w = (size_t)(e - &lfake_ram[0][0]);
			unsigned t = (unsigned)(w / 512), j = (unsigned)(w % 512);
			bool known = sh.owner[t].parent != NO_OWNER;
			int level = known ? level_of(t) : 3;
			uint32_t span = level == 2 ? 1u << 21 : 1u << 12;

			publish(&sh.ram[t][j], *e, level, known && visible(t),
				known ? base_va(t) + j * span : 0, span, (int)t, (int)j, known);
		}
	}
}

static void shadow_flush(uint32_t va, uint32_t len)
{
	if (!sh.on)
		return;
	if ((va | len) & 0xfff || len == 0 || (uint64_t)va + len > (UINT64_C(1) << 32))
		fail_msg("flush(0x%08x, 0x%x): not a page-aligned range inside 4 GB", va, len);
	for (uint64_t p = va >> 12; p < ((uint64_t)va + len) >> 12; p++)
		if (sh.stale[p]) {
			sh.stale[p] = 0;
			sh.nr_stale--;
		}
}

static void shadow_free(unsigned t)
{
	if (!sh.on)
		return;
	if (sh.owner[t].parent != NO_OWNER)
		fail_msg("free_table: the table is still visibly linked");
	if (memcmp(sh.ram[t], lfake_ram[t], TABLE_BYTES))
		fail_msg("free_table: the table's cleared entries were not written out");
	if (sh.last[t].set && any_stale(sh.last[t].va, sh.last[t].span))
		fail_msg("free_table before the TLB flush of 0x%08x (+0x%x), which used the table",
			 sh.last[t].va, sh.last[t].span);
	sh.last[t].set = false;
}

void lshadow_start(void)
{
	memset(&sh, 0, sizeof(sh));
	sh.on = true;
	memcpy(sh.pgd, lfake_pgd, sizeof(sh.pgd));
	memcpy(sh.ram, lfake_ram, sizeof(sh.ram));
	for (unsigned t = 0; t < LFAKE_NR_TABLES; t++)
		sh.owner[t].parent = NO_OWNER;
	for (int i = 0; i < 4; i++)
		if (is_table(1, sh.pgd[i]))
			link(sh_table(sh.pgd[i] & ADDR_MASK), PGD_OWNER, i, (uint32_t)i << 30);
}

void lshadow_stop(void)
{
	sh.on = false;
}

void lshadow_check(void)
{
	assert_true(sh.on);
	for (unsigned i = 0; i < 4; i++)
		if (sh.pgd[i] != lfake_pgd[i])
			fail_msg("pgd[%u] is 0x%016llx, but 0x%016llx was written out", i,
				 (unsigned long long)lfake_pgd[i], (unsigned long long)sh.pgd[i]);
	for (unsigned t = 0; t < LFAKE_NR_TABLES; t++)
		for (unsigned j = 0; lfake.live[t] && j < 512; j++)
			if (sh.ram[t][j] != lfake_ram[t][j])
				fail_msg("table %u entry %u is 0x%016llx, but 0x%016llx was written out",
					 t, j, (unsigned long long)lfake_ram[t][j],
					 (unsigned long long)sh.ram[t][j]);
	if (sh.nr_stale) {
		uint32_t p = 0;

		while (!sh.stale[p])
			p++;
		fail_msg("%u removed translations never flushed, the first VA 0x%08x", sh.nr_stale,
			 p << 12);
	}
}

void lfake_reset(void)
{
	lshadow_stop();
	memset(&lfake, 0, sizeof(lfake));
	memset(lfake_ram, 0, sizeof(lfake_ram));
	memset(lfake_pgd, 0, sizeof(lfake_pgd));
	lfake_pt = (struct pgtable){ .fmt = &long_desc_format, .pgd = lfake_pgd, .ops = &lfake_ops,
				     .ctx = &lfake };
}

/* Tables allocated = tables counted = tables linked from the pgd down
 * (second-level tables from the pgd, third-level ones from those). */
void lfake_assert_accounting(void)
{
	unsigned linked = 0;

	for (unsigned i = 0; i < 4; i++) {
		uint64_t *pmd;

		if (!is_table(1, lfake_pgd[i]))
			continue;
		linked++;
		pmd = lfake_table(lfake_pgd[i] & ADDR_MASK);
		for (unsigned j = 0; j < 512; j++)
			if (is_table(2, pmd[j])) {
				(void)lfake_table(pmd[j] & ADDR_MASK);	/* live */
				linked++;
			}
	}
	if (linked != lfake_pt.nr_tables || lfake_pt.nr_tables != lfake.nr_live)
		fail_msg("%u tables linked, nr_tables %u, %u tables live", linked, lfake_pt.nr_tables,
			 lfake.nr_live);
}

int lfake_next_written(unsigned from, const uint64_t *entry, size_t count)
{
	assert_true(lfake.nr_events <= LFAKE_LOG_MAX);
	for (unsigned i = from; i < lfake.nr_events; i++)
		if (lfake.ev[i].kind == LEV_WRITTEN && lfake.ev[i].entry == entry &&
		    lfake.ev[i].count == count)
			return (int)i;
	return -1;
}

int lfake_next_flush(unsigned from, uint32_t va, uint32_t len)
{
	assert_true(lfake.nr_events <= LFAKE_LOG_MAX);
	for (unsigned i = from; i < lfake.nr_events; i++) {
		const struct lfake_event *e = &lfake.ev[i];

		if (e->kind == LEV_FLUSH && e->va <= va && (uint64_t)va + len <= (uint64_t)e->va + e->len)
			return (int)i;
	}
	return -1;
}

void lfake_assert_bbm(unsigned mark, const uint64_t *entry, uint32_t va, uint32_t span,
		      uint64_t new_value)
{
	int brk = lfake_next_written(mark, entry, 1), fl, make;

	if (brk < 0)
		fail_msg("entry for VA 0x%08x never written", va);
	if (is_valid(lfake.ev[brk].value))
		fail_msg("entry for VA 0x%08x: first written as 0x%016llx, not invalid", va,
			 (unsigned long long)lfake.ev[brk].value);
	fl = lfake_next_flush((unsigned)brk + 1, va, span);
	if (fl < 0)
		fail_msg("entry for VA 0x%08x: no flush of 0x%x after the break", va, span);
	make = lfake_next_written((unsigned)fl + 1, entry, 1);
	if (make < 0 || lfake.ev[make].value != new_value)
		fail_msg("entry for VA 0x%08x: not written with 0x%016llx after the flush", va,
			 (unsigned long long)new_value);
}
