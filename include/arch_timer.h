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
/* Whether the tick is running, measured (jiffies advance within 50 ms);
 * if not, *why says what is missing. */
bool tick_works(const char **why);
/* Microseconds of QEMU time since power-on, from CNTVCT. */
uint64_t uptime_us(void);

#endif
