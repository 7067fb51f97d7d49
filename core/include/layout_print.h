/* Linux's boot report of the memory layout, in each era's exact format. */
#ifndef VMSPLIT_LAYOUT_PRINT_H
#define VMSPLIT_LAYOUT_PRINT_H

#include "layout.h"

/* The running kernel's own sections (virtual addresses). */
struct image_sections {
	uint32_t text_start, text_end;		/* _text .. _etext (with rodata) */
	uint32_t rodata_start, rodata_end;
	uint32_t init_start, init_end;		/* __init_begin .. __init_end */
	uint32_t data_start, data_end;		/* _sdata .. _edata */
	uint32_t bss_start, bss_end;		/* __bss_start .. __bss_stop */
};

/* Page counts over all banks, from the kernel's page accounting. */
struct mem_counts {
	uint32_t free_pages;
	uint32_t reserved_pages;
	uint32_t highmem_pages;
};

/* Under LPAE (l->lpae), which format the tables use and how TTBR0 and
 * TTBR1 share the 4 GB, in two "LPAE: " lines; nothing for the short
 * format.  Printed once the layout is decided, before the zones. */
void layout_print_format(const struct layout *l);

/* What setup_arch() prints after the layout is decided (modern kernels:
 * "Zone ranges:" and the node ranges).  Nothing for older eras. */
void layout_print_setup(const struct layout *l);

/*
 * What mem_init() prints: "Memory:" lines and "Virtual kernel memory
 * layout:".  counts and img may be NULL (the host tool knows no kernel
 * image): the lines that need them are left out.
 */
void layout_print_mem_init(const struct layout *l, const struct mem_counts *counts,
			   const struct image_sections *img);

/* Only the "Virtual kernel memory layout:" table. */
void layout_print_table(const struct layout *l, const struct image_sections *img);

#endif
