/* Fixmap slots: map or unmap one page at a slot's fixed address. */
#include <inttypes.h>

#include "fixmap.h"
#include "kernel_map.h"
#include "mm.h"
#include "printk.h"
#include "setup.h"
#include "sizes.h"

uint32_t fix_to_virt(unsigned slot)
{
	return layout_fixmap_slot(&kernel_layout, slot);
}

unsigned fixmap_slots(void)
{
	return layout_fixmap_slots(&kernel_layout);
}

/* The slot's old mapping goes and the new one comes under one take of
 * the mm lock: no other CPU sees the slot between the two. */
int set_fixmap(unsigned slot, phys_addr_t phys, enum mem_type_id type)
{
	uint32_t va = fix_to_virt(slot);
	int err;

	if (!va) {
		printk("vmsplit: fixmap slot %u does not exist (0-%u)\n", slot, fixmap_slots() - 1);
		return -1;
	}
	rec_lock(&mm_lock);
	err = kernel_mapping_at(va) && kernel_unmap(va, PAGE_SIZE);
	if (!err)
		err = kernel_map("fixmap", REGION_FIXMAP, va, phys & ~(phys_addr_t)(PAGE_SIZE - 1),
				 PAGE_SIZE, type, 0);
	rec_unlock(&mm_lock);
	return err ? -1 : 0;
}

int clear_fixmap(unsigned slot)
{
	uint32_t va = fix_to_virt(slot);
	int err;

	if (!va)
		return -1;
	rec_lock(&mm_lock);
	err = !kernel_mapping_at(va) || kernel_unmap(va, PAGE_SIZE);
	rec_unlock(&mm_lock);
	return err ? -1 : 0;
}
