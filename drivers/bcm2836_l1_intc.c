/*
 * BCM2836 local interrupt controller driver: core 0 only, the generic
 * timer's outputs only (the only sources it can enable; the others it
 * reports pending but never turns on).  QEMU models it in
 * hw/intc/bcm2836_control.c.
 */
#include "bcm2836_l1_intc.h"
#include "irq_chip.h"

static volatile uint32_t *regs;
static uint32_t enabled;		/* inputs routed to IRQ */

unsigned bcm2836_l1_init(uintptr_t base)
{
	regs = (volatile uint32_t *)base;
	enabled = 0;
	regs[LOCAL_TIMER_INT_CONTROL0 / 4] = 0;
	return LOCAL_IRQ_INPUTS;
}

static void l1_enable(unsigned id)
{
	if (id >= LOCAL_IRQ_TIMERS)
		return;		/* mailboxes and the GPU's line: not driven here */
	enabled |= 1u << id;
	regs[LOCAL_TIMER_INT_CONTROL0 / 4] = enabled;
}

static void l1_disable(unsigned id)
{
	if (id >= LOCAL_IRQ_TIMERS)
		return;
	enabled &= ~(1u << id);
	regs[LOCAL_TIMER_INT_CONTROL0 / 4] = enabled;
}

/* The lowest pending input among those enabled: levels, so a handler
 * that quietens its source (the timer's next compare value) ends it. */
static bool l1_ack(uint32_t *token, unsigned *id)
{
	uint32_t pending = regs[LOCAL_IRQ_PENDING0 / 4] & enabled;

	if (!pending)
		return false;
	*id = (unsigned)__builtin_ctz(pending);
	*token = *id;
	return true;
}

static void l1_eoi(uint32_t token)
{
	(void)token;
}

const struct irq_chip bcm2836_l1_chip = {
	.name = "BCM2836 local",
	.ack = l1_ack,
	.eoi = l1_eoi,
	.enable = l1_enable,
	.disable = l1_disable,
};
