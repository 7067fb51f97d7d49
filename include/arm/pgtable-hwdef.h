/*
 * ARMv7 short-descriptor translation table format (ARM ARM B3.5), without
 * the Large Physical Address Extension: a 16 KB first-level table of 4096
 * entries, each covering 1 MB, and 1 KB second-level tables of 256 entries
 * covering 4 KB each.
 */
#ifndef VMSPLIT_ARM_PGTABLE_HWDEF_H
#define VMSPLIT_ARM_PGTABLE_HWDEF_H

#include "arm/bits.h"
#include "arm/sysreg.h"	/* DOMAIN_* */

#define L1_ENTRIES		4096
#define L1_SECTION_SHIFT	20		/* one entry maps 1 MB */
#define L1_TABLE_SIZE		_U(0x4000)	/* 16 KB, 16 KB aligned (TTBCR.N = 0) */
#define L2_ENTRIES		256
#define L2_TABLE_SIZE		_U(0x400)	/* 1 KB, 1 KB aligned */

/* ---- first level ---- */
#define L1_TYPE_MASK		_U(0x3)
#define L1_TYPE_FAULT		_U(0x0)
#define L1_TYPE_TABLE		_U(0x1)		/* points to a second-level table */
#define L1_TYPE_SECT		_U(0x2)		/* 1 MB section or 16 MB supersection */

#define L1_DOMAIN_SHIFT		5		/* bits 8:5, section and table */
#define L1_DOMAIN(d)		((d) << L1_DOMAIN_SHIFT)
#define L1_DOMAIN_MASK		L1_DOMAIN(_U(0xf))

/* Page-table descriptor */
#define L1_TABLE_PXN		BIT(2)
#define L1_TABLE_NS		BIT(3)
#define L1_TABLE_ADDR_MASK	_U(0xfffffc00)

/* Section descriptor */
#define L1_SECT_PXN		BIT(0)		/* with the LPAE-capable cores */
#define L1_SECT_B		BIT(2)
#define L1_SECT_C		BIT(3)
#define L1_SECT_XN		BIT(4)
#define L1_SECT_AP_SHIFT	10		/* AP[1:0], bits 11:10 */
#define L1_SECT_AP(x)		((x) << L1_SECT_AP_SHIFT)
#define L1_SECT_TEX_SHIFT	12		/* TEX[2:0], bits 14:12 */
#define L1_SECT_TEX(x)		((x) << L1_SECT_TEX_SHIFT)
#define L1_SECT_APX		BIT(15)		/* AP[2] */
#define L1_SECT_S		BIT(16)		/* shareable */
#define L1_SECT_NG		BIT(17)		/* not global: tagged with the ASID */
#define L1_SECT_SUPER		BIT(18)		/* 16 MB supersection */
#define L1_SECT_NS		BIT(19)
#define L1_SECT_ADDR_MASK	_U(0xfff00000)
#define L1_SUPER_ADDR_MASK	_U(0xff000000)

/* ---- second level ---- */
#define L2_TYPE_MASK		_U(0x3)
#define L2_TYPE_FAULT		_U(0x0)
#define L2_TYPE_LARGE		_U(0x1)		/* 64 KB */
#define L2_TYPE_SMALL		_U(0x2)		/* 4 KB; bit 0 is XN */
#define L2_SMALL_XN		BIT(0)
#define L2_B			BIT(2)
#define L2_C			BIT(3)
#define L2_AP_SHIFT		4		/* AP[1:0], bits 5:4 */
#define L2_AP(x)		((x) << L2_AP_SHIFT)
#define L2_SMALL_TEX_SHIFT	6		/* TEX[2:0], bits 8:6 */
#define L2_SMALL_TEX(x)		((x) << L2_SMALL_TEX_SHIFT)
#define L2_APX			BIT(9)		/* AP[2] */
#define L2_S			BIT(10)
#define L2_NG			BIT(11)
#define L2_SMALL_ADDR_MASK	_U(0xfffff000)

/* AP[2:0] with SCTLR.AFE = 0 (ARM ARM B3.7.1) */
#define AP_PRIV_RW		_U(1)		/* APX=0 AP=01: PL1 RW, PL0 none */
#define AP_PRIV_RW_USER_RO	_U(2)		/* APX=0 AP=10 */
#define AP_RW			_U(3)		/* APX=0 AP=11: RW at both */
/* with APX=1: AP=01 PL1 RO, PL0 none; AP=11 RO at both */

/*
 * The two section types head.S needs before C runs; mm/mem_types.c builds
 * the same values from its table (and a unit test checks they agree).
 *   normal memory: TEX=001 C=1 B=1, Inner and Outer Write-Back
 *                  Write-Allocate, shareable, PL1 read/write, domain 0
 *   device:        TEX=000 C=0 B=1, Shareable Device, execute-never,
 *                  PL1 read/write, domain 2
 */
#define PROT_SECT_MEMORY	(L1_TYPE_SECT | L1_SECT_TEX(1) | L1_SECT_C | L1_SECT_B | \
				 L1_SECT_AP(AP_PRIV_RW) | L1_SECT_S | L1_DOMAIN(DOMAIN_KERNEL))
#define PROT_SECT_DEVICE	(L1_TYPE_SECT | L1_SECT_B | L1_SECT_XN | \
				 L1_SECT_AP(AP_PRIV_RW) | L1_SECT_S | L1_DOMAIN(DOMAIN_IO))

#endif
