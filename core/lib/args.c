/*
 * A shell line into words: split at spaces and tabs, in place.  Shared
 * with the host, where tests/fuzz/fuzz_shell.c feeds it any bytes.
 */
#include "args.h"

int split_args(char *line, char **argv, int max)
{
	int argc = 0;

	for (char *p = line; *p;) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (!*p)
			break;
		if (argc == max)
			return -1;	/* too many words */
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	return argc;
}
