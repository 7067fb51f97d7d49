/*
 * Shell commands about the CPUs: which are online, running a command on
 * another one (`on`), and `check`'s view from each CPU.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "arm/cp15.h"
#include "arm/psr.h"
#include "arm/tlbflush.h"
#include "arch_timer.h"
#include "memory.h"
#include "mmu.h"
#include "mmucheck.h"
#include "printk.h"
#include "shell.h"
#include "smp.h"

static int cmd_cpus(int argc, char **argv)
{
	(void)argc; (void)argv;
	printk("CPU  MPIDR       tick IRQs   IPIs  entered in\n");
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		const struct cpu_data *c = &cpu_data[cpu];

		if (!c->online)
			continue;
		printk("%3u  0x%08" PRIx32 " %10" PRIu32 " %6" PRIu32 "  %s\n", cpu, c->mpidr, c->ticks, c->ipis,
		       c->entry_mode == PSR_MODE_HYP ? "HYP" : c->entry_mode == PSR_MODE_SVC ? "SVC" : "another mode");
	}
	printk("%u CPU%s online; TLB maintenance of shared mappings: %s\n", nr_cpus_online,
	       nr_cpus_online == 1 ? "" : "s",
	       tlb_broadcast ? "inner shareable (TLBIMVAAIS, TLBIASIDIS, TLBIALLIS), every CPU's TLB"
			     : "local (TLBIMVAA, TLBIASID, TLBIALL), this CPU's TLB");
	return 0;
}

SHELL_COMMAND(432, cpus, cmd_cpus, 0, 0, "", "the CPUs that run, their MPIDRs, ticks and IPIs", "cpus");

static int cmd_on(int argc, char **argv)
{
	char line[256];
	size_t len = 0;
	uint32_t cpu;

	if (!shell_parse_num(argv[1], &cpu) || cpu >= NR_CPUS || !cpu_data[cpu].online) {
		printk("on: %s is not an online CPU (%u online: 0-%u)\n", argv[1], nr_cpus_online,
		       nr_cpus_online - 1);
		return 1;
	}
	if (smp_processor_id() != 0) {
		printk("on: only CPU 0 sends commands to other CPUs (this is CPU%u)\n", smp_processor_id());
		return 1;
	}
	line[0] = 0;
	for (int i = 2; i < argc; i++)
		len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%s", i > 2 ? " " : "", argv[i]);
	if (cpu == smp_processor_id())
		return shell_run_line(line);
	return smp_run_command(cpu, line) ? 1 : 0;
}

SHELL_COMMAND(434, on, cmd_on, 2, SHELL_MAX_WORDS - 1, "CPU COMMAND...",
	      "run a shell command on that CPU (its own TLB, its own MMU)", "on 0 v2p 0xc0000000");

/* ---- check, from every CPU ---- */

struct cpu_regs {
	uint64_t ttbr0, ttbr1;
	uint32_t ttbcr, dacr, sctlr, vbar, contextidr;
};

static void read_regs(void *arg)
{
	struct cpu_regs *r = arg;

	r->ttbr0 = mmu_format.lpae ? read_ttbr0_64() : read_ttbr0();
	r->ttbr1 = mmu_format.lpae ? read_ttbr1_64() : read_ttbr1();
	r->ttbcr = read_ttbcr();
	r->dacr = read_dacr();
	r->sctlr = read_sctlr();
	r->vbar = read_vbar();
	r->contextidr = read_contextidr();
}

static int check_status;

static void check_here(void *arg)
{
	(void)arg;
	check_status = mmu_check(false);
}

/* A 64-bit register (the long format's TTBRs) as hex: printk has no
 * 64-bit conversions. */
static const char *hex64(char *buf, uint64_t v)
{
	if (v >> 32)
		snprintf(buf, 20, "0x%" PRIx32 "%08" PRIx32, (uint32_t)(v >> 32), (uint32_t)v);
	else
		snprintf(buf, 20, "0x%08" PRIx32, (uint32_t)v);
	return buf;
}

static bool same(const char *name, unsigned cpu, uint64_t mine, uint64_t cpu0)
{
	char a[20], b[20];

	if (mine == cpu0)
		return true;
	printk("  CPU%u: %s %s, but CPU0 has %s\n", cpu, name, hex64(a, mine), hex64(b, cpu0));
	return false;
}

int smp_check_cpus(void)
{
	struct cpu_regs r0, r;
	char a[20], b[20];
	int failed = 0;

	read_regs(&r0);
	for (unsigned cpu = 1; cpu < NR_CPUS; cpu++) {
		bool ok;

		if (!cpu_data[cpu].online)
			continue;
		if (smp_call_irq(cpu, read_regs, &r)) {
			failed = 1;
			continue;
		}
		/* DACR means nothing to the long format: the same either way. */
		ok = same("TTBR0", cpu, r.ttbr0, r0.ttbr0) & same("TTBR1", cpu, r.ttbr1, r0.ttbr1) &
		     same("TTBCR", cpu, r.ttbcr, r0.ttbcr) & same("DACR", cpu, r.dacr, r0.dacr) &
		     same("SCTLR", cpu, r.sctlr, r0.sctlr) & same("VBAR", cpu, r.vbar, r0.vbar) &
		     same("CONTEXTIDR", cpu, r.contextidr, r0.contextidr);
		printk("CPU%u: TTBR0 %s TTBR1 %s TTBCR 0x%08" PRIx32 " SCTLR 0x%08" PRIx32 " VBAR 0x%08" PRIx32
		       ": %s; its MMU:\n", cpu, hex64(a, r.ttbr0), hex64(b, r.ttbr1), r.ttbcr, r.sctlr, r.vbar,
		       ok ? "as CPU0's" : "NOT as CPU0's");
		failed |= !ok;
		smp_run_on(cpu, check_here, NULL);
		failed |= check_status != 0;
	}
	return failed;
}

/* ---- tlbbench: a shootdown by instruction against one by IPI ---- */

static void flush_local_page(void *arg)
{
	local_flush_tlb_kernel_page((uint32_t)arg);
}

static uint32_t ns_per(uint64_t counts, uint32_t n)
{
	return (uint32_t)(counts * 1000000000u / read_cntfrq() / n);
}

/*
 * One kernel page's translation dropped from every CPU's TLB, N times,
 * two ways, timed with the generic timer (QEMU time): TLBIMVAAIS, which
 * the hardware broadcasts, and the way a CPU without the IS forms must do
 * it, an IPI asking every other CPU to run TLBIMVAA itself and waiting
 * until each has answered.  And the local TLBIMVAA alone, the floor.
 */
static int cmd_tlbbench(int argc, char **argv)
{
	uint32_t n = 2000, va = (uint32_t)_text;
	uint64_t t0, is, ipi, local;

	if (argc > 1 && (!shell_parse_num(argv[1], &n) || n == 0 || n > 1000000))
		return shell_usage(argv[0]);
	t0 = read_cntvct();
	for (uint32_t i = 0; i < n; i++)
		local_flush_tlb_kernel_page(va);
	local = read_cntvct() - t0;
	t0 = read_cntvct();
	for (uint32_t i = 0; i < n; i++)
		flush_tlb_mva_is(va, 0);
	is = read_cntvct() - t0;
	t0 = read_cntvct();
	for (uint32_t i = 0; i < n; i++) {
		local_flush_tlb_kernel_page(va);
		smp_call_irq_others(flush_local_page, (void *)va);
	}
	ipi = read_cntvct() - t0;
	printk("tlb bench: %u CPU%s, %" PRIu32 " shootdowns of one kernel page each way (QEMU time)\n",
	       nr_cpus_online, nr_cpus_online == 1 ? "" : "s", n);
	printk("tlb bench: local TLBIMVAA alone:            %7" PRIu32 " ns\n", ns_per(local, n));
	printk("tlb bench: TLBIMVAIS, DSB ISH (broadcast):   %7" PRIu32 " ns\n", ns_per(is, n));
	printk("tlb bench: IPI to every other CPU, each TLBIMVAA, all answered: %7" PRIu32 " ns (%" PRIu32
	       ".%" PRIu32 "x the broadcast)\n", ns_per(ipi, n), (uint32_t)(ipi / (is ? is : 1)),
	       (uint32_t)(ipi * 10 / (is ? is : 1) % 10));
	return 0;
}

SHELL_COMMAND(438, tlbbench, cmd_tlbbench, 0, 1, "[N]",
	      "a TLB shootdown by TLBIMVAIS against one by IPI, timed (QEMU time)", "tlbbench 100");
