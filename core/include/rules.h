/*
 * The Linux eras vmsplit reproduces, as data.
 *
 * Each rule set is one row of the table in core/layout/rules.c: where VMALLOC_END
 * sits, how big the vmalloc area is by default and what vmalloc=SIZE means,
 * how lowmem is cut (per bank, or once for all memory), and how the result
 * is reported.  Code elsewhere asks the row; nothing tests an era by name.
 */
#ifndef VMSPLIT_RULES_H
#define VMSPLIT_RULES_H

#include "types.h"

/* How the kernel decides where lowmem ends. */
enum lowmem_policy {
	/* 2.6.36-3.x sanity_check_meminfo(): each bank is kept, truncated,
	 * ignored or (with highmem) split at vmalloc_min. */
	LOWMEM_SANITY_CHECK_MEMINFO,
	/* 4.x+ adjust_lowmem_bounds(): one limit for all of memblock; without
	 * highmem everything above it is removed in one "Ignoring RAM". */
	LOWMEM_ADJUST_BOUNDS,
};

/* How mem_init() reports memory. */
enum memory_report {
	/* "Memory: 384MB = 384MB total" per meminfo bank, then
	 * "Memory: %luk/%luk available, %luk reserved, %luK highmem". */
	REPORT_MEMINFO_BANKS,
	/* "Zone ranges:" during setup, then
	 * "Memory: %luK/%luK available (%luK kernel code, ...)". */
	REPORT_ZONES,
};

/* The lines of "Virtual kernel memory layout:", in the order an era
 * prints them. */
enum layout_line {
	LINE_END = 0,
	LINE_VECTOR, LINE_FIXMAP, LINE_DMA, LINE_VMALLOC, LINE_LOWMEM,
	LINE_PKMAP, LINE_MODULES,
	LINE_TEXT, LINE_INIT, LINE_DATA, LINE_BSS,
};

enum smp_log {
	/* 2.6.36-3.0: "CPU1: Booted secondary processor", then init/main.c's
	 * "Brought up 2 CPUs" (no topology.c yet). */
	SMP_LOG_BOOTED,
	/* 3.1-3.x: as above, and topology.c's "CPU1: thread -1, cpu 1,
	 * socket 0, mpidr 80000001" for every CPU. */
	SMP_LOG_TOPOLOGY,
	/* 4.x on: the secondary's "Booted" line is pr_debug; kernel/smp.c
	 * says "smp: Bringing up secondary CPUs ..." and "smp: Brought up
	 * 1 node, 2 CPUs". */
	SMP_LOG_NODES,
};

struct vm_rules {
	const char *name;		/* rules=NAME on the command line */
	const char *versions;		/* the Linux releases that behave so */

	/* VMALLOC_END: fixed from 3.3 on; before, each platform's
	 * mach/vmalloc.h chose it (vmalloc_end= overrides it here). */
	uint32_t vmalloc_end;
	bool vmalloc_end_is_platform;

	/* vmalloc_min = VMALLOC_END - reserve - gap, where reserve is the
	 * default or vmalloc=SIZE, and gap depends on which one was used. */
	uint32_t vmalloc_default;
	uint32_t default_gap;
	uint32_t arg_gap;

	/* early_vmalloc() warnings: "<text>, limiting to %lu<unit>". */
	const char *too_small_text;
	const char *too_big_text;
	const char *mb_unit;		/* "MB", or "MiB" from 5.14 */

	enum lowmem_policy lowmem;
	enum memory_report report;
	/* "Memory: 91MB 24MB 493MB": 2.6.36 printed each meminfo bank (a
	 * highmem split shows as two); from 3.0 memblock's regions, which
	 * merge banks that touch. */
	bool memory_line_merges_banks;

	/* Lowmem outside the kernel image: RWX until 4.x, execute-never
	 * since (STRICT_KERNEL_RWX). */
	bool lowmem_xn;

	/* The device tree's memory past 32 bits of physical address: until 4.x
	 * arm_add_memory() says "Truncating memory at ... to fit in 32-bit
	 * physical address space" when a bank reaches 4 GB; from 4.x the generic
	 * early_init_dt_add_memory_arch() says "Ignoring memory range
	 * 0x100000000 - END" only for what lies above 4 GB (a bank ending at
	 * exactly 4 GB: nothing).  The same last page is lost either way. */
	bool dt_memory_generic;

	uint32_t fixmap_start, fixmap_end;	/* FIXADDR_START, FIXADDR_END */
	/* Slot x at FIXADDR_START + x pages (2.6.36-3.x), or at
	 * FIXADDR_TOP - x pages, FIXADDR_TOP = FIXADDR_END - one page (4.x+). */
	bool fixmap_grows_down;
	uint32_t consistent_end;		/* CONSISTENT_END; 0 = no region */
	uint32_t dma_size_default;		/* CONSISTENT_DMA_SIZE */
	bool vector_stubs;			/* 0xffff1000 stubs page (4.x+) */
	/* User space (kernel/task.c): PXN in the first-level descriptors
	 * of user page tables, so the kernel cannot run user code (3.19+);
	 * and DOMAIN_USER set to no access whenever the kernel runs outside
	 * its uaccess routines (CPU_SW_DOMAIN_PAN, 4.3+). */
	bool user_pxn;
	bool sw_domain_pan;
	bool has_3g_opt;			/* offers VMSPLIT_3G_OPT */
	/* ARM_LPAE exists (Linux 3.3 on): the long-descriptor format and a
	 * 64-bit phys_addr_t. */
	bool has_lpae;
	/* How an SMP boot is told (kernel/smp.c; arch/arm/kernel/smp.c,
	 * topology.c and init/main.c or kernel/smp.c of each era). */
	enum smp_log smp_log;

	/* ARM_PATCH_PHYS_VIRT (2.6.39 on): head.S finds PHYS_OFFSET where the
	 * kernel runs and patches every __pa()/__va() with it, which only
	 * works if PHYS_OFFSET - PAGE_OFFSET is a multiple of this: 16 MB
	 * until 5.10, 2 MB from 5.11.  0: the era has no patching (PHYS_OFFSET
	 * is the platform's build-time constant, any value it likes). */
	uint32_t p2v_align;
	/* The device tree's /reserved-memory node (drivers/of/of_reserved_mem.c,
	 * Linux 3.15 on): its no-map children leave the linear map, the others
	 * are reserved; earlier eras read only /memreserve/. */
	bool reserved_memory_node;
	/* How it differs between the two eras that have it (seen in Debian's
	 * 5.10.223 and 6.1 on QEMU): a size-only no-map region is
	 * memblock_remove()d in 5.10 (a gap in "Early memory node ranges")
	 * but marked MEMBLOCK_NOMAP in 6.1 (its own range), as static ones
	 * are in both; and 6.1's "failed to allocate memory for node" line
	 * adds the size. */
	bool resmem_dynamic_nomap_listed;
	bool resmem_alloc_fail_size;

	const enum layout_line *table;		/* LINE_END terminated */
};

extern const struct vm_rules vm_rules[];
extern const unsigned nr_vm_rules;
extern const struct vm_rules *const default_rules;

/* rules=NAME: NULL if no row has that name. */
const struct vm_rules *find_vm_rules(const char *name);

#endif
