/*
 * The ARMv7 Generic Timer (ARM ARM B8): a system counter every CPU reads
 * (CNTVCT, the virtual count) and a per-CPU virtual timer that raises its
 * private interrupt when the count reaches CNTV_CVAL.
 */
#ifndef VMSPLIT_ARCH_TIMER_H
#define VMSPLIT_ARCH_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#define CNTV_CTL_ENABLE		(1u << 0)
#define CNTV_CTL_IMASK		(1u << 1)	/* the interrupt is masked */
#define CNTV_CTL_ISTATUS	(1u << 2)	/* the condition is met */

#define HZ			100		/* ticks per second */

extern volatile uint32_t jiffies;		/* ticks since time_init() */

/* Start the tick on the virtual timer's interrupt `irq`; prints the
 * counter's frequency.  Without a GIC or an interrupt, no tick. */
void time_init(unsigned irq);
/* A secondary CPU: its own timer on the same interrupt; false if CPU 0
 * has no tick. */
bool time_init_secondary(void);
/* Counter ticks per jiffy (Linux's timer-based loops_per_jiffy). */
uint32_t timer_lpj(void);
/* Does the tick work: was the timer started, and does its interrupt come?
 * The first call may wait up to 20 periods (200 ms of counter time) for a
 * tick, with interrupts on; the answer is kept, and a timer that never
 * ticked is stopped with a line.  Callers that wait on jiffies ask first. */
bool tick_works(void);
/* Why there is no tick ("no timer interrupt in the device tree", "IRQ 33
 * did not arrive in 20 periods"...), or NULL when it works. */
const char *tick_missing(void);
/* Microseconds of QEMU time since power-on, from CNTVCT; and what a
 * reading of the counter taken earlier was, in microseconds. */
uint64_t uptime_us(void);
uint64_t counter_us(uint64_t ticks);

#endif
