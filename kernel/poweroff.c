/*
 * Leaving QEMU.  PSCI SYSTEM_OFF ends the run with status 0.  To report a
 * failure to a test, semihosting's SYS_EXIT_EXTENDED carries an exit code;
 * it exists only when QEMU runs with -semihosting, otherwise the call comes
 * back with -1 (kernel/traps.c) and PSCI is used.
 *
 * In Secure state (QEMU virt,secure=on loading the kernel itself) there
 * is no PSCI at all: QEMU leaves power-off to the secure firmware, gives
 * the device tree no /psci node, and wires a secure PL061's pin to its
 * power switch instead (a gpio-poweroff node with secure-status "okay").
 * Raising that pin is how this kernel, being the firmware, powers off.
 * When every way fails, semihosting's exit is tried (a test run always
 * has it), and only then a WFI loop, with a message that says so.
 */
#include <inttypes.h>
#include <string.h>

#include "arm/cp15.h"
#include "console.h"
#include "fdt.h"
#include "fixmap.h"
#include "memory.h"
#include "mmu.h"
#include "pgtable.h"
#include "poweroff.h"
#include "printk.h"
#include "setup.h"
#include "sizes.h"
#include "traps.h"

#define PSCI_0_2_FN_SYSTEM_OFF	0x84000008u
#define SYS_EXIT_EXTENDED	0x20u
#define ADP_STOPPED_APPEXIT	0x20026u

#define PL061_DIR		0x400	/* 1 = output */

int semihost_call(uint32_t op, const void *arg);
uint32_t psci_call_hvc(uint32_t fn);
uint32_t psci_call_smc(uint32_t fn);

static enum psci_conduit conduit = PSCI_HVC;	/* QEMU virt without EL2 */
static bool psci_in_dt;
static bool psci_absent;	/* no /psci node on a board without it (vexpress) */

/* The power-off pin from the device tree: a PL061's pin, raised (or
 * lowered, active-low) to switch the machine off. */
static struct {
	bool found;
	phys_addr_t base;
	unsigned pin;
	bool active_low;
} gpio_off;

/* The pin the device tree gives the world we run in (core/dt/board.c). */
static void find_gpio_poweroff(void)
{
	const struct board_gpio_poweroff *g = &board.poweroff_gpio[cpu_secure];

	if (!dtb_phys || !g->found)
		return;
	gpio_off.base = g->base;
	gpio_off.pin = g->pin;
	gpio_off.active_low = g->active_low;
	gpio_off.found = true;
}

void poweroff_init(enum psci_conduit c, bool psci_assumed)
{
	if (c != PSCI_NONE)
		conduit = c;
	psci_in_dt = c != PSCI_NONE;
	psci_absent = !psci_in_dt && !psci_assumed;
	if (!cpu_secure)
		return;
	find_gpio_poweroff();
	printk("CPU: in Secure state with no firmware above it: SMC comes back NOT_SUPPORTED "
	       "from vmsplit's own monitor vectors\n");
	if (gpio_off.found)
		printk("Power-off: %s, by GPIO: PL061 at 0x%08" PRIx32 " pin %u (gpio-poweroff)\n",
		       psci_in_dt ? "PSCI first, then" : "no PSCI (no /psci node)",
		       (uint32_t)gpio_off.base, gpio_off.pin);
	else
		printk("Power-off: %s; no usable gpio-poweroff node: semihosting's exit is the fallback\n",
		       psci_in_dt ? "PSCI" : "no PSCI (no /psci node)");
}

/* Drive the pin through a fixmap slot (any slot will do now: nothing
 * runs after this; the console's slot 0 is left alone). */
static void gpio_poweroff(void)
{
	unsigned slot;
	uint32_t va;
	volatile uint32_t *gpio;

	if (!gpio_off.found || !kernel_layout.rules || !kernel_pgtable.l1)
		return;
	slot = fixmap_slots() - 1;
	if (!slot || set_fixmap(slot, gpio_off.base, MT_DEVICE))
		return;
	va = fix_to_virt(slot);
	gpio = (volatile uint32_t *)va;
	/* GPIODATA is addressed through a mask in address bits [9:2]. */
	gpio[(1u << gpio_off.pin)] = gpio_off.active_low ? 0 : 0xff;
	gpio[PL061_DIR / 4] |= 1u << gpio_off.pin;
	gpio[(1u << gpio_off.pin)] = gpio_off.active_low ? 0 : 0xff;
	dsb();
	/* QEMU acts on the request from its main loop, a moment later: give
	 * it a second of the counter (and a bounded loop if that stands). */
	{
		uint64_t start = read_cntvct(), span = read_cntfrq();

		for (uint32_t i = 0; i < 200000000u && read_cntvct() - start < span; i++)
			;
	}
	printk("vmsplit: the power-off GPIO did not power off\n");
}

_Noreturn void machine_halt(int status)
{
	uint32_t block[2] = { ADP_STOPPED_APPEXIT, (uint32_t)status };

	semihost_call(SYS_EXIT_EXTENDED, block);
	printk("vmsplit: nothing can power this machine off; stopped (quit QEMU with Ctrl-A x)\n");
	__asm__ volatile("cpsid if" : : : "memory");
	for (;;)
		__asm__ volatile("wfi");
}

_Noreturn void machine_poweroff(int status)
{
	static int attempts;

	if (!attempts)
		console_rescue();
	/* Power-off itself faulted and came back here: straight to the end. */
	if (attempts++)
		machine_halt(status ? status : 1);
	if (status) {
		uint32_t block[2] = { ADP_STOPPED_APPEXIT, (uint32_t)status };

		semihost_call(SYS_EXIT_EXTENDED, block);
		printk("vmsplit: exit status %d (start QEMU with -semihosting to see it)\n",
		       status);
	}
	/* Secure state with no /psci node, or a board without PSCI: there is
	 * no PSCI to call. */
	if (!(cpu_secure && !psci_in_dt) && !psci_absent) {
		/* A conduit the machine does not have (SMC with no EL3, HVC
		 * with no EL2) returns NOT_SUPPORTED (its __ex_table fixup,
		 * kernel/entry.S), and the other conduit gets its turn. */
		if (conduit == PSCI_SMC) {
			psci_call_smc(PSCI_0_2_FN_SYSTEM_OFF);
			printk("vmsplit: PSCI via smc did not power off; trying hvc\n");
		}
		psci_call_hvc(PSCI_0_2_FN_SYSTEM_OFF);
		if (conduit == PSCI_HVC) {
			printk("vmsplit: PSCI via hvc did not power off; trying smc\n");
			psci_call_smc(PSCI_0_2_FN_SYSTEM_OFF);
		}
		printk("vmsplit: PSCI SYSTEM_OFF returned\n");
	}
	gpio_poweroff();
	machine_halt(status);
}

/* The conduit PSCI answers on, for the other PSCI calls (CPU_ON in
 * kernel/smp.c): PSCI_NONE where the board has none. */
enum psci_conduit psci_conduit(void)
{
	return psci_absent ? PSCI_NONE : conduit;
}
