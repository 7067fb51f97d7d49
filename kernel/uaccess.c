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
 */
#include "arm/cp15.h"
#include "setup.h"
#include "task.h"

size_t __copy_from_user(void *to, uint32_t from, size_t n);
size_t __copy_to_user(uint32_t to, const void *from, size_t n);

static uint32_t dacr_kernel = DACR_INIT;	/* what the kernel runs with */
static const uint32_t dacr_user = DACR_INIT;	/* every domain a client */

void uaccess_init(void)
{
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
	uint32_t old = read_dacr();

	set_dacr(dacr_kernel);
	return old;
}

void uaccess_restore(uint32_t dacr)
{
	set_dacr(dacr);
}

void uaccess_enable(void)
{
	set_dacr(dacr_user);
}

void uaccess_disable(void)
{
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
