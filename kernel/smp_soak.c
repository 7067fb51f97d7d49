/*
 * Every CPU allocating and freeing at once (`smpsoak [OPS [SEED]]`), and one
 * user task that runs on each CPU in turn (`migrate [RUNS]`).
 *
 * The soak: each CPU runs OPS random operations from its own seed on its
 * own slots: vmalloc, kmalloc or a page from the buddy allocator, each
 * object filled with a pattern made of its slot, its size and its CPU's
 * number, checked word by word before it is freed (or at the end).  All
 * CPUs go through the same allocators, page tables and mapping record
 * together, so a missing lock shows as a torn free list, two CPUs given
 * the same memory (the second's pattern overwrites the first's), or pages
 * lost; the last line compares the free page count with the one before.
 * The counts are per CPU and the same for a seed whatever the
 * interleaving: an operation either succeeds or (memory short) is
 * counted as refused, and the working set is small enough that nothing
 * is refused on the boards the tests boot.
 */
#include <inttypes.h>
#include <string.h>

#include "mm.h"
#include "printk.h"
#include "shell.h"
#include "sizes.h"
#include "smp.h"
#include "task.h"
#include "vmalloc.h"

#define SOAK_SLOTS	24

enum obj_kind { OBJ_NONE, OBJ_VMALLOC, OBJ_KMALLOC, OBJ_PAGE };

struct obj {
	enum obj_kind kind;
	uint32_t *p;
	uint32_t pfn, words;
};

struct soak_job {
	unsigned cpu;
	uint32_t ops, seed;
	uint32_t done[4], refused, bad;	/* done[kind]: allocations made */
	struct obj slot[SOAK_SLOTS];
};

static uint32_t next_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static uint32_t pattern(const struct soak_job *j, unsigned slot, uint32_t i)
{
	return (j->cpu << 28) ^ (slot << 20) ^ (i * 0x9e3779b1u);
}

static void fill(struct soak_job *j, unsigned s)
{
	for (uint32_t i = 0; i < j->slot[s].words; i++)
		j->slot[s].p[i] = pattern(j, s, i);
}

static void release(struct soak_job *j, unsigned s)
{
	struct obj *o = &j->slot[s];

	for (uint32_t i = 0; i < o->words; i++)
		if (o->p[i] != pattern(j, s, i)) {
			j->bad++;
			break;
		}
	if (o->kind == OBJ_VMALLOC)
		vfree(o->p);
	else if (o->kind == OBJ_KMALLOC)
		kfree(o->p);
	else if (o->kind == OBJ_PAGE)
		free_page(o->pfn);
	o->kind = OBJ_NONE;
}

static void soak_cpu(void *arg)
{
	struct soak_job *j = arg;
	uint32_t r = j->seed;

	for (uint32_t n = 0; n < j->ops; n++) {
		unsigned s = next_rand(&r) % SOAK_SLOTS;
		struct obj *o = &j->slot[s];
		uint32_t pick = next_rand(&r);

		if (o->kind != OBJ_NONE) {
			release(j, s);
			continue;
		}
		switch (pick % 3) {
		case 0:
			o->words = (1 + pick / 3 % 4) * PAGE_SIZE / 4;
			o->p = vmalloc(o->words * 4);
			o->kind = OBJ_VMALLOC;
			break;
		case 1:
			o->words = (16u << (pick / 3 % 8)) / 4;	/* 16 B to 2 KB */
			o->p = kmalloc(o->words * 4);
			o->kind = OBJ_KMALLOC;
			break;
		default:
			o->pfn = alloc_page(GFP_KERNEL);
			o->p = o->pfn == PFN_NONE ? NULL : lowmem_page_address(o->pfn);
			o->words = PAGE_SIZE / 4;
			o->kind = OBJ_PAGE;
			break;
		}
		if (!o->p) {
			o->kind = OBJ_NONE;
			j->refused++;
			continue;
		}
		j->done[o->kind]++;
		fill(j, s);
	}
	for (unsigned s = 0; s < SOAK_SLOTS; s++)
		if (j->slot[s].kind != OBJ_NONE)
			release(j, s);
}

static int cmd_smpsoak(int argc, char **argv)
{
	static struct soak_job jobs[NR_CPUS];
	void *args[NR_CPUS];
	uint32_t ops = 2000, seed = 1, free_before, free_after, bad = 0;

	if ((argc > 1 && !shell_parse_num(argv[1], &ops)) || (argc > 2 && !shell_parse_num(argv[2], &seed)) ||
	    ops == 0 || seed == 0)
		return shell_usage(argv[0]);
	memset(jobs, 0, sizeof(jobs));
	for (unsigned c = 0; c < NR_CPUS; c++) {
		jobs[c] = (struct soak_job){ .cpu = c, .ops = ops, .seed = seed * 2654435761u + c + 1 };
		args[c] = &jobs[c];
	}
	if (smp_processor_id() != 0) {
		printk("smpsoak: run it from CPU 0, which hands every CPU its share\n");
		return 1;
	}
	free_before = nr_free_pages(&page_allocator, NR_ZONES);
	smp_run_on_all(soak_cpu, args);
	free_after = nr_free_pages(&page_allocator, NR_ZONES);
	for (unsigned c = 0; c < NR_CPUS; c++) {
		const struct soak_job *j = &jobs[c];

		if (!cpu_data[c].online)
			continue;
		printk("smpsoak: CPU%u: %" PRIu32 " operations: %" PRIu32 " vmalloc, %" PRIu32 " kmalloc, %" PRIu32
		       " pages, %" PRIu32 " refused; %" PRIu32 " objects not as written\n", c, j->ops,
		       j->done[OBJ_VMALLOC], j->done[OBJ_KMALLOC], j->done[OBJ_PAGE], j->refused, j->bad);
		bad += j->bad;
	}
	printk("smpsoak: %u CPU%s at once; %" PRIu32 " pages free, %" PRIu32 " before: %s\n", nr_cpus_online,
	       nr_cpus_online == 1 ? "" : "s", free_after, free_before,
	       free_after == free_before ? "nothing lost" : "PAGES LOST");
	return bad || free_after != free_before;
}

SHELL_COMMAND(385, smpsoak, cmd_smpsoak, 0, 2, "[OPS [SEED]]",
	      "every CPU allocating and freeing at once (vmalloc, kmalloc, pages), contents checked",
	      "smpsoak 500");

/* ---- one task, every CPU ---- */

struct migrate_run {
	struct task *t;
	uint32_t op, arg1, arg2;
	unsigned cpu;
	uint32_t asid;
};

static void run_task_here(void *arg)
{
	struct migrate_run *m = arg;

	m->cpu = smp_processor_id();
	task_run(m->t, m->op, m->arg1, m->arg2);
	m->asid = m->t->asid;
}

/*
 * The task keeps its address space (its table, its pages, its ASID's
 * context ID) from run to run; each run is on the next CPU.  Run k writes
 * a word into the data page, run k+1, on another CPU, reads it back as
 * its exit status: the same memory through the same table, whichever
 * CPU's MMU and TLB walk it.
 */
static int cmd_migrate(int argc, char **argv)
{
	static struct task t;
	uint32_t runs = 2 * nr_cpus_online, free_before = nr_free_pages(&page_allocator, NR_ZONES);
	uint32_t addr, expect = USER_DATA_MAGIC;
	int bad = 0;

	if (argc > 1 && (!shell_parse_num(argv[1], &runs) || runs == 0 || runs > 64))
		return shell_usage(argv[0]);
	if (smp_processor_id() != 0) {
		printk("migrate: run it from CPU 0, which sends the task to each CPU\n");
		return 1;
	}
	if (task_create(&t))
		return 1;
	addr = t.page_va[PAGE_DATA];	/* its first word: USER_DATA_MAGIC from task_create */
	for (uint32_t k = 0; k < runs; k++) {
		unsigned cpu = k % nr_cpus_online;
		struct migrate_run m = { &t, USER_OP_READ, addr, 0, 0, 0 };
		uint32_t next = 0x6d000000u | (k + 1) << 8 | cpu;	/* what this run leaves for the next */

		/* Read what the last run wrote, then write the next word. */
		if (cpu == smp_processor_id())
			run_task_here(&m);
		else
			smp_run_on(cpu, run_task_here, &m);
		bad += t.killed || t.status != expect;
		printk("migrate: run %" PRIu32 " on CPU%u, ASID %" PRIu32 ": read 0x%08" PRIx32 " (%s)", k + 1, m.cpu,
		       m.asid, t.status, t.killed ? "killed" : t.status == expect ? "as the last run left it" : "WRONG");
		m = (struct migrate_run){ &t, USER_OP_WRITE, addr, next, 0, 0 };
		if (cpu == smp_processor_id())
			run_task_here(&m);
		else
			smp_run_on(cpu, run_task_here, &m);
		bad += t.killed;
		printk(", wrote 0x%08" PRIx32 "\n", next);
		expect = next;
	}
	task_destroy(&t);
	if (nr_free_pages(&page_allocator, NR_ZONES) != free_before) {
		printk("migrate: pages lost: %" PRIu32 " free, %" PRIu32 " before\n",
		       nr_free_pages(&page_allocator, NR_ZONES), free_before);
		return 1;
	}
	printk("migrate: task %d ran %" PRIu32 " times on %u CPU%s, one address space; %d wrong; "
	       "every page given back\n", t.pid, 2 * runs, nr_cpus_online, nr_cpus_online == 1 ? "" : "s", bad);
	return bad != 0;
}

SHELL_COMMAND(436, migrate, cmd_migrate, 0, 1, "[RUNS]",
	      "one user task run on each CPU in turn: its memory read back on the next CPU", "migrate 4");
