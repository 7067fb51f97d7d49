/*
 * Several CPUs: bring-up, per-CPU data, IPIs (Linux's arch/arm/kernel/smp.c
 * and kernel/smp.c, reduced to what vmsplit needs).
 *
 * CPU 0 starts each CPU the device tree lists (as many as the cluster
 * has) with PSCI CPU_ON (function 0x84000003: r1 the target's MPIDR
 * affinity, r2 the entry point's physical address, r3 a context word the
 * target finds in r0), one at a time, and waits for it to say it is
 * online, so the boot lines come in order.  Where no PSCI answers, the
 * board's own way: raspi2b's cores are given the entry in their BCM2836
 * mailbox 3; vexpress's wake from QEMU's boot loop into vmsplit's holding
 * pen (the system flags register) and, like the cores QEMU starts at the
 * image's entry under virt,secure=on, are released from the pen by number.
 * The new CPU (boot/secondary.S, then secondary_start_kernel) sets up
 * everything that is banked per CPU: TPIDRPRW, VBAR, the translation
 * regime on swapper_pg_dir (TTBR0/TTBR1/TTBCR, and DACR or MAIR), SCTLR.V
 * for the high vectors, its half of the interrupt controller (the GIC's
 * CPU interface and banked SGI/PPI enables; the BCM2836's per-core
 * routing), its virtual timer.  Then it waits in WFI.  IPIs are the
 * controller's (irq_send_ipi: the GIC's SGIs, the BCM2836's mailbox 0).
 *
 * What it shares with every other CPU (the page tables, the allocators,
 * the console) is behind locks from then on; and every flush_tlb_*() is
 * broadcast (tlb_broadcast) from before the first CPU_ON: a CPU coming
 * up must not keep a translation CPU 0 has since changed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "arch_timer.h"
#include "arm/cp15.h"
#include "arm/tlbflush.h"
#include "bcm2836_l1_intc.h"
#include "board_id.h"
#include "cache.h"
#include "dt_cpus.h"
#include "fdt.h"
#include "irq.h"
#include "memory.h"
#include "mm.h"
#include "mmu.h"
#include "poweroff.h"
#include "printk.h"
#include "setup.h"
#include "shell.h"
#include "sizes.h"
#include "smp.h"
#include "task.h"
#include "traps.h"
#include "vectors.h"
#include "vmalloc.h"

#define PSCI_0_2_FN_CPU_ON	0x84000003u
#define MPIDR_AFF_MASK		0x00ffffffu
#define MPIDR_MT		(1u << 24)	/* Aff0 is a thread, not a core */
#define MPIDR_U			(1u << 30)	/* uniprocessor */

struct cpu_data cpu_data[NR_CPUS];
unsigned nr_cpus_online = 1;
bool tlb_broadcast;

/* Each secondary's SVC stack (INIT_STACK_SIZE, as CPU 0's): lowmem
 * pages, reachable once the CPU is on swapper_pg_dir. */
#define STACK_ORDER	2
_Static_assert((PAGE_SIZE << STACK_ORDER) == INIT_STACK_SIZE, "a secondary's stack is CPU 0's size");
uint32_t secondary_stack_top[NR_CPUS];	/* read by boot/secondary.S */

extern char secondary_entry[];
/* boot/secondary.S's holding pen: who is waiting there, whom to release. */
extern volatile uint32_t pen_arrived[NR_CPUS], pen_release;
uint32_t psci_call4_hvc(uint32_t fn, uint32_t a1, uint32_t a2, uint32_t a3);
uint32_t psci_call4_smc(uint32_t fn, uint32_t a1, uint32_t a2, uint32_t a3);
void secondary_switch_tables(unsigned cpu);
void secondary_start_kernel(unsigned cpu, uint32_t entry_mode);

static inline void write_tpidrprw(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c13, c0, 4" : : "r"(v) : "memory");
}

void smp_setup_boot_cpu(void)
{
	cpu_data[0].cpu = 0;
	cpu_data[0].mpidr = read_mpidr();
	cpu_data[0].online = true;
	write_tpidrprw((uint32_t)&cpu_data[0]);
}

/* ---- the boot lines, in the era's words ---- */

/* topology.c: no thread level (MT clear), so "thread -1"; the core is
 * Aff0 and the socket (cluster) Aff1. */
static void print_topology(unsigned cpu, uint32_t mpidr)
{
	if (kernel_layout.rules->smp_log == SMP_LOG_BOOTED)
		return;
	if (mpidr & MPIDR_MT)
		printk("CPU%u: thread %" PRIu32 ", cpu %" PRIu32 ", socket %" PRIu32 ", mpidr %" PRIx32 "\n",
		       cpu, mpidr & 0xff, (mpidr >> 8) & 0xff, (mpidr >> 16) & 0xff, mpidr);
	else
		printk("CPU%u: thread -1, cpu %" PRIu32 ", socket %" PRIu32 ", mpidr %" PRIx32 "\n",
		       cpu, mpidr & 0xff, (mpidr >> 8) & 0xff, mpidr);
}

/* smp_cpus_done: the sum of every CPU's loops_per_jiffy as BogoMIPS.
 * Linux's delay loop runs on the architected timer (3.6 on), so lpj is
 * the counter's ticks per jiffy: 62.5 MHz is 125.00 BogoMIPS a CPU. */
static void print_total(unsigned n)
{
	uint64_t bogosum = (uint64_t)timer_lpj() * n;

	if (kernel_layout.rules->smp_log == SMP_LOG_NODES)
		printk("smp: Brought up 1 node, %u CPU%s\n", n, n == 1 ? "" : "s");
	else
		printk("Brought up %u CPU%s\n", n, n == 1 ? "" : "s");
	printk("SMP: Total of %u processors activated (%" PRIu32 ".%02" PRIu32 " BogoMIPS).\n", n,
	       (uint32_t)(bogosum / (500000 / HZ)), (uint32_t)(bogosum / (5000 / HZ) % 100));
}

/* ---- bring-up ---- */

/* Written to memory for a reader whose caches are off. */
static void to_memory(volatile void *p, size_t n)
{
	dcache_clean_inval_poc((uintptr_t)p, (uintptr_t)p + n);
}

/* Did cpu enter the image itself and wait in the pen?  Its word went
 * straight to memory: drop any line of it this CPU's cache holds. */
static bool in_pen(unsigned cpu)
{
	to_memory(&pen_arrived[cpu], sizeof(pen_arrived[cpu]));
	return pen_arrived[cpu] == 1;
}

#define PSCI_RET_NOT_SUPPORTED	0xffffffffu

/* The pen: the CPU's number in pen_release, then SEV.  Said once. */
static bool pen_said;

static uint32_t pen_release_cpu(uint32_t cpu)
{
	bool said = pen_said;

	pen_said = true;
	if (!said)
		printk("SMP: no PSCI answers (no firmware: QEMU started every CPU at the image's entry); "
		       "the others wait in vmsplit's holding pen and are released one at a time\n");
	pen_release = cpu;
	to_memory(&pen_release, sizeof(pen_release));
	__asm__ volatile("dsb\n\tsev" : : : "memory");
	return 0;
}

/* PSCI CPU_ON; where no PSCI answers (NOT_SUPPORTED: the conduit is an
 * undefined instruction here, as in Secure state without a monitor), the
 * holding pen for a CPU that waits there. */
static bool mailbox_start;	/* raspi2b: /cpus enable-method brcm,bcm2836-smp */

extern char secondary_flags_entry[];

/*
 * vexpress: QEMU's boot loop (hw/arm/boot.c) holds the other cores in WFI
 * and, when one wakes, jumps to the address in the board's system flags
 * register if it is not 0, as Linux's old vexpress platsmp.c used it.  A
 * wake-up reaches whichever core it reaches, so the address given is the
 * holding pen's (boot/secondary.S): every core that wakes waits there to
 * be released by its number.  Cleared (SYS_FLAGSCLR, the next word) and
 * set, then an IPI to the cores; true once each has reached the pen.
 */
static bool wake_into_pen(uint32_t flags_phys, unsigned n)
{
	volatile uint32_t *flags = ioremap(flags_phys & PAGE_MASK, PAGE_SIZE, MT_DEVICE);
	uint32_t mask = 0;
	uint64_t deadline;
	bool all = true;

	if (!flags)
		return false;
	flags += (flags_phys & (PAGE_SIZE - 1)) / 4;
	flags[1] = 0xffffffff;				/* SYS_FLAGSCLR */
	flags[0] = (uint32_t)__pa(secondary_flags_entry);	/* SYS_FLAGSSET */
	for (unsigned cpu = 1; cpu < n; cpu++)
		mask |= 1u << cpu;
	irq_send_ipi(mask, IPI_WAKE);
	deadline = read_cntvct() + read_cntfrq();
	for (unsigned cpu = 1; cpu < n; cpu++)
		while (!in_pen(cpu) && read_cntvct() < deadline)
			;
	for (unsigned cpu = 1; cpu < n; cpu++)
		all &= in_pen(cpu);
	flags[1] = 0xffffffff;	/* nothing for a later wake-up to jump to */
	iounmap((const void *)((uint32_t)flags & PAGE_MASK));
	return all;
}

static uint32_t cpu_on(uint32_t mpidr, uint32_t entry, uint32_t ctx)
{
	enum psci_conduit c = psci_conduit();
	uint32_t err;

	if (mailbox_start) {
		bcm2836_start_cpu(ctx, entry);
		return 0;
	}
	/* The pen knows a CPU by its Aff0 and hands it on as its number: only
	 * where the two are the same (the tree lists the cores in order). */
	bool pen = (mpidr & 0xff) == ctx && in_pen(ctx);

	if (c == PSCI_NONE)
		return pen ? pen_release_cpu(ctx) : PSCI_RET_NOT_SUPPORTED;
	err = c == PSCI_SMC ? psci_call4_smc(PSCI_0_2_FN_CPU_ON, mpidr, entry, ctx)
			    : psci_call4_hvc(PSCI_0_2_FN_CPU_ON, mpidr, entry, ctx);
	if (err == PSCI_RET_NOT_SUPPORTED && pen)
		return pen_release_cpu(ctx);
	return err;
}

/* A second of the counter for a CPU to come online: it needs a few
 * thousand instructions, so only a CPU that never runs waits this out. */
static bool wait_online(unsigned cpu)
{
	uint64_t deadline = read_cntvct() + read_cntfrq();

	while (!cpu_data[cpu].online && read_cntvct() < deadline)
		__asm__ volatile("wfe" : : : "memory");
	return cpu_data[cpu].online;
}

/* How many cores the cluster has, by the Cortex-A15/A7 L2 control
 * register (L2CTLR[25:24] = cores - 1), which QEMU fills from -smp;
 * 0 on another CPU. */
static unsigned cluster_cores(void)
{
	uint32_t part = (read_midr() >> 4) & 0xfff, l2ctlr;

	if (part != 0xc0f && part != 0xc07)
		return 0;
	__asm__ volatile("mrc p15, 1, %0, c9, c0, 2" : "=r"(l2ctlr));
	return ((l2ctlr >> 24) & 3) + 1;
}

void smp_init(const struct board_id *board_id)
{
	uint32_t mpidr[NR_CPUS];
	int listed = dtb_phys ? dt_cpus(__va(dtb_phys), fdt_totalsize(__va(dtb_phys)), mpidr, NR_CPUS) : 0;
	unsigned n = listed > NR_CPUS ? NR_CPUS : (unsigned)listed;
	unsigned cores = cluster_cores();
	bool flags_wake = false;

	/* QEMU's -smp is the cluster's cores (L2CTLR): vexpress-a15's tree
	 * lists the four an A15 cluster may have. */
	if (cores && n > cores)
		n = cores;
	if (n <= 1 && (listed > 1 || cores <= 1 || !board_id->secondaries_parked))
		return;		/* one CPU: nothing to say, as before */
	if (listed <= 1) {
		/* vexpress-a15 with -smp 2: the project's tree lists one CPU,
		 * and nothing could start another one anyway. */
		printk("SMP: the cluster has %u cores (L2CTLR), but the device tree lists %d CPU%s%s; "
		       "secondaries are not started: QEMU holds them %s\n", cores, listed, listed == 1 ? "" : "s",
		       psci_conduit() == PSCI_NONE ? " and the board has no PSCI (no /psci node, no firmware)" : "",
		       board_id->secondaries_parked);
		return;
	}
	print_topology(0, cpu_data[0].mpidr);
	if (kernel_layout.rules->smp_log == SMP_LOG_NODES)
		printk("smp: Bringing up secondary CPUs ...\n");
	if (listed > NR_CPUS)
		printk("SMP: the device tree lists %d CPUs; vmsplit starts at most %d\n", listed, NR_CPUS);
	/* raspi2b: the BCM2836's cores wait in the loader's loop on their
	 * mailbox 3, as Linux's arch/arm/mach-bcm/platsmp.c starts them. */
	if (psci_conduit() == PSCI_NONE && dtb_phys &&
	    dt_cpus_enable_method(__va(dtb_phys), fdt_totalsize(__va(dtb_phys)), "brcm,bcm2836-smp")) {
		mailbox_start = true;
		printk("SMP: no PSCI; the cores wait on their BCM2836 mailbox 3 (enable-method "
		       "brcm,bcm2836-smp): each is given the entry's address there\n");
	} else if (psci_conduit() == PSCI_NONE && board_id->smp_flags && !in_pen(1)) {
		flags_wake = true;
		pen_said = true;
		printk("SMP: no PSCI; the cores wait in QEMU's boot loop on the system flags register "
		       "(0x%08" PRIx32 "): it is given vmsplit's holding pen, where each waits to be released\n",
		       board_id->smp_flags);
	} else if (psci_conduit() == PSCI_NONE && !in_pen(1)) {
		printk("SMP: %d CPUs in the device tree, but no PSCI to start them (no /psci node, no "
		       "firmware) and none waits in vmsplit's holding pen (they are where the board's "
		       "loader keeps them); running on CPU 0 alone\n", listed);
		print_total(1);
		return;
	}

	if (!irq_has_ipis()) {
		printk("SMP: the interrupt controller sends no IPIs; running on CPU 0 alone\n");
		print_total(1);
		return;
	}

	request_irq(irq_ipi_id(IPI_CALL_FUNC), smp_ipi, NULL, "IPI: function call");
	request_irq(irq_ipi_id(IPI_WAKE), smp_ipi, NULL, "IPI: wake-up");
	if (flags_wake && !wake_into_pen(board_id->smp_flags, n))
		printk("SMP: not every core reached the pen in a second\n");
	/* From now on another CPU may hold translations: flushes broadcast. */
	tlb_broadcast = true;
	for (unsigned cpu = 1; cpu < n; cpu++) {
		struct cpu_data *c = &cpu_data[cpu];
		uint32_t err, stack = alloc_pages(&page_allocator, GFP_KERNEL, STACK_ORDER);

		if (stack == PFN_NONE) {
			printk("CPU%u: no %u KB of lowmem for its stack; not started\n", cpu, INIT_STACK_SIZE >> 10);
			continue;
		}
		c->cpu = cpu;
		c->mpidr = mpidr[cpu];
		secondary_stack_top[cpu] = (uint32_t)lowmem_page_address(stack) + INIT_STACK_SIZE;
		/* What the new CPU reads with its caches off, in memory. */
		dcache_clean_inval_poc((uintptr_t)c, (uintptr_t)(c + 1));
		dcache_clean_inval_poc((uintptr_t)secondary_stack_top,
				       (uintptr_t)(secondary_stack_top + NR_CPUS));
		err = cpu_on(mpidr[cpu] & MPIDR_AFF_MASK, (uint32_t)__pa(secondary_entry), cpu);
		if (err) {
			printk("CPU%u: failed to boot: PSCI CPU_ON returned %" PRId32 "\n", cpu, (int32_t)err);
			continue;
		}
		if (!wait_online(cpu)) {
			/* Its stack stays taken: the CPU may still wake on it. */
			printk("CPU%u: failed to come online\n", cpu);
			continue;
		}
		nr_cpus_online++;
	}
	if (nr_cpus_online == 1)
		tlb_broadcast = false;
	print_total(nr_cpus_online);
}

/* ---- a secondary CPU ---- */

static _Noreturn void secondary_idle(struct cpu_data *c);

/* On head.S's boot table and a 512-byte boot stack: CPU 0's regime,
 * swapper_pg_dir as paging_init installed it; then nothing of the boot
 * table may stay in this CPU's TLB. */
void secondary_switch_tables(unsigned cpu)
{
	(void)cpu;
	dsb();
	mmu_format.install(__pa(kernel_pgtable.l1));
	isb();
	local_flush_tlb_all();
}

/* On swapper_pg_dir and this CPU's own stack; r0 = its number. */
void secondary_start_kernel(unsigned cpu, uint32_t entry_mode)
{
	struct cpu_data *c = &cpu_data[cpu];

	c->entry_mode = entry_mode;
	write_tpidrprw((uint32_t)c);
	trap_init_secondary();
	uaccess_init();		/* DACR (short descriptors) */
	vectors_enable_high();	/* SCTLR.V: the vector page at 0xffff0000 */
	c->mpidr = read_mpidr();
	if (irq_has_ipis()) {
		irq_cpu_init();
		time_init_secondary();
	}
	if (kernel_layout.rules->smp_log != SMP_LOG_NODES)
		printk("CPU%u: Booted secondary processor\n", cpu);
	print_topology(cpu, c->mpidr);
	c->online = true;
	__asm__ volatile("dsb\n\tsev" : : : "memory");
	secondary_idle(c);
}

/* ---- calls from one CPU to another ---- */

static void mailbox_done(struct smp_mailbox *mb)
{
	__asm__ volatile("dmb" : : : "memory");
	mb->ack = mb->req;
	__asm__ volatile("dsb\n\tsev" : : : "memory");
}

/* The IPI: run what the IRQ mailbox holds; the idle loop looks at its
 * own mailbox when the WFI ends, which this interrupt did. */
void smp_ipi(void *arg)
{
	struct cpu_data *c = this_cpu();
	struct smp_mailbox *mb = &c->irq_call;

	(void)arg;
	c->ipis++;
	if (mb->ack != mb->req) {
		mb->fn(mb->arg);
		mailbox_done(mb);
	}
}

/*
 * Wait in the idle loop with interrupts masked around the test, so an IPI
 * that arrives between the test and the WFI still ends the WFI (a pending
 * interrupt wakes it even while CPSR.I is set), then is taken.
 */
static _Noreturn void secondary_idle(struct cpu_data *c)
{
	struct smp_mailbox *mb = &c->idle_call;

	local_irq_enable();
	for (;;) {
		uint32_t flags = local_irq_save();

		while (mb->ack == mb->req) {
			wait_for_interrupt();
			local_irq_restore(flags);
			flags = local_irq_save();
		}
		local_irq_restore(flags);
		mb->fn(mb->arg);
		mailbox_done(mb);
	}
}

static void post(struct smp_mailbox *mb, smp_fn_t fn, void *arg)
{
	mb->fn = fn;
	mb->arg = arg;
	__asm__ volatile("dmb" : : : "memory");
	mb->req++;
}

/* The caller waits in WFE: the target's SEV, or an interrupt of the
 * caller's own (it keeps its tick), ends each wait. */
static bool wait_ack(struct smp_mailbox *mb, uint32_t req, uint64_t limit)
{
	uint64_t deadline = limit ? read_cntvct() + limit : 0;

	while (mb->ack != req) {
		if (deadline && read_cntvct() > deadline)
			return false;
		__asm__ volatile("wfe" : : : "memory");
	}
	return true;
}

int smp_call_irq(unsigned cpu, smp_fn_t fn, void *arg)
{
	struct smp_mailbox *mb;
	uint32_t req;
	int err = 0;

	if (cpu == smp_processor_id()) {
		fn(arg);
		return 0;
	}
	if (cpu >= NR_CPUS || !cpu_data[cpu].online)
		return -1;
	mb = &cpu_data[cpu].irq_call;
	spin_lock(&mb->lock);
	post(mb, fn, arg);
	req = mb->req;
	irq_send_ipi(1u << cpu, IPI_CALL_FUNC);
	if (!wait_ack(mb, req, read_cntfrq())) {
		printk("smp: CPU%u did not answer IPI %d in a second\n", cpu, IPI_CALL_FUNC);
		err = -1;
	}
	spin_unlock(&mb->lock);
	return err;
}

void smp_call_irq_others(smp_fn_t fn, void *arg)
{
	unsigned self = smp_processor_id();
	uint32_t mask = 0, req[NR_CPUS];

	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		struct smp_mailbox *mb = &cpu_data[cpu].irq_call;

		if (cpu == self || !cpu_data[cpu].online)
			continue;
		spin_lock(&mb->lock);
		post(mb, fn, arg);
		req[cpu] = mb->req;
		mask |= 1u << cpu;
	}
	if (!mask)
		return;
	irq_send_ipi(mask, IPI_CALL_FUNC);	/* one write reaches them all */
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
		if (mask & (1u << cpu)) {
			struct smp_mailbox *mb = &cpu_data[cpu].irq_call;

			if (!wait_ack(mb, req[cpu], read_cntfrq()))
				printk("smp: CPU%u did not answer IPI %d in a second\n", cpu, IPI_CALL_FUNC);
			spin_unlock(&mb->lock);
		}
}

int smp_run_on(unsigned cpu, smp_fn_t fn, void *arg)
{
	struct smp_mailbox *mb;
	uint32_t req;

	/* CPU 0 runs the shell, not an idle loop: work posted to it would
	 * wait for ever (its IPI mailbox, smp_call_irq, is the way to it). */
	if (cpu == 0 || cpu >= NR_CPUS || !cpu_data[cpu].online || cpu == smp_processor_id())
		return -1;
	mb = &cpu_data[cpu].idle_call;
	spin_lock(&mb->lock);
	post(mb, fn, arg);
	req = mb->req;
	irq_send_ipi(1u << cpu, IPI_WAKE);
	wait_ack(mb, req, 0);		/* it takes as long as it takes */
	spin_unlock(&mb->lock);
	return 0;
}

int smp_run_on_all(smp_fn_t fn, void *const *args)
{
	unsigned self = smp_processor_id();
	uint32_t mask = 0, req[NR_CPUS];

	if (self != 0)
		return -1;	/* CPU 0 has no idle loop to take its share */
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		struct smp_mailbox *mb = &cpu_data[cpu].idle_call;

		if (cpu == self || !cpu_data[cpu].online)
			continue;
		spin_lock(&mb->lock);
		post(mb, fn, args[cpu]);
		req[cpu] = mb->req;
		mask |= 1u << cpu;
	}
	if (mask)
		irq_send_ipi(mask, IPI_WAKE);
	fn(args[self]);
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
		if (mask & (1u << cpu)) {
			wait_ack(&cpu_data[cpu].idle_call, req[cpu], 0);
			spin_unlock(&cpu_data[cpu].idle_call.lock);
		}
	return 0;
}

static void run_command(void *arg)
{
	this_cpu()->idle_status = shell_run_line(arg);
}

int smp_run_command(unsigned cpu, const char *line)
{
	static char buf[256];

	snprintf(buf, sizeof(buf), "%s", line);
	if (smp_run_on(cpu, run_command, buf))
		return -1;
	return cpu_data[cpu].idle_status;
}
