/*
 * The lock its holder may take again (include/spinlock.h): the CPU that
 * holds it only counts one more level; any other CPU spins on the inner
 * lock.  The owner field is written only by the holder, under the inner
 * lock, so a CPU reading its own number there is always right; another
 * CPU's number or -1 means "not mine" whatever it reads mid-change.
 */
#include "smp.h"
#include "spinlock.h"

void rec_lock(struct rec_lock *l)
{
	uint32_t flags = local_irq_save();
	int self = (int)smp_processor_id();

	if (l->owner == self) {
		l->depth++;
		local_irq_restore(flags);	/* the outermost take keeps them masked */
		return;
	}
	spin_lock(&l->lock);
	l->owner = self;
	l->depth = 1;
	l->flags = flags;
}

void rec_unlock(struct rec_lock *l)
{
	uint32_t flags;

	if (--l->depth > 0)
		return;
	flags = l->flags;
	l->owner = -1;
	spin_unlock(&l->lock);
	local_irq_restore(flags);
}
