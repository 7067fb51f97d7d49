/* The kernel's console: printk's lines wait in a buffer until
 * start_kernel() has found the UART the device tree names. */
#ifndef VMSPLIT_CONSOLE_H
#define VMSPLIT_CONSOLE_H

#include <stdbool.h>

void console_start(void);	/* the UART is set up: print what waited, then go direct */
bool console_started(void);
/* printk.time: each boot line begins with its time since power-on
 * ("[    0.012345] "), the waiting ones included. */
void printk_time(bool on);
/* The boot is over (the first prompt): its log, which `dmesg` prints, is
 * whole; the shell's output is neither kept nor stamped. */
void printk_boot_done(void);
/* Stopping before the console was found: print the buffer on a PL011
 * that answers (the device tree's, else QEMU virt's), if any. */
void console_rescue(void);

#endif
