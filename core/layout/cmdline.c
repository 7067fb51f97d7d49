/*
 * The kernel command line.
 *
 * Two passes, because Linux's own order has two layers: options that stand
 * for build-time choices (which rule set, CONFIG_HIGHMEM, the VMSPLIT, the
 * platform's VMALLOC_END) must be known before any early parameter is read,
 * and then mem= and vmalloc= are applied left to right, each printing what
 * Linux prints at that moment.
 */
#include <inttypes.h>
#include <string.h>

#include "cmdline.h"
#include "layout.h"
#include "memparse.h"
#include "phys_offset.h"
#include "printk.h"
#include "sizes.h"

/* CONFIG_VMSPLIT_*: where the kernel's share of the 4 GB begins, and
 * the TTBCR an LPAE kernel sets for it (T1SZ = (PAGE_OFFSET >> 30) - 1). */
static const struct split_info splits[] = {
	{ "3G", 0xc0000000, true, 0, 2, NULL },
	{ "3G_OPT", 0xb0000000, false, 0, 0,
	  "VMSPLIT_3G_OPT depends on !ARM_LPAE (arch/arm/Kconfig): its PAGE_OFFSET 0xb0000000 is not on "
	  "the 1 GB boundaries where LPAE's first level, and TTBR1's range, divide the 4 GB" },
	{ "2G", 0x80000000, true, 0, 1, NULL },
	{ "1G", 0x40000000, true, 0, 0, NULL },
};

const struct split_info *split_info_of(uint32_t page_offset)
{
	for (unsigned i = 0; i < ARRAY_SIZE(splits); i++)
		if (splits[i].page_offset == page_offset)
			return &splits[i];
	return NULL;
}

const char *split_name(uint32_t page_offset)
{
	for (unsigned i = 0; i < ARRAY_SIZE(splits); i++)
		if (splits[i].page_offset == page_offset)
			return splits[i].name;
	return NULL;
}

bool split_from_name(const char *name, uint32_t *page_offset)
{
	for (unsigned i = 0; i < ARRAY_SIZE(splits); i++)
		if (strcmp(splits[i].name, name) == 0) {
			*page_offset = splits[i].page_offset;
			return true;
		}
	return false;
}

/* Linux parameters that do not touch the memory map: accepted quietly so a
 * real board's command line can be pasted as it is. */
static const char *const harmless[] = {
	"console", "earlycon", "earlyprintk", "root", "rootwait", "rootfstype",
	"rw", "ro", "init", "loglevel", "quiet", "debug", "ignore_loglevel",
	"panic", "nosmp", "maxcpus", "initrd",
	"printk.time",		/* the kernel's printk reads it: boot_param_bool() */
};

void boot_config_init(struct boot_config *bc, uint32_t page_offset,
		      phys_addr_t phys_offset)
{
	memset(bc, 0, sizeof(*bc));
	bc->rules = default_rules;
	bc->page_offset = page_offset;
	bc->phys_offset = phys_offset;
	bc->vmalloc_end = default_rules->vmalloc_end;
	bc->dma_size = default_rules->dma_size_default;
}

/* RAM below PHYS_OFFSET has no linear-map address (its __va would fall
 * below PAGE_OFFSET): Linux's early_init_dt_add_memory_arch() drops it
 * with these lines. */
void boot_config_add_ram(struct boot_config *bc, phys_addr_t start,
			 phys_addr_t size)
{
	char a[17], e[17];

	if (size && start < bc->phys_offset) {
		if (start + size <= bc->phys_offset) {
			printk("Ignoring memory block 0x%s - 0x%s\n", phys_hex(a, start), phys_hex(e, start + size));
			return;
		}
		printk("Ignoring memory range 0x%s - 0x%s\n", phys_hex(a, start), phys_hex(e, bc->phys_offset));
		size -= bc->phys_offset - start;
		start = bc->phys_offset;
	}
	/* LPAE: a 64-bit phys_addr_t keeps RAM above 4 GB, but no descriptor
	 * can point past 40 bits: what lies beyond is no RAM to this kernel
	 * (said by report_clipped()). */
	if (bc->lpae && size && start + size > LPAE_PHYS_LIMIT) {
		if (bc->nr_clipped < NR_BANKS) {
			bc->clipped[bc->nr_clipped].start = start;
			bc->clipped[bc->nr_clipped++].end = start + size;
		}
		if (start >= LPAE_PHYS_LIMIT)
			return;
		size = LPAE_PHYS_LIMIT - start;
	}
	if (bc->ram.nr_banks < NR_BANKS) {
		struct membank *r = &bc->ram.bank[bc->ram.nr_banks++];

		r->start = start;
		r->size = size;
	}
	/* Past 32 bits: every era keeps what lies below 4 GB less its last
	 * page; what it says depends on the era, known only once the command
	 * line's rules= is read (report_clipped()). */
	if (!bc->lpae && size && start + size > (phys_addr_t)UINT32_MAX && bc->nr_clipped < NR_BANKS) {
		bc->clipped[bc->nr_clipped].start = start;
		bc->clipped[bc->nr_clipped++].end = start + size;
		if (start > (phys_addr_t)UINT32_MAX)
			return;
		size = (phys_addr_t)UINT32_MAX - start;
	}
	if (arm_add_memory_phys(&bc->mi, start, size, bc->lpae) == 0)
		bc->firmware = bc->mi;
}

static void report_clipped(const struct boot_config *bc)
{
	char a[17], e[17];

	for (int i = 0; i < bc->nr_clipped; i++) {
		phys_addr_t s = bc->clipped[i].start, end = bc->clipped[i].end;

		if (bc->lpae && s >= LPAE_PHYS_LIMIT)
			printk("vmsplit: memory 0x%s-0x%s lies past LPAE's 40-bit physical address space; ignored\n",
			       phys_hex(a, s), phys_hex(e, end - 1));
		else if (bc->lpae)
			printk("vmsplit: memory at 0x%s runs past LPAE's 40-bit physical address space; cut at 0x%s\n",
			       phys_hex(a, s), phys_hex(e, LPAE_PHYS_LIMIT));
		else if (!bc->rules->dt_memory_generic && s > (phys_addr_t)UINT32_MAX)
			printk("Ignoring memory at 0x%s outside 32-bit physical address space\n", phys_hex(a, s));
		else if (!bc->rules->dt_memory_generic)
			printk("Truncating memory at 0x%s to fit in 32-bit physical address space\n", phys_hex(a, s));
		/* From 4.x the generic drivers/of/fdt.c says it, with its
		 * "OF: fdt: " prefix (pr_fmt), as Debian's 6.1 and 5.10 print. */
		else if (s > (phys_addr_t)UINT32_MAX)
			printk("OF: fdt: Ignoring memory block 0x%s - 0x%s\n", phys_hex(a, s), phys_hex(e, end));
		else if (end > (phys_addr_t)UINT32_MAX + 1)
			printk("OF: fdt: Ignoring memory range 0x%s - 0x%s\n", phys_hex(a, (phys_addr_t)UINT32_MAX + 1),
			       phys_hex(e, end));
	}
}

static void problem(struct boot_config *bc);

static void add_rsv(struct boot_config *bc, phys_addr_t start, phys_addr_t end)
{
	if (start < end && bc->rsv.nr_banks < NR_BANKS) {
		bc->rsv.bank[bc->rsv.nr_banks].start = start;
		bc->rsv.bank[bc->rsv.nr_banks++].size = end - start;
	}
}

/*
 * A firmware reservation is honoured except where it cannot be: past 4 GB
 * (no LPAE: cut there; LPAE: past 40 bits), and over the first KERNEL_REGION_SIZE of RAM, where
 * the loader already put the device tree and the kernel (reserved by the
 * kernel itself) and where the first page tables come from: reserving the
 * rest of it would stop the boot ("cannot map lowmem").
 */
void boot_config_reserve_ram(struct boot_config *bc, phys_addr_t start, phys_addr_t size)
{
	const phys_addr_t top = bc->lpae ? LPAE_PHYS_LIMIT : (phys_addr_t)1 << 32;
	phys_addr_t end = start + size, lo = bc->phys_offset, hi = lo + KERNEL_REGION_SIZE;
	char a[17], s[17], l[17], h[17];

	if (!size)
		return;
	phys_hex(a, start);
	phys_hex(s, size);
	if (end < start || end > top) {
		printk("vmsplit: /memreserve/ 0x%s (+0x%s) runs past %s; cut there\n", a, s,
		       bc->lpae ? "LPAE's 40-bit physical address space" : "4 GB");
		end = top;
	}
	if (start >= end)
		return;
	if (start < hi && lo < end) {
		printk("vmsplit: /memreserve/ 0x%s (+0x%s) covers 0x%s-0x%s, where the device tree and the "
		       "kernel are; that part is not reserved\n", a, s, phys_hex(l, lo), phys_hex(h, hi - 1));
		add_rsv(bc, start, lo);
		add_rsv(bc, hi, end);
		return;
	}
	add_rsv(bc, start, end);
}

/*
 * Linux's memblock_remove() takes out exactly the bytes asked for, and the
 * pages the hole only touches are then lost anyway: the page allocator
 * and the linear map use whole pages of RAM (PFN_UP of a region's start,
 * PFN_DOWN of its end).  The banks here must start on a page for the
 * linear map, so a hole that is not page aligned is widened to the whole
 * pages it touches, which loses the same pages, and the line says so.
 */
void boot_config_remove_ram(struct boot_config *bc, phys_addr_t start, phys_addr_t size)
{
	char a[17], e[17], ws[17], we[17];

	if (size && start + size >= start && ((start | size) & (PAGE_SIZE - 1))) {
		phys_addr_t s = ALIGN_DOWN(start, (phys_addr_t)PAGE_SIZE);
		phys_addr_t end = ALIGN_UP(start + size, (phys_addr_t)PAGE_SIZE);

		printk("vmsplit: memory hole 0x%s (+0x%s) is not page aligned; removing the whole "
		       "pages it touches, 0x%s-0x%s\n", phys_hex(a, start), phys_hex(e, size),
		       phys_hex(ws, s), phys_hex(we, end - 1));
		start = s;
		size = end - s;
	}
	if (!size || start + size < start || meminfo_cut(&bc->mi, start, size)) {
		printk("vmsplit: memory hole 0x%s (+0x%s) not removed: %s\n", phys_hex(a, start),
		       phys_hex(e, size), size ? "it would split the banks into more than 8" : "empty");
		problem(bc);
		return;
	}
	bc->firmware = bc->mi;
}

/* ---- tokenizing: Linux's next_arg() rules, on a private copy ---- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static char *skip_spaces(char *p)
{
	while (is_space(*p))
		p++;
	return p;
}

/*
 * Split off the next "param[=value]".  Whitespace separates parameters
 * except inside double quotes; quotes around a value, or around the whole
 * parameter, are removed.  Returns the rest of the line.
 */
static char *next_param(char *args, char **param, char **val)
{
	bool in_quote = false, quoted = false;
	char *p, *equals = NULL;

	if (*args == '"') {
		args++;
		in_quote = quoted = true;
	}
	for (p = args; *p && (in_quote || !is_space(*p)); p++) {
		if (*p == '=' && !equals && p != args)
			equals = p;
		if (*p == '"')
			in_quote = !in_quote;
	}
	*param = args;
	*val = NULL;
	if (equals) {
		*equals = '\0';
		*val = equals + 1;
		if (**val == '"') {
			(*val)++;
			if (p[-1] == '"')
				p[-1] = '\0';
		}
	}
	if (quoted && p > args && p[-1] == '"')
		p[-1] = '\0';
	if (*p)
		*p++ = '\0';
	return skip_spaces(p);
}

/* kstrtobool's reading: 1 or 0, or -1 when val is no boolean. */
static int bool_of(const char *val)
{
	if (!val)
		return 1;	/* "printk.time" alone: a bool parameter set */
	switch (val[0]) {
	case 'y': case 'Y': case '1':
		return 1;
	case 'n': case 'N': case '0':
		return 0;
	case 'o': case 'O':
		return val[1] == 'n' || val[1] == 'N' ? 1 : val[1] == 'f' || val[1] == 'F' ? 0 : -1;
	}
	return -1;
}

int boot_param_bool(const char *cmdline, const char *name)
{
	char copy[COMMAND_LINE_SIZE];
	char *args = copy;
	int found = BOOT_PARAM_ABSENT;

	strncpy(copy, cmdline, sizeof(copy) - 1);
	copy[sizeof(copy) - 1] = '\0';
	args = skip_spaces(args);
	while (*args) {
		char *param, *val;
		int b;

		args = next_param(args, &param, &val);
		if (strcmp(param, name))
			continue;
		b = bool_of(val);
		found = b < 0 ? BOOT_PARAM_NOT_BOOL : b;
	}
	return found;
}

typedef void (*param_fn)(struct boot_config *bc, const char *param,
			 const char *val);

static void for_each_param(struct boot_config *bc, const char *cmdline,
			   param_fn fn)
{
	char copy[COMMAND_LINE_SIZE];
	char *args = copy;

	strncpy(copy, cmdline, sizeof(copy) - 1);
	copy[sizeof(copy) - 1] = '\0';
	copy[bc->line_len] = '\0';	/* without a parameter the cut broke */
	args = skip_spaces(args);
	while (*args) {
		char *param, *val;

		args = next_param(args, &param, &val);
		if (*param)
			fn(bc, param, val);
	}
}

static void problem(struct boot_config *bc)
{
	bc->problems++;
}

/* ---- pass 1: vmsplit's options (Linux's build-time choices) ---- */

static void opt_rules(struct boot_config *bc, const char *val)
{
	const struct vm_rules *r = find_vm_rules(val);

	if (!r) {
		printk("vmsplit: rules=%s: no such rule set; choose", val);
		for (unsigned i = 0; i < nr_vm_rules; i++)
			if (!bc->lpae || vm_rules[i].has_lpae)
				printk(" %s", vm_rules[i].name);
		printk(" (keeping %s)\n", bc->rules->name);
		problem(bc);
		return;
	}
	if (bc->lpae && !r->has_lpae) {
		printk("vmsplit: rules=%s: Linux %s has no LPAE (ARM_LPAE came in 3.3); keeping %s\n",
		       val, r->versions, bc->rules->name);
		problem(bc);
		return;
	}
	bc->rules = r;
	bc->vmalloc_end = r->vmalloc_end;
	bc->dma_size = r->dma_size_default;
}


static bool on_off(const char *val, bool *out)
{
	if (!strcmp(val, "on") || !strcmp(val, "y") || !strcmp(val, "1"))
		*out = true;
	else if (!strcmp(val, "off") || !strcmp(val, "n") || !strcmp(val, "0"))
		*out = false;
	else
		return false;
	return true;
}

static void opt_highmem(struct boot_config *bc, const char *val)
{
	if (!on_off(val, &bc->highmem)) {
		printk("vmsplit: highmem=%s: say on or off (keeping %s)\n", val,
		       bc->highmem ? "on" : "off");
		problem(bc);
	}
}

/* msm-3.4's "Virtual Memory Reclaim" choice: none (NO_VM_RECLAIM),
 * dont-map-hole (DONT_MAP_HOLE_AFTER_MEMBANK0) or vmalloc-saving
 * (ENABLE_VMALLOC_SAVING). */
static const char *const reclaim_names[] = {
	[RECLAIM_NONE] = "none", [RECLAIM_DONT_MAP_HOLE] = "dont-map-hole",
	[RECLAIM_VMALLOC_SAVING] = "vmalloc-saving",
};

static void opt_reclaim(struct boot_config *bc, const char *val)
{
	for (unsigned i = 0; i < sizeof(reclaim_names) / sizeof(reclaim_names[0]); i++)
		if (!strcmp(val, reclaim_names[i])) {
			bc->reclaim = (enum reclaim)i;
			return;
		}
	printk("vmsplit: reclaim=%s: say none, dont-map-hole or vmalloc-saving (keeping %s)\n", val,
	       reclaim_names[bc->reclaim]);
	problem(bc);
}

static void opt_supersections(struct boot_config *bc, const char *val)
{
	if (bc->lpae) {
		/* Linux's create_36bit_mapping() is !CONFIG_ARM_LPAE only. */
		printk("vmsplit: supersections=%s: LPAE has no supersections (16 MB entries are the short "
		       "format's; its blocks are 2 MB); ignored\n", val);
		problem(bc);
		return;
	}
	if (!on_off(val, &bc->supersections)) {
		printk("vmsplit: supersections=%s: say on or off (keeping %s)\n", val,
		       bc->supersections ? "on" : "off");
		problem(bc);
	}
}

/* Linux puts one guard page after each vmalloc area; "both" adds one
 * before it too, so an underrun faults as well. */
static void opt_vmalloc_guard(struct boot_config *bc, const char *val)
{
	if (!strcmp(val, "after") || !strcmp(val, "both")) {
		bc->guard_before = val[0] == 'b';
	} else {
		printk("vmsplit: vmalloc_guard=%s: say after or both (keeping %s)\n", val,
		       bc->guard_before ? "both" : "after");
		problem(bc);
	}
}

static void opt_split(struct boot_config *bc, const char *val)
{
	uint32_t po;

	if (!split_from_name(val, &po)) {
		printk("vmsplit: split=%s: choose %s (keeping %s)\n",
		       val, bc->lpae ? "3G, 2G or 1G" : "3G, 3G_OPT, 2G or 1G", split_name(bc->page_offset));
		problem(bc);
	} else if (bc->lpae && !split_info_of(po)->lpae_ok) {
		printk("vmsplit: split=%s: %s (keeping %s)\n", val, split_info_of(po)->lpae_refusal,
		       split_name(bc->page_offset));
		bc->lpae_refused = true;
		problem(bc);
	} else if (bc->built_page_offset && po != bc->built_page_offset) {
		printk("vmsplit: split=%s: this kernel is linked for VMSPLIT_%s; "
		       "run it with make run VMSPLIT=%s (keeping %s)\n", val,
		       split_name(bc->built_page_offset), val,
		       split_name(bc->built_page_offset));
		problem(bc);
	} else {
		bc->page_offset = po;
	}
}

static void opt_vmalloc_end(struct boot_config *bc, const char *val)
{
	uint32_t v;

	if (!parse_u32(val, &v) || v % SZ_1M) {
		printk("vmsplit: vmalloc_end=%s: needs a 1 MB aligned address (keeping 0x%08" PRIx32 ")\n",
		       val, bc->vmalloc_end);
		problem(bc);
		return;
	}
	bc->vmalloc_end = v;	/* checked against the split in pass 2 */
}

static void opt_dma_size(struct boot_config *bc, const char *val)
{
	uint32_t v;

	/* CONSISTENT_DMA_SIZE had to be a multiple of 2 MB (one pte table
	 * covers 2 MB of Linux's paired first-level entries). */
	if (!parse_u32(val, &v) || v == 0 || v % SZ_2M || v > SZ_128M) {
		printk("vmsplit: dma_size=%s: needs a multiple of 2M up to 128M (keeping %" PRIu32 "M)\n",
		       val, bc->dma_size >> 20);
		problem(bc);
		return;
	}
	bc->dma_size = v;
}

/* Every run= joins one list.  The list cannot outgrow the line it came
 * from: each run= costs at least the four bytes "run=" for the one ';'. */
_Static_assert(RUN_LIST_SIZE >= COMMAND_LINE_SIZE, "a run= list must fit its command line");

static void opt_run(struct boot_config *bc, const char *val)
{
	size_t used = strlen(bc->run);

	bc->run_given = true;
	if (!*val) {
		printk("vmsplit: run= is empty: no commands to run; the boot powers off after it\n");
		return;
	}
	if (used)
		strcat(bc->run, ";");
	strcat(bc->run, val);
}

/* oops=linux: a fatal kernel fault reported in Linux's words (kernel/oops.c)
 * rather than vmsplit's; oops=vmsplit is the default. */
static void opt_oops(struct boot_config *bc, const char *val)
{
	if (val && !strcmp(val, "linux"))
		bc->oops_linux = true;
	else if (val && !strcmp(val, "vmsplit"))
		bc->oops_linux = false;
	else {
		printk("vmsplit: oops=%s: choose linux or vmsplit (keeping %s)\n", val ? val : "",
		       bc->oops_linux ? "linux" : "vmsplit");
		problem(bc);
	}
}

struct option {
	const char *name;
	void (*fn)(struct boot_config *bc, const char *val);
};

static const struct option options[] = {
	{ "rules", opt_rules },
	{ "highmem", opt_highmem },
	{ "reclaim", opt_reclaim },
	{ "supersections", opt_supersections },
	{ "vmalloc_guard", opt_vmalloc_guard },
	{ "split", opt_split },
	{ "vmalloc_end", opt_vmalloc_end },
	{ "dma_size", opt_dma_size },
	{ "run", opt_run },
	{ "oops", opt_oops },
};

static bool is_early_param(const char *param)
{
	return !strcmp(param, "mem") || !strcmp(param, "vmalloc");
}

static bool is_harmless(const char *param)
{
	for (unsigned i = 0; i < ARRAY_SIZE(harmless); i++)
		if (!strcmp(harmless[i], param))
			return true;
	return false;
}

static void note_unknown(struct boot_config *bc, const char *param,
			 const char *val)
{
	size_t used = strlen(bc->unknown);
	size_t need = strlen(param) + (val ? strlen(val) + 1 : 0) + 2;

	if (used + need >= sizeof(bc->unknown))
		return;
	if (used)
		strcat(bc->unknown, " ");
	strcat(bc->unknown, param);
	if (val) {
		strcat(bc->unknown, "=");
		strcat(bc->unknown, val);
	}
}

/* rules= picks the era whose defaults the other options then change,
 * wherever it stands on the line: it is read first. */
static void pass_rules(struct boot_config *bc, const char *param,
		       const char *val)
{
	if (!strcmp(param, "rules") && val)
		opt_rules(bc, val);
}

static void pass_options(struct boot_config *bc, const char *param,
			 const char *val)
{
	for (unsigned i = 0; i < ARRAY_SIZE(options); i++) {
		if (strcmp(options[i].name, param))
			continue;
		if (options[i].fn == opt_rules && val)
			return;		/* done by pass_rules() */
		if (!val && options[i].fn == opt_run) {
			/* A scripted boot all the same: it must not wait at a prompt. */
			printk("vmsplit: run needs a value (run=\"cmd; cmd\"); no commands to run, "
			       "the boot powers off after it\n");
			bc->run_given = true;
			problem(bc);
		} else if (!val) {
			printk("vmsplit: %s needs a value (%s=...), ignored\n",
			       param, param);
			problem(bc);
		} else {
			options[i].fn(bc, val);
		}
		return;
	}
	/* Linux registers ecc= only without LPAE (mmu.c's early_ecc()); an
	 * LPAE kernel treats it as any parameter it does not know. */
	if (bc->lpae && !strcmp(param, "ecc"))
		printk("vmsplit: ecc%s%s: Linux has ecc= only without LPAE; an LPAE kernel does not know it\n",
		       val ? "=" : "", val ? val : "");
	if (!is_early_param(param) && !is_harmless(param))
		note_unknown(bc, param, val);
}

/* The choices of pass 1 must make sense together before pass 2 uses them. */
static void check_options(struct boot_config *bc)
{
	const struct vm_rules *r = bc->rules;
	const struct split_info *si = split_info_of(bc->page_offset);

	/* An LPAE kernel cannot have been built for this split. */
	if (bc->lpae && si && !si->lpae_ok) {
		printk("vmsplit: VMSPLIT_%s with LPAE: %s; using VMSPLIT_3G\n", si->name, si->lpae_refusal);
		bc->page_offset = 0xc0000000;
		bc->lpae_refused = true;
		problem(bc);
	}
	if (bc->page_offset == 0xb0000000 && !r->has_3g_opt)
		printk("vmsplit: VMSPLIT_3G_OPT first appeared in Linux 4.x; "
		       "rules=%s is shown with it anyway\n", r->name);

	if (bc->vmalloc_end != r->vmalloc_end && !r->vmalloc_end_is_platform) {
		printk("vmsplit: vmalloc_end= is a platform choice only before "
		       "Linux 3.3; rules=%s fixes VMALLOC_END at 0x%08" PRIx32 "\n",
		       r->name, r->vmalloc_end);
		bc->vmalloc_end = r->vmalloc_end;
		problem(bc);
	}
	/* Room below it for 32 MB of lowmem and the 16 MB minimum of
	 * vmalloc (check_lowmem_room() looks again once vmalloc= is known),
	 * above it for the static IO window and the DMA region. */
	if (r->vmalloc_end_is_platform) {
		uint32_t dma_base = r->consistent_end - bc->dma_size;
		uint32_t lowest = bc->page_offset + SZ_32M + SZ_16M;

		if (bc->vmalloc_end < lowest ||
		    bc->vmalloc_end > dma_base - IO_WINDOW_SIZE) {
			printk("vmsplit: vmalloc_end=0x%08" PRIx32 " leaves no room "
			       "(needs 0x%08" PRIx32 "-0x%08" PRIx32 "); using 0x%08" PRIx32 "\n",
			       bc->vmalloc_end, lowest,
			       dma_base - IO_WINDOW_SIZE, r->vmalloc_end);
			bc->vmalloc_end = r->vmalloc_end;
			bc->dma_size = r->dma_size_default;
			problem(bc);
		}
	}
}

/* ---- pass 2: Linux's early parameters, left to right ---- */

/* The board's RAM: a bank outside it would be mapped as memory that is
 * not there.  Linux trusts mem=; vmsplit keeps only the part that is RAM. */
static bool clip_to_ram(struct boot_config *bc, const char *val,
			phys_addr_t *start, phys_addr_t *size)
{
	phys_addr_t s = *start, e = *start + *size;
	char a[17], b[17];

	for (int i = 0; i < bc->ram.nr_banks; i++) {
		const struct membank *r = &bc->ram.bank[i];
		phys_addr_t cs = s > r->start ? s : r->start;
		phys_addr_t ce = e < bank_end(r) ? e : bank_end(r);

		if (cs >= ce)
			continue;
		if (cs != s || ce != e) {
			printk("vmsplit: mem=%s: only 0x%s-0x%s of it is RAM on this board; using that part\n",
			       val, phys_hex(a, cs), phys_hex(b, ce - 1));
			problem(bc);
		}
		*start = cs;
		*size = ce - cs;
		return true;
	}
	printk("vmsplit: mem=%s: 0x%s-0x%s is not RAM on this board; no bank added\n",
	       val, phys_hex(a, s), phys_hex(b, e - 1));
	problem(bc);
	return false;
}

/* memparse() wraps a number past 64 bits silently, as Linux's
 * simple_strtoull() does; whether it did is parse_size()'s answer for the
 * very characters memparse() took. */
static bool wrapped(const char *from, const char *to)
{
	char num[COMMAND_LINE_SIZE];
	size_t n = (size_t)(to - from);
	uint64_t v;

	if (!n || n >= sizeof(num))
		return false;
	memcpy(num, from, n);
	num[n] = '\0';
	return !parse_size(num, &v);
}

static void early_mem(struct boot_config *bc, const char *val)
{
	static const char *const prefix = "vmsplit: mem=";
	const char *end;
	phys_addr_t size, start = bc->phys_offset;

	/* The first mem= throws away what the firmware reported. */
	if (!bc->usermem) {
		bc->usermem = true;
		bc->mi.nr_banks = 0;
	}

	size = memparse(val, &end);
	if (end == val) {
		printk("%s%s: not a size; Linux reads 0 and adds no bank\n", prefix, val);
		problem(bc);
		return;
	}
	if (wrapped(val, end)) {
		printk("%s%s: the size does not fit 64 bits (Linux would wrap it); no bank added\n", prefix, val);
		problem(bc);
		return;
	}
	if (*end == '@') {
		const char *at = end + 1;

		start = memparse(at, &end);
		if (end == at) {
			printk("%s%s: no address after '@'; Linux uses 0\n", prefix, val);
			problem(bc);
		} else if (wrapped(at, end)) {
			printk("%s%s: the address does not fit 64 bits (Linux would wrap it); no bank added\n",
			       prefix, val);
			problem(bc);
			return;
		}
	}
	if (*end) {
		printk("%s%s: ignoring \"%s\" after the size, as Linux does\n",
		       prefix, val, end);
		problem(bc);
	}
	if (size == 0) {
		printk("%s%s: size 0; Linux adds no bank\n", prefix, val);
		problem(bc);
		return;
	}
	if (!clip_to_ram(bc, val, &start, &size))
		return;
	if (bc->mi.nr_banks >= NR_BANKS) {
		/* Said once, with the count, after the last mem=. */
		if (!bc->banks_dropped++)
			bc->first_dropped = start;
		return;
	}
	arm_add_memory_phys(&bc->mi, start, size, bc->lpae);
}

static void early_vmalloc(struct boot_config *bc, const char *val)
{
	const struct vm_rules *r = bc->rules;
	const char *end;
	uint64_t asked = memparse(val, &end);
	uint32_t reserve = (uint32_t)asked;	/* Linux keeps an unsigned long */
	uint32_t max = bc->vmalloc_end - (bc->page_offset + SZ_32M + r->arg_gap);

	if (end == val || *end) {
		printk("vmsplit: vmalloc=%s: not a size; Linux reads %" PRIu32 "\n",
		       val, reserve);
		problem(bc);
	} else if (wrapped(val, end)) {
		printk("vmsplit: vmalloc=%s: does not fit 64 bits; Linux wraps it and keeps 0x%08" PRIx32 "\n",
		       val, reserve);
		problem(bc);
	} else if (asked > UINT32_MAX) {
		printk("vmsplit: vmalloc=%s: does not fit 32 bits; Linux keeps 0x%08" PRIx32 "\n",
		       val, reserve);
		problem(bc);
	}
	if (reserve < SZ_16M) {
		reserve = SZ_16M;
		printk("%s, limiting to %lu%s\n", r->too_small_text,
		       (unsigned long)(reserve >> 20), r->mb_unit);
	}
	if (reserve > max) {
		reserve = max;
		printk("%s, limiting to %lu%s\n", r->too_big_text,
		       (unsigned long)(reserve >> 20), r->mb_unit);
	}
	bc->vmalloc_set = true;
	bc->vmalloc_reserve = reserve;
}

static void pass_early(struct boot_config *bc, const char *param,
		       const char *val)
{
	if (!is_early_param(param))
		return;
	if (!val) {
		printk("vmsplit: %s needs a value (%s=SIZE), ignored\n", param, param);
		problem(bc);
	} else if (!strcmp(param, "mem")) {
		early_mem(bc, val);
	} else {
		early_vmalloc(bc, val);
	}
}

uint32_t vmalloc_min_of(const struct boot_config *bc)
{
	const struct vm_rules *r = bc->rules;

	if (bc->vmalloc_set)
		return bc->vmalloc_end - bc->vmalloc_reserve - r->arg_gap;
	return bc->vmalloc_end - r->vmalloc_default - r->default_gap;
}

/* A low platform VMALLOC_END with the era's default vmalloc area would
 * leave less than the 32 MB of lowmem that vmalloc= always keeps. */
static void check_lowmem_room(struct boot_config *bc)
{
	const struct vm_rules *r = bc->rules;
	uint32_t lowest = bc->page_offset + SZ_32M;

	if (vmalloc_min_of(bc) >= lowest)
		return;
	printk("vmsplit: vmalloc_end=0x%08" PRIx32 " with the default %" PRIu32 " MB of vmalloc "
	       "leaves under 32 MB of lowmem (vmalloc_min 0x%08" PRIx32 " < 0x%08" PRIx32 "); "
	       "using 0x%08" PRIx32 " (or give a smaller vmalloc=)\n",
	       bc->vmalloc_end, (r->vmalloc_default + r->default_gap) >> 20,
	       vmalloc_min_of(bc), lowest, r->vmalloc_end);
	bc->vmalloc_end = r->vmalloc_end;
	problem(bc);
}

/*
 * Linux cuts a longer command line at COMMAND_LINE_SIZE - 1 bytes and reads
 * the cut-off last parameter as if it were whole ("vmalloc=256M" becomes
 * "vmalloc=256").  Here a parameter the cut goes through is left out, and
 * the line says which.  Returns how many bytes of the line to read.
 */
static size_t cut_line(struct boot_config *bc, const char *cmdline)
{
	char copy[COMMAND_LINE_SIZE];
	char *args = copy, *last = NULL, *param, *val;
	size_t n = COMMAND_LINE_SIZE - 1;

	if (strlen(cmdline) <= n)
		return strlen(cmdline);
	memcpy(copy, cmdline, n);
	copy[n] = '\0';
	problem(bc);
	if (is_space(cmdline[n])) {
		printk("vmsplit: command line longer than %d bytes, cut there (between two parameters)\n",
		       COMMAND_LINE_SIZE - 1);
		return n;
	}
	for (args = skip_spaces(args); *args; args = next_param(args, &param, &val))
		last = args;
	if (!last) {
		printk("vmsplit: command line longer than %d bytes, cut there\n", COMMAND_LINE_SIZE - 1);
		return n;
	}
	n = (size_t)(last - copy);
	printk("vmsplit: command line longer than %d bytes: its last parameter \"%.24s%s\" is cut there; ignored\n",
	       COMMAND_LINE_SIZE - 1, cmdline + n, COMMAND_LINE_SIZE - 1 - n > 24 ? "..." : "");
	return n;
}

int boot_config_parse(struct boot_config *bc, const char *cmdline)
{
	if (!cmdline)
		cmdline = "";
	bc->line_len = cut_line(bc, cmdline);
	for_each_param(bc, cmdline, pass_rules);
	report_clipped(bc);
	for_each_param(bc, cmdline, pass_options);
	check_options(bc);
	phys_offset_era_note(bc->rules, bc->phys_offset, bc->page_offset);
	for_each_param(bc, cmdline, pass_early);
	if (bc->banks_dropped) {
		char a[17];

		printk("NR_BANKS too low, ignoring memory at 0x%s", phys_hex(a, bc->first_dropped));
		if (bc->banks_dropped > 1)
			printk(" and %d more mem= banks after it", bc->banks_dropped - 1);
		printk("\n");
		problem(bc);
	}
	check_lowmem_room(bc);

	if (bc->mi.nr_banks == 0) {
		printk("vmsplit: no RAM left after mem=; using the firmware's banks\n");
		bc->mi = bc->firmware;
		problem(bc);
	}
	boot_config_apply_reserved_memory(bc);
	return bc->problems;
}

void boot_config_report_unknown(const struct boot_config *bc)
{
	if (bc->unknown[0])
		printk("Unknown kernel command line parameters \"%s\", ignored.\n",
		       bc->unknown);
}
