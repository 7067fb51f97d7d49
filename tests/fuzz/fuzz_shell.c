/*
 * libFuzzer harness: the shell's line parsing, the part of the console
 * that takes any byte a user or a program sends: the word splitter, then
 * every word through the number parsers the commands use (parse_u32,
 * memparse).  The splitter must never write outside the line or return
 * more words than asked; a parsed number must be what it says.
 */
#include <stdint.h>
#include <string.h>

#include "args.h"
#include "fuzz_common.h"
#include "memparse.h"

#define MAX_WORDS 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = malloc(size + 1), *argv[MAX_WORDS];
	int argc;

	memcpy(line, data, size);
	line[size] = '\0';
	argc = split_args(line, argv, MAX_WORDS);
	if (argc > MAX_WORDS || argc < -1)
		abort();
	for (int i = 0; i < argc; i++) {
		uint32_t v;
		const char *end;

		if (argv[i] < line || argv[i] >= line + size || !*argv[i] ||
		    strchr(argv[i], ' ') || strchr(argv[i], '\t'))
			abort();
		if (parse_u32(argv[i], &v)) {
			/* A strict number: memparse reads the same value. */
			uint64_t m = memparse(argv[i], &end);

			if (m != v || *end)
				abort();
		}
	}
	free(line);
	return 0;
}
