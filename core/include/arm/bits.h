#ifndef VMSPLIT_ARM_BITS_H
#define VMSPLIT_ARM_BITS_H

/* Constants shared by C and assembly: plain numbers for GAS, uint32_t
 * in C (so a register field prints with PRIx32 on host and target). */
#ifdef __ASSEMBLY__
#define _U(x)		x
#else
#include <stdint.h>
#define _U(x)		((uint32_t)(x))
#endif
#define BIT(n)		(_U(1) << (n))

#endif
