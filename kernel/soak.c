/*
 * soak: the allocators under a long random mix, every byte checked.
 *
 * Up to MAX_LIVE objects live at once: vmalloc areas, kmalloc objects,
 * kmapped pages (highmem first) and ioremaps of the UART.  In between, user
 * tasks come and go (their pages and tables from the same allocators),
 * each proving it ran by exiting with its number or its data page's magic.  Each memory
 * object is filled with a pattern made from its number when it is made,
 * checked when it is freed and now and then while it lives, through the
 * address the allocator gave (and for a kmapped page, through a second
 * mapping too).  At the end everything is freed, and the page allocator,
 * the vmalloc space and the area count must be exactly where they began:
 * nothing lost, nothing leaked.
 */
#include <inttypes.h>
#include <stddef.h>

#include "arch_timer.h"
#include "highmem.h"
#include "memparse.h"
#include "mm.h"
#include "page_alloc.h"
#include "pgtable.h"
#include "pl011.h"
#include "printk.h"
#include "setup.h"
#include "shell.h"
#include "task.h"
#include "vmalloc.h"

#define MAX_LIVE	64

enum kind { FREE_SLOT, VMALLOC, KMALLOC, KMAP, IOREMAP, TASK, NR_KINDS };

struct object {
	enum kind kind;
	uint32_t id;		/* seeds the pattern */
	uint32_t *p;		/* where the kernel reads and writes it */
	uint32_t words;
	uint32_t pfn;		/* KMAP: the page */
};

static struct object live[MAX_LIVE];
static uint32_t rng_state;
static uint32_t digest;		/* what was done, in order: equal for equal runs */
static struct task soak_task;
static uint32_t tasks_run, tasks_bad;

static void note(uint32_t v)
{
	digest = (digest ^ v) * 0x01000193u;	/* FNV-1a's step */
}

static uint32_t rnd(void)
{
	/* xorshift32: reproducible from the seed the command prints */
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static uint32_t pattern(uint32_t id, uint32_t i)
{
	return (id * 0x9e3779b1u) ^ (i * 0x85ebca6bu) ^ 0x5a5a5a5au;
}

static void fill_pattern(struct object *o)
{
	for (uint32_t i = 0; i < o->words; i++)
		o->p[i] = pattern(o->id, i);
}

/* 0 if every word is right; the first wrong index + 1 otherwise. */
static uint32_t verify(const struct object *o)
{
	for (uint32_t i = 0; i < o->words; i++)
		if (o->p[i] != pattern(o->id, i))
			return i + 1;
	/* A kmapped page must read the same through kmap_atomic. */
	if (o->kind == KMAP) {
		uint32_t *a = kmap_atomic(o->pfn), bad = 0;

		if (!a)
			return 1;
		for (uint32_t i = 0; i < o->words && !bad; i++)
			if (a[i] != pattern(o->id, i))
				bad = i + 1;
		kunmap_atomic(a);
		return bad;
	}
	return 0;
}

/* A task lives only while it runs: made, run, checked, destroyed. */
static bool run_task(uint32_t id, uint32_t r)
{
	bool read = r & 1;
	uint32_t want = read ? USER_DATA_MAGIC : id;

	if (task_create(&soak_task))
		return false;
	task_run(&soak_task, read ? USER_OP_READ : USER_OP_EXIT, read ? USER_DATA_BASE : id, 0);
	if (soak_task.killed || soak_task.status != want) {
		printk("soak: task %d ended wrong:\n", soak_task.pid);
		task_print_end(&soak_task);
		tasks_bad++;
	}
	task_destroy(&soak_task);
	tasks_run++;
	return true;
}

static bool make_object(struct object *o, uint32_t id)
{
	uint32_t r = rnd();

	o->id = id;
	switch ((enum kind)(1 + r % (NR_KINDS - 1))) {
	case VMALLOC:
		o->words = (1 + (r >> 8) % 16) * PAGE_SIZE / 4;
		o->p = vmalloc(o->words * 4);
		o->kind = VMALLOC;
		break;
	case KMALLOC:
		o->words = (4 + (r >> 8) % 2048) & ~3u;
		o->p = kmalloc(o->words * 4);
		o->kind = KMALLOC;
		break;
	case KMAP:
		o->pfn = alloc_page(GFP_HIGHUSER);
		o->words = PAGE_SIZE / 4;
		o->p = o->pfn == PFN_NONE ? NULL : kmap(o->pfn);
		if (!o->p && o->pfn != PFN_NONE)
			free_page(o->pfn);
		o->kind = KMAP;
		break;
	case TASK:
		o->kind = FREE_SLOT;
		return run_task(id, r >> 8);
	default:
		/* A device: nothing to fill, but the mapping must reach it. */
		o->words = 0;
		o->p = ioremap(board.uart_base, PAGE_SIZE, MT_DEVICE);
		o->kind = IOREMAP;
		break;
	}
	if (!o->p) {
		o->kind = FREE_SLOT;
		return false;
	}
	fill_pattern(o);
	return true;
}

static void free_object(struct object *o)
{
	switch (o->kind) {
	case VMALLOC: vfree(o->p); break;
	case KMALLOC: kfree(o->p); break;
	case KMAP:    kunmap(o->pfn); free_page(o->pfn); break;
	case IOREMAP: iounmap(o->p); break;
	default:      break;
	}
	o->kind = FREE_SLOT;
}

/*
 * soak [SECONDS [SEED [OPS]]].  Every choice comes from the seed, so a
 * seed makes the same operations in the same order; how many fit in
 * SECONDS depends on the host's speed.  OPS fixes the count: the same
 * SEED and OPS do exactly the same thing (the digest line says so), and
 * SECONDS is then only a limit.  Ctrl-C stops it; everything is freed and
 * checked either way.
 */
static int cmd_soak(int argc, char **argv)
{
	uint32_t seconds = 10, seed, ops = 0, checks = 0, failed_allocs = 0, bad = 0, id = 0, max_ops = 0;
	uint32_t free_before = nr_free_pages(&page_allocator, NR_ZONES);
	uint32_t largest = free_space_largest(&vmalloc_space.free), areas = vmalloc_space.busy.count;
	uint32_t rollovers = asid_rollovers;
	uint64_t start = uptime_us(), end, next_report;
	const char *stopped = NULL;

	seed = (uint32_t)start | 1;
	if (argc > 4 || (argc >= 2 && (!parse_u32(argv[1], &seconds) || !seconds || seconds > 3600)) ||
	    (argc >= 3 && (!parse_u32(argv[2], &seed) || !seed)) ||
	    (argc == 4 && (!parse_u32(argv[3], &max_ops) || !max_ops)))
		return shell_usage(argv[0]);
	rng_state = seed;
	digest = 0x811c9dc5u;
	tasks_run = tasks_bad = 0;
	end = start + (uint64_t)seconds * 1000000u;
	next_report = start + 10000000u;
	if (max_ops)
		printk("soak: %" PRIu32 " operations (at most %" PRIu32 " s of QEMU time), seed %" PRIu32
		       " (soak %" PRIu32 " %" PRIu32 " %" PRIu32 " repeats it exactly)\n",
		       max_ops, seconds, seed, seconds, seed, max_ops);
	else
		printk("soak: %" PRIu32 " s of QEMU time, seed %" PRIu32 " (soak %" PRIu32 " %" PRIu32
		       " makes the same operations; add a count to fix how many)\n", seconds, seed, seconds, seed);
	asid_rollover_quiet = true;

	while (!bad && !tasks_bad) {
		struct object *o;
		uint32_t r, where;

		if (max_ops && ops == max_ops)
			break;
		if (uptime_us() >= end) {
			if (max_ops)
				stopped = "the time ran out before the count";
			break;
		}
		if (pl011_ctrl_c_pending()) {
			printk("^C\n");
			stopped = "interrupted (Ctrl-C)";
			break;
		}
		o = &live[rnd() % MAX_LIVE];
		r = rnd() % 100;
		ops++;
		note((uint32_t)(o - live) << 8 | o->kind);
		if (o->kind == FREE_SLOT) {
			bool made = make_object(o, ++id);

			if (!made)
				failed_allocs++;
			note(made ? o->kind : 0xff);
		} else if (r < 70) {
			if ((where = verify(o)) != 0) {
				printk("soak: object %" PRIu32 " (kind %d) word %" PRIu32 " is wrong\n",
				       o->id, o->kind, where - 1);
				bad++;
			}
			checks++;
			free_object(o);
		} else {
			for (int i = 0; i < MAX_LIVE && !bad; i++)
				if (live[i].kind != FREE_SLOT && verify(&live[i])) {
					printk("soak: object %" PRIu32 " changed while it lived\n", live[i].id);
					bad++;
				}
			checks++;
		}
		if (uptime_us() >= next_report) {
			printk("soak: %" PRIu32 " s: %" PRIu32 " operations, %" PRIu32 " checks\n",
			       (uint32_t)((uptime_us() - start) / 1000000u), ops, checks);
			next_report += 10000000u;
		}
	}
	asid_rollover_quiet = false;
	for (int i = 0; i < MAX_LIVE; i++) {
		if (live[i].kind != FREE_SLOT && verify(&live[i]))
			bad++;
		free_object(&live[i]);
	}
	if (stopped)
		printk("soak: %s after %" PRIu32 " operations; everything is freed and checked now\n", stopped, ops);
	printk("soak: %" PRIu32 " operations, %" PRIu32 " checks, %" PRIu32 " user tasks, %" PRIu32
	       " allocations refused (out of space), %" PRIu32 " ASID rollover%s\n", ops, checks, tasks_run,
	       failed_allocs, asid_rollovers - rollovers, asid_rollovers - rollovers == 1 ? "" : "s");
	if (max_ops)
		printk("soak: digest of the operations 0x%08" PRIx32 " (seed %" PRIu32 ", %" PRIu32 " operations)\n",
		       digest, seed, ops);
	bad += tasks_bad;
	printk("soak: %" PRId32 " pages and %" PRId32 " bytes of vmalloc space lost, %" PRId32 " areas left, %" PRIu32 " bad objects\n",
	       (int32_t)(free_before - nr_free_pages(&page_allocator, NR_ZONES)),
	       (int32_t)(largest - free_space_largest(&vmalloc_space.free)),
	       (int32_t)(vmalloc_space.busy.count - areas), bad);
	if (bad || free_before != nr_free_pages(&page_allocator, NR_ZONES) ||
	    largest != free_space_largest(&vmalloc_space.free) || areas != vmalloc_space.busy.count) {
		printk("soak: FAILED\n");
		return 1;
	}
	printk("soak: ok\n");
	return 0;
}

SHELL_COMMAND(380, soak, cmd_soak, 0, 3, "[SECONDS [SEED [OPS]]]",
	      "random vmalloc/kmalloc/kmap/ioremap mix, contents checked, nothing lost", "soak 1");
