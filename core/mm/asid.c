/*
 * ASIDs for several CPUs (core/include/asid.h says the scheme and why).
 */
#include <string.h>

#include "asid.h"

static bool test_bit(const uint32_t *map, unsigned n)
{
	return map[n / 32] & (1u << (n % 32));
}

static void set_bit(uint32_t *map, unsigned n)
{
	map[n / 32] |= 1u << (n % 32);
}

/* The first free number from 'from' on, or 0 when there is none. */
static unsigned find_free(const uint32_t *map, unsigned from)
{
	for (unsigned n = from; n < NR_ASIDS; n++)
		if (!test_bit(map, n))
			return n;
	return 0;
}

void asid_allocator_init(struct asid_allocator *a, unsigned nr_cpus)
{
	memset(a, 0, sizeof(*a));
	a->nr_cpus = nr_cpus > ASID_MAX_CPUS ? ASID_MAX_CPUS : nr_cpus;
	a->generation = ASID_FIRST_GENERATION;
	set_bit(a->map, 0);
	a->next = 1;
}

/*
 * A new generation.  Every number is free again but the live ones: what
 * each CPU runs now, or, for a CPU that has not switched since the last
 * rollover (its active ID was cleared then), what it was running at that
 * one, the only trace left of the task it still runs.  Each CPU's active
 * ID is cleared so that its next switch takes the slow path and sees its
 * pending flush.
 */
static void rollover(struct asid_allocator *a)
{
	memset(a->map, 0, sizeof(a->map));
	set_bit(a->map, 0);
	for (unsigned c = 0; c < a->nr_cpus; c++) {
		uint64_t id = a->active[c];

		a->active[c] = 0;
		if (!id)
			id = a->reserved[c];
		set_bit(a->map, id & ASID_MASK);
		a->reserved[c] = id;
	}
	a->flush_pending = (a->nr_cpus >= 32 ? ~0u : (1u << a->nr_cpus) - 1);
	a->generation += NR_ASIDS;
	a->next = 1;
	a->rollovers++;
}

/* If some CPU keeps id reserved (its task ran through a rollover), the
 * task keeps its number: every such reservation moves to the new ID. */
static bool keep_reserved(struct asid_allocator *a, uint64_t id, uint64_t new_id)
{
	bool hit = false;

	for (unsigned c = 0; c < a->nr_cpus; c++)
		if (a->reserved[c] == id) {
			a->reserved[c] = new_id;
			hit = true;
		}
	return hit;
}

static uint64_t new_context(struct asid_allocator *a, uint64_t id)
{
	unsigned asid = (unsigned)(id & ASID_MASK);

	if (id) {
		uint64_t new_id = a->generation | asid;

		if (keep_reserved(a, id, new_id))
			return new_id;
		/* Its old number, if nobody took it in this generation. */
		if (!test_bit(a->map, asid)) {
			set_bit(a->map, asid);
			return new_id;
		}
	}
	asid = find_free(a->map, a->next);
	if (!asid) {
		rollover(a);
		asid = find_free(a->map, 1);
	}
	set_bit(a->map, asid);
	a->next = asid + 1;
	return a->generation | asid;
}

bool asid_switch(struct asid_allocator *a, uint64_t *id, unsigned cpu)
{
	bool flush;

	/* The fast path: an ID of this generation on a CPU that has switched
	 * since the last rollover. */
	if (asid_current(a, *id) && a->active[cpu]) {
		a->active[cpu] = *id;
		return false;
	}
	if (!asid_current(a, *id))
		*id = new_context(a, *id);
	flush = a->flush_pending & (1u << cpu);
	a->flush_pending &= ~(1u << cpu);
	a->active[cpu] = *id;
	return flush;
}
