/*
 * System calls: SVC from User mode, Linux's EABI convention (number in
 * r7, arguments in r0-r2, the result back in r0, -errno on failure).
 * Nothing the task passes is trusted: a pointer goes through access_ok()
 * and copy_from_user(), never through a plain dereference.
 */
#include <inttypes.h>

#include "fault.h"
#include "printk.h"
#include "ptrace.h"
#include "task.h"
#include "traps.h"

#define EBADF		9
#define WRITE_CHUNK	64

/* write(fd, buf, len): to the console, in chunks through a kernel buffer. */
static int32_t sys_write(uint32_t fd, uint32_t buf, uint32_t len)
{
	char chunk[WRITE_CHUNK];
	uint32_t done = 0;

	if (fd != 1 && fd != 2)
		return -EBADF;
	if (!access_ok(buf, len)) {
		printk("write: buffer 0x%08" PRIx32 " (+%" PRIu32 ") is not user memory (access_ok): -EFAULT\n",
		       buf, len);
		return -EFAULT;
	}
	while (done < len) {
		uint32_t n = len - done < WRITE_CHUNK ? len - done : WRITE_CHUNK;
		uint32_t left = copy_from_user(chunk, buf + done, n);

		printk("%.*s", (int)(n - left), chunk);
		done += n - left;
		if (left) {
			/* The fault that stopped the copy is at the first byte
			 * not copied. */
			if (last_fault.far == buf + done)
				printk("write: %s at 0x%08" PRIx32 " while copying from user: %s\n",
				       fsr_description(last_fault.fsr), last_fault.far,
				       done ? "a short write" : "-EFAULT");
			else
				printk("write: copy_from_user refused 0x%08" PRIx32 ": %s\n", buf + done,
				       done ? "a short write" : "-EFAULT");
			return done ? (int32_t)done : -EFAULT;
		}
	}
	return (int32_t)len;
}

void do_syscall(struct pt_regs *regs)
{
	/* A system call gives the CPU back: the tick's count starts again. */
	current_task->user_ticks = 0;
	switch (regs->r[7]) {
	case NR_exit:
		task_exit(regs->r[0]);
	case NR_write:
		regs->r[0] = (uint32_t)sys_write(regs->r[0], regs->r[1], regs->r[2]);
		return;
	default:
		printk("user: unknown system call %" PRIu32 ": -ENOSYS\n", regs->r[7]);
		regs->r[0] = (uint32_t)-ENOSYS;
	}
}
