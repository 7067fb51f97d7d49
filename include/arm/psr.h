/* Program status register: modes and mask bits (ARM ARM B1.3). */
#ifndef VMSPLIT_ARM_PSR_H
#define VMSPLIT_ARM_PSR_H

#include "arm/bits.h"

#define PSR_MODE_MASK	_U(0x1f)
#define PSR_MODE_USR	_U(0x10)
#define PSR_MODE_FIQ	_U(0x11)
#define PSR_MODE_IRQ	_U(0x12)
#define PSR_MODE_SVC	_U(0x13)
#define PSR_MODE_MON	_U(0x16)
#define PSR_MODE_ABT	_U(0x17)
#define PSR_MODE_HYP	_U(0x1a)
#define PSR_MODE_UND	_U(0x1b)
#define PSR_MODE_SYS	_U(0x1f)

#define PSR_T		BIT(5)		/* Thumb state */
#define PSR_F		BIT(6)		/* FIQ masked */
#define PSR_I		BIT(7)		/* IRQ masked */
#define PSR_A		BIT(8)		/* asynchronous abort masked */

#endif
