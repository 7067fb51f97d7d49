/*
 * The memory types of the kernel map, like Linux's mem_types[] in
 * arch/arm/mm/mmu.c: for each kind of mapping, the bits of a section, of a
 * page-table pointer and of a small page.  With TEX remap off, TEX/C/B
 * name the memory type directly (ARM ARM B3.8.2), and with the access flag
 * off AP[2:0] are plain permissions (B3.7.1).
 */
#include "pgtable.h"

/* Memory attributes, section and small-page encodings of the same thing. */
#define SECT_WBWA	(L1_SECT_TEX(1) | L1_SECT_C | L1_SECT_B | L1_SECT_S)
#define PTE_WBWA	(L2_SMALL_TEX(1) | L2_C | L2_B | L2_S)
#define SECT_UNCACHED	(L1_SECT_TEX(1) | L1_SECT_S)	/* normal, non-cacheable */
#define PTE_UNCACHED	(L2_SMALL_TEX(1) | L2_S)
#define SECT_DEVICE	(L1_SECT_B | L1_SECT_S)		/* shareable device */
#define PTE_DEVICE	(L2_B | L2_S)

/* Permissions: APX:AP = 0:01 PL1 RW; 1:01 PL1 RO; 1:11 RO at PL1 and PL0. */
#define SECT_RW		L1_SECT_AP(AP_PRIV_RW)
#define SECT_RO		(L1_SECT_APX | L1_SECT_AP(AP_PRIV_RW))
#define SECT_RO_USER	(L1_SECT_APX | L1_SECT_AP(AP_RW))
#define PTE_RW		L2_AP(AP_PRIV_RW)
#define PTE_RO		(L2_APX | L2_AP(AP_PRIV_RW))
#define PTE_RO_USER	(L2_APX | L2_AP(AP_RW))
#define PTE_RW_USER	L2_AP(AP_RW)

#define KERNEL_SECT	(L1_TYPE_SECT | L1_DOMAIN(DOMAIN_KERNEL))
#define KERNEL_TABLE	(L1_TYPE_TABLE | L1_DOMAIN(DOMAIN_KERNEL))
/* User pages: DOMAIN_USER (so the kernel can shut them out by domain),
 * not global (nG: TLB entries carry the task's ASID), pages only. */
#define USER_TABLE	(L1_TYPE_TABLE | L1_DOMAIN(DOMAIN_USER))
#define USER_SECT	(L1_TYPE_SECT | L1_DOMAIN(DOMAIN_USER) | L1_SECT_NG)

const struct mem_type mem_types[NR_MEM_TYPES] = {
	[MT_MEMORY_RWX] = {
		.name = "memory RWX",
		.prot_sect = KERNEL_SECT | SECT_WBWA | SECT_RW,
		.prot_l1 = KERNEL_TABLE,
		.prot_pte = L2_TYPE_SMALL | PTE_WBWA | PTE_RW,
	},
	[MT_MEMORY_RW] = {
		.name = "memory RW",
		.prot_sect = KERNEL_SECT | SECT_WBWA | SECT_RW | L1_SECT_XN,
		.prot_l1 = KERNEL_TABLE,
		.prot_pte = L2_TYPE_SMALL | PTE_WBWA | PTE_RW | L2_SMALL_XN,
	},
	[MT_MEMORY_RX] = {
		.name = "memory RX",
		.prot_sect = KERNEL_SECT | SECT_WBWA | SECT_RO,
		.prot_l1 = KERNEL_TABLE,
		.prot_pte = L2_TYPE_SMALL | PTE_WBWA | PTE_RO,
	},
	[MT_MEMORY_RO] = {
		.name = "memory RO",
		.prot_sect = KERNEL_SECT | SECT_WBWA | SECT_RO | L1_SECT_XN,
		.prot_l1 = KERNEL_TABLE,
		.prot_pte = L2_TYPE_SMALL | PTE_WBWA | PTE_RO | L2_SMALL_XN,
	},
	[MT_DEVICE] = {
		.name = "device",
		.prot_sect = L1_TYPE_SECT | L1_DOMAIN(DOMAIN_IO) | SECT_DEVICE | SECT_RW |
			     L1_SECT_XN,
		.prot_l1 = L1_TYPE_TABLE | L1_DOMAIN(DOMAIN_IO),
		.prot_pte = L2_TYPE_SMALL | PTE_DEVICE | PTE_RW | L2_SMALL_XN,
	},
	[MT_DMA_COHERENT] = {
		.name = "DMA coherent",
		.prot_sect = KERNEL_SECT | SECT_UNCACHED | SECT_RW | L1_SECT_XN,
		.prot_l1 = KERNEL_TABLE,
		.prot_pte = L2_TYPE_SMALL | PTE_UNCACHED | PTE_RW | L2_SMALL_XN,
	},
	[MT_HIGH_VECTORS] = {
		.name = "vectors",
		.prot_sect = KERNEL_SECT | SECT_WBWA | SECT_RO_USER,
		.prot_l1 = KERNEL_TABLE,
		.prot_pte = L2_TYPE_SMALL | PTE_WBWA | PTE_RO_USER,
	},
	[MT_VECTOR_STUBS] = {
		.name = "vector stubs",
		.prot_sect = KERNEL_SECT | SECT_WBWA | SECT_RO,
		.prot_l1 = KERNEL_TABLE,
		.prot_pte = L2_TYPE_SMALL | PTE_WBWA | PTE_RO,
	},
	[MT_USER_RX] = {
		.name = "user RX",
		.prot_sect = USER_SECT | SECT_WBWA | SECT_RO_USER,
		.prot_l1 = USER_TABLE,
		.prot_pte = L2_TYPE_SMALL | PTE_WBWA | PTE_RO_USER | L2_NG,
	},
	[MT_USER_RW] = {
		.name = "user RW",
		.prot_sect = USER_SECT | SECT_WBWA | L1_SECT_AP(AP_RW) | L1_SECT_XN,
		.prot_l1 = USER_TABLE,
		.prot_pte = L2_TYPE_SMALL | PTE_WBWA | PTE_RW_USER | L2_SMALL_XN | L2_NG,
	},
};

uint32_t mk_section(phys_addr_t pa, enum mem_type_id t)
{
	return ((uint32_t)pa & L1_SECT_ADDR_MASK) | mem_types[t].prot_sect;
}

/* 16 MB, written into 16 consecutive entries.  Bits 8:5 hold PA[39:36]
 * instead of a domain (a supersection is always domain 0), bits 23:20
 * PA[35:32]: both zero below 4 GB. */
uint32_t mk_supersection(phys_addr_t pa, enum mem_type_id t)
{
	return ((uint32_t)pa & L1_SUPER_ADDR_MASK) | L1_SECT_SUPER |
	       (mem_types[t].prot_sect & ~L1_DOMAIN_MASK);
}

uint32_t mk_pte(phys_addr_t pa, enum mem_type_id t)
{
	return ((uint32_t)pa & L2_SMALL_ADDR_MASK) | mem_types[t].prot_pte;
}

int mem_type_of_section(uint32_t sect)
{
	bool super = sect & L1_SECT_SUPER;
	/* A supersection has no domain; its bits 8:5 and 23:20 are address. */
	uint32_t ignore = super ? L1_SECT_ADDR_MASK | L1_SECT_SUPER | L1_DOMAIN_MASK
				: L1_SECT_ADDR_MASK;

	for (int t = 0; t < NR_MEM_TYPES; t++)
		if ((sect & ~ignore) == (mem_types[t].prot_sect & ~ignore))
			return t;
	return -1;
}

int mem_type_of_pte(uint32_t pte)
{
	for (int t = 0; t < NR_MEM_TYPES; t++)
		if ((pte & ~L2_SMALL_ADDR_MASK) == mem_types[t].prot_pte)
			return t;
	return -1;
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
