/*
 * The table of Linux eras.  Numbers come from arch/arm of each release:
 * asm/pgtable.h (VMALLOC_END), mm/mmu.c (vmalloc_min, early_vmalloc),
 * mm/init.c (the reports) and asm/fixmap.h.
 */
#include "rules.h"
#include "sizes.h"

#include <string.h>

#define VMALLOC_OFFSET	SZ_8M

/* 2.6.36-3.1 print the DMA (consistent) region and put .init first. */
static const enum layout_line table_2_6_36[] = {
	LINE_VECTOR, LINE_FIXMAP, LINE_DMA, LINE_VMALLOC, LINE_LOWMEM,
	LINE_PKMAP, LINE_MODULES, LINE_INIT, LINE_TEXT, LINE_DATA, LINE_END,
};

/* 3.2 to 5.0: no DMA line, image sections in link order with .bss. */
static const enum layout_line table_3_x[] = {
	LINE_VECTOR, LINE_FIXMAP, LINE_VMALLOC, LINE_LOWMEM,
	LINE_PKMAP, LINE_MODULES, LINE_TEXT, LINE_INIT, LINE_DATA, LINE_BSS,
	LINE_END,
};

const struct vm_rules vm_rules[] = {
	{
		.name = "2.6.36",
		.p2v_align = 0,
		.reserved_memory_node = false,
		/* Prints as 2.6.36-3.1 did (seed 000): 3.2 already dropped
		 * the DMA line; its arithmetic is the same. */
		.versions = "2.6.36-3.2",
		/* The platform's choice; 0xe0000000 is seed 000's board. */
		.vmalloc_end = 0xe0000000,
		.vmalloc_end_is_platform = true,
		.vmalloc_default = SZ_128M,	/* VMALLOC_END - SZ_128M */
		.default_gap = 0,
		.arg_gap = 0,
		.too_small_text = "vmalloc area too small",
		.too_big_text = "vmalloc area is too big",
		.mb_unit = "MB",
		.lowmem = LOWMEM_SANITY_CHECK_MEMINFO,
		.report = REPORT_MEMINFO_BANKS,
		.fixmap_start = 0xfff00000,
		.fixmap_end = 0xfffe0000,
		.consistent_end = 0xffe00000,
		.dma_size_default = SZ_32M,	/* seed 000's board */
		.smp_log = SMP_LOG_BOOTED,
		.table = table_2_6_36,
	},
	{
		.name = "3.4",
		.p2v_align = SZ_16M,
		.reserved_memory_node = false,
		.versions = "3.3-3.4",
		.vmalloc_end = 0xff000000,
		/* vmalloc_min = VMALLOC_END - (240 << 20) - VMALLOC_OFFSET,
		 * but vmalloc=SIZE sets VMALLOC_END - SIZE with no offset. */
		.vmalloc_default = 240u << 20,
		.default_gap = VMALLOC_OFFSET,
		.arg_gap = 0,
		.too_small_text = "vmalloc area too small",
		.too_big_text = "vmalloc area is too big",
		.mb_unit = "MB",
		.lowmem = LOWMEM_SANITY_CHECK_MEMINFO,
		.report = REPORT_MEMINFO_BANKS,
		.memory_line_merges_banks = true,
		.fixmap_start = 0xfff00000,
		.fixmap_end = 0xfffe0000,
		/* The consistent region still exists (0xffc00000-0xffe00000)
		 * but is no longer printed. */
		.consistent_end = 0xffe00000,
		.dma_size_default = SZ_2M,
		/* ARM_LPAE was merged in 3.3. */
		.has_lpae = true,
		.smp_log = SMP_LOG_TOPOLOGY,
		.table = table_3_x,
	},
	{
		/* Linux 5.1-5.13 (Debian bullseye's 5.10): the modern map,
		 * but early_vmalloc() still sets vmalloc_min = VMALLOC_END -
		 * SIZE with no VMALLOC_OFFSET below it, and warns in MB with
		 * 3.x's words.  5.14 moved the offset into
		 * adjust_lowmem_bounds() for vmalloc= too and took it off the
		 * upper limit (arch/arm/mm/mmu.c). */
		.name = "5.10",
		.p2v_align = SZ_16M,
		.reserved_memory_node = true,
		.resmem_dynamic_nomap_listed = false,
		.resmem_alloc_fail_size = false,
		.versions = "5.1-5.13",
		.vmalloc_end = 0xff800000,
		.vmalloc_default = 240u << 20,
		.default_gap = VMALLOC_OFFSET,
		.arg_gap = 0,
		.too_small_text = "vmalloc area too small",
		.too_big_text = "vmalloc area is too big",
		.mb_unit = "MB",
		.lowmem = LOWMEM_ADJUST_BOUNDS,
		.report = REPORT_ZONES,
		.memory_line_merges_banks = true,
		.lowmem_xn = true,
		.dt_memory_generic = true,
		.fixmap_start = 0xffc80000,
		.fixmap_end = 0xfff00000,
		.fixmap_grows_down = true,
		.consistent_end = 0,		/* replaced by CMA */
		.dma_size_default = 0,
		.vector_stubs = true,
		.user_pxn = true,
		.sw_domain_pan = true,
		.has_3g_opt = true,
		.has_lpae = true,
		.smp_log = SMP_LOG_NODES,
		.table = table_3_x,
	},
	{
		.name = "modern",
		.p2v_align = SZ_2M,
		.reserved_memory_node = true,
		.resmem_dynamic_nomap_listed = true,
		.resmem_alloc_fail_size = true,
		.versions = "5.14-6.x",
		.vmalloc_end = 0xff800000,
		/* vmalloc_size (default 240 MiB, or vmalloc=SIZE) always
		 * has VMALLOC_OFFSET below it. */
		.vmalloc_default = 240u << 20,
		.default_gap = VMALLOC_OFFSET,
		.arg_gap = VMALLOC_OFFSET,
		.too_small_text = "vmalloc area is too small",
		.too_big_text = "vmalloc area is too big",
		.mb_unit = "MiB",
		.lowmem = LOWMEM_ADJUST_BOUNDS,
		.report = REPORT_ZONES,
		.memory_line_merges_banks = true,
		.lowmem_xn = true,
		.dt_memory_generic = true,
		.fixmap_start = 0xffc80000,
		.fixmap_end = 0xfff00000,
		.fixmap_grows_down = true,
		.consistent_end = 0,		/* replaced by CMA */
		.dma_size_default = 0,
		.vector_stubs = true,
		.user_pxn = true,
		.sw_domain_pan = true,
		.has_3g_opt = true,
		.has_lpae = true,
		/* Linux stopped printing the table in 5.1; vmsplit keeps the
		 * 3.2-5.0 format so the modern map can be seen the same way. */
		.smp_log = SMP_LOG_NODES,
		.table = table_3_x,
	},
};

const unsigned nr_vm_rules = ARRAY_SIZE(vm_rules);
const struct vm_rules *const default_rules = &vm_rules[1];

const struct vm_rules *find_vm_rules(const char *name)
{
	for (unsigned i = 0; i < nr_vm_rules; i++)
		if (strcmp(vm_rules[i].name, name) == 0)
			return &vm_rules[i];
	return NULL;
}
