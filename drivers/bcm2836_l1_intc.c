/*
 * BCM2836 local interrupt controller driver, with the BCM2835 controller
 * behind its input 8: each core's half (its timer inputs, its mailboxes),
 * and the GPU side's interrupts (IDs 32-95, the UART's among them), which
 * the controller routes to core 0 (GPU_INT_ROUTING's reset value).
 * QEMU models them in hw/intc/bcm2836_control.c and bcm2835_ic.c.
 *
 * IPIs are mailbox 0 of the target core, as Linux's irq-bcm2836.c sends
 * them: IPI n sets bit n (the SET register, one per core and mailbox),
 * the target's mailbox-0 input (4) rises while any bit is set, and its
 * handler clears the bit it takes (the read-and-clear register).  They
 * arrive here as IDs BCM2836_IPI_BASE + n.
 */
#include "bcm2836_l1_intc.h"
#include "irq_chip.h"
#include "smp.h"

static volatile uint32_t *regs, *armctrl;
static uint32_t enabled[NR_CPUS];	/* each core's timer inputs routed to IRQ */
static bool ipis_on[NR_CPUS];		/* each core's mailbox 0 interrupt */
static uint32_t gpu_enabled[2];		/* the BCM2835's banks 1 and 2 */

static unsigned core(void)
{
	return smp_processor_id();
}

static void reg_write(unsigned off, uint32_t v)
{
	regs[off / 4] = v;
}

static uint32_t reg_read(unsigned off)
{
	return regs[off / 4];
}

unsigned bcm2836_l1_init(uintptr_t base, uintptr_t armctrl_base)
{
	regs = (volatile uint32_t *)base;
	armctrl = (volatile uint32_t *)armctrl_base;
	for (unsigned c = 0; c < NR_CPUS; c++) {
		enabled[c] = 0;
		ipis_on[c] = false;
	}
	reg_write(LOCAL_TIMER_INT_CONTROL0, 0);
	reg_write(LOCAL_MAILBOX_INT_CONTROL0, 0);
	if (armctrl) {
		armctrl[ARMCTRL_DISABLE1 / 4] = 0xffffffff;
		armctrl[ARMCTRL_DISABLE2 / 4] = 0xffffffff;
		gpu_enabled[0] = gpu_enabled[1] = 0;
	}
	return BCM2836_NR_IDS_ALL;
}

/* A GPU interrupt's bank (0 or 1 here: the tree's 1 or 2) and bit, or -1. */
static int gpu_bank(unsigned id)
{
	if (!armctrl || id < BCM2836_FIRST_GPU_ID || id >= BCM2836_NR_IDS)
		return -1;
	return (int)((id - BCM2836_FIRST_GPU_ID) / 32);
}

static void l1_enable(unsigned id)
{
	int bank = gpu_bank(id);
	unsigned c = core();

	if (bank >= 0) {
		uint32_t bit = 1u << ((id - BCM2836_FIRST_GPU_ID) % 32);

		gpu_enabled[bank] |= bit;
		armctrl[(bank ? ARMCTRL_ENABLE2 : ARMCTRL_ENABLE1) / 4] = bit;
		return;
	}
	if (id >= BCM2836_IPI_BASE && id < BCM2836_NR_IDS_ALL) {
		ipis_on[c] = true;	/* one input for every IPI: mailbox 0's */
		reg_write(LOCAL_MAILBOX_INT_CONTROL0 + 4 * c, 1);
		return;
	}
	if (id >= LOCAL_IRQ_TIMERS)
		return;		/* PMU, local timer: not driven here */
	enabled[c] |= 1u << id;
	reg_write(LOCAL_TIMER_INT_CONTROL0 + 4 * c, enabled[c]);
}

static void l1_disable(unsigned id)
{
	int bank = gpu_bank(id);
	unsigned c = core();

	if (bank >= 0) {
		uint32_t bit = 1u << ((id - BCM2836_FIRST_GPU_ID) % 32);

		gpu_enabled[bank] &= ~bit;
		armctrl[(bank ? ARMCTRL_DISABLE2 : ARMCTRL_DISABLE1) / 4] = bit;
		return;
	}
	if (id >= LOCAL_IRQ_TIMERS)
		return;		/* IPIs stay on once a CPU takes them */
	enabled[c] &= ~(1u << id);
	reg_write(LOCAL_TIMER_INT_CONTROL0 + 4 * c, enabled[c]);
}

/* The lowest pending source among those enabled on this core: a timer
 * input, an IPI from its mailbox 0 (taken off it here), else, when input
 * 8 is up, a GPU interrupt from the BCM2835's banks.  The others are
 * levels, so a handler that quietens its source (the timer's next compare
 * value, the UART's FIFO read empty) ends it. */
static bool l1_ack(uint32_t *token, unsigned *id)
{
	unsigned c = core();
	uint32_t local = reg_read(LOCAL_IRQ_PENDING0 + 4 * c);
	uint32_t pending = local & enabled[c];

	if (pending) {
		*id = (unsigned)__builtin_ctz(pending);
		*token = *id;
		return true;
	}
	if (ipis_on[c] && (local & (1u << LOCAL_IRQ_MAILBOX0))) {
		uint32_t mbox = reg_read(LOCAL_MAILBOX0_CLR0 + 16 * c);

		if (mbox) {
			unsigned ipi = (unsigned)__builtin_ctz(mbox);

			reg_write(LOCAL_MAILBOX0_CLR0 + 16 * c, 1u << ipi);
			*id = BCM2836_IPI_BASE + ipi;
			*token = *id;
			return true;
		}
	}
	if (!armctrl || !(local & (1u << LOCAL_IRQ_GPU)))
		return false;
	for (int bank = 0; bank < 2; bank++) {
		pending = armctrl[(bank ? ARMCTRL_PENDING2 : ARMCTRL_PENDING1) / 4] & gpu_enabled[bank];
		if (pending) {
			*id = BCM2836_FIRST_GPU_ID + 32 * (unsigned)bank + (unsigned)__builtin_ctz(pending);
			*token = *id;
			return true;
		}
	}
	return false;
}

static void l1_eoi(uint32_t token)
{
	(void)token;
}

/* A secondary core's half: nothing routed, its mailbox 0 empty. */
static void l1_cpu_init(void)
{
	unsigned c = core();

	reg_write(LOCAL_TIMER_INT_CONTROL0 + 4 * c, 0);
	reg_write(LOCAL_MAILBOX_INT_CONTROL0 + 4 * c, 0);
	reg_write(LOCAL_MAILBOX0_CLR0 + 16 * c, 0xffffffff);
}

/* The DSB first: whatever the target reads on taking the IPI (a call's
 * mailbox in memory) must be written before the bit can be seen. */
static void l1_send_ipi(uint32_t cpu_mask, unsigned ipi)
{
	__asm__ volatile("dsb" : : : "memory");
	for (unsigned c = 0; c < NR_CPUS; c++)
		if (cpu_mask & (1u << c))
			reg_write(LOCAL_MAILBOX0_SET0 + 16 * c, 1u << ipi);
}

/* Linux's bcm2836_smp_boot_secondary(): the core waits in the loader's
 * loop (QEMU's, below the image) for an address in its mailbox 3, which
 * it clears and jumps to, with r0 its core number. */
void bcm2836_start_cpu(unsigned cpu, uint32_t entry_phys)
{
	__asm__ volatile("dsb" : : : "memory");
	reg_write(LOCAL_MAILBOX3_SET0 + 16 * cpu, entry_phys);
	__asm__ volatile("dsb\n\tsev" : : : "memory");
}

const struct irq_chip bcm2836_l1_chip = {
	.name = "BCM2836 local",
	.ack = l1_ack,
	.eoi = l1_eoi,
	.enable = l1_enable,
	.disable = l1_disable,
	.cpu_init = l1_cpu_init,
	.send_ipi = l1_send_ipi,
	.ipi_base = BCM2836_IPI_BASE,
};
