/*
 * physoffset: where RAM starts, as head.S found it, and how __va/__pa use
 * it.  Linux with ARM_PATCH_PHYS_VIRT rewrites the immediates of every
 * add/sub its __virt_to_phys compiled to (the .pv_table fixups); vmsplit
 * has no such sites to show: its __va/__pa are out-of-line functions
 * (mm/linear_map.c) that read __pv_phys_offset, so this command shows the
 * variable, the arithmetic, and the two functions answering for the
 * image's own addresses.
 */
#include <inttypes.h>

#include "memory.h"
#include "printk.h"
#include "setup.h"
#include "shell.h"

static int cmd_physoffset(int argc, char **argv)
{
	uint32_t po = (uint32_t)PHYS_OFFSET, text_pa = (uint32_t)__pa(_text);
	uint32_t delta = PAGE_OFFSET - po;

	(void)argc;
	(void)argv;
	printk("PHYS_OFFSET 0x%08" PRIx32 ": the entry address 0x%08" PRIx32 " rounded down to %" PRIu32
	       " MB (head.S)\n", po, boot_entry_phys, PV_ALIGN >> 20);
	if (boot_entry_phys == po + TEXT_OFFSET)
		printk("  loaded at PHYS_OFFSET + 0x%" PRIx32 " (an ELF at its load address): not moved\n",
		       (uint32_t)TEXT_OFFSET);
	else
		printk("  loaded at PHYS_OFFSET + 0x%" PRIx32 " (a raw image): head.S moved it to "
		       "0x%08" PRIx32 " = PHYS_OFFSET + 0x%" PRIx32 "\n",
		       boot_entry_phys - po, po + (uint32_t)TEXT_OFFSET, (uint32_t)TEXT_OFFSET);
	printk("  __pv_phys_offset at 0x%08" PRIx32 " holds 0x%08" PRIx32 "; PAGE_OFFSET 0x%08" PRIx32
	       " is built in (VMSPLIT)\n", (uint32_t)(uintptr_t)&__pv_phys_offset, __pv_phys_offset,
	       (uint32_t)PAGE_OFFSET);
	printk("  __va(pa) = pa - 0x%08" PRIx32 " + 0x%08" PRIx32 " = pa + 0x%08" PRIx32
	       "; __pa(va) = va - 0x%08" PRIx32 "\n", po, (uint32_t)PAGE_OFFSET, delta, delta);
	printk("  __pa(_text 0x%08" PRIx32 ") = 0x%08" PRIx32 ", __va(PHYS_OFFSET) = 0x%08" PRIx32 "\n",
	       (uint32_t)(uintptr_t)_text, text_pa, (uint32_t)(uintptr_t)__va(PHYS_OFFSET));
	if (kernel_layout.hole_end)
		printk("  reclaim=dont-map-hole: above 0x%08" PRIx32 " __va/__pa bend around the hole (p2v shows it)\n",
		       (uint32_t)kernel_layout.hole_end);
	printk("  patched code sites: none; __va/__pa are functions that read __pv_phys_offset "
	       "(Linux patches each add/sub listed in .pv_table)\n");
	return 0;
}

SHELL_COMMAND(145, physoffset, cmd_physoffset, 0, 0, "",
	      "PHYS_OFFSET as head.S found it, and how __va/__pa use it", "physoffset");
