/*
 * The memory types of the kernel map, like Linux's mem_types[] in
 * arch/arm/mm/mmu.c: for each kind of mapping, the bits of a section, of a
 * page-table pointer and of a small page.  With TEX remap off, TEX/C/B
 * name the memory type directly (ARM ARM B3.8.2), and with the access flag
 * off AP[2:0] are plain permissions (B3.7.1).
 */
#include "pgtable.h"

/* Memory attributes, section and small-page encodings of the same thing. */
#define SECT_WBWA	(SD_PREP(SECT, TEX, 1) | SD_BIT(SECT, C) | SD_BIT(SECT, B) | SD_BIT(SECT, S))
#define PTE_WBWA	(SD_PREP(SMALL, TEX, 1) | SD_BIT(SMALL, C) | SD_BIT(SMALL, B) | SD_BIT(SMALL, S))
#define SECT_UNCACHED	(SD_PREP(SECT, TEX, 1) | SD_BIT(SECT, S))	/* normal, non-cacheable */
#define PTE_UNCACHED	(SD_PREP(SMALL, TEX, 1) | SD_BIT(SMALL, S))
#define SECT_DEVICE	(SD_BIT(SECT, B) | SD_BIT(SECT, S))		/* shareable device */
#define PTE_DEVICE	(SD_BIT(SMALL, B) | SD_BIT(SMALL, S))

/* Permissions: APX:AP = 0:01 PL1 RW; 1:01 PL1 RO; 1:11 RO at PL1 and PL0. */
#define SECT_RW		SD_PREP(SECT, AP, AP_PRIV_RW)
#define SECT_RO		(SD_BIT(SECT, APX) | SD_PREP(SECT, AP, AP_PRIV_RW))
#define SECT_RO_USER	(SD_BIT(SECT, APX) | SD_PREP(SECT, AP, AP_RW))
#define PTE_RW		SD_PREP(SMALL, AP, AP_PRIV_RW)
#define PTE_RO		(SD_BIT(SMALL, APX) | SD_PREP(SMALL, AP, AP_PRIV_RW))
#define PTE_RO_USER	(SD_BIT(SMALL, APX) | SD_PREP(SMALL, AP, AP_RW))
#define PTE_RW_USER	SD_PREP(SMALL, AP, AP_RW)

#define KERNEL_SECT	(SD_BIT(SECT, TYPE) | SD_PREP(SECT, DOMAIN, DOMAIN_KERNEL))
#define KERNEL_TABLE	(SD_PREP(TABLE, TYPE, 1) | SD_PREP(SECT, DOMAIN, DOMAIN_KERNEL))
/* User pages: DOMAIN_USER (so the kernel can shut them out by domain),
 * not global (nG: TLB entries carry the task's ASID), pages only. */
#define USER_TABLE	(SD_PREP(TABLE, TYPE, 1) | SD_PREP(SECT, DOMAIN, DOMAIN_USER))
#define USER_SECT	(SD_BIT(SECT, TYPE) | SD_PREP(SECT, DOMAIN, DOMAIN_USER) | SD_BIT(SECT, NG))

const struct mem_type mem_types[NR_MEM_TYPES] = {
	[MT_MEMORY_RWX] = {
		.name = "memory RWX",
		.prot_sect = KERNEL_SECT | SECT_WBWA | SECT_RW,
		.prot_l1 = KERNEL_TABLE,
		.prot_pte = SD_BIT(SMALL, TYPE) | PTE_WBWA | PTE_RW,
	},
	[MT_MEMORY_RW] = {
		.name = "memory RW",
		.prot_sect = KERNEL_SECT | SECT_WBWA | SECT_RW | SD_BIT(SECT, XN),
		.prot_l1 = KERNEL_TABLE,
		.prot_pte = SD_BIT(SMALL, TYPE) | PTE_WBWA | PTE_RW | SD_BIT(SMALL, XN),
	},
	[MT_MEMORY_RX] = {
		.name = "memory RX",
		.prot_sect = KERNEL_SECT | SECT_WBWA | SECT_RO,
		.prot_l1 = KERNEL_TABLE,
		.prot_pte = SD_BIT(SMALL, TYPE) | PTE_WBWA | PTE_RO,
	},
	[MT_MEMORY_RO] = {
		.name = "memory RO",
		.prot_sect = KERNEL_SECT | SECT_WBWA | SECT_RO | SD_BIT(SECT, XN),
		.prot_l1 = KERNEL_TABLE,
		.prot_pte = SD_BIT(SMALL, TYPE) | PTE_WBWA | PTE_RO | SD_BIT(SMALL, XN),
	},
	[MT_DEVICE] = {
		.name = "device",
		.prot_sect = SD_BIT(SECT, TYPE) | SD_PREP(SECT, DOMAIN, DOMAIN_IO) | SECT_DEVICE | SECT_RW |
			     SD_BIT(SECT, XN),
		.prot_l1 = SD_PREP(TABLE, TYPE, 1) | SD_PREP(SECT, DOMAIN, DOMAIN_IO),
		.prot_pte = SD_BIT(SMALL, TYPE) | PTE_DEVICE | PTE_RW | SD_BIT(SMALL, XN),
	},
	[MT_DMA_COHERENT] = {
		.name = "DMA coherent",
		.prot_sect = KERNEL_SECT | SECT_UNCACHED | SECT_RW | SD_BIT(SECT, XN),
		.prot_l1 = KERNEL_TABLE,
		.prot_pte = SD_BIT(SMALL, TYPE) | PTE_UNCACHED | PTE_RW | SD_BIT(SMALL, XN),
	},
	[MT_HIGH_VECTORS] = {
		.name = "vectors",
		.prot_sect = KERNEL_SECT | SECT_WBWA | SECT_RO_USER,
		.prot_l1 = KERNEL_TABLE,
		.prot_pte = SD_BIT(SMALL, TYPE) | PTE_WBWA | PTE_RO_USER,
	},
	[MT_VECTOR_STUBS] = {
		.name = "vector stubs",
		.prot_sect = KERNEL_SECT | SECT_WBWA | SECT_RO,
		.prot_l1 = KERNEL_TABLE,
		.prot_pte = SD_BIT(SMALL, TYPE) | PTE_WBWA | PTE_RO,
	},
	[MT_USER_RX] = {
		.name = "user RX",
		.prot_sect = USER_SECT | SECT_WBWA | SECT_RO_USER,
		.prot_l1 = USER_TABLE,
		.prot_pte = SD_BIT(SMALL, TYPE) | PTE_WBWA | PTE_RO_USER | SD_BIT(SMALL, NG),
	},
	[MT_USER_RW] = {
		.name = "user RW",
		.prot_sect = USER_SECT | SECT_WBWA | SD_PREP(SECT, AP, AP_RW) | SD_BIT(SECT, XN),
		.prot_l1 = USER_TABLE,
		.prot_pte = SD_BIT(SMALL, TYPE) | PTE_WBWA | PTE_RW_USER | SD_BIT(SMALL, XN) | SD_BIT(SMALL, NG),
	},
};

uint32_t mk_section(phys_addr_t pa, enum mem_type_id t)
{
	return ((uint32_t)pa & SD_MASK(SECT, ADDR)) | mem_types[t].prot_sect;
}

/* 16 MB, written into 16 consecutive entries.  PA39_36 sits where a
 * section has its domain (a supersection is always domain 0), PA35_32
 * in the low bits of a section's address: both zero below 4 GB. */
uint32_t mk_supersection(phys_addr_t pa, enum mem_type_id t)
{
	return ((uint32_t)pa & SD_MASK(SUPER, ADDR)) | SD_BIT(SUPER, SUPER) |
	       (mem_types[t].prot_sect & ~SD_MASK(SECT, DOMAIN));
}

uint32_t mk_pte(phys_addr_t pa, enum mem_type_id t)
{
	return ((uint32_t)pa & SD_MASK(SMALL, ADDR)) | mem_types[t].prot_pte;
}

/* Same meaning, other bit positions (B3.5.1): every field a section and a
 * small page share moves to its page position (the table says where). */
uint32_t section_to_pte_prot(uint32_t sect)
{
	return short_desc_convert(sect, SD_SECT, SD_SMALL);
}

static unsigned access_of(enum mem_type_id t)
{
	uint32_t pte = mem_types[t].prot_pte;

	return (SD_GET(pte, SMALL, APX) << 2) | SD_GET(pte, SMALL, AP);
}

/* AP[2:0] (B3.7.1): 1-3 PL1 RW; 5-7 PL1 RO; 2, 3, 6, 7 PL0 may read;
 * 3 PL0 may write.  The names in arm/short_desc.h say the same. */
bool mem_type_pl1_writable(enum mem_type_id t)
{
	unsigned a = access_of(t);

	return a >= 1 && a <= 3;
}

bool mem_type_pl0_readable(enum mem_type_id t)
{
	unsigned a = access_of(t);

	return a == 2 || a == 3 || a == 6 || a == 7;
}

bool mem_type_pl0_writable(enum mem_type_id t)
{
	return access_of(t) == 3;
}

bool mem_type_executable(enum mem_type_id t)
{
	return !SD_GET(mem_types[t].prot_pte, SMALL, XN);
}
