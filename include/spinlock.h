/*
 * Spinlocks for several CPUs on one memory (ARM ARM A3.4: the exclusive
 * monitors).  LDREX marks the lock word; STREX stores only if no other
 * CPU wrote it in between, so of two CPUs taking a free lock together
 * exactly one succeeds.  A CPU that finds it taken waits in WFE; the
 * holder's unlock ends with DSB and SEV, which wakes every waiter (the
 * DSB first, so the waiters see the free word when they wake).
 *
 * The barriers: DMB after taking the lock, so nothing done under it is
 * seen before the lock is; DMB before releasing it, so everything done
 * under it is seen before the lock is free.
 *
 * Interrupts are masked while a lock is held (spin_lock_irqsave): an
 * interrupt handler on the same CPU that wanted the same lock would
 * otherwise spin for ever on its own CPU's lock.
 */
#ifndef VMSPLIT_SPINLOCK_H
#define VMSPLIT_SPINLOCK_H

#include <stdint.h>

#include "irq.h"

typedef struct {
	volatile uint32_t locked;	/* 0 free, 1 held */
} spinlock_t;

#define SPINLOCK_INIT	{ 0 }

static inline void spin_lock(spinlock_t *l)
{
	uint32_t tmp, failed;

	__asm__ volatile(
		"1:	ldrex	%0, [%2]\n"
		"	teq	%0, #0\n"
		"	wfene\n"			/* taken: sleep until an SEV */
		"	bne	1b\n"
		"	strex	%1, %3, [%2]\n"
		"	teq	%1, #0\n"
		"	bne	1b\n"			/* someone else got there first */
		"	dmb\n"
		: "=&r"(tmp), "=&r"(failed)
		: "r"(&l->locked), "r"(1)
		: "cc", "memory");
}

static inline void spin_unlock(spinlock_t *l)
{
	__asm__ volatile("dmb" : : : "memory");
	l->locked = 0;
	__asm__ volatile("dsb\n\tsev" : : : "memory");
}

static inline uint32_t spin_lock_irqsave(spinlock_t *l)
{
	uint32_t flags = local_irq_save();

	spin_lock(l);
	return flags;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, uint32_t flags)
{
	spin_unlock(l);
	local_irq_restore(flags);
}

/*
 * A lock its holder may take again (the memory-management lock: vmalloc
 * maps pages, which allocates a page table, which comes from kmalloc,
 * which takes pages from the buddy allocator; each of those is also
 * called on its own).  The owner is the CPU number; the depth counts the
 * holder's nested takes, and only the outermost release frees it.
 */
struct rec_lock {
	spinlock_t lock;
	volatile int owner;		/* the holding CPU, -1 when free */
	int depth;
	uint32_t flags;			/* the outermost take's interrupt mask */
};

#define REC_LOCK_INIT	{ SPINLOCK_INIT, -1, 0, 0 }

void rec_lock(struct rec_lock *l);
void rec_unlock(struct rec_lock *l);

#endif
