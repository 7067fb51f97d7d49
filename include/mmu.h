/*
 * The kernel's live page tables on the real MMU (mm/mmu.c): building
 * swapper_pg_dir, switching to it, and asking the MMU itself.
 */
#ifndef VMSPLIT_MMU_H
#define VMSPLIT_MMU_H

#include <stdbool.h>
#include <stddef.h>

#include "pgtable.h"

extern struct pgtable kernel_pgtable;	/* swapper_pg_dir and its tables */

/*
 * What the kernel's descriptor format does on the real MMU, in the file
 * the Makefile picks for it (mm/mmu_short.c or mm/mmu_long.c, as Linux's
 * proc-v7-2level.S and proc-v7-3level.S).
 */
struct mmu_format {
	const struct pgtable_format *pgtable;
	bool lpae;			/* the long-descriptor format */
	/* Point pt at swapper_pg_dir, with any tables the format keeps
	 * fixed (the long format's four second-level tables). */
	void (*setup_swapper)(struct pgtable *pt);
	/* Translate through the table at root from now on (TTBRs, TTBCR);
	 * the caller invalidates the TLB. */
	void (*install)(phys_addr_t root);
	/* PAR after an ATS1C**: read it; its output address for va, or
	 * (phys_addr_t)-1 if the walk aborted; then its fault status in the
	 * DFSR's format, for fsr_description(). */
	uint64_t (*read_par)(void);
	phys_addr_t (*par_pa)(uint32_t va, uint64_t par);
	uint32_t (*par_fsr)(uint64_t par);
	/* A successful PAR's memory attributes in words (" (...)"), or ""
	 * where the MMU left them zero. */
	void (*par_attrs)(uint64_t par, char *buf, size_t n);
	/* The translation regime in a few words, for the boot's MMU line
	 * (the format, where TTBR0 and TTBR1 point). */
	void (*describe_regime)(char *buf, size_t n);
	/* The boot line saying what the kernel's tables take. */
	void (*print_table_memory)(const struct pgtable *pt);
	/*
	 * Before paging_init, a spare block-level slot of head.S's boot
	 * table (below the early UART's) lets the kernel read any physical
	 * address once: probe_map puts pa's section or block there as
	 * device memory and returns pa's virtual address (0 if the format
	 * cannot reach pa); probe_unmap empties it; probe_slot_used says
	 * head.S took the slot (a device tree mapped there).
	 */
	uint32_t (*probe_map)(phys_addr_t pa);
	void (*probe_unmap)(void);
	bool (*probe_slot_used)(void);
	/* Before paging_init(): map the console's UART (at pa) in the boot
	 * table's slot at DEBUG_UART_VIRT, as device memory; returns pa's
	 * virtual address there, 0 if the format cannot reach pa. */
	uint32_t (*early_console_map)(phys_addr_t pa);
	phys_addr_t probe_limit;	/* the first PA the format cannot map */
};

extern const struct mmu_format mmu_format;
extern uint32_t console_virt;		/* the console's static IO address */

int paging_init(void);	/* -1 (said why): the boot cannot go on */
void devicemaps_init(void);
void print_lowmem_tlb_reach(void);
/* The MMU's own answer (ATS1CPR/ATS1CPW, or ATS1CUR/ATS1CUW for PL0): the
 * PA, or (phys_addr_t)-1 when the access would abort; *par gets PAR. */
phys_addr_t mmu_translate(uint32_t va, bool write, uint64_t *par);
phys_addr_t mmu_translate_pl0(uint32_t va, bool write);
/* Table entries were written: make them visible to the table walker. */
void page_tables_written(const void *first, size_t bytes);

#endif
