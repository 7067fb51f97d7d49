/*
 * __va and __pa for the running kernel.
 *
 * Until the layout is decided the map is the straight one head.S built
 * (PAGE_OFFSET for PHYS_OFFSET); afterwards kernel_layout says, and with
 * reclaim=dont-map-hole RAM above the skipped hole takes the virtual
 * addresses straight after the hole's start.  Every conversion in the
 * kernel goes through here, so the page tables, the allocators and the
 * reports all bend the same way, and the MMU check holds them to it.
 */
#include "memory.h"
#include "setup.h"

uint32_t phys_to_virt(phys_addr_t pa)
{
	if (kernel_layout.hole_end)
		return layout_va(&kernel_layout, pa);
	return (uint32_t)(pa - PHYS_OFFSET + PAGE_OFFSET);
}

phys_addr_t virt_to_phys(uint32_t va)
{
	if (kernel_layout.hole_end)
		return layout_pa(&kernel_layout, va);
	return (phys_addr_t)(va - PAGE_OFFSET) + PHYS_OFFSET;
}
