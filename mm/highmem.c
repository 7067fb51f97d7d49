/*
 * kmap and kmap_atomic: temporary mappings of highmem pages.
 *
 * pkmap is a ring of 512 one-page slots with a use count each, as in
 * Linux's mm/highmem.c:
 *   0   free: nothing mapped;
 *   1   mapped, but nobody uses it: the translation may still sit in the
 *       TLB, so the slot is not reused until it has been flushed;
 *   n>1 mapped and in use by n-1 kmap()s.
 * kunmap() only drops the count; unmapping is lazy.  When the search for a
 * free slot wraps to slot 0, every count-1 slot is unmapped in one sweep
 * (and the TLB flushed once per run of slots), so the cost of flushing is
 * paid once per trip round the ring, not once per kunmap.
 * A hash from frame to slot lets a second kmap() of a mapped page share
 * its slot.
 *
 * kmap_atomic() takes the next fixmap slot of a small stack instead:
 * nothing to search and nothing shared, but unmapped in strict LIFO order.
 * Each CPU has a stack of its own (KM_TYPE_NR slots, include/fixmap.h), as
 * in Linux: what one CPU maps never has to be unmapped in another's order.
 */
#include <inttypes.h>

#include "fixmap.h"
#include "highmem.h"
#include "mm.h"
#include "mmu.h"
#include "pgtable.h"
#include "printk.h"
#include "setup.h"
#include "sizes.h"
#include "smp.h"

#define PKMAP_HASH	128
#define NO_SLOT		(-1)

static uint16_t pkmap_count[LAST_PKMAP];
static uint32_t slot_pfn[LAST_PKMAP];
static int16_t hash_head[PKMAP_HASH], hash_next[LAST_PKMAP];
static bool hash_ready;
static unsigned last_pkmap_nr;
static uint32_t nr_flushes;

static uint32_t pkmap_addr(unsigned slot)
{
	return kernel_layout.pkmap_base + slot * PAGE_SIZE;
}

static unsigned hash_of(uint32_t pfn)
{
	return (pfn * 2654435761u) >> 25;	/* top 7 bits: 128 buckets */
}

static void hash_init(void)
{
	for (unsigned i = 0; i < PKMAP_HASH; i++)
		hash_head[i] = NO_SLOT;
	hash_ready = true;
}

static int slot_of(uint32_t pfn)
{
	if (!hash_ready)
		hash_init();
	for (int s = hash_head[hash_of(pfn)]; s != NO_SLOT; s = hash_next[s])
		if (slot_pfn[s] == pfn)
			return s;
	return NO_SLOT;
}

static void hash_remove(unsigned slot)
{
	int16_t *p = &hash_head[hash_of(slot_pfn[slot])];

	while (*p != (int16_t)slot)
		p = &hash_next[*p];
	*p = hash_next[slot];
}

/* Unmap every slot nobody uses; one clear (one TLB flush) per run. */
static void flush_all_zero_pkmaps(void)
{
	unsigned run = 0;

	for (unsigned s = 0; s <= LAST_PKMAP; s++) {
		if (s < LAST_PKMAP && pkmap_count[s] == 1) {
			pkmap_count[s] = 0;
			hash_remove(s);
			run++;
			continue;
		}
		if (run)
			clear_mapping(&kernel_pgtable, pkmap_addr(s - run), run * PAGE_SIZE);
		run = 0;
	}
	nr_flushes++;
}

static bool frame_is_ram(uint32_t pfn)
{
	return layout_is_ram(&kernel_layout, (phys_addr_t)pfn << PAGE_SHIFT);
}

/* Why a frame cannot be mapped, in memmap's words ("not RAM", "truncated
 * (vmalloc region overlap)", "hole (...)"). */
static const char *not_ram_kind(uint32_t pfn)
{
	return layout_pa_kind_name(&kernel_layout, &boot_config, (phys_addr_t)pfn << PAGE_SHIFT);
}

static int map_new_virtual(uint32_t pfn)
{
	struct map_desc md = { .phys = (phys_addr_t)pfn << PAGE_SHIFT, .length = PAGE_SIZE,
			       .type = MT_MEMORY_RW };
	unsigned tries;

	for (tries = 0; tries < LAST_PKMAP; tries++) {
		last_pkmap_nr = (last_pkmap_nr + 1) % LAST_PKMAP;
		if (last_pkmap_nr == 0)
			flush_all_zero_pkmaps();
		if (pkmap_count[last_pkmap_nr] == 0)
			break;
	}
	if (tries == LAST_PKMAP) {
		/* Linux sleeps here until a kunmap(); there is no one else to wait for. */
		printk("kmap: all %u pkmap slots are in use; kunmap one first\n", (unsigned)LAST_PKMAP);
		return NO_SLOT;
	}
	md.virt = pkmap_addr(last_pkmap_nr);
	if (create_mapping(&kernel_pgtable, &md))
		return NO_SLOT;
	slot_pfn[last_pkmap_nr] = pfn;
	hash_next[last_pkmap_nr] = hash_head[hash_of(pfn)];
	hash_head[hash_of(pfn)] = (int16_t)last_pkmap_nr;
	pkmap_count[last_pkmap_nr] = 1;
	return (int)last_pkmap_nr;
}

void *kmap(uint32_t pfn)
{
	int slot;

	if (!frame_is_ram(pfn)) {
		printk("kmap: frame 0x%" PRIx32 " is %s: no page the kernel manages\n", pfn, not_ram_kind(pfn));
		return NULL;
	}
	if (!pfn_is_highmem(pfn))
		return lowmem_page_address(pfn);
	/* pkmap's slots are everyone's: under the mm lock. */
	rec_lock(&mm_lock);
	slot = slot_of(pfn);
	if (slot == NO_SLOT && (slot = map_new_virtual(pfn)) == NO_SLOT) {
		rec_unlock(&mm_lock);
		return NULL;
	}
	pkmap_count[slot]++;
	rec_unlock(&mm_lock);
	return (void *)pkmap_addr((unsigned)slot);
}

int kunmap(uint32_t pfn)
{
	int slot;

	if (frame_is_ram(pfn) && !pfn_is_highmem(pfn))
		return 0;		/* lowmem: kmap gave the linear address */
	rec_lock(&mm_lock);
	slot = slot_of(pfn);
	if (slot == NO_SLOT || pkmap_count[slot] < 2) {
		rec_unlock(&mm_lock);
		printk("kunmap: frame 0x%" PRIx32 " is not kmapped\n", pfn);
		return -1;
	}
	pkmap_count[slot]--;
	rec_unlock(&mm_lock);
	return 0;
}

/* This CPU's i-th kmap_atomic slot. */
static unsigned atomic_slot(unsigned cpu, unsigned i)
{
	return FIX_KMAP_BEGIN + KM_TYPE_NR * cpu + i;
}

void *kmap_atomic(uint32_t pfn)
{
	unsigned *depth = &this_cpu()->kmap_atomic_depth;
	unsigned slot = atomic_slot(smp_processor_id(), *depth);

	if (!frame_is_ram(pfn)) {
		printk("kmap_atomic: frame 0x%" PRIx32 " is %s: no page the kernel manages\n", pfn, not_ram_kind(pfn));
		return NULL;
	}
	if (!pfn_is_highmem(pfn))
		return lowmem_page_address(pfn);
	if (*depth >= KM_TYPE_NR || slot >= fixmap_slots()) {
		printk("kmap_atomic: %u nested kmap_atomic()s already; unmap one first\n", *depth);
		return NULL;
	}
	if (set_fixmap(slot, (phys_addr_t)pfn << PAGE_SHIFT, MT_MEMORY_RW))
		return NULL;
	(*depth)++;
	return (void *)fix_to_virt(slot);
}

int kunmap_atomic(const void *addr)
{
	uint32_t va = (uint32_t)addr & PAGE_MASK;
	unsigned cpu = smp_processor_id(), *depth = &this_cpu()->kmap_atomic_depth;

	if (layout_region_of(&kernel_layout, va) == REGION_LOWMEM)
		return 0;		/* a lowmem page's linear address (not a hole in it) */
	for (unsigned other = 0; other < NR_CPUS; other++)
		if (other != cpu && cpu_data[other].kmap_atomic_depth &&
		    va == fix_to_virt(atomic_slot(other, cpu_data[other].kmap_atomic_depth - 1))) {
			printk("kunmap_atomic: 0x%08" PRIx32 " is CPU%u's kmap_atomic slot: only that CPU "
			       "unmaps it (on %u kunmap atomic ...)\n", (uint32_t)addr, other, other);
			return -1;
		}
	if (!*depth) {
		printk("kunmap_atomic: 0x%08" PRIx32 ": no kmap_atomic mapping is live\n", (uint32_t)addr);
		return -1;
	}
	if (va != fix_to_virt(atomic_slot(cpu, *depth - 1))) {
		printk("kunmap_atomic: 0x%08" PRIx32 " is not the most recent kmap_atomic address\n",
		       (uint32_t)addr);
		return -1;
	}
	(*depth)--;
	if (clear_fixmap(atomic_slot(cpu, *depth))) {
		printk("kunmap_atomic: fixmap slot %u (0x%08" PRIx32 ") was not mapped any more; the slot is free again\n",
		       atomic_slot(cpu, *depth), va);
		return -1;
	}
	return 0;
}

bool pkmap_page(uint32_t va, phys_addr_t *pa)
{
	const struct layout *l = &kernel_layout;
	unsigned slot;

	if (!l->pkmap_base || va < l->pkmap_base || va - l->pkmap_base >= LAST_PKMAP * PAGE_SIZE)
		return false;
	slot = (va - l->pkmap_base) >> PAGE_SHIFT;
	if (!pkmap_count[slot])
		return false;
	*pa = ((phys_addr_t)slot_pfn[slot] << PAGE_SHIFT) | (va & (PAGE_SIZE - 1));
	return true;
}

bool pkmap_overlaps(uint32_t va, uint32_t len)
{
	const struct layout *l = &kernel_layout;
	uint64_t end = (uint64_t)va + len, pend = (uint64_t)l->pkmap_base + LAST_PKMAP * PAGE_SIZE;

	if (!l->pkmap_base || end <= l->pkmap_base || va >= pend)
		return false;
	for (uint64_t a = va < l->pkmap_base ? l->pkmap_base : va & PAGE_MASK; a < end && a < pend;
	     a += PAGE_SIZE)
		if (pkmap_count[(a - l->pkmap_base) >> PAGE_SHIFT])
			return true;
	return false;
}

void pkmap_print(void)
{
	unsigned used = 0, stale = 0;

	if (!kernel_layout.pkmap_base) {
		printk("pkmap: none (highmem is off)\n");
		return;
	}
	/* Slots in use one per line; the unused-but-mapped ones only counted. */
	for (unsigned s = 0; s < LAST_PKMAP; s++) {
		if (pkmap_count[s] == 1)
			stale++;
		if (pkmap_count[s] < 2)
			continue;
		used++;
		printk("  slot %3u  0x%08" PRIx32 " -> frame 0x%05" PRIx32 "  %u user%s\n", s,
		       pkmap_addr(s), slot_pfn[s], pkmap_count[s] - 1u, pkmap_count[s] == 2 ? "" : "s");
	}
	printk("pkmap 0x%08" PRIx32 "-0x%08" PRIx32 ": %u in use, %u unused but still mapped "
	       "(until the ring wraps), %u free; %" PRIu32 " wrap flush(es); %u kmap_atomic slot(s) in use\n",
	       kernel_layout.pkmap_base, pkmap_addr(LAST_PKMAP) - 1, used, stale,
	       (unsigned)LAST_PKMAP - used - stale, nr_flushes, this_cpu()->kmap_atomic_depth);
}

unsigned kmap_count(uint32_t pfn)
{
	int slot = slot_of(pfn);

	return slot == NO_SLOT || pkmap_count[slot] < 2 ? 0 : pkmap_count[slot] - 1u;
}

uint32_t pkmap_flushes(void)
{
	return nr_flushes;
}
