/*
 * CP15 system registers used by vmsplit, named as in the ARM Architecture
 * Reference Manual (ARMv7-A/R, part B4), with the bits we set or decode.
 */
#ifndef VMSPLIT_ARM_SYSREG_H
#define VMSPLIT_ARM_SYSREG_H

#include "arm/bits.h"

/* SCTLR, System Control Register */
#define SCTLR_M		BIT(0)		/* MMU enable */
#define SCTLR_A		BIT(1)		/* alignment checking */
#define SCTLR_C		BIT(2)		/* data and unified caches */
#define SCTLR_Z		BIT(11)		/* branch prediction */
#define SCTLR_I		BIT(12)		/* instruction cache */
#define SCTLR_V		BIT(13)		/* high vectors at 0xffff0000 */
#define SCTLR_TRE	BIT(28)		/* TEX remap */
#define SCTLR_AFE	BIT(29)		/* access flag enable */
#define SCTLR_TE	BIT(30)		/* exceptions taken in Thumb */

/* vmsplit: no TEX remap (descriptors say TEX/C/B directly), no access
 * flag (AP[0] is a permission bit), ARM exceptions, unaligned accesses
 * allowed as Linux allows them on ARMv7. */
#define SCTLR_BOOT_CLEAR	(SCTLR_A | SCTLR_V | SCTLR_TRE | SCTLR_AFE | SCTLR_TE)
#define SCTLR_BOOT_SET		(SCTLR_M | SCTLR_C | SCTLR_Z | SCTLR_I)

/* ACTLR.SMP (Cortex-A7/A15): take part in coherency; must be set before
 * the caches and MMU are enabled. */
#define ACTLR_SMP	BIT(6)

/* TTBRn walk attributes with the Multiprocessing Extensions: the walker
 * reads tables through the caches as Inner and Outer Write-Back
 * Write-Allocate, Inner Shareable (Linux's TTB_FLAGS_SMP). */
#define TTBR_IRGN1	BIT(0)
#define TTBR_S		BIT(1)
#define TTBR_RGN_WBWA	(_U(1) << 3)
#define TTBR_NOS	BIT(5)
#define TTBR_IRGN0	BIT(6)
#define TTBR_FLAGS	(TTBR_IRGN0 | TTBR_S | TTBR_NOS | TTBR_RGN_WBWA)

/* DACR: each domain "client" (01): accesses are checked against AP. */
#define DOMAIN_KERNEL	0
#define DOMAIN_USER	1
#define DOMAIN_IO	2
#define DACR_CLIENT(d)	(_U(1) << (2 * (d)))
#define DACR_INIT	(DACR_CLIENT(DOMAIN_KERNEL) | DACR_CLIENT(DOMAIN_USER) | \
			 DACR_CLIENT(DOMAIN_IO))

/* PAR after an ATS1C** address translation: its fields: arm/short_desc.h (kinds PAR and PARF). */

/* DFSR/IFSR, short-descriptor format */
#define FSR_FS_LOW	_U(0xf)		/* FS[3:0] */
#define FSR_FS_HIGH	BIT(10)		/* FS[4] */
#define FSR_WNR		BIT(11)		/* DFSR: the access was a write */
#define FSR_EXT		BIT(12)		/* external abort type */

/* ID_MMFR3.CohWalk, bits 23:20: table walks snoop the data cache */
#define ID_MMFR3_COHWALK_SHIFT	20

#ifndef __ASSEMBLY__
#include <stdint.h>

#define CP15_RO(name, op1, crn, crm, op2)					\
static inline uint32_t read_##name(void)					\
{										\
	uint32_t v;								\
	__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2	\
			 : "=r"(v));						\
	return v;								\
}

#define CP15_WO(name, op1, crn, crm, op2)					\
static inline void write_##name(uint32_t v)					\
{										\
	__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2	\
			 : : "r"(v) : "memory");				\
}

#define CP15_RW(name, op1, crn, crm, op2)					\
	CP15_RO(name, op1, crn, crm, op2)					\
	CP15_WO(name, op1, crn, crm, op2)

CP15_RO(midr,     0, c0, c0, 0)
CP15_RO(ctr,      0, c0, c0, 1)
CP15_RO(mpidr,    0, c0, c0, 5)
CP15_RO(id_mmfr0, 0, c0, c1, 4)
CP15_RO(id_mmfr3, 0, c0, c1, 7)
CP15_RW(sctlr,    0, c1, c0, 0)
CP15_RW(actlr,    0, c1, c0, 1)
CP15_RW(ttbr0,    0, c2, c0, 0)
CP15_RW(ttbr1,    0, c2, c0, 1)
CP15_RW(ttbcr,    0, c2, c0, 2)
CP15_RW(dacr,     0, c3, c0, 0)
CP15_RO(dfsr,     0, c5, c0, 0)
CP15_RO(ifsr,     0, c5, c0, 1)
CP15_RO(dfar,     0, c6, c0, 0)
CP15_RO(ifar,     0, c6, c0, 2)
CP15_RO(par,      0, c7, c4, 0)
CP15_WO(ats1cpr,  0, c7, c8, 0)		/* stage 1, PL1, read */
CP15_WO(ats1cpw,  0, c7, c8, 1)		/* stage 1, PL1, write */
CP15_WO(ats1cur,  0, c7, c8, 2)		/* stage 1, PL0, read */
CP15_WO(ats1cuw,  0, c7, c8, 3)		/* stage 1, PL0, write */
/* TLB, I-cache and branch-predictor invalidation: arm/tlbflush.h. */
CP15_WO(dccmvau,  0, c7, c11, 1)	/* clean D line by VA to PoU */
CP15_WO(dccmvac,  0, c7, c10, 1)	/* clean D line by VA to PoC */
CP15_WO(dccimvac, 0, c7, c14, 1)	/* clean and invalidate D line by VA to PoC */
CP15_RW(prrr,     0, c10, c2, 0)
CP15_RW(nmrr,     0, c10, c2, 1)
CP15_RW(vbar,     0, c12, c0, 0)
CP15_RW(contextidr, 0, c13, c0, 1)	/* PROCID and the current ASID (bits 7:0) */

static inline void dsb(void) { __asm__ volatile("dsb" : : : "memory"); }
static inline void isb(void) { __asm__ volatile("isb" : : : "memory"); }

static inline uint64_t read_cntvct(void)
{
	uint32_t lo, hi;

	__asm__ volatile("isb; mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint32_t read_cntfrq(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(v));
	return v;
}

static inline uint32_t read_cpsr(void)
{
	uint32_t v;

	__asm__ volatile("mrs %0, cpsr" : "=r"(v));
	return v;
}
#endif /* !__ASSEMBLY__ */

#endif
