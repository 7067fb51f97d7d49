/* The kernel's console: printk's lines wait in a buffer until
 * start_kernel() has found the UART the device tree names. */
#ifndef VMSPLIT_CONSOLE_H
#define VMSPLIT_CONSOLE_H

#include <stdbool.h>

void console_start(void);	/* the UART is set up: print what waited, then go direct */
bool console_started(void);

#endif
