/*
 * CP15 system registers used by vmsplit, named as in the ARM Architecture
 * Reference Manual (ARMv7-A/R, part B4): the bits we set or decode, as
 * plain numbers (pure: the host and the unit tests include it too).  The
 * instructions that read and write the registers are in arm/cp15.h.
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
#define DACR_MANAGER	_U(3)		/* a domain's field: no permission checks at all */
#define DACR_FIELD(dacr, d)	(((dacr) >> (2 * (d))) & 3)
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

#endif
