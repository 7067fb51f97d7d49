/*
 * The shell's "user" command: start the demo task, run its attacks, look
 * at its address space, and check that address space through the MMU.
 *
 * The check asks the MMU itself (ATS1CUR/ATS1CUW: "could User mode read
 * or write this?", ATS1CPR/ATS1CPW for PL1) with the task's table live:
 * its three pages must answer as mapped, the first page of every other
 * megabyte of the 4 GB and of every kernel mapping must be refused to
 * PL0, the vector page readable and not writable.  With the modern rules
 * it also checks that a shut user domain refuses the kernel.
 *
 * In the long-descriptor format (LPAE) it checks that format's facts: the
 * task's pages are nG with AF, PXN on the page from 3.19 (Linux's LPAE
 * tables carry no PXNTable), TTBR0 holds the task's table and its ASID,
 * the copied kernel entries are the kernel's, and with the modern rules
 * TTBR0 is shut outside uaccess (EPD0: ATS1CPR of a user address aborts).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "arch_timer.h"
#include "arm/cp15.h"
#include "arm/long_desc.h"
#include "arm/sysreg.h"
#include "fault.h"
#include "kernel_map.h"
#include "memory.h"
#include "memparse.h"
#include "mm.h"
#include "mmu.h"
#include "pgtable.h"
#include "pgtable_long.h"
#include "pl011.h"
#include "printk.h"
#include "ptdump.h"
#include "setup.h"
#include "shell.h"
#include "sizes.h"
#include "task.h"

static struct task demo;

static const char *ttbr_mode_name(enum ttbr_mode m)
{
	return m == TTBR_SPLIT ? "split" : "copy";
}

/* The task's own second- and third-level tables (LPAE). */
static void long_count_tables(const struct task *t, unsigned *l2, unsigned *l3)
{
	*l2 = 0;
	*l3 = t->pt.nr_tables;
	for (uint32_t gb = 0; gb < 4; gb++) {
		uint64_t d = t->pt.pgd[gb];

		if ((d & 1) && d != kernel_pgtable.pgd[gb])
			++*l2;
	}
	*l3 -= *l2;
}

/* A physical address: eight hex digits below 4 GB, more above (no %llx). */
static const char *pa_str(char buf[16], phys_addr_t pa)
{
	uint32_t hi = (uint32_t)((uint64_t)pa >> 32);

	if (hi)
		snprintf(buf, 16, "0x%" PRIx32 "%08" PRIx32, hi, (uint32_t)pa);
	else
		snprintf(buf, 16, "0x%08" PRIx32, (uint32_t)pa);
	return buf;
}

static void long_print_task(const struct task *t)
{
	char pa[16];
	uint32_t mgb = kernel_layout.modules_vaddr >> 30;
	unsigned l2, l3;

	long_count_tables(t, &l2, &l3);
	printk("user: task %d: ASID %" PRIu32 " in TTBR0[55:48], TTBR0 first level at PA %s (4 x 8 B)\n",
	       t->pid, t->asid, pa_str(pa, t->root_pa));
	if (kernel_layout.page_offset >= 0x80000000u)
		printk("user:   TTBR1 = swapper_pg_dir from 0x%08" PRIx32 " (T1SZ=%u); ", kernel_layout.page_offset,
		       kernel_layout.page_offset >= 0xc0000000u ? 2u : 1u);
	else
		printk("user:   no TTBR1 split: %" PRIu32 " first-level entries copied from swapper_pg_dir "
		       "(their tables shared); ", t->kernel_l1_copied);
	printk("own second-level table for 0x%08" PRIx32 "-0x%08" PRIx32 " with the kernel's %" PRIu32
	       " entries for modules and pkmap from 0x%08" PRIx32 "\n", mgb << 30, (mgb << 30) + (SZ_1G - 1),
	       t->kernel_l2_copied, kernel_layout.modules_vaddr);
	for (int i = 0; i < NR_TASK_PAGES; i++)
		printk("user:   %-5s 0x%08" PRIx32 " -> PA %s %s (%s)\n", task_page_names[i],
		       t->page_va[i], pa_str(pa, (phys_addr_t)t->page_pfn[i] << PAGE_SHIFT),
		       mem_types[task_page_type((enum task_page)i)].name,
		       pfn_is_highmem(t->page_pfn[i]) ? "highmem" : "lowmem");
	printk("user:   %u second-level and %u third-level tables of its own, nG, AF, PXN %s\n", l2, l3,
	       kernel_layout.rules->user_pxn ? "on the pages (3.19+)" : "clear (before 3.19)");
}

static void print_task(const struct task *t)
{
	if (mmu_format.lpae) {
		long_print_task(t);
		return;
	}
	printk("user: task %d: ASID %" PRIu32 ", TTBR0 table at PA 0x%08" PRIx32 " (%" PRIu32 " KB, TTBCR.N = %" PRIu32 ")",
	       t->pid, t->asid, t->l1_pfn << PAGE_SHIFT, t->l1_bytes >> 10, t->ttbcr_n);
	if (t->mode == TTBR_COPY)
		printk(", %" PRIu32 " kernel entries copied from swapper_pg_dir\n", task_kernel_entries(t));
	else
		printk("; TTBR1 = swapper_pg_dir above 0x%08" PRIx32 "%s\n",
		       (uint32_t)(UINT64_C(1) << (32 - t->ttbcr_n)),
		       task_kernel_entries(t) ? ", the modules area's entries copied below it" : "");
	if (t->user_limit != kernel_layout.modules_vaddr)
		printk("user:   user space ends at 0x%08" PRIx32 ", not TASK_SIZE 0x%08" PRIx32
		       ": TTBCR.N splits only at a power of two\n", t->user_limit, kernel_layout.modules_vaddr);
	for (int i = 0; i < NR_TASK_PAGES; i++)
		printk("user:   %-5s 0x%08" PRIx32 " -> PA 0x%08" PRIx32 " %s (%s)\n", task_page_names[i],
		       t->page_va[i], t->page_pfn[i] << PAGE_SHIFT,
		       mem_types[task_page_type((enum task_page)i)].name,
		       pfn_is_highmem(t->page_pfn[i]) ? "highmem" : "lowmem");
	printk("user:   %u second-level tables, domain %d, nG, PXN %s\n", t->pt.nr_tables, DOMAIN_USER,
	       kernel_layout.rules->user_pxn ? "set (3.19+)" : "clear (before 3.19)");
}

/* user run [N]: the demo N times, each a new task (and a new ASID). */
static int user_run(uint32_t n)
{
	uint32_t free_before = nr_free_pages(&page_allocator, NR_ZONES);
	int bad = 0;

	for (uint32_t i = 0; i < n; i++) {
		/* Between two tasks, nothing of either is live. */
		if (i && pl011_ctrl_c_pending()) {
			printk("^C\nuser: interrupted after %" PRIu32 " of %" PRIu32 " tasks\n", i, n);
			n = i;
			break;
		}
		if (task_create(&demo))
			return 1;
		if (i == 0)
			print_task(&demo);
		/* The first says hello; the others exit with their number,
		 * each proving it ran its own code with its own arguments. */
		task_run(&demo, i ? USER_OP_EXIT : USER_OP_HELLO, i, 0);
		if (i == 0 || demo.killed || demo.status != i)
			task_print_end(&demo);
		bad += demo.killed || demo.status != i;
		task_destroy(&demo);
	}
	if (n > 1)
		printk("user: %" PRIu32 " tasks ran, %d did not exit with their number; the last had ASID %" PRIu32 "\n",
		       n, bad, demo.asid);
	if (nr_free_pages(&page_allocator, NR_ZONES) != free_before) {
		printk("user: pages lost: %" PRIu32 " free, %" PRIu32 " before\n",
		       nr_free_pages(&page_allocator, NR_ZONES), free_before);
		return 1;
	}
	printk("user: every page and page table given back (%" PRIu32 " pages free, as before)\n", free_before);
	return bad != 0;
}

/* user syscalls N: one task that makes N system calls, then exits: a
 * task that runs for a long time but gives the CPU back all along, which
 * the tick must never kill. */
static int user_syscalls(uint32_t n)
{
	uint32_t free_before = nr_free_pages(&page_allocator, NR_ZONES);
	uint64_t t0 = uptime_us();
	int bad;

	if (task_create(&demo))
		return 1;
	task_run(&demo, USER_OP_SYSCALLS, n, 0);
	bad = demo.killed || demo.status != 0;
	if (bad)
		task_print_end(&demo);
	else
		printk("user: task %d made %" PRIu32 " system calls in %" PRIu32 " ms and exited with status 0\n",
		       demo.pid, n, (uint32_t)((uptime_us() - t0) / 1000));
	task_destroy(&demo);
	if (nr_free_pages(&page_allocator, NR_ZONES) != free_before) {
		printk("user: pages lost: %" PRIu32 " free, %" PRIu32 " before\n",
		       nr_free_pages(&page_allocator, NR_ZONES), free_before);
		return 1;
	}
	return bad;
}

/* ---- user check ---- */

struct ucheck {
	int failures;
	uint32_t refused_mb, kernel_refused;
};

static void ufail(struct ucheck *c, uint32_t va, const char *what)
{
	if (c->failures++ < 10)
		printk("user check: 0x%08" PRIx32 ": %s\n", va, what);
}

static bool pl0_ok(uint32_t va, bool write)
{
	return mmu_translate_pl0(va, write) != (phys_addr_t)-1;
}

static bool task_page_at(const struct task *t, uint32_t va)
{
	for (int i = 0; i < NR_TASK_PAGES; i++)
		if ((va & PAGE_MASK) == t->page_va[i])
			return true;
	return false;
}

/* A task page: the tables hold exactly its memory type with nG (and PXN
 * by the rules), and the MMU answers PL0 and PL1 as the type says. */
static void check_task_page(struct ucheck *c, const struct task *t, int i)
{
	enum mem_type_id type = task_page_type((enum task_page)i);
	phys_addr_t pa = (phys_addr_t)t->page_pfn[i] << PAGE_SHIFT;
	uint32_t va = t->page_va[i];
	bool want_pxn = kernel_layout.rules->user_pxn;
	struct walk w;

	pgtable_walk(&t->pt, va, &w);
	if (w.kind != WALK_SMALL || w.pa != pa || w.desc[1] != mk_pte(pa, type))
		ufail(c, va, "the task's table does not hold the page as its memory type");
	if (!(w.desc[1] & SD_BIT(SMALL, NG)))
		ufail(c, va, "a user page is global: its TLB entry would outlive the ASID");
	if (SD_GET(w.desc[0], TABLE, DOMAIN) != DOMAIN_USER)
		ufail(c, va, "the page's table is not in DOMAIN_USER");
	if (SD_GET(w.desc[0], TABLE, PXN) != want_pxn)
		ufail(c, va, want_pxn ? "the page's table lacks PXN" : "the page's table has PXN before 3.19");
	if (mmu_translate(va, false, NULL) != pa || !pl0_ok(va, false))
		ufail(c, va, "the MMU does not translate the page for PL1 and PL0 reads");
	if (pl0_ok(va, true) != mem_type_pl0_writable(type))
		ufail(c, va, mem_type_pl0_writable(type) ? "PL0 may not write its data" : "PL0 may write its text");
}

/* The same in the long format: the page's descriptor is its type's (PXN
 * by the rules), nG and AF set, and its table has no PXNTable, as
 * Linux's. */
static void long_check_task_page(struct ucheck *c, const struct task *t, int i)
{
	enum mem_type_id type = task_page_type((enum task_page)i);
	phys_addr_t pa = (phys_addr_t)t->page_pfn[i] << PAGE_SHIFT;
	uint32_t va = t->page_va[i];
	bool want_pxn = kernel_layout.rules->user_pxn;
	uint64_t want = long_desc_format.mk_leaf(pa, type, WALK_PAGE);
	struct walk w;

	if (!want_pxn)
		want &= ~LD_BIT(PAGE, PXN);
	pgtable_walk(&t->pt, va, &w);
	if (w.kind != WALK_PAGE || w.pa != pa || w.desc[2] != want)
		ufail(c, va, "the task's table does not hold the page as its memory type");
	if (!LD_GET(w.desc[2], PAGE, NG))
		ufail(c, va, "a user page is global: its TLB entry would outlive the ASID");
	if (!LD_GET(w.desc[2], PAGE, AF))
		ufail(c, va, "a user page lacks AF: its first access would take an access flag fault");
	if (LD_GET(w.desc[2], PAGE, PXN) != want_pxn)
		ufail(c, va, want_pxn ? "the page lacks PXN" : "the page has PXN before 3.19");
	if (LD_GET(w.desc[1], TABLE, PXNTABLE))
		ufail(c, va, "the page's table has PXNTable, which Linux's LPAE tables do not");
	if (mmu_translate(va, false, NULL) != pa || !pl0_ok(va, false))
		ufail(c, va, "the MMU does not translate the page for PL1 and PL0 reads");
	if (pl0_ok(va, true) != mem_type_pl0_writable(type))
		ufail(c, va, mem_type_pl0_writable(type) ? "PL0 may not write its data" : "PL0 may write its text");
}

/* TTBR0 is the task's table with its ASID, and the kernel entries in it
 * are the kernel's own. */
static void long_check_ttbr0(struct ucheck *c, const struct task *t)
{
	uint64_t ttbr0 = read_ttbr0_64();
	uint32_t mgb = kernel_layout.modules_vaddr >> 30;
	uint32_t first = LONG_TABLE_ENTRIES - t->kernel_l2_copied;
	const uint64_t *pmd = __va(t->pt.pgd[mgb] & LD_MASK(TABLE, ADDR));
	const uint64_t *kpmd = __va(kernel_pgtable.pgd[mgb] & LD_MASK(TABLE, ADDR));

	if ((ttbr0 & LD_MASK(TTBR, ADDR)) != t->root_pa || LD_GET(ttbr0, TTBR, ASID) != t->asid)
		ufail(c, 0, "TTBR0 does not hold the task's table and ASID");
	if (LD_GET(read_ttbcr(), TTBCR, A1))
		ufail(c, 0, "TTBCR.A1 is set inside uaccess: the ASID would be TTBR1's");
	for (uint32_t gb = 0; gb < 4; gb++)
		if (gb != mgb && (t->pt.pgd[gb] & 1) && gb > mgb && t->pt.pgd[gb] != kernel_pgtable.pgd[gb])
			ufail(c, gb << 30, "a copied first-level entry is not the kernel's");
	for (uint32_t i = first; i < LONG_TABLE_ENTRIES; i++)
		if (pmd[i] != kpmd[i])
			ufail(c, (mgb << 30) + (i << 21), "a copied modules/pkmap entry is not the kernel's");
}

static void check_kernel_refused(struct ucheck *c, const struct task *t)
{
	/* Every megabyte's first page, and every kernel mapping's. */
	for (uint32_t mb = 0; mb < L1_ENTRIES; mb++) {
		uint32_t va = mb << SECTION_SHIFT;

		if (task_page_at(t, va))
			continue;
		if (pl0_ok(va, false))
			ufail(c, va, "PL0 can read it");
		else
			c->refused_mb++;
	}
	for (int i = 0; i < nr_kernel_mappings; i++) {
		const struct kernel_mapping *m = &kernel_mappings[i];
		bool vectors = mem_type_pl0_readable(m->type);	/* the vector page alone */

		if (m->virt < t->user_limit)
			continue;	/* a hand map in user space: the task's table replaces it */
		if (pl0_ok(m->virt, false) != vectors)
			ufail(c, m->virt, vectors ? "PL0 cannot read the vector page" : "PL0 can read a kernel mapping");
		else if (pl0_ok(m->virt, true))
			ufail(c, m->virt, "PL0 can write a kernel mapping");
		else
			c->kernel_refused += !vectors;
	}
}

/* With the modern rules, outside uaccess TTBR0 is shut: EPD0 and A1 set,
 * and the MMU refuses PL1 a user address with a level-1 translation
 * fault (the walk never starts). */
static void long_check_shut(struct ucheck *c)
{
	uint32_t ttbcr = read_ttbcr();
	uint64_t par;

	if (!LD_GET(ttbcr, TTBCR, EPD0) || !LD_GET(ttbcr, TTBCR, A1))
		ufail(c, 0, "outside uaccess TTBCR.EPD0 and A1 are not both set");
	if (mmu_translate(USER_DATA_BASE, false, &par) != (phys_addr_t)-1)
		ufail(c, USER_DATA_BASE, "with TTBR0 shut, PL1 can still read user memory");
	else if (fsr_class(long_desc_par_fsr(par)) != FSR_TRANSLATION || fsr_level(long_desc_par_fsr(par)) != 1)
		ufail(c, USER_DATA_BASE, "with TTBR0 shut, PL1's read is refused, but not as a level-1 translation fault");
}

static int long_user_check(void)
{
	struct ucheck c = { 0 };
	struct task *t = &demo;
	bool pan = kernel_layout.rules->sw_domain_pan;

	if (task_create(t))
		return 1;
	task_switch_in(t);
	if (pan)
		long_check_shut(&c);
	uaccess_enable();
	long_check_ttbr0(&c, t);
	for (int i = 0; i < NR_TASK_PAGES; i++)
		long_check_task_page(&c, t, i);
	check_kernel_refused(&c, t);
	uaccess_disable();
	task_switch_out();
	if (LD_GET(read_ttbcr(), TTBCR, EPD0))
		ufail(&c, 0, "TTBR0 is still shut with no task live");
	printk("user check: task %d (LPAE): %s; TTBR0 = its table, ASID %" PRIu32 " in TTBR0[55:48]; "
	       "3 user pages as mapped at PL0 and PL1 (nG, AF, PXN %s); PL0 refused at %" PRIu32
	       " megabytes and %" PRIu32 " kernel mappings, the vector page read-only%s\n",
	       t->pid, c.failures ? "the MMU DISAGREES" : "the MMU agrees", t->asid,
	       kernel_layout.rules->user_pxn ? "set" : "clear", c.refused_mb, c.kernel_refused,
	       pan ? "; outside uaccess TTBR0 is shut (EPD0, A1): a level-1 translation fault for PL1" : "");
	task_destroy(t);
	return c.failures != 0;
}

static int user_check(void)
{
	struct ucheck c = { 0 };
	struct task *t = &demo;

	if (mmu_format.lpae)
		return long_user_check();
	if (task_create(t))
		return 1;
	task_switch_in(t);
	if (kernel_layout.rules->sw_domain_pan && mmu_translate(USER_DATA_BASE, false, NULL) != (phys_addr_t)-1)
		ufail(&c, USER_DATA_BASE, "with the user domain shut, PL1 can still read user memory");
	uaccess_enable();	/* ATS checks the current DACR too */
	for (int i = 0; i < NR_TASK_PAGES; i++)
		check_task_page(&c, t, i);
	check_kernel_refused(&c, t);
	uaccess_disable();
	task_switch_out();
	printk("user check: task %d (%s): %s; 3 user pages as mapped at PL0 and PL1 (nG, domain %d, PXN %s); "
	       "PL0 refused at %" PRIu32 " megabytes and %" PRIu32 " kernel mappings, the vector page read-only%s\n",
	       t->pid, ttbr_mode_name(t->mode), c.failures ? "the MMU DISAGREES" : "the MMU agrees",
	       DOMAIN_USER, kernel_layout.rules->user_pxn ? "set" : "clear", c.refused_mb, c.kernel_refused,
	       kernel_layout.rules->sw_domain_pan ? "; the shut user domain refuses PL1" : "");
	task_destroy(t);
	return c.failures != 0;
}

/* ---- user bench: what a task costs, in QEMU time and in memory ---- */

static int user_bench(void)
{
	enum { TASKS = 1000, CALLS = 20000 };
	enum ttbr_mode saved = task_ttbr_mode;
	uint64_t t0;
	unsigned l2 = 0;

	for (int m = TTBR_COPY; m <= (mmu_format.lpae ? TTBR_COPY : TTBR_SPLIT); m++) {
		task_ttbr_mode = (enum ttbr_mode)m;
		t0 = uptime_us();
		for (int i = 0; i < TASKS; i++) {
			if (task_create(&demo))
				goto fail;
			l2 = demo.pt.nr_tables;
			task_run(&demo, USER_OP_EXIT, 0, 0);
			task_destroy(&demo);
		}
		printk("user bench: %s: create + run to exit + destroy %" PRIu32 " us per task (%d tasks); "
		       "tables %s%" PRIu32 " %s + %u x %s, pages 3 x 4 KB\n", ttbr_mode_name(demo.mode),
		       (uint32_t)((uptime_us() - t0) / TASKS), TASKS, mmu_format.lpae ? "4 x 8 B = " : "",
		       mmu_format.lpae ? demo.l1_bytes : demo.l1_bytes >> 10, mmu_format.lpae ? "B" : "KB", l2,
		       mmu_format.lpae ? "4 KB" : "1 KB");
	}
	task_ttbr_mode = saved;
	if (task_create(&demo))
		return 1;
	t0 = uptime_us();
	task_run(&demo, USER_OP_SYSCALLS, CALLS, 0);
	printk("user bench: system call round trip (SVC, write of 0 bytes, return to User mode) %" PRIu32
	       " ns (%d calls)\n", (uint32_t)((uptime_us() - t0) * 1000 / CALLS), CALLS);
	task_destroy(&demo);
	return demo.killed || demo.status;
fail:
	task_ttbr_mode = saved;
	return 1;
}

/* ---- the command ---- */

static const char *task_label(uint32_t va, uint64_t *until, void *ctx)
{
	const struct task *t = ctx;

	if (va < t->user_limit)
		*until = t->user_limit;
	return va < t->user_limit ? "user space (the task's own)" : "kernel";
}

static int user_ptdump(void)
{
	struct task *t = &demo;

	if (task_create(t))
		return 1;
	print_task(t);
	ptdump_range(&t->pt, 0, t->user_limit, false, task_label, t);
	task_destroy(t);
	return 0;
}

static void user_help(void)
{
	printk("user: the demo task (next one: %s mode, rules=%s)\n", ttbr_mode_name(task_ttbr_mode),
	       kernel_layout.rules->name);
	printk("  user run [N]          run the demo N times (a new task and ASID each)\n");
	printk("  user syscalls N       one task making N system calls (never killed by the tick)\n");
	printk("  user attack NAME|all  one attack in a fresh task, or all of them, then the table\n");
	printk("  user results          what each attack got last time\n");
	printk("  user check            the task's map through the MMU (PL0 and PL1)\n");
	printk("  user ptdump           the task's first-level table below the kernel\n");
	printk("  user mode copy|split  TTBCR.N = 0 with kernel entries copied, or TTBR0/TTBR1 split\n");
	printk("  user bench            what a task and a system call cost (QEMU time)\n");
	printk("attacks:\n");
	attacks_list();
}

static int cmd_user(int argc, char **argv)
{
	uint32_t n = 1;

	if (argc == 1) {
		user_help();
		return 0;
	}
	if (!strcmp(argv[1], "run") && argc <= 3) {
		if (argc == 3 && (!parse_u32(argv[2], &n) || n == 0 || n > 100000))
			return shell_usage(argv[0]);
		return user_run(n);
	}
	if (!strcmp(argv[1], "syscalls") && argc == 3) {
		if (!parse_u32(argv[2], &n) || n > 100000000)
			return shell_usage(argv[0]);
		return user_syscalls(n);
	}
	if (!strcmp(argv[1], "attack") && argc == 3)
		return attacks_run(argv[2]);
	if (!strcmp(argv[1], "results") && argc == 2) {
		attacks_print_results();
		return 0;
	}
	if (!strcmp(argv[1], "check") && argc == 2)
		return user_check();
	if (!strcmp(argv[1], "ptdump") && argc == 2)
		return user_ptdump();
	if (!strcmp(argv[1], "bench") && argc == 2)
		return user_bench();
	if (!strcmp(argv[1], "mode") && argc == 3 && mmu_format.lpae &&
	    (!strcmp(argv[2], "copy") || !strcmp(argv[2], "split"))) {
		printk("user: the long-descriptor format has one mode, copy: TTBR1 holds the kernel from "
		       "PAGE_OFFSET where Linux splits (T1SZ), the rest is copied; TTBCR.N is the short "
		       "format's%s\n", strcmp(argv[2], "split") ? "" : " (split refused)");
		return strcmp(argv[2], "copy") != 0;
	}
	if (!strcmp(argv[1], "mode") && argc == 3 &&
	    (!strcmp(argv[2], "copy") || !strcmp(argv[2], "split"))) {
		task_ttbr_mode = !strcmp(argv[2], "split") ? TTBR_SPLIT : TTBR_COPY;
		printk("user: new tasks use %s\n", task_ttbr_mode == TTBR_SPLIT ?
		       "TTBCR.N > 0: TTBR0 for user space, TTBR1 = swapper_pg_dir for the kernel" :
		       "TTBCR.N = 0: one table per task, the kernel's entries copied into it");
		return 0;
	}
	return shell_usage(argv[0]);
}

SHELL_COMMAND(410, user, cmd_user, 0, 2,
	      "[run [N] | syscalls N | attack NAME|all | results | check | ptdump | mode copy|split | bench]",
	      "a task in User mode below TASK_SIZE: its system calls, its attacks on the kernel", "user attack all");
