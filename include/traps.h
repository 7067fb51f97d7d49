/*
 * Exceptions (kernel/traps.c, kernel/entry.S): the record of the last
 * fault, the probe loads, stores and calls that may fault on purpose,
 * and the CPU's security state.
 */
#ifndef VMSPLIT_TRAPS_H
#define VMSPLIT_TRAPS_H

#include <stdbool.h>
#include <stdint.h>

struct fault_record {
	int kind;		/* EXC_DABT or EXC_PABT */
	uint32_t fsr, far;	/* DFSR/DFAR or IFSR/IFAR */
	uint32_t pc, psr;	/* where, and in which mode */
};
void trap_init(void);
void trap_init_secondary(void);	/* another CPU's VBAR (and MVBAR) */
/* The last fault a probe or a fixup took, on this CPU: each CPU's own
 * (struct cpu_data, include/smp.h), so two CPUs probing at once never
 * read each other's.  Read and written as the variable it was. */
struct fault_record *this_cpu_fault(void);
#define last_fault (*this_cpu_fault())
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

#endif
