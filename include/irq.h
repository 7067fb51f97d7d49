/* Interrupts: the CPU's mask bit and the handlers behind the GIC. */
#ifndef VMSPLIT_IRQ_H
#define VMSPLIT_IRQ_H

#include <stdbool.h>
#include <stdint.h>

#include "arm/psr.h"
#include "ptrace.h"

static inline uint32_t local_irq_save(void)
{
	uint32_t flags;

	__asm__ volatile("mrs %0, cpsr\n\tcpsid i" : "=r"(flags) : : "memory");
	return flags;
}

static inline void local_irq_restore(uint32_t flags)
{
	__asm__ volatile("msr cpsr_c, %0" : : "r"(flags) : "memory");
}

static inline void local_irq_enable(void)
{
	__asm__ volatile("cpsie i" : : : "memory");
}

/* Sleep until an interrupt is pending.  Called with IRQs masked, so one
 * arriving between the caller's last check and the WFI still wakes it
 * (WFI wakes on a pending IRQ even when CPSR.I is set). */
static inline void wait_for_interrupt(void)
{
	__asm__ volatile("dsb\n\twfi" : : : "memory");
}

typedef void (*irq_handler_t)(void *arg);

/* The interrupt controller from the device tree (a GIC, or the BCM2836's
 * local one), if there is one: true when interrupts can be used.  Prints
 * what it found. */
bool init_IRQ(void);
bool irq_enabled(void);
/* IPIs between CPUs (the GIC's SGIs, the BCM2836's mailboxes): whether
 * the controller has them, the ID IPI n arrives as, sending one. */
bool irq_has_ipis(void);
unsigned irq_ipi_id(unsigned ipi);
void irq_send_ipi(uint32_t cpu_mask, unsigned ipi);
/* A secondary CPU: its half of the controller, its IPIs enabled. */
void irq_cpu_init(void);
/* An ID that is each CPU's own (the tick's), enabled on this CPU. */
void irq_enable_here(unsigned id);
/* The virtual timer's interrupt ID on the controller init_IRQ found
 * (the GIC's PPI 27, or the BCM2836's input 3); 0 if none. */
unsigned irq_timer_id(void);
/* The console UART's (the GIC's SPI, or the BCM2835's GPU interrupt). */
unsigned irq_uart_id(void);
/* Route GIC interrupt `id` to handler; 0 or -1 (with a message). */
int request_irq(unsigned id, irq_handler_t handler, void *arg, const char *name);
/* kernel/traps.c calls this for every IRQ exception. */
void handle_irq(struct pt_regs *regs);
/* One line per requested interrupt with its count (/proc/interrupts). */
void irq_print(void);

#endif
