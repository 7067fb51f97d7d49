/*
 * The kernel's page tables on the real MMU.
 *
 * paging_init() builds swapper_pg_dir from the decided layout with the one
 * mapping routine (mm/pgtable.c): every lowmem bank through the linear map,
 * the console at its static IO address, nothing else -- what Linux's
 * prepare_page_table() and map_lowmem() leave before devices are mapped.
 * Then it switches TTBR0 to it, which drops head.S's boot table with its
 * identity section and early console.
 */
#include <inttypes.h>

#include "arm/sysreg.h"
#include "kernel.h"
#include "memory.h"
#include "pl011.h"
#include "printk.h"
#include "sizes.h"

uint32_t swapper_pg_dir[L1_ENTRIES] __attribute__((aligned(L1_TABLE_SIZE)));

static bool walk_is_coherent;	/* table walks snoop the D-cache */
static bool tables_live;	/* swapper_pg_dir is in TTBR0 */

/* ---- the ops the mapping routine runs on ---- */

/* Second-level tables are 1 KB: four to a page from memblock. */
static phys_addr_t l2_page;
static unsigned l2_left;

static phys_addr_t kernel_alloc_l2(void *ctx)
{
	(void)ctx;
	if (!l2_left) {
		l2_page = memblock_alloc(&memblock, PAGE_SIZE, PAGE_SIZE, "page tables");
		if (!l2_page)
			return 0;
		l2_left = PAGE_SIZE / L2_TABLE_SIZE;
	}
	return l2_page + (PAGE_SIZE / L2_TABLE_SIZE - l2_left--) * L2_TABLE_SIZE;
}

static uint32_t *kernel_table_ptr(void *ctx, phys_addr_t pa)
{
	(void)ctx;
	return __va(pa);
}

/*
 * New entries must reach the table walker.  Where walks do not snoop
 * the D-cache (ID_MMFR3.CohWalk == 0), clean the lines to the Point of
 * Unification; then a DSB completes the writes (ARM ARM B3.10.1).
 */
static void kernel_written(void *ctx, const uint32_t *entry, size_t count)
{
	(void)ctx;
	if (!walk_is_coherent) {
		uintptr_t line = (uintptr_t)entry & ~(uintptr_t)31;
		uintptr_t end = (uintptr_t)(entry + count);

		for (; line < end; line += 32)
			write_dccmvau((uint32_t)line);
	}
	dsb();
}

/* A translation was removed or changed: the TLB may still hold it. */
static void kernel_flush(void *ctx, uint32_t va, uint32_t len)
{
	(void)ctx;
	if (!tables_live)
		return;		/* not in use yet: nothing cached from it */
	if (len > 16 * PAGE_SIZE) {
		write_tlbiall(0);
	} else {
		for (uint32_t off = 0; off < len; off += PAGE_SIZE)
			write_tlbimvaa((va + off) & PAGE_MASK);
	}
	write_bpiall(0);
	dsb();
	isb();
}

static const struct pgtable_ops kernel_pt_ops = {
	.alloc_l2 = kernel_alloc_l2,
	.table_ptr = kernel_table_ptr,
	.written = kernel_written,
	.flush = kernel_flush,
};

struct pgtable kernel_pgtable = { .l1 = swapper_pg_dir, .ops = &kernel_pt_ops };

/* ---- building and switching ---- */

static void map_or_die(const struct map_desc *md, const char *what)
{
	if (create_mapping(&kernel_pgtable, md)) {
		printk("vmsplit: cannot map %s; stopping\n", what);
		machine_poweroff(1);
	}
}

/* Every lowmem bank, whole pages only, at __va(). */
static void map_lowmem(const struct layout *l)
{
	for (int i = 0; i < l->mi.nr_banks; i++) {
		const struct membank *b = &l->mi.bank[i];
		struct map_desc md = {
			.virt = layout_va(l, b->start),
			.phys = b->start,
			.length = (uint32_t)b->size & PAGE_MASK,
			.type = MT_MEMORY_RWX,
		};

		if (!b->highmem && md.length)
			map_or_die(&md, "lowmem");
	}
}

static void map_console(const struct layout *l)
{
	struct map_desc md = {
		.phys = board.uart_base & ~(phys_addr_t)(PAGE_SIZE - 1),
		.length = PAGE_SIZE,
		.type = MT_DEVICE,
	};

	md.virt = layout_io_address(l, md.phys);
	if (!md.virt) {
		printk("vmsplit: the UART at 0x%08" PRIx32 " has no static IO address; stopping\n",
		       (uint32_t)md.phys);
		machine_poweroff(1);
	}
	map_or_die(&md, "the console");
	console_virt = md.virt + (uint32_t)(board.uart_base & (PAGE_SIZE - 1));
}

/*
 * Install a new first-level table (ARM ARM B3.10.2): complete the table
 * writes, write TTBR0, ISB, then invalidate the whole TLB (the old table's
 * global entries, identity section included) and the branch predictor.
 */
static void switch_ttbr0(phys_addr_t pgd)
{
	dsb();
	write_ttbr0((uint32_t)pgd | TTBR_FLAGS);
	write_ttbr1((uint32_t)pgd | TTBR_FLAGS);
	isb();
	write_tlbiall(0);
	write_bpiall(0);
	dsb();
	isb();
}

void paging_init(void)
{
	const struct layout *l = &kernel_layout;

	walk_is_coherent = ((read_id_mmfr3() >> ID_MMFR3_COHWALK_SHIFT) & 0xf) != 0;
	/* Until the switch only head.S's first 2 MB are mapped: page tables
	 * must come from there. */
	memblock.current_limit = PHYS_OFFSET + BOOT_MAP_SIZE;

	map_lowmem(l);
	map_console(l);
	/* The entries never written are zeros from clearing .bss through
	 * the cache: they too must reach a walker that does not snoop it. */
	kernel_written(NULL, swapper_pg_dir, L1_ENTRIES);
	switch_ttbr0(__pa(swapper_pg_dir));
	tables_live = true;
	pl011_init(console_virt);
	memblock.current_limit = l->lowmem_limit;
}

/* The MMU's own answer: ATS1CPR/ATS1CPW, then PAR.  Returns the PA, or
 * (phys_addr_t)-1 when the translation aborts (PAR.F). */
phys_addr_t mmu_translate(uint32_t va, bool write, uint32_t *par)
{
	uint32_t p;

	if (write)
		write_ats1cpw(va);
	else
		write_ats1cpr(va);
	isb();
	p = read_par();
	if (par)
		*par = p;
	if (p & PAR_F)
		return (phys_addr_t)-1;
	if (p & PAR_SS)		/* supersection: PA[31:24] in PAR, the rest from VA */
		return (p & 0xff000000u) | (va & 0x00ffffffu);
	return (p & PAR_PA_MASK) | (va & (PAGE_SIZE - 1));
}
