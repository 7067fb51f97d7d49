/*
 * explain TOPIC: the layout's arithmetic told back with this boot's
 * numbers (core/layout/explain.c does the telling; memlayout --explain
 * prints the same text on the host).
 */
#include "explain.h"
#include "setup.h"
#include "shell.h"

static int cmd_explain(int argc, char **argv)
{
	return layout_explain(&boot_config, &kernel_layout, argc > 1 ? argv[1] : NULL) ? 1 : 0;
}

SHELL_COMMAND(115, explain, cmd_explain, 0, 1, "[TOPIC]",
	      "why the layout is as it is: lowmem, highmem, vmalloc, split, a region", "explain lowmem");
