/* Bank bookkeeping: arm_add_memory(), sorting and sums. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "banks.h"
#include "printk.h"
#include "sizes.h"

#define PHYS_32BIT_MAX	((phys_addr_t)UINT32_MAX)

const char *phys_hex(char buf[17], phys_addr_t p)
{
	uint32_t hi = (uint32_t)(p >> 32), lo = (uint32_t)p;

	if (hi)
		snprintf(buf, 17, "%" PRIx32 "%08" PRIx32, hi, lo);
	else
		snprintf(buf, 17, "%08" PRIx32, lo);
	return buf;
}

int arm_add_memory(struct meminfo *mi, phys_addr_t start, phys_addr_t size)
{
	return arm_add_memory_phys(mi, start, size, false);
}

int arm_add_memory_phys(struct meminfo *mi, phys_addr_t start, phys_addr_t size, bool phys_64bit)
{
	char a[17];
	phys_addr_t aligned = ALIGN_UP(start, (phys_addr_t)PAGE_SIZE);

	if (mi->nr_banks >= NR_BANKS) {
		printk("NR_BANKS too low, ignoring memory at 0x%s\n",
		       phys_hex(a, start));
		return -1;
	}
	/* The start moves up to a page boundary and the size pays for it. */
	size = aligned - start > size ? 0 : size - (aligned - start);

	/* Without LPAE, phys_addr_t is 32 bits: a bank must end below 4 GB. */
	if (!phys_64bit && aligned > PHYS_32BIT_MAX) {
		printk("Ignoring memory at 0x%s outside 32-bit physical address space\n",
		       phys_hex(a, start));
		return -1;
	}
	if (!phys_64bit && aligned + size > PHYS_32BIT_MAX) {
		printk("Truncating memory at 0x%s to fit in 32-bit physical address space\n",
		       phys_hex(a, start));
		size = PHYS_32BIT_MAX - aligned;	/* one page is lost */
	}

	size &= ~(phys_addr_t)(PAGE_SIZE - 1);
	if (size == 0)
		return -1;

	mi->bank[mi->nr_banks].start = aligned;
	mi->bank[mi->nr_banks].size = size;
	mi->bank[mi->nr_banks].highmem = false;
	mi->nr_banks++;
	return 0;
}

/* Insertion sort: at most eight banks. */
void meminfo_sort(struct meminfo *mi)
{
	for (int i = 1; i < mi->nr_banks; i++) {
		struct membank b = mi->bank[i];
		int j = i;

		for (; j > 0 && mi->bank[j - 1].start > b.start; j--)
			mi->bank[j] = mi->bank[j - 1];
		mi->bank[j] = b;
	}
}

bool meminfo_insert(struct meminfo *mi, int i, const struct membank *b)
{
	if (mi->nr_banks >= NR_BANKS)
		return false;
	memmove(&mi->bank[i + 1], &mi->bank[i],
		(size_t)(mi->nr_banks - i) * sizeof(mi->bank[0]));
	mi->bank[i] = *b;
	mi->nr_banks++;
	return true;
}

void meminfo_remove(struct meminfo *mi, int i)
{
	memmove(&mi->bank[i], &mi->bank[i + 1],
		(size_t)(mi->nr_banks - i - 1) * sizeof(mi->bank[0]));
	mi->nr_banks--;
}

int meminfo_cut(struct meminfo *mi, phys_addr_t start, phys_addr_t size)
{
	phys_addr_t end = start + size;

	for (int i = 0; i < mi->nr_banks; i++) {
		struct membank *b = &mi->bank[i];
		phys_addr_t b_end = bank_end(b);

		if (end <= b->start || start >= b_end)
			continue;
		if (start > b->start && end < b_end) {
			/* Inside: the bank becomes two, the part after the hole
			 * a new bank. */
			struct membank after = { end, b_end - end, b->highmem };

			if (!meminfo_insert(mi, i + 1, &after))
				return -1;
			b->size = start - b->start;
			return 0;
		}
		if (start <= b->start && end >= b_end) {
			meminfo_remove(mi, i--);	/* all of it */
		} else if (start <= b->start) {
			b->size = b_end - end;		/* its head */
			b->start = end;
		} else {
			b->size = start - b->start;	/* its tail */
		}
	}
	return 0;
}
