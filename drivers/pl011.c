/*
 * PL011 console.  QEMU's model needs no baud rate setup; the driver only
 * makes sure the UART and both directions are enabled.
 *
 * Output is polled.  Input is polled until pl011_irq_init(); then the
 * receive interrupt moves bytes from the UART's FIFO into a ring and
 * pl011_getc() takes them from there.  When the ring is full the handler
 * masks the interrupt and leaves bytes in the FIFO: QEMU then stops
 * passing input to the UART, so nothing typed or piped in is lost while
 * a long command runs.  pl011_getc() drains the FIFO and unmasks once
 * there is room.
 */
#include <stddef.h>

#include "irq.h"
#include "pl011.h"

#define RX_RING_SIZE	512		/* a power of two */
#define RX_INTERRUPTS	(UART011_RXIM | UART011_RTIM)

static volatile uint32_t *uart;
static bool irq_driven;
static char rx_ring[RX_RING_SIZE];
static volatile uint32_t rx_head, rx_tail;	/* free-running; head - tail = bytes held */
static bool rx_throttled;			/* the ring filled: interrupt masked */

static inline uint32_t reg_read(unsigned off)
{
	return uart[off / 4];
}

static inline void reg_write(unsigned off, uint32_t v)
{
	uart[off / 4] = v;
}

void pl011_init(uintptr_t base)
{
	uint32_t want = UART011_CR_UARTEN | UART011_CR_TXE | UART011_CR_RXE;

	uart = (volatile uint32_t *)base;
	if ((reg_read(UART011_CR) & want) != want)
		reg_write(UART011_CR, reg_read(UART011_CR) | want);
	/* FIFOs on: pl011_write() fills the transmit FIFO in bursts.
	 * Switching them on empties the receive side, so a program driving
	 * the console waits for the first prompt before it writes. */
	if (!(reg_read(UART011_LCRH) & UART01x_LCRH_FEN))
		reg_write(UART011_LCRH, reg_read(UART011_LCRH) | UART01x_LCRH_FEN);
}

uintptr_t pl011_base(void)
{
	return (uintptr_t)uart;
}

/* Once the transmit FIFO is empty it takes a FIFO's worth of bytes
 * without another look at the flags: half the register accesses. */
void pl011_write(const char *s, unsigned long n)
{
	if (!uart)
		return;
	while (n) {
		unsigned long burst = n < UART011_FIFO_DEPTH ? n : UART011_FIFO_DEPTH;

		while (!(reg_read(UART01x_FR) & UART01x_FR_TXFE))
			;
		for (n -= burst; burst; burst--)
			reg_write(UART01x_DR, (uint8_t)*s++);
	}
}

/*
 * Move what the FIFO holds into the ring.  The receive interrupt is a
 * level: it drops by itself once the FIFO is read empty, and rises again
 * with the next byte, so it is never cleared by hand (a clear through
 * UARTICR while bytes wait would lose it: QEMU raises it again only when a
 * byte lands in an empty FIFO, and the tests saw input stall that way).
 * Only the receive timeout, an event, is cleared.
 */
static void pl011_rx_interrupt(void *arg)
{
	(void)arg;
	while (!(reg_read(UART01x_FR) & UART01x_FR_RXFE)) {
		if (rx_head - rx_tail == RX_RING_SIZE) {
			rx_throttled = true;
			reg_write(UART011_IMSC, reg_read(UART011_IMSC) & ~RX_INTERRUPTS);
			return;		/* the FIFO holds the rest */
		}
		rx_ring[rx_head % RX_RING_SIZE] = (char)reg_read(UART01x_DR);
		rx_head++;
	}
	reg_write(UART011_ICR, UART011_RTIM);
}

bool pl011_irq_init(unsigned irq)
{
	if (!uart || !irq_enabled() || !irq ||
	    request_irq(irq, pl011_rx_interrupt, NULL, "pl011 (console input)"))
		return false;
	irq_driven = true;
	reg_write(UART011_IMSC, reg_read(UART011_IMSC) | RX_INTERRUPTS);
	/* Bytes that came before now wait in the FIFO; QEMU raises the
	 * receive interrupt only as a byte arrives, and a full FIFO takes no
	 * more, so take them now (IRQs are still masked at boot). */
	pl011_rx_interrupt(NULL);
	return true;
}

bool pl011_irq_driven(void)
{
	return irq_driven;
}

int pl011_getc(void)
{
	uint32_t flags;
	int c = -1;

	if (!uart)
		return -1;
	if (!irq_driven && rx_head == rx_tail)	/* (pl011_ctrl_c_pending() may have queued some) */
		return (reg_read(UART01x_FR) & UART01x_FR_RXFE) ? -1 : (int)(reg_read(UART01x_DR) & 0xff);
	flags = local_irq_save();
	if (rx_head != rx_tail) {
		c = (unsigned char)rx_ring[rx_tail % RX_RING_SIZE];
		rx_tail++;
		/* Room again: take in what waited in the FIFO, and let the
		 * interrupt back in. */
		if (rx_throttled) {
			rx_throttled = false;
			reg_write(UART011_IMSC, reg_read(UART011_IMSC) | RX_INTERRUPTS);
			pl011_rx_interrupt(NULL);
		}
	}
	local_irq_restore(flags);
	return c;
}

/*
 * Was Ctrl-C typed while a long command ran?  The bytes that came since
 * the command started wait in the ring (or, polled, in the FIFO, moved
 * into the ring here); a Ctrl-C among them is taken out together with
 * everything typed before it, as a terminal's interrupt key discards
 * what was typed ahead.  The rest stays for the line editor.
 */
bool pl011_ctrl_c_pending(void)
{
	uint32_t flags, i;
	bool found = false;

	if (!uart)
		return false;
	flags = local_irq_save();
	if (!irq_driven)
		while (rx_head - rx_tail < RX_RING_SIZE && !(reg_read(UART01x_FR) & UART01x_FR_RXFE)) {
			rx_ring[rx_head % RX_RING_SIZE] = (char)reg_read(UART01x_DR);
			rx_head++;
		}
	for (i = rx_tail; i != rx_head; i++)
		if (rx_ring[i % RX_RING_SIZE] == 0x03) {
			rx_tail = i + 1;
			found = true;
			break;
		}
	if (found && rx_throttled) {
		rx_throttled = false;
		reg_write(UART011_IMSC, reg_read(UART011_IMSC) | RX_INTERRUPTS);
		pl011_rx_interrupt(NULL);
	}
	local_irq_restore(flags);
	return found;
}
