/*
 * Exceptions: the C side of kernel/entry.S.
 *
 * An abort on an instruction listed in __ex_table is expected (a probe):
 * it is recorded and execution resumes at the fixup.  Anything else is
 * reported, decoded, and the machine is powered off with a failure status:
 * never a silent hang.
 */
#include <inttypes.h>

#include "arm/psr.h"
#include "arm/cp15.h"
#include "fault.h"
#include "irq.h"
#include "kernel.h"
#include "kernel_map.h"
#include "printk.h"
#include "task.h"
#include "vmalloc.h"

#define SEMIHOSTING_SVC	0x123456u

struct exception_table_entry {
	uint32_t insn, fixup;
};

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];
extern char vectors[], probe_exec_return[];
extern uint32_t probe_exec_target;

struct fault_record last_fault;

void trap_init(void)
{
	/* The Security Extensions' VBAR moves the low vectors to the
	 * kernel's text; SCTLR.V stays 0 until a vector page exists. */
	write_vbar((uint32_t)vectors);
	isb();
}

static bool fixup_exception(struct pt_regs *regs, int kind)
{
	/* probe_exec(): the fetch of its target aborted. */
	if (kind == EXC_PABT && probe_exec_target && regs->pc == probe_exec_target) {
		regs->pc = (uint32_t)probe_exec_return;
		regs->r[0] = (uint32_t)-1;
		return true;
	}
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
	default:           return "???";
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
	case EXC_IRQ:
		handle_irq(regs);
		if (user_mode(regs))
			task_tick();
		return;
	case EXC_FIQ:
		die("FIQ", regs);
	default:
		die("exception", regs);
	}
}

/* Every exception runs with the user domain shut (with the modern rules)
 * and leaves DACR as it found it: open for User mode or a uaccess routine
 * that was interrupted, shut for the rest of the kernel. */
void arm_exception(struct pt_regs *regs, int kind)
{
	uint32_t dacr = uaccess_save_and_disable();

	dispatch(regs, kind);
	uaccess_restore(dacr);
}
