/*
 * Address-space switching: ASIDs, TTBR0, TTBCR (Linux's arch/arm/mm/context.c
 * and proc-v7's cpu_v7_switch_mm, reduced to one task at a time).
 *
 * A user page's TLB entry is tagged with the ASID in CONTEXTIDR[7:0] when it
 * is walked (its descriptor has nG set); kernel entries are global and
 * match every ASID.  So switching tasks needs no TLB flush, only a new ASID
 * per address space.  There are 255 (0 stays the kernel's): when they run
 * out, numbering starts again, a new "generation", as Linux does on
 * rollover.  The numbers are Linux's SMP scheme (core/mm/asid.c, pure and
 * unit-tested): each CPU keeps the ID it runs through a rollover (reserved),
 * and each CPU owes a flush of its own TLB before it takes a number of the
 * new generation, so a task may run on any CPU and keep its number there.
 * The allocator's lock is Linux's cpu_asid_lock.
 *
 * ARM ARM B3.10.4: the ASID and TTBR0 cannot change in one instruction, and
 * a walk in between could tag the old table's entries with the new ASID.
 * Here the switch always starts and ends on swapper_pg_dir, whose entries
 * are all global: going in, the ASID changes while TTBR0 still points at
 * swapper (nothing to mis-tag), then TTBR0 moves; going out, TTBR0 moves
 * back first, then the ASID.
 *
 * The long-descriptor format (LPAE) puts the ASID in TTBR0[55:48] itself
 * (TTBCR.A1 = 0), as Linux's cpu_v7_switch_mm under proc-v7-3level: one
 * 64-bit write (MCRR) changes table and ASID together, so there is no
 * window to mis-tag and CONTEXTIDR is left alone.  Generations are the
 * same: 8 bits of ASID in both formats.
 */
#include <inttypes.h>

#include "arm/cp15.h"
#include "asid.h"
#include "arm/long_desc.h"
#include "arm/tlbflush.h"
#include "memory.h"
#include "mmu.h"
#include "printk.h"
#include "sizes.h"
#include "smp.h"
#include "task.h"

static struct asid_allocator asids;
static bool asids_ready;
static spinlock_t asid_lock = SPINLOCK_INIT;
uint32_t asid_rollovers;
bool asid_rollover_quiet;

uint32_t asid_assign(struct task *t)
{
	uint32_t flags = spin_lock_irqsave(&asid_lock);
	uint32_t before;
	bool flush;

	if (!asids_ready) {
		asid_allocator_init(&asids, NR_CPUS);
		asids_ready = true;
	}
	before = asids.rollovers;
	flush = asid_switch(&asids, &t->context_id, smp_processor_id());
	if (asids.rollovers != before) {
		asid_rollovers++;
		if (!asid_rollover_quiet)
			printk("ASID: all 255 used; TLB invalidated, generation %" PRIu32 " starts at ASID 1\n",
			       (uint32_t)(asids.generation >> ASID_BITS));
	}
	spin_unlock_irqrestore(&asid_lock, flags);
	/* This CPU's entries of the old generation's numbers go before it
	 * runs one of the new (the other CPUs flush at their next switch). */
	if (flush)
		local_flush_tlb_all();
	t->asid = (uint32_t)(t->context_id & ASID_MASK);
	return t->asid;
}

static uint32_t ttbr(phys_addr_t table)
{
	return (uint32_t)table | TTBR_FLAGS;
}

static uint64_t long_ttbr0(phys_addr_t table, uint32_t asid)
{
	return (table & LD_MASK(TTBR, ADDR)) | LD_PREP(TTBR, ASID, asid);
}

void task_switch_in(struct task *t)
{
	/* The number may have changed since the task last ran: another CPU,
	 * or a rollover in between. */
	asid_assign(t);
	if (mmu_format.lpae) {
		write_ttbr0_64(long_ttbr0(t->root_pa, t->asid));
		isb();
		uaccess_task_live(true);
		return;
	}
	/* PROCID in CONTEXTIDR[31:8] for debuggers and trace, ASID below. */
	write_contextidr(((uint32_t)t->pid << 8) | t->asid);
	isb();
	if (t->ttbcr_n) {
		write_ttbr1(ttbr(__pa(kernel_pgtable.l1)));
		write_ttbcr(t->ttbcr_n);
	}
	write_ttbr0(ttbr(t->root_pa));
	isb();
}

void task_switch_out(void)
{
	if (mmu_format.lpae) {
		write_ttbr0_64(long_ttbr0(__pa(kernel_pgtable.pgd), 0));
		isb();
		uaccess_task_live(false);
		return;
	}
	write_ttbr0(ttbr(__pa(kernel_pgtable.l1)));
	write_ttbcr(0);
	isb();
	write_contextidr(0);
	isb();
}
