#ifndef VMSPLIT_TYPES_H
#define VMSPLIT_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Physical addresses are 64-bit everywhere in vmsplit so that a board with
 * RAM above 4 GB (QEMU virt with -m 4G and more) can be seen and refused
 * with a message; Linux without LPAE has a 32-bit phys_addr_t and the
 * layout code reproduces its 32-bit wrap-around where it matters.
 * Virtual addresses are uint32_t: the ARMv7 short-descriptor address space
 * is 4 GB, and its arithmetic must wrap the same on the host as on the target.
 */
typedef uint64_t phys_addr_t;
typedef uint32_t vaddr_t;

#endif
