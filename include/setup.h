/*
 * What setup_arch() found and decided, shared by the boot, mm/ and the
 * shell (Linux keeps the same in arch/arm/kernel/setup.c and mm/init.c):
 * defined in mm/setup.c, filled in by start_kernel().
 */
#ifndef VMSPLIT_SETUP_H
#define VMSPLIT_SETUP_H

#include "board.h"
#include "cmdline.h"
#include "layout.h"
#include "layout_print.h"
#include "memblock.h"

extern struct boot_config boot_config;	/* what the command line asked */
extern struct board_info board;		/* what the device tree said */
extern struct layout kernel_layout;	/* the decided layout */
extern struct memblock memblock;	/* physical memory at boot */
extern struct image_sections kernel_image;	/* the image's sections, for the report */
extern phys_addr_t dtb_phys;		/* where the device tree is (0: none usable) */

#endif
