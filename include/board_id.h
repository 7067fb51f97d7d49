/* Which QEMU machine this is, from the device tree's root compatible:
 * only what the tree itself cannot say (a name for the first line, and
 * whether QEMU gives PSCI when the tree has no /psci node). */
#ifndef VMSPLIT_BOARD_ID_H
#define VMSPLIT_BOARD_ID_H

#include <stdbool.h>
#include <stdint.h>

struct board_id {
	const char *compatible;	/* the root's, any entry of its list */
	const char *name;	/* "QEMU virt" */
	bool psci_assumed;	/* no /psci node still means PSCI via hvc */
	/* Where QEMU holds the other cores when nothing can start them (no
	 * PSCI), for the line that says so; NULL on a board that always has
	 * its cores whatever -smp says (raspi2b's four), where the line would
	 * tell nothing about the run. */
	const char *secondaries_parked;
	/* The system flags register QEMU's boot loop reads for an entry
	 * address (vexpress's SYS_FLAGSSET; SYS_FLAGSCLR is the next word),
	 * 0 where there is none. */
	uint32_t smp_flags;
};

/* The entry for the tree at blob (avail bytes readable); QEMU virt's
 * without a usable tree (the boot then assumes virt's defaults). */
const struct board_id *board_identify(const void *blob, unsigned long avail);

#endif
