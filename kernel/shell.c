/*
 * The serial console shell.
 *
 * Commands come from the prompt, or from run="cmd; cmd" on the kernel
 * command line, after which the machine powers off with a status that
 * says whether every command succeeded (tests and benchmarks use this).
 * A command returns 0 on success; a bad argument prints its usage.
 */
#include <inttypes.h>
#include <string.h>

#include "arch_timer.h"
#include "args.h"
#include "arm/cp15.h"
#include "dma.h"
#include "fault.h"
#include "fixmap.h"
#include "irq.h"
#include "kernel_map.h"
#include "line_edit.h"
#include "memblock.h"
#include "memory.h"
#include "memparse.h"
#include "mmu.h"
#include "mmucheck.h"
#include "pgtable.h"
#include "pl011.h"
#include "poweroff.h"
#include "printk.h"
#include "setup.h"
#include "shell.h"
#include "sizes.h"
#include "task.h"
#include "traps.h"

#define MAX_ARGS	8
#define LINE_MAX	256

struct command {
	const char *name;
	const char *args;	/* usage after the name */
	const char *summary;
	const char *example;
	int (*fn)(int argc, char **argv);
	int min_args, max_args;	/* words after the name; each command checks the rest */
};

static const struct command *find_command(const char *name);
static int usage(const struct command *cmd);

extern uint32_t swapper_pg_dir[];

/*
 * A number, with the reason when it is not one: "not a number" or "past
 * 4 GB" (the caller's usage line follows).
 */
bool shell_parse_num(const char *s, uint32_t *out)
{
	const char *end;
	uint64_t v;

	if (parse_u32(s, out))
		return true;
	if (parse_size(s, &v) || (s[0] >= '0' && s[0] <= '9' && (memparse(s, &end), !*end)))
		printk("%s: past 4 GB: addresses and sizes are 32 bits (at most 0xffffffff)\n", s);
	else if (s[0] == '0' && s[1] >= '0' && s[1] <= '9')
		printk("%s: not a number: a leading 0 means octal, as the kernel reads numbers (digits 0-7)\n", s);
	else
		printk("%s: not a number (hex 0x..., decimal, K, M or G allowed)\n", s);
	return false;
}

/*
 * An address: a number, or a name the kernel knows (its image's symbols
 * and the layout's boundaries), so that "exec _sdata" or "v2p high_memory"
 * mean the same whatever the image's size.  A name whose region this
 * configuration does not have is refused with the reason, not read as 0.
 */
bool shell_parse_addr(const char *s, uint32_t *out)
{
	const struct layout *l = &kernel_layout;
	const struct {
		const char *name;
		uint32_t value;
		const char *absent;	/* why the region is missing when value is 0 */
	} names[] = {
		{ "_text", (uint32_t)_text, NULL }, { "_etext", (uint32_t)_etext, NULL },
		{ "__start_rodata", (uint32_t)__start_rodata, NULL }, { "__init_begin", (uint32_t)__init_begin, NULL },
		{ "_sdata", (uint32_t)_sdata, NULL }, { "_edata", (uint32_t)_edata, NULL },
		{ "__bss_start", (uint32_t)__bss_start, NULL }, { "_end", (uint32_t)_end, NULL },
		{ "swapper_pg_dir", (uint32_t)swapper_pg_dir, NULL },
		{ "PAGE_OFFSET", l->page_offset, NULL }, { "high_memory", l->high_memory, NULL },
		{ "VMALLOC_START", l->vmalloc_start, NULL }, { "VMALLOC_END", l->vmalloc_end, NULL },
		{ "MODULES_VADDR", l->modules_vaddr, NULL },
		{ "PKMAP_BASE", l->pkmap_base, "there is no pkmap area: highmem is off (boot with highmem=on)" },
		{ "FIXADDR_START", l->fixmap_start, NULL }, { "VECTORS", VECTORS_BASE, NULL },
		{ "CONSISTENT_BASE", l->consistent_base, "there is no consistent (DMA) region under these rules (Linux uses CMA)" },
		{ "console", console_virt, "there is no console in the static IO map" },
	};

	for (unsigned i = 0; i < ARRAY_SIZE(names); i++) {
		if (strcmp(names[i].name, s))
			continue;
		if (!names[i].value && names[i].absent) {
			printk("%s: %s\n", s, names[i].absent);
			return false;
		}
		*out = names[i].value;
		return true;
	}
	if ((s[0] >= '0' && s[0] <= '9') || s[0] == '-')
		return shell_parse_num(s, out);
	printk("%s: not a number or a name the kernel knows (help lists the names)\n", s);
	return false;
}

/* ---- layout, memmap ---- */

static int cmd_layout(int argc, char **argv)
{
	(void)argc; (void)argv;
	layout_print_table(&kernel_layout, &kernel_image);
	return 0;
}

static void print_range(const char *what, phys_addr_t s, phys_addr_t e)
{
	printk("  0x%08" PRIx32 "-0x%08" PRIx32 " %7" PRIu32 " KB  %s\n",
	       (uint32_t)s, (uint32_t)(e - 1), (uint32_t)((e - s) >> 10), what);
}

/* What memblock reserved at pa, or NULL. */
static const char *reserved_at(phys_addr_t pa)
{
	for (int i = 0; i < memblock.reserved.cnt; i++)
		if (pa >= memblock.reserved.r[i].base &&
		    pa - memblock.reserved.r[i].base < memblock.reserved.r[i].size)
			return memblock.reserved.r[i].name;
	return NULL;
}

static int cmd_memmap(int argc, char **argv)
{
	const struct layout *l = &kernel_layout;

	(void)argc; (void)argv;
	printk("Banks (after the layout decision):\n");
	for (int i = 0; i < l->mi.nr_banks; i++) {
		const struct membank *b = &l->mi.bank[i];

		if (b->highmem)
			print_range("highmem (no permanent mapping)", b->start, bank_end(b));
		else
			printk("  0x%08" PRIx32 "-0x%08" PRIx32 " %7" PRIu32 " KB  lowmem at 0x%08" PRIx32 "-0x%08" PRIx32 "\n",
			       (uint32_t)b->start, (uint32_t)(bank_end(b) - 1),
			       (uint32_t)(b->size >> 10), layout_va(l, b->start),
			       layout_va(l, bank_end(b) - 1));
	}
	/* The board's RAM outside the banks, a line per kind (truncated,
	 * ignored, hole ...), in the words p2v and the SVG use. */
	printk("RAM the layout leaves unused:\n");
	for (int r = 0; r < board.nr_mem; r++) {
		phys_addr_t p = board.mem[r].base, end = p + board.mem[r].size, next;

		for (; p < end; p = next) {
			enum pa_kind k = layout_classify_pa(l, &boot_config, p, end, &next);

			if (k != PA_LOWMEM && k != PA_HIGHMEM)
				print_range(layout_pa_kind_name(l, &boot_config, p), p, next);
		}
	}
	printk("Reserved (memblock):\n");
	for (int i = 0; i < memblock.reserved.cnt; i++)
		print_range(memblock.reserved.r[i].name, memblock.reserved.r[i].base,
			    memblock.reserved.r[i].base + memblock.reserved.r[i].size);
	return 0;
}

/* ---- v2p ---- */

static const char *const par_inner[8] = {
	"non-cacheable", "strongly-ordered", "?", "device",
	"?", "write-back write-allocate", "write-through", "write-back",
};

/* One ATS1CPx answer: the PA, or why the access would abort. */
static void print_mmu_answer(uint32_t va, bool write)
{
	uint32_t par;
	phys_addr_t pa = mmu_translate(va, write, &par);
	const char *op = write ? "ATS1CPW" : "ATS1CPR";

	if (pa == (phys_addr_t)-1) {
		printk("  MMU:    %s -> PAR 0x%08" PRIx32 ": %s\n", op, par,
		       fsr_description(short_desc_par_fsr(par)));
		return;
	}
	printk("  MMU:    %s -> PAR 0x%08" PRIx32 ": PA 0x%08" PRIx32, op, par, (uint32_t)pa);
	/* QEMU leaves the attribute fields zero */
	if (par & (SD_MASK(PAR, OUTER) | SD_MASK(PAR, INNER) | SD_MASK(PAR, SH)))
		printk(" (inner %s, %sshareable)", par_inner[SD_GET(par, PAR, INNER)],
		       SD_GET(par, PAR, SH) ? "" : "non-");
	printk("\n");
}

static int cmd_v2p(int argc, char **argv)
{
	const struct layout *l = &kernel_layout;
	uint32_t va;
	struct walk w;
	char buf[256];

	if (argc != 2 || !shell_parse_addr(argv[1], &va))
		return usage(find_command(argv[0]));

	printk("0x%08" PRIx32 ": %s\n", va, layout_describe(l, va));
	pgtable_walk(&kernel_pgtable, va, &w);
	describe_l1(w.l1, buf, sizeof(buf));
	printk("  tables: L1[0x%03" PRIx32 "] = 0x%08" PRIx32 ": %s\n", va >> SECTION_SHIFT, w.l1, buf);
	if (w.level == 2) {
		describe_l2(w.l2, buf, sizeof(buf));
		printk("          L2[0x%02" PRIx32 "] = 0x%08" PRIx32 ": %s\n",
		       (va >> PAGE_SHIFT) & 0xff, w.l2, buf);
	}
	if (w.kind != WALK_FAULT)
		printk("          -> PA 0x%08" PRIx32 "\n", (uint32_t)w.pa);
	print_mmu_answer(va, false);
	print_mmu_answer(va, true);
	switch (layout_region_of(l, va)) {
	case REGION_LOWMEM:
		break;
	case REGION_LOWMEM_HOLE:
	case REGION_LOWMEM_HIGHMEM:
		/* Inside the linear map's range, but what is behind it is not
		 * lowmem: say what it is, in memmap's words. */
		printk("  __pa:   0x%08" PRIx32 " would be %s, which the linear map does not map\n",
		       (uint32_t)layout_pa(l, va), layout_pa_kind_name(l, &boot_config, layout_pa(l, va)));
		return 0;
	default:
		return 0;	/* no __pa: not in the linear map */
	}
	if (l->hole_end && va >= layout_hole_va(l))
		printk("  __pa:   0x%08" PRIx32 " (the linear map bent past the hole: VA - 0x%08" PRIx32 " + 0x%08" PRIx32 ")\n",
		       (uint32_t)layout_pa(l, va), layout_hole_va(l), (uint32_t)l->hole_end);
	else
		printk("  __pa:   0x%08" PRIx32 " (the linear map: VA - 0x%08" PRIx32 " + 0x%08" PRIx32 ")\n",
		       (uint32_t)layout_pa(l, va), l->page_offset, (uint32_t)l->phys_offset);
	return 0;
}

/* __va: lowmem's linear map backwards; the rest has no permanent address,
 * and says what it is in memmap's words. */
static int cmd_p2v(int argc, char **argv)
{
	const struct layout *l = &kernel_layout;
	const char *res;
	uint32_t pa;

	if (argc != 2 || !shell_parse_num(argv[1], &pa))
		return usage(find_command(argv[0]));
	res = reserved_at(pa);
	switch (layout_classify_pa(l, &boot_config, pa, (phys_addr_t)pa + 1, NULL)) {
	case PA_LOWMEM:
		printk("0x%08" PRIx32 ": lowmem%s%s%s, __va = 0x%08" PRIx32, pa, res ? " (reserved: " : "",
		       res ? res : "", res ? ")" : "", layout_va(l, pa));
		if (l->hole_end && pa >= l->hole_end)
			printk(" (bent past the hole: PA - 0x%08" PRIx32 " + 0x%08" PRIx32 ")\n",
			       (uint32_t)l->hole_end, layout_hole_va(l));
		else
			printk(" (PA - 0x%08" PRIx32 " + 0x%08" PRIx32 ")\n", (uint32_t)l->phys_offset, l->page_offset);
		break;
	case PA_HIGHMEM:
		printk("0x%08" PRIx32 ": highmem%s%s%s: no permanent virtual address; kmap 0x%08" PRIx32 " maps it\n",
		       pa, res ? " (reserved: " : "", res ? res : "", res ? ")" : "", pa & PAGE_MASK);
		break;
	case PA_NOT_RAM:
		printk("0x%08" PRIx32 ": not RAM: a device (or nothing) is reached through ioremap (or the static IO map)\n", pa);
		break;
	default:
		printk("0x%08" PRIx32 ": %s: RAM the kernel does not use, so no virtual address (memmap lists it)\n",
		       pa, layout_pa_kind_name(l, &boot_config, pa));
	}
	return 0;
}

/* ---- peek ---- */

/* The optional width argument at argv[at]: 8, 16 or 32 (the default). */
static bool parse_width(int argc, char **argv, int at, uint32_t *width)
{
	*width = 32;
	if (argc <= at)
		return true;
	if (shell_parse_num(argv[at], width) && (*width == 8 || *width == 16 || *width == 32))
		return true;
	if (*width != 32)
		printk("%s: the width is 8, 16 or 32 bits\n", argv[at]);
	return false;
}

static int cmd_peek(int argc, char **argv)
{
	uint32_t addr, width = 32, v = 0;
	int err;

	if (argc < 2 || argc > 3 || !shell_parse_addr(argv[1], &addr) ||
	    !parse_width(argc, argv, 2, &width))
		return usage(find_command(argv[0]));
	if (addr & (width / 8 - 1)) {
		printk("peek: 0x%08" PRIx32 " is not aligned to %" PRIu32 " bits\n", addr, width);
		return 1;
	}
	err = width == 8 ? probe_read8(addr, &v) :
	      width == 16 ? probe_read16(addr, &v) : probe_read32(addr, &v);
	if (err) {
		print_fault(&last_fault);
		return 0;	/* the fault was the answer */
	}
	printk("0x%08" PRIx32 ": 0x%0*" PRIx32 "\n", addr, (int)(width / 4), v);
	return 0;
}

/* ---- poke, exec, crash: provoking the MMU ---- */

static int cmd_poke(int argc, char **argv)
{
	uint32_t addr, val, width;
	int err;

	if (argc < 3 || argc > 4 || !shell_parse_addr(argv[1], &addr) || !shell_parse_num(argv[2], &val) ||
	    !parse_width(argc, argv, 3, &width))
		return usage(find_command(argv[0]));
	if (width < 32 && val >> width) {
		printk("poke: 0x%" PRIx32 " does not fit in %" PRIu32 " bits (at most 0x%" PRIx32 "); nothing written\n",
		       val, width, (_U(1) << width) - 1);
		return 1;
	}
	if (addr & (width / 8 - 1)) {
		printk("poke: 0x%08" PRIx32 " is not aligned to %" PRIu32 " bits\n", addr, width);
		return 1;
	}
	err = width == 8 ? probe_write8(addr, val) :
	      width == 16 ? probe_write16(addr, val) : probe_write32(addr, val);
	if (err)
		print_fault(&last_fault);
	else
		printk("0x%08" PRIx32 " <- 0x%0*" PRIx32 "\n", addr, (int)(width / 4), val);
	return 0;
}

static int cmd_exec(int argc, char **argv)
{
	uint32_t addr;

	if (argc != 2 || !shell_parse_addr(argv[1], &addr) || (addr & 3))
		return usage(find_command(argv[0]));
	return exec_probe_checked(addr);
}

/* The same accesses without a fixup: what an unexpected fault does. */
static int cmd_crash(int argc, char **argv)
{
	uint32_t addr;

	bool known = argc == 3 && (!strcmp(argv[1], "read") || !strcmp(argv[1], "write") ||
				   !strcmp(argv[1], "exec"));

	/* Every argument first: nothing may happen before the usage line. */
	if (argc == 3 && !known)
		printk("crash: %s: the access is read, write or exec\n", argv[1]);
	if (!known || !shell_parse_addr(argv[2], &addr))
		return usage(find_command(argv[0]));
	if (addr & 3) {
		printk("crash: 0x%08" PRIx32 " is not aligned to 32 bits (an unaligned access would fault for that reason alone)\n", addr);
		return 1;
	}
	/* Only a fetch that faults stops the machine; anything else would run. */
	if (!strcmp(argv[1], "exec") && exec_refused("crash exec", addr))
		return 1;
	printk("crash: an unguarded %s at 0x%08" PRIx32 "\n", argv[1], addr);
	if (!strcmp(argv[1], "read"))
		(void)*(volatile uint32_t *)addr;
	else if (!strcmp(argv[1], "write"))
		*(volatile uint32_t *)addr = 0;
	else
		((void (*)(void))addr)();
	printk("crash: 0x%08" PRIx32 " did not fault\n", addr);
	return 0;
}

/* ---- fixmap, dma ---- */

static const struct {
	const char *name;
	enum mem_type_id type;
} type_names[] = {
	{ "rw", MT_MEMORY_RW }, { "rwx", MT_MEMORY_RWX }, { "ro", MT_MEMORY_RO },
	{ "rx", MT_MEMORY_RX }, { "device", MT_DEVICE }, { "uncached", MT_DMA_COHERENT },
};

bool shell_parse_type(const char *s, enum mem_type_id *t)
{
	for (unsigned i = 0; i < ARRAY_SIZE(type_names); i++)
		if (!strcmp(type_names[i].name, s)) {
			*t = type_names[i].type;
			return true;
		}
	printk("memory types: rw rwx ro rx device uncached\n");
	return false;
}

/* kmap_atomic() owns its slots: a slot set or cleared by hand under a live
 * kmap_atomic would change or drop its mapping behind its back. */
static bool fixmap_slot_free_for_shell(uint32_t slot)
{
	if (slot < FIX_KMAP_BEGIN || slot > FIX_KMAP_END)
		return true;
	printk("fixmap: slot %" PRIu32 " is kmap_atomic's (slots %u-%u are; kmap atomic PHYS and "
	       "kunmap atomic VA use them); slot 0 and %u-%u are free for this command\n",
	       slot, FIX_KMAP_BEGIN, FIX_KMAP_END, FIX_USER_BEGIN, fixmap_slots() - 1);
	return false;
}

static bool fixmap_slot_exists(uint32_t slot)
{
	if (slot < fixmap_slots())
		return true;
	printk("fixmap: slot %" PRIu32 " does not exist (0-%u)\n", slot, fixmap_slots() - 1);
	return false;
}

static int cmd_fixmap(int argc, char **argv)
{
	uint32_t slot, phys;
	enum mem_type_id type = MT_MEMORY_RW;

	if (argc == 1) {
		printk("fixmap: %u slots of 4 kB, slot 0 at 0x%08" PRIx32 ", %s; slots %u-%u are kmap_atomic's\n",
		       fixmap_slots(), fix_to_virt(0),
		       kernel_layout.rules->fixmap_grows_down ? "growing down" : "growing up",
		       FIX_KMAP_BEGIN, FIX_KMAP_END);
		for (unsigned i = 0; i < fixmap_slots(); i++) {
			const struct kernel_mapping *m = kernel_mapping_at(fix_to_virt(i));

			if (m)
				printk("  slot %3u  0x%08" PRIx32 " -> 0x%08" PRIx32 "  %s%s\n", i,
				       m->virt, (uint32_t)m->phys, mem_types[m->type].name,
				       i >= FIX_KMAP_BEGIN && i <= FIX_KMAP_END ? "  (kmap_atomic)" : "");
		}
		return 0;
	}
	if (!strcmp(argv[1], "clear")) {
		if (argc == 2)
			printk("fixmap clear: which slot? (0-%u)\n", fixmap_slots() - 1);
		else if (argc > 3)
			printk("fixmap clear: one SLOT at a time\n");
		if (argc != 3 || !shell_parse_num(argv[2], &slot))
			return usage(find_command(argv[0]));
		if (!fixmap_slot_exists(slot) || !fixmap_slot_free_for_shell(slot))
			return 1;
		if (!kernel_mapping_at(fix_to_virt(slot))) {
			printk("fixmap: slot %" PRIu32 " is not set\n", slot);
			return 1;
		}
		if (clear_fixmap(slot))
			return 1;
		printk("fixmap slot %" PRIu32 ": 0x%08" PRIx32 " cleared, its TLB entry invalidated\n",
		       slot, fix_to_virt(slot));
		return 0;
	}
	if (argc == 2 && shell_parse_num(argv[1], &slot))
		printk("fixmap %s: PHYS is missing\n", argv[1]);
	if (argc < 3 || argc > 4 || !shell_parse_num(argv[1], &slot) || !shell_parse_num(argv[2], &phys) ||
	    (argc == 4 && !shell_parse_type(argv[3], &type)))
		return usage(find_command(argv[0]));
	if (!fixmap_slot_exists(slot) || !fixmap_slot_free_for_shell(slot) ||
	    !user_alias_allowed("fixmap", phys & PAGE_MASK, PAGE_SIZE, type, true))
		return 1;
	if (set_fixmap(slot, phys, type))
		return 1;
	printk("fixmap slot %" PRIu32 ": 0x%08" PRIx32 " -> 0x%08" PRIx32 " (%s)\n", slot,
	       fix_to_virt(slot), phys & PAGE_MASK, mem_types[type].name);
	return 0;
}

static int cmd_dma(int argc, char **argv)
{
	uint32_t n;
	phys_addr_t handle;
	void *va;

	if (argc == 1) {
		dma_print();
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "alloc") && shell_parse_num(argv[2], &n)) {
		va = dma_alloc_coherent(n, &handle);
		if (!va)
			return 1;
		printk("dma: %" PRIu32 " kB at 0x%08" PRIx32 " (uncached), device address 0x%08" PRIx32 "\n",
		       ALIGN_UP(n, PAGE_SIZE) >> 10, (uint32_t)va, (uint32_t)handle);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "free") && shell_parse_addr(argv[2], &n)) {
		if (dma_free_coherent((void *)n))
			return 1;
		printk("dma: 0x%08" PRIx32 " freed: unmapped, its pages returned\n", n);
		return 0;
	}
	if (strcmp(argv[1], "alloc") && strcmp(argv[1], "free"))
		printk("dma: %s: say alloc SIZE or free VA\n", argv[1]);
	else if (argc == 2)
		printk("dma %s: %s is missing\n", argv[1], !strcmp(argv[1], "alloc") ? "SIZE" : "VA");
	return usage(find_command(argv[0]));
}

/* ---- check, poweroff, help ---- */

static int cmd_check(int argc, char **argv)
{
	(void)argc; (void)argv;
	return mmu_check(true) ? 1 : 0;
}

static int cmd_poweroff(int argc, char **argv)
{
	(void)argc; (void)argv;
	machine_poweroff(0);
}

/* The generic timer's virtual count starts with the machine, so it says
 * how much QEMU time has passed since power-on; the tick counts since
 * time_init(). */
static int cmd_uptime(int argc, char **argv)
{
	uint64_t us = uptime_us();

	(void)argc; (void)argv;
	printk("up %" PRIu32 ".%03" PRIu32 " ms of QEMU time (CNTVCT %" PRIu32 " ticks at %" PRIu32
	       " Hz); jiffies %" PRIu32 " at HZ=%d\n",
	       (uint32_t)(us / 1000), (uint32_t)(us % 1000), (uint32_t)read_cntvct(), read_cntfrq(),
	       jiffies, HZ);
	return 0;
}

static int cmd_interrupts(int argc, char **argv)
{
	(void)argc; (void)argv;
	irq_print();
	return 0;
}

/* The command line is read once, at boot: a new one means a new boot. */
static int cmd_reboot(int argc, char **argv)
{
	(void)argc; (void)argv;
	printk("reboot: the kernel command line is fixed when QEMU loads the kernel, so a\n"
	       "different one needs a new boot: quit QEMU (Ctrl-A x) and type, for example\n"
	       "  make run APPEND=\"vmalloc=256M highmem=on\"\n"
	       "  make run QEMU_MEM=2G APPEND=\"mem=768M\"\n");
	return 0;
}

static int cmd_help(int argc, char **argv);

static const struct command commands[] = {
	{ "help", "[COMMAND]", "list the commands, or explain one", "help v2p", cmd_help, 0, 1 },
	{ "layout", "", "the virtual kernel memory layout table again", "layout", cmd_layout, 0, 0 },
	{ "memmap", "", "physical memory: banks, unused RAM, reserved ranges", "memmap", cmd_memmap, 0, 0 },
	{ "v2p", "VA", "translate VA by walking the tables and by the MMU (ATS1CPR, ATS1CPW)", "v2p 0xc0000000", cmd_v2p, 1, 1 },
	{ "p2v", "PA", "__va: where the kernel sees a physical address", "p2v 0x40000000", cmd_p2v, 1, 1 },
	{ "ptdump", "[VA [SIZE]]", "page tables: all (runs), one VA field by field, or a range in detail", "ptdump 0xc0000000 1M", cmd_ptdump, 0, 2 },
	{ "map", "VA PA [SIZE] [rw|rwx|ro|rx|device|uncached]", "map pages/sections by hand (user space, modules, unused space)", "map 0x10000000 0x40000000 1M ro", cmd_map, 2, 4 },
	{ "unmap", "VA [SIZE]", "remove what map made (with TLB maintenance)", "unmap 0x10000000", cmd_unmap, 1, 2 },
	{ "tlb", "all | VA | asid N", "invalidate TLB entries", "tlb 0xc0000000", cmd_tlb, 1, 2 },
	{ "cache", "clean|flush VA [SIZE] | icache", "data cache maintenance by VA to the PoC; I-cache invalidate", "cache flush 0xc0000000 4K", cmd_cache, 1, 3 },
	{ "regs", "", "the MMU's system registers, decoded", "regs", cmd_regs, 0, 0 },
	{ "peek", "ADDR [8|16|32]", "read memory; a fault is reported, not fatal", "peek 0xef800000", cmd_peek, 1, 2 },
	{ "poke", "ADDR VALUE [8|16|32]", "write memory; a fault is reported, not fatal", "poke 0xc0100000 0", cmd_poke, 2, 3 },
	{ "exec", "ADDR", "call the code at ADDR; a prefetch abort is reported, not fatal", "exec _sdata", cmd_exec, 1, 1 },
	{ "crash", "read|write|exec ADDR", "the same access unguarded: a fault stops the machine", "crash write 0xc0100000", cmd_crash, 2, 2 },
	{ "fixmap", "[SLOT PHYS [rw|rwx|ro|rx|device|uncached] | clear SLOT]", "list, set or clear fixmap slots", "fixmap 20 0x09000000 device", cmd_fixmap, 0, 4 },
	{ "dma", "[alloc SIZE | free VA]", "DMA-coherent buffers in the consistent region", "dma alloc 64K", cmd_dma, 0, 2 },
	{ "vmalloc", "SIZE", "virtually contiguous memory: its pages and where they are", "vmalloc 64K", cmd_vmalloc, 1, 1 },
	{ "vfree", "VA", "free a vmalloc area: unmap it and return its pages", "vfree VMALLOC_START", cmd_vfree, 1, 1 },
	{ "kmalloc", "SIZE", "a small object from lowmem: physically contiguous, __pa works", "kmalloc 100", cmd_kmalloc, 1, 1 },
	{ "kfree", "VA", "free what kmalloc gave", "kfree 0xef7ff000", cmd_kfree, 1, 1 },
	{ "ioremap", "PHYS SIZE [rw|rwx|ro|rx|device|uncached]", "map a device (or any non-RAM range) into the vmalloc area", "ioremap 0x09000000 4K", cmd_ioremap, 2, 3 },
	{ "iounmap", "VA", "undo an ioremap", "iounmap VMALLOC_START", cmd_iounmap, 1, 1 },
	{ "kmap", "[atomic] PHYS", "map a page (highmem: into pkmap or a fixmap slot); no argument: list pkmap", "kmap 0x70000000", cmd_kmap, 0, 2 },
	{ "kunmap", "PHYS | atomic VA", "drop a kmap (pkmap slots are unmapped when the ring wraps)", "kunmap 0x70000000", cmd_kunmap, 1, 2 },
	{ "areas", "", "the live vmalloc and ioremap areas with their guard pages", "areas", cmd_areas, 0, 0 },
	{ "meminfo", "", "page allocator, kmalloc and vmalloc counts (/proc/meminfo style)", "meminfo", cmd_meminfo, 0, 0 },
	{ "selftest", "", "vmalloc, guard pages, kmalloc, ioremap, kmap, exhaustion: checked", "selftest", cmd_selftest, 0, 0 },
	{ "soak", "[SECONDS [SEED [OPS]]]", "random vmalloc/kmalloc/kmap/ioremap mix, contents checked, nothing lost", "soak 1", cmd_soak, 0, 3 },
	{ "vmbench", "", "vmalloc+vfree cost with 16, 1000 and 16000 live areas (QEMU time)", "vmbench", cmd_vmbench, 0, 0 },
	{ "check", "", "compare the layout, the page tables and the MMU everywhere", "check", cmd_check, 0, 0 },
	{ "user", "[run [N] | syscalls N | attack NAME|all | results | check | ptdump | mode copy|split | bench]", "a task in User mode below TASK_SIZE: its system calls, its attacks on the kernel", "user attack all", cmd_user, 0, 2 },
	{ "uptime", "", "time since power-on (generic timer) and the tick count", "uptime", cmd_uptime, 0, 0 },
	{ "interrupts", "", "the interrupts in use and how often each arrived", "interrupts", cmd_interrupts, 0, 0 },
	{ "poweroff", "", "power the machine off (PSCI SYSTEM_OFF)", "poweroff", cmd_poweroff, 0, 0 },
	{ "reboot", "", "how to boot again with another command line", "reboot", cmd_reboot, 0, 0 },
};

static const struct command *find_command(const char *name)
{
	for (unsigned i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static int usage(const struct command *cmd)
{
	printk("usage: %s %s\n", cmd->name, cmd->args);
	return 1;
}

int shell_usage(const char *name)
{
	return usage(find_command(name));
}

static int cmd_help(int argc, char **argv)
{
	const struct command *cmd;

	if (argc == 1) {
		for (unsigned i = 0; i < ARRAY_SIZE(commands); i++)
			printk("%-10s %s\n", commands[i].name, commands[i].summary);
		printk("\nNumbers are hex (0x...) or decimal, with K, M or G allowed; an address\n"
		       "may also be a name: _text _etext _sdata _end swapper_pg_dir PAGE_OFFSET\n"
		       "high_memory VMALLOC_START VMALLOC_END MODULES_VADDR PKMAP_BASE FIXADDR_START\n"
		       "VECTORS CONSISTENT_BASE console ...\n"
		       "help reboot: how to boot with another command line\n");
		return 0;
	}
	cmd = find_command(argv[1]);
	if (!cmd) {
		printk("help: no command \"%s\"; type help for the list\n", argc > 1 ? argv[1] : "");
		return 1;
	}
	printk("usage:   %s %s\n%s\nexample: %s\n", cmd->name, cmd->args, cmd->summary, cmd->example);
	return 0;
}

/* ---- running a line ---- */

static int run_line(char *line)
{
	char *argv[MAX_ARGS];
	int argc = split_args(line, argv, MAX_ARGS);
	const struct command *cmd;

	if (argc < 0) {
		printk("too many arguments (at most %d)\n", MAX_ARGS - 1);
		return 1;
	}
	if (argc == 0)
		return 0;
	cmd = find_command(argv[0]);
	if (!cmd) {
		printk("%s: no such command; type help\n", argv[0]);
		return 1;
	}
	/* Too few or too many words: the reason, then the usage line. */
	if (argc - 1 > cmd->max_args && !cmd->max_args) {
		printk("%s takes no arguments\n", cmd->name);
		return 1;
	}
	if (argc - 1 > cmd->max_args || argc - 1 < cmd->min_args) {
		int n = argc - 1 > cmd->max_args ? cmd->max_args : cmd->min_args;

		printk("%s: takes %s%d argument%s, got %d\n", cmd->name,
		       cmd->min_args == cmd->max_args ? "" : argc - 1 > cmd->max_args ? "at most " : "at least ",
		       n, n == 1 ? "" : "s", argc - 1);
		return usage(cmd);
	}
	return cmd->fn(argc, argv);
}

void shell_run_list(const char *list)
{
	char line[LINE_MAX];
	int failed = 0;

	while (*list) {
		size_t n = strcspn(list, ";");

		if (n >= sizeof(line)) {
			printk("run: command longer than %d bytes\n", LINE_MAX - 1);
			failed++;
		} else {
			memcpy(line, list, n);
			line[n] = '\0';
			printk("vmsplit> %s\n", line + strspn(line, " "));
			if (run_line(line))
				failed++;
		}
		list += n;
		if (*list == ';')
			list++;
	}
	printk("run: %d command%s failed\n", failed, failed == 1 ? "" : "s");
	machine_poweroff(failed ? 1 : 0);
}

_Noreturn void shell_interactive(void)
{
	char line[LINE_MAX];

	printk("Type help for the commands.\n");
	for (;;) {
		printk("vmsplit> ");
		line_edit_read(line, sizeof(line));
		run_line(line);
	}
}
