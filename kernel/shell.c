/*
 * The serial console shell: the dispatcher.
 *
 * Commands come from the prompt, or from run="cmd; cmd" on the kernel
 * command line, after which the machine powers off with a status that
 * says whether every command succeeded (tests and benchmarks use this).
 * A command returns 0 on success; a bad argument prints its usage.
 *
 * This file names no command but help: each command file registers its
 * own with SHELL_COMMAND() (include/shell.h), and the linker gathers them
 * into one array, sorted by their order keys (linker/kernel.ld.S).
 */
#include <string.h>

#include "args.h"
#include "line_edit.h"
#include "poweroff.h"
#include "printk.h"
#include "shell.h"

#define LINE_MAX	256

/* Every SHELL_COMMAND() of the image, in help's order. */
extern const struct shell_command __start_shell_commands[], __stop_shell_commands[];

#define for_each_command(c) \
	for (const struct shell_command *c = __start_shell_commands; c < __stop_shell_commands; c++)

static const struct shell_command *find_command(const char *name)
{
	for_each_command(c)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

static int usage(const struct shell_command *cmd)
{
	printk("usage: %s %s\n", cmd->name, cmd->args);
	return 1;
}

int shell_usage(const char *name)
{
	return usage(find_command(name));
}

static int cmd_help(int argc, char **argv)
{
	const struct shell_command *cmd;

	if (argc == 1) {
		for_each_command(c)
			printk("%-10s %s\n", c->name, c->summary);
		printk("\nNumbers are hex (0x...) or decimal, with K, M or G allowed; an address\n"
		       "may also be a name: _text _etext _sdata _end swapper_pg_dir PAGE_OFFSET\n"
		       "high_memory VMALLOC_START VMALLOC_END MODULES_VADDR PKMAP_BASE FIXADDR_START\n"
		       "VECTORS CONSISTENT_BASE console ...\n"
		       "help reboot: how to boot with another command line\n");
		return 0;
	}
	cmd = find_command(argv[1]);
	if (!cmd) {
		printk("help: no command \"%s\"; type help for the list\n", argc > 1 ? argv[1] : "");
		return 1;
	}
	printk("usage:   %s %s\n%s\nexample: %s\n", cmd->name, cmd->args, cmd->summary, cmd->example);
	return 0;
}

SHELL_COMMAND(100, help, cmd_help, 0, 1, "[COMMAND]", "list the commands, or explain one", "help v2p");

/* ---- running a line ---- */

static int run_line(char *line)
{
	char *argv[SHELL_MAX_WORDS];
	int argc = split_args(line, argv, SHELL_MAX_WORDS);
	const struct shell_command *cmd;

	if (argc < 0) {
		printk("too many arguments (at most %d)\n", SHELL_MAX_WORDS - 1);
		return 1;
	}
	if (argc == 0)
		return 0;
	cmd = find_command(argv[0]);
	if (!cmd) {
		printk("%s: no such command; type help\n", argv[0]);
		return 1;
	}
	/* Too few or too many words: the reason, then the usage line. */
	if (argc - 1 > cmd->max_args && !cmd->max_args) {
		printk("%s takes no arguments\n", cmd->name);
		return 1;
	}
	if (argc - 1 > cmd->max_args || argc - 1 < cmd->min_args) {
		int n = argc - 1 > cmd->max_args ? cmd->max_args : cmd->min_args;

		printk("%s: takes %s%d argument%s, got %d\n", cmd->name,
		       cmd->min_args == cmd->max_args ? "" : argc - 1 > cmd->max_args ? "at most " : "at least ",
		       n, n == 1 ? "" : "s", argc - 1);
		return usage(cmd);
	}
	return cmd->fn(argc, argv);
}

/* One command line on whichever CPU calls it (`on CPU COMMAND`). */
int shell_run_line(char *line)
{
	return run_line(line);
}

void shell_run_list(const char *list)
{
	char line[LINE_MAX];
	int failed = 0;

	while (*list) {
		size_t n = strcspn(list, ";");

		if (n >= sizeof(line)) {
			printk("run: command longer than %d bytes\n", LINE_MAX - 1);
			failed++;
		} else {
			memcpy(line, list, n);
			line[n] = '\0';
			printk("vmsplit> %s\n", line + strspn(line, " "));
			if (run_line(line))
				failed++;
		}
		list += n;
		if (*list == ';')
			list++;
	}
	printk("run: %d command%s failed\n", failed, failed == 1 ? "" : "s");
	machine_poweroff(failed ? 1 : 0);
}

_Noreturn void shell_interactive(void)
{
	char line[LINE_MAX];

	printk("Type help for the commands.\n");
	for (;;) {
		printk("vmsplit> ");
		line_edit_read(line, sizeof(line));
		run_line(line);
	}
}
