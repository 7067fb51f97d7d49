/*
 * An interrupt controller as kernel/irq.c drives it: one per board, the
 * one its device tree names (a GICv2 on virt and vexpress-a15, the
 * BCM2836's local controller on raspi2b).  IDs are the controller's own.
 */
#ifndef VMSPLIT_IRQ_CHIP_H
#define VMSPLIT_IRQ_CHIP_H

#include <stdbool.h>
#include <stdint.h>

struct irq_chip {
	const char *name;
	/* The next pending interrupt: *id, and a token for eoi(); false
	 * when nothing (more) is pending. */
	bool (*ack)(uint32_t *token, unsigned *id);
	void (*eoi)(uint32_t token);
	/* On the CPU that calls it, for an ID that is each CPU's own (a
	 * timer's, an IPI's). */
	void (*enable)(unsigned id);
	void (*disable)(unsigned id);
	/* Several CPUs (kernel/smp.c); send_ipi NULL where the chip has no
	 * IPIs.  IPI n (IPI_CALL_FUNC, IPI_WAKE) arrives as ID ipi_base + n. */
	void (*cpu_init)(void);		/* a secondary CPU's own half, before it enables any */
	void (*send_ipi)(uint32_t cpu_mask, unsigned ipi);
	unsigned ipi_base;
};

extern const struct irq_chip gic_chip;
extern const struct irq_chip bcm2836_l1_chip;

#endif
