/*
 * The memory types in the long-descriptor format, as Linux 6.1 builds them
 * under LPAE (arch/arm/mm/mmu.c, arch/arm/include/asm/pgtable-3level*.h):
 *  - AttrIndx selects an attribute of Linux's MAIR0/MAIR1: 7 (WRITEALLOC)
 *    for memory, 1 (BUFFERABLE, normal non-cacheable) for DMA, 4
 *    (DEV_SHARED) for device pages; a device block has AttrIndx 0
 *    (strongly-ordered), since the TEX bits Linux adds to a device
 *    section are no bits at all in this format (PMD_SECT_TEX(x) is 0);
 *  - SH 0b11 (inner shareable, L_PTE_SHARED and PMD_SECT_S) everywhere,
 *    devices included (where it does not matter);
 *  - AF on every mapping: Linux takes no access flag faults on its own;
 *  - AP[2:1]: AP[1] is L_PTE_USER, AP[2] read-only (L_PTE_RDONLY in a
 *    page, which cpu_v7_set_pte_ext turns into AP[2]; L_PMD_SECT_RDONLY
 *    and PMD_SECT_AP2 in a block);
 *  - XN where the short format has it; PXN and nG on user pages;
 *  - L_PTE_DIRTY on every kernel page (Linux maps them dirty) and on the
 *    writable user page, whose AP[2] is then clear.
 * Linux has no blocks for the vectors or for user memory; vmsplit's carry
 * the page's attributes, as its short-format sections do.  Tables are
 * 0b11 with no attributes of their own (MAP_PXN adds PXNTable).
 */
#include "long_mem_types.h"

#define M_BLOCK		LD_PREP(BLOCK2, TYPE, 1)
#define M_PAGE		LD_PREP(PAGE, TYPE, 3)
#define M_TABLE		LD_PREP(TABLE, TYPE, 3)

/* The same attribute fields sit at the same bits in a block and a page
 * (a unit test checks it): the BLOCK2 names serve both. */
#define M_ATTR(mt)	(LD_PREP(BLOCK2, ATTRINDX, LINUX_MT_##mt) | LD_PREP(BLOCK2, SH, LONG_SH_INNER) | \
			 LD_BIT(BLOCK2, AF))
#define M_KERNEL_RO	(LD_PREP(BLOCK2, AP, 2) | LD_BIT(BLOCK2, RDONLY))
#define M_USER_RO	(LD_PREP(BLOCK2, AP, 3) | LD_BIT(BLOCK2, RDONLY))
#define M_USER_RW	LD_PREP(BLOCK2, AP, 1)
#define M_XN		LD_BIT(BLOCK2, XN)
#define M_USER		(LD_BIT(BLOCK2, NG) | LD_BIT(BLOCK2, PXN))
#define M_DIRTY		LD_BIT(PAGE, DIRTY)

const struct long_mem_type long_mem_types[NR_MEM_TYPES] = {
	[MT_MEMORY_RWX] = {
		.name = "memory RWX",
		.prot_block = M_BLOCK | M_ATTR(WRITEALLOC),
		.prot_table = M_TABLE,
		.prot_page = M_PAGE | M_ATTR(WRITEALLOC) | M_DIRTY,
	},
	[MT_MEMORY_RW] = {
		.name = "memory RW",
		.prot_block = M_BLOCK | M_ATTR(WRITEALLOC) | M_XN,
		.prot_table = M_TABLE,
		.prot_page = M_PAGE | M_ATTR(WRITEALLOC) | M_XN | M_DIRTY,
	},
	[MT_MEMORY_RX] = {
		.name = "memory RX",
		.prot_block = M_BLOCK | M_ATTR(WRITEALLOC) | M_KERNEL_RO,
		.prot_table = M_TABLE,
		.prot_page = M_PAGE | M_ATTR(WRITEALLOC) | M_KERNEL_RO | M_DIRTY,
	},
	[MT_MEMORY_RO] = {
		.name = "memory RO",
		.prot_block = M_BLOCK | M_ATTR(WRITEALLOC) | M_KERNEL_RO | M_XN,
		.prot_table = M_TABLE,
		.prot_page = M_PAGE | M_ATTR(WRITEALLOC) | M_KERNEL_RO | M_XN | M_DIRTY,
	},
	[MT_DEVICE] = {
		.name = "device",
		.prot_block = M_BLOCK | M_ATTR(UNCACHED) | M_XN,
		.prot_table = M_TABLE,
		.prot_page = M_PAGE | M_ATTR(DEV_SHARED) | M_XN | M_DIRTY,
	},
	[MT_DMA_COHERENT] = {
		.name = "DMA coherent",
		.prot_block = M_BLOCK | M_ATTR(BUFFERABLE) | M_XN,
		.prot_table = M_TABLE,
		.prot_page = M_PAGE | M_ATTR(BUFFERABLE) | M_XN | M_DIRTY,
	},
	[MT_HIGH_VECTORS] = {
		.name = "vectors",
		.prot_block = M_BLOCK | M_ATTR(WRITEALLOC) | M_USER_RO,
		.prot_table = M_TABLE,
		.prot_page = M_PAGE | M_ATTR(WRITEALLOC) | M_USER_RO | M_DIRTY,
	},
	[MT_VECTOR_STUBS] = {
		.name = "vector stubs",
		.prot_block = M_BLOCK | M_ATTR(WRITEALLOC) | M_KERNEL_RO,
		.prot_table = M_TABLE,
		.prot_page = M_PAGE | M_ATTR(WRITEALLOC) | M_KERNEL_RO | M_DIRTY,
	},
	[MT_USER_RX] = {
		.name = "user RX",
		.prot_block = M_BLOCK | M_ATTR(WRITEALLOC) | M_USER_RO | M_USER,
		.prot_table = M_TABLE,
		.prot_page = M_PAGE | M_ATTR(WRITEALLOC) | M_USER_RO | M_USER,
	},
	[MT_USER_RW] = {
		.name = "user RW",
		.prot_block = M_BLOCK | M_ATTR(WRITEALLOC) | M_USER_RW | M_XN | M_USER,
		.prot_table = M_TABLE,
		.prot_page = M_PAGE | M_ATTR(WRITEALLOC) | M_USER_RW | M_XN | M_USER | M_DIRTY,
	},
};

uint64_t mk_long_block(uint64_t pa, int level, enum mem_type_id t)
{
	uint64_t addr = level == 1 ? LD_MASK(BLOCK1, ADDR) : LD_MASK(BLOCK2, ADDR);

	return (pa & addr) | long_mem_types[t].prot_block;
}

uint64_t mk_long_table(uint64_t pa, enum mem_type_id t)
{
	return (pa & LD_MASK(TABLE, ADDR)) | long_mem_types[t].prot_table;
}

uint64_t mk_long_page(uint64_t pa, enum mem_type_id t)
{
	return (pa & LD_MASK(PAGE, ADDR)) | long_mem_types[t].prot_page;
}

uint64_t long_block_to_page_prot(uint64_t block)
{
	uint64_t page = long_desc_convert(block, LD_BLOCK2, LD_PAGE);
	bool writable = !(LD_GET(page, PAGE, AP) & 2), global = !LD_GET(page, PAGE, NG);

	return (writable || global) ? page | LD_BIT(PAGE, DIRTY) : page;
}

uint64_t long_page_to_block_prot(uint64_t page)
{
	return long_desc_convert(page, LD_PAGE, LD_BLOCK2) & ~LD_BIT(BLOCK2, DIRTY);
}

static unsigned ap_of(enum mem_type_id t)
{
	return (unsigned)LD_GET(long_mem_types[t].prot_page, PAGE, AP);
}

/* AP[2:1] (B3.7.1): AP[2] clear, PL1 may write; AP[1] set, PL0 has the
 * access PL1 has.  The names in arm/long_desc.h say the same. */
bool long_mem_type_pl1_writable(enum mem_type_id t)
{
	return !(ap_of(t) & 2);
}

bool long_mem_type_pl0_readable(enum mem_type_id t)
{
	return ap_of(t) & 1;
}

bool long_mem_type_pl0_writable(enum mem_type_id t)
{
	return ap_of(t) == 1;
}

bool long_mem_type_executable(enum mem_type_id t)
{
	return !LD_GET(long_mem_types[t].prot_page, PAGE, XN);
}

bool long_mem_type_pl1_executable(enum mem_type_id t)
{
	return long_mem_type_executable(t) && !LD_GET(long_mem_types[t].prot_page, PAGE, PXN);
}

enum mem_kind long_desc_kind_of_leaf(uint64_t leaf)
{
	unsigned n = (unsigned)LD_GET(leaf, PAGE, ATTRINDX);

	return long_desc_attr_kind(long_desc_mair_attr(LINUX_MAIR0, LINUX_MAIR1, n));
}

enum mem_kind long_mem_type_kind(enum mem_type_id t)
{
	return long_desc_kind_of_leaf(long_mem_types[t].prot_page);
}
