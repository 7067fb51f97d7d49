/* Boot-time physical memory bookkeeping: sorted lists of ranges. */
#include <inttypes.h>
#include <string.h>

#include "banks.h"	/* phys_hex() */
#include "memblock.h"
#include "printk.h"
#include "sizes.h"

void memblock_init(struct memblock *mb)
{
	memset(mb, 0, sizeof(*mb));
}

static phys_addr_t end_of(const struct memblock_region *r)
{
	return r->base + r->size;
}

/* Insert keeping the list sorted by base. */
static int insert(struct memblock_type *t, phys_addr_t base, phys_addr_t size,
		  const char *name)
{
	int i;

	if (t->cnt == MEMBLOCK_MAX) {
		char a[17];

		/* The whole address: with LPAE it may lie past 4 GB. */
		printk("vmsplit: memblock: more than %d ranges, 0x%s not recorded\n",
		       MEMBLOCK_MAX, phys_hex(a, base));
		return -1;
	}
	for (i = t->cnt; i > 0 && t->r[i - 1].base > base; i--)
		t->r[i] = t->r[i - 1];
	t->r[i] = (struct memblock_region){ base, size, name };
	t->cnt++;
	return 0;
}

int memblock_add(struct memblock *mb, phys_addr_t base, phys_addr_t size)
{
	return size ? insert(&mb->memory, base, size, "RAM") : 0;
}

int memblock_reserve(struct memblock *mb, phys_addr_t base, phys_addr_t size,
		     const char *name)
{
	struct memblock_type *t = &mb->reserved;

	if (!size)
		return 0;
	/* Grow a touching region of the same owner instead of adding one
	 * (second-level tables come page after page), as long as the list
	 * stays sorted: the region must keep its place between neighbours. */
	for (int i = 0; i < t->cnt; i++) {
		struct memblock_region *r = &t->r[i];
		bool fits_before = i == 0 || t->r[i - 1].base <= base;

		if (r->name != name)
			continue;
		if (end_of(r) == base) {
			r->size += size;
			return 0;
		}
		if (base + size == r->base && fits_before) {
			r->base = base;
			r->size += size;
			return 0;
		}
	}
	return insert(t, base, size, name);
}

static bool overlaps_reserved(const struct memblock *mb, phys_addr_t base,
			      phys_addr_t size)
{
	for (int i = 0; i < mb->reserved.cnt; i++) {
		const struct memblock_region *r = &mb->reserved.r[i];

		if (base < end_of(r) && r->base < base + size)
			return true;
	}
	return false;
}

phys_addr_t memblock_alloc(struct memblock *mb, phys_addr_t size,
			   phys_addr_t align, const char *name)
{
	for (int i = mb->memory.cnt - 1; i >= 0; i--) {
		const struct memblock_region *m = &mb->memory.r[i];
		phys_addr_t top = end_of(m) < mb->current_limit ? end_of(m) : mb->current_limit;

		/* Walk down from the top, hopping below each reserved range
		 * in the way. */
		while (top > m->base && top - m->base >= size) {
			phys_addr_t cand = ALIGN_DOWN(top - size, align);

			if (cand < m->base)
				break;
			if (!overlaps_reserved(mb, cand, size)) {
				if (memblock_reserve(mb, cand, size, name))
					return 0;
				return cand;
			}
			/* Move below the lowest reserved range that overlaps. */
			phys_addr_t next = cand;

			for (int j = 0; j < mb->reserved.cnt; j++) {
				const struct memblock_region *r = &mb->reserved.r[j];

				if (cand < end_of(r) && r->base < cand + size && r->base < next)
					next = r->base;
			}
			top = next;
		}
	}
	return 0;
}

static phys_addr_t max_p(phys_addr_t a, phys_addr_t b) { return a > b ? a : b; }
static phys_addr_t min_p(phys_addr_t a, phys_addr_t b) { return a < b ? a : b; }

int memblock_free(struct memblock *mb, phys_addr_t base, phys_addr_t size)
{
	struct memblock_type *t = &mb->reserved;

	for (int i = 0; i < t->cnt; i++) {
		struct memblock_region *r = &t->r[i];

		if (base < r->base || base + size > end_of(r))
			continue;
		if (base == r->base && size == r->size) {
			memmove(r, r + 1, (size_t)(t->cnt - i - 1) * sizeof(*r));
			t->cnt--;
		} else if (base == r->base) {
			r->base += size;
			r->size -= size;
		} else if (base + size == end_of(r)) {
			r->size -= size;
		} else {
			return -1;	/* a hole in the middle would need a new region */
		}
		return 0;
	}
	return -1;
}

/* The whole pages of RAM region i inside [lo, hi): [*s, *e), page aligned.
 * False when there is none. */
static bool ram_pages_of(const struct memblock *mb, int i, phys_addr_t lo,
			 phys_addr_t hi, phys_addr_t *s, phys_addr_t *e)
{
	*s = ALIGN_UP(max_p(mb->memory.r[i].base, lo), (phys_addr_t)PAGE_SIZE);
	*e = ALIGN_DOWN(min_p(end_of(&mb->memory.r[i]), hi), (phys_addr_t)PAGE_SIZE);
	return *s < *e;
}

uint32_t memblock_ram_pages(const struct memblock *mb, phys_addr_t lo, phys_addr_t hi)
{
	uint32_t pages = 0;
	phys_addr_t s, e;

	for (int i = 0; i < mb->memory.cnt; i++)
		if (ram_pages_of(mb, i, lo, hi, &s, &e))
			pages += (uint32_t)((e - s) >> PAGE_SHIFT);
	return pages;
}

/* A RAM page counts as reserved when any reserved range touches it.  The
 * reserved list is sorted, so one pass with a high-water mark counts
 * overlapping ranges once. */
uint32_t memblock_reserved_pages(const struct memblock *mb, phys_addr_t lo,
				 phys_addr_t hi)
{
	uint32_t pages = 0;

	for (int i = 0; i < mb->memory.cnt; i++) {
		phys_addr_t ms, me, done;

		if (!ram_pages_of(mb, i, lo, hi, &ms, &me))
			continue;
		done = ms;

		for (int j = 0; j < mb->reserved.cnt; j++) {
			const struct memblock_region *r = &mb->reserved.r[j];
			phys_addr_t s = max_p(ALIGN_DOWN(r->base, PAGE_SIZE), done);
			phys_addr_t e = min_p(ALIGN_UP(end_of(r), PAGE_SIZE), me);

			if (s < e) {
				pages += (uint32_t)((e - s) >> PAGE_SHIFT);
				done = e;
			}
		}
	}
	return pages;
}
