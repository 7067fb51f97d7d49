/*
 * Where the kernel lives: its build-time split, the RAM base found at
 * boot and the linear map between them.  Kernel-only (the pure layout code takes
 * these as parameters instead).
 */
#ifndef VMSPLIT_MEMORY_H
#define VMSPLIT_MEMORY_H

#include "arm/bits.h"

/* CONFIG_PAGE_OFFSET comes from the Makefile's VMSPLIT choice. */
#define PAGE_OFFSET	_U(CONFIG_PAGE_OFFSET)

/*
 * PHYS_OFFSET, where RAM starts, is not a constant: head.S finds it from
 * where the image was loaded (the entry address rounded down to
 * PV_ALIGN, 2 MB as Linux 5.11+ requires under ARM_PATCH_PHYS_VIRT) and
 * stores it in __pv_phys_offset before the MMU is on.  Linux patches the
 * add/sub of every __virt_to_phys in place (.pv_table); vmsplit's
 * __va/__pa are out-of-line functions already (mm/linear_map.c, which
 * also bends them around msm's skipped hole), so they read the variable:
 * one load per conversion, no code rewritten at boot.
 */
#define PV_ALIGN_SHIFT	21
#define PV_ALIGN	(_U(1) << PV_ALIGN_SHIFT)

/* The kernel runs 1 MB into RAM: an ELF's load address on QEMU virt
 * (QEMU puts the device tree at the start of RAM for an ELF only when
 * the first megabyte is left free), and where head.S moves a raw image
 * that QEMU loaded at RAM + 0x10000. */
#define TEXT_OFFSET	_U(0x00100000)
#define KERNEL_VIRT	(PAGE_OFFSET + TEXT_OFFSET)
#define KERNEL_PHYS	(PHYS_OFFSET + TEXT_OFFSET)

/* The ELF's load address (its LMA): QEMU virt's RAM at 1 GB.  Only an
 * ELF boot uses it; a raw image (vmsplit.bin) runs wherever RAM is. */
#define ELF_PHYS_OFFSET	_U(0x40000000)

/* head.S's message log (head_log[0] is the count). */
#define HEAD_LOG_MAX	4

/* head.S maps the first 2 MB of RAM (device tree and kernel image, and
 * room for the first page tables) before C runs. */
#define BOOT_MAP_SIZE	_U(0x00200000)

/* The SVC stack the kernel runs on (head.S puts it in .bss). */
#define INIT_STACK_SIZE	16384

/*
 * The console before the static IO map: the UART the device tree names,
 * mapped by C in a spare slot of head.S's boot table at this fixed
 * virtual address (mmu_format.early_console_map), like Linux's DEBUG_LL
 * mapping but found at run time.  DEFAULT_UART_PHYS is QEMU virt's PL011,
 * the console assumed when there is no device tree to ask.
 */
#define DEBUG_UART_VIRT	_U(0xffe00000)
#define DEFAULT_UART_PHYS _U(0x09000000)

#ifndef __ASSEMBLY__
#include "types.h"

/* Found by head.S (above); PHYS_OFFSET reads like Linux's macro. */
extern uint32_t __pv_phys_offset;
#define PHYS_OFFSET	((phys_addr_t)__pv_phys_offset)

/* Where the loader entered the image (PA): PHYS_OFFSET + TEXT_OFFSET for
 * an ELF, PHYS_OFFSET + 0x10000 for a raw image that head.S then moved. */
extern uint32_t boot_entry_phys;

/* head.S's messages: [0] the count, then the strings' addresses. */
extern uint32_t head_log[HEAD_LOG_MAX + 1];

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
