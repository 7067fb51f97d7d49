/*
 * The tick: the virtual timer, reprogrammed from each interrupt.
 *
 * The next deadline is the last one plus one period (CNTV_CVAL), not
 * "a period from now" (CNTV_TVAL): time spent in the handler does not
 * accumulate as drift.  The virtual timer is the one Linux uses too: PL1
 * may program it whether the kernel was entered in HYP or in SVC.
 */
#include <inttypes.h>

#include "arch_timer.h"
#include "arm/sysreg.h"
#include <stddef.h>

#include <stdio.h>

#include "irq.h"
#include "printk.h"

volatile uint32_t jiffies;

static uint64_t period, next;
static unsigned tick_irq;
/* Why time_init() started no tick; NULL once it did. */
static const char *no_tick = "no interrupt controller that vmsplit drives: it needs a GICv2";

static void write_cntv_ctl(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c3, 1\n\tisb" : : "r"(v) : "memory");
}

static void write_cntv_cval(uint64_t v)
{
	__asm__ volatile("mcrr p15, 3, %0, %1, c14\n\tisb"
			 : : "r"((uint32_t)v), "r"((uint32_t)(v >> 32)) : "memory");
}

static void tick(void *arg)
{
	uint64_t now = read_cntvct();

	(void)arg;
	/* Count every period that has passed: if interrupts were masked
	 * for a while, the ticks missed are still time. */
	do {
		next += period;
		jiffies++;
	} while (next <= now);
	write_cntv_cval(next);	/* the condition no longer holds: line drops */
}

void time_init(unsigned irq)
{
	uint32_t freq = read_cntfrq();

	/* Below HZ, a period would be 0 counts: the handler could never
	 * get ahead of the counter, and would loop for ever. */
	if (freq < HZ || !irq_enabled() || !irq) {
		no_tick = freq < HZ ? "the counter's frequency (CNTFRQ) is below 100 Hz" :
			  !irq_enabled() ? "no interrupt controller" : "no timer interrupt in the device tree";
		printk("arch_timer: no timer interrupt; no tick (uptime still reads CNTVCT)\n");
		return;
	}
	period = freq / HZ;
	next = read_cntvct() + period;
	write_cntv_cval(next);
	write_cntv_ctl(CNTV_CTL_ENABLE);
	if (request_irq(irq, tick, NULL, "arch_timer (virtual)")) {
		write_cntv_ctl(0);
		no_tick = "its interrupt could not be requested";
		return;
	}
	no_tick = NULL;
	tick_irq = irq;
	printk("arch_timer: virtual timer running at %" PRIu32 ".%02" PRIu32 "MHz, %d Hz tick on IRQ %u\n",
	       freq / 1000000, freq / 10000 % 100, HZ, irq);
}

uint64_t uptime_us(void)
{
	uint32_t freq = read_cntfrq();

	return freq ? read_cntvct() * 1000000u / freq : 0;
}

/*
 * Does the tick really come?  Not what the device tree promised but what
 * happens: jiffies must move within a few periods of the counter, with
 * IRQs unmasked.  A GIC that is not there or not a v2, a timer interrupt
 * routed elsewhere or shared with another device all end up here as
 * "no tick came", whatever the board code made of them.
 */
bool tick_works(const char **why)
{
	static char reason[80];
	uint32_t cpsr, j0 = jiffies;
	uint64_t start, now;

	if (no_tick) {
		*why = no_tick;
		return false;
	}
	__asm__ volatile("mrs %0, cpsr" : "=r"(cpsr));
	if (cpsr & PSR_I) {
		*why = "interrupts are masked";
		return false;
	}
	start = read_cntvct();
	/* At most 5 periods of the counter, and a bounded loop even if the
	 * counter stood still. */
	for (uint32_t spins = 0; jiffies == j0 && spins < 50000000u; spins++) {
		now = read_cntvct();
		if (now - start > 5 * period)
			break;
	}
	if (jiffies != j0)
		return true;
	snprintf(reason, sizeof(reason), "IRQ %u did not arrive in %u ms", tick_irq, 5 * 1000 / HZ);
	*why = reason;
	return false;
}
