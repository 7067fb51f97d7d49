/*
 * The kernel's live page tables on the real MMU (mm/mmu.c): building
 * swapper_pg_dir, switching to it, and asking the MMU itself.
 */
#ifndef VMSPLIT_MMU_H
#define VMSPLIT_MMU_H

#include <stdbool.h>

#include "pgtable.h"

extern struct pgtable kernel_pgtable;	/* swapper_pg_dir and its tables */
extern uint32_t console_virt;		/* the console's static IO address */

int paging_init(void);	/* -1 (said why): the boot cannot go on */
void devicemaps_init(void);
void print_lowmem_tlb_reach(void);
/* The MMU's own answer (ATS1CPR/ATS1CPW, or ATS1CUR/ATS1CUW for PL0): the
 * PA, or (phys_addr_t)-1 when the access would abort; *par gets PAR. */
phys_addr_t mmu_translate(uint32_t va, bool write, uint32_t *par);
phys_addr_t mmu_translate_pl0(uint32_t va, bool write);
/* Table entries were written: make them visible to the table walker. */
void page_tables_written(const void *first, size_t bytes);

#endif
