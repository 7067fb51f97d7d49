/*
 * memlayout: the kernel's layout decision, run on the host.
 *
 *   memlayout -m SIZE "KERNEL COMMAND LINE"
 *   memlayout --dtb FILE "KERNEL COMMAND LINE"
 *   memlayout --lpae -m SIZE "KERNEL COMMAND LINE"
 *
 * SIZE is QEMU's -m (512M, 1G; a bare number is megabytes) of RAM at
 * 0x40000000, as on QEMU virt.  The same source files as the kernel decide
 * the layout, so this prints the lines the kernel prints at boot (without
 * those that need a running kernel: the page counts and image sections).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "fdt.h"
#include "layout_print.h"
#include "layout_svg.h"
#include "memparse.h"
#include "printk.h"

#define VIRT_RAM_BASE	0x40000000ull	/* QEMU virt: RAM always starts here */

static bool quiet;	/* while reading a device tree: its complaints are the kernel's to print */

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (quiet)
		return 0;
	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: memlayout [-m SIZE] [--built-for SPLIT] [--lpae] [\"KERNEL COMMAND LINE\"]\n"
		"  -m SIZE   RAM at 0x40000000, as QEMU's -m: 512M, 1G, 3G (default 1G;\n"
		"            a number without suffix is megabytes, as in QEMU)\n"
		"  --built-for SPLIT  answer as a kernel linked for VMSPLIT=SPLIT would\n"
		"            (default: split= on the command line may pick any)\n"
		"  --lpae    answer as an LPAE kernel (CONFIG_ARM_LPAE): long descriptors,\n"
		"            RAM above 4 GB kept (up to 40 bits), the TTBR0/TTBR1 split;\n"
		"            VMSPLIT_3G_OPT is refused (exit status 2)\n"
		"  --svg FILE  also draw the layout: physical and virtual maps side by side\n"
		"  --dtb FILE  take RAM and its holes (qcom,memblock-remove) from a device\n"
		"            tree blob, as the kernel booted with QEMU's -dtb FILE does\n"
		"  The command line takes the kernel's options: rules=2.6.36|3.4|5.10|modern,\n"
		"  highmem=on|off, split=3G|3G_OPT|2G|1G, vmalloc=SIZE, mem=SIZE[@START],\n"
		"  vmalloc_end=ADDR, dma_size=SIZE (see README.md, Boot options).\n");
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

/* The RAM ranges and holes of a device tree blob, through the kernel's
 * own reader.  Returns false (with a message) if the file is unusable. */
static bool ram_from_dtb(const char *path, struct boot_config *bc)
{
	static struct board_info b;
	static char blob[1 << 20];
	FILE *f = fopen(path, "rb");
	size_t n;
	int err;

	if (!f) {
		fprintf(stderr, "memlayout: --dtb %s: cannot open it (%s)\n", path, strerror(errno));
		if (strstr(path, "build/dt/"))
			fprintf(stderr, "memlayout: the scenarios' trees are built by make dtbs (or make %s); "
				"build/dt/NAME-SIZE.dtb is QEMU's tree for -m SIZE plus dts/NAME.dtsi\n",
				strstr(path, "build/dt/"));
		else
			fprintf(stderr, "memlayout: a tree QEMU would give the kernel: qemu-system-arm -M virt,dumpdtb=FILE "
				"-m SIZE ...; with a dts/ fragment: tools/mkdtb.sh FILE NAME SIZE\n");
		return false;
	}
	n = fread(blob, 1, sizeof(blob), f);
	fclose(f);
	quiet = true;
	err = board_from_fdt(&b, blob, n);
	quiet = false;
	if (err < 0 || !b.nr_mem) {
		/* What the kernel does with such a tree (kernel/main.c). */
		fprintf(stderr, "memlayout: --dtb %s: %s; as the kernel, assuming QEMU virt's 128 MB at 0x40000000\n",
			path, err < 0 ? fdt_strerror(err) : "no usable memory in it");
		boot_config_add_ram(bc, VIRT_RAM_BASE, FALLBACK_RAM_SIZE);
		if (err < 0)
			return true;
	}
	board_to_boot_config(&b, bc);
	return true;
}

static int write_svg(const char *path, const struct layout *l, const struct boot_config *bc,
		     const char *cmdline)
{
	char title[1200];
	FILE *f = fopen(path, "w");

	if (!f) {
		fprintf(stderr, "memlayout: --svg %s: cannot write it\n", path);
		return 2;
	}
	/* The command line goes into XML text: no markup characters in it. */
	snprintf(title, sizeof(title), "vmsplit: \"%s\"", cmdline);
	for (char *p = title; *p; p++)
		if (*p == '<' || *p == '>' || *p == '&')
			*p = '?';
	layout_svg(f, l, bc, title);
	return fclose(f) ? 2 : 0;
}

int main(int argc, char **argv)
{
	uint64_t ram = 1ull << 30;
	uint32_t built_for = 0;
	const char *cmdline = "";
	const char *dtb = NULL, *svg = NULL;
	bool lpae = false;
	struct boot_config bc;
	struct layout l;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "-m") && i + 1 < argc) {
			if (!parse_qemu_mem(argv[++i], &ram)) {
				fprintf(stderr, "memlayout: -m %s: not a size\n", argv[i]);
				return 2;
			}
		} else if (!strcmp(argv[i], "--built-for") && i + 1 < argc) {
			if (!split_from_name(argv[++i], &built_for)) {
				fprintf(stderr, "memlayout: --built-for %s: choose 3G, 3G_OPT, 2G or 1G\n", argv[i]);
				return 2;
			}
		} else if (!strcmp(argv[i], "--lpae")) {
			lpae = true;
		} else if (!strcmp(argv[i], "--svg") && i + 1 < argc) {
			svg = argv[++i];
		} else if (!strcmp(argv[i], "--dtb") && i + 1 < argc) {
			dtb = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			usage(stderr);
			return 2;
		} else {
			cmdline = argv[i];
		}
	}

	if (lpae && built_for && !split_info_of(built_for)->lpae_ok) {
		fprintf(stderr, "memlayout: --lpae --built-for %s: %s\n", split_name(built_for),
			split_info_of(built_for)->lpae_refusal);
		return 2;
	}
	boot_config_init(&bc, built_for ? built_for : 0xc0000000, VIRT_RAM_BASE);
	bc.built_page_offset = built_for;
	bc.lpae = lpae;		/* before any RAM: it decides what is kept */
	if (!dtb)
		boot_config_add_ram(&bc, VIRT_RAM_BASE, ram);
	else if (!ram_from_dtb(dtb, &bc))
		return 2;
	boot_config_parse(&bc, cmdline);
	if (bc.lpae_refused) {
		/* The line above said why; no LPAE kernel has this layout. */
		fprintf(stderr, "memlayout: --lpae: refused (see above)\n");
		return 2;
	}
	layout_decide(&bc, &l);
	layout_print_format(&l);
	layout_print_setup(&l);
	printk("Kernel command line: %s\n", cmdline);
	boot_config_report_unknown(&bc);
	layout_print_mem_init(&l, NULL, NULL);
	if (svg)
		return write_svg(svg, &l, &bc, cmdline);
	return 0;
}
