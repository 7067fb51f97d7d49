/* printk: the one way every part of vmsplit reports a line.
 *
 * Pure modules (layout arithmetic, device-tree reader, parsers) call printk()
 * and never know where the text goes: the kernel sends it to the serial
 * console, the host `memlayout` tool to stdout, and the unit tests to a
 * capture buffer they can compare.  Each of the three links its own
 * definition.  Lines end with '\n', as in Linux.
 */
#ifndef VMSPLIT_PRINTK_H
#define VMSPLIT_PRINTK_H

int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
