/*
 * BCM2836 local interrupt controller driver, with the BCM2835 controller
 * behind its input 8: core 0 only; the generic timer's outputs (inputs
 * 0-3) and the GPU side's interrupts (IDs 32-95, the UART's among them).
 * QEMU models them in hw/intc/bcm2836_control.c and bcm2835_ic.c.
 */
#include "bcm2836_l1_intc.h"
#include "irq_chip.h"

static volatile uint32_t *regs, *armctrl;
static uint32_t enabled;		/* timer inputs routed to IRQ */
static uint32_t gpu_enabled[2];		/* the BCM2835's banks 1 and 2 */

unsigned bcm2836_l1_init(uintptr_t base, uintptr_t armctrl_base)
{
	regs = (volatile uint32_t *)base;
	armctrl = (volatile uint32_t *)armctrl_base;
	enabled = 0;
	regs[LOCAL_TIMER_INT_CONTROL0 / 4] = 0;
	if (!armctrl)
		return LOCAL_IRQ_INPUTS;
	armctrl[ARMCTRL_DISABLE1 / 4] = 0xffffffff;
	armctrl[ARMCTRL_DISABLE2 / 4] = 0xffffffff;
	gpu_enabled[0] = gpu_enabled[1] = 0;
	return BCM2836_NR_IDS;
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

	if (bank >= 0) {
		uint32_t bit = 1u << ((id - BCM2836_FIRST_GPU_ID) % 32);

		gpu_enabled[bank] |= bit;
		armctrl[(bank ? ARMCTRL_ENABLE2 : ARMCTRL_ENABLE1) / 4] = bit;
		return;
	}
	if (id >= LOCAL_IRQ_TIMERS)
		return;		/* mailboxes, PMU, local timer: not driven here */
	enabled |= 1u << id;
	regs[LOCAL_TIMER_INT_CONTROL0 / 4] = enabled;
}

static void l1_disable(unsigned id)
{
	int bank = gpu_bank(id);

	if (bank >= 0) {
		uint32_t bit = 1u << ((id - BCM2836_FIRST_GPU_ID) % 32);

		gpu_enabled[bank] &= ~bit;
		armctrl[(bank ? ARMCTRL_DISABLE2 : ARMCTRL_DISABLE1) / 4] = bit;
		return;
	}
	if (id >= LOCAL_IRQ_TIMERS)
		return;
	enabled &= ~(1u << id);
	regs[LOCAL_TIMER_INT_CONTROL0 / 4] = enabled;
}

/* The lowest pending source among those enabled: a timer input, else,
 * when input 8 is up, a GPU interrupt from the BCM2835's banks.  All are
 * levels, so a handler that quietens its source (the timer's next compare
 * value, the UART's FIFO read empty) ends it. */
static bool l1_ack(uint32_t *token, unsigned *id)
{
	uint32_t local = regs[LOCAL_IRQ_PENDING0 / 4];
	uint32_t pending = local & enabled;

	if (pending) {
		*id = (unsigned)__builtin_ctz(pending);
		*token = *id;
		return true;
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

const struct irq_chip bcm2836_l1_chip = {
	.name = "BCM2836 local",
	.ack = l1_ack,
	.eoi = l1_eoi,
	.enable = l1_enable,
	.disable = l1_disable,
};
