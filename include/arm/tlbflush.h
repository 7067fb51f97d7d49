/*
 * Every TLB and branch-predictor invalidation the kernel makes, named by
 * what it drops (as Linux's asm/tlbflush.h).  Nothing else in the tree
 * spells a TLBI or BPIALL.
 *
 * Two families.  local_flush_*: this CPU's TLB only (TLBIALL, TLBIMVAA...).
 * flush_*: every CPU's that may hold the translation: once a second CPU
 * runs (tlb_broadcast, set by kernel/smp.c), the inner-shareable forms
 * (TLBIALLIS, TLBIMVAAIS, TLBIASIDIS, TLBIMVAIS, BPIALLIS), which the
 * hardware carries to every CPU of the Inner Shareable domain, completed
 * by DSB ISH; with one CPU the local forms, as before.  A page-table
 * change of a mapping other CPUs may use takes flush_*; local_flush_* is
 * for what only this CPU can hold (its own switch of tables, the TLB lab).
 *
 * The rules they follow (ARM ARM B3.10.1, B2.2.6):
 *   - the table write that made the translation stale is complete before
 *     the invalidation (the callers' DSB after writing an entry);
 *   - the invalidation is complete (DSB) before anything relies on it, and
 *     an ISB makes the next instruction fetch and access see it;
 *   - the branch predictor may hold targets through the old translation,
 *     so every TLB invalidation here invalidates it too (BPIALL).
 */
#ifndef VMSPLIT_ARM_TLBFLUSH_H
#define VMSPLIT_ARM_TLBFLUSH_H

#ifdef __ASSEMBLY__

/* For head.S, before C: the whole TLB, the I-cache and the predictor. */
	.macro	local_flush_all_boot, zero
	mcr	p15, 0, \zero, c7, c5, 0	@ ICIALLU
	mcr	p15, 0, \zero, c7, c5, 6	@ BPIALL
	mcr	p15, 0, \zero, c8, c7, 0	@ TLBIALL
	dsb
	isb
	.endm

#else

#include <stdbool.h>

#include "arm/cp15.h"

CP15_WO(iciallu,  0, c7, c5, 0)		/* invalidate all I-cache to PoU */
CP15_WO(bpiall,   0, c7, c5, 6)		/* invalidate all branch predictors */
CP15_WO(tlbiall,  0, c8, c7, 0)		/* invalidate unified TLB */
CP15_WO(tlbimva,  0, c8, c7, 1)		/* invalidate by VA and ASID (VA[31:12] | ASID) */
CP15_WO(tlbiasid, 0, c8, c7, 2)		/* invalidate by ASID */
CP15_WO(tlbimvaa, 0, c8, c7, 3)		/* invalidate by VA, all ASIDs */
/* The inner-shareable forms: the same, on every CPU of the domain. */
CP15_WO(tlbiallis,  0, c8, c3, 0)
CP15_WO(tlbimvais,  0, c8, c3, 1)
CP15_WO(tlbiasidis, 0, c8, c3, 2)
CP15_WO(tlbimvaais, 0, c8, c3, 3)
CP15_WO(bpiallis,   0, c7, c1, 6)
CP15_WO(icialluis,  0, c7, c1, 0)

/* More than one CPU is running: flush_* broadcast (kernel/smp.c). */
extern bool tlb_broadcast;

/* Past this many pages one whole invalidation is cheaper than one per
 * page (and a freed table's megabyte is 256 pages). */
#define TLB_FLUSH_PAGES_MAX	16

static inline void invalidate_bp_and_sync(void)
{
	write_bpiall(0);
	dsb();
	isb();
}

/* Every entry, global and of every ASID. */
static inline void local_flush_tlb_all(void)
{
	write_tlbiall(0);
	invalidate_bp_and_sync();
}

/* Every entry tagged with this ASID; global ones stay. */
static inline void local_flush_tlb_asid(uint32_t asid)
{
	write_tlbiasid(asid & 0xff);
	invalidate_bp_and_sync();
}

/* One page of the kernel's (global) map, whatever ASID is current. */
static inline void local_flush_tlb_kernel_page(uint32_t va)
{
	write_tlbimvaa(va & ~UINT32_C(0xfff));
	invalidate_bp_and_sync();
}

/* [va, va+len) of the kernel's map: page by page, or all of it past
 * TLB_FLUSH_PAGES_MAX pages. */
static inline void local_flush_tlb_kernel_range(uint32_t va, uint32_t len)
{
	if (len > TLB_FLUSH_PAGES_MAX * UINT32_C(0x1000))
		write_tlbiall(0);
	else
		for (uint32_t off = 0; off < len; off += 0x1000)
			write_tlbimvaa((va + off) & ~UINT32_C(0xfff));
	invalidate_bp_and_sync();
}

/* [va, va+len) of one address space (its entries are not global, so
 * they carry its ASID): page by page, or the whole ASID past
 * TLB_FLUSH_PAGES_MAX pages. */
static inline void local_flush_tlb_user_range(uint32_t asid, uint32_t va, uint32_t len)
{
	if (len > TLB_FLUSH_PAGES_MAX * UINT32_C(0x1000))
		write_tlbiasid(asid & 0xff);
	else
		for (uint32_t off = 0; off < len; off += 0x1000)
			write_tlbimva(((va + off) & ~UINT32_C(0xfff)) | (asid & 0xff));
	invalidate_bp_and_sync();
}

/* The instruction side after code was written: the I-cache to the
 * Point of Unification and the branch predictor. */
static inline void local_flush_icache_all(void)
{
	write_iciallu(0);
	invalidate_bp_and_sync();
}

/* One VA of one ASID on this CPU (TLBIMVA); a global entry for it goes
 * whatever the ASID.  The TLB lab's local invalidation. */
static inline void local_flush_tlb_mva(uint32_t va, uint32_t asid)
{
	write_tlbimva((va & ~UINT32_C(0xfff)) | (asid & 0xff));
	invalidate_bp_and_sync();
}

/* The same on every CPU of the Inner Shareable domain (TLBIMVAIS),
 * whether or not others run: the TLB lab's broadcast one. */
static inline void flush_tlb_mva_is(uint32_t va, uint32_t asid)
{
	write_tlbimvais((va & ~UINT32_C(0xfff)) | (asid & 0xff));
	write_bpiallis(0);
	__asm__ volatile("dsb ish" : : : "memory");
	isb();
}

/* Every entry on every CPU (TLBIALLIS), whether or not others run. */
static inline void flush_tlb_all_is(void)
{
	write_tlbiallis(0);
	write_bpiallis(0);
	__asm__ volatile("dsb ish" : : : "memory");
	isb();
}

/* ---- every CPU's: the inner-shareable forms once a second CPU runs ---- */

static inline void invalidate_bp_and_sync_is(void)
{
	write_bpiallis(0);
	__asm__ volatile("dsb ish" : : : "memory");
	isb();
}

static inline void flush_tlb_all(void)
{
	if (!tlb_broadcast) {
		local_flush_tlb_all();
		return;
	}
	write_tlbiallis(0);
	invalidate_bp_and_sync_is();
}

static inline void flush_tlb_asid(uint32_t asid)
{
	if (!tlb_broadcast) {
		local_flush_tlb_asid(asid);
		return;
	}
	write_tlbiasidis(asid & 0xff);
	invalidate_bp_and_sync_is();
}

static inline void flush_tlb_kernel_page(uint32_t va)
{
	if (!tlb_broadcast) {
		local_flush_tlb_kernel_page(va);
		return;
	}
	write_tlbimvaais(va & ~UINT32_C(0xfff));
	invalidate_bp_and_sync_is();
}

static inline void flush_tlb_kernel_range(uint32_t va, uint32_t len)
{
	if (!tlb_broadcast) {
		local_flush_tlb_kernel_range(va, len);
		return;
	}
	if (len > TLB_FLUSH_PAGES_MAX * UINT32_C(0x1000))
		write_tlbiallis(0);
	else
		for (uint32_t off = 0; off < len; off += 0x1000)
			write_tlbimvaais((va + off) & ~UINT32_C(0xfff));
	invalidate_bp_and_sync_is();
}

static inline void flush_tlb_user_range(uint32_t asid, uint32_t va, uint32_t len)
{
	if (!tlb_broadcast) {
		local_flush_tlb_user_range(asid, va, len);
		return;
	}
	if (len > TLB_FLUSH_PAGES_MAX * UINT32_C(0x1000))
		write_tlbiasidis(asid & 0xff);
	else
		for (uint32_t off = 0; off < len; off += 0x1000)
			write_tlbimvais(((va + off) & ~UINT32_C(0xfff)) | (asid & 0xff));
	invalidate_bp_and_sync_is();
}

static inline void flush_icache_all(void)
{
	if (!tlb_broadcast) {
		local_flush_icache_all();
		return;
	}
	write_icialluis(0);
	invalidate_bp_and_sync_is();
}

#endif
#endif
