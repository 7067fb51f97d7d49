/*
 * The demo task's attacks on the kernel, and the kernel's on the task.
 *
 * Each attack runs in a fresh task (a fault kills it), does one thing and
 * ends one way: killed by a fault (and which), allowed (and the value
 * read), refused by a system call (-EFAULT), killed for an undefined
 * instruction or by the tick.  What Linux would do follows from the rule
 * set (vector stubs, PXN, PAN); what happened comes from the hardware.
 * An attack whose outcome is not what Linux does counts as a failure.
 *
 * The long-descriptor format (LPAE) has no domains: where the short
 * format's PAN gives a domain fault, Linux's CPU_TTBR0_PAN (TTBCR.EPD0
 * outside uaccess) gives a translation fault at level 1, the walk refused
 * before it reads a table; and PXN sits on the user page, not its table.
 * Fault outcomes show the level from the long FSR.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "arch_timer.h"
#include "fault.h"
#include "irq.h"
#include "memory.h"
#include "mm.h"
#include "mmu.h"
#include "printk.h"
#include "setup.h"
#include "sizes.h"
#include "task.h"
#include "traps.h"

extern const uint8_t user_demo_start[], user_demo_gadget[];

enum outcome {
	KILLED_TRANSLATION,	/* SIGSEGV: nothing mapped there */
	KILLED_PERMISSION,	/* SIGSEGV: mapped, but not for this access */
	KILLED_DOMAIN,		/* SIGSEGV (or, kernel side, blocked): domain no access */
	ALLOWED,
	REFUSED_EFAULT,		/* the system call said -EFAULT */
	KILLED_SIGILL,
	KILLED_TICK,
	KILLED_OTHER,		/* some other abort */
	NOT_RUN,
};

static const char *const outcome_names[] = {
	[KILLED_TRANSLATION] = "translation fault",
	[KILLED_PERMISSION] = "permission fault",
	[KILLED_DOMAIN] = "domain fault",
	[ALLOWED] = "allowed",
	[REFUSED_EFAULT] = "-EFAULT",
	[KILLED_SIGILL] = "SIGILL",
	[KILLED_TICK] = "killed by the tick",
	[KILLED_OTHER] = "another abort",
	[NOT_RUN] = "not run",
};

struct attack {
	const char *name;
	const char *what;
	uint32_t op;			/* USER_OP_*, or KERNEL_SIDE */
	uint32_t (*target)(void);
	uint32_t arg2;
	enum outcome (*linux_does)(void);
};

#define KERNEL_SIDE	0xffu		/* the kernel acts, with the task's map live */

struct result {
	bool ran;			/* since boot: what `user results` shows */
	const char *skipped;		/* why it could not run, or NULL */
	enum outcome got;
	uint32_t addr, value;		/* where; what was read or returned */
	uint32_t fsr;
};

static uint32_t at_page_offset(void) { return kernel_layout.page_offset; }
static uint32_t at_text(void) { return (uint32_t)_text; }
static uint32_t at_vectors(void) { return VECTORS_BASE; }
static uint32_t at_stubs(void) { return VECTORS_BASE + PAGE_SIZE; }
static uint32_t at_console(void) { return console_virt & PAGE_MASK; }
static uint32_t at_null(void) { return 0; }
static uint32_t at_user_text(void) { return USER_TEXT_BASE; }
static uint32_t at_user_data(void) { return USER_DATA_BASE; }
static uint32_t at_unmapped_user(void) { return 0x00400000; }
static uint32_t at_gadget(void)
{
	return USER_TEXT_BASE + (uint32_t)(user_demo_gadget - user_demo_start);
}

static enum outcome permission(void) { return KILLED_PERMISSION; }
static enum outcome translation(void) { return KILLED_TRANSLATION; }
static enum outcome allowed(void) { return ALLOWED; }
static enum outcome efault(void) { return REFUSED_EFAULT; }
static enum outcome sigill(void) { return KILLED_SIGILL; }
static enum outcome tick(void) { return KILLED_TICK; }
/* 4.x moved the stubs to a page user space cannot read; before, nothing
 * is mapped at 0xffff1000. */
static enum outcome stubs(void)
{
	return kernel_layout.rules->vector_stubs ? KILLED_PERMISSION : KILLED_TRANSLATION;
}
static enum outcome pan(void)
{
	if (!kernel_layout.rules->sw_domain_pan)
		return ALLOWED;
	return mmu_format.lpae ? KILLED_TRANSLATION : KILLED_DOMAIN;
}
static enum outcome pxn(void)
{
	return kernel_layout.rules->user_pxn ? KILLED_PERMISSION : ALLOWED;
}

static const struct attack attacks[] = {
	{ "read-lowmem", "read the kernel's linear map at PAGE_OFFSET", USER_OP_READ, at_page_offset, 0, permission },
	{ "write-text", "overwrite the kernel's text", USER_OP_WRITE, at_text, 0xe7f000f0, permission },
	{ "exec-kernel", "jump into the kernel's text", USER_OP_EXEC, at_text, 0, permission },
	{ "read-vectors", "read the vector page (Linux allows it: kuser helpers)", USER_OP_READ, at_vectors, 0, allowed },
	{ "write-vectors", "overwrite the vector page", USER_OP_WRITE, at_vectors, 0, permission },
	{ "read-stubs", "read the vector stubs at 0xffff1000", USER_OP_READ, at_stubs, 0, stubs },
	{ "read-device", "read the UART's registers at their static IO address", USER_OP_READ, at_console, 0, permission },
	{ "read-null", "dereference NULL: an unmapped user address", USER_OP_READ, at_null, 0, translation },
	{ "write-own-text", "overwrite its own (read-only) text", USER_OP_WRITE, at_user_text, 0, permission },
	{ "exec-data", "jump into its own data page (execute-never)", USER_OP_EXEC, at_user_data, 0, permission },
	{ "syscall-kernel-ptr", "write(1, PAGE_OFFSET, 16): a kernel pointer", USER_OP_SYSCALL_WRITE, at_page_offset, 16, efault },
	{ "syscall-unmapped-ptr", "write(1, 0x00400000, 16): an unmapped user pointer", USER_OP_SYSCALL_WRITE, at_unmapped_user, 16, efault },
	{ "syscall-huge-length", "write(1, its text, 0xfffff000): a length past TASK_SIZE", USER_OP_SYSCALL_WRITE, at_user_text, 0xfffff000, efault },
	{ "mmu-off", "write SCTLR to turn the MMU off", USER_OP_SCTLR, at_null, 0, sigill },
	{ "spin", "mask interrupts (CPSID) and never give the CPU back", USER_OP_SPIN, at_null, 0, tick },
	{ "kernel-reads-user", "the kernel dereferences a user pointer outside uaccess", KERNEL_SIDE, at_user_data, 0, pan },
	{ "ret2usr", "the kernel calls code in a user page (user domain open)", KERNEL_SIDE, at_gadget, 0, pxn },
};

#define NR_ATTACKS	(sizeof(attacks) / sizeof(attacks[0]))

static struct result results[NR_ATTACKS];
static struct task attack_task;

static enum outcome fault_outcome(uint32_t fsr)
{
	switch (fsr_class(fsr)) {
	case FSR_TRANSLATION: return KILLED_TRANSLATION;
	case FSR_DOMAIN:      return KILLED_DOMAIN;
	case FSR_PERMISSION:  return KILLED_PERMISSION;
	default:              return KILLED_OTHER;
	}
}

/* The kernel's side: PAN stops a plain dereference of a user pointer,
 * PXN stops the kernel from running user code even with the domain open. */
static void kernel_side(const struct attack *a, struct task *t, struct result *r)
{
	int failed;

	task_switch_in(t);
	if (a->linux_does == pxn) {
		uaccess_enable();
		failed = probe_exec(r->addr);
		r->value = probe_exec_value;
		uaccess_disable();
	} else {
		failed = probe_read32(r->addr, &r->value);
	}
	task_switch_out();
	if (failed) {
		r->got = fault_outcome(last_fault.fsr);
		r->fsr = last_fault.fsr;
		print_fault(&last_fault);
	} else {
		r->got = ALLOWED;
		if (a->linux_does == pxn)
			printk("user: the kernel ran the user page's code at PL1; it returned 0x%08" PRIx32 "\n",
			       r->value);
		else
			printk("user: the kernel read 0x%08" PRIx32 " from the user page\n", r->value);
	}
}

static void user_side(const struct attack *a, struct task *t, struct result *r)
{
	task_run(t, a->op, r->addr, a->arg2);
	task_print_end(t);
	if (!t->killed) {
		r->value = t->status;
		r->got = (int32_t)t->status == -EFAULT && a->op == USER_OP_SYSCALL_WRITE
			 ? REFUSED_EFAULT : ALLOWED;
	} else if (t->fault_kind == EXC_UNDEF) {
		r->got = KILLED_SIGILL;
	} else if (!t->fault_kind) {
		r->got = KILLED_TICK;
	} else {
		r->got = fault_outcome(t->fault.fsr);
		r->fsr = t->fault.fsr;
	}
}

/* One attack in a fresh task; true when it ended as Linux ends it. */
static bool run_attack(unsigned i)
{
	const struct attack *a = &attacks[i];
	struct result *r = &results[i];
	struct task *t = &attack_task;
	uint32_t free_before = nr_free_pages(&page_allocator, NR_ZONES);

	const char *why;

	memset(r, 0, sizeof(*r));
	r->got = NOT_RUN;
	r->ran = true;
	r->addr = a->target();
	/* Only the tick ends it: without one it would spin for ever. */
	if (a->linux_does == tick && (why = tick_missing()) != NULL) {
		r->skipped = why;
		printk("user: attack %s skipped: no working tick (%s)\n", a->name, why);
		return true;
	}
	printk("user: attack %s: %s (0x%08" PRIx32 ")\n", a->name, a->what, r->addr);
	if (task_create(t))
		return false;
	if (a->op == KERNEL_SIDE)
		kernel_side(a, t, r);
	else
		user_side(a, t, r);
	task_destroy(t);
	if (nr_free_pages(&page_allocator, NR_ZONES) != free_before) {
		printk("user: the task's memory was not all given back (%" PRIu32 " pages free, %" PRIu32 " before)\n",
		       nr_free_pages(&page_allocator, NR_ZONES), free_before);
		return false;
	}
	return r->got == a->linux_does();
}

static void print_result(unsigned i)
{
	const struct attack *a = &attacks[i];
	const struct result *r = &results[i];
	enum outcome want = a->linux_does();
	char got[48];

	if (r->skipped) {
		printk("  %-21s 0x%08" PRIx32 "  skipped: no working tick (%s)\n", a->name, r->addr, r->skipped);
		return;
	}
	if (r->got == ALLOWED)
		snprintf(got, sizeof(got), "allowed (0x%08" PRIx32 ")", r->value);
	else if (r->fsr && mmu_format.lpae && fsr_level(r->fsr))
		snprintf(got, sizeof(got), "%s L%u (FSR 0x%03" PRIx32 ")", outcome_names[r->got],
			 fsr_level(r->fsr), r->fsr);
	else if (r->fsr)
		snprintf(got, sizeof(got), "%s (FSR 0x%03" PRIx32 ")", outcome_names[r->got], r->fsr);
	else
		snprintf(got, sizeof(got), "%s", outcome_names[r->got]);
	printk("  %-21s 0x%08" PRIx32 "  %-30s %s\n", a->name, r->addr, got,
	       r->got == want ? "as Linux" : "NOT as Linux, which gives:");
	if (r->got != want)
		printk("  %-21s %10s  %s\n", "", "", outcome_names[want]);
}

void attacks_print_results(void)
{
	unsigned ran = 0;

	for (unsigned i = 0; i < NR_ATTACKS; i++)
		ran += results[i].ran;
	if (!ran) {
		printk("user: no attack has run yet (user attack NAME, or user attack all)\n");
		return;
	}
	printk("  %-21s %-10s  %-30s %s\n", "attack", "address", "what it got", "");
	for (unsigned i = 0; i < NR_ATTACKS; i++)
		if (results[i].ran)
			print_result(i);
}

static int find_attack(const char *name)
{
	for (unsigned i = 0; i < NR_ATTACKS; i++)
		if (!strcmp(attacks[i].name, name))
			return (int)i;
	return -1;
}

void attacks_list(void)
{
	for (unsigned i = 0; i < NR_ATTACKS; i++)
		printk("  %-21s %s%s\n", attacks[i].name, attacks[i].what,
		       attacks[i].op == KERNEL_SIDE ? " [kernel side]" : "");
}

/* "all" or one name; returns how many did not end as Linux ends them. */
int attacks_run(const char *which)
{
	int bad = 0, i;

	if (strcmp(which, "all") != 0) {
		if ((i = find_attack(which)) < 0) {
			printk("user: no attack called '%s'; they are:\n", which);
			attacks_list();
			return 1;
		}
		bad = !run_attack((unsigned)i);
		print_result((unsigned)i);
		return bad;
	}
	unsigned skipped = 0;

	for (unsigned k = 0; k < NR_ATTACKS; k++) {
		bad += !run_attack(k);
		skipped += results[k].skipped != NULL;
	}
	if (skipped)
		printk("user: %u attacks, %d not as Linux, %u skipped (rules=%s)\n", (unsigned)NR_ATTACKS, bad,
		       skipped, kernel_layout.rules->name);
	else
		printk("user: %u attacks, %d not as Linux (rules=%s)\n", (unsigned)NR_ATTACKS, bad,
		       kernel_layout.rules->name);
	attacks_print_results();
	return bad;
}
