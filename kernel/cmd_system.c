/*
 * Shell commands about the machine: time since power-on, the interrupts,
 * powering off, and how to boot again with another command line.
 */
#include <inttypes.h>

#include "arch_timer.h"
#include "arm/cp15.h"
#include "irq.h"
#include "printk.h"
#include "shell.h"
#include "sizes.h"
#include "poweroff.h"

static int cmd_poweroff(int argc, char **argv)
{
	(void)argc; (void)argv;
	machine_poweroff(0);
}

/* The generic timer's virtual count starts with the machine, so it says
 * how much QEMU time has passed since power-on; the tick counts since
 * time_init(). */
static int cmd_uptime(int argc, char **argv)
{
	uint64_t us = uptime_us();

	(void)argc; (void)argv;
	printk("up %" PRIu32 ".%03" PRIu32 " ms of QEMU time (CNTVCT %" PRIu32 " ticks at %" PRIu32
	       " Hz); jiffies %" PRIu32 " at HZ=%d\n",
	       (uint32_t)(us / 1000), (uint32_t)(us % 1000), (uint32_t)read_cntvct(), read_cntfrq(),
	       jiffies, HZ);
	return 0;
}

static int cmd_interrupts(int argc, char **argv)
{
	(void)argc; (void)argv;
	irq_print();
	return 0;
}

/* The command line is read once, at boot: a new one means a new boot. */
static int cmd_reboot(int argc, char **argv)
{
	(void)argc; (void)argv;
	printk("reboot: the kernel command line is fixed when QEMU loads the kernel, so a\n"
	       "different one needs a new boot: quit QEMU (Ctrl-A x) and type, for example\n"
	       "  make run APPEND=\"vmalloc=256M highmem=on\"\n"
	       "  make run QEMU_MEM=2G APPEND=\"mem=768M\"\n");
	return 0;
}

SHELL_COMMAND(420, uptime, cmd_uptime, 0, 0, "",
	      "time since power-on (generic timer) and the tick count", "uptime");
SHELL_COMMAND(430, interrupts, cmd_interrupts, 0, 0, "",
	      "the interrupts in use and how often each arrived", "interrupts");
SHELL_COMMAND(440, poweroff, cmd_poweroff, 0, 0, "",
	      "power the machine off (PSCI SYSTEM_OFF)", "poweroff");
SHELL_COMMAND(450, reboot, cmd_reboot, 0, 0, "",
	      "how to boot again with another command line", "reboot");
