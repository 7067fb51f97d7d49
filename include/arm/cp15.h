/*
 * The instructions that read and write the CP15 system registers (MRC,
 * MCR, MRRC), and the barriers: hardware access, so kernel code only.
 * The registers' bits are named in arm/sysreg.h; TLB, I-cache and
 * branch-predictor invalidation is in arm/tlbflush.h.
 */
#ifndef VMSPLIT_ARM_CP15_H
#define VMSPLIT_ARM_CP15_H

#include "arm/sysreg.h"

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

/* The 64-bit registers (MRRC/MCRR): the long-descriptor TTBRs and PAR. */
#define CP15_RW64(name, op1, crm)						\
static inline uint64_t read_##name(void)					\
{										\
	uint32_t lo, hi;							\
	__asm__ volatile("mrrc p15, " #op1 ", %0, %1, " #crm			\
			 : "=r"(lo), "=r"(hi));					\
	return ((uint64_t)hi << 32) | lo;					\
}										\
static inline void write_##name(uint64_t v)					\
{										\
	__asm__ volatile("mcrr p15, " #op1 ", %0, %1, " #crm			\
			 : : "r"((uint32_t)v), "r"((uint32_t)(v >> 32)) : "memory");\
}

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
CP15_RW(mair0,    0, c10, c2, 0)		/* with TTBCR.EAE: the PRRR encoding is MAIR0 */
CP15_RW(mair1,    0, c10, c2, 1)		/* with TTBCR.EAE: the NMRR encoding is MAIR1 */
CP15_RW64(ttbr0_64, 0, c2)		/* long-descriptor TTBR0: ASID [55:48], table [39:x] */
CP15_RW64(ttbr1_64, 1, c2)
CP15_RW64(par64,  0, c7)		/* PAR after an ATS1C** with a long-descriptor walk */
CP15_RW(vbar,     0, c12, c0, 0)
CP15_RW(mvbar,    0, c12, c0, 1)		/* Monitor vectors: Secure PL1 only */
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
