/* The unit tests' fake physical memory, shared by the page-table, ptdump
 * and vmalloc tests and the vmalloc benchmark (tests/unit/fake_mm.h).
 * What it models and why: see the header.
 */
#include <setjmp.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fake_mm.h"
#include "sizes.h"

#define SUPER_BIT	(1u << 18)	/* a section descriptor with bit 18: supersection */

/* ============================ second-level tables in a fake RAM */

alignas(0x400) uint32_t fake_ram[FAKE_WORDS];
alignas(0x4000) uint32_t fake_l1[4096];

struct fake fake;

struct pgtable fake_pt;


/* Index of the fake table at pa; it must be one handed out and not freed. */
static unsigned table_index(phys_addr_t pa)
{
	unsigned t;

	if (pa < FAKE_PHYS_BASE || pa >= FAKE_PHYS_BASE + sizeof(fake_ram))
		fail_msg("table at 0x%llx: not in the fake RAM", (unsigned long long)pa);
	if (pa & 0x3ff)
		fail_msg("table at 0x%llx: not 1 KB aligned", (unsigned long long)pa);
	t = (unsigned)((pa - FAKE_PHYS_BASE) / 0x400);
	if (!fake.live[t])
		fail_msg("table at 0x%llx: used after free_l2 (or never allocated)",
			 (unsigned long long)pa);
	return t;
}

phys_addr_t fake_alloc_table(void *ctx, size_t bytes)
{
	struct fake *f = ctx;

	assert_ptr_equal(ctx, &fake);
	assert_int_equal(bytes, 0x400);	/* the short format's second level */
	f->alloc_calls++;
	if (f->fail)
		return 0;
	for (unsigned t = 0; t < FAKE_NR_L2; t++)
		if (!f->live[t]) {
			f->live[t] = true;
			f->nr_live++;
			memset(&fake_ram[t * 256], 0, 0x400);	/* "a zeroed table" */
			return FAKE_PHYS_BASE + (phys_addr_t)t * 0x400;
		}
	return 0;
}

void *fake_table_ptr(void *ctx, phys_addr_t pa)
{
	(void)ctx;
	return &fake_ram[table_index(pa) * 256];
}

static bool inside(const uint32_t *p, size_t n, const uint32_t *base, size_t words)
{
	uintptr_t a = (uintptr_t)p, b = (uintptr_t)base;

	return a >= b && a + n * 4 <= b + words * 4;
}

static void log_event(struct event e)
{
	if (fake.nr_events < LOG_MAX)
		fake.ev[fake.nr_events] = e;
	fake.nr_events++;
}

static void fake_written(void *ctx, const void *first, size_t bytes)
{
	const uint32_t *entry = first;
	size_t count = bytes / sizeof(uint32_t);
	struct event e = { .kind = EV_WRITTEN, .entry = entry, .count = count };

	assert_ptr_equal(ctx, &fake);
	assert_true(count > 0);
	if (!inside(entry, count, fake_l1, 4096) && !inside(entry, count, fake_ram, FAKE_WORDS))
		fail_msg("written(%p, %zu): not a table entry", (const void *)entry, count);
	e.value = *entry;
	for (size_t i = 0; i < count && i < 16; i++)
		e.vals[i] = entry[i];
	fake.nr_written++;
	if (count == 16 && inside(entry, 16, fake_l1, 4096)) {
		if ((entry[0] & 2) && (entry[0] & SUPER_BIT))
			fake.nr_super_made++;
		else if (entry[0] == 0)
			fake.nr_super_gone++;
	}
	log_event(e);
	shadow_written(entry, count);
}

static void fake_flush(void *ctx, uint32_t va, uint32_t len)
{
	assert_ptr_equal(ctx, &fake);
	fake.nr_flush++;
	log_event((struct event){ .kind = EV_FLUSH, .va = va, .len = len });
	shadow_flush(va, len);
}

/* Only an emptied table comes back, after nothing points at it any more. */
static void fake_free_table(void *ctx, phys_addr_t pa, size_t bytes)
{
	unsigned t = table_index(pa);

	assert_ptr_equal(ctx, &fake);
	assert_int_equal(bytes, 0x400);
	fake.free_calls++;
	log_event((struct event){ .kind = EV_FREE, .pa = pa });
	for (unsigned i = 0; i < 256; i++)
		if (fake_ram[t * 256 + i])
			fail_msg("free_l2(0x%llx): entry %u is 0x%08x, not empty",
				 (unsigned long long)pa, i, fake_ram[t * 256 + i]);
	for (unsigned i = 0; i < 4096; i++)
		if ((fake_l1[i] & 3) == 1 && (fake_l1[i] & 0xfffffc00u) == pa)
			fail_msg("free_l2(0x%llx): L1 entry %u (VA 0x%08x) still points at it",
				 (unsigned long long)pa, i, i << 20);
	shadow_free(pa);
	fake.live[t] = false;
	fake.nr_live--;
	for (unsigned i = 0; i < 256; i++)
		fake_ram[t * 256 + i] = FAKE_POISON;
}

const struct pgtable_ops fake_ops = {
	.alloc_table = fake_alloc_table,
	.table_ptr = fake_table_ptr,
	.written = fake_written,
	.flush = fake_flush,
	.free_table = fake_free_table,
};

/* The same without free_l2: emptied tables stay. */
const struct pgtable_ops fake_ops_keep = {
	.alloc_table = fake_alloc_table,
	.table_ptr = fake_table_ptr,
	.written = fake_written,
	.flush = fake_flush,
};

/* ------------------------------ the walker's and the TLB's view (shadow) */

struct shadow shadow;

static void shadow_fail(const char *what, uint32_t va, uint32_t old, uint32_t new)
{
	fail_msg("%sbreak-before-make (B3.10.1): %s, VA 0x%08x (0x%08x -> 0x%08x)",
		 shadow.context, what, va, old, new);
}

static void mark_stale(uint32_t va, uint32_t len)
{
	for (uint32_t p = va >> 12; p < (uint32_t)(((uint64_t)va + len) >> 12); p++)
		if (!shadow.stale[p]) {
			shadow.stale[p] = 1;
			shadow.nr_stale++;
		}
}

static bool any_stale(uint32_t va, uint32_t len)
{
	for (uint32_t p = va >> 12; p < (uint32_t)(((uint64_t)va + len) >> 12); p++)
		if (shadow.stale[p])
			return true;
	return false;
}

/* Which of the model's tables is at pa: it must be one of its memory. */
static unsigned shadow_table(phys_addr_t pa)
{
	if (pa < shadow.mem_pa || pa - shadow.mem_pa >= (phys_addr_t)shadow.nr_tables * 0x400 ||
	    (pa & 0x3ff))
		fail_msg("%stable at 0x%llx: not a 1 KB table of the memory the model watches",
			 shadow.context, (unsigned long long)pa);
	return (unsigned)((pa - shadow.mem_pa) / 0x400);
}

void shadow_start_on(const uint32_t *l1, const uint32_t *mem, phys_addr_t mem_pa,
		     size_t nr_tables, bool (*live)(unsigned t))
{
	shadow_stop();
	shadow.on = true;
	shadow.context[0] = '\0';
	shadow.l1_now = l1;
	shadow.mem = mem;
	shadow.mem_pa = mem_pa;
	shadow.nr_tables = nr_tables;
	shadow.live = live;
	shadow.ram = malloc(nr_tables * 0x400);
	shadow.owner = malloc(nr_tables * sizeof(int));
	shadow.last_owner = malloc(nr_tables * sizeof(int));
	assert_non_null(shadow.ram);
	assert_non_null(shadow.owner);
	assert_non_null(shadow.last_owner);
	memcpy(shadow.l1, l1, sizeof(shadow.l1));
	memcpy(shadow.ram, mem, nr_tables * 0x400);
	memset(shadow.stale, 0, sizeof(shadow.stale));
	shadow.nr_stale = 0;
	for (size_t t = 0; t < nr_tables; t++)
		shadow.owner[t] = shadow.last_owner[t] = -1;
	for (unsigned i = 0; i < 4096; i++)
		if ((l1[i] & 3) == 1)
			shadow.owner[shadow_table(l1[i] & 0xfffffc00u)] = (int)i;
}

static bool fake_live(unsigned t)
{
	return fake.live[t];
}

void shadow_start(void)
{
	shadow_start_on(fake_l1, fake_ram, FAKE_PHYS_BASE, FAKE_NR_L2, fake_live);
}

void shadow_stop(void)
{
	free(shadow.ram);
	free(shadow.owner);
	free(shadow.last_owner);
	shadow.ram = NULL;
	shadow.owner = shadow.last_owner = NULL;
	shadow.on = false;
}

static void publish_l1(unsigned i)
{
	uint32_t old = shadow.l1[i], new = shadow.l1_now[i], va = i << 20;

	if (old == new)
		return;
	if ((old & 3) && (new & 3))
		shadow_fail("a valid first-level entry replaced without a break", va, old, new);
	if (old & 3) {
		mark_stale(va, SZ_1M);
		if ((old & 3) == 1) {
			unsigned t = shadow_table(old & 0xfffffc00u);

			shadow.owner[t] = -1;
			shadow.last_owner[t] = (int)i;
		}
	} else {
		if (any_stale(va, SZ_1M))
			shadow_fail("a first-level entry published before the TLB flush of the old one",
				    va, old, new);
		if ((new & 3) == 1) {
			unsigned t = shadow_table(new & 0xfffffc00u);

			if (shadow.owner[t] >= 0)
				fail_msg("%sthe table at 0x%08x is linked from L1 %d and %u",
					 shadow.context, new & 0xfffffc00u, shadow.owner[t], i);
			if (memcmp(&shadow.ram[t * 256], &shadow.mem[t * 256], 0x400))
				shadow_fail("a table linked before its entries were written out",
					    va, old, new);
			shadow.owner[t] = (int)i;
		}
	}
	shadow.l1[i] = new;
}

static void publish_l2(size_t w)
{
	size_t t = w / 256;
	uint32_t old = shadow.ram[w], new = shadow.mem[w];

	if (old == new)
		return;
	if (shadow.owner[t] >= 0) {
		uint32_t va = (uint32_t)shadow.owner[t] << 20 | (uint32_t)(w % 256) << 12;

		if ((old & 3) && (new & 3))
			shadow_fail("a valid small page replaced without a break", va, old, new);
		if (old & 3)
			mark_stale(va, SZ_4K);
		else if (any_stale(va, SZ_4K))
			shadow_fail("a small page published before the TLB flush of the old one",
				    va, old, new);
	}
	shadow.ram[w] = new;
}

void shadow_written(const uint32_t *entry, size_t count)
{
	if (!shadow.on)
		return;
	for (size_t k = 0; k < count; k++) {
		const uint32_t *e = entry + k;

		if (inside(e, 1, shadow.l1_now, 4096))
			publish_l1((unsigned)(e - shadow.l1_now));
		else if (inside(e, 1, shadow.mem, shadow.nr_tables * 256))
			publish_l2((size_t)(e - shadow.mem));
		else
			fail_msg("%swritten(%p): neither the first-level table nor a table of the "
				 "memory the model watches", shadow.context, (const void *)e);
	}
}

void shadow_flush(uint32_t va, uint32_t len)
{
	if (!shadow.on)
		return;
	if ((va | len) & 0xfff || len == 0 || (uint64_t)va + len > (1ull << 32))
		fail_msg("%sflush(0x%08x, 0x%x): not a page-aligned range inside 4 GB",
			 shadow.context, va, len);
	for (uint32_t p = va >> 12; p < (uint32_t)(((uint64_t)va + len) >> 12); p++)
		if (shadow.stale[p]) {
			shadow.stale[p] = 0;
			shadow.nr_stale--;
		}
}

void shadow_free(phys_addr_t pa)
{
	unsigned t;

	if (!shadow.on)
		return;
	t = shadow_table(pa);
	if (shadow.owner[t] >= 0)
		fail_msg("%sfree_l2: L1 entry %d still visibly points at the table",
			 shadow.context, shadow.owner[t]);
	if (memcmp(&shadow.ram[t * 256], &shadow.mem[t * 256], 0x400))
		fail_msg("%sfree_l2: the table's cleared entries were not written out", shadow.context);
	if (shadow.last_owner[t] >= 0 && any_stale((uint32_t)shadow.last_owner[t] << 20, SZ_1M))
		fail_msg("%sfree_l2 before the TLB flush of the megabyte 0x%08x that used the table",
			 shadow.context, (uint32_t)shadow.last_owner[t] << 20);
	shadow.last_owner[t] = -1;
}

static void shadow_check_table(unsigned t)
{
	for (unsigned i = 0; i < 256; i++)
		if (shadow.ram[t * 256 + i] != shadow.mem[t * 256 + i])
			fail_msg("%stable %u entry %u is 0x%08x, but 0x%08x was written out",
				 shadow.context, t, i, shadow.mem[t * 256 + i], shadow.ram[t * 256 + i]);
}

/* After a call: every changed entry was written out, every removed
 * translation flushed. */
void shadow_check(void)
{
	assert_true(shadow.on);
	for (unsigned i = 0; i < 4096; i++)
		if (shadow.l1[i] != shadow.l1_now[i])
			fail_msg("%sL1 entry %u (VA 0x%08x) is 0x%08x, but 0x%08x was written out",
				 shadow.context, i, i << 20, shadow.l1_now[i], shadow.l1[i]);
	if (shadow.live) {
		for (unsigned t = 0; t < shadow.nr_tables; t++)
			if (shadow.live(t))
				shadow_check_table(t);
	} else {
		for (unsigned i = 0; i < 4096; i++)
			if ((shadow.l1_now[i] & 3) == 1)
				shadow_check_table(shadow_table(shadow.l1_now[i] & 0xfffffc00u));
	}
	if (shadow.nr_stale) {
		uint32_t p = 0;

		while (!shadow.stale[p])
			p++;
		fail_msg("%s%u removed translations never flushed, the first VA 0x%08x",
			 shadow.context, shadow.nr_stale, p << 12);
	}
}

/* Tables allocated = tables counted = tables the L1 points at. */
void assert_table_accounting(void)
{
	unsigned linked = 0;

	for (unsigned i = 0; i < 4096; i++)
		if ((fake_l1[i] & 3) == 1)
			linked++;
	if (linked != fake_pt.nr_tables || fake_pt.nr_tables != fake.nr_live)
		fail_msg("%s%u L1 table entries, nr_tables %u, %u tables live", shadow.context,
			 linked, fake_pt.nr_tables, fake.nr_live);
}

/* ---------------------------------------------- pgtable helpers */

/* The next single-entry written() of 'entry' at or after event 'from'. */
int next_written(unsigned from, const uint32_t *entry)
{
	assert_true(fake.nr_events <= LOG_MAX);
	for (unsigned i = from; i < fake.nr_events; i++)
		if (fake.ev[i].kind == EV_WRITTEN && fake.ev[i].count == 1 && fake.ev[i].entry == entry)
			return (int)i;
	return -1;
}

/* The next written() of exactly [entry, entry + count). */
int next_written_range(unsigned from, const uint32_t *entry, size_t count)
{
	assert_true(fake.nr_events <= LOG_MAX);
	for (unsigned i = from; i < fake.nr_events; i++)
		if (fake.ev[i].kind == EV_WRITTEN && fake.ev[i].count == count && fake.ev[i].entry == entry)
			return (int)i;
	return -1;
}

/* The next flush() covering [va, va + len). */
int next_flush(unsigned from, uint32_t va, uint32_t len)
{
	assert_true(fake.nr_events <= LOG_MAX);
	for (unsigned i = from; i < fake.nr_events; i++) {
		const struct event *e = &fake.ev[i];

		if (e->kind == EV_FLUSH && e->va <= va &&
		    (uint64_t)va + len <= (uint64_t)e->va + e->len)
			return (int)i;
	}
	return -1;
}

static void describe_event(char *buf, size_t n, enum ev_kind kind, const uint32_t *entry,
			   size_t count, uint32_t value, uint32_t va, uint32_t len, phys_addr_t pa)
{
	if (kind == EV_WRITTEN && inside(entry, 1, fake_l1, 4096))
		snprintf(buf, n, "written(L1[0x%03x], %zu) = 0x%08x", (unsigned)(entry - fake_l1),
			 count, value);
	else if (kind == EV_WRITTEN)
		snprintf(buf, n, "written(table %u[%u], %zu) = 0x%08x",
			 (unsigned)((entry - fake_ram) / 256), (unsigned)((entry - fake_ram) % 256),
			 count, value);
	else if (kind == EV_FLUSH)
		snprintf(buf, n, "flush(0x%08x, 0x%x)", va, len);
	else
		snprintf(buf, n, "free_l2(0x%llx)", (unsigned long long)pa);
}

void assert_events(unsigned mark, const struct want_ev *want, unsigned n)
{
	char got[96], exp[96];

	assert_true(fake.nr_events <= LOG_MAX);
	for (unsigned i = 0; i < n || mark + i < fake.nr_events; i++) {
		const struct event *e = mark + i < fake.nr_events ? &fake.ev[mark + i] : NULL;
		const struct want_ev *w = i < n ? &want[i] : NULL;

		if (e)
			describe_event(got, sizeof(got), e->kind, e->entry, e->count, e->value,
				       e->va, e->len, e->pa);
		if (w)
			describe_event(exp, sizeof(exp), w->kind, w->entry, w->count, w->value,
				       w->va, w->len, w->pa);
		if (!e)
			fail_msg("hook call %u: missing, want %s", i, exp);
		if (!w)
			fail_msg("hook call %u: %s, want no more calls", i, got);
		if (strcmp(got, exp))
			fail_msg("hook call %u: %s, want %s", i, got, exp);
	}
}

/*
 * Break-before-make (ARM ARM B3.10.1): a valid entry replaced by another
 * valid one is first made a fault entry and written out, the TLB is
 * flushed for the whole span it translated, and only then the new value
 * is written.  Checks the log from event 'mark' on.
 */
void assert_bbm(unsigned mark, const uint32_t *entry, uint32_t va, uint32_t span,
		       uint32_t new_value)
{
	int brk = next_written(mark, entry), fl, mk;

	if (brk < 0)
		fail_msg("no written() of the entry for 0x%08x", va);
	assert_int_equal(fake.ev[brk].value, 0);		/* broken: a fault entry */
	fl = next_flush((unsigned)brk + 1, va, span);
	if (fl < 0)
		fail_msg("no flush of [0x%08x, +0x%x) after the break", va, span);
	mk = next_written((unsigned)brk + 1, entry);
	assert_true(mk > fl);				/* made after the flush */
	assert_int_equal(fake.ev[mk].value, new_value);
	assert_int_equal(*entry, new_value);
}

void fake_mm_reset(void)
{
	memset(fake_l1, 0, sizeof(fake_l1));
	memset(fake_ram, 0, sizeof(fake_ram));
	memset(&fake, 0, sizeof(fake));
	shadow_stop();
	shadow.context[0] = '\0';
	fake_pt = (struct pgtable){ .fmt = &short_desc_format, .l1 = fake_l1, .ops = &fake_ops, .ctx = &fake };
}

/* ============ frames from the page allocator, tables from kmalloc */

static struct fake_kmem *kmem_of(void *ctx)
{
	return ctx;
}

void *fake_kmem_frame_address(void *ctx, uint32_t pfn)
{
	struct fake_kmem *m = kmem_of(ctx);

	if (pfn < m->base_pfn || pfn - m->base_pfn >= m->nr_low)
		return NULL;
	return m->ram + (size_t)(pfn - m->base_pfn) * PAGE_SIZE;
}

uint32_t fake_kmem_address_frame(void *ctx, const void *p)
{
	struct fake_kmem *m = kmem_of(ctx);
	const uint8_t *b = p;

	if (b < m->ram || b >= m->ram + (size_t)m->nr_low * PAGE_SIZE)
		return PFN_NONE;
	return m->base_pfn + (uint32_t)((size_t)(b - m->ram) / PAGE_SIZE);
}

phys_addr_t fake_kmem_pa(const struct fake_kmem *m, const void *p)
{
	return (phys_addr_t)m->base_pfn * PAGE_SIZE + (phys_addr_t)((const uint8_t *)p - m->ram);
}

static phys_addr_t kmem_alloc_table(void *ctx, size_t bytes)
{
	struct fake_kmem *m = kmem_of(ctx);
	void *t = kmalloc_from(&m->k, bytes);

	return t ? fake_kmem_pa(m, t) : 0;
}

static void *kmem_table_ptr(void *ctx, phys_addr_t pa)
{
	struct fake_kmem *m = kmem_of(ctx);

	return (uint32_t *)(m->ram + (size_t)(pa - (phys_addr_t)m->base_pfn * PAGE_SIZE));
}

static void kmem_written(void *ctx, const void *first, size_t bytes)
{
	(void)ctx;
	shadow_written(first, bytes / sizeof(uint32_t));
}

static void kmem_flush(void *ctx, uint32_t va, uint32_t len)
{
	kmem_of(ctx)->flushes++;
	shadow_flush(va, len);
}

static void kmem_free_table(void *ctx, phys_addr_t pa, size_t bytes)
{
	(void)bytes;
	struct fake_kmem *m = kmem_of(ctx);

	shadow_free(pa);
	if (kfree_to(&m->k, kmem_table_ptr(m, pa)))
		m->bad_frees++;
}

static const struct pgtable_ops fake_kmem_ops = {
	.alloc_table = kmem_alloc_table,
	.table_ptr = kmem_table_ptr,
	.written = kmem_written,
	.flush = kmem_flush,
	.free_table = kmem_free_table,
};

int fake_kmem_init(struct fake_kmem *m, uint32_t base_pfn, uint32_t nr_frames,
		   uint32_t nr_low, uint32_t first_free)
{
	*m = (struct fake_kmem){ .base_pfn = base_pfn, .nr_frames = nr_frames, .nr_low = nr_low,
				 .first_free = first_free };
	m->ram = aligned_alloc(PAGE_SIZE, (size_t)nr_low * PAGE_SIZE);
	m->mem_map = calloc(1, mem_map_size(nr_frames));
	m->l1 = aligned_alloc(L1_TABLE_SIZE, L1_TABLE_SIZE);
	if (!m->ram || !m->mem_map || !m->l1) {
		fake_kmem_release(m);
		return -1;
	}
	memset(m->l1, 0, L1_TABLE_SIZE);
	page_alloc_init(&m->pa, m->mem_map, base_pfn, nr_frames, base_pfn + nr_low);
	page_alloc_add_range(&m->pa, base_pfn + first_free, base_pfn + nr_frames);
	kmalloc_init(&m->k, &m->pa, fake_kmem_frame_address, fake_kmem_address_frame, m);
	m->pt = (struct pgtable){ .fmt = &short_desc_format, .l1 = m->l1, .ops = &fake_kmem_ops, .ctx = m };
	return 0;
}

void fake_kmem_reset(struct fake_kmem *m)
{
	memset(m->l1, 0, L1_TABLE_SIZE);
	page_alloc_init(&m->pa, m->mem_map, m->base_pfn, m->nr_frames, m->base_pfn + m->nr_low);
	page_alloc_add_range(&m->pa, m->base_pfn + m->first_free, m->base_pfn + m->nr_frames);
	kmalloc_init(&m->k, &m->pa, fake_kmem_frame_address, fake_kmem_address_frame, m);
	m->pt = (struct pgtable){ .fmt = &short_desc_format, .l1 = m->l1, .ops = &fake_kmem_ops, .ctx = m };
	m->flushes = m->bad_frees = 0;
}

void shadow_start_kmem(struct fake_kmem *m)
{
	shadow_start_on(m->l1, (const uint32_t *)m->ram, (phys_addr_t)m->base_pfn * PAGE_SIZE,
			(size_t)m->nr_low * PAGE_SIZE / 0x400, NULL);
}

void fake_kmem_release(struct fake_kmem *m)
{
	if (shadow.mem == (const uint32_t *)m->ram)
		shadow_stop();
	free(m->ram);
	free(m->mem_map);
	free(m->l1);
	m->ram = NULL;
	m->mem_map = NULL;
	m->l1 = NULL;
}
