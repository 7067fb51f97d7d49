/*
 * Several CPUs on one map (kernel/smp.c).
 *
 * Every CPU runs on swapper_pg_dir with the same VBAR, DACR, TTBCR and
 * SCTLR; what is its own is here, in struct cpu_data, which each CPU finds
 * through TPIDRPRW (the PL1-only software thread ID register, as Linux's
 * per-CPU offset): its number and MPIDR, its stack, its exception nesting,
 * its tick, and two mailboxes through which another CPU asks it to run a
 * function: in its IPI handler (short things: a TLB flush, a read through
 * its own TLB) or in its idle loop (a shell command, which may take
 * exceptions and run user tasks of its own).
 *
 * CPU 0 runs the shell; the others wait in WFI for an IPI (an SGI through
 * GICD_SGIR).  One command runs at a time, on whichever CPU `on` names.
 */
#ifndef VMSPLIT_SMP_H
#define VMSPLIT_SMP_H

#define NR_CPUS		4	/* make run SMP=1..4 */
/* 512 bytes each: boot/secondary.S's stacks for the switch to swapper. */
#define SECONDARY_BOOT_STACK_SHIFT	9

#ifndef __ASSEMBLY__
#include <stdbool.h>
#include <stdint.h>

#include "spinlock.h"
#include "traps.h"

/* The SGIs vmsplit sends (any of 0-15 would do; Linux numbers its own). */
#define IPI_CALL_FUNC	1	/* run the mailbox's function now, in the handler */
#define IPI_WAKE	2	/* the idle loop has work */

struct task;
typedef void (*smp_fn_t)(void *arg);

struct smp_mailbox {
	smp_fn_t fn;
	void *arg;
	volatile uint32_t req, ack;	/* ack == req: nothing outstanding */
	spinlock_t lock;		/* one caller at a time */
};

struct cpu_data {
	unsigned cpu;			/* 0..NR_CPUS-1, also its GIC CPU interface number */
	uint32_t mpidr;			/* from the device tree: what CPU_ON names it by */
	volatile bool online;
	uint32_t entry_mode;		/* the mode it was entered in (PSR_MODE_SVC or _HYP) */
	int exception_depth;		/* exceptions being handled on this CPU */
	struct fault_record fault;	/* its last probe's or fixup's fault (last_fault) */
	bool ttbr0_pan;			/* LPAE: its user table is shut outside uaccess (kernel/uaccess.c) */
	struct task *task;		/* the user task it runs (current_task), or NULL */
	volatile uint32_t ticks;	/* tick interrupts taken on this CPU */
	uint64_t next_tick;		/* its virtual timer's next deadline (CNTV_CVAL) */
	volatile uint32_t ipis;		/* IPIs taken */
	struct smp_mailbox irq_call;	/* run in the IPI handler */
	struct smp_mailbox idle_call;	/* run in the idle loop (secondaries) */
	int idle_status;		/* the idle call's result (a shell command's) */
	unsigned kmap_atomic_depth;	/* its kmap_atomic() slots in use (mm/highmem.c) */
};

extern struct cpu_data cpu_data[NR_CPUS];
extern unsigned nr_cpus_online;

static inline struct cpu_data *this_cpu(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c13, c0, 4" : "=r"(v));	/* TPIDRPRW */
	return v ? (struct cpu_data *)v : &cpu_data[0];
}

static inline unsigned smp_processor_id(void)
{
	return this_cpu()->cpu;
}

/* CPU 0, first thing: its TPIDRPRW. */
void smp_setup_boot_cpu(void);
/* After the tick: start every CPU the device tree lists (PSCI CPU_ON),
 * with Linux's lines.  Prints nothing on a machine with one CPU. */
struct board_id;
void smp_init(const struct board_id *board_id);

/* Run fn(arg) on cpu: in its IPI handler, waiting until it has.  On the
 * caller's own CPU it is a plain call.  0, or -1 (cpu not online). */
int smp_call_irq(unsigned cpu, smp_fn_t fn, void *arg);
/* The same on every online CPU but the caller's, all at once. */
void smp_call_irq_others(smp_fn_t fn, void *arg);
/* Run fn(arg) in cpu's idle loop (a secondary, not the caller, never
 * CPU 0, which runs the shell) and wait for it, however long it takes:
 * 0, or -1 if cpu cannot. */
int smp_run_on(unsigned cpu, smp_fn_t fn, void *arg);
/* From CPU 0: fn(args[cpu]) on every online CPU at once (the others in
 * their idle loops, CPU 0 too), back when all are done.  -1 from another
 * CPU (CPU 0 is then waiting for it, not idle). */
int smp_run_on_all(smp_fn_t fn, void *const *args);
/* Run a shell command line on cpu's idle loop and wait for it: its
 * status (0 ok).  -1 if cpu is not online or is the caller. */
int smp_run_command(unsigned cpu, const char *line);

/* `check` with several CPUs: every other CPU's registers against CPU 0's,
 * and the MMU check on each (kernel/cmd_smp.c).  0 if all agree. */
int smp_check_cpus(void);

/* The IPI handler (kernel/irq.c routes IPI_CALL_FUNC and IPI_WAKE). */
void smp_ipi(void *arg);

#endif /* __ASSEMBLY__ */
#endif
