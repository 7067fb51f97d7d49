/*
 * Leaving HYP for SVC, for head.S (the boot CPU) and secondary.S (a CPU
 * PSCI started in HYP): give PL1 the whole machine (no traps, no stage 2,
 * the physical timer usable, real CPU IDs), then ERET to `target` in SVC
 * with every interrupt masked.  (HSTR resets to "no CP15 traps"; QEMU 7.2
 * rejects writing it from HYP.)  Uses r0, r1.
 */
#ifndef VMSPLIT_ARM_HYP_EXIT_H
#define VMSPLIT_ARM_HYP_EXIT_H

#include "arm/psr.h"

#ifdef __ASSEMBLY__
	.macro	hyp_exit_to_svc target
	mov	r0, #0
	mcr	p15, 4, r0, c1, c1, 0	@ HCR: no traps, no virtualization
	movw	r0, #0x33ff
	mcr	p15, 4, r0, c1, c1, 2	@ HCPTR: no coprocessor traps (RES1 bits set)
	mrc	p15, 4, r0, c14, c1, 0	@ CNTHCTL
	orr	r0, r0, #3		@ PL1PCTEN | PL1PCEN
	mcr	p15, 4, r0, c14, c1, 0
	mov	r0, #0
	mov	r1, #0
	mcrr	p15, 4, r0, r1, c14	@ CNTVOFF = 0
	mrc	p15, 0, r0, c0, c0, 0
	mcr	p15, 4, r0, c0, c0, 0	@ VPIDR = MIDR
	mrc	p15, 0, r0, c0, c0, 5
	mcr	p15, 4, r0, c0, c0, 5	@ VMPIDR = MPIDR
	mov	r0, #(PSR_A | PSR_I | PSR_F | PSR_MODE_SVC)
	msr	spsr_cxsf, r0		@ in HYP, SPSR is SPSR_hyp (the banked form is for Monitor)
	adr	r0, \target
	msr	elr_hyp, r0
	eret
	.endm
#endif

#endif
