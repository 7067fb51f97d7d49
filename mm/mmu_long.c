/*
 * The long-descriptor format (LPAE) on the real MMU, as Linux's
 * proc-v7-3level: TTBCR.EAE, Linux's MAIR0/MAIR1 (set by head.S and kept),
 * 64-bit TTBRs, the 64-bit PAR, and Linux's TTBR0/TTBR1 split per
 * VMSPLIT.
 *
 * swapper_pg_dir has Linux's shape: a page whose first 32 bytes are the
 * four first-level entries (1 GB each), then the four second-level tables
 * (512 x 2 MB), one per gigabyte, linked for good.  Under VMSPLIT_3G TTBR1
 * covers only the top gigabyte (T1SZ = 2), where a walk starts at the
 * second level: TTBR1 points straight at that gigabyte's table.  Under
 * VMSPLIT_2G it covers the top two (T1SZ = 1) and starts at the third
 * first-level entry; VMSPLIT_1G does not split (TTBR0 covers everything).
 * Linux splits only when PHYS_OFFSET <= PAGE_OFFSET, which holds on virt
 * for every split.
 *
 * The four second-level tables exist from the start, as Linux's: a
 * gigabyte with nothing mapped yet costs a page, but TTBR1 can point at
 * its table before anything is mapped there, and a task's copy of the
 * kernel's first-level entries (VMSPLIT_1G: no TTBR1) can never miss a
 * table the kernel makes later.
 */
#include <inttypes.h>
#include <stdio.h>

#include "arm/cp15.h"
#include "arm/tlbflush.h"
#include "cache.h"
#include "sizes.h"
#include "arm/long_desc.h"
#include "memory.h"
#include "mmu.h"
#include "printk.h"
#include "setup.h"

#define SWAPPER_TABLES	4		/* one second-level table per gigabyte */

uint64_t swapper_pg_dir[1 + SWAPPER_TABLES][512] __attribute__((aligned(4096)));

/* Linux's T1SZ for this split, from the layout's table of splits
 * (split_info_of(): TTBR1 covers the gigabytes from PAGE_OFFSET up, as
 * proc-v7-3level.S's TTBR1_SIZE; none under VMSPLIT_1G). */
static unsigned ttbr1_t1sz(void)
{
	return kernel_layout.ttbr.t1sz;
}

static void long_setup_swapper(struct pgtable *pt)
{
	pt->fmt = &long_desc_format;
	pt->pgd = swapper_pg_dir[0];
	for (int i = 0; i < SWAPPER_TABLES; i++)
		pt->pgd[i] = (__pa(swapper_pg_dir[1 + i]) & LD_MASK(TABLE, ADDR)) | LD_PREP(TABLE, TYPE, 3);
	page_tables_written(swapper_pg_dir, sizeof(swapper_pg_dir));
}

/* Walks through the caches as write-back write-allocate, inner shareable,
 * for both halves. */
#define TTBCR_WALKS	(LD_PREP(TTBCR, IRGN0, 1) | LD_PREP(TTBCR, ORGN0, 1) | \
			 LD_PREP(TTBCR, SH0, LONG_SH_INNER) | LD_PREP(TTBCR, IRGN1, 1) | \
			 LD_PREP(TTBCR, ORGN1, 1) | LD_PREP(TTBCR, SH1, LONG_SH_INNER))

/*
 * TTBR1 before TTBCR: until T1SZ changes, TTBR0 (already the new table)
 * translates everything, so no walk ever reads TTBR1 at a level it was
 * not set up for.
 */
static void long_install(phys_addr_t root)
{
	unsigned t1sz = ttbr1_t1sz();
	const uint64_t *pgd = __va(root);
	uint64_t ttbr1 = root;

	if (t1sz == 2)
		ttbr1 = pgd[3] & LD_MASK(TABLE, ADDR);
	else if (t1sz == 1)
		ttbr1 = root + 2 * sizeof(uint64_t);
	write_ttbr0_64(root);
	write_ttbr1_64(ttbr1);
	isb();
	write_ttbcr((uint32_t)(LD_BIT(TTBCR, EAE) | TTBCR_WALKS | LD_PREP(TTBCR, T1SZ, t1sz)));
}

static uint64_t long_read_par(void)
{
	return read_par64();
}

/* The 64-bit PAR names the memory by its MAIR attribute byte and its
 * shareability. */
static void long_par_attrs(uint64_t par, char *buf, size_t n)
{
	unsigned attr = (unsigned)LD_GET(par, PAR, ATTR);

	snprintf(buf, n, " (MAIR attribute 0x%02x: %s, %s)", attr, long_desc_attr_short(attr),
		 long_desc_sh_name((unsigned)LD_GET(par, PAR, SH)));
}

static void long_describe_regime(char *buf, size_t n)
{
	unsigned t1sz = ttbr1_t1sz();
	int k = snprintf(buf, n, "long descriptors (LPAE), TTBR0 = swapper_pg_dir at 0x%08" PRIx32,
			 (uint32_t)__pa(swapper_pg_dir));

	if (t1sz && k > 0 && (size_t)k < n)
		snprintf(buf + k, n - (size_t)k, ", TTBR1 = its %s for 0x%08" PRIx32 "-0xffffffff (T1SZ=%u)",
			 t1sz == 2 ? "second-level table" : "first-level entries",
			 (uint32_t)(0x100000000ull - (0x100000000ull >> t1sz)), t1sz);
	else if (k > 0 && (size_t)k < n)
		snprintf(buf + k, n - (size_t)k, " for all 4 GB, no TTBR1 (T1SZ=0)");
}

static void long_print_table_memory(const struct pgtable *pt)
{
	printk("Page tables: %u KB (first level: 4 x 8 B in a 4 KB page, %d x 4 KB second level, "
	       "%u x 4 KB third level)\n", 4 * (1 + SWAPPER_TABLES + pt->nr_tables), SWAPPER_TABLES,
	       pt->nr_tables);
}

/* Two spare slots of the boot table (boot_table_long.S: a page of
 * first-level entries, then one second-level table per gigabyte): the
 * early console's 2 MB block at DEBUG_UART_VIRT, and the probe's, the
 * block below it. */
#define BLOCK_SIZE	(2 * SZ_1M)
#define PROBE_VIRT	(DEBUG_UART_VIRT - BLOCK_SIZE)
extern uint64_t boot_pgd[1 + SWAPPER_TABLES][512];

static uint64_t *boot_entry(uint32_t va)
{
	return &boot_pgd[1 + (va >> 30)][(va >> 21) & 511];
}

static void boot_entry_publish(uint32_t va)
{
	uint64_t *entry = boot_entry(va);

	dcache_clean_pou((uintptr_t)entry, (uintptr_t)(entry + 1));
	dsb();
	local_flush_tlb_kernel_page(va);
}

static uint32_t boot_slot_map(uint32_t va, phys_addr_t pa)
{
	if (pa >= ((phys_addr_t)1 << 40))
		return 0;
	*boot_entry(va) = long_desc_format.mk_leaf(pa & ~(phys_addr_t)(BLOCK_SIZE - 1), MT_DEVICE, WALK_BLOCK);
	boot_entry_publish(va);
	return va + ((uint32_t)pa & (BLOCK_SIZE - 1));
}

static uint32_t long_probe_map(phys_addr_t pa)
{
	return boot_slot_map(PROBE_VIRT, pa);
}

static void long_probe_unmap(void)
{
	*boot_entry(PROBE_VIRT) = 0;
	boot_entry_publish(PROBE_VIRT);
}

static bool long_probe_slot_used(void)
{
	return *boot_entry(PROBE_VIRT) != 0;
}

/* The slot is head.S's if it mapped the device tree there. */
static uint32_t long_early_console_map(phys_addr_t pa)
{
	if (*boot_entry(DEBUG_UART_VIRT))
		return 0;
	return boot_slot_map(DEBUG_UART_VIRT, pa);
}

const struct mmu_format mmu_format = {
	.pgtable = &long_desc_format,
	.lpae = true,
	.setup_swapper = long_setup_swapper,
	.install = long_install,
	.read_par = long_read_par,
	.par_pa = long_desc_par_pa,
	.par_fsr = long_desc_par_fsr,
	.par_attrs = long_par_attrs,
	.describe_regime = long_describe_regime,
	.print_table_memory = long_print_table_memory,
	.probe_map = long_probe_map,
	.probe_unmap = long_probe_unmap,
	.probe_slot_used = long_probe_slot_used,
	.early_console_map = long_early_console_map,
	.probe_limit = (phys_addr_t)1 << 40,
};
