/*
 * Exceptions: the C side of kernel/entry.S.
 *
 * An abort on an instruction listed in __ex_table is expected (a probe):
 * it is recorded and execution resumes at the fixup.  Anything else is
 * reported, decoded, and the machine is powered off with a failure status:
 * never a silent hang.
 */
#include <inttypes.h>

#include "arch_timer.h"
#include "arm/cp15.h"
#include "arm/psr.h"
#include "fault.h"
#include "irq.h"
#include "kernel_map.h"
#include "memory.h"
#include "mmu.h"
#include "oops.h"
#include "pgtable.h"
#include "poweroff.h"
#include "printk.h"
#include "ptrace.h"
#include "setup.h"
#include "smp.h"
#include "task.h"
#include "traps.h"
#include "vmalloc.h"

#define SEMIHOSTING_SVC	0x123456u

struct exception_table_entry {
	uint32_t insn, fixup;
};

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];
extern char vectors[], monitor_vectors[], probe_exec_return[];
extern uint32_t probe_exec_target, probe_exec_active;

bool cpu_secure;
/* How many exceptions are being handled, one inside another: each
 * CPU's own count (struct cpu_data), since each takes its own. */
#define MAX_EXCEPTION_DEPTH	8

struct fault_record *this_cpu_fault(void)
{
	return &this_cpu()->fault;
}

void trap_init(void)
{
	uint32_t scr;

	/* First: which CPU this is (TPIDRPRW), before any exception needs it. */
	smp_setup_boot_cpu();
	/* The Security Extensions' VBAR moves the low vectors to the
	 * kernel's text; SCTLR.V stays 0 until a vector page exists. */
	write_vbar((uint32_t)vectors);
	isb();
	/* SCR is readable only in Secure PL1: then there is no firmware
	 * above us, and an SMC must find a monitor (kernel/entry.S). */
	if (read_scr(&scr) == 0 && !(scr & 1)) {
		cpu_secure = true;
		write_mvbar((uint32_t)monitor_vectors);
		isb();
	}
}

/* A secondary CPU: VBAR and MVBAR are banked per CPU, so each sets its own. */
void trap_init_secondary(void)
{
	write_vbar((uint32_t)vectors);
	isb();
	if (cpu_secure) {
		write_mvbar((uint32_t)monitor_vectors);
		isb();
	}
}

/* probe_exec()'s code raised an exception: back to its caller with -1.
 * The expected one is the prefetch abort on the target itself; any other
 * (its code ran and then faulted, or an undefined instruction, an SVC)
 * is said, and still ends only the probe. */
static bool exec_probe_recover(struct pt_regs *regs, int kind, const char *what)
{
	if (!probe_exec_active || user_mode(regs))
		return false;
	if (!(kind == EXC_PABT && regs->pc == probe_exec_target))
		printk("exec: the code at 0x%08" PRIx32 " ran and raised %s at pc 0x%08" PRIx32
		       "; the call is abandoned\n", probe_exec_target, what, regs->pc);
	regs->pc = (uint32_t)probe_exec_return;
	regs->r[0] = (uint32_t)-1;
	return true;
}

static bool fixup_exception(struct pt_regs *regs, int kind)
{
	/* An abort's pc is the instruction; an undefined one's, the next. */
	uint32_t insn = kind == EXC_UNDEF ? regs->pc - 4 : regs->pc;

	for (const struct exception_table_entry *e = __start___ex_table;
	     e < __stop___ex_table; e++)
		if (e->insn == insn) {
			regs->pc = e->fixup;
			return true;
		}
	return false;
}

static const char *mode_name(uint32_t psr)
{
	switch (psr & PSR_MODE_MASK) {
	case PSR_MODE_USR: return "USR";
	case PSR_MODE_FIQ: return "FIQ";
	case PSR_MODE_IRQ: return "IRQ";
	case PSR_MODE_SVC: return "SVC";
	case PSR_MODE_ABT: return "ABT";
	case PSR_MODE_UND: return "UND";
	case PSR_MODE_SYS: return "SYS";
	case PSR_MODE_HYP: return "HYP";
	case PSR_MODE_MON: return "MON";
	default:           return "reserved";
	}
}

/*
 * "Data abort: permission fault (page) on write at 0xc0100000 (DFSR 0x80f)"
 * "  from pc 0xc0105d44 in SVC mode; 0xc0100000 is in lowmem, mapped as kernel text (memory RX)"
 */
void print_fault(const struct fault_record *f)
{
	bool data = f->kind == EXC_DABT;
	const char *access = !data ? "execute" : (f->fsr & FSR_WNR) ? "write" : "read";
	const struct kernel_mapping *m = kernel_mapping_at(f->far);
	enum mem_type_id type;
	const char *page;

	printk("%s abort: %s on %s at 0x%08" PRIx32 " (%s 0x%03" PRIx32 ")\n",
	       data ? "Data" : "Prefetch", fsr_description(f->fsr), access, f->far,
	       data ? "DFSR" : "IFSR", f->fsr);
	printk("  from pc 0x%08" PRIx32 " in %s mode", f->pc, mode_name(f->psr));
	if (kernel_layout.rules)
		printk("; 0x%08" PRIx32 " is in %s", f->far, layout_describe(&kernel_layout, f->far));
	if (m)
		printk(", mapped as %s (%s)", m->what, mem_types[m->type].name);
	else if (current_task && (page = task_page_name(current_task, f->far, &type)))
		printk(", mapped as task %d's %s (%s)", current_task->pid, page, mem_types[type].name);
	printk("\n");
	if (find_vm_area(f->far)) {
		char buf[128];

		vmap_describe(&vmalloc_space, f->far, buf, sizeof(buf));
		printk("  0x%08" PRIx32 " is in %s\n", f->far, buf);
	}
}

/*
 * exec ADDR: a call that is meant to show a fetch that faults.  Whether
 * the fetch at PL1 would succeed is known before the call: the MMU's
 * read translation (ATS1CPR: a fetch needs read permission, a mapping and
 * a domain that is not "no access") and the descriptor's XN and PXN bits
 * (the one thing ATS does not report).  An executable target is refused:
 * what is there (kernel text, the vector page, RWX lowmem, a page mapped
 * by hand) was not written to be called from the shell, and running it
 * can end anywhere.  NULL: the fetch faults; otherwise why it would not.
 */
static const char *exec_refusal(uint32_t va)
{
	const struct kernel_mapping *m;
	struct walk w;

	if (mmu_translate(va, false, NULL) == (phys_addr_t)-1)
		return NULL;
	pgtable_walk(&kernel_pgtable, va, &w);
	if (w.kind == WALK_FAULT)
		/* The MMU translated what the tables do not hold: do not
		 * guess. */
		return "the MMU translates it but the tables do not (run check)";
	if (kernel_pgtable.fmt->pl1_exec_never(&w, read_dacr()))
		return NULL;
	m = kernel_mapping_at(va);
	if (m && (m->type == MT_HIGH_VECTORS || m->type == MT_VECTOR_STUBS))
		return "the vector code enters the exception handlers as if the CPU had taken an exception";
	if (va >= (uint32_t)_text && va < (uint32_t)_etext)
		return "kernel text: its functions expect their own arguments, stack and state";
	if (m && m->region == REGION_LOWMEM)
		return "lowmem is executable under these rules (RWX before 4.x): whatever is in that RAM would run";
	return "whatever that page holds would run at PL1, inside the kernel";
}

bool exec_refused(const char *cmd, uint32_t addr)
{
	const struct kernel_mapping *m = kernel_mapping_at(addr);
	const char *why = exec_refusal(addr);

	if (!why)
		return false;
	printk("%s: 0x%08" PRIx32 " is executable at PL1: it is in %s", cmd, addr,
	       layout_describe(&kernel_layout, addr));
	if (m)
		printk(", mapped as %s (%s)", m->what, mem_types[m->type].name);
	printk("; not called:\n  %s\n", why);
	printk("  %s shows fetches that fault: execute-never (_sdata), a device (console),"
	       " nothing mapped (0)\n", cmd);
	return true;
}

int exec_probe_checked(uint32_t addr)
{
	if (exec_refused("exec", addr))
		return 1;
	last_fault.kind = 0;
	if (probe_exec(addr)) {
		if (last_fault.kind)	/* not when the code ran into an undefined instruction or an SVC */
			print_fault(&last_fault);
	} else {
		printk("0x%08" PRIx32 ": executed and returned\n", addr);
	}
	return 0;
}

static void print_regs(const struct pt_regs *regs)
{
	printk("  pc 0x%08" PRIx32 "  lr 0x%08" PRIx32 "  sp 0x%08" PRIx32
	       "  psr 0x%08" PRIx32 " (%s mode)\n",
	       regs->pc, regs->lr, regs->sp, regs->psr, mode_name(regs->psr));
	for (int i = 0; i < 13; i += 4) {
		printk(" ");
		for (int j = i; j < i + 4 && j < 13; j++)
			printk(" r%-2d 0x%08" PRIx32, j, regs->r[j]);
		printk("\n");
	}
}

static _Noreturn void die(const char *what, const struct pt_regs *regs)
{
	static int dying;

	/* A fault while reporting or powering off: no second attempt at
	 * either, which could only recurse. */
	if (dying++) {
		printk("vmsplit: %s while halting; stopping without power-off\n", what);
		machine_halt(1);
	}
	printk("Unexpected %s\n", what);
	print_regs(regs);
	printk("vmsplit: halting (this is a bug or an unguarded access)\n");
	machine_poweroff(1);
}

static void do_abort(struct pt_regs *regs, int kind)
{
	struct fault_record f = { .kind = kind, .pc = regs->pc, .psr = regs->psr };

	if (kind == EXC_DABT) {
		f.fsr = read_dfsr();
		f.far = read_dfar();
	} else {
		f.fsr = read_ifsr();
		f.far = read_ifar();
	}
	if (user_mode(regs)) {
		/* The task's own fault: report it, end the task, not the kernel. */
		print_fault(&f);
		task_kill(fsr_is_mmu_fault(f.fsr) ? "SIGSEGV" : "SIGBUS", kind, &f);
	}
	if (fixup_exception(regs, kind)) {
		last_fault = f;
		return;
	}
	if (exec_probe_recover(regs, kind, kind == EXC_DABT ? "a data abort" : "a prefetch abort")) {
		last_fault = f;
		return;
	}
	if (boot_config.oops_linux) {
		oops_linux(&f, regs);
		printk("vmsplit: halting (oops=linux; oops=vmsplit says it in vmsplit's words)\n");
		machine_poweroff(1);
	}
	print_fault(&f);
	die(kind == EXC_DABT ? "data abort in the kernel" : "prefetch abort in the kernel", regs);
}

/* A system call from User mode; from the kernel, an SVC that QEMU did
 * not take for semihosting: report "unavailable". */
static void do_svc(struct pt_regs *regs)
{
	uint32_t insn;

	if (user_mode(regs)) {
		do_syscall(regs);
		return;
	}
	insn = *(const uint32_t *)(regs->pc - 4);

	if ((insn & 0x00ffffff) == SEMIHOSTING_SVC) {
		regs->r[0] = (uint32_t)-1;
		return;
	}
	if (exec_probe_recover(regs, EXC_SVC, "an SVC"))
		return;
	die("SVC", regs);
}

void arm_exception(struct pt_regs *regs, int kind);

/* The instruction is read as user memory when user mode ran it.  In the
 * kernel, one with an __ex_table entry (a PSCI conduit the machine
 * lacks) resumes at its fixup. */
static void do_undef(struct pt_regs *regs)
{
	uint32_t insn = 0, pc = regs->pc - 4;

	if (!user_mode(regs) && fixup_exception(regs, EXC_UNDEF))
		return;

	if (user_mode(regs)) {
		if (copy_from_user(&insn, pc, 4))
			insn = 0;
		printk("Undefined instruction 0x%08" PRIx32 " at 0x%08" PRIx32 " in USR mode\n", insn, pc);
		task_kill("SIGILL", EXC_UNDEF, NULL);
	}
	if (exec_probe_recover(regs, EXC_UNDEF, "an undefined instruction"))
		return;
	printk("Undefined instruction 0x%08" PRIx32 " at 0x%08" PRIx32 "\n", *(const uint32_t *)pc, pc);
	die("undefined instruction", regs);
}

static void dispatch(struct pt_regs *regs, int kind)
{
	switch (kind) {
	case EXC_DABT:
	case EXC_PABT:
		do_abort(regs, kind);
		return;
	case EXC_SVC:
		do_svc(regs);
		return;
	case EXC_UNDEF:
		do_undef(regs);
		return;
	case EXC_IRQ: {
		/* This CPU's own ticks: jiffies counts CPU 0's alone. */
		uint32_t ticks = this_cpu()->ticks;

		handle_irq(regs);
		if (user_mode(regs))
			task_tick(this_cpu()->ticks != ticks);
		return;
	}
	case EXC_FIQ:
		if (exec_probe_recover(regs, kind, "an FIQ"))
			return;
		die("FIQ", regs);
	default:
		/* Reset and HYP never come here from the hardware: the
		 * vector code was called as a function. */
		if (exec_probe_recover(regs, kind, "a fake exception (vector code called)"))
			return;
		die("exception", regs);
	}
}

/* Every exception runs with the user domain shut (with the modern rules)
 * and leaves DACR as it found it: open for User mode or a uaccess routine
 * that was interrupted, shut for the rest of the kernel. */
void arm_exception(struct pt_regs *regs, int kind)
{
	uint32_t dacr = uaccess_save_and_disable();
	struct cpu_data *c = this_cpu();

	/* An exception inside the handling of one inside another...: the
	 * handlers themselves fault; stop before the stack runs out. */
	if (++c->exception_depth > MAX_EXCEPTION_DEPTH) {
		printk("vmsplit: exceptions nested %d deep (the last from pc 0x%08" PRIx32
		       " in %s mode); stopping\n", c->exception_depth, regs->pc, mode_name(regs->psr));
		machine_halt(1);
	}
	dispatch(regs, kind);
	c->exception_depth--;
	uaccess_restore(dacr);
}
