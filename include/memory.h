/*
 * Where the kernel lives: its build-time split, QEMU virt's RAM base and
 * the linear map between them.  Kernel-only (the pure layout code takes
 * these as parameters instead).
 */
#ifndef VMSPLIT_MEMORY_H
#define VMSPLIT_MEMORY_H

#include "arm/bits.h"

/* CONFIG_PAGE_OFFSET comes from the Makefile's VMSPLIT choice. */
#define PAGE_OFFSET	_U(CONFIG_PAGE_OFFSET)

/* QEMU virt documents RAM at 1 GB as fixed; the kernel is linked to run
 * there (as a Linux without ARM_PATCH_PHYS_VIRT) and checks the DT agrees. */
#define PHYS_OFFSET	_U(0x40000000)

/* The kernel starts 1 MB into RAM: QEMU puts the device tree at the
 * start of RAM for an ELF only when the first megabyte is left free. */
#define TEXT_OFFSET	_U(0x00100000)
#define KERNEL_VIRT	(PAGE_OFFSET + TEXT_OFFSET)
#define KERNEL_PHYS	(PHYS_OFFSET + TEXT_OFFSET)

/* head.S maps the first 2 MB of RAM (device tree and kernel image, and
 * room for the first page tables) before C runs. */
#define BOOT_MAP_SIZE	_U(0x00200000)

/* The SVC stack the kernel runs on (head.S puts it in .bss). */
#define INIT_STACK_SIZE	16384

/*
 * The console before the device tree is read, like Linux's DEBUG_LL:
 * QEMU virt's PL011 at a fixed physical address, mapped by head.S at a
 * fixed virtual one in the boot table only.  The real console uses the
 * UART the device tree names, at its static IO address.
 */
#define DEBUG_UART_PHYS	_U(0x09000000)
#define DEBUG_UART_VIRT	_U(0xffe00000)

#ifndef __ASSEMBLY__
#include "types.h"

/* __va and __pa go through the layout (mm/linear_map.c): straight, or
 * bent around a hole with reclaim=dont-map-hole. */
uint32_t phys_to_virt(phys_addr_t pa);
phys_addr_t virt_to_phys(uint32_t va);
#define __va(pa)	((void *)(uintptr_t)phys_to_virt(pa))
#define __pa(va)	virt_to_phys((uint32_t)(uintptr_t)(va))

/* Linker symbols of the image (linker/kernel.ld.S). */
extern char _text[], _etext[], __start_rodata[], __end_rodata[];
extern char __init_begin[], __init_end[], _sdata[], _edata[];
extern char __bss_start[], __bss_stop[], _end[];
#endif

#endif
