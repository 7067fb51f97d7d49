/*
 * memlayout's run: the kernel's layout decision, run on the host, for any
 * caller that hands it its streams (tools/memlayout.c on the terminal,
 * web/wasm_main.c in the browser page; tools/memlayout_run.h).
 *
 *   memlayout [--board NAME] [-m SIZE] "KERNEL COMMAND LINE"
 *   memlayout --ram BASE:SIZE[,BASE:SIZE...] [--phys-offset ADDR] "LINE"
 *   memlayout --dtb FILE "KERNEL COMMAND LINE"
 *   memlayout --lpae ...
 *
 * The board's RAM comes from one of three places: a board of boards.h
 * (QEMU virt by default) with -m SIZE of RAM at its base, as QEMU's -m;
 * banks given one by one (--ram); or a device tree blob (--dtb).  Then
 * PHYS_OFFSET (core/include/phys_offset.h): --phys-offset, else the
 * board's RAM base when the board is known (named, or recognised by the
 * tree's root compatible: QEMU loads the kernel there), else where the
 * lowest bank starts, rounded down to 2 MB.  The same source files as the
 * kernel decide the layout, so this prints the lines the kernel prints at
 * boot (without those that need a running kernel: the page counts and
 * image sections).  A question with no answer (a PHYS_OFFSET vmsplit
 * cannot boot at, banks that overlap) is refused: a line on stderr, exit
 * status 2, no table.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "boards.h"
#include "explain.h"
#include "fdt.h"
#include "from_dmesg.h"
#include "layout_print.h"
#include "layout_svg.h"
#include "memlayout_run.h"
#include "memparse.h"
#include "phys_offset.h"
#include "printk.h"
#include "sizes.h"


/* Without -m: 1 GB, as make run's QEMU_MEM (QEMU's own default is 128 MB). */
#define MEMLAYOUT_DEFAULT_RAM	(UINT64_C(1) << 30)

static bool quiet;	/* while reading a device tree: its complaints are the kernel's to print */

/* Where this run writes: the caller's streams and files (memlayout_run). */
static FILE *out_f, *err_f;
static const struct memlayout_io *io;

/* --from-dmesg runs the decision and reads what it printed: the lines go
 * to this buffer instead of stdout while it is set. */
static char *capture;
static size_t capture_len, capture_size;

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (quiet)
		return 0;
	va_start(ap, fmt);
	if (capture) {
		n = vsnprintf(capture + capture_len, capture_size - capture_len, fmt, ap);
		if (n > 0)
			capture_len += (size_t)n < capture_size - capture_len ? (size_t)n : capture_size - capture_len - 1;
	} else {
		n = vfprintf(out_f, fmt, ap);
	}
	va_end(ap);
	return n;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: memlayout [RAM] [--phys-offset ADDR] [--built-for SPLIT] [--lpae] [--svg FILE]\n"
		"                 [--banks] [\"KERNEL COMMAND LINE\"]\n"
		"RAM, one of:\n"
		"  [--board NAME] [-m SIZE]  SIZE of RAM at the board's base, as QEMU's -m: 512M, 1G\n"
		"            (a number without suffix is megabytes); default 1G, as make run.\n"
		"            Boards: ");
	for (unsigned i = 0; i < nr_board_rams; i++)
		fprintf(f, "%s%s (RAM at 0x%08llx)", i ? ", " : "", board_rams[i].name,
			(unsigned long long)board_rams[i].ram_base);
	fprintf(f, "; default virt\n"
		"  --ram BASE:SIZE[,BASE:SIZE...]  the banks themselves: --ram 0x80000000:512M,0xa0000000:512M\n"
		"  --dtb FILE  RAM, its holes (qcom,memblock-remove), /memreserve/ and /reserved-memory from\n"
		"            a device tree blob, as the kernel booted with QEMU's -dtb FILE reads them\n"
		"            (-m is then ignored)\n"
		"  --phys-offset ADDR  PHYS_OFFSET, where the kernel's RAM starts (2 MB aligned, its first\n"
		"            2 MB RAM).  Default: the board's RAM base (--board, or the tree's root\n"
		"            compatible), else the lowest bank's base rounded down to 2 MB\n"
		"  --built-for SPLIT  answer as a kernel linked for VMSPLIT=SPLIT would\n"
		"            (default: split= on the command line may pick any)\n"
		"  --lpae    answer as an LPAE kernel (CONFIG_ARM_LPAE): long descriptors,\n"
		"            RAM above 4 GB kept (up to 40 bits), the TTBR0/TTBR1 split;\n"
		"            VMSPLIT_3G_OPT is refused (exit status 2)\n"
		"  --svg FILE  also draw the layout: physical and virtual maps side by side\n"
		"  --svg-scale log|linear  box heights with log(size) (default: all readable) or\n"
		"            in proportion to size; --title TEXT  the picture's title\n"
		"  --banks   also list the decision's banks, with their addresses\n"
		"  --explain TOPIC  why the layout is as it is, step by step with these numbers (the\n"
		"            shell's explain): lowmem, highmem, vmalloc, split, modules, pkmap, fixmap,\n"
		"            vector, dma, iomap\n"
		"  --from-dmesg FILE  read a 32-bit ARM Linux boot log (any era), say what it tells and\n"
		"            what must be assumed, run vmsplit's decision on that configuration and\n"
		"            compare every memory-map line (exit status 1 if one differs)\n"
		"  The command line takes the kernel's options: rules=2.6.36|3.4|5.10|modern,\n"
		"  highmem=on|off, split=3G|3G_OPT|2G|1G, vmalloc=SIZE, mem=SIZE[@START],\n"
		"  vmalloc_end=ADDR, dma_size=SIZE (see README.md, Boot options).\n"
		"Exit status: 0 with an answer, 2 when the question has none (the reason on stderr).\n");
}

/* QEMU reads -m as megabytes unless a suffix says otherwise. */
static bool parse_qemu_mem(const char *s, uint64_t *bytes)
{
	const char *end;
	uint64_t v = memparse(s, &end);

	if (end == s || *end)
		return false;
	if (end[-1] >= '0' && end[-1] <= '9')
		v <<= 20;
	*bytes = v;
	return v != 0;
}

/* An address or size the way the kernel's command line reads one. */
static bool parse_num(const char *s, const char *stop, uint64_t *v)
{
	const char *end;

	*v = memparse(s, &end);
	return end != s && end == stop;
}

/*
 * --ram BASE:SIZE,...: the banks as given, each checked: a size, not 0,
 * inside 40 bits, no two overlapping (a board has one byte of RAM at an
 * address, not two; Linux would count it twice).  Returns false with the
 * reason on stderr.
 */
static bool parse_ram_list(const char *list, struct meminfo *ram)
{
	const char *p = list;
	char a[17], b[17];

	ram->nr_banks = 0;
	while (*p) {
		const char *colon = strchr(p, ':'), *comma = strchr(p, ',');
		uint64_t base, size;

		if (!comma)
			comma = p + strlen(p);
		if (!colon || colon > comma || !parse_num(p, colon, &base) || !parse_num(colon + 1, comma, &size)) {
			fprintf(err_f, "memlayout: --ram %s: \"%.*s\" is not BASE:SIZE (0x80000000:512M)\n",
				list, (int)(comma - p), p);
			return false;
		}
		if (!size) {
			fprintf(err_f, "memlayout: --ram %s: the bank at 0x%s has size 0\n", list, phys_hex(a, base));
			return false;
		}
		if (base + size < base || base + size > LPAE_PHYS_LIMIT) {
			fprintf(err_f, "memlayout: --ram %s: the bank at 0x%s runs past 40 bits of physical "
				"address, more than any ARMv7 board has\n", list, phys_hex(a, base));
			return false;
		}
		for (int i = 0; i < ram->nr_banks; i++)
			if (base < bank_end(&ram->bank[i]) && ram->bank[i].start < base + size) {
				fprintf(err_f, "memlayout: --ram %s: the banks at 0x%s and 0x%s overlap\n", list,
					phys_hex(a, ram->bank[i].start), phys_hex(b, base));
				return false;
			}
		if (ram->nr_banks == NR_BANKS) {
			fprintf(err_f, "memlayout: --ram %s: more than %d banks (NR_BANKS)\n", list, NR_BANKS);
			return false;
		}
		ram->bank[ram->nr_banks++] = (struct membank){ base, size, false };
		p = *comma ? comma + 1 : comma;
	}
	if (!ram->nr_banks) {
		fprintf(err_f, "memlayout: --ram needs at least one BASE:SIZE\n");
		return false;
	}
	return true;
}

/* The device tree blob, read through the kernel's own reader.  Returns
 * false (with a message) if the file cannot be read; *err is the
 * reader's verdict on the blob. */
static bool read_dtb(const char *path, struct board_info *b, int *err)
{
	static char blob[1 << 20];
	long n = io->read_file(path, blob, sizeof(blob));

	if (n < 0) {
		fprintf(err_f, "memlayout: --dtb %s: cannot open it (%s)\n", path, strerror(errno));
		if (strstr(path, "build/dt/"))
			fprintf(err_f, "memlayout: the scenarios' trees are built by make dtbs (or make %s); "
				"build/dt/NAME-SIZE.dtb is QEMU's tree for -m SIZE plus dts/NAME.dtsi\n",
				strstr(path, "build/dt/"));
		else
			fprintf(err_f, "memlayout: a tree QEMU would give the kernel: qemu-system-arm -M virt,dumpdtb=FILE "
				"-m SIZE ...; with a dts/ fragment: tools/mkdtb.sh FILE NAME SIZE\n");
		return false;
	}
	quiet = true;	/* its complaints are the kernel's boot lines, not the decision's */
	*err = board_from_fdt(b, blob, (size_t)n);
	quiet = false;
	return true;
}

static int write_svg(const char *path, const struct layout *l, const struct boot_config *bc,
		     const char *cmdline, const char *name, enum svg_scale scale,
		     const struct board_device *devices, int nr_devices)
{
	char title[1200];
	FILE *f = io->open_svg(path);

	if (!f) {
		fprintf(err_f, "memlayout: --svg %s: cannot write it\n", path);
		return 2;
	}
	/* The command line goes into XML text: no markup characters in it. */
	if (name)	/* --title: a scenario's name and what it shows */
		snprintf(title, sizeof(title), "%s: \"%s\"", name, cmdline);
	else
		snprintf(title, sizeof(title), "vmsplit: \"%s\"", cmdline);
	for (char *p = title; *p; p++)
		if (*p == '<' || *p == '>' || *p == '&')
			*p = '?';
	layout_svg_board(f, l, bc, title, scale, devices, nr_devices);
	return io->close_svg(f) ? 2 : 0;
}

/* --banks: what the decision kept, bank by bank. */
static void print_banks(const struct layout *l)
{
	char a[17], e[17];

	for (int i = 0; i < l->mi.nr_banks; i++) {
		const struct membank *b = &l->mi.bank[i];

		fprintf(out_f, "memlayout: bank %d: 0x%s-0x%s (%llu MB%s) %s\n", i, phys_hex(a, b->start),
		       phys_hex(e, bank_end(b) - 1), (unsigned long long)(b->size >> 20),
		       b->size & ((1 << 20) - 1) ? " and a part" : "", b->highmem ? "highmem" : "lowmem");
	}
}

struct args {
	const struct board_ram *board;	/* --board, or NULL */
	uint64_t m;			/* -m, 0 if not given */
	const char *ram_list, *dtb, *svg, *cmdline;
	bool have_po, lpae, banks;
	uint64_t po;			/* --phys-offset */
	const char *dmesg;		/* --from-dmesg FILE */
	const char *explain;		/* --explain TOPIC */
	const char *title;		/* --title TEXT (the SVG's) */
	enum svg_scale scale;		/* --svg-scale log|linear */
	uint32_t built_for;
};

static int refuse(const char *fmt, const char *a, const char *b)
{
	fprintf(err_f, "memlayout: ");
	fprintf(err_f, fmt, a, b);
	fprintf(err_f, "\n");
	return 2;
}

/* 0, or the exit status of a refusal (already said). */
static int parse_args(int argc, char **argv, struct args *o)
{
	memset(o, 0, sizeof(*o));
	o->cmdline = "";
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(opt, "-h") || !strcmp(opt, "--help")) {
			usage(out_f);
			return -1;	/* asked for: exit status 0 */
		} else if (!strcmp(opt, "--lpae")) {
			o->lpae = true;
		} else if (!strcmp(opt, "--banks")) {
			o->banks = true;
		} else if (opt[0] == '-' && opt[1] && !val) {
			usage(err_f);
			return 2;
		} else if (!strcmp(opt, "-m")) {
			if (!parse_qemu_mem(argv[++i], &o->m))
				return refuse("-m %s: not a size%s", val, "");
		} else if (!strcmp(opt, "--board")) {
			if (!(o->board = board_ram_find(argv[++i]))) {
				fprintf(err_f, "memlayout: --board %s: not a board vmsplit knows; choose", val);
				for (unsigned b = 0; b < nr_board_rams; b++)
					fprintf(err_f, "%s %s", b ? "," : "", board_rams[b].name);
				fprintf(err_f, " (or give the banks with --ram, or a device tree with --dtb)\n");
				return 2;
			}
		} else if (!strcmp(opt, "--ram")) {
			o->ram_list = argv[++i];
		} else if (!strcmp(opt, "--phys-offset")) {
			if (!parse_num(val, val + strlen(val), &o->po))
				return refuse("--phys-offset %s: not an address%s", val, "");
			o->have_po = true;
			i++;
		} else if (!strcmp(opt, "--built-for")) {
			if (!split_from_name(argv[++i], &o->built_for))
				return refuse("--built-for %s: choose 3G, 3G_OPT, 2G or 1G%s", val, "");
		} else if (!strcmp(opt, "--svg")) {
			o->svg = argv[++i];
		} else if (!strcmp(opt, "--title")) {
			o->title = argv[++i];
		} else if (!strcmp(opt, "--svg-scale")) {
			i++;
			if (!strcmp(val, "linear"))
				o->scale = SVG_SCALE_LINEAR;
			else if (strcmp(val, "log"))
				return refuse("--svg-scale %s: choose log or linear%s", val, "");
		} else if (!strcmp(opt, "--dtb")) {
			o->dtb = argv[++i];
		} else if (!strcmp(opt, "--from-dmesg")) {
			o->dmesg = argv[++i];
		} else if (!strcmp(opt, "--explain")) {
			o->explain = argv[++i];
		} else if (opt[0] == '-' && opt[1]) {
			usage(err_f);
			return 2;
		} else {
			o->cmdline = opt;
		}
	}
	if (o->dmesg && (o->ram_list || o->dtb || o->m || o->board || o->have_po || o->built_for || o->lpae ||
			 o->svg || *o->cmdline))
		return refuse("--from-dmesg takes the board, the RAM and the command line from the log: "
			      "give it alone%s%s", "", "");
	if (o->ram_list && o->dtb)
		return refuse("--ram and --dtb both give the RAM: choose one%s%s", "", "");
	if (o->ram_list && o->m)
		return refuse("--ram and -m both give the RAM: choose one (-m is RAM at the board's base)%s%s", "", "");
	return 0;
}

/* -m on a board of boards.h: QEMU's own limits, then what the kernel is
 * told of it. */
static int board_ram(const struct board_ram *b, uint64_t m, struct meminfo *ram)
{
	char size[32];

	if (!m)
		m = b->fixed_ram ? b->default_ram : MEMLAYOUT_DEFAULT_RAM;
	snprintf(size, sizeof(size), "%lluM", (unsigned long long)(m >> 20));
	if (b->fixed_ram && m != b->default_ram)
		return refuse("-m %s: QEMU's %s has exactly 1 GB of RAM (\"Invalid RAM size, should be 1 GiB\")",
			      size, b->name);
	if (m > b->max_ram) {
		fprintf(err_f, "memlayout: -m %s: more than QEMU gives %s (%s)\n", size, b->name, b->why);
		return 2;
	}
	if (b->arm_ram && m > b->arm_ram)
		m = b->arm_ram;
	ram->nr_banks = 1;
	ram->bank[0] = (struct membank){ b->ram_base, m, false };
	return 0;
}

/* --from-dmesg: the decision for a configuration read from a log, as main()
 * below runs it, its lines captured in buf. */
static int run_plan(const struct dmesg_plan *p, char *buf, size_t n, uint64_t *lowmem_end)
{
	static struct boot_config bc;
	static struct layout l;
	struct meminfo ram = { 0 };
	char why[320];
	int status = 0;

	for (int i = 0; i < p->nr_banks && ram.nr_banks < NR_BANKS; i++)
		ram.bank[ram.nr_banks++] = (struct membank){ p->bank[i].start, p->bank[i].size, false };
	capture = buf;
	capture_size = n;
	capture_len = 0;
	buf[0] = '\0';
	*lowmem_end = 0;
	if (phys_offset_problem(p->phys_offset, &ram, p->lpae, why, sizeof(why))) {
		printk("%s\n", why);
		status = 1;
	} else {
		boot_config_init(&bc, p->page_offset, p->phys_offset);
		bc.built_page_offset = p->page_offset;
		bc.lpae = p->lpae;
		for (int i = 0; i < ram.nr_banks; i++)
			boot_config_add_ram(&bc, ram.bank[i].start, ram.bank[i].size);
		boot_config_parse(&bc, p->options);
		if (bc.lpae_refused) {
			status = 1;
		} else {
			layout_decide(&bc, &l);
			layout_print_format(&l);
			layout_print_setup(&l);
			printk("Kernel command line: %s\n", p->options);
			boot_config_report_unknown(&bc);
			layout_print_mem_init(&l, NULL, NULL);
			*lowmem_end = l.lowmem_limit;
		}
	}
	capture = NULL;
	return status;
}

int memlayout_run(int argc, char **argv, const struct memlayout_io *with)
{
	static struct board_info tree;
	const struct board_ram *known;
	struct boot_config bc;
	struct meminfo ram = { 0 };
	struct layout l;
	struct args o;
	char why[320];
	phys_addr_t po;
	bool found;
	int status, err = 0;

	io = with;
	out_f = with->out;
	err_f = with->err;
	quiet = false;
	if ((status = parse_args(argc, argv, &o)))
		return status < 0 ? 0 : status;
	if (o.dmesg) {
		const struct from_dmesg_ops ops = { run_plan, io->read_file };

		return from_dmesg(o.dmesg, &ops, out_f, err_f);
	}
	if (o.lpae && o.built_for && !split_info_of(o.built_for)->lpae_ok) {
		fprintf(err_f, "memlayout: --lpae --built-for %s: %s\n", split_name(o.built_for),
			split_info_of(o.built_for)->lpae_refusal);
		return 2;
	}

	/* The board's RAM, before anything is decided: it fixes PHYS_OFFSET. */
	known = o.board;
	if (o.dtb) {
		if (!read_dtb(o.dtb, &tree, &err))
			return 2;
		if (!known)
			known = tree.known;
		for (int i = 0; err >= 0 && i < tree.nr_mem && ram.nr_banks < NR_BANKS; i++)
			ram.bank[ram.nr_banks++] = (struct membank){ tree.mem[i].base, tree.mem[i].size, false };
	} else if (o.ram_list) {
		if (!parse_ram_list(o.ram_list, &ram))
			return 2;
	} else {
		if (!known)
			known = board_ram_find("virt");
		if ((status = board_ram(known, o.m, &ram)))
			return status;
	}
	po = phys_offset_default(&ram, &found);
	if (known)
		po = known->ram_base;	/* QEMU loads the kernel at the board's RAM base */
	if (o.have_po)
		po = o.po;
	if (!known && !found && !o.have_po) {
		/* Nothing in the tree says where RAM is: the default board's,
		 * as the kernel booted on it falls back to what it runs in. */
		known = board_ram_find("virt");
		po = known->ram_base;
	}
	/* A tree the kernel is booted with answers as the kernel does (below);
	 * a question about RAM the user gave must have an answer. */
	if ((o.have_po || !o.dtb || !known) && phys_offset_problem(po, &ram, o.lpae, why, sizeof(why))) {
		/* RAM that starts off a 2 MB boundary: the next one may do. */
		phys_addr_t up = ALIGN_UP(phys_offset_default(&ram, &found) + 1, (phys_addr_t)PHYS_OFFSET_ALIGN);
		char other[320], a[17];

		fprintf(err_f, "memlayout: %s", why);
		if (!o.have_po && !phys_offset_problem(up, &ram, o.lpae, other, sizeof(other)))
			fprintf(err_f, " (--phys-offset 0x%s would do: the RAM below it is then ignored)", phys_hex(a, up));
		fprintf(err_f, "\n");
		return 2;
	}

	boot_config_init(&bc, o.built_for ? o.built_for : 0xc0000000, po);
	bc.built_page_offset = o.built_for;
	bc.lpae = o.lpae;		/* before any RAM: it decides what is kept */
	if (o.dtb && (err < 0 || !tree.nr_mem)) {
		/* What the kernel does with such a tree (kernel/main.c). */
		fprintf(err_f, "memlayout: --dtb %s: %s; as the kernel on %s, assuming %llu MB at 0x%08llx\n",
			o.dtb, err < 0 ? fdt_strerror(err) : "no usable memory in it",
			o.board || tree.known ? known->name : "virt (the default board; --board to choose)",
			(unsigned long long)(FALLBACK_RAM_SIZE >> 20), (unsigned long long)po);
		boot_config_add_ram(&bc, po, FALLBACK_RAM_SIZE);
	}
	if (o.dtb && err >= 0)
		board_to_boot_config(&tree, &bc);
	for (int i = 0; !o.dtb && i < ram.nr_banks; i++)
		boot_config_add_ram(&bc, ram.bank[i].start, ram.bank[i].size);
	boot_config_parse(&bc, o.cmdline);
	if (bc.lpae_refused) {
		/* The line above said why; no LPAE kernel has this layout. */
		fprintf(err_f, "memlayout: --lpae: refused (see above)\n");
		return 2;
	}
	layout_decide(&bc, &l);
	if (l.fell_back_to_default && !known)
		/* The kernel would run on 128 MB it knows is there; here
		 * nothing says the board has it. */
		return refuse("none of the board's banks can be booted (see above), and no board vmsplit knows "
			      "says RAM is at 0x%s%s", phys_hex(why, po), "");
	if (o.explain)
		/* The shell's explain, with this configuration's numbers (the
		 * decision's own lines, Truncating ..., came first). */
		return layout_explain(&bc, &l, o.explain) ? 2 : 0;
	layout_print_format(&l);
	layout_print_setup(&l);
	printk("Kernel command line: %s\n", o.cmdline);
	boot_config_report_unknown(&bc);
	layout_print_mem_init(&l, NULL, NULL);
	if (o.banks)
		print_banks(&l);
	if (o.svg) {
		/* The devices: the tree's (the console's UART and the GIC the
		 * kernel maps), else the known board's. */
		struct board_device devs[BOARD_MAX_DEVICES] = { { NULL, 0, 0 } };
		int n = 0;

		if (o.dtb && err >= 0) {
			if (tree.have_uart)
				devs[n++] = (struct board_device){ "UART (pl011)", tree.uart_base, (uint32_t)tree.uart_size };
			if (tree.have_gic) {
				devs[n++] = (struct board_device){ "GIC distributor", tree.gic_dist_base,
								   (uint32_t)tree.gic_dist_size };
				devs[n++] = (struct board_device){ "GIC CPU interface", tree.gic_cpu_base,
								   (uint32_t)tree.gic_cpu_size };
			}
		} else if (known && !o.ram_list) {
			for (n = 0; n < BOARD_MAX_DEVICES && known->devices[n].name; n++)
				devs[n] = known->devices[n];
		}
		return write_svg(o.svg, &l, &bc, o.cmdline, o.title, o.scale, devs, n);
	}
	return 0;
}
