/*
 * Shell commands that touch memory: peek and poke (a fault is reported and
 * the shell goes on), exec (a prefetch abort the same), crash (the same
 * accesses unguarded: what an unexpected fault does).
 */
#include <inttypes.h>
#include <string.h>

#include "fault.h"
#include "printk.h"
#include "shell.h"
#include "sizes.h"
#include "traps.h"

/* ---- peek ---- */

/* The optional width argument at argv[at]: 8, 16 or 32 (the default). */
static bool parse_width(int argc, char **argv, int at, uint32_t *width)
{
	*width = 32;
	if (argc <= at)
		return true;
	if (shell_parse_num(argv[at], width) && (*width == 8 || *width == 16 || *width == 32))
		return true;
	if (*width != 32)
		printk("%s: the width is 8, 16 or 32 bits\n", argv[at]);
	return false;
}

static int cmd_peek(int argc, char **argv)
{
	uint32_t addr, width = 32, v = 0;
	int err;

	if (argc < 2 || argc > 3 || !shell_parse_addr(argv[1], &addr) ||
	    !parse_width(argc, argv, 2, &width))
		return shell_usage(argv[0]);
	if (addr & (width / 8 - 1)) {
		printk("peek: 0x%08" PRIx32 " is not aligned to %" PRIu32 " bits\n", addr, width);
		return 1;
	}
	err = width == 8 ? probe_read8(addr, &v) :
	      width == 16 ? probe_read16(addr, &v) : probe_read32(addr, &v);
	if (err) {
		print_fault(&last_fault);
		return 0;	/* the fault was the answer */
	}
	printk("0x%08" PRIx32 ": 0x%0*" PRIx32 "\n", addr, (int)(width / 4), v);
	return 0;
}

/* ---- poke, exec, crash: provoking the MMU ---- */

static int cmd_poke(int argc, char **argv)
{
	uint32_t addr, val, width;
	int err;

	if (argc < 3 || argc > 4 || !shell_parse_addr(argv[1], &addr) || !shell_parse_num(argv[2], &val) ||
	    !parse_width(argc, argv, 3, &width))
		return shell_usage(argv[0]);
	if (width < 32 && val >> width) {
		printk("poke: 0x%" PRIx32 " does not fit in %" PRIu32 " bits (at most 0x%" PRIx32 "); nothing written\n",
		       val, width, (_U(1) << width) - 1);
		return 1;
	}
	if (addr & (width / 8 - 1)) {
		printk("poke: 0x%08" PRIx32 " is not aligned to %" PRIu32 " bits\n", addr, width);
		return 1;
	}
	err = width == 8 ? probe_write8(addr, val) :
	      width == 16 ? probe_write16(addr, val) : probe_write32(addr, val);
	if (err)
		print_fault(&last_fault);
	else
		printk("0x%08" PRIx32 " <- 0x%0*" PRIx32 "\n", addr, (int)(width / 4), val);
	return 0;
}

static int cmd_exec(int argc, char **argv)
{
	uint32_t addr;

	if (argc != 2 || !shell_parse_addr(argv[1], &addr) || (addr & 3))
		return shell_usage(argv[0]);
	return exec_probe_checked(addr);
}

/* The same accesses without a fixup: what an unexpected fault does. */
static int cmd_crash(int argc, char **argv)
{
	uint32_t addr;

	bool known = argc == 3 && (!strcmp(argv[1], "read") || !strcmp(argv[1], "write") ||
				   !strcmp(argv[1], "exec"));

	/* Every argument first: nothing may happen before the usage line. */
	if (argc == 3 && !known)
		printk("crash: %s: the access is read, write or exec\n", argv[1]);
	if (!known || !shell_parse_addr(argv[2], &addr))
		return shell_usage(argv[0]);
	if (addr & 3) {
		printk("crash: 0x%08" PRIx32 " is not aligned to 32 bits (an unaligned access would fault for that reason alone)\n", addr);
		return 1;
	}
	/* Only a fetch that faults stops the machine; anything else would run. */
	if (!strcmp(argv[1], "exec") && exec_refused("crash exec", addr))
		return 1;
	printk("crash: an unguarded %s at 0x%08" PRIx32 "\n", argv[1], addr);
	if (!strcmp(argv[1], "read"))
		(void)*(volatile uint32_t *)addr;
	else if (!strcmp(argv[1], "write"))
		*(volatile uint32_t *)addr = 0;
	else
		((void (*)(void))addr)();
	printk("crash: 0x%08" PRIx32 " did not fault\n", addr);
	return 0;
}

SHELL_COMMAND(210, peek, cmd_peek, 1, 2, "ADDR [8|16|32]",
	      "read memory; a fault is reported, not fatal", "peek 0xef800000");
SHELL_COMMAND(220, poke, cmd_poke, 2, 3, "ADDR VALUE [8|16|32]",
	      "write memory; a fault is reported, not fatal", "poke 0xc0100000 0");
SHELL_COMMAND(230, exec, cmd_exec, 1, 1, "ADDR",
	      "call the code at ADDR; a prefetch abort is reported, not fatal", "exec _sdata");
SHELL_COMMAND(240, crash, cmd_crash, 2, 2, "read|write|exec ADDR",
	      "the same access unguarded: a fault stops the machine", "crash write 0xc0100000");
