/*
 * PHYS_OFFSET: the physical address of the first byte of RAM the kernel
 * maps at PAGE_OFFSET.  vmsplit's rule, the same for the kernel and the
 * host tool:
 *
 *   - By default it is where RAM starts: the lowest bank's base, rounded
 *     down to 2 MB.  That is what Linux's one-image kernels end up with:
 *     head.S (ARM_PATCH_PHYS_VIRT) takes PHYS_OFFSET from the address it
 *     runs at, less TEXT_OFFSET, and the boot loader puts the image just
 *     above the start of RAM; __fixup_pv_table then needs PHYS_OFFSET -
 *     PAGE_OFFSET to be a multiple of 2 MB (16 MB before Linux 5.11).
 *   - It must be 2 MB aligned in every era: vmsplit's boot table maps its
 *     first 2 MB from PHYS_OFFSET as two 1 MB sections or one LPAE 2 MB
 *     block, each aligned to its size.
 *   - Those first 2 MB must be RAM: the device tree's megabyte and the
 *     image are there (KERNEL_REGION_SIZE).
 *   - Without LPAE phys_addr_t is 32 bits: PHYS_OFFSET lies below 4 GB.
 *
 * RAM below PHYS_OFFSET is not refused: Linux ignores it ("Ignoring
 * memory block ..."), and so does boot_config_add_ram().
 */
#ifndef VMSPLIT_PHYS_OFFSET_H
#define VMSPLIT_PHYS_OFFSET_H

#include <stddef.h>

#include "banks.h"
#include "rules.h"

#define PHYS_OFFSET_ALIGN	UINT32_C(0x00200000)	/* 2 MB */

/* The lowest base among ram's banks of non-zero size, rounded down to
 * PHYS_OFFSET_ALIGN; *found false (and 0) when there is no such bank. */
phys_addr_t phys_offset_default(const struct meminfo *ram, bool *found);

/* Why vmsplit cannot boot at this PHYS_OFFSET on this RAM: a sentence in
 * buf (returned), or NULL when it can. */
const char *phys_offset_problem(phys_addr_t phys_offset, const struct meminfo *ram, bool lpae,
				char *buf, size_t n);

/* What an era says of a PHYS_OFFSET it could not patch (p2v_align): one
 * "vmsplit: ..." line, or nothing.  A note, not a refusal: such kernels
 * were built with a fixed CONFIG_PHYS_OFFSET instead (msm's 0x80200000). */
void phys_offset_era_note(const struct vm_rules *r, phys_addr_t phys_offset, uint32_t page_offset);

#endif
