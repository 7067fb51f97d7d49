/* What the parts of the running kernel share. */
#ifndef VMSPLIT_KERNEL_H
#define VMSPLIT_KERNEL_H

#include "board.h"
#include "layout_print.h"
#include "memblock.h"
#include "pgtable.h"
#include "ptrace.h"

extern struct boot_config boot_config;	/* what the command line asked */
extern struct layout kernel_layout;	/* the decided layout */
extern struct board_info board;		/* what the device tree said */
extern struct memblock memblock;	/* physical memory at boot */
extern struct pgtable kernel_pgtable;	/* swapper_pg_dir and its tables */
extern struct image_sections kernel_image;
extern phys_addr_t dtb_phys;
extern uint32_t console_virt;		/* the console's static IO address */

/* mm/mmu.c, mm/vectors.c, mm/io_map.c */
int paging_init(void);	/* -1 (said why): the boot cannot go on */
void devicemaps_init(void);
void print_lowmem_tlb_reach(void);
phys_addr_t mmu_translate(uint32_t va, bool write, uint32_t *par);
phys_addr_t mmu_translate_pl0(uint32_t va, bool write);
/* Table entries were written: make them visible to the table walker. */
void page_tables_written(const uint32_t *entry, size_t count);
int vectors_init(void);
void vectors_enable_high(void);
void iotable_init(void);
uint32_t io_map_virt(phys_addr_t phys);

/* kernel/traps.c */
struct fault_record {
	int kind;		/* EXC_DABT or EXC_PABT */
	uint32_t fsr, far;	/* DFSR/DFAR or IFSR/IFAR */
	uint32_t pc, psr;	/* where, and in which mode */
};
void trap_init(void);
extern struct fault_record last_fault;
int probe_read8(uint32_t addr, uint32_t *val);
int probe_read16(uint32_t addr, uint32_t *val);
int probe_read32(uint32_t addr, uint32_t *val);
int probe_write8(uint32_t addr, uint32_t val);
int probe_write16(uint32_t addr, uint32_t val);
int probe_write32(uint32_t addr, uint32_t val);
int probe_exec(uint32_t addr);
extern uint32_t probe_exec_value;	/* r0 of the last probe_exec() that returned */
/* The shell's exec: refuses (1, with the reason) a target the CPU could
 * fetch at PL1, calls the others and reports their fault (0). */
int exec_probe_checked(uint32_t addr);
/* The check alone: true (and the reason printed, as cmd) if the CPU
 * could fetch at addr, so that calling it would run whatever is there. */
bool exec_refused(const char *cmd, uint32_t addr);
void print_fault(const struct fault_record *f);
extern bool cpu_secure;		/* running in Secure state: no firmware above */
int read_scr(uint32_t *scr);	/* 0, or -1 where SCR cannot be read (Non-secure) */
extern int exception_depth;	/* exceptions being handled (task_run restores it) */

/* kernel/poweroff.c */
void poweroff_init(enum psci_conduit conduit);
_Noreturn void machine_poweroff(int status);
/* The last resort: semihosting's exit if QEMU has it, else WFI forever. */
_Noreturn void machine_halt(int status);

/* kernel/mmucheck.c */
int mmu_check(bool verbose);

/* kernel/shell.c */
void shell_run_list(const char *list);
_Noreturn void shell_interactive(void);

#endif
