/*
 * Reading a 32-bit ARM Linux boot log (dmesg) back into a configuration:
 * what memlayout --from-dmesg starts from.
 *
 * dmesg_parse() keeps the lines that describe the memory map, in any era:
 * 2.6.3x and 3.x's "Memory: ...MB total" and "Virtual kernel memory layout:"
 * table, the Truncating/Ignoring lines, modern kernels' "Zone ranges:" and
 * "Early memory node ranges", the version and the command line.  Prefixes
 * are dropped: "<6>", "[    0.000000] ", msm's "c0      0 ".
 *
 * dmesg_plan() turns what was read into what vmsplit needs (the era's
 * rules, PAGE_OFFSET, PHYS_OFFSET, the RAM banks, highmem, the command
 * line) and says, for each, where it came from or what it had to assume.
 *
 * dmesg_compare() holds vmsplit's lines for that configuration against the
 * log's, line by line, by what each line describes.
 */
#ifndef VMSPLIT_DMESG_H
#define VMSPLIT_DMESG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DMESG_MAX_LINES		64
#define DMESG_MAX_BANKS		8
#define DMESG_MAX_NOTES		16

/* A line of the log that says something about the map. */
struct dmesg_line {
	char key[32];		/* what it describes: "lowmem", "zone HighMem", "truncating", ... */
	char text[256];		/* the line, prefixes dropped */
	/* The numbers it carries (a range for table and zone lines). */
	uint64_t start, end;
	bool empty;		/* "Normal   empty" */
};

struct dmesg_log {
	int major, minor;		/* Linux version, 0 if no "Linux version" line */
	char release[64];		/* "6.1.0-57-armmp" */
	char cmdline[1024];
	bool have_cmdline;
	int nr_lines;
	struct dmesg_line line[DMESG_MAX_LINES];
};

struct dmesg_plan {
	const char *rules;		/* "2.6.36", "3.4", "5.10", "modern" */
	uint32_t page_offset;
	uint64_t phys_offset;
	bool lpae, highmem;
	int nr_banks;
	struct { uint64_t start, size; } bank[DMESG_MAX_BANKS];
	char options[1400];		/* vmsplit's command line: rules=, highmem=, ... then Linux's */
	int nr_notes;
	char note[DMESG_MAX_NOTES][200];	/* "read: ...", "assumed: ..." */
};

/* 0, or -1 when nothing in the text is a memory-map line. */
int dmesg_parse(struct dmesg_log *log, const char *text);

/* 0, or -1 when the log does not say enough to place the RAM (a note says why). */
int dmesg_plan(const struct dmesg_log *log, struct dmesg_plan *plan);

/*
 * For each line of the log, the line of vmsplit's output (its text, as
 * memlayout prints it) that describes the same thing: print "same",
 * "differs" (both lines) or "not in vmsplit's output".  *compared and
 * *differ count them.  Lines vmsplit prints and the log does not are not
 * counted (the log may be cut).
 */
void dmesg_compare(const struct dmesg_log *log, const char *vmsplit_text,
		   void (*print)(const char *line), int *compared, int *differ);

#endif
