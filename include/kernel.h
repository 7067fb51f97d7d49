/* What the parts of the running kernel share. */
#ifndef VMSPLIT_KERNEL_H
#define VMSPLIT_KERNEL_H

#include "board.h"
#include "layout_print.h"
#include "memblock.h"
#include "pgtable.h"
#include "ptrace.h"

extern struct layout kernel_layout;	/* the decided layout */
extern struct board_info board;		/* what the device tree said */
extern struct memblock memblock;	/* physical memory at boot */
extern struct pgtable kernel_pgtable;	/* swapper_pg_dir and its tables */
extern struct image_sections kernel_image;
extern phys_addr_t dtb_phys;
extern uint32_t console_virt;		/* the console's static IO address */

/* mm/mmu.c */
void paging_init(void);
phys_addr_t mmu_translate(uint32_t va, bool write, uint32_t *par);

/* kernel/traps.c */
struct fault_record {
	int kind;		/* EXC_DABT or EXC_PABT */
	uint32_t fsr, far, pc;
};
void trap_init(void);
extern struct fault_record last_fault;
int probe_read8(uint32_t addr, uint32_t *val);
int probe_read16(uint32_t addr, uint32_t *val);
int probe_read32(uint32_t addr, uint32_t *val);
int probe_write8(uint32_t addr, uint32_t val);
int probe_write16(uint32_t addr, uint32_t val);
int probe_write32(uint32_t addr, uint32_t val);
void print_fault(const struct fault_record *f);

/* kernel/poweroff.c */
void poweroff_init(enum psci_conduit conduit);
_Noreturn void machine_poweroff(int status);

/* kernel/mmucheck.c */
int mmu_check(bool verbose);

/* kernel/shell.c */
void shell_run_list(const char *list);
_Noreturn void shell_interactive(void);

#endif
