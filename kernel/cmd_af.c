/*
 * af: the Access Flag shown on purpose (long-descriptor kernels).
 *
 * A fresh lowmem page gets a second virtual address in unused kernel
 * space, mapped through create_mapping() with MAP_NO_AF: its page
 * descriptor has AF = 0.  A read of it is a real data abort, an access
 * flag fault at level 3 (DFSR in the long format).  Then AF is set in
 * place, as an OS's access flag handler does (pgtable_set_access_flag():
 * no break-before-make and no TLB flush are needed for AF 0 -> 1, because
 * the AF = 0 entry faulted and an entry that faults is never held in a TLB,
 * ARM ARM B3.7.3 and B3.10.2), and the read is retried: it succeeds and
 * must return what was written through the linear map.  Everything is
 * unmapped and freed at the end, whatever happened.
 *
 * The short-descriptor kernel runs as Linux does with SCTLR.AFE = 0:
 * there AP[0] is a permission bit and no Access Flag exists, so the
 * command says so and does nothing.
 */
#include <inttypes.h>

#include "arm/cp15.h"
#include "arm/sysreg.h"
#include "fault.h"
#include "kernel_map.h"
#include "layout.h"
#include "mm.h"
#include "mmu.h"
#include "pgtable.h"
#include "printk.h"
#include "ptdump.h"
#include "setup.h"
#include "shell.h"
#include "sizes.h"
#include "traps.h"

static const char af_what[] = "af (access flag demo)";

/* The first page of unused kernel space (at or above PAGE_OFFSET) that
 * nothing maps; 0 if there is none. */
static uint32_t unused_kernel_page(void)
{
	const struct layout *l = &kernel_layout;

	for (int i = 0; i < l->nr_regions; i++) {
		const struct region_span *r = &l->region[i];

		if (r->id != REGION_UNUSED || r->start < l->page_offset)
			continue;
		for (uint64_t va = ALIGN_UP((uint64_t)r->start, PAGE_SIZE); va + PAGE_SIZE <= r->end;
		     va += PAGE_SIZE)
			if (layout_region_of(l, (uint32_t)va) == REGION_UNUSED &&
			    !kernel_map_overlaps((uint32_t)va, PAGE_SIZE))
				return (uint32_t)va;
	}
	return 0;
}

static void show_leaf(uint32_t va)
{
	struct walk w;

	pgtable_walk(&kernel_pgtable, va, &w);
	ptdump_desc_line(&kernel_pgtable, &w, w.level, "  ");
}

/* The read through the alias: 0, or -1 after saying what went wrong. */
static int read_alias(uint32_t va, uint32_t *v, bool expect_fault)
{
	if (!probe_read32(va, v)) {
		if (expect_fault) {
			printk("af: the read of 0x%08" PRIx32 " did not fault: AF = 0 had no effect\n", va);
			return -1;
		}
		return 0;
	}
	print_fault(&last_fault);
	if (!expect_fault) {
		printk("af: the read faulted again after AF was set\n");
		return -1;
	}
	if (last_fault.far != va || fsr_class(last_fault.fsr) != FSR_ACCESS_FLAG ||
	    fsr_level(last_fault.fsr) != 3) {
		printk("af: expected an access flag fault (level 3) at 0x%08" PRIx32 "\n", va);
		return -1;
	}
	return 1;
}

static int af_demo(void)
{
	uint32_t pfn, va, pa, *linear, v, want;
	int err = 1, af;

	va = unused_kernel_page();
	if (!va) {
		printk("af: no unused kernel space to map a page in; nothing done\n");
		return 1;
	}
	pfn = alloc_page(GFP_KERNEL);
	if (pfn == PFN_NONE) {
		printk("af: out of memory for a page; nothing done\n");
		return 1;
	}
	pa = pfn << PAGE_SHIFT;
	linear = lowmem_page_address(pfn);
	want = 0xaf000000u | (pfn & 0xffffff);
	*linear = want;
	printk("af: page PA 0x%08" PRIx32 " (lowmem 0x%08" PRIx32 ") holds 0x%08" PRIx32 "; "
	       "its alias 0x%08" PRIx32 " in %s, mapped without the Access Flag:\n",
	       pa, (uint32_t)linear, want, va, layout_describe(&kernel_layout, va));
	if (kernel_map(af_what, REGION_UNUSED, va, pa, PAGE_SIZE, MT_MEMORY_RW, MAP_NO_AF))
		goto free;
	show_leaf(va);
	printk("af: read 0x%08" PRIx32 ":\n", va);
	if (read_alias(va, &v, true) < 0)
		goto unmap;
	rec_lock(&mm_lock);
	af = pgtable_set_access_flag(&kernel_pgtable, va);
	rec_unlock(&mm_lock);
	if (af)
		goto unmap;
	isb();
	printk("af: AF set in place (one 64-bit store, no break-before-make: the AF = 0 entry faulted, "
	       "so no TLB holds it):\n");
	show_leaf(va);
	if (read_alias(va, &v, false))
		goto unmap;
	if (v != want) {
		printk("af: read again: 0x%08" PRIx32 ", but the page holds 0x%08" PRIx32 "\n", v, want);
		goto unmap;
	}
	printk("af: read again: 0x%08" PRIx32 ", as written through lowmem\n", v);
	err = 0;
unmap:
	if (kernel_unmap(va, PAGE_SIZE))
		err = 1;
free:
	free_page(pfn);
	printk("af: 0x%08" PRIx32 " unmapped, page PA 0x%08" PRIx32 " freed\n", va, pa);
	return err;
}

static int cmd_af(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (!mmu_format.lpae) {
		printk("af: no Access Flag in this kernel: the short-descriptor format runs as Linux does, "
		       "with SCTLR.AFE = %u, so AP[0] is a permission bit and no access is ever counted; "
		       "boot the LPAE kernel (make run LPAE=1); nothing done\n",
		       (read_sctlr() & SCTLR_AFE) ? 1u : 0u);
		return 0;
	}
	return af_demo();
}

SHELL_COMMAND(235, af, cmd_af, 0, 0, "", "the Access Flag: a page mapped without it faults, then set it and retry",
	      "af");
