/*
 * start_kernel: the boot sequence, in Linux's order so the messages come
 * out in Linux's order.
 *
 *   setup_arch:  read the device tree; apply the command line (mem=,
 *                vmalloc=: their warnings); decide the layout (Truncating
 *                RAM ...); reserve what is in use; build the page tables.
 *   then:        "Kernel command line: ...", and mem_init's report:
 *                "Memory: ..." and "Virtual kernel memory layout:".
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "arch_timer.h"
#include "board_id.h"
#include "console.h"
#include "arm/cp15.h"
#include "arm/pgtable-hwdef.h"
#include "arm/psr.h"
#include "arm/tlbflush.h"
#include "cache.h"
#include "fdt.h"
#include "irq.h"
#include "memory.h"
#include "mm.h"
#include "mmu.h"
#include "mmucheck.h"
#include "pl011.h"
#include "poweroff.h"
#include "printk.h"
#include "setup.h"
#include "shell.h"
#include "sizes.h"
#include "smp.h"
#include "task.h"
#include "traps.h"
#include "vmalloc.h"

static const char *command_line = "";
static const struct board_id *this_board;

void start_kernel(uint32_t dtb, uint32_t entry_mode);

static const char *cpu_name(uint32_t midr)
{
	switch ((midr >> 4) & 0xfff) {
	case 0xc07: return "Cortex-A7";
	case 0xc0f: return "Cortex-A15";
	default:    return "ARMv7 CPU";
	}
}

static const char *entry_mode_name(uint32_t mode)
{
	return mode == PSR_MODE_HYP ? "HYP mode (dropped to SVC)" :
	       mode == PSR_MODE_SVC ? "SVC mode" : "an unexpected mode (switched to SVC)";
}

/* QEMU's defaults, for a boot without a usable device tree. */
static void board_fallback(bool refused)
{
	memset(&board, 0, sizeof(board));
	board.nr_mem = 1;
	board.mem[0].base = PHYS_OFFSET;
	board.mem[0].size = SZ_128M;
	board.have_uart = true;
	board.uart_base = DEFAULT_UART_PHYS;
	board.uart_size = PAGE_SIZE;
	board.psci = PSCI_HVC;
	printk("vmsplit: %s; assuming QEMU virt's defaults: 128 MB at 0x%08" PRIx32
	       ", PL011 at 0x%08" PRIx32 ", PSCI via hvc\n",
	       refused ? "the device tree is unusable (above)" : "no device tree",
	       (uint32_t)PHYS_OFFSET, DEFAULT_UART_PHYS);
}

/*
 * Does anything answer at physical address pa?  Before paging_init() only
 * head.S's boot table is live: one spare slot of it (mmu_format.probe_map)
 * maps pa's section or block as device memory for one guarded read.  On
 * virt, RAM the machine does not have reads as a synchronous external
 * abort, which the probe's fixup turns into "no".
 */
static bool phys_read32(phys_addr_t pa, uint32_t *v)
{
	uint32_t va = mmu_format.probe_map(pa);
	int err;

	if (!va)
		return false;
	err = probe_read32(va, v);
	mmu_format.probe_unmap();
	return err == 0;
}

static bool answers(phys_addr_t pa)
{
	uint32_t v;

	return phys_read32(pa, &v);
}

/*
 * Is there a PL011 at base?  Every PrimeCell ends its 4 KB with the same
 * eight ID bytes (PeriphID0-3, CellID0-3 at 0xfe0-0xffc, ARM DDI 0183):
 * part 0x011, designer 0x41 ('A'), cell 0xb105f00d.  A console pointed at
 * anything else would hang the first write, waiting for a FIFO flag that
 * never clears, or abort it.
 */
static bool is_pl011(phys_addr_t base, char *why, size_t n)
{
	uint32_t id[8];

	for (unsigned i = 0; i < 8; i++)
		if (!phys_read32(base + 0xfe0 + 4 * i, &id[i])) {
			snprintf(why, n, "nothing answers at 0x%08" PRIx32, (uint32_t)base + 0xfe0 + 4 * i);
			return false;
		}
	uint32_t part = (id[0] & 0xff) | (id[1] & 0xf) << 8;
	uint32_t designer = (id[1] >> 4 & 0xf) | (id[2] & 0xf) << 4;
	uint32_t cell = (id[4] & 0xff) | (id[5] & 0xff) << 8 | (id[6] & 0xff) << 16 | (id[7] & 0xff) << 24;

	if (part == 0x011 && designer == 0x41 && cell == 0xb105f00du)
		return true;
	snprintf(why, n, "its ID registers say part 0x%03" PRIx32 ", designer 0x%02" PRIx32
		 ", cell 0x%08" PRIx32 ", not a PL011 (0x011, 0x41, 0xb105f00d)", part, designer, cell);
	return false;
}

/*
 * Where does a memory range the device tree claims stop answering?  QEMU
 * backs each memory node with one block of RAM (any board, any -m), so
 * the question is where that block ends: a range whose first word does
 * not answer is dropped; one whose last word does is kept whole; else the
 * first megabyte that does not answer is found by halving, and the range
 * is cut there.  Each probe maps a section, maintains the TLB and takes a
 * guarded read: asking every megabyte of 1 GB took a tenth of the boot,
 * halving asks a dozen times.  (A hole inside the range with RAM after it
 * would not be seen; nothing QEMU builds has one.)
 */
static phys_addr_t probe_candidate(phys_addr_t lo, uint32_t k)
{
	return k ? ALIGN_DOWN(lo, SZ_1M) + (phys_addr_t)k * SZ_1M : lo;
}

/* The first address of [lo, top) that does not answer, or top when the
 * whole range does.  lo answers. */
static phys_addr_t ram_end(phys_addr_t lo, phys_addr_t top)
{
	/* Candidates: lo, then each megabyte boundary above it below top. */
	uint32_t good = 0, bad = (uint32_t)((top - 1 - ALIGN_DOWN(lo, SZ_1M)) >> 20) + 1;

	if (answers(top - 4))
		return top;
	while (bad - good > 1) {
		uint32_t mid = good + (bad - good) / 2;

		if (answers(probe_candidate(lo, mid)))
			good = mid;
		else
			bad = mid;
	}
	/* Every boundary answered: the block ends in its last megabyte. */
	return probe_candidate(lo, bad) < top ? probe_candidate(lo, bad) : top - 4;
}

static void probe_memory(void)
{
	char a[17], e[17], c[17];
	int n = 0;

	if (mmu_format.probe_slot_used()) {
		/* head.S used that slot (a device tree mapped there). */
		printk("vmsplit: no spare boot-table slot below the early UART's; the device tree's memory "
		       "is not probed\n");
		return;
	}
	for (int i = 0; i < board.nr_mem; i++) {
		phys_addr_t base = board.mem[i].base, end = base + board.mem[i].size;
		/* What lies below PHYS_OFFSET is dropped later anyway (with
		 * Linux's line), whatever answers there. */
		phys_addr_t lo = base > PHYS_OFFSET ? base : PHYS_OFFSET, p;
		/* Only below 4 GB can a short-descriptor section reach: what
		 * lies above is the layout decision's to refuse, with its era's
		 * line (as Linux's), not the probe's.  A long-descriptor block
		 * reaches 40 bits. */
		phys_addr_t top = end < mmu_format.probe_limit ? end : mmu_format.probe_limit;

		p = top <= lo ? top : !answers(lo) ? lo : ram_end(lo, top);
		if (p >= top) {
			board.mem[n++] = board.mem[i];
			continue;
		}
		p &= ~(phys_addr_t)(PAGE_SIZE - 1);
		if (p <= lo) {
			printk("DT: memory 0x%s-0x%s: nothing answers at 0x%s; not RAM, dropped\n",
			       phys_hex(a, base), phys_hex(e, end - 1), phys_hex(c, base));
			continue;
		}
		printk("DT: memory 0x%s-0x%s: nothing answers at 0x%s; RAM ends there\n",
		       phys_hex(a, base), phys_hex(e, end - 1), phys_hex(c, p));
		board.mem[n].base = base;
		board.mem[n++].size = p - base;
	}
	board.nr_mem = n;
}

/* How much of the device tree head.S mapped: at the start of RAM it
 * must stop before the kernel image, elsewhere it has two sections. */
static size_t dtb_avail(void)
{
	return dtb_phys == PHYS_OFFSET ? TEXT_OFFSET : 2 * SZ_1M - (size_t)(dtb_phys & (SZ_1M - 1));
}

static void read_device_tree(void)
{
	if (!dtb_phys || board_from_fdt(&board, __va(dtb_phys), dtb_avail()) < 0) {
		board_fallback(dtb_phys != 0);
		dtb_phys = 0;
		return;
	}
	if (board.model[0])
		printk("Machine model: %s\n", board.model);
	probe_memory();
	if (!board.nr_mem) {
		printk("vmsplit: the device tree has no usable memory; assuming 128 MB\n");
		board.nr_mem = 1;
		board.mem[0].base = PHYS_OFFSET;
		board.mem[0].size = SZ_128M;
	}
	if (!board.have_uart) {
		printk("vmsplit: no PL011 in the device tree; keeping the early UART at 0x%08" PRIx32 "\n",
		       DEFAULT_UART_PHYS);
		board.have_uart = true;
		board.uart_base = DEFAULT_UART_PHYS;
	} else {
		char why[112];

		if (!is_pl011(board.uart_base, why, sizeof(why))) {
			printk("DT: console 0x%08" PRIx32 ": %s; keeping the early UART at 0x%08" PRIx32 "\n",
			       (uint32_t)board.uart_base, why, DEFAULT_UART_PHYS);
			board.uart_base = DEFAULT_UART_PHYS;
			board.uart_size = PAGE_SIZE;
		}
	}
	if (board.bootargs)
		command_line = board.bootargs;
}

/* printk.time=1 (Linux's), read before the waiting lines go out: they
 * carry their times too.  The layout's reading of the line accepts it. */
static void set_printk_time(void)
{
	int on = boot_param_bool(command_line, "printk.time");

	if (on == BOOT_PARAM_NOT_BOOL)
		printk("vmsplit: printk.time takes 1, y, on or 0, n, off; the lines are not timed\n");
	printk_time(on == 1);
}

static void print_board(void)
{
	char a[17], e[17];

	for (int i = 0; i < board.nr_mem; i++)
		printk("DT: memory 0x%s-0x%s (%" PRIu32 " MB)\n",
		       phys_hex(a, board.mem[i].base),
		       phys_hex(e, board.mem[i].base + board.mem[i].size - 1),
		       (uint32_t)(board.mem[i].size >> 20));
	for (int i = 0; i < board.nr_holes; i++)
		printk("DT: memory hole 0x%s-0x%s (%" PRIu32 " MB) removed (qcom,memblock-remove)\n",
		       phys_hex(a, board.holes[i].base),
		       phys_hex(e, board.holes[i].base + board.holes[i].size - 1),
		       (uint32_t)(board.holes[i].size >> 20));
	printk("DT: console PL011 at 0x%08" PRIx32 ", %s\n",
	       (uint32_t)board.uart_base,
	       board.psci == PSCI_SMC ? "PSCI via smc" : board.psci == PSCI_HVC ? "PSCI via hvc" :
	       this_board->psci_assumed ? "PSCI via hvc (assumed)" :
	       "no PSCI (no /psci node): power-off by semihosting");
}

static void decide_layout(void)
{
	struct boot_config *bc = &boot_config;

	boot_config_init(bc, PAGE_OFFSET, PHYS_OFFSET);
	bc->lpae = mmu_format.lpae;	/* before any RAM is added: it decides what fits */
	bc->built_page_offset = PAGE_OFFSET;
	board_to_boot_config(&board, bc);
	boot_config_parse(bc, command_line);
	printk("Rules: Linux %s (rules=%s), highmem %s, VMSPLIT_%s\n",
	       bc->rules->versions, bc->rules->name, bc->highmem ? "on" : "off",
	       split_name(bc->page_offset));
	layout_decide(bc, &kernel_layout);
	layout_print_format(&kernel_layout);
	layout_print_setup(&kernel_layout);
}

/* What memblock must not hand out: the device tree, the image, and any
 * /memreserve/ the firmware asked for. */
static void reserve_memory(void)
{
	const struct layout *l = &kernel_layout;

	memblock_init(&memblock);
	for (int i = 0; i < l->mi.nr_banks; i++)
		memblock_add(&memblock, l->mi.bank[i].start, l->mi.bank[i].size);
	if (dtb_phys)
		memblock_reserve(&memblock, dtb_phys, fdt_totalsize(__va(dtb_phys)),
				 "device tree");
	memblock_reserve(&memblock, __pa(_text),
			 ALIGN_UP((uint32_t)(_end - _text), PAGE_SIZE), "kernel image");
	/* A raw image was loaded below where it runs: what lies under its
	 * load address is the loader's (QEMU's boot stub at the start of RAM;
	 * on raspi2b the spin loop the other three cores keep running at
	 * 0x300, which Linux's tree protects with /memreserve/ 0 0x1000). */
	if (boot_entry_phys > PHYS_OFFSET && boot_entry_phys < KERNEL_PHYS)
		memblock_reserve(&memblock, PHYS_OFFSET, boot_entry_phys - PHYS_OFFSET,
				 "boot loader (below the load address)");
	for (int i = 0; i < l->rsv.nr_banks; i++)
		memblock_reserve(&memblock, l->rsv.bank[i].start, l->rsv.bank[i].size,
				 "firmware /memreserve/");
}

/*
 * The console the device tree chose, in the boot table's console slot
 * until paging_init() gives it a fixmap slot: everything printed so far
 * goes out now.  The fallback (QEMU virt's address, when the tree names
 * no usable PL011) is checked like the tree's: on another board nothing
 * may answer there, and a write would wait forever for a FIFO flag.  A
 * UART that fails, or that the format cannot reach, leaves the lines in
 * the buffer (nothing else could show them).
 */
static void early_console(void)
{
	char why[112];
	uint32_t va;

	if (!is_pl011(board.uart_base, why, sizeof(why)))
		return;
	va = mmu_format.early_console_map(board.uart_base);
	if (!va)
		return;
	pl011_init(va);
	console_start();
}

/*
 * A fatal stop before the console was up (machine_poweroff): rather than
 * take the buffered lines with it, print them on the device tree's PL011
 * if one answers there, else on QEMU virt's if a PL011 answers at its
 * address.  Only before paging_init(), as early_console() itself.
 */
void console_rescue(void)
{
	char why[112];
	uint32_t va;

	if (console_started() || kernel_pgtable.l1)
		return;
	if (board.have_uart && board.uart_base && is_pl011(board.uart_base, why, sizeof(why)))
		va = mmu_format.early_console_map(board.uart_base);
	else if (is_pl011(DEFAULT_UART_PHYS, why, sizeof(why)))
		va = mmu_format.early_console_map(DEFAULT_UART_PHYS);
	else
		return;
	if (!va)
		return;
	pl011_init(va);
	console_start();
}

void start_kernel(uint32_t dtb, uint32_t entry_mode)
{
	uint32_t midr = read_midr();
	char regime[160];

	trap_init();
	cpu_data[0].entry_mode = entry_mode;
	dtb_phys = dtb;
	/* No console yet: these lines wait in printk's buffer until the
	 * device tree has named the UART (early_console()). */
	for (uint32_t i = 1; i <= head_log[0] && i <= HEAD_LOG_MAX; i++)
		printk("%s", (const char *)(uintptr_t)head_log[i]);
	this_board = board_identify(dtb_phys ? __va(dtb_phys) : NULL, dtb_phys ? dtb_avail() : 0);
	printk("vmsplit: Linux's 32-bit ARM kernel memory map, on %s\n", this_board->name);
	printk("CPU: %s r%" PRIu32 "p%" PRIu32 " (MIDR 0x%08" PRIx32 "), entered in %s\n",
	       cpu_name(midr), (midr >> 20) & 0xf, midr & 0xf, midr, entry_mode_name(entry_mode));

	/* setup_arch() */
	read_device_tree();
	set_printk_time();
	early_console();
	poweroff_init(board.psci, this_board->psci_assumed);
	print_board();
	decide_layout();
	reserve_memory();
	if (paging_init())
		machine_poweroff(1);
	mmu_format.describe_regime(regime, sizeof(regime));
	printk("MMU: on, %s; high vectors at 0x%08" PRIx32 "%s\n", regime, VECTORS_BASE,
	       kernel_layout.rules->vector_stubs ? ", stubs page at 0xffff1000" : "");
	devicemaps_init();
	uaccess_init();
	mmu_format.print_table_memory(&kernel_pgtable);
	if (boot_config.supersections)
		print_lowmem_tlb_reach();

	printk("Kernel command line: %s\n", command_line);
	boot_config_report_unknown(&boot_config);
	if (mem_init())
		machine_poweroff(1);
	vmalloc_init();

	/* init_IRQ(), time_init(), then the console's input interrupt. */
	if (init_IRQ()) {
		time_init(irq_timer_id());
		if (pl011_irq_init(irq_uart_id()))
			printk("Console: input on IRQ %u (PL011 receive and receive-timeout)\n",
			       irq_uart_id());
		else
			printk("Console: no receive interrupt; input is polled\n");
		local_irq_enable();
	}
	/* smp_init(): the other CPUs, once there is a tick to share. */
	smp_init(this_board);

	if (mmu_check(false) != 0)
		printk("vmsplit: the MMU check failed; `check` shows the details\n");

	/* The boot's log ends here (dmesg): the shell's output is not kept. */
	printk_boot_done();
	if (boot_config.run_given) {
		shell_run_list(boot_config.run);
		/* not reached */
	}
	shell_interactive();
}
