/* Unit tests of the SMP ASID allocator (core/mm/asid.c): the numbers one
 * CPU gets through a rollover, a task on another CPU keeping its number
 * across one, and a random schedule on 1 to 8 CPUs against a model of each
 * CPU's TLB: a CPU must never run an address space under an ASID it may
 * still hold another address space's translations for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "asid.h"
#include "xorshift64.h"

static struct asid_allocator a;

/* One CPU: ASIDs 1..255 in turn, no flush; the 256th address space starts
 * generation 2 with a flush, and gets 1 again (the running one, 255, is
 * reserved: it is live on the CPU). */
static void test_one_cpu_rollover(void **state)
{
	uint64_t id[257] = { 0 };

	(void)state;
	asid_allocator_init(&a, 1);
	for (unsigned i = 1; i <= 255; i++) {
		assert_false(asid_switch(&a, &id[i], 0));
		assert_int_equal(id[i] & ASID_MASK, i);
		assert_true(asid_current(&a, id[i]));
	}
	assert_int_equal(a.rollovers, 0);
	assert_true(asid_switch(&a, &id[256], 0));
	assert_int_equal(a.rollovers, 1);
	assert_int_equal(id[256], 2 * ASID_FIRST_GENERATION + 1);
	/* Task 1's ID is of the old generation now: it gets a new number,
	 * not 1 (task 256 has it), and no second flush. */
	assert_false(asid_current(&a, id[1]));
	assert_false(asid_switch(&a, &id[1], 0));
	assert_int_equal(id[1] & ASID_MASK, 2);
	/* The same task again: the fast path, the same ID. */
	uint64_t before = id[1];
	assert_false(asid_switch(&a, &id[1], 0));
	assert_int_equal(id[1], before);
}

/* CPU 1 runs task A through a rollover that CPU 0 causes: A's number is
 * reserved, so when A runs again (on CPU 1 or migrated to CPU 0) it keeps
 * it in the new generation, and nobody else got it meanwhile. */
static void test_reserved_across_rollover(void **state)
{
	uint64_t task_a = 0, other[300] = { 0 };

	(void)state;
	asid_allocator_init(&a, 2);
	asid_switch(&a, &task_a, 1);
	unsigned a_asid = (unsigned)(task_a & ASID_MASK);
	for (unsigned i = 0; i < 300; i++) {
		asid_switch(&a, &other[i], 0);
		if (a.rollovers == 0)
			continue;
		assert_int_not_equal(other[i] & ASID_MASK, a_asid);
	}
	assert_int_equal(a.rollovers, 1);
	/* CPU 1 switches away and back: A keeps its number, and CPU 1 owes
	 * the flush of the rollover at its first switch. */
	uint64_t idle = 0;
	assert_true(asid_switch(&a, &idle, 1));
	assert_false(asid_switch(&a, &task_a, 1));
	assert_int_equal(task_a & ASID_MASK, a_asid);
	assert_true(asid_current(&a, task_a));
}

/* The model: tlb[cpu][asid] = the address space whose translations the CPU
 * may hold under that ASID (-1: none).  Entries are never evicted (the
 * worst case); a flush empties the CPU's. */
#define MAX_MMS 600
static int tlb[ASID_MAX_CPUS][NR_ASIDS];
static uint64_t ctx[MAX_MMS];
static int running_on[MAX_MMS];		/* CPU, or -1 */
static int cpu_runs[ASID_MAX_CPUS];	/* mm, or -1 */

static void random_schedule(unsigned nr_cpus, unsigned nr_mms, unsigned steps, uint64_t seed)
{
	unsigned flushes = 0;

	rng_state = seed;
	asid_allocator_init(&a, nr_cpus);
	memset(tlb, 0xff, sizeof(tlb));
	memset(ctx, 0, sizeof(ctx));
	for (unsigned m = 0; m < MAX_MMS; m++)
		running_on[m] = -1;
	for (unsigned c = 0; c < ASID_MAX_CPUS; c++)
		cpu_runs[c] = -1;
	for (unsigned s = 0; s < steps; s++) {
		unsigned cpu = (unsigned)(rnd() % nr_cpus);
		unsigned mm = (unsigned)(rnd() % nr_mms);

		if (running_on[mm] >= 0 && running_on[mm] != (int)cpu)
			continue;		/* a task runs on one CPU at a time */
		if (rnd() % 64 == 0 && running_on[mm] < 0) {
			ctx[mm] = 0;		/* it exited; a new address space takes its slot */
			for (unsigned c = 0; c < nr_cpus; c++)
				for (unsigned x = 0; x < NR_ASIDS; x++)
					if (tlb[c][x] == (int)mm)
						tlb[c][x] = -2;	/* the dead one's: still another mm's */
		}
		if (cpu_runs[cpu] >= 0)
			running_on[cpu_runs[cpu]] = -1;
		if (asid_switch(&a, &ctx[mm], cpu)) {
			memset(tlb[cpu], 0xff, sizeof(tlb[cpu]));
			flushes++;
		}
		unsigned x = (unsigned)(ctx[mm] & ASID_MASK);
		if (x == 0 || !asid_current(&a, ctx[mm]))
			fail_msg("step %u: mm %u got ID 0x%llx", s, mm, (unsigned long long)ctx[mm]);
		if (tlb[cpu][x] != -1 && tlb[cpu][x] != (int)mm)
			fail_msg("step %u, %u CPUs: CPU %u runs mm %u under ASID %u while its TLB may hold "
				 "mm %d's translations under it", s, nr_cpus, cpu, mm, x, tlb[cpu][x]);
		for (unsigned c = 0; c < nr_cpus; c++)
			if (c != cpu && cpu_runs[c] >= 0 && cpu_runs[c] != (int)mm &&
			    asid_current(&a, ctx[cpu_runs[c]]) && (ctx[cpu_runs[c]] & ASID_MASK) == x)
				fail_msg("step %u: mm %u on CPU %u and mm %d on CPU %u share ASID %u",
					 s, mm, cpu, cpu_runs[c], c, x);
		tlb[cpu][x] = (int)mm;
		cpu_runs[cpu] = (int)mm;
		running_on[mm] = (int)cpu;
	}
	/* Enough address spaces to roll over many times, and each rollover
	 * cost each CPU at most one flush. */
	assert_true(a.rollovers > 10);
	assert_true(flushes <= a.rollovers * nr_cpus);
}

static void test_random_schedules(void **state)
{
	(void)state;
	for (unsigned cpus = 1; cpus <= ASID_MAX_CPUS; cpus++)
		random_schedule(cpus, 280 + 40 * cpus, 200000, 0x9e3779b97f4a7c15ull * cpus);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_cpu_rollover),
		cmocka_unit_test(test_reserved_across_rollover),
		cmocka_unit_test(test_random_schedules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
