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
#include "arm/cp15.h"
#include <stddef.h>

#include <stdio.h>

#include "irq.h"
#include "printk.h"
#include "smp.h"

volatile uint32_t jiffies;

/* The period is everyone's; each CPU's next deadline is its own (its
 * virtual timer is its own, and so is its interrupt, a banked PPI). */
static uint64_t period;
static unsigned tick_irq;
static bool started;		/* the timer is programmed and its interrupt requested */
static int verdict;		/* tick_works(): 0 not asked yet, 1 ticks, -1 does not */
/* Why there is no tick, for tick_missing(); NULL while none is known. */
static const char *no_tick = "no interrupt controller that vmsplit drives: it needs a GICv2";
static char no_tick_buf[64];

static void write_cntv_ctl(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c3, 1\n\tisb" : : "r"(v) : "memory");
}

static void write_cntv_cval(uint64_t v)
{
	__asm__ volatile("mcrr p15, 3, %0, %1, c14\n\tisb"
			 : : "r"((uint32_t)v), "r"((uint32_t)(v >> 32)) : "memory");
}

/* jiffies is CPU 0's count alone (as Linux's do_timer CPU): every CPU
 * ticks, but time passes once. */
static void tick(void *arg)
{
	struct cpu_data *c = this_cpu();
	uint64_t now = read_cntvct();

	(void)arg;
	c->ticks++;
	/* Count every period that has passed: if interrupts were masked
	 * for a while, the ticks missed are still time. */
	do {
		c->next_tick += period;
		if (c->cpu == 0)
			jiffies++;
	} while (c->next_tick <= now);
	write_cntv_cval(c->next_tick);	/* the condition no longer holds: line drops */
}

void time_init(unsigned irq)
{
	uint32_t freq = read_cntfrq();

	/* Below HZ, a period would be 0 counts: the handler could never
	 * get ahead of the counter, and would loop for ever. */
	if (freq < HZ || !irq_enabled() || !irq) {
		no_tick = freq < HZ ? "the counter's frequency (CNTFRQ) is below 100 Hz" :
			  !irq_enabled() ? no_tick : "no timer interrupt in the device tree";
		printk("arch_timer: no timer interrupt; no tick (uptime still reads CNTVCT)\n");
		return;
	}
	period = freq / HZ;
	this_cpu()->next_tick = read_cntvct() + period;
	write_cntv_cval(this_cpu()->next_tick);
	write_cntv_ctl(CNTV_CTL_ENABLE);
	if (request_irq(irq, tick, NULL, "arch_timer (virtual)")) {
		write_cntv_ctl(0);
		no_tick = "its interrupt could not be requested";
		printk("arch_timer: no tick (uptime still reads CNTVCT)\n");
		return;
	}
	started = true;
	no_tick = NULL;
	tick_irq = irq;
	printk("arch_timer: virtual timer running at %" PRIu32 ".%02" PRIu32 "MHz, %d Hz tick on IRQ %u\n",
	       freq / 1000000, freq / 10000 % 100, HZ, irq);
}

/* Another CPU's tick: its own virtual timer on the same PPI (the handler
 * CPU 0 requested serves every CPU; the GIC enable is banked, so each
 * CPU enables its own). */
bool time_init_secondary(void)
{
	struct cpu_data *c = this_cpu();

	if (!started)
		return false;
	c->next_tick = read_cntvct() + period;
	write_cntv_cval(c->next_tick);
	write_cntv_ctl(CNTV_CTL_ENABLE);
	irq_enable_here(tick_irq);
	return true;
}

/* The counter's ticks per jiffy: Linux's loops_per_jiffy when its delay
 * loop runs on the architected timer (BogoMIPS = lpj * HZ / 500000). */
uint32_t timer_lpj(void)
{
	return read_cntfrq() / HZ;
}

/*
 * A board whose tick cannot be trusted (a timer interrupt the GIC never
 * delivers, a GIC that is not there) must not make anyone wait on
 * jiffies.  The first question waits, with interrupts on, at most
 * TICK_WAIT_PERIODS periods of the counter for one tick; the answer is
 * kept.  By then a tick has usually come long ago and there is no wait.
 */
#define TICK_WAIT_PERIODS	20

bool tick_works(void)
{
	uint32_t flags, start;
	uint64_t deadline;

	if (verdict)
		return verdict > 0;
	if (!started) {
		verdict = -1;
		return false;
	}
	start = jiffies;
	deadline = read_cntvct() + TICK_WAIT_PERIODS * period;
	flags = local_irq_save();
	local_irq_enable();
	while (jiffies == start && read_cntvct() < deadline)
		;
	local_irq_restore(flags);
	if (jiffies != start || start != 0) {
		verdict = 1;
	} else {
		verdict = -1;
		snprintf(no_tick_buf, sizeof(no_tick_buf), "IRQ %u did not arrive in %d periods",
			 tick_irq, TICK_WAIT_PERIODS);
		no_tick = no_tick_buf;
		write_cntv_ctl(0);
		printk("arch_timer: no tick came in %d periods on IRQ %u; there is no tick\n",
		       TICK_WAIT_PERIODS, tick_irq);
	}
	return verdict > 0;
}

const char *tick_missing(void)
{
	return tick_works() ? NULL : no_tick;
}

uint64_t counter_us(uint64_t ticks)
{
	uint32_t freq = read_cntfrq();

	return freq ? ticks * 1000000u / freq : 0;
}

uint64_t uptime_us(void)
{
	return counter_us(read_cntvct());
}
