/* The register frame every exception saves (kernel/entry.S builds it). */
#ifndef VMSPLIT_PTRACE_H
#define VMSPLIT_PTRACE_H

#define S_R0		0
#define S_SP		(13 * 4)
#define S_LR		(14 * 4)
#define S_PC		(15 * 4)
#define S_PSR		(16 * 4)
#define S_FRAME_SIZE	(17 * 4)

/* Which vector was taken (second argument of arm_exception). */
#define EXC_RESET	0
#define EXC_UNDEF	1
#define EXC_SVC		2
#define EXC_PABT	3
#define EXC_DABT	4
#define EXC_HYP		5
#define EXC_IRQ		6
#define EXC_FIQ		7

#ifndef __ASSEMBLY__
#include <stdint.h>

struct pt_regs {
	uint32_t r[13];		/* r0-r12 */
	uint32_t sp;		/* SVC sp before the exception */
	uint32_t lr;		/* SVC lr before the exception */
	uint32_t pc;		/* where to return: the faulting instruction for aborts */
	uint32_t psr;		/* the interrupted CPSR */
};

_Static_assert(sizeof(struct pt_regs) == S_FRAME_SIZE, "pt_regs layout");
#endif

#endif
