/*
 * What the kernel command line (and the board) ask for, before any
 * decision is taken.  Filled the same way in the kernel and in the host
 * `memlayout` tool, then handed to layout_decide().
 */
#ifndef VMSPLIT_CMDLINE_H
#define VMSPLIT_CMDLINE_H

#include "banks.h"
#include "rules.h"

#define COMMAND_LINE_SIZE	1024	/* as ARM Linux */
#define NR_RESMEM		8	/* /reserved-memory regions kept */

/* One /reserved-memory region (core/layout/reserved_mem.c). */
struct resmem {
	char name[32];			/* its node's name */
	phys_addr_t base, size, align;	/* dynamic: base is where it was placed */
	bool dynamic, no_map, reusable, dma_pool;
	enum resmem_state {
		RESMEM_GIVEN,		/* read from the tree, not applied (an era without it) */
		RESMEM_NOMAP,		/* out of the banks: no linear map */
		RESMEM_RESERVED,	/* reserved in memblock, still in the linear map */
		RESMEM_FAILED,		/* Linux could not reserve or place it (a line said why) */
	} state;
	const char *what;		/* what Linux made of it: "CMA pool", "DMA pool", NULL */
};
#define RUN_LIST_SIZE		COMMAND_LINE_SIZE	/* a run= list may fill the line */

struct boot_config {
	const struct vm_rules *rules;	/* rules= */
	uint32_t page_offset;		/* PAGE_OFFSET: the VMSPLIT choice */
	uint32_t built_page_offset;	/* kernel: what it was linked for; 0 = any (host) */
	phys_addr_t phys_offset;	/* PHYS_OFFSET: where RAM starts */
	/* CONFIG_ARM_LPAE: the long-descriptor format, a 64-bit phys_addr_t
	 * (RAM above 4 GB kept, up to 40 bits).  Set it right after
	 * boot_config_init(), before any RAM is added: without it RAM is cut
	 * at 4 GB as it is added. */
	bool lpae;
	bool highmem;			/* CONFIG_HIGHMEM (highmem=) */
	uint32_t vmalloc_end;		/* VMALLOC_END (vmalloc_end= in the old rules) */
	uint32_t dma_size;		/* CONSISTENT_DMA_SIZE (dma_size=) */

	bool supersections;		/* supersections=on: 16 MB lowmem entries */
	enum reclaim { RECLAIM_NONE, RECLAIM_DONT_MAP_HOLE, RECLAIM_VMALLOC_SAVING } reclaim;	/* msm's Virtual
					 * Memory Reclaim choice (reclaim=) */
	bool guard_before;		/* vmalloc_guard=both: a guard page before each area too */
	bool oops_linux;		/* oops=linux: a fatal fault reported as Linux's oops */
	bool vmalloc_set;		/* vmalloc= was given ... */
	uint32_t vmalloc_reserve;	/* ... and asked for this (after Linux's clamps) */

	struct meminfo mi;		/* banks: firmware's, or mem='s */
	bool usermem;			/* a mem= has replaced the firmware's banks */
	struct meminfo firmware;	/* firmware's banks as given */
	struct meminfo ram;		/* the board's real RAM: no bank may leave it */
	struct meminfo rsv;		/* the firmware's reservations (/memreserve/, /reserved-memory) */
	/* /reserved-memory: its regions as given, and what was applied */
	bool resmem_node, resmem_bad_root;
	int nr_resmem;
	struct resmem resmem[NR_RESMEM];
	struct meminfo nomap;		/* no-map regions taken out of the banks */

	char run[RUN_LIST_SIZE];	/* run="cmd; cmd": shell commands after boot */
	bool run_given;			/* a run= was given, even an empty one: power off after it */
	/* Firmware RAM past 32 bits, said once the era is known (rules=). */
	int nr_clipped;
	struct { phys_addr_t start, end; } clipped[NR_BANKS];
	int banks_dropped;		/* mem= banks past NR_BANKS ... */
	phys_addr_t first_dropped;	/* ... the first of them */
	char unknown[256];		/* parameters nobody knows, for one report */
	int problems;			/* options refused or corrected */
	bool lpae_refused;		/* a choice no LPAE kernel has was asked for
					 * (split=3G_OPT): refused, and the host tool
					 * exits non-zero */
	size_t line_len;		/* bytes of the command line read: a parameter cut at
					 * COMMAND_LINE_SIZE - 1 is left out */
};

/* A hole the firmware cuts out of its RAM (msm's qcom,memblock-remove):
 * the banks lose it; a later mem= may still name it, as in Linux. */
void boot_config_remove_ram(struct boot_config *bc, phys_addr_t start, phys_addr_t size);

/* A range the firmware reserves (/memreserve/): memblock must not hand it
 * out, and the decision must leave room for mem_map beside it. */
void boot_config_reserve_ram(struct boot_config *bc, phys_addr_t start, phys_addr_t size);

/* /reserved-memory as the era reads it (Linux 3.15 on): no-map regions
 * leave the banks, the others are reserved, size-only ones are placed
 * top-down as memblock does; Linux's lines on the way.  Called by
 * boot_config_parse() after mem=, as arm_memblock_init() runs after the
 * early parameters. */
void boot_config_apply_reserved_memory(struct boot_config *bc);

/* Defaults: 3.3/3.4 rules, highmem off, the given split and RAM base. */
void boot_config_init(struct boot_config *bc, uint32_t page_offset,
		      phys_addr_t phys_offset);

/* A RAM range the firmware reports (device tree /memory, or the host
 * tool's -m): a bank, and also the limit that mem= banks must respect. */
void boot_config_add_ram(struct boot_config *bc, phys_addr_t start,
			 phys_addr_t size);

/*
 * Read the command line: first vmsplit's own options (rules=, highmem=,
 * split=, vmalloc_end=, dma_size=, run=), which stand for Linux's build-time
 * choices, then Linux's early parameters (mem=, vmalloc=) in the order given,
 * printing Linux's messages as it goes.  Returns the number of problems.
 */
int boot_config_parse(struct boot_config *bc, const char *cmdline);

/* vmalloc_min: VMALLOC_END less the vmalloc area and the gap below it,
 * by the era's reading of the default or of vmalloc=SIZE. */
uint32_t vmalloc_min_of(const struct boot_config *bc);

/*
 * A boolean parameter of the line, as Linux's bool module parameters take
 * it (kstrtobool: 1, y, Y, on; 0, n, N, off; the name alone is true), the
 * last one given winning: 1 or 0; BOOT_PARAM_ABSENT, or BOOT_PARAM_NOT_BOOL
 * when its value is none of those.  The kernel asks it of printk.time
 * before the line is otherwise read: the first lines wait on the answer.
 */
#define BOOT_PARAM_ABSENT	(-1)
#define BOOT_PARAM_NOT_BOOL	(-2)
int boot_param_bool(const char *cmdline, const char *name);

/* "Unknown kernel command line parameters ..." if there were any. */
void boot_config_report_unknown(const struct boot_config *bc);

/* "3G", "2G", ...: the name of a PAGE_OFFSET choice; NULL if none. */
const char *split_name(uint32_t page_offset);
bool split_from_name(const char *name, uint32_t *page_offset);

/*
 * The VMSPLIT choices as data, one row each: PAGE_OFFSET, and what an LPAE
 * kernel does with it.  Linux's proc-v7-3level.S sets TTBCR.T1SZ to
 * (PAGE_OFFSET >> 30) - 1 and leaves T0SZ at 0, so TTBR1 translates the
 * top gigabyte under VMSPLIT_3G, the top two under 2G, and nothing under
 * 1G; VMSPLIT_3G_OPT has no LPAE kernel at all (arch/arm/Kconfig).
 */
struct split_info {
	const char *name;
	uint32_t page_offset;
	bool lpae_ok;			/* Kconfig allows it with ARM_LPAE */
	uint8_t lpae_t0sz, lpae_t1sz;	/* TTBCR under LPAE */
	const char *lpae_refusal;	/* why not, when !lpae_ok */
};

const struct split_info *split_info_of(uint32_t page_offset);

/* LPAE's physical address space: 40 bits (PHYS_MASK of pgtable-3level.h). */
#define LPAE_PHYS_LIMIT		(UINT64_C(1) << 40)

#endif
