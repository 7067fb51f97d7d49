/* Powering off (kernel/poweroff.c): PSCI, the secure GPIO pin, semihosting. */
#ifndef VMSPLIT_POWEROFF_H
#define VMSPLIT_POWEROFF_H

#include "board.h"

void poweroff_init(enum psci_conduit conduit);
_Noreturn void machine_poweroff(int status);
/* The last resort: semihosting's exit if QEMU has it, else WFI forever. */
_Noreturn void machine_halt(int status);

#endif
