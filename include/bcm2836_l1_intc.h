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

/* Each core's register is core 0's plus 4 * core (the mailboxes' plus
 * 16 * core: four a core). */
#define LOCAL_TIMER_INT_CONTROL0	0x40	/* core 0; bits 0-3 to IRQ, 4-7 to FIQ */
#define LOCAL_MAILBOX_INT_CONTROL0	0x50	/* core 0; bits 0-3: mailbox n to IRQ */
#define LOCAL_IRQ_PENDING0		0x60	/* core 0's pending sources */
#define LOCAL_MAILBOX0_SET0		0x80	/* core 0's mailbox 0: write 1s to set */
#define LOCAL_MAILBOX3_SET0		0x8c	/* core 0's mailbox 3 (the start address) */
#define LOCAL_MAILBOX0_CLR0		0xc0	/* core 0's mailbox 0: read, write 1s to clear */
#define LOCAL_IRQ_TIMERS		4	/* inputs 0-3: the generic timer's */
#define LOCAL_IRQ_MAILBOX0		4	/* input 4: mailbox 0 (the IPIs) */
#define LOCAL_IRQ_GPU			8	/* input 8: the BCM2835 controller's */
#define LOCAL_IRQ_INPUTS		12

/*
 * The BCM2835's own controller ("brcm,bcm2836-armctrl-ic", 0x3f00b200 on
 * the Pi 2) collects the GPU side's 64 interrupts (the PL011's is 57) and
 * raises local input 8.  Its pending, enable and disable registers come
 * in banks of 32: bank 1 is GPU interrupts 0-31, bank 2 is 32-63 (the
 * tree's <bank bit>).  vmsplit numbers them after the local inputs:
 * ID 32 + 32 * (bank - 1) + bit.
 */
#define ARMCTRL_PENDING1		0x04
#define ARMCTRL_PENDING2		0x08
#define ARMCTRL_ENABLE1			0x10
#define ARMCTRL_ENABLE2			0x14
#define ARMCTRL_DISABLE1		0x1c
#define ARMCTRL_DISABLE2		0x20
#define BCM2836_FIRST_GPU_ID		32
#define BCM2836_NR_IDS			(BCM2836_FIRST_GPU_ID + 64)
/* The IPIs (mailbox 0's 32 bits), numbered after those. */
#define BCM2836_IPI_BASE		BCM2836_NR_IDS
#define BCM2836_NR_IDS_ALL		(BCM2836_IPI_BASE + 32)

/* The controller at these virtual addresses (and the BCM2835 controller's,
 * 0 if the tree has none): every source off.  Returns how many IDs. */
unsigned bcm2836_l1_init(uintptr_t base, uintptr_t armctrl);
/* Start core cpu at entry_phys (the loader's wait on mailbox 3). */
void bcm2836_start_cpu(unsigned cpu, uint32_t entry_phys);

#endif
