/*
 * The memory types of the kernel map, like Linux's mem_types[] in
 * arch/arm/mm/mmu.c: for each kind of mapping, the bits of a section, of a
 * page-table pointer and of a small page.  With TEX remap off, TEX/C/B
 * name the memory type directly (ARM ARM B3.8.2).
 */
#include "pgtable.h"

const struct mem_type mem_types[NR_MEM_TYPES] = {
	[MT_MEMORY_RWX] = {
		.name = "memory",
		.prot_sect = PROT_SECT_MEMORY,
		.prot_l1 = L1_TYPE_TABLE | L1_DOMAIN(DOMAIN_KERNEL),
		.prot_pte = L2_TYPE_SMALL | L2_SMALL_TEX(1) | L2_C | L2_B |
			    L2_AP(AP_PRIV_RW) | L2_S,
	},
	[MT_DEVICE] = {
		.name = "device",
		.prot_sect = PROT_SECT_DEVICE,
		.prot_l1 = L1_TYPE_TABLE | L1_DOMAIN(DOMAIN_IO),
		.prot_pte = L2_TYPE_SMALL | L2_SMALL_XN | L2_B |
			    L2_AP(AP_PRIV_RW) | L2_S,
	},
};

uint32_t mk_section(phys_addr_t pa, enum mem_type_id t)
{
	return ((uint32_t)pa & L1_SECT_ADDR_MASK) | mem_types[t].prot_sect;
}

uint32_t mk_pte(phys_addr_t pa, enum mem_type_id t)
{
	return ((uint32_t)pa & L2_SMALL_ADDR_MASK) | mem_types[t].prot_pte;
}

/* Same meaning, other bit positions (B3.5.1): XN moves to bit 0, AP to
 * 5:4, TEX to 8:6, APX/S/nG to 9/10/11; B and C stay at 2 and 3. */
uint32_t section_to_pte_prot(uint32_t sect)
{
	uint32_t pte = L2_TYPE_SMALL;

	pte |= sect & (L1_SECT_B | L1_SECT_C);
	if (sect & L1_SECT_XN)
		pte |= L2_SMALL_XN;
	pte |= L2_AP((sect >> L1_SECT_AP_SHIFT) & 3);
	pte |= L2_SMALL_TEX((sect >> L1_SECT_TEX_SHIFT) & 7);
	if (sect & L1_SECT_APX)
		pte |= L2_APX;
	if (sect & L1_SECT_S)
		pte |= L2_S;
	if (sect & L1_SECT_NG)
		pte |= L2_NG;
	return pte;
}
