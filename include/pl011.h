/* ARM PrimeCell UART (PL011): output polled, input polled or on its
 * receive interrupt through a ring buffer. */
#ifndef VMSPLIT_PL011_H
#define VMSPLIT_PL011_H

#include <stdbool.h>
#include <stdint.h>

#define UART01x_DR	0x00	/* data */
#define UART01x_FR	0x18	/* flags */
#define UART011_LCRH	0x2c	/* line control */
#define UART011_CR	0x30	/* control */
#define UART011_IMSC	0x38	/* interrupt mask set/clear: 1 = enabled */
#define UART011_ICR	0x44	/* interrupt clear */
#define UART01x_FR_TXFE	(1u << 7)	/* transmit FIFO empty */
#define UART01x_FR_RXFE	(1u << 4)	/* receive FIFO empty */
#define UART01x_LCRH_FEN (1u << 4)	/* FIFOs enabled */
#define UART011_FIFO_DEPTH 16		/* the smallest PL011 FIFO (r1p0-r1p4) */
#define UART011_CR_UARTEN (1u << 0)
#define UART011_CR_TXE	(1u << 8)
#define UART011_CR_RXE	(1u << 9)
#define UART011_RXIM	(1u << 4)	/* receive FIFO reached its trigger level */
#define UART011_RTIM	(1u << 6)	/* receive timeout: bytes waiting, none arriving */

void pl011_init(uintptr_t base);	/* use the UART whose registers are at base (VA) */
uintptr_t pl011_base(void);
void pl011_write(const char *s, unsigned long n);	/* n bytes, as they are */
int pl011_getc(void);			/* a byte, or -1 if none is waiting */
/* Receive on GIC interrupt `irq` from now on; false if it cannot. */
bool pl011_irq_init(unsigned irq);
bool pl011_irq_driven(void);
/* Ctrl-C typed since the last line was read?  Takes it (and what came
 * before it) out of the input; long commands poll this to stop. */
bool pl011_ctrl_c_pending(void);

#endif
