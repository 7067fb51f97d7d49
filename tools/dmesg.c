/*
 * A boot log read back into a configuration (tools/dmesg.h says what and
 * why).  Host code: plain C with the C library.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmesg.h"
#include "memparse.h"
#include "rules.h"

#define MB	(UINT64_C(1) << 20)

/* ---- reading lines ---- */

/* The line's text without "<6>", "[    0.000000] " and msm's "c0      0 ". */
static const char *strip_prefix(const char *s)
{
	if (*s == '<') {
		const char *p = s + 1;

		while (isdigit((unsigned char)*p))
			p++;
		if (*p == '>' && p > s + 1)
			s = p + 1;
	}
	if (*s == '[') {
		const char *p = strchr(s, ']');

		if (p)
			s = p + 1;
		while (*s == ' ')
			s++;
	}
	/* msm: "c0      0 " (the CPU and the task before the text). */
	if (s[0] == 'c' && isdigit((unsigned char)s[1])) {
		const char *p = s + 1;

		while (isdigit((unsigned char)*p))
			p++;
		if (*p == ' ') {
			while (*p == ' ')
				p++;
			if (isdigit((unsigned char)*p)) {
				while (isdigit((unsigned char)*p))
					p++;
				if (*p == ' ')
					s = p + 1;
			}
		}
	}
	return s;
}

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static struct dmesg_line *add(struct dmesg_log *log, const char *key, const char *text)
{
	struct dmesg_line *l;

	if (log->nr_lines >= DMESG_MAX_LINES)
		return NULL;
	/* A log read from the console and from syslog has each line twice. */
	for (int i = 0; i < log->nr_lines; i++)
		if (!strcmp(log->line[i].key, key) && !strcmp(log->line[i].text, text))
			return NULL;
	l = &log->line[log->nr_lines++];
	memset(l, 0, sizeof(*l));
	snprintf(l->key, sizeof(l->key), "%s", key);
	snprintf(l->text, sizeof(l->text), "%s", text);
	return l;
}

/* "    vmalloc : 0xd8800000 - 0xe0000000   ( 120 MB)" (any spacing). */
static bool table_line(struct dmesg_log *log, const char *t)
{
	static const char *const labels[] = { "vector", "fixmap", "DMA", "vmalloc", "lowmem", "pkmap", "modules" };
	char label[16];
	unsigned long long a, b;

	while (*t == ' ' || *t == '\t')
		t++;
	if (sscanf(t, "%15s : 0x%llx - 0x%llx", label, &a, &b) != 3)
		return false;
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (!strcmp(label, labels[i])) {
			struct dmesg_line *l = add(log, label, t);

			if (l) {
				l->start = a;
				l->end = b;
			}
			return true;
		}
	return false;
}

/* "  HighMem  [mem 0x0000000070000000-0x00000000bfffffff]", "  Normal   empty". */
static bool zone_line(struct dmesg_log *log, const char *t)
{
	static const char *const zones[] = { "DMA", "Normal", "HighMem" };
	char name[16], rest[64];
	unsigned long long a, b;
	char key[32];

	while (*t == ' ')
		t++;
	if (sscanf(t, "%15s %63s", name, rest) != 2)
		return false;
	for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		if (strcmp(name, zones[i]))
			continue;
		snprintf(key, sizeof(key), "zone %s", name);
		if (!strcmp(rest, "empty")) {
			struct dmesg_line *l = add(log, key, t);

			if (l)
				l->empty = true;
			return true;
		}
		if (sscanf(t, "%*s [mem 0x%llx-0x%llx]", &a, &b) == 2) {
			struct dmesg_line *l = add(log, key, t);

			if (l) {
				l->start = a;
				l->end = b + 1;
			}
			return true;
		}
	}
	return false;
}

static void read_line(struct dmesg_log *log, const char *raw)
{
	const char *t = strip_prefix(raw);
	unsigned long long a, b;
	struct dmesg_line *l;

	if (starts(t, "Linux version ")) {
		if (sscanf(t, "Linux version %63s", log->release) == 1)
			sscanf(log->release, "%d.%d", &log->major, &log->minor);
	} else if (starts(t, "Kernel command line:")) {
		const char *c = t + strlen("Kernel command line:");

		while (*c == ' ')
			c++;
		snprintf(log->cmdline, sizeof(log->cmdline), "%s", c);
		log->have_cmdline = true;
	} else if (sscanf(t, "Truncating RAM at %llx-%llx", &a, &b) == 2) {
		if ((l = add(log, "truncating", t))) {
			l->start = a;
			l->end = b + 1;
		}
	} else if (sscanf(t, "Ignoring RAM at 0x%llx-0x%llx", &a, &b) == 2 ||
		   sscanf(t, "Ignoring RAM at %llx-%llx", &a, &b) == 2) {
		if ((l = add(log, "ignoring", t))) {
			l->start = a;
			/* 3.x prints the last byte, 4.x+ the end. */
			l->end = strstr(t, "(vmalloc region overlap)") || strstr(t, "CONFIG_HIGHMEM") ? b + 1 : b;
		}
	} else if (starts(t, "Consider using a HIGHMEM enabled kernel")) {
		add(log, "no highmem", t);
	} else if (starts(t, "Truncating memory at ") || starts(t, "OF: fdt: Ignoring memory range") ||
		   starts(t, "Ignoring memory range")) {
		const char *r = strstr(t, "range 0x");

		if ((l = add(log, "past 32 bits", t)) && r && sscanf(r, "range 0x%llx - 0x%llx", &a, &b) == 2) {
			l->start = a;	/* the firmware's RAM there, which Linux dropped */
			l->end = b;
		}
	} else if (strstr(t, "vmalloc area") && strstr(t, "limiting to")) {
		add(log, "vmalloc warning", t);
	} else if (starts(t, "Memory: ") && strstr(t, " total")) {
		add(log, "memory total", t);
	} else if (starts(t, "Memory: ") && strstr(t, "highmem")) {
		const char *h = strstr(t, "K highmem");
		const char *p = h;

		if (!h && (h = strstr(t, "k highmem")))
			p = h;
		if (p) {
			while (p > t && isdigit((unsigned char)p[-1]))
				p--;
			if ((l = add(log, "highmem kB", t)))
				l->start = strtoull(p, NULL, 10);
		}
	} else if (sscanf(t, " node %*d: [mem 0x%llx-0x%llx]", &a, &b) == 2) {
		if ((l = add(log, "node", t))) {
			l->start = a;
			l->end = b + 1;
		}
	} else if (!table_line(log, t)) {
		zone_line(log, t);
	}
}

int dmesg_parse(struct dmesg_log *log, const char *text)
{
	char line[512];

	memset(log, 0, sizeof(*log));
	while (*text) {
		size_t n = strcspn(text, "\n");
		size_t k = n < sizeof(line) - 1 ? n : sizeof(line) - 1;

		memcpy(line, text, k);
		line[k] = '\0';
		if (k && line[k - 1] == '\r')
			line[k - 1] = '\0';
		/* A log copied from a web page: its no-break spaces (UTF-8
		 * C2 A0) are spaces. */
		for (char *c = line; (c = strstr(c, "\xc2\xa0")); ) {
			*c = ' ';
			memmove(c + 1, c + 2, strlen(c + 2) + 1);
		}
		read_line(log, line);
		text += n;
		if (*text == '\n')
			text++;
	}
	for (int i = 0; i < log->nr_lines; i++)
		if (strcmp(log->line[i].key, "highmem kB"))
			return 0;
	return -1;
}

/* ---- the configuration ---- */

static const struct dmesg_line *find(const struct dmesg_log *log, const char *key, int nth)
{
	for (int i = 0; i < log->nr_lines; i++)
		if (!strcmp(log->line[i].key, key) && nth-- == 0)
			return &log->line[i];
	return NULL;
}

static void note(struct dmesg_plan *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void note(struct dmesg_plan *p, const char *fmt, ...)
{
	va_list ap;

	if (p->nr_notes >= DMESG_MAX_NOTES)
		return;
	va_start(ap, fmt);
	vsnprintf(p->note[p->nr_notes++], sizeof(p->note[0]), fmt, ap);
	va_end(ap);
}

/* The era of a version, or from the lines when there is no version. */
static void choose_rules(const struct dmesg_log *log, struct dmesg_plan *p)
{
	char v[32];
	int maj = log->major, min = log->minor;

	if (maj) {
		snprintf(v, sizeof(v), "%d.%d", maj, min);
		if (maj < 3 || (maj == 3 && min <= 2))
			p->rules = "2.6.36";
		else if (maj < 5 || (maj == 5 && min == 0))
			p->rules = "3.4";
		else if (maj == 5 && min <= 13)
			p->rules = "5.10";
		else
			p->rules = "modern";
		if ((maj == 3 && min > 4) || maj == 4 || (maj == 5 && min == 0))
			note(p, "assumed: Linux %s lies between the eras vmsplit models (3.3-3.4, 5.1 on): its 3.4 rules", v);
		else
			note(p, "read: Linux %s (\"Linux version\"): rules=%s", v, p->rules);
		return;
	}
	if (find(log, "zone DMA", 0) || find(log, "zone Normal", 0) || find(log, "zone HighMem", 0)) {
		p->rules = "modern";
		note(p, "assumed: rules=modern (no \"Linux version\" line; zones are printed as 5.1 on prints them)");
	} else if (find(log, "DMA", 0)) {
		p->rules = "2.6.36";
		note(p, "assumed: rules=2.6.36 (no \"Linux version\" line; the table has a DMA line, as up to 3.1)");
	} else {
		p->rules = "3.4";
		note(p, "assumed: rules=3.4 (no \"Linux version\" line; the table without a DMA line, as 3.2-5.0)");
	}
}

static bool add_bank(struct dmesg_plan *p, uint64_t start, uint64_t end)
{
	for (int i = 0; i < p->nr_banks; i++)
		if (p->bank[i].start == start)
			return true;
	if (p->nr_banks >= DMESG_MAX_BANKS || end <= start)
		return false;
	p->bank[p->nr_banks].start = start;
	p->bank[p->nr_banks].size = end - start;
	p->nr_banks++;
	return true;
}

/* mem=SIZE[@START] of the command line: the banks Linux was told. */
static int banks_from_mem(const char *cmdline, uint64_t base, struct dmesg_plan *p)
{
	int n = 0;

	for (const char *s = cmdline; (s = strstr(s, "mem=")); s += 4) {
		const char *end;
		uint64_t size, start = base;

		if (s != cmdline && s[-1] != ' ')
			continue;
		/* The kernel's own reading of mem=SIZE[@START]. */
		size = memparse(s + 4, &end);
		if (*end == '@')
			start = memparse(end + 1, &end);
		if (size && add_bank(p, start, start + size))
			n++;
	}
	return n;
}

static uint64_t first_ram(const struct dmesg_log *log, bool *found)
{
	static const char *const keys[] = { "node", "truncating", "ignoring" };

	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		const struct dmesg_line *l = find(log, keys[k], 0);

		if (l) {
			*found = true;
			return l->start;
		}
	}
	*found = false;
	return 0;
}

static void choose_banks(const struct dmesg_log *log, struct dmesg_plan *p)
{
	const struct dmesg_line *l;
	bool found;
	char a[32];

	p->phys_offset = first_ram(log, &found);
	if (!found) {
		const char *at = strstr(log->cmdline, "mem=");

		at = at ? strchr(at, '@') : NULL;
		if (at) {
			p->phys_offset = strtoull(at + 1, NULL, 0);
			found = true;
		}
	}
	snprintf(a, sizeof(a), "0x%08" PRIx64, p->phys_offset & ~(uint64_t)(2 * MB - 1));
	if (found && p->phys_offset % (2 * MB)) {
		note(p, "read: PHYS_OFFSET %s (the first RAM the log names, 0x%08" PRIx64 ", rounded down to "
		     "2 MB as a one-image kernel finds it)", a, p->phys_offset);
		p->phys_offset &= ~(uint64_t)(2 * MB - 1);
	} else if (found) {
		note(p, "read: PHYS_OFFSET %s (where the first RAM the log names starts)", a);
	} else {
		p->phys_offset = 0x40000000;
		note(p, "assumed: PHYS_OFFSET 0x40000000, QEMU virt's (the log names no physical address)");
	}
	for (int i = 0; (l = find(log, "node", i)); i++)
		add_bank(p, l->start, l->end);
	if (p->nr_banks) {
		note(p, "read: the RAM from the \"node\" lines (memblock's memory)");
		if ((l = find(log, "past 32 bits", 0)) && l->end > l->start) {
			/* "range": the end of a bank that crossed 4 GB (memblock
			 * kept it to 0xfffffffe); "block": a bank of its own. */
			int last = p->nr_banks - 1;

			if (strstr(l->text, "memory range") && p->bank[last].start < l->start)
				p->bank[last].size = l->end - p->bank[last].start;
			else
				add_bank(p, l->start, l->end);
			note(p, "read: RAM at 0x%" PRIx64 "-0x%" PRIx64 " too, which the kernel dropped (past 32 bits)",
			     l->start, l->end - 1);
		}
		return;
	}
	if (banks_from_mem(log->cmdline, p->phys_offset, p)) {
		note(p, "read: the RAM from mem= on the command line");
		return;
	}
	for (int i = 0; (l = find(log, "truncating", i)); i++)
		add_bank(p, l->start, l->end);
	for (int i = 0; (l = find(log, "ignoring", i)); i++)
		add_bank(p, l->start, l->end);
	if (p->nr_banks) {
		note(p, "read: the RAM from the Truncating/Ignoring lines");
		return;
	}
	/* The lowmem table line's size, and highmem's. */
	if ((l = find(log, "lowmem", 0))) {
		const struct dmesg_line *h = find(log, "highmem kB", 0);
		uint64_t size = l->end - l->start + (h ? h->start << 10 : 0);

		add_bank(p, p->phys_offset, p->phys_offset + size);
		note(p, "assumed: one bank from PHYS_OFFSET, as big as lowmem%s (the log names no bank)",
		     h && h->start ? " and highmem" : "");
	}
}

static void choose_highmem(const struct dmesg_log *log, struct dmesg_plan *p)
{
	const struct dmesg_line *h = find(log, "highmem kB", 0);
	const struct dmesg_line *z = find(log, "zone HighMem", 0);

	if (find(log, "pkmap", 0) || (z && !z->empty) || (h && h->start)) {
		p->highmem = true;
		note(p, "read: highmem on (%s)", find(log, "pkmap", 0) ? "a pkmap line" :
		     z ? "a HighMem zone" : "highmem in the Memory: line");
	} else if (find(log, "no highmem", 0) || find(log, "truncating", 0)) {
		note(p, "read: highmem off (%s)", find(log, "no highmem", 0) ?
		     "\"Consider using a HIGHMEM enabled kernel\"" : "RAM was truncated");
	} else {
		note(p, "assumed: highmem off (the log does not say)");
	}
}

/*
 * A table whose lowmem was cut by the vmalloc area (there is highmem, or RAM
 * was truncated) says how big the vmalloc space was asked to be: lowmem ends
 * at vmalloc_min = VMALLOC_END - SIZE - the era's gap.  When that is not the
 * era's default and the command line has no vmalloc=, the log's kernel had
 * another one (a board's bootloader often passes it).  Returns what it wrote.
 */
static size_t infer_vmalloc(const struct dmesg_log *log, struct dmesg_plan *p, char *out, size_t n)
{
	const struct vm_rules *r = find_vm_rules(p->rules);
	const struct dmesg_line *low = find(log, "lowmem", 0), *vm = find(log, "vmalloc", 0);
	uint64_t end, room;

	const struct dmesg_line *warn = find(log, "vmalloc warning", 0);

	/* No command line in the log (a kernel that panicked early), but its
	 * early_vmalloc() warning: any size past the limit it names gives the
	 * same clamp and the same line. */
	if (r && warn && !log->have_cmdline) {
		const char *lim = strstr(warn->text, "limiting to ");
		uint64_t mb = lim ? strtoull(lim + strlen("limiting to "), NULL, 10) : 0;
		bool big = strstr(warn->text, "too big") != NULL;

		if (mb) {
			uint64_t ask = big ? mb + 1 : (mb > 1 ? mb / 2 : 1);

			note(p, "assumed: vmalloc=%" PRIu64 "M (the log has no command line; its warning says "
			     "vmalloc= was %s than %" PRIu64 " MB)", ask, big ? "more" : "less", mb);
			return (size_t)snprintf(out, n, " vmalloc=%" PRIu64 "M", ask);
		}
	}
	if (!r || !low || !vm || strstr(log->cmdline, "vmalloc=") ||
	    !(p->highmem || find(log, "truncating", 0) || find(log, "ignoring", 0)))
		return 0;
	end = r->vmalloc_end_is_platform ? vm->end : r->vmalloc_end;
	room = end - low->end;
	if (room == (uint64_t)r->vmalloc_default + r->default_gap || room <= r->arg_gap)
		return 0;
	note(p, "read: vmalloc=%" PRIu64 "M (lowmem ends %" PRIu64 " MB below VMALLOC_END 0x%08" PRIx64
	     ", not the default's %" PRIu32 " MB; the command line has no vmalloc=)",
	     (room - r->arg_gap) / MB, room / MB, end, (r->vmalloc_default + r->default_gap) >> 20);
	return (size_t)snprintf(out, n, " vmalloc=%" PRIu64 "M", (room - r->arg_gap) / MB);
}

int dmesg_plan(const struct dmesg_log *log, struct dmesg_plan *p)
{
	const struct dmesg_line *l;
	size_t n;

	memset(p, 0, sizeof(*p));
	choose_rules(log, p);
	choose_banks(log, p);
	choose_highmem(log, p);
	/* LPAE: an -lpae kernel, or RAM past 4 GB that the kernel kept (one
	 * that dropped it, "Ignoring memory range", had 32-bit addresses). */
	p->lpae = strstr(log->release, "lpae") != NULL;
	for (int i = 0; i < p->nr_banks && !find(log, "past 32 bits", 0); i++)
		if (p->bank[i].start + p->bank[i].size > UINT64_C(1) << 32)
			p->lpae = true;
	if (p->lpae)
		note(p, "read: LPAE (%s)", strstr(log->release, "lpae") ? "an -lpae kernel" : "RAM past 4 GB");
	if ((l = find(log, "lowmem", 0))) {
		p->page_offset = (uint32_t)l->start;
		note(p, "read: PAGE_OFFSET 0x%08" PRIx32 " (the lowmem line)", p->page_offset);
	} else {
		p->page_offset = 0xc0000000;
		note(p, "assumed: PAGE_OFFSET 0xc0000000, VMSPLIT_3G (the log has no layout table)");
	}
	n = (size_t)snprintf(p->options, sizeof(p->options), "rules=%s highmem=%s", p->rules,
			     p->highmem ? "on" : "off");
	n += infer_vmalloc(log, p, p->options + n, sizeof(p->options) - n);
	/* 2.6.36: VMALLOC_END and the DMA size were the platform's. */
	if (!strcmp(p->rules, "2.6.36")) {
		if ((l = find(log, "vmalloc", 0)) && n < sizeof(p->options))
			n += (size_t)snprintf(p->options + n, sizeof(p->options) - n,
					      " vmalloc_end=0x%08" PRIx64, l->end);
		if ((l = find(log, "DMA", 0)) && n < sizeof(p->options))
			n += (size_t)snprintf(p->options + n, sizeof(p->options) - n,
					      " dma_size=%" PRIu64 "M", (l->end - l->start) / MB);
	}
	if (log->have_cmdline && n < sizeof(p->options))
		snprintf(p->options + n, sizeof(p->options) - n, " %s", log->cmdline);
	if (!p->nr_banks) {
		note(p, "refused: the log says nothing about where the RAM is");
		return -1;
	}
	return 0;
}

/* ---- the comparison ---- */

/* Spaces collapsed, so the two sides' column widths do not matter. */
static void squeeze(char *out, size_t n, const char *in)
{
	size_t k = 0;
	bool space = false;

	while (*in == ' ')
		in++;
	for (; *in && k + 1 < n; in++) {
		if (*in == ' ' || *in == '\t') {
			space = true;
			continue;
		}
		if (space && k + 1 < n)
			out[k++] = ' ';
		space = false;
		out[k++] = *in;
	}
	out[k] = '\0';
}

/* The zone that holds lowmem: Normal, or DMA when the kernel has
 * ZONE_DMA over all of lowmem (Debian's) and prints "Normal empty". */
static const struct dmesg_line *lowmem_zone(const struct dmesg_log *log)
{
	const struct dmesg_line *n = find(log, "zone Normal", 0), *d = find(log, "zone DMA", 0);

	if (n && !n->empty)
		return n;
	return d && !d->empty ? d : NULL;
}

static bool ranged(const char *key)
{
	return strcmp(key, "memory total") && strcmp(key, "truncating") && strcmp(key, "ignoring") &&
	       strcmp(key, "no highmem") && strcmp(key, "past 32 bits") && strcmp(key, "vmalloc warning");
}

void dmesg_compare(const struct dmesg_log *log, const char *vmsplit_text,
		   void (*print)(const char *line), int *compared, int *differ)
{
	static struct dmesg_log vs;
	char buf[700], a[256], b[256];

	dmesg_parse(&vs, vmsplit_text);
	*compared = *differ = 0;
	for (int i = 0; i < log->nr_lines; i++) {
		const struct dmesg_line *l = &log->line[i], *v = NULL;
		int nth = 0;

		if (!strcmp(l->key, "highmem kB"))
			continue;	/* a count of this kernel's own pages */
		if (!strncmp(l->key, "zone ", 5)) {
			if (l->empty)
				continue;	/* "Normal empty" beside a DMA zone: not a range */
			if (strcmp(l->key, "zone HighMem")) {
				if (l != lowmem_zone(log))
					continue;
				v = lowmem_zone(&vs);
			} else {
				v = find(&vs, "zone HighMem", 0);
			}
		} else {
			for (int j = 0; j < i; j++)
				nth += !strcmp(log->line[j].key, l->key);
			v = find(&vs, l->key, nth);
		}
		(*compared)++;
		if (!v) {
			(*differ)++;
			snprintf(buf, sizeof(buf), "  not in vmsplit's output: %s", l->text);
			print(buf);
			continue;
		}
		squeeze(a, sizeof(a), l->text);
		squeeze(b, sizeof(b), v->text);
		if (ranged(l->key) ? (l->start == v->start && l->end == v->end) : !strcmp(a, b)) {
			snprintf(buf, sizeof(buf), "  same     %s", a);
		} else {
			(*differ)++;
			snprintf(buf, sizeof(buf), "  differs  Linux:   %s\n           vmsplit: %s", a, b);
		}
		print(buf);
	}
}
