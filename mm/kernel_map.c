/* The record of kernel mappings, kept sorted by virtual address. */
#include <inttypes.h>
#include <string.h>

#include "kernel_map.h"
#include "banks.h"
#include "mm.h"
#include "mmu.h"
#include "pgtable.h"
#include "printk.h"
#include "setup.h"
#include "sizes.h"

struct kernel_mapping kernel_mappings[MAX_KERNEL_MAPPINGS];
int nr_kernel_mappings;

static uint64_t end_of(const struct kernel_mapping *m)
{
	return (uint64_t)m->virt + m->length;
}

/* The first record ending after va (records are sorted and disjoint, so
 * their ends are sorted too): a binary search. */
static int first_ending_after(uint64_t va)
{
	int lo = 0, hi = nr_kernel_mappings;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (end_of(&kernel_mappings[mid]) <= va)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool kernel_map_overlaps(uint32_t virt, uint32_t length)
{
	int i = first_ending_after(virt);

	return i < nr_kernel_mappings && kernel_mappings[i].virt < (uint64_t)virt + length;
}

const struct kernel_mapping *kernel_mapping_at(uint32_t va)
{
	int i = first_ending_after(va);

	if (i < nr_kernel_mappings && kernel_mappings[i].virt <= va)
		return &kernel_mappings[i];
	return NULL;
}

/* Callers have made sure there is room (kernel_map() and kernel_unmap()
 * refuse before changing the tables when there is not). */
static void record(const struct kernel_mapping *m)
{
	int i;

	for (i = nr_kernel_mappings; i > 0 && kernel_mappings[i - 1].virt > m->virt; i--)
		kernel_mappings[i] = kernel_mappings[i - 1];
	kernel_mappings[i] = *m;
	nr_kernel_mappings++;
}

static void forget(int i)
{
	memmove(&kernel_mappings[i], &kernel_mappings[i + 1],
		(size_t)(nr_kernel_mappings - i - 1) * sizeof(kernel_mappings[0]));
	nr_kernel_mappings--;
}

static int kernel_map_locked(const char *what, enum region region, uint32_t virt,
			     phys_addr_t phys, uint32_t length, enum mem_type_id type,
			     unsigned flags)
{
	struct map_desc md = { virt, phys, length, type, flags };
	struct kernel_mapping m = { what, region, virt, phys, length, type };

	if (!layout_range_in_region(&kernel_layout, virt, length, region)) {
		printk("vmsplit: %s at 0x%08" PRIx32 " (+0x%" PRIx32 ") is not all in the %s region; not mapped\n",
		       what, virt, length, region_name(region));
		return -1;
	}
	if (kernel_map_overlaps(virt, length)) {
		printk("vmsplit: %s at 0x%08" PRIx32 " (+0x%" PRIx32 ") overlaps a mapping; not mapped\n",
		       what, virt, length);
		return -1;
	}
	if (nr_kernel_mappings == MAX_KERNEL_MAPPINGS) {
		printk("vmsplit: more than %d kernel mappings; %s not mapped\n",
		       MAX_KERNEL_MAPPINGS, what);
		return -1;
	}
	if (create_mapping(&kernel_pgtable, &md))
		return -1;
	record(&m);
	return 0;
}

/* How many records unmapping [virt, end) would cut in two: each needs
 * one more slot (a head and a tail where there was one record). */
static int records_split_by(uint32_t virt, uint64_t end)
{
	int splits = 0;

	for (int i = first_ending_after(virt); i < nr_kernel_mappings && kernel_mappings[i].virt < end; i++)
		splits += kernel_mappings[i].virt < virt && end_of(&kernel_mappings[i]) > end;
	return splits;
}

static int kernel_unmap_locked(uint32_t virt, uint32_t length)
{
	uint64_t end = (uint64_t)virt + length;
	int splits = records_split_by(virt, end);

	/* Refuse before touching the tables: a record that could not be
	 * kept would leave pages mapped that nothing knows about. */
	if (nr_kernel_mappings + splits > MAX_KERNEL_MAPPINGS) {
		printk("vmsplit: the record of kernel mappings is full (%d); unmapping 0x%08" PRIx32
		       " (+0x%" PRIx32 ") would cut a mapping in two; nothing unmapped (unmap a whole mapping first)\n",
		       MAX_KERNEL_MAPPINGS, virt, length);
		return -1;
	}
	if (remove_mapping(&kernel_pgtable, virt, length))
		return -1;
	/* Trim every record the range touches: drop it, keep a head, a
	 * tail, or both (a record cut in two). */
	for (int i = 0; i < nr_kernel_mappings; i++) {
		struct kernel_mapping m = kernel_mappings[i];

		if (end <= m.virt || virt >= end_of(&m))
			continue;
		forget(i--);
		if (m.virt < virt) {
			struct kernel_mapping head = m;

			head.length = virt - m.virt;
			record(&head);
			i++;
		}
		if (end_of(&m) > end) {
			struct kernel_mapping tail = m;

			tail.virt = (uint32_t)end;
			tail.phys = m.phys + (end - m.virt);
			tail.length = (uint32_t)(end_of(&m) - end);
			record(&tail);
			i++;
		}
	}
	return 0;
}

/* The tables and the record change together, under the mm lock. */
int kernel_map(const char *what, enum region region, uint32_t virt,
	       phys_addr_t phys, uint32_t length, enum mem_type_id type,
	       unsigned flags)
{
	int err;

	rec_lock(&mm_lock);
	err = kernel_map_locked(what, region, virt, phys, length, type, flags);
	rec_unlock(&mm_lock);
	return err;
}

int kernel_unmap(uint32_t virt, uint32_t length)
{
	int err;

	rec_lock(&mm_lock);
	err = kernel_unmap_locked(virt, length);
	rec_unlock(&mm_lock);
	return err;
}

bool user_alias_allowed(const char *who, phys_addr_t phys, uint32_t length,
			enum mem_type_id type, bool ram_ro_ok)
{
	const struct membank *b = layout_ram_in_range(&kernel_layout, phys, length);
	phys_addr_t first, last;
	char s[17], e[17], bs[17], be[17];

	if (!b || (ram_ro_ok && type == MT_MEMORY_RO))
		return true;
	first = b->start > phys ? b->start : phys;
	last = (bank_end(b) < phys + length ? bank_end(b) : phys + length) - 1;
	printk("%s: 0x%s-0x%s is RAM (the %s bank 0x%s-0x%s): ", who, phys_hex(s, first), phys_hex(e, last),
	       b->highmem ? "highmem" : "lowmem", phys_hex(bs, b->start), phys_hex(be, bank_end(b) - 1));
	if (ram_ro_ok)
		printk("only a read-only alias (ro) is allowed; a writable, executable or differently cached "
		       "second mapping could change what the kernel and its allocators own\n");
	else
		printk("refusing a second mapping of it (RAM is mapped already or the page allocator's; "
		       "other attributes would make a mismatched alias)\n");
	return false;
}
