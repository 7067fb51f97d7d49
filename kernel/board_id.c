/*
 * The boards this kernel knows by name.  Everything else about a board
 * (RAM, console, interrupt controller, timer, PSCI) is read from its
 * device tree; this table holds only what the tree does not carry.
 */
#include <stddef.h>

#include "board_id.h"
#include "fdt.h"

static const struct board_id boards[] = {
	/* QEMU's virt emulates PSCI for a non-secure boot: a tree without
	 * /psci (one built by hand) still has hvc behind it. */
	{ "linux,dummy-virt", "QEMU virt", true, NULL, 0 },
	/* dts/vexpress-a15.dts: no firmware, so no PSCI; power-off is
	 * semihosting's exit (kernel/poweroff.c). */
	{ "arm,vexpress,v2p-ca15,tc1", "QEMU vexpress-a15", false,
	  /* hw/arm/boot.c's secondary loop: WFI until the address Linux's
	   * old vexpress platsmp wrote to the system flags register. */
	  "in its boot loop, waiting for an entry address in the board's system flags register "
	  "(the pre-PSCI vexpress protocol)", 0x1c010030 },
	/* dts/raspi2b.dts: no firmware either.  QEMU's raspi2b always has
	 * four cores, held in a spin table: nothing to say per run. */
	{ "raspberrypi,2-model-b", "QEMU raspi2b", false, NULL, 0 },
};

/* A tree this table does not know: its own facts, no PSCI unless it says. */
static const struct board_id unlisted = { NULL, "a board vmsplit does not know by name", false, NULL, 0 };

const struct board_id *board_identify(const void *blob, unsigned long avail)
{
	struct fdt f;

	if (!blob || fdt_open(&f, blob, avail) != 0)
		return &boards[0];
	for (size_t i = 0; i < sizeof(boards) / sizeof(boards[0]); i++)
		if (fdt_is_compatible(&f, 0, boards[i].compatible))
			return &boards[i];
	return &unlisted;
}
