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

#include "irq.h"
#include "printk.h"

volatile uint32_t jiffies;

static uint64_t period, next;

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

	if (!freq || !irq_enabled() || !irq) {
		printk("arch_timer: no timer interrupt; no tick (uptime still reads CNTVCT)\n");
		return;
	}
	period = freq / HZ;
	next = read_cntvct() + period;
	write_cntv_cval(next);
	write_cntv_ctl(CNTV_CTL_ENABLE);
	if (request_irq(irq, tick, NULL, "arch_timer (virtual)")) {
		write_cntv_ctl(0);
		return;
	}
	printk("arch_timer: virtual timer running at %" PRIu32 ".%02" PRIu32 "MHz, %d Hz tick on IRQ %u\n",
	       freq / 1000000, freq / 10000 % 100, HZ, irq);
}

uint64_t uptime_us(void)
{
	uint32_t freq = read_cntfrq();

	return freq ? read_cntvct() * 1000000u / freq : 0;
}
