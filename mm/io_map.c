/*
 * The static IO map: the devices the device tree names, mapped once at
 * boot at fixed addresses, IO_ADDRESS(phys) (Linux's iotable_init() from a
 * board's map_io).  Until 3.2 these addresses sat above VMALLOC_END, which
 * is why each platform chose its VMALLOC_END (seed 000); from 3.3 they sit
 * inside the vmalloc area, recorded so that vmalloc never hands them out.
 */
#include <inttypes.h>

#include "io_map.h"
#include "kernel_map.h"
#include "pgtable.h"
#include "printk.h"
#include "setup.h"
#include "sizes.h"

static int map_device(const char *what, phys_addr_t phys, uint64_t size)
{
	phys_addr_t base = phys & ~(phys_addr_t)(PAGE_SIZE - 1);
	uint32_t va = layout_io_address(&kernel_layout, base);
	uint32_t len = ALIGN_UP((uint32_t)(phys + size - base), PAGE_SIZE);

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
	uint32_t va = layout_io_address(&kernel_layout, phys & ~(phys_addr_t)(PAGE_SIZE - 1));

	if (!va || !kernel_mapping_at(va))
		return 0;
	return va + (uint32_t)(phys & (PAGE_SIZE - 1));
}
