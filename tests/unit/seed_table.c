/* The seeds' layout tables read from the seed files (seed_table.h). */
#define _POSIX_C_SOURCE 200809L	/* opendir() under -std=c11 */

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "seed_table.h"

#define MAX_LINES	16

static char seed_dir[4096] = "../shared/seeds";

void seed_dir_from(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');
	int len = slash ? (int)(slash - argv0) : 1;

	snprintf(seed_dir, sizeof(seed_dir), "%.*s/../../../shared/seeds", len,
		 slash ? argv0 : ".");
}

static const char *const regions[] = {
	"vector", "fixmap", "DMA", "vmalloc", "lowmem", "pkmap", "modules", NULL,
};
static const char *const sections[] = { ".text", ".init", ".data", ".bss", NULL };

/* One table line of the seed, however spaced: its name, bounds and size. */
static bool parse_line(const char *s, bool *image, const char **name,
		       unsigned *start, unsigned *end, unsigned *size, char unit[3])
{
	for (int pass = 0; pass < 2; pass++)
		for (const char *const *n = pass ? sections : regions; *n; n++) {
			const char *p = strstr(s, *n);

			if (!p || (p > s && p[-1] != ' ' && p[-1] != '\t'))
				continue;
			p += strlen(*n);
			if (sscanf(p, " : 0x%8x - 0x%8x ( %u %2[kMB] )", start, end, size, unit) == 4) {
				*image = pass;
				*name = *n;
				return true;
			}
		}
	return false;
}

/* The seed file whose name starts with prefix. */
static FILE *open_seed(const char *prefix, char *path, size_t n)
{
	DIR *d = opendir(seed_dir);
	struct dirent *e;
	FILE *f = NULL;

	if (!d)
		fail_msg("the seeds: cannot open the directory %s", seed_dir);
	while (!f && (e = readdir(d)))
		if (!strncmp(e->d_name, prefix, strlen(prefix)) &&
		    strlen(e->d_name) > 4 && !strcmp(e->d_name + strlen(e->d_name) - 4, ".txt")) {
			snprintf(path, n, "%s/%s", seed_dir, e->d_name);
			f = fopen(path, "r");
		}
	closedir(d);
	if (!f)
		fail_msg("the seeds: no %s*.txt in %s", prefix, seed_dir);
	return f;
}

const char *const *seed_table(const char *prefix, int index, bool with_image)
{
	static char text[MAX_LINES][80];
	static const char *lines[MAX_LINES + 1];
	char path[4400], buf[512];
	FILE *f = open_seed(prefix, path, sizeof(path));
	int tables = 0, n = 0;
	bool in = false;

	while (fgets(buf, sizeof(buf), f)) {
		const char *name;
		unsigned start, end, size;
		char unit[3];
		bool image;

		if (!in) {
			if (strstr(buf, "Virtual kernel memory layout") && tables++ == index)
				in = true;
			continue;
		}
		if (!parse_line(buf, &image, &name, &start, &end, &size, unit)) {
			if (n)
				break;
			continue;
		}
		if (image && !with_image)
			continue;
		if (n == MAX_LINES)
			fail_msg("the seeds: table %d of %s has more than %d lines", index, path, MAX_LINES);
		if (image)
			snprintf(text[n], sizeof(text[n]), "%11s : 0x%08x - 0x%08x   (%4u %s)",
				 name, start, end, size, unit);
		else
			snprintf(text[n], sizeof(text[n]), "    %-7s : 0x%08x - 0x%08x   (%4u %s)",
				 name, start, end, size, unit);
		lines[n] = text[n];
		n++;
	}
	fclose(f);
	if (!n)
		fail_msg("the seeds: %s has no table %d with region lines", path, index);
	lines[n] = NULL;
	return lines;
}
