/*
 * The BCM2836's ARM-local interrupt controller (the "ARM Quad A7 core"
 * block at 0x40000000 on the Raspberry Pi 2; Linux's bcm2836-l1-intc):
 * per core, which of the generic timer's four outputs raise IRQ, and
 * which sources are pending.  Its inputs 0-3 are CNTPSIRQ, CNTPNSIRQ,
 * CNTHPIRQ and CNTVIRQ; 4-7 the mailboxes, 8 the BCM2835's controller
 * (the GPU's interrupts, the UART's among them), 9 the PMU, 11 the local
 * timer.  There is no acknowledge or end of interrupt: a source is
 * pending while its line is high.
 */
#ifndef VMSPLIT_BCM2836_L1_INTC_H
#define VMSPLIT_BCM2836_L1_INTC_H

#include <stdint.h>

#define LOCAL_TIMER_INT_CONTROL0	0x40	/* core 0; bits 0-3 to IRQ, 4-7 to FIQ */
#define LOCAL_IRQ_PENDING0		0x60	/* core 0's pending sources */
#define LOCAL_IRQ_TIMERS		4	/* inputs 0-3: the generic timer's */
#define LOCAL_IRQ_INPUTS		12

/* Core 0's half at these virtual addresses: every timer output off.
 * Returns how many input IDs there are. */
unsigned bcm2836_l1_init(uintptr_t base);

#endif
