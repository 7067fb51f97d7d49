/*
 * Address-space switching: ASIDs, TTBR0, TTBCR (Linux's arch/arm/mm/context.c
 * and proc-v7's cpu_v7_switch_mm, reduced to one task at a time).
 *
 * A user page's TLB entry is tagged with the ASID in CONTEXTIDR[7:0] when it
 * is walked (its descriptor has nG set); kernel entries are global and
 * match every ASID.  So switching tasks needs no TLB flush, only a new ASID
 * per address space.  There are 255 (0 stays the kernel's): when they run
 * out, the whole TLB is invalidated and numbering starts again, a new
 * "generation", as Linux does on rollover.
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
#include "arm/long_desc.h"
#include "arm/tlbflush.h"
#include "memory.h"
#include "mmu.h"
#include "printk.h"
#include "sizes.h"
#include "task.h"

#define NR_ASIDS	256

static uint32_t next_asid = 1;
static uint32_t asid_generation = 1;
uint32_t asid_rollovers;
bool asid_rollover_quiet;

uint32_t asid_alloc(void)
{
	if (next_asid == NR_ASIDS) {
		local_flush_tlb_all();
		next_asid = 1;
		asid_generation++;
		asid_rollovers++;
		if (!asid_rollover_quiet)
			printk("ASID: all 255 used; TLB invalidated, generation %" PRIu32 " starts at ASID 1\n",
		       asid_generation);
	}
	return next_asid++;
}

static uint32_t ttbr(phys_addr_t table)
{
	return (uint32_t)table | TTBR_FLAGS;
}

static uint64_t long_ttbr0(phys_addr_t table, uint32_t asid)
{
	return (table & LD_MASK(TTBR, ADDR)) | LD_PREP(TTBR, ASID, asid);
}

void task_switch_in(const struct task *t)
{
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
