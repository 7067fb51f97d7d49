/*
 * ARMv7 short-descriptor translation table format (ARM ARM B3.5), without
 * the Large Physical Address Extension: a 16 KB first-level table of 4096
 * entries, each covering 1 MB, and 1 KB second-level tables of 256 entries
 * covering 4 KB each.
 */
#ifndef VMSPLIT_ARM_PGTABLE_HWDEF_H
#define VMSPLIT_ARM_PGTABLE_HWDEF_H

#include "arm/bits.h"
#include "arm/short_desc.h"
#include "arm/sysreg.h"	/* DOMAIN_* */

#define L1_ENTRIES		4096
#define L1_SECTION_SHIFT	20		/* one entry maps 1 MB */
#define L1_TABLE_SIZE		_U(0x4000)	/* 16 KB, 16 KB aligned (TTBCR.N = 0) */
#define L2_ENTRIES		256
#define L2_TABLE_SIZE		_U(0x400)	/* 1 KB, 1 KB aligned */
#define LARGE_PAGE_SIZE		_U(0x10000)	/* 64 KB: 16 equal second-level entries */

/* Every descriptor field: arm/short_desc.h. */

/* AP[2:0] with SCTLR.AFE = 0 (ARM ARM B3.7.1) */
#define AP_PRIV_RW		_U(1)		/* APX=0 AP=01: PL1 RW, PL0 none */
#define AP_PRIV_RW_USER_RO	_U(2)		/* APX=0 AP=10 */
#define AP_RW			_U(3)		/* APX=0 AP=11: RW at both */
/* with APX=1: AP=01 PL1 RO, PL0 none; AP=11 RO at both */

/*
 * The two section types head.S needs before C runs (it says
 * SD_FIELD_SYMBOLS first, so these expressions assemble too); mm/mem_types.c builds
 * the same values from its table (and a unit test checks they agree).
 *   normal memory: TEX=001 C=1 B=1, Inner and Outer Write-Back
 *                  Write-Allocate, shareable, PL1 read/write, domain 0
 *   device:        TEX=000 C=0 B=1, Shareable Device, execute-never,
 *                  PL1 read/write, domain 2
 */
#define PROT_SECT_MEMORY	(SD_BIT(SECT, TYPE) | SD_PREP(SECT, TEX, 1) | SD_BIT(SECT, C) | \
				 SD_BIT(SECT, B) | SD_PREP(SECT, AP, AP_PRIV_RW) | SD_BIT(SECT, S) | \
				 SD_PREP(SECT, DOMAIN, DOMAIN_KERNEL))
#define PROT_SECT_DEVICE	(SD_BIT(SECT, TYPE) | SD_BIT(SECT, B) | SD_BIT(SECT, XN) | \
				 SD_PREP(SECT, AP, AP_PRIV_RW) | SD_BIT(SECT, S) | \
				 SD_PREP(SECT, DOMAIN, DOMAIN_IO))

#endif
