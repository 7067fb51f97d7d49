/*
 * Leaving QEMU.  PSCI SYSTEM_OFF ends the run with status 0.  To report a
 * failure to a test, semihosting's SYS_EXIT_EXTENDED carries an exit code;
 * it exists only when QEMU runs with -semihosting, otherwise the call comes
 * back with -1 (kernel/traps.c) and PSCI is used.
 */
#include "arm/sysreg.h"
#include "kernel.h"
#include "printk.h"

#define PSCI_0_2_FN_SYSTEM_OFF	0x84000008u
#define SYS_EXIT_EXTENDED	0x20u
#define ADP_STOPPED_APPEXIT	0x20026u

int semihost_call(uint32_t op, const void *arg);
uint32_t psci_call_hvc(uint32_t fn);
uint32_t psci_call_smc(uint32_t fn);

static enum psci_conduit conduit = PSCI_HVC;	/* QEMU virt without EL2 */

void poweroff_init(enum psci_conduit c)
{
	if (c != PSCI_NONE)
		conduit = c;
}

_Noreturn void machine_poweroff(int status)
{
	if (status) {
		uint32_t block[2] = { ADP_STOPPED_APPEXIT, (uint32_t)status };

		semihost_call(SYS_EXIT_EXTENDED, block);
		printk("vmsplit: exit status %d (start QEMU with -semihosting to see it)\n",
		       status);
	}
	/* A conduit the machine does not have (SMC with no EL3, HVC with no
	 * EL2) returns NOT_SUPPORTED (its __ex_table fixup, kernel/entry.S),
	 * and the other conduit gets its turn. */
	if (conduit == PSCI_SMC) {
		psci_call_smc(PSCI_0_2_FN_SYSTEM_OFF);
		printk("vmsplit: PSCI via smc did not power off; trying hvc\n");
	}
	psci_call_hvc(PSCI_0_2_FN_SYSTEM_OFF);
	if (conduit == PSCI_HVC) {
		printk("vmsplit: PSCI via hvc did not power off; trying smc\n");
		psci_call_smc(PSCI_0_2_FN_SYSTEM_OFF);
	}
	printk("vmsplit: PSCI SYSTEM_OFF returned; stopping here\n");
	for (;;)
		__asm__ volatile("wfi");
}
