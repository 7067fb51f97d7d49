/*
 * Shell commands that say where things are: the layout table, physical
 * memory, a virtual address translated (tables and MMU), a physical one
 * looked up.
 */
#include <inttypes.h>
#include <string.h>

#include "fault.h"
#include "mmu.h"
#include "memblock.h"
#include "memory.h"
#include "printk.h"
#include "ptdump.h"
#include "setup.h"
#include "shell.h"
#include "sizes.h"

/* ---- layout, memmap ---- */

static int cmd_layout(int argc, char **argv)
{
	(void)argc; (void)argv;
	layout_print_table(&kernel_layout, &kernel_image);
	return 0;
}

/* Physical ranges in full (past 4 GB under LPAE): phys_hex's digits. */
static void print_range(const char *what, phys_addr_t s, phys_addr_t e)
{
	char a[17], b[17];

	printk("  0x%s-0x%s %7" PRIu32 " KB  %s\n", phys_hex(a, s), phys_hex(b, e - 1),
	       (uint32_t)((e - s) >> 10), what);
}

/* What memblock reserved at pa, or NULL. */
static const char *reserved_at(phys_addr_t pa)
{
	for (int i = 0; i < memblock.reserved.cnt; i++)
		if (pa >= memblock.reserved.r[i].base &&
		    pa - memblock.reserved.r[i].base < memblock.reserved.r[i].size)
			return memblock.reserved.r[i].name;
	return NULL;
}

static int cmd_memmap(int argc, char **argv)
{
	const struct layout *l = &kernel_layout;

	(void)argc; (void)argv;
	printk("Banks (after the layout decision):\n");
	for (int i = 0; i < l->mi.nr_banks; i++) {
		const struct membank *b = &l->mi.bank[i];

		if (b->highmem)
			print_range("highmem (no permanent mapping)", b->start, bank_end(b));
		else {
			char a[17], e[17];

			printk("  0x%s-0x%s %7" PRIu32 " KB  lowmem at 0x%08" PRIx32 "-0x%08" PRIx32 "\n",
			       phys_hex(a, b->start), phys_hex(e, bank_end(b) - 1),
			       (uint32_t)(b->size >> 10), layout_va(l, b->start),
			       layout_va(l, bank_end(b) - 1));
		}
	}
	/* The board's RAM outside the banks, a line per kind (truncated,
	 * ignored, hole ...), in the words p2v and the SVG use. */
	printk("RAM the layout leaves unused:\n");
	for (int r = 0; r < board.nr_mem; r++) {
		phys_addr_t p = board.mem[r].base, end = p + board.mem[r].size, next;

		for (; p < end; p = next) {
			enum pa_kind k = layout_classify_pa(l, &boot_config, p, end, &next);

			if (k != PA_LOWMEM && k != PA_HIGHMEM)
				print_range(layout_pa_kind_name(l, &boot_config, p), p, next);
		}
	}
	printk("Reserved (memblock):\n");
	for (int i = 0; i < memblock.reserved.cnt; i++)
		print_range(memblock.reserved.r[i].name, memblock.reserved.r[i].base,
			    memblock.reserved.r[i].base + memblock.reserved.r[i].size);
	return 0;
}

/* ---- v2p ---- */

/* One ATS1CPx answer: the PA, or why the access would abort. */
static void print_mmu_answer(uint32_t va, bool write)
{
	uint64_t par;
	phys_addr_t pa = mmu_translate(va, write, &par);
	const char *op = write ? "ATS1CPW" : "ATS1CPR";
	char p[17], a[17], attrs[96];

	ptdump_hex(p, par, mmu_format.lpae ? 16 : 8);
	if (pa == (phys_addr_t)-1) {
		printk("  MMU:    %s -> PAR 0x%s: %s\n", op, p, fsr_description(mmu_format.par_fsr(par)));
		return;
	}
	mmu_format.par_attrs(par, attrs, sizeof(attrs));
	printk("  MMU:    %s -> PAR 0x%s: PA 0x%s%s\n", op, p, phys_hex(a, pa), attrs);
}

static int cmd_v2p(int argc, char **argv)
{
	const struct layout *l = &kernel_layout;
	uint32_t va;
	struct walk w;
	char a[17];

	if (argc != 2 || !shell_parse_addr(argv[1], &va))
		return shell_usage(argv[0]);

	printk("0x%08" PRIx32 ": %s\n", va, layout_describe(l, va));
	pgtable_walk(&kernel_pgtable, va, &w);
	for (int level = 1; level <= w.level; level++)
		ptdump_desc_line(&kernel_pgtable, &w, level, level == 1 ? "  tables: " : "          ");
	if (w.kind != WALK_FAULT)
		printk("          -> PA 0x%s\n", phys_hex(a, w.pa));
	print_mmu_answer(va, false);
	print_mmu_answer(va, true);
	switch (layout_region_of(l, va)) {
	case REGION_LOWMEM:
		break;
	case REGION_LOWMEM_HOLE:
	case REGION_LOWMEM_HIGHMEM:
		/* Inside the linear map's range, but what is behind it is not
		 * lowmem: say what it is, in memmap's words. */
		printk("  __pa:   0x%08" PRIx32 " would be %s, which the linear map does not map\n",
		       (uint32_t)layout_pa(l, va), layout_pa_kind_name(l, &boot_config, layout_pa(l, va)));
		return 0;
	default:
		return 0;	/* no __pa: not in the linear map */
	}
	if (l->hole_end && va >= layout_hole_va(l))
		printk("  __pa:   0x%08" PRIx32 " (the linear map bent past the hole: VA - 0x%08" PRIx32 " + 0x%08" PRIx32 ")\n",
		       (uint32_t)layout_pa(l, va), layout_hole_va(l), (uint32_t)l->hole_end);
	else
		printk("  __pa:   0x%08" PRIx32 " (the linear map: VA - 0x%08" PRIx32 " + 0x%08" PRIx32 ")\n",
		       (uint32_t)layout_pa(l, va), l->page_offset, (uint32_t)l->phys_offset);
	return 0;
}

/* __va: lowmem's linear map backwards; the rest has no permanent address,
 * and says what it is in memmap's words. */
static int cmd_p2v(int argc, char **argv)
{
	const struct layout *l = &kernel_layout;
	const char *res;
	uint32_t pa;

	if (argc != 2 || !shell_parse_num(argv[1], &pa))
		return shell_usage(argv[0]);
	res = reserved_at(pa);
	switch (layout_classify_pa(l, &boot_config, pa, (phys_addr_t)pa + 1, NULL)) {
	case PA_LOWMEM:
		printk("0x%08" PRIx32 ": lowmem%s%s%s, __va = 0x%08" PRIx32, pa, res ? " (reserved: " : "",
		       res ? res : "", res ? ")" : "", layout_va(l, pa));
		if (l->hole_end && pa >= l->hole_end)
			printk(" (bent past the hole: PA - 0x%08" PRIx32 " + 0x%08" PRIx32 ")\n",
			       (uint32_t)l->hole_end, layout_hole_va(l));
		else
			printk(" (PA - 0x%08" PRIx32 " + 0x%08" PRIx32 ")\n", (uint32_t)l->phys_offset, l->page_offset);
		break;
	case PA_HIGHMEM:
		printk("0x%08" PRIx32 ": highmem%s%s%s: no permanent virtual address; kmap 0x%08" PRIx32 " maps it\n",
		       pa, res ? " (reserved: " : "", res ? res : "", res ? ")" : "", pa & PAGE_MASK);
		break;
	case PA_NOT_RAM:
		printk("0x%08" PRIx32 ": not RAM: a device (or nothing) is reached through ioremap (or the static IO map)\n", pa);
		break;
	default:
		printk("0x%08" PRIx32 ": %s: RAM the kernel does not use, so no virtual address (memmap lists it)\n",
		       pa, layout_pa_kind_name(l, &boot_config, pa));
	}
	return 0;
}

SHELL_COMMAND(110, layout, cmd_layout, 0, 0, "",
	      "the virtual kernel memory layout table again", "layout");
SHELL_COMMAND(120, memmap, cmd_memmap, 0, 0, "",
	      "physical memory: banks, unused RAM, reserved ranges", "memmap");
SHELL_COMMAND(130, v2p, cmd_v2p, 1, 1, "VA",
	      "translate VA by walking the tables and by the MMU (ATS1CPR, ATS1CPW)", "v2p 0xc0000000");
SHELL_COMMAND(140, p2v, cmd_p2v, 1, 1, "PA",
	      "__va: where the kernel sees a physical address", "p2v 0x40000000");
