/*
 * The static IO map: the devices the device tree names, mapped once at
 * boot at fixed addresses, IO_ADDRESS(phys) (Linux's iotable_init() from a
 * board's map_io).  Until 3.2 these addresses sat above VMALLOC_END, which
 * is why each platform chose its VMALLOC_END (seed 000); from 3.3 they sit
 * inside the vmalloc area, recorded so that vmalloc never hands them out.
 *
 * The window is 16 MB: sixteen 1 MB slots.  A device takes its slot by the
 * classic fold (layout_io_address: bits [27:24] of the address choose the
 * slot, as on QEMU virt, whose devices sit in the first megabyte of a
 * 16 MB block) when that slot is free; devices the fold cannot place
 * (vexpress: 0x1c090000, 0x2c001000) take the highest free slot instead,
 * in the order the device tree's devices are mapped.  Devices in the same
 * megabyte share its slot.  The board's addresses stay data: nothing here
 * knows which board it is.
 */
#include <inttypes.h>

#include "io_map.h"
#include "kernel_map.h"
#include "pgtable.h"
#include "printk.h"
#include "setup.h"
#include "sizes.h"

#define IO_SLOTS	(IO_WINDOW_SIZE / SZ_1M)

static struct { phys_addr_t mb; uint32_t va; } slot[IO_SLOTS];
static unsigned nr_slots;

static bool slot_taken(uint32_t va)
{
	for (unsigned i = 0; i < nr_slots; i++)
		if (slot[i].va == va)
			return true;
	return false;
}

/* The static IO address of phys, giving its megabyte a slot if it has
 * none yet (assign) or answering 0 (lookup only). */
static uint32_t io_address(phys_addr_t phys, bool assign)
{
	const struct layout *l = &kernel_layout;
	phys_addr_t mb = phys & ~(phys_addr_t)(SZ_1M - 1);
	uint32_t off = (uint32_t)(phys & (SZ_1M - 1)), va;

	for (unsigned i = 0; i < nr_slots; i++)
		if (slot[i].mb == mb)
			return slot[i].va + off;
	if (!assign || nr_slots == IO_SLOTS)
		return 0;
	va = layout_io_address(l, mb);
	if (!va || slot_taken(va))
		for (va = l->io_end - SZ_1M; slot_taken(va) && va > l->io_base; va -= SZ_1M)
			;
	if (slot_taken(va))
		return 0;
	slot[nr_slots].mb = mb;
	slot[nr_slots++].va = va;
	return va + off;
}

static int map_device(const char *what, phys_addr_t phys, uint64_t size)
{
	phys_addr_t base = phys & ~(phys_addr_t)(PAGE_SIZE - 1);
	uint32_t len = ALIGN_UP((uint32_t)(phys + size - base), PAGE_SIZE);
	uint32_t va = size == 0 || (base & (SZ_1M - 1)) + len > SZ_1M ? 0 : io_address(base, true);

	if (!va || size == 0 || size > SZ_1M) {
		printk("vmsplit: %s at 0x%08" PRIx32 " has no static IO address\n", what, (uint32_t)phys);
		return -1;
	}
	if (kernel_map(what, REGION_STATIC_IO, va, base, len, MT_DEVICE, 0))
		return -1;
	printk("IO map: %-22s 0x%08" PRIx32 " -> 0x%08" PRIx32 " (%3" PRIu32 " kB)\n",
	       what, (uint32_t)base, va, len >> 10);
	return 0;
}

void iotable_init(void)
{
	map_device("UART (pl011, console)", board.uart_base, board.uart_size ? board.uart_size : PAGE_SIZE);
	if (board.have_gic) {
		map_device("GIC distributor", board.gic_dist_base, board.gic_dist_size);
		map_device("GIC CPU interface", board.gic_cpu_base, board.gic_cpu_size);
	}
}

/* Where the static IO map put the device at phys, or 0 if it did not. */
uint32_t io_map_virt(phys_addr_t phys)
{
	uint32_t va = io_address(phys & ~(phys_addr_t)(PAGE_SIZE - 1), false);

	if (!va || !kernel_mapping_at(va))
		return 0;
	return va + (uint32_t)(phys & (PAGE_SIZE - 1));
}
