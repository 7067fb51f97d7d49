/* PHYS_OFFSET: the default and the checks (phys_offset.h). */
#include <inttypes.h>
#include <stdio.h>

#include "layout.h"	/* KERNEL_REGION_SIZE */
#include "phys_offset.h"
#include "printk.h"
#include "sizes.h"

phys_addr_t phys_offset_default(const struct meminfo *ram, bool *found)
{
	phys_addr_t lo = 0;

	*found = false;
	for (int i = 0; i < ram->nr_banks; i++) {
		if (!ram->bank[i].size || (*found && ram->bank[i].start >= lo))
			continue;
		lo = ram->bank[i].start;
		*found = true;
	}
	return ALIGN_DOWN(lo, (phys_addr_t)PHYS_OFFSET_ALIGN);
}

/* Is all of [start, end) inside the banks?  They may touch, unsorted. */
static bool all_ram(const struct meminfo *ram, phys_addr_t start, phys_addr_t end)
{
	bool moved = true;

	while (start < end && moved) {
		moved = false;
		for (int i = 0; i < ram->nr_banks; i++)
			if (ram->bank[i].start <= start && start < bank_end(&ram->bank[i])) {
				start = bank_end(&ram->bank[i]);
				moved = true;
			}
	}
	return start >= end;
}

const char *phys_offset_problem(phys_addr_t po, const struct meminfo *ram, bool lpae, char *buf, size_t n)
{
	char a[17], b[17];

	phys_hex(a, po);
	if (po & (PHYS_OFFSET_ALIGN - 1))
		snprintf(buf, n, "PHYS_OFFSET 0x%s is not 2 MB aligned: the boot maps its first 2 MB from there "
			 "in 1 MB sections or one 2 MB LPAE block, and Linux's ARM_PATCH_PHYS_VIRT patches "
			 "__pa()/__va() in 2 MB steps at best", a);
	else if (!lpae && po > (phys_addr_t)UINT32_MAX - KERNEL_REGION_SIZE + 1)
		snprintf(buf, n, "PHYS_OFFSET 0x%s is past 4 GB: without LPAE phys_addr_t has 32 bits", a);
	else if (!all_ram(ram, po, po + KERNEL_REGION_SIZE))
		snprintf(buf, n, "PHYS_OFFSET 0x%s: 0x%s-0x%s is not all RAM, and the device tree and the kernel "
			 "are loaded there", a, a, phys_hex(b, po + KERNEL_REGION_SIZE - 1));
	else
		return NULL;
	return buf;
}

void phys_offset_era_note(const struct vm_rules *r, phys_addr_t po, uint32_t page_offset)
{
	char a[17];
	uint32_t delta = (uint32_t)po - page_offset;

	if (!r->p2v_align || !(delta & (r->p2v_align - 1)))
		return;
	printk("vmsplit: PHYS_OFFSET 0x%s: rules=%s's ARM_PATCH_PHYS_VIRT patches __pa()/__va() only in "
	       "%" PRIu32 " MB steps (2 MB from Linux 5.11); such a kernel is built for a fixed "
	       "CONFIG_PHYS_OFFSET instead\n", phys_hex(a, po), r->name, r->p2v_align >> 20);
}
