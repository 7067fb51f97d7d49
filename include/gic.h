/*
 * ARM Generic Interrupt Controller, version 2 (GIC architecture
 * specification v2, chapter 4): the distributor routes each interrupt ID
 * to a CPU interface, which signals IRQ and hands out the highest
 * priority pending ID on a read of GICC_IAR.
 */
#ifndef VMSPLIT_GIC_H
#define VMSPLIT_GIC_H

#include <stdint.h>

/* Distributor */
#define GICD_CTLR		0x000
#define GICD_TYPER		0x004	/* ITLinesNumber in bits 4:0 */
#define GICD_ISENABLER		0x100	/* one bit per ID, write 1 to enable */
#define GICD_ICENABLER		0x180	/* ... write 1 to disable */
#define GICD_ICPENDR		0x280	/* ... write 1 to clear pending */
#define GICD_IPRIORITYR		0x400	/* one byte per ID, lower is more urgent */
#define GICD_ITARGETSR		0x800	/* one byte per ID, a CPU bit mask */
#define GICD_SGIR		0xf00	/* software generated interrupts: target list 23:16, ID 3:0 */
#define GICD_PIDR2		0xfe8	/* ArchRev in bits 7:4: 1 GICv1, 2 GICv2 */
#define GICD_CTLR_ENABLE	0x1

/* CPU interface */
#define GICC_CTLR		0x00
#define GICC_PMR		0x04	/* priorities below (numerically above) this are masked */
#define GICC_IAR		0x0c	/* acknowledge: the ID in bits 9:0 */
#define GICC_EOIR		0x10	/* end of interrupt: write back the IAR value */
#define GICC_IIDR		0xfc	/* architecture version in bits 19:16 */
#define GICC_CTLR_ENABLE	0x1

#define GIC_ID_MASK		0x3ff
#define GIC_SPURIOUS		1023	/* nothing pending (any more) */
#define GIC_FIRST_SPI		32
#define GIC_PRIO_DEFAULT	0xa0
#define GIC_PMR_ALL		0xf0	/* let every priority we use through */

/* Set up both halves (registers at these virtual addresses): every
 * interrupt off, shared ones routed to CPU 0.  Returns how many
 * interrupt IDs the distributor implements. */
unsigned gic_init(uintptr_t dist, uintptr_t cpu);
void gic_enable(unsigned id);
void gic_disable(unsigned id);
unsigned gic_ack(void);			/* GICC_IAR: the full value */
void gic_eoi(unsigned iar);
/* A secondary CPU: its CPU interface and its banked IDs 0-31. */
void gic_cpu_init(void);
/* Software generated interrupt `id` (0-15) to the CPUs in cpu_mask. */
void gic_send_sgi(uint32_t cpu_mask, unsigned id);

#endif
