/*
 * memlayout --from-dmesg FILE: start from a real boot log.
 *
 * The log is read (tools/dmesg.c) into a configuration, vmsplit's decision
 * is run on it through the caller's run() (memlayout's own path, its
 * output captured), and every memory-map line of the log is held against
 * the line of vmsplit's that says the same thing.  What the log did not say
 * is assumed, and each assumption is printed.  When no layout table says
 * where PAGE_OFFSET is, the split is found by running the decision for
 * each of the four: the one whose lowmem ends where the log's does.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "from_dmesg.h"
#include "rules.h"

#define MAX_LOG		(4u << 20)

static FILE *report;

static void put(const char *line)
{
	fprintf(report, "%s\n", line);
}

static char *read_log(const struct from_dmesg_ops *ops, const char *path)
{
	char *buf = malloc(MAX_LOG + 1);
	long n;

	if (!buf)
		return NULL;
	n = ops->read_file(path, buf, MAX_LOG);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

/* Where the log's lowmem zone ends (its lowmem limit), or 0. */
static uint64_t log_lowmem_end(const struct dmesg_log *log)
{
	const struct dmesg_line *normal = NULL, *dma = NULL;

	for (int i = 0; i < log->nr_lines; i++) {
		if (!strcmp(log->line[i].key, "zone Normal") && !log->line[i].empty)
			normal = &log->line[i];
		if (!strcmp(log->line[i].key, "zone DMA") && !log->line[i].empty)
			dma = &log->line[i];
	}
	return normal ? normal->end : dma ? dma->end : 0;
}

static bool has_key(const struct dmesg_log *log, const char *key)
{
	for (int i = 0; i < log->nr_lines; i++)
		if (!strcmp(log->line[i].key, key))
			return true;
	return false;
}

/*
 * No split ends lowmem where the log's does with the default vmalloc area,
 * and the log has no command line to say what it was given: under
 * VMSPLIT_3G (Debian's) the vmalloc= that would end it there, if running
 * the decision with it agrees.  The size is VMALLOC_END - __va(the end) -
 * the era's gap for vmalloc=.
 */
static bool try_vmalloc(struct dmesg_plan *p, const struct from_dmesg_ops *ops, char *buf, size_t n,
			uint64_t want)
{
	const struct vm_rules *r = find_vm_rules(p->rules);
	uint64_t va_end = 0xc0000000u + (want - p->phys_offset), got;
	size_t len = strlen(p->options);
	int64_t size;

	if (!r || va_end >= r->vmalloc_end)
		return false;
	size = (int64_t)r->vmalloc_end - (int64_t)va_end - (int64_t)r->arg_gap;
	if (size <= 0 || size % (1 << 20))
		return false;
	p->page_offset = 0xc0000000u;
	snprintf(p->options + len, sizeof(p->options) - len, " vmalloc=%lldM", (long long)(size >> 20));
	if (ops->run(p, buf, n, &got) == 0 && got == want) {
		for (int i = 0; i < p->nr_notes; i++)
			if (!strncmp(p->note[i], "assumed: PAGE_OFFSET", 20))
				snprintf(p->note[i], sizeof(p->note[i]),
					 "assumed: VMSPLIT_3G and vmalloc=%lldM (the log has no command line; that is "
					 "what ends lowmem at 0x%08" PRIx64 " as the log's does)", (long long)(size >> 20), want);
		return true;
	}
	p->options[len] = '\0';
	return false;
}

static void find_split(const struct dmesg_log *log, struct dmesg_plan *p,
		       const struct from_dmesg_ops *ops, char *buf, size_t n)
{
	static const uint32_t splits[] = { 0xc0000000, 0xb0000000, 0x80000000, 0x40000000 };
	uint64_t want = log_lowmem_end(log), got;
	uint32_t keep = p->page_offset;
	int matches = 0;
	uint32_t match = 0;

	if (has_key(log, "lowmem") || !want ||
	    !(has_key(log, "zone HighMem") || has_key(log, "ignoring")))
		return;		/* a table said it, or lowmem ends with the RAM: any split fits */
	for (size_t i = 0; i < sizeof(splits) / sizeof(splits[0]); i++) {
		p->page_offset = splits[i];
		if (ops->run(p, buf, n, &got) == 0 && got == want) {
			if (!matches++)
				match = splits[i];
		}
	}
	if (!matches && !log->have_cmdline && try_vmalloc(p, ops, buf, n, want))
		return;
	p->page_offset = matches ? match : keep;
	for (int i = 0; i < p->nr_notes; i++)
		if (!strncmp(p->note[i], "assumed: PAGE_OFFSET", 20))
			snprintf(p->note[i], sizeof(p->note[i]),
				 matches ? "read: PAGE_OFFSET 0x%08" PRIx32 " (the split whose lowmem ends at 0x%08" PRIx64
					   " as the log's does)" :
				 "assumed: PAGE_OFFSET 0x%08" PRIx32 ", VMSPLIT_3G (no split ends lowmem at 0x%08" PRIx64
				 " as the log's does)", p->page_offset, want);
}

static const char *split_of(uint32_t po)
{
	return po == 0xc0000000 ? "3G" : po == 0xb0000000 ? "3G_OPT" : po == 0x80000000 ? "2G" :
	       po == 0x40000000 ? "1G" : NULL;
}

/*
 * s as one word of a POSIX shell, so that the line can be pasted: in the
 * quotes asked for when nothing in s is special inside them (the usual
 * case, and what a person would type), else in single quotes with each
 * ' written '\''.  A boot log's command line may hold either quote
 * (foo="a b", it's).
 */
static void shell_word(const char *s, char quote)
{
	if (!strpbrk(s, quote == '"' ? "\"\\$`" : "'")) {
		fprintf(report, "%c%s%c", quote, s, quote);
		return;
	}
	fputc('\'', report);
	for (; *s; s++)
		if (*s == '\'')
			fputs("'\\''", report);
		else
			fputc(*s, report);
	fputc('\'', report);
}

static void print_commands(const struct dmesg_plan *p)
{
	uint64_t total = 0;

	fprintf(report, "  the same configuration: memlayout%s --built-for %s --phys-offset 0x%08" PRIx64 " --ram ",
		p->lpae ? " --lpae" : "", split_of(p->page_offset) ? split_of(p->page_offset) : "3G",
		p->phys_offset);
	for (int i = 0; i < p->nr_banks; i++) {
		uint64_t sz = p->bank[i].size;

		fprintf(report, "%s0x%08" PRIx64 ":%" PRIu64 "%s", i ? "," : "", p->bank[i].start,
			sz % (1u << 20) ? sz >> 10 : sz >> 20, sz % (1u << 20) ? "K" : "M");
		total += p->bank[i].size;
	}
	fputc(' ', report);
	shell_word(p->options, '"');
	fputc('\n', report);
	/* QEMU virt holds it when the RAM is one bank at 0x40000000. */
	if (p->nr_banks == 1 && p->bank[0].start == 0x40000000 && !(p->bank[0].size & ((1u << 20) - 1)))
	{
		fprintf(report, "  booted:  make run%s%s%s QEMU_MEM=%" PRIu64 "M APPEND=",
			p->lpae ? " LPAE=1" : "", p->page_offset != 0xc0000000 ? " VMSPLIT=" : "",
			p->page_offset != 0xc0000000 && split_of(p->page_offset) ? split_of(p->page_offset) : "",
			total >> 20);
		shell_word(p->options, '\'');
		fputc('\n', report);
	}
	else
		fprintf(report, "  booted:  not on QEMU virt, whose RAM is one bank at 0x40000000 "
			"(this board's starts at 0x%08" PRIx64 "%s)\n", p->bank[0].start,
			p->nr_banks > 1 ? ", in several banks" : "");
}

int from_dmesg(const char *path, const struct from_dmesg_ops *ops, FILE *out, FILE *err)
{
	static struct dmesg_log log;
	static struct dmesg_plan plan;
	static char vmsplit_out[1 << 16];
	char *text;
	int compared, differ;
	uint64_t lowmem_end;

	report = out;
	text = read_log(ops, path);
	if (!text) {
		fprintf(err, "memlayout: --from-dmesg %s: cannot read it\n", path);
		return 2;
	}
	if (dmesg_parse(&log, text) < 0) {
		fprintf(err, "memlayout: --from-dmesg %s: no line of a 32-bit ARM memory map in it "
			"(Memory:, Virtual kernel memory layout, Truncating RAM, Zone ranges, node ranges)\n", path);
		free(text);
		return 2;
	}
	free(text);
	fprintf(out, "from-dmesg: %s%s%s\n", path, log.release[0] ? ": Linux " : "", log.release);
	if (dmesg_plan(&log, &plan) < 0) {
		for (int i = 0; i < plan.nr_notes; i++)
			fprintf(err, "memlayout: --from-dmesg %s: %s\n", path, plan.note[i]);
		return 2;
	}
	find_split(&log, &plan, ops, vmsplit_out, sizeof(vmsplit_out));
	for (int i = 0; i < plan.nr_notes; i++)
		fprintf(out, "  %s\n", plan.note[i]);
	if (ops->run(&plan, vmsplit_out, sizeof(vmsplit_out), &lowmem_end) != 0) {
		fprintf(out, "  vmsplit refuses this configuration:\n%s", vmsplit_out);
		return 1;
	}
	print_commands(&plan);
	fprintf(out, "compared with vmsplit, line by line:\n");
	dmesg_compare(&log, vmsplit_out, put, &compared, &differ);
	fprintf(out, "from-dmesg: %d lines compared, %d the same, %d differ\n", compared, compared - differ, differ);
	return differ ? 1 : 0;
}
