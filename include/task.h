/*
 * A user task: the demo program (kernel/user_demo.S) running in User
 * mode with its own first-level table for the space below TASK_SIZE.
 *
 * Two ways to give it that table, chosen per task:
 *   copy   as Linux on short descriptors: TTBCR.N = 0, one 16 KB table per
 *          task translates all 4 GB; the kernel's entries (TASK_SIZE and
 *          up) are copied from swapper_pg_dir when the task is made.
 *   split  TTBCR.N = N: TTBR0 holds a table of 16 KB >> N for addresses
 *          below 2^(32-N), TTBR1 keeps swapper_pg_dir for the rest.  The
 *          boundary is a power of two, so with VMSPLIT_3G user space ends
 *          at 2 GB, not 3 GB: why Linux does not use it for 3G/1G.
 * User pages are DOMAIN_USER, not global (their TLB entries carry the
 * task's ASID), and with the modern rules their tables have PXN.
 *
 * The long-descriptor format (LPAE) knows only copy, as Linux's pgd_alloc:
 * a first level of 4 x 8 bytes per task; TTBR1 keeps the kernel's
 * gigabytes wherever Linux splits (T1SZ = 2 under VMSPLIT_3G, 1 under
 * _2G), and the first-level entries of the rest (VMSPLIT_1G: no split)
 * are copied, sharing the kernel's second-level tables.  The gigabyte
 * that holds the modules area and pkmap is TTBR0's in every split: the
 * task gets its own second-level table for it, with the kernel's entries
 * from MODULES_VADDR up copied in (their third-level tables shared).
 * TTBCR.N has no counterpart there: the boundary is T1SZ, fixed per split.
 */
#ifndef VMSPLIT_TASK_H
#define VMSPLIT_TASK_H

/* What the demo program does (r0 at entry; r1, r2 are arguments). */
#define USER_OP_HELLO		0	/* write a line, exit(0) */
#define USER_OP_READ		1	/* exit(*(u32 *)r1) */
#define USER_OP_WRITE		2	/* *(u32 *)r1 = r2 */
#define USER_OP_EXEC		3	/* exit(((fn)r1)()) */
#define USER_OP_SYSCALL_WRITE	4	/* exit(write(1, r1, r2)) */
#define USER_OP_SCTLR		5	/* write SCTLR (CP15) from PL0 */
#define USER_OP_SPIN		6	/* cpsid i, then loop forever */
#define USER_OP_EXIT		7	/* exit(r1) */
#define USER_OP_SYSCALLS	8	/* write(1, 0, 0) r1 times, exit(0) */
#define USER_OP_MAX		8

/* What user_demo_gadget returns when the kernel manages to run it. */
#define USER_GADGET_VALUE	0x0badc0de

/* Where the program's pages go: Linux's ARM ELF start, then a data page
 * in the same megabyte (one second-level table for both); the stack is
 * the page below the top of what the task's table can map. */
#define USER_TEXT_BASE		0x00008000
#define USER_DATA_BASE		0x00009000
#define USER_DATA_MAGIC		0x75736572	/* "user": the data page's first word */

/* Linux's syscall numbers (EABI: the number in r7) and errors. */
#define NR_exit		1
#define NR_write	4
#define EFAULT		14
#define ENOSYS		38

#ifndef __ASSEMBLY__
#include "pgtable.h"
#include "ptrace.h"
#include "traps.h"

enum ttbr_mode { TTBR_COPY, TTBR_SPLIT };

enum task_page { PAGE_TEXT, PAGE_DATA, PAGE_STACK, NR_TASK_PAGES };

struct task {
	int pid;
	uint32_t asid;			/* 1..255; 0 is the kernel's */
	uint64_t context_id;		/* generation | asid (core/mm/asid.c); 0 before its first */
	enum ttbr_mode mode;
	uint32_t ttbcr_n;		/* 0 (copy), or the split's N */
	uint32_t user_limit;		/* first address TTBR0's table cannot map */
	uint32_t l1_pfn, l1_bytes;	/* the first-level table (lowmem); LPAE: PFN_NONE, 32 */
	phys_addr_t root_pa;		/* what TTBR0 points at (both formats) */
	/* LPAE: the kernel's first-level entries copied (VMSPLIT_1G), and
	 * the second-level entries from MODULES_VADDR up in the task's own
	 * table for that gigabyte. */
	uint32_t kernel_l1_copied, kernel_l2_copied;
	struct pgtable pt;
	uint32_t page_va[NR_TASK_PAGES], page_pfn[NR_TASK_PAGES];
	uint32_t kernel_sp;		/* task_enter's frame, for task_return */
	uint32_t user_ticks;		/* ticks that found it in User mode since its last system call */
	/* How it ended. */
	bool killed;
	const char *signal;		/* "SIGSEGV", "SIGILL", "SIGKILL" */
	uint32_t status;		/* exit status, if not killed */
	int fault_kind;			/* EXC_DABT/EXC_PABT/EXC_UNDEF, 0 if none */
	struct fault_record fault;
};

/* The task in user mode or a system call on this CPU (Linux's current):
 * each CPU's own, in its struct cpu_data (include/smp.h). */
struct task **this_cpu_task(void);
#define current_task (*this_cpu_task())
extern enum ttbr_mode task_ttbr_mode;	/* what the next task uses */

/* Its pages and tables; 0, or -1 (with a message, nothing kept). */
int task_create(struct task *t);
/* Everything back: pages, second-level tables, the first-level table. */
void task_destroy(struct task *t);
/* mm/context.c: the task's ASID on this CPU (t->asid, t->context_id),
 * from the SMP allocator of core/mm/asid.c; this CPU's TLB is flushed
 * first if a rollover happened since it last took a new one. */
uint32_t asid_assign(struct task *t);
extern uint32_t asid_rollovers;		/* since boot */
extern bool asid_rollover_quiet;	/* count them without a line each (soak) */
/* Install the task's table and ASID (the kernel keeps running) / back to
 * swapper_pg_dir alone. */
void task_switch_in(struct task *t);
void task_switch_out(void);
/* Run the program in User mode until it exits or is killed. */
void task_run(struct task *t, uint32_t op, uint32_t arg1, uint32_t arg2);
/* Each page's name ("text", "data", "stack") and memory type. */
extern const char *const task_page_names[NR_TASK_PAGES];
enum mem_type_id task_page_type(enum task_page which);
/* How many of the kernel's first-level entries lie in TTBR0's table. */
uint32_t task_kernel_entries(const struct task *t);
/* Which of the task's pages holds va ("text", "data", "stack"), or NULL. */
const char *task_page_name(const struct task *t, uint32_t va, enum mem_type_id *type);
/* One line: "exited with status N" or "killed (SIGSEGV)". */
void task_print_end(const struct task *t);

/* From the exception handlers (kernel/traps.c, kernel/syscall.c). */
_Noreturn void task_exit(uint32_t status);
_Noreturn void task_kill(const char *signal, int kind, const struct fault_record *f);
void task_tick(bool ticked);
bool user_mode(const struct pt_regs *regs);

/* kernel/syscall.c */
void do_syscall(struct pt_regs *regs);

/* kernel/uaccess.c: the kernel's only way into user memory. */
void uaccess_init(void);
/* mm/context.c: a task's table went live in TTBR0 / went away.  With
 * LPAE and the modern rules, the kernel outside uaccess then runs with
 * TTBR0's walks shut (TTBCR.EPD0, T0SZ all ones, A1: Linux's
 * CPU_TTBR0_PAN); nothing changes in the short format. */
void uaccess_task_live(bool live);
/* The TTBCR bits that shut user space under LPAE. */
uint32_t uaccess_ttbr0_pan_bits(void);
uint32_t uaccess_save_and_disable(void);
void uaccess_restore(uint32_t dacr);
void uaccess_enable(void);
void uaccess_disable(void);
bool access_ok(uint32_t addr, uint32_t n);
/* Bytes NOT copied (0: all of them). */
uint32_t copy_from_user(void *to, uint32_t from, uint32_t n);
uint32_t copy_to_user(uint32_t to, const void *from, uint32_t n);

/* kernel/attacks.c; the shell's "user" command is kernel/cmd_user.c. */
void attacks_list(void);
int attacks_run(const char *which);	/* how many did not end as Linux ends them */
void attacks_print_results(void);
#endif

#endif
