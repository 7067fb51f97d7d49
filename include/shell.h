/*
 * The shell's commands, and what their files share.
 *
 * kernel/shell.c is only the dispatcher (help, run=, a line split into
 * words); it names no command.  Each command file registers its own with
 * SHELL_COMMAND(), which puts a const struct shell_command into the input
 * section .shell_commands.KEY; linker/kernel.ld.S gathers them, sorted by
 * section name, between __start_shell_commands and __stop_shell_commands.
 */
#ifndef VMSPLIT_SHELL_H
#define VMSPLIT_SHELL_H

#include "pgtable.h"

/* Words on a line, the command's name included. */
#define SHELL_MAX_WORDS	8

struct shell_command {
	const char *name;
	const char *args;	/* usage after the name; "" when it takes none */
	const char *summary;	/* help's line */
	const char *example;	/* a line that runs (tests/shell_test.py runs it) */
	int (*fn)(int argc, char **argv);
	uint8_t min_args, max_args;	/* words after the name; each command checks the rest */
	uint16_t order;		/* KEY: where help lists it */
};

/*
 * SHELL_COMMAND(KEY, name, fn, min, max, "ARGS", "summary", "example");
 *
 * KEY is a three-digit decimal number, 100-999: help lists the commands in
 * increasing KEY (the linker sorts their sections by name, and three digits
 * sort as numbers), whatever file or link order they come from.  The
 * commands of today are 100, 110, ... 450 in help's order; a new one takes
 * a free number between its neighbours.  name is the command as typed, a C
 * identifier.  fn gets argc/argv with argv[0] the name, and is called only
 * with min..max words after the name.
 *
 * What the build refuses (tests/commands_test.py proves each once):
 *   - two commands of one name: both define shell_command_NAME, and the
 *     link fails with "multiple definition of `shell_command_NAME'";
 *   - two commands of one KEY (help's order would be the link order's):
 *     "multiple definition of `shell_command_order_KEY'";
 *   - a KEY that is not three digits, an empty summary or example, ARGS
 *     that say there are arguments when max is 0 (or none when it is not),
 *     min above max, more words than a line holds: a static assertion.
 */
#define SHELL_COMMAND(key, cname, cfn, cmin, cmax, cargs, csummary, cexample)		\
	_Static_assert((key) >= 100 && (key) <= 999 && sizeof(#key) == 4,		\
		       "shell command " #cname ": KEY is three decimal digits, 100-999");	\
	_Static_assert(sizeof("" csummary) > 1 && sizeof("" cexample) > 1,		\
		       "shell command " #cname ": help needs its summary and an example");	\
	_Static_assert((sizeof("" cargs) == 1) == ((cmax) == 0),			\
		       "shell command " #cname ": ARGS is empty exactly when max is 0");	\
	_Static_assert((cmin) <= (cmax) && (cmax) < SHELL_MAX_WORDS,			\
		       "shell command " #cname ": min <= max < SHELL_MAX_WORDS");		\
	const struct shell_command shell_command_##cname					\
	__attribute__((section(".shell_commands." #key), used, aligned(4))) = {		\
		.name = #cname, .args = cargs, .summary = csummary, .example = cexample,	\
		.fn = cfn, .min_args = cmin, .max_args = cmax, .order = key,		\
	};										\
	extern const struct shell_command shell_command_order_##key			\
	__attribute__((alias("shell_command_" #cname)))

/* A number (hex, decimal, K/M/G) or a name the kernel knows; when it is
 * neither, or the name's region does not exist here, prints why. */
bool shell_parse_addr(const char *s, uint32_t *out);
/* A number below 4 GB; prints why when it is not one. */
bool shell_parse_num(const char *s, uint32_t *out);
/* A physical address: below 4 GB, or 2^40 in an LPAE kernel. */
bool shell_parse_phys(const char *s, phys_addr_t *out);
/* rw rwx ro rx device uncached; prints the choices when s is none. */
bool shell_parse_type(const char *s, enum mem_type_id *t);
/* "usage: NAME ARGS"; returns 1. */
int shell_usage(const char *name);

/* The shell's two ways in: a run= list, then (or instead) the prompt. */
void shell_run_list(const char *list);
/* Run one line (split in place): 0, or non-zero if it failed. */
int shell_run_line(char *line);
_Noreturn void shell_interactive(void);

#endif
