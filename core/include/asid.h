/*
 * ASIDs for several CPUs: which address-space ID a task's user mappings
 * carry on the CPU it is switched to, and when that CPU must flush its TLB
 * first.  The scheme is Linux's for SMP (arch/arm/mm/context.c); the code
 * is vmsplit's own and pure: the caller holds whatever lock serialises
 * the switches and does the TLB flush this asks for.
 *
 * A context ID is generation | asid.  The generation (the bits above the
 * ASID's) counts rollovers: an ID of an older generation must not be used
 * as it is, since its ASID number may since have been given to another
 * address space.  When the ASIDs of a generation run out, a new generation
 * starts: every number is free again except those still live on some CPU
 * (each CPU's running one, or, if that CPU has not switched since the last
 * rollover, the one it was running then: the "reserved" ones), and every
 * CPU owes a TLB flush before it next takes an ID of the new generation.
 * A live task keeps its number across the rollover (its ID is reserved),
 * so a task running on another CPU is never disturbed.
 *
 * The property that matters (tests/unit/test_asid.c models each CPU's TLB
 * to check it): a CPU never runs an address space under an ASID with which
 * it may still hold another address space's translations.
 */
#ifndef VMSPLIT_ASID_H
#define VMSPLIT_ASID_H

#include <stdbool.h>
#include <stdint.h>

#define ASID_BITS		8		/* both formats: CONTEXTIDR[7:0], TTBR0[55:48] */
#define NR_ASIDS		(1u << ASID_BITS)
#define ASID_MASK		(NR_ASIDS - 1)
#define ASID_FIRST_GENERATION	((uint64_t)NR_ASIDS)
#define ASID_MAX_CPUS		8		/* GICv2's limit */

struct asid_allocator {
	unsigned nr_cpus;
	uint64_t generation;			/* a multiple of NR_ASIDS */
	uint32_t map[NR_ASIDS / 32];		/* numbers taken in this generation; 0 (the kernel's) always */
	unsigned next;				/* where the search for a free number resumes */
	uint64_t active[ASID_MAX_CPUS];		/* the ID each CPU runs; 0 after a rollover until it switches */
	uint64_t reserved[ASID_MAX_CPUS];	/* the ID each CPU ran when the last rollover came */
	uint32_t flush_pending;			/* CPUs owing a TLB flush (bit per CPU) */
	uint32_t rollovers;
};

void asid_allocator_init(struct asid_allocator *a, unsigned nr_cpus);

/*
 * Switch cpu to the address space whose context ID is *id (0 for one that
 * never ran).  *id is updated to the ID to use (its ASID is *id & ASID_MASK).
 * Returns true when the CPU must invalidate its whole local TLB (and branch
 * predictor) before running it: a rollover happened since it last took a new
 * ID.  The caller serialises calls (Linux: cpu_asid_lock; one CPU: nothing).
 */
bool asid_switch(struct asid_allocator *a, uint64_t *id, unsigned cpu);

/* Does a context ID belong to the current generation? */
static inline bool asid_current(const struct asid_allocator *a, uint64_t id)
{
	return id && ((id ^ a->generation) >> ASID_BITS) == 0;
}

#endif
