/*
 * The kernel's way into user memory, and the domain that guards it.
 *
 * access_ok() is the first check: the range must lie below the task's
 * limit (and not wrap), so a pointer into the kernel is refused before
 * anything is read.  The copy itself (kernel/entry.S) uses LDRBT/STRBT,
 * which the MMU checks as User-mode accesses, with an __ex_table fixup:
 * an unmapped user address ends the copy instead of the kernel.
 *
 * From 4.3 (CPU_SW_DOMAIN_PAN) Linux also keeps DOMAIN_USER at "no access"
 * whenever the kernel runs, and opens it only inside these routines, so a
 * stray kernel dereference of a user pointer takes a domain fault.  Every
 * exception shuts it on entry and puts back what it found on exit
 * (traps.c), as Linux saves DACR in its exception frame.
 *
 * The long-descriptor format has no domains (Linux's CPU_SW_DOMAIN_PAN
 * depends on !ARM_LPAE).  Its PAN is CPU_TTBR0_PAN's: outside uaccess the
 * kernel runs with TTBCR.EPD0 set (no walks through TTBR0), T0SZ all ones
 * (TTBR0's range shrinks to the bottom 32 MB, so without a TTBR1 split
 * the rest goes to TTBR1 = swapper_pg_dir) and A1 set (the current ASID
 * is TTBR1's, 0, which no user TLB entry carries).  A stray dereference of
 * a user pointer then takes a translation fault at level 1.  The same
 * save-and-restore brackets every exception, with TTBCR in place of DACR.
 * Here it is on only while a task's table is live (task_switch_in to
 * task_switch_out): with swapper_pg_dir alone in TTBR0 there is no user
 * memory to shut out, and under VMSPLIT_3G and _2G the modules area and
 * pkmap lie in TTBR0's range, which the kernel must reach (kmap).  While a
 * task is live the kernel makes no pkmap mapping (its copies use
 * kmap_atomic, in the fixmap, TTBR1's).
 */
#include "arm/cp15.h"
#include "arm/long_desc.h"
#include "mmu.h"
#include "setup.h"
#include "smp.h"
#include "task.h"

size_t __copy_from_user(void *to, uint32_t from, size_t n);
size_t __copy_to_user(uint32_t to, const void *from, size_t n);

static uint32_t dacr_kernel = DACR_INIT;	/* what the kernel runs with */
static const uint32_t dacr_user = DACR_INIT;	/* every domain a client */
/* LPAE: shut TTBR0 outside uaccess now; each CPU's own (struct cpu_data:
 * only the CPU running a task has a user table to shut). */
#define ttbr0_pan (this_cpu()->ttbr0_pan)

uint32_t uaccess_ttbr0_pan_bits(void)
{
	return (uint32_t)(LD_BIT(TTBCR, EPD0) | LD_MASK(TTBCR, T0SZ) | LD_BIT(TTBCR, A1));
}

static void set_ttbcr(uint32_t v)
{
	if (read_ttbcr() != v) {
		write_ttbcr(v);
		isb();
	}
}

static void ttbr0_shut(void)
{
	if (ttbr0_pan)
		set_ttbcr(read_ttbcr() | uaccess_ttbr0_pan_bits());
}

static void ttbr0_open(void)
{
	set_ttbcr(read_ttbcr() & ~uaccess_ttbr0_pan_bits());
}

void uaccess_task_live(bool live)
{
	ttbr0_pan = live && kernel_layout.rules->sw_domain_pan;
	if (ttbr0_pan)
		ttbr0_shut();
	else
		ttbr0_open();
}

void uaccess_init(void)
{
	if (mmu_format.lpae)
		return;		/* no domains: DACR stays as head.S set it */
	if (kernel_layout.rules->sw_domain_pan)
		dacr_kernel = DACR_INIT & ~DACR_CLIENT(DOMAIN_USER);
	write_dacr(dacr_kernel);
	isb();
}

static void set_dacr(uint32_t v)
{
	if (read_dacr() != v) {
		write_dacr(v);
		isb();
	}
}

uint32_t uaccess_save_and_disable(void)
{
	if (mmu_format.lpae) {
		uint32_t ttbcr = read_ttbcr();

		ttbr0_shut();
		return ttbcr;
	}
	uint32_t old = read_dacr();

	set_dacr(dacr_kernel);
	return old;
}

/* dacr: DACR in the short format, TTBCR in the long one. */
void uaccess_restore(uint32_t dacr)
{
	if (mmu_format.lpae)
		set_ttbcr(dacr);
	else
		set_dacr(dacr);
}

void uaccess_enable(void)
{
	if (mmu_format.lpae)
		ttbr0_open();
	else
		set_dacr(dacr_user);
}

void uaccess_disable(void)
{
	if (mmu_format.lpae)
		ttbr0_shut();
	else
		set_dacr(dacr_kernel);
}

bool access_ok(uint32_t addr, uint32_t n)
{
	uint32_t limit = current_task ? current_task->user_limit : kernel_layout.modules_vaddr;

	return n <= limit && addr <= limit - n;
}

uint32_t copy_from_user(void *to, uint32_t from, uint32_t n)
{
	uint32_t left;

	if (!access_ok(from, n))
		return n;
	uaccess_enable();
	left = (uint32_t)__copy_from_user(to, from, n);
	uaccess_disable();
	return left;
}

uint32_t copy_to_user(uint32_t to, const void *from, uint32_t n)
{
	uint32_t left;

	if (!access_ok(to, n))
		return n;
	uaccess_enable();
	left = (uint32_t)__copy_to_user(to, from, n);
	uaccess_disable();
	return left;
}
