/*
 * The demo task's program: ARM code that runs in User mode (PL0).
 *
 * It is not kernel code: it sits in the kernel's rodata as bytes, and
 * kernel/task.c copies it into a user page at USER_TEXT_BASE, mapped
 * user read-only and executable.  It only uses PC-relative addresses, so
 * it runs wherever it is copied.  The kernel starts it with
 *   r0 = what to do (USER_OP_*, include/task.h), r1, r2 = its arguments
 * and it talks to the kernel only through SVC system calls with Linux's
 * EABI numbers in r7 (exit = 1, write = 4).  Each attack is one
 * instruction: the one the fault report's pc points at.
 */
#include "task.h"

	.arch	armv7-a
	.syntax	unified
	.arm

#define NR_exit		1
#define NR_write	4

	.section ".rodata.user_demo", "a"
	.balign	4
	.global	user_demo_start
user_demo_start:
	cmp	r0, #USER_OP_MAX
	addls	pc, pc, r0, lsl #2	@ jump table: pc reads 8 ahead
	b	op_bad
	b	op_hello		@ USER_OP_HELLO
	b	op_read			@ USER_OP_READ
	b	op_write		@ USER_OP_WRITE
	b	op_exec			@ USER_OP_EXEC
	b	op_syscall		@ USER_OP_SYSCALL_WRITE
	b	op_sctlr		@ USER_OP_SCTLR
	b	op_spin			@ USER_OP_SPIN
	b	op_exit			@ USER_OP_EXIT
	b	op_syscalls		@ USER_OP_SYSCALLS

op_hello:
	mov	r0, #1
	adr	r1, hello
	mov	r2, #(hello_end - hello)
	mov	r7, #NR_write
	svc	#0
	mov	r0, #0			@ exit(0)
	b	sys_exit

op_read:				@ exit(*r1)
	ldr	r0, [r1]
	b	sys_exit

op_write:				@ *r1 = r2
	str	r2, [r1]
	mov	r0, #0
	b	sys_exit

op_exec:				@ exit(r1())
	blx	r1
	b	sys_exit

op_syscall:				@ exit(write(1, r1, r2)): the kernel's answer
	mov	r0, #1
	mov	r7, #NR_write
	svc	#0
	b	sys_exit

op_sctlr:				@ turn the MMU off: PL0 may not touch CP15
	mov	r0, #0
	mcr	p15, 0, r0, c1, c0, 0
	b	sys_exit

op_spin:				@ mask IRQs (ignored in User mode) and never yield
	cpsid	i
1:	b	1b

op_exit:				@ exit(r1)
	mov	r0, r1
	b	sys_exit

op_syscalls:				@ r1 empty writes: the system call's round trip
	mov	r4, r1
1:	mov	r0, #1
	mov	r1, #0
	mov	r2, #0
	mov	r7, #NR_write
	svc	#0
	subs	r4, r4, #1
	bne	1b
	mov	r0, #0
	b	sys_exit

op_bad:
	mvn	r0, #0
sys_exit:
	mov	r7, #NR_exit
	svc	#0
	b	.			@ exit does not return

/* What the kernel itself calls at PL1 in the ret2usr attack, at a fixed
 * place (USER_TEXT_BASE + 0x100) however the code above grows: PXN is
 * what stops it. */
	.org	0x100
	.global	user_demo_gadget
user_demo_gadget:
	ldr	r0, 1f
	bx	lr
1:	.word	USER_GADGET_VALUE

hello:
	.ascii	"Hello from user mode: this line came through the write system call\n"
hello_end:
	.balign	4
	.global	user_demo_end
user_demo_end:
