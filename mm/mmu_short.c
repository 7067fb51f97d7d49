/*
 * The short-descriptor format on the real MMU (as Linux's proc-v7-2level):
 * a 16 KB first-level table for the whole 4 GB through TTBR0, 1 KB
 * second-level tables, the 32-bit PAR.
 */
#include <inttypes.h>
#include <stdio.h>

#include "arm/cp15.h"
#include "arm/tlbflush.h"
#include "cache.h"
#include "memory.h"
#include "sizes.h"
#include "mmu.h"
#include "printk.h"

uint32_t swapper_pg_dir[L1_ENTRIES] __attribute__((aligned(L1_TABLE_SIZE)));

static void short_setup_swapper(struct pgtable *pt)
{
	pt->fmt = &short_desc_format;
	pt->l1 = swapper_pg_dir;
}

/* TTBR0 for all 4 GB (TTBCR.N = 0); TTBR1 holds the same table, for the
 * user tasks that shorten TTBR0 with TTBCR.N. */
static void short_install(phys_addr_t root)
{
	write_ttbr0((uint32_t)root | TTBR_FLAGS);
	write_ttbr1((uint32_t)root | TTBR_FLAGS);
}

static uint64_t short_read_par(void)
{
	return read_par();
}

static phys_addr_t short_par_pa(uint32_t va, uint64_t par)
{
	return short_desc_par_pa(va, (uint32_t)par);
}

static uint32_t short_par_fsr(uint64_t par)
{
	return short_desc_par_fsr((uint32_t)par);
}

static void short_par_attrs(uint64_t par64, char *buf, size_t n)
{
	static const char *const inner[8] = {
		"non-cacheable", "strongly-ordered", "?", "device",
		"?", "write-back write-allocate", "write-through", "write-back",
	};
	uint32_t par = (uint32_t)par64;

	buf[0] = 0;
	/* QEMU leaves the attribute fields zero */
	if (par & (SD_MASK(PAR, OUTER) | SD_MASK(PAR, INNER) | SD_MASK(PAR, SH)))
		snprintf(buf, n, " (inner %s, %sshareable)", inner[SD_GET(par, PAR, INNER)],
			 SD_GET(par, PAR, SH) ? "" : "non-");
}

static void short_describe_regime(char *buf, size_t n)
{
	snprintf(buf, n, "TTBR0 = swapper_pg_dir at 0x%08" PRIx32, (uint32_t)__pa(swapper_pg_dir));
}

static void short_print_table_memory(const struct pgtable *pt)
{
	printk("Page tables: %u KB (16 KB first level + %u x 1 KB second level)\n",
	       16 + pt->nr_tables, pt->nr_tables);
}

/* Two spare slots of the boot table: the early console's section at
 * DEBUG_UART_VIRT, and the probe's, the section below it. */
#define PROBE_VIRT	(DEBUG_UART_VIRT - SECTION_SIZE)
extern uint32_t boot_pgd[];

static uint32_t *boot_entry(uint32_t va)
{
	return &boot_pgd[va >> SECTION_SHIFT];
}

static void boot_entry_publish(uint32_t va)
{
	uint32_t *entry = boot_entry(va);

	dcache_clean_pou((uintptr_t)entry, (uintptr_t)(entry + 1));
	dsb();
	local_flush_tlb_kernel_page(va);
}

static uint32_t boot_slot_map(uint32_t va, phys_addr_t pa)
{
	if (pa >= ((phys_addr_t)1 << 32))
		return 0;
	*boot_entry(va) = mk_section(pa & ~(phys_addr_t)(SECTION_SIZE - 1), MT_DEVICE);
	boot_entry_publish(va);
	return va + ((uint32_t)pa & (SECTION_SIZE - 1));
}

static uint32_t short_probe_map(phys_addr_t pa)
{
	return boot_slot_map(PROBE_VIRT, pa);
}

static void short_probe_unmap(void)
{
	*boot_entry(PROBE_VIRT) = 0;
	boot_entry_publish(PROBE_VIRT);
}

static bool short_probe_slot_used(void)
{
	return *boot_entry(PROBE_VIRT) != 0;
}

/* The slot is head.S's if it mapped the device tree there. */
static uint32_t short_early_console_map(phys_addr_t pa)
{
	if (*boot_entry(DEBUG_UART_VIRT))
		return 0;
	return boot_slot_map(DEBUG_UART_VIRT, pa);
}

const struct mmu_format mmu_format = {
	.pgtable = &short_desc_format,
	.lpae = false,
	.setup_swapper = short_setup_swapper,
	.install = short_install,
	.read_par = short_read_par,
	.par_pa = short_par_pa,
	.par_fsr = short_par_fsr,
	.par_attrs = short_par_attrs,
	.describe_regime = short_describe_regime,
	.print_table_memory = short_print_table_memory,
	.probe_map = short_probe_map,
	.probe_unmap = short_probe_unmap,
	.probe_slot_used = short_probe_slot_used,
	.early_console_map = short_early_console_map,
	.probe_limit = (phys_addr_t)1 << 32,
};
