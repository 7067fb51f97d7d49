/*
 * The floor of the boot benchmark: a kernel that asks PSCI to power the
 * machine off as its first act.  QEMU's start-up and exit cost is all
 * that remains; `make bench` compares vmsplit's boot against it.
 */
	.arch	armv7-a
	.arch_extension virt
	.syntax	unified
	.arm
	.text
	.global	_start
_start:
	ldr	r0, =0x84000008		@ PSCI SYSTEM_OFF
	hvc	#0
1:	wfi
	b	1b
