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
#include "arm/sysreg.h"
#include "dma.h"
#include "fixmap.h"
#include "kernel_map.h"
#include "fault.h"
#include "irq.h"
#include "kernel.h"
#include "line_edit.h"
#include "memory.h"
#include "memparse.h"
#include "pl011.h"
#include "printk.h"
#include "shell.h"
#include "sizes.h"
#include "task.h"

#define MAX_ARGS	8
#define LINE_MAX	256

struct command {
	const char *name;
	const char *args;	/* usage after the name */
	const char *summary;
	const char *example;
	int (*fn)(int argc, char **argv);
};

static const struct command *find_command(const char *name);
static int usage(const struct command *cmd);

extern uint32_t swapper_pg_dir[];

/*
 * An address: a number, or a name the kernel knows (its image's symbols
 * and the layout's boundaries), so that "exec _sdata" or "v2p high_memory"
 * mean the same whatever the image's size.
 */
bool shell_parse_addr(const char *s, uint32_t *out)
{
	const struct layout *l = &kernel_layout;
	const struct {
		const char *name;
		uint32_t value;
	} names[] = {
		{ "_text", (uint32_t)_text }, { "_etext", (uint32_t)_etext },
		{ "__start_rodata", (uint32_t)__start_rodata }, { "__init_begin", (uint32_t)__init_begin },
		{ "_sdata", (uint32_t)_sdata }, { "_edata", (uint32_t)_edata },
		{ "__bss_start", (uint32_t)__bss_start }, { "_end", (uint32_t)_end },
		{ "swapper_pg_dir", (uint32_t)swapper_pg_dir },
		{ "PAGE_OFFSET", l->page_offset }, { "high_memory", l->high_memory },
		{ "VMALLOC_START", l->vmalloc_start }, { "VMALLOC_END", l->vmalloc_end },
		{ "MODULES_VADDR", l->modules_vaddr }, { "PKMAP_BASE", l->pkmap_base },
		{ "FIXADDR_START", l->fixmap_start }, { "VECTORS", VECTORS_BASE },
		{ "CONSISTENT_BASE", l->consistent_base }, { "console", console_virt },
	};

	for (unsigned i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(names[i].name, s)) {
			*out = names[i].value;
			return true;
		}
	return parse_u32(s, out);
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

/* Is pa in one of the holes the device tree cut out of RAM? */
static bool board_hole(phys_addr_t pa)
{
	for (int i = 0; i < board.nr_holes; i++)
		if (pa >= board.holes[i].base && pa - board.holes[i].base < board.holes[i].size)
			return true;
	return false;
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
	printk("RAM the layout leaves unused:\n");
	for (int r = 0; r < board.nr_mem; r++) {
		phys_addr_t p = board.mem[r].base, end = p + board.mem[r].size;

		for (int i = 0; i <= l->mi.nr_banks && p < end; i++) {
			phys_addr_t next = i < l->mi.nr_banks ? l->mi.bank[i].start : end;

			if (next > end)
				next = end;
			if (next > p)
				print_range(board_hole(p) ? "hole: removed by the device tree (qcom,memblock-remove)" :
					    "not used", p, next);
			if (i < l->mi.nr_banks && bank_end(&l->mi.bank[i]) > p)
				p = bank_end(&l->mi.bank[i]);
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
		/* PAR[6:1] hold DFSR bits 12, 10, 3:0. */
		uint32_t fsr = ((par >> 1) & 0xf) | (((par >> 5) & 1) << 10);

		printk("  MMU:    %s -> PAR 0x%08" PRIx32 ": %s\n", op, par, fsr_description(fsr));
		return;
	}
	printk("  MMU:    %s -> PAR 0x%08" PRIx32 ": PA 0x%08" PRIx32, op, par, (uint32_t)pa);
	if (par & 0xfc)		/* QEMU leaves the attribute fields zero */
		printk(" (inner %s, %sshareable)", par_inner[(par >> PAR_INNER_SHIFT) & 7],
		       (par & PAR_SH) ? "" : "non-");
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
	if (layout_region_of(l, va) != REGION_LOWMEM)
		return 0;	/* no __pa: not in the linear map */
	if (l->hole_end && va >= layout_hole_va(l))
		printk("  __pa:   0x%08" PRIx32 " (the linear map bent past the hole: VA - 0x%08" PRIx32 " + 0x%08" PRIx32 ")\n",
		       (uint32_t)layout_pa(l, va), layout_hole_va(l), (uint32_t)l->hole_end);
	else
		printk("  __pa:   0x%08" PRIx32 " (the linear map: VA - 0x%08" PRIx32 " + 0x%08" PRIx32 ")\n",
		       (uint32_t)layout_pa(l, va), l->page_offset, (uint32_t)l->phys_offset);
	return 0;
}

/* __va: lowmem's linear map backwards; highmem has no permanent address. */
static int cmd_p2v(int argc, char **argv)
{
	const struct layout *l = &kernel_layout;
	uint32_t pa;

	if (argc != 2 || !parse_u32(argv[1], &pa))
		return usage(find_command(argv[0]));
	if (layout_is_lowmem_ram(l, pa) && l->hole_end && pa >= l->hole_end)
		printk("0x%08" PRIx32 ": lowmem, __va = 0x%08" PRIx32 " (bent past the hole: PA - 0x%08" PRIx32 " + 0x%08" PRIx32 ")\n",
		       pa, layout_va(l, pa), (uint32_t)l->hole_end, layout_hole_va(l));
	else if (layout_is_lowmem_ram(l, pa))
		printk("0x%08" PRIx32 ": lowmem, __va = 0x%08" PRIx32 " (PA - 0x%08" PRIx32 " + 0x%08" PRIx32 ")\n",
		       pa, layout_va(l, pa), (uint32_t)l->phys_offset, l->page_offset);
	else if (layout_is_ram(l, pa))
		printk("0x%08" PRIx32 ": highmem or unused RAM: no permanent virtual address; kmap 0x%08" PRIx32 " maps it\n",
		       pa, pa & PAGE_MASK);
	else
		printk("0x%08" PRIx32 ": not RAM; a device is reached through ioremap (or the static IO map)\n", pa);
	return 0;
}

/* ---- peek ---- */

static int cmd_peek(int argc, char **argv)
{
	uint32_t addr, width = 32, v = 0;
	int err;

	if (argc < 2 || argc > 3 || !shell_parse_addr(argv[1], &addr) ||
	    (argc == 3 && (!parse_u32(argv[2], &width) ||
			   (width != 8 && width != 16 && width != 32))))
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

static bool parse_width(int argc, char **argv, int at, uint32_t *width)
{
	*width = 32;
	return argc <= at || (parse_u32(argv[at], width) &&
			      (*width == 8 || *width == 16 || *width == 32));
}

static int cmd_poke(int argc, char **argv)
{
	uint32_t addr, val, width;
	int err;

	if (argc < 3 || argc > 4 || !shell_parse_addr(argv[1], &addr) || !parse_u32(argv[2], &val) ||
	    !parse_width(argc, argv, 3, &width))
		return usage(find_command(argv[0]));
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

	if (argc != 3 || !shell_parse_addr(argv[2], &addr) || (addr & 3))
		return usage(find_command(argv[0]));
	/* Only a fetch that faults stops the machine; anything else would run. */
	if (!strcmp(argv[1], "exec") && exec_refused("crash exec", addr))
		return 1;
	printk("crash: an unguarded %s at 0x%08" PRIx32 "\n", argv[1], addr);
	if (!strcmp(argv[1], "read"))
		(void)*(volatile uint32_t *)addr;
	else if (!strcmp(argv[1], "write"))
		*(volatile uint32_t *)addr = 0;
	else if (!strcmp(argv[1], "exec"))
		((void (*)(void))addr)();
	else
		return usage(find_command(argv[0]));
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

static int cmd_fixmap(int argc, char **argv)
{
	uint32_t slot, phys;
	enum mem_type_id type = MT_MEMORY_RW;

	if (argc == 1) {
		printk("fixmap: %u slots of 4 kB, slot 0 at 0x%08" PRIx32 ", %s\n", fixmap_slots(),
		       fix_to_virt(0), kernel_layout.rules->fixmap_grows_down ? "growing down" : "growing up");
		for (unsigned i = 0; i < fixmap_slots(); i++) {
			const struct kernel_mapping *m = kernel_mapping_at(fix_to_virt(i));

			if (m)
				printk("  slot %3u  0x%08" PRIx32 " -> 0x%08" PRIx32 "  %s\n", i,
				       m->virt, (uint32_t)m->phys, mem_types[m->type].name);
		}
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "clear") && parse_u32(argv[2], &slot))
		return clear_fixmap(slot) ? (printk("fixmap: slot %" PRIu32 " is not set\n", slot), 1) : 0;
	if (argc < 3 || argc > 4 || !parse_u32(argv[1], &slot) || !parse_u32(argv[2], &phys) ||
	    (argc == 4 && !shell_parse_type(argv[3], &type)))
		return usage(find_command(argv[0]));
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
	if (argc == 3 && !strcmp(argv[1], "alloc") && parse_u32(argv[2], &n)) {
		va = dma_alloc_coherent(n, &handle);
		if (!va)
			return 1;
		printk("dma: %" PRIu32 " kB at 0x%08" PRIx32 " (uncached), device address 0x%08" PRIx32 "\n",
		       ALIGN_UP(n, PAGE_SIZE) >> 10, (uint32_t)va, (uint32_t)handle);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "free") && shell_parse_addr(argv[2], &n))
		return dma_free_coherent((void *)n) ? 1 : 0;
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
	{ "help", "[COMMAND]", "list the commands, or explain one", "help v2p", cmd_help },
	{ "layout", "", "the virtual kernel memory layout table again", "layout", cmd_layout },
	{ "memmap", "", "physical memory: banks, unused RAM, reserved ranges", "memmap", cmd_memmap },
	{ "v2p", "VA", "translate VA by walking the tables and by the MMU (ATS1CPR, ATS1CPW)", "v2p 0xc0000000", cmd_v2p },
	{ "p2v", "PA", "__va: where the kernel sees a physical address", "p2v 0x40000000", cmd_p2v },
	{ "ptdump", "[VA [SIZE]]", "page tables: all (runs), one VA field by field, or a range in detail", "ptdump 0xc0000000 1M", cmd_ptdump },
	{ "map", "VA PA [SIZE] [rw|rwx|ro|rx|device|uncached]", "map pages/sections by hand (user space, modules, unused space)", "map 0x10000000 0x40000000 1M ro", cmd_map },
	{ "unmap", "VA [SIZE]", "remove what map made (with TLB maintenance)", "unmap 0x10000000", cmd_unmap },
	{ "tlb", "all | VA | asid N", "invalidate TLB entries", "tlb 0xc0000000", cmd_tlb },
	{ "cache", "clean|flush VA [SIZE] | icache", "data cache maintenance by VA to the PoC; I-cache invalidate", "cache flush 0xc0000000 4K", cmd_cache },
	{ "regs", "", "the MMU's system registers, decoded", "regs", cmd_regs },
	{ "peek", "ADDR [8|16|32]", "read memory; a fault is reported, not fatal", "peek 0xef800000", cmd_peek },
	{ "poke", "ADDR VALUE [8|16|32]", "write memory; a fault is reported, not fatal", "poke 0xc0100000 0", cmd_poke },
	{ "exec", "ADDR", "call the code at ADDR; a prefetch abort is reported, not fatal", "exec _sdata", cmd_exec },
	{ "crash", "read|write|exec ADDR", "the same access unguarded: a fault stops the machine", "crash write 0xc0100000", cmd_crash },
	{ "fixmap", "[SLOT PHYS [rw|rwx|ro|rx|device|uncached] | clear SLOT]", "list, set or clear fixmap slots", "fixmap 20 0x09000000 device", cmd_fixmap },
	{ "dma", "[alloc SIZE | free VA]", "DMA-coherent buffers in the consistent region", "dma alloc 64K", cmd_dma },
	{ "vmalloc", "SIZE", "virtually contiguous memory: its pages and where they are", "vmalloc 64K", cmd_vmalloc },
	{ "vfree", "VA", "free a vmalloc area: unmap it and return its pages", "vfree VMALLOC_START", cmd_vfree },
	{ "kmalloc", "SIZE", "a small object from lowmem: physically contiguous, __pa works", "kmalloc 100", cmd_kmalloc },
	{ "kfree", "VA", "free what kmalloc gave", "kfree 0xef7ff000", cmd_kfree },
	{ "ioremap", "PHYS SIZE [rw|rwx|ro|rx|device|uncached]", "map a device (or any non-RAM range) into the vmalloc area", "ioremap 0x09000000 4K", cmd_ioremap },
	{ "iounmap", "VA", "undo an ioremap", "iounmap VMALLOC_START", cmd_iounmap },
	{ "kmap", "[atomic] PHYS", "map a page (highmem: into pkmap or a fixmap slot); no argument: list pkmap", "kmap 0x70000000", cmd_kmap },
	{ "kunmap", "PHYS | atomic VA", "drop a kmap (pkmap slots are unmapped when the ring wraps)", "kunmap 0x70000000", cmd_kunmap },
	{ "areas", "", "the live vmalloc and ioremap areas with their guard pages", "areas", cmd_areas },
	{ "meminfo", "", "page allocator, kmalloc and vmalloc counts (/proc/meminfo style)", "meminfo", cmd_meminfo },
	{ "selftest", "", "vmalloc, guard pages, kmalloc, ioremap, kmap, exhaustion: checked", "selftest", cmd_selftest },
	{ "soak", "[SECONDS [SEED [OPS]]]", "random vmalloc/kmalloc/kmap/ioremap mix, contents checked, nothing lost", "soak 1", cmd_soak },
	{ "vmbench", "", "vmalloc+vfree cost with 16, 1000 and 16000 live areas (QEMU time)", "vmbench", cmd_vmbench },
	{ "check", "", "compare the layout, the page tables and the MMU everywhere", "check", cmd_check },
	{ "user", "[run [N] | syscalls N | attack NAME|all | results | check | ptdump | mode copy|split | bench]", "a task in User mode below TASK_SIZE: its system calls, its attacks on the kernel", "user attack all", cmd_user },
	{ "uptime", "", "time since power-on (generic timer) and the tick count", "uptime", cmd_uptime },
	{ "interrupts", "", "the interrupts in use and how often each arrived", "interrupts", cmd_interrupts },
	{ "poweroff", "", "power the machine off (PSCI SYSTEM_OFF)", "poweroff", cmd_poweroff },
	{ "reboot", "", "how to boot again with another command line", "reboot", cmd_reboot },
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
	if (argc != 2 || !cmd) {
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
