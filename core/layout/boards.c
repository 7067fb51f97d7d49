/* The boards vmsplit knows by name (boards.h): QEMU 7.2's memory maps. */
#include <string.h>

#include "boards.h"
#include "sizes.h"

#define GB	(UINT64_C(1) << 30)
#define MB	(UINT64_C(1) << 20)

const struct board_ram board_rams[] = {
	{ "virt", "linux,dummy-virt", 0x40000000, 128 * MB, 255 * GB, false, 0,
	  "hw/arm/virt.c: RAM from 0x40000000, up to 255 GB with a 40-bit (LPAE) CPU",
	  { { "UART (pl011)", 0x09000000, 0x1000 }, { "GIC distributor", 0x08000000, 0x10000 },
	    { "GIC CPU interface", 0x08010000, 0x10000 } } },
	{ "vexpress-a15", "arm,vexpress,v2p-ca15", 0x80000000, 128 * MB, 30 * GB, false, 0,
	  "hw/arm/vexpress.c: the Cortex-A15 tile's memory map puts DRAM at 0x80000000 (30 GB at most)",
	  { { "UART (pl011)", 0x1c090000, 0x1000 }, { "GIC distributor", 0x2c001000, 0x1000 },
	    { "GIC CPU interface", 0x2c002000, 0x2000 } } },
	/* QEMU refuses any -m but 1 GB, keeps the top 64 MB for the
	 * VideoCore (vcram) and tells the kernel RAM ends at 0x3c000000. */
	{ "raspi2b", "raspberrypi,2-model-b", 0x00000000, 1 * GB, 1 * GB, true, 0x3c000000,
	  "hw/arm/raspi.c: 1 GB at 0, of which the ARM gets 0x00000000-0x3bffffff",
	  { { "UART (pl011)", 0x3f201000, 0x1000 }, { "BCM2835 interrupt controller", 0x3f00b200, 0x200 },
	    { "BCM2836 local controller", 0x40000000, 0x100 } } },
};

const unsigned nr_board_rams = ARRAY_SIZE(board_rams);

const struct board_ram *board_ram_find(const char *name)
{
	for (unsigned i = 0; i < nr_board_rams; i++)
		if (!strcmp(board_rams[i].name, name))
			return &board_rams[i];
	return NULL;
}
