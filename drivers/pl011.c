/*
 * PL011 console, polled.  QEMU's model needs no baud rate setup; the
 * driver only makes sure the UART and both directions are enabled.
 */
#include "pl011.h"

static volatile uint32_t *uart;

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
	/* FIFOs on: pl011_write() fills the transmit FIFO in bursts. */
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

int pl011_getc(void)
{
	if (!uart || (reg_read(UART01x_FR) & UART01x_FR_RXFE))
		return -1;
	return (int)(reg_read(UART01x_DR) & 0xff);
}
