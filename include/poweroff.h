/* Powering off (kernel/poweroff.c): PSCI, the secure GPIO pin, semihosting. */
#ifndef VMSPLIT_POWEROFF_H
#define VMSPLIT_POWEROFF_H

#include "board.h"

/* conduit: the device tree's /psci method (PSCI_NONE: no node);
 * psci_assumed: the board has PSCI even without the node (QEMU virt). */
void poweroff_init(enum psci_conduit conduit, bool psci_assumed);
_Noreturn void machine_poweroff(int status);
/* How PSCI is called here (after poweroff_init): PSCI_NONE if it is not. */
enum psci_conduit psci_conduit(void);
/* The last resort: semihosting's exit if QEMU has it, else WFI forever. */
_Noreturn void machine_halt(int status);

#endif
