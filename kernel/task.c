/*
 * The user task: its address space, its run in User mode, its end.
 *
 * A task owns three pages (text, data, stack) from the page allocator
 * (highmem first, as Linux's GFP_HIGHUSER: the kernel needs no permanent
 * mapping of user memory), the second-level tables that map them, and a
 * first-level table from lowmem.  All of it is given back when the task
 * ends, however it ends; the shell checks the page allocator's count.
 *
 * task_run() enters User mode and comes back only through task_exit() or
 * task_kill(), which unwind to it from inside an exception handler
 * (task_enter/task_return in kernel/entry.S).
 */
#include <inttypes.h>
#include <string.h>

#include "arch_timer.h"
#include "arm/long_desc.h"
#include "arm/psr.h"
#include "arm/sysreg.h"
#include "arm/tlbflush.h"
#include "cache.h"
#include "fault.h"
#include "highmem.h"
#include "irq.h"
#include "memory.h"
#include "mm.h"
#include "mmu.h"
#include "pgtable.h"
#include "pgtable_long.h"
#include "printk.h"
#include "ptrace.h"
#include "setup.h"
#include "sizes.h"
#include "smp.h"
#include "task.h"
#include "traps.h"

/*
 * A task that runs this long without a system call is killed by the tick:
 * 200 ms, counted as tick interrupts that found the task in User mode
 * (TASK_TIME_LIMIT of them), not as jiffies.  Jiffies follow QEMU's clock,
 * which is the host's: a QEMU stalled for 200 ms by a busy host brings
 * 20 jiffies at once, in one interrupt, and would kill a task that ran
 * a hundred instructions.  Counted this way, that stall costs one tick,
 * and a task is killed only after 20 separate interrupts, 10 ms of guest
 * time apart, each of which interrupted its User-mode code: a task that
 * exits or makes a system call within a few thousand instructions can
 * never collect them, however slow the host, while a loop that never
 * yields collects one every 10 ms.  (The PMU cannot count instructions
 * instead: QEMU implements event 0x08, instructions retired, only with
 * -icount, and its cycle counter follows the same host clock.)
 */
#define TASK_TIME_LIMIT	(HZ / 5)

struct task **this_cpu_task(void)
{
	return &this_cpu()->task;
}

enum ttbr_mode task_ttbr_mode = TTBR_COPY;
static int next_pid = 1;

extern const uint8_t user_demo_start[], user_demo_end[];

uint32_t task_enter(const struct pt_regs *user, uint32_t *kernel_sp);
_Noreturn void task_return(uint32_t kernel_sp, uint32_t unused);

bool user_mode(const struct pt_regs *regs)
{
	return (regs->psr & PSR_MODE_MASK) == PSR_MODE_USR;
}

/* ---- the task's page tables ---- */

static phys_addr_t user_alloc_table(void *ctx, size_t bytes)
{
	void *table = kmalloc(bytes);	/* kmalloc's objects are aligned to their size */

	(void)ctx;
	return table ? __pa(table) : 0;
}

static void user_free_table(void *ctx, phys_addr_t pa, size_t bytes)
{
	(void)ctx;
	(void)bytes;
	kfree(__va(pa));
}

static void *user_table_ptr(void *ctx, phys_addr_t pa)
{
	(void)ctx;
	return __va(pa);
}

static void user_written(void *ctx, const void *first, size_t bytes)
{
	(void)ctx;
	page_tables_written(first, bytes);
}

/* A user translation went away: TLBIMVA drops it for this task's ASID
 * only (its entries are not global); a whole megabyte (a table freed) is
 * cheaper as one TLBIASID than as 256 TLBIMVAs. */
static void user_flush(void *ctx, uint32_t va, uint32_t len)
{
	const struct task *t = ctx;

	flush_tlb_user_range(t->asid, va, len);
}

static const struct pgtable_ops user_pt_ops = {
	.alloc_table = user_alloc_table,
	.table_ptr = user_table_ptr,
	.written = user_written,
	.flush = user_flush,
	.free_table = user_free_table,
};

/* ---- making and unmaking ---- */

/* The smallest N whose TTBR0 range (below 2^(32-N)) leaves all of the
 * kernel's linear map to TTBR1. */
static uint32_t split_n(uint32_t page_offset)
{
	uint32_t n = 1;

	while ((UINT64_C(1) << (32 - n)) > page_offset)
		n++;
	return n;
}

static unsigned l1_order(const struct task *t)
{
	return t->l1_bytes == SZ_16K ? 2 : t->l1_bytes == SZ_8K ? 1 : 0;
}

const char *const task_page_names[NR_TASK_PAGES] = { "text", "data", "stack" };

enum mem_type_id task_page_type(enum task_page which)
{
	return which == PAGE_TEXT ? MT_USER_RX : MT_USER_RW;
}

uint32_t task_kernel_entries(const struct task *t)
{
	if (mmu_format.lpae)
		return t->kernel_l1_copied + t->kernel_l2_copied;
	uint32_t first = kernel_layout.modules_vaddr >> SECTION_SHIFT, entries = t->l1_bytes / 4;

	return entries > first ? entries - first : 0;
}

/* The kernel's first-level entries that fall inside TTBR0's range:
 * everything from TASK_SIZE (copy), or the modules area when the split
 * boundary lies above it (VMSPLIT_2G and _1G).  Second-level tables are
 * shared, so later changes inside them are seen; new ones are not (Linux
 * copies such an entry in on the translation fault, do_translation_fault;
 * no system call here makes kernel tables, so a task never needs it). */
static void copy_kernel_entries(struct task *t)
{
	uint32_t n = task_kernel_entries(t), first = t->l1_bytes / 4 - n;

	memcpy(&t->pt.l1[first], &kernel_pgtable.l1[first], n * 4);
}

static void fill_page(enum task_page which, uint32_t pfn)
{
	uint8_t *p = kmap_atomic(pfn);

	memset(p, 0, PAGE_SIZE);
	if (which == PAGE_TEXT) {
		memcpy(p, user_demo_start, (size_t)(user_demo_end - user_demo_start));
		/* Written as data here, fetched as instructions at its user
		 * address: clean to the PoU, invalidate the I-cache. */
		sync_instructions((uintptr_t)p, (uintptr_t)p + PAGE_SIZE);
	} else if (which == PAGE_DATA) {
		*(uint32_t *)p = USER_DATA_MAGIC;
		dcache_clean_pou((uintptr_t)p, (uintptr_t)p + 4);
	}
	kunmap_atomic(p);
}

/* The long format's user memory types carry PXN, as Linux 3.19+ maps
 * user pages; before 3.19 Linux set no PXN anywhere, so under older rules
 * the new page loses it (nothing has walked it yet: no flush). */
static void clear_page_pxn(struct task *t, uint32_t va)
{
	struct walk w;
	uint64_t *e;

	pgtable_walk(&t->pt, va, &w);
	if (w.kind != WALK_PAGE)
		return;
	e = (uint64_t *)__va(w.table[2]) + w.index[2];
	*e &= ~LD_BIT(PAGE, PXN);
	page_tables_written(e, sizeof(*e));
}

/* ---- the long format's tables (LPAE) ---- */


/* The gigabytes TTBR0 translates: below PAGE_OFFSET where Linux splits
 * (T1SZ = 2 or 1), all four under VMSPLIT_1G. */
static uint32_t ttbr0_gigabytes(void)
{
	return kernel_layout.page_offset >= 0x80000000u ? kernel_layout.page_offset >> LONG_L1_SHIFT : 4;
}

static bool long_shared_entry(uint32_t gb)
{
	return gb > (kernel_layout.modules_vaddr >> LONG_L1_SHIFT) && gb < ttbr0_gigabytes();
}

/*
 * As Linux's pgd_alloc under LPAE: a first level of its own; the kernel's
 * first-level entries inside TTBR0's range copied (their tables shared);
 * and for the gigabyte of MODULES_VADDR a second-level table of the
 * task's own holding copies of the kernel's entries for the modules area
 * and pkmap (third-level tables shared), user space below them.
 */
static int long_task_tables(struct task *t)
{
	uint32_t mgb = kernel_layout.modules_vaddr >> LONG_L1_SHIFT;
	uint32_t first = (kernel_layout.modules_vaddr >> LONG_L2_SHIFT) & (LONG_TABLE_ENTRIES - 1);
	uint64_t *pgd = kmalloc(LONG_PGD_BYTES), *pmd;	/* aligned to its size, as TTBR0 needs */
	const uint64_t *kpmd;
	phys_addr_t pmd_pa;

	t->l1_pfn = PFN_NONE;
	t->l1_bytes = LONG_PGD_BYTES;
	if (!pgd) {
		printk("user: no %u bytes of lowmem for the first-level table\n", (unsigned)LONG_PGD_BYTES);
		return -1;
	}
	memset(pgd, 0, LONG_PGD_BYTES);
	t->root_pa = __pa(pgd);
	t->pt = (struct pgtable){ .fmt = &long_desc_format, .pgd = pgd, .ops = &user_pt_ops, .ctx = t };
	for (uint32_t gb = 0; gb < 4; gb++)
		if (long_shared_entry(gb)) {
			pgd[gb] = kernel_pgtable.pgd[gb];
			t->kernel_l1_copied++;
		}
	pmd_pa = user_alloc_table(t, LONG_TABLE_BYTES);
	if (!pmd_pa) {
		printk("user: no 4 KB of lowmem for the modules area's second-level table\n");
		return -1;
	}
	pmd = __va(pmd_pa);
	memset(pmd, 0, LONG_TABLE_BYTES);
	kpmd = __va(kernel_pgtable.pgd[mgb] & LD_MASK(TABLE, ADDR));
	memcpy(&pmd[first], &kpmd[first], (LONG_TABLE_ENTRIES - first) * sizeof(*pmd));
	t->kernel_l2_copied = LONG_TABLE_ENTRIES - first;
	page_tables_written(pmd, LONG_TABLE_BYTES);
	pgd[mgb] = (pmd_pa & LD_MASK(TABLE, ADDR)) | LD_PREP(TABLE, TYPE, 3);
	t->pt.nr_tables = 1;
	page_tables_written(pgd, LONG_PGD_BYTES);
	return 0;
}

/* After the pages went (their third-level tables with them): the
 * second-level tables the task owns, then its first level. */
static void long_task_free_tables(struct task *t)
{
	uint64_t *pgd = t->pt.pgd;

	if (!pgd)
		return;
	for (uint32_t gb = 0; gb < 4; gb++) {
		if (!(pgd[gb] & 1) || long_shared_entry(gb))
			continue;
		kfree(__va(pgd[gb] & LD_MASK(TABLE, ADDR)));
		pgd[gb] = 0;
		t->pt.nr_tables--;
	}
	kfree(pgd);
	t->pt.pgd = NULL;
}

static int map_task_page(struct task *t, enum task_page which, uint32_t va)
{
	uint32_t pfn = alloc_page(GFP_HIGHUSER);
	/* PXN on the table in the short format (3.19+); Linux's LPAE sets
	 * it on the page instead (user_pgprot |= PTE_EXT_PXN), and its user
	 * tables carry no PXNTable. */
	struct map_desc md = { va, (phys_addr_t)pfn << PAGE_SHIFT, PAGE_SIZE, task_page_type(which),
			       kernel_layout.rules->user_pxn && !mmu_format.lpae ? MAP_PXN : 0 };

	if (pfn == PFN_NONE) {
		printk("user: out of memory for the task's pages\n");
		return -1;
	}
	fill_page(which, pfn);
	if (create_mapping(&t->pt, &md)) {
		free_page(pfn);
		return -1;
	}
	if (mmu_format.lpae && !kernel_layout.rules->user_pxn)
		clear_page_pxn(t, va);
	t->page_va[which] = va;
	t->page_pfn[which] = pfn;
	return 0;
}

int task_create(struct task *t)
{
	const struct layout *l = &kernel_layout;
	uint32_t task_size = l->modules_vaddr;

	memset(t, 0, sizeof(*t));
	t->pid = next_pid++;
	t->mode = mmu_format.lpae ? TTBR_COPY : task_ttbr_mode;
	t->user_limit = task_size;
	if (mmu_format.lpae) {
		if (long_task_tables(t)) {
			task_destroy(t);
			return -1;
		}
		asid_assign(t);
		goto map;
	}
	if (t->mode == TTBR_SPLIT) {
		t->ttbcr_n = split_n(l->page_offset);
		if ((UINT64_C(1) << (32 - t->ttbcr_n)) < task_size)
			t->user_limit = UINT32_C(1) << (32 - t->ttbcr_n);
	}
	t->l1_bytes = L1_TABLE_SIZE >> t->ttbcr_n;
	/* TTBR0's table is aligned to its size: a buddy block is. */
	t->l1_pfn = alloc_pages(&page_allocator, GFP_KERNEL, l1_order(t));
	if (t->l1_pfn == PFN_NONE) {
		printk("user: no %" PRIu32 " KB of lowmem for the first-level table\n", t->l1_bytes >> 10);
		return -1;
	}
	t->pt = (struct pgtable){ .fmt = &short_desc_format, .l1 = lowmem_page_address(t->l1_pfn),
				   .ops = &user_pt_ops, .ctx = t };
	memset(t->pt.l1, 0, t->l1_bytes);
	copy_kernel_entries(t);
	page_tables_written(t->pt.l1, t->l1_bytes);
	t->root_pa = (phys_addr_t)t->l1_pfn << PAGE_SHIFT;
	asid_assign(t);
map:
	if (map_task_page(t, PAGE_TEXT, USER_TEXT_BASE) ||
	    map_task_page(t, PAGE_DATA, USER_DATA_BASE) ||
	    map_task_page(t, PAGE_STACK, t->user_limit - PAGE_SIZE)) {
		task_destroy(t);
		return -1;
	}
	return 0;
}

void task_destroy(struct task *t)
{
	for (int i = 0; i < NR_TASK_PAGES; i++) {
		if (!t->page_va[i])
			continue;
		remove_mapping(&t->pt, t->page_va[i], PAGE_SIZE);
		free_page(t->page_pfn[i]);
		t->page_va[i] = 0;
	}
	if (mmu_format.lpae)
		long_task_free_tables(t);
	else if (t->l1_pfn != PFN_NONE && t->pt.l1) {
		free_pages(&page_allocator, t->l1_pfn, l1_order(t));
		t->pt.l1 = NULL;
	}
	/* Nothing of this ASID may hit once the number is used again. */
	flush_tlb_asid(t->asid);
}

/* ---- running ---- */

void task_run(struct task *t, uint32_t op, uint32_t arg1, uint32_t arg2)
{
	/* User mode with every interrupt unmasked, ARM state. */
	struct pt_regs regs = {
		.r = { op, arg1, arg2 },
		.sp = t->page_va[PAGE_STACK] + PAGE_SIZE,
		.pc = USER_TEXT_BASE,
		.psr = PSR_MODE_USR,
	};
	uint32_t flags = local_irq_save();
	int depth = this_cpu()->exception_depth;

	current_task = t;
	t->user_ticks = 0;
	task_switch_in(t);
	/* User mode runs with every domain a client (its DACR is "open");
	 * the first exception shuts the user domain again. */
	uaccess_enable();
	task_enter(&regs, &t->kernel_sp);
	/* Here from task_return(), in the state of the handler that ended
	 * the task: user domain shut, IRQs and asynchronous aborts masked.
	 * Both masks come back as they were (CPSR's c and x fields). */
	task_switch_out();
	/* The handler that ended the task never returned through
	 * arm_exception(): its nesting ends here. */
	this_cpu()->exception_depth = depth;
	current_task = NULL;
	__asm__ volatile("msr cpsr_cx, %0" : : "r"(flags) : "memory");
}

_Noreturn void task_exit(uint32_t status)
{
	struct task *t = current_task;

	t->status = status;
	task_return(t->kernel_sp, 0);
}

_Noreturn void task_kill(const char *signal, int kind, const struct fault_record *f)
{
	struct task *t = current_task;

	t->killed = true;
	t->signal = signal;
	t->fault_kind = kind;
	if (f)
		t->fault = *f;
	task_return(t->kernel_sp, 0);
}

/* The tick reached the kernel from User mode: a task cannot mask it
 * (CPS is ignored at PL0), so a loop that never yields still ends. */
void task_tick(bool ticked)
{
	struct task *t = current_task;

	if (t && ticked && ++t->user_ticks >= TASK_TIME_LIMIT) {
		printk("user: task %d ran %u ms without a system call; the tick took the CPU back\n",
		       t->pid, TASK_TIME_LIMIT * 1000 / HZ);
		task_kill("SIGKILL", 0, NULL);
	}
}

const char *task_page_name(const struct task *t, uint32_t va, enum mem_type_id *type)
{
	for (int i = 0; i < NR_TASK_PAGES; i++)
		if (t->page_va[i] && (va & PAGE_MASK) == t->page_va[i]) {
			*type = task_page_type((enum task_page)i);
			return task_page_names[i];
		}
	return NULL;
}

void task_print_end(const struct task *t)
{
	if (t->killed)
		printk("user: task %d killed (%s)\n", t->pid, t->signal);
	else
		printk("user: task %d exited with status %" PRId32 " (0x%08" PRIx32 ")\n",
		       t->pid, (int32_t)t->status, t->status);
}
