/* What every memory type must be, by hand from the ARM ARM (want_mem_types.h). */
#include <stdbool.h>

#include "arm/short_desc.h"
#include "sizes.h"
#include "want_mem_types.h"

/*
 * What every memory type must be (Linux's mem_types[], linux-arm-layout.md
 * s. 7).  Memory attributes, B3.8.2 with TEX remap off: normal
 * Write-Back Write-Allocate is TEX=001 C=1 B=1, normal non-cacheable
 * TEX=001 C=0 B=0, Shareable Device TEX=000 C=0 B=1; all shareable.
 * Permissions, B3.7.1 with AFE=0: APX:AP 0:01 PL1 RW / PL0 none, 1:01 PL1
 * RO / PL0 none, 1:11 RO at both, 0:11 RW at both.  Devices are domain
 * 2, user pages domain 1 and not global (nG), the rest 0.
 * The descriptor values are added up by hand from those bit positions.
 */
#define A_WBWA	.tex = 1, .c = 1, .b = 1, .s = 1
#define A_NC	.tex = 1, .c = 0, .b = 0, .s = 1
#define A_DEV	.tex = 0, .c = 0, .b = 1, .s = 1
#define P_RW	.apx = 0, .ap = 1
#define P_RO	.apx = 1, .ap = 1
#define P_RO_U	.apx = 1, .ap = 3
#define P_RW_U	.apx = 0, .ap = 3

const struct want_type want_types[] = {
	{ MT_MEMORY_RWX, "memory RWX", { A_WBWA, P_RW, .xn = 0, .domain = 0 },
	  0x0001140e, 0x0000045e, 0x00000001, "PL1 RW, PL0 none", "normal, write-back write-allocate" },
	{ MT_MEMORY_RW, "memory RW", { A_WBWA, P_RW, .xn = 1, .domain = 0 },
	  0x0001141e, 0x0000045f, 0x00000001, "PL1 RW, PL0 none", "normal, write-back write-allocate" },
	{ MT_MEMORY_RX, "memory RX", { A_WBWA, P_RO, .xn = 0, .domain = 0 },
	  0x0001940e, 0x0000065e, 0x00000001, "PL1 RO, PL0 none", "normal, write-back write-allocate" },
	{ MT_MEMORY_RO, "memory RO", { A_WBWA, P_RO, .xn = 1, .domain = 0 },
	  0x0001941e, 0x0000065f, 0x00000001, "PL1 RO, PL0 none", "normal, write-back write-allocate" },
	{ MT_DEVICE, "device", { A_DEV, P_RW, .xn = 1, .domain = 2 },
	  0x00010456, 0x00000417, 0x00000041, "PL1 RW, PL0 none", "shareable device" },
	{ MT_DMA_COHERENT, "DMA coherent", { A_NC, P_RW, .xn = 1, .domain = 0 },
	  0x00011412, 0x00000453, 0x00000001, "PL1 RW, PL0 none", "normal, non-cacheable" },
	{ MT_HIGH_VECTORS, "vectors", { A_WBWA, P_RO_U, .xn = 0, .domain = 0 },
	  0x00019c0e, 0x0000067e, 0x00000001, "PL1 RO, PL0 RO", "normal, write-back write-allocate" },
	{ MT_VECTOR_STUBS, "vector stubs", { A_WBWA, P_RO, .xn = 0, .domain = 0 },
	  0x0001940e, 0x0000065e, 0x00000001, "PL1 RO, PL0 none", "normal, write-back write-allocate" },
	{ MT_USER_RX, "user RX", { A_WBWA, P_RO_U, .ng = 1, .xn = 0, .domain = 1 },
	  0x00039c2e, 0x00000e7e, 0x00000021, "PL1 RO, PL0 RO", "normal, write-back write-allocate" },
	{ MT_USER_RW, "user RW", { A_WBWA, P_RW_U, .ng = 1, .xn = 1, .domain = 1 },
	  0x00031c3e, 0x00000c7f, 0x00000021, "PL1 RW, PL0 RW", "normal, write-back write-allocate" },
};

const unsigned nr_want_types = ARRAY_SIZE(want_types);

int mem_type_of_section(uint32_t sect)
{
	bool super = short_desc_kind_of(1, sect) == SD_SUPER;
	/* A supersection has no domain; its PA39_36 and PA35_32 are address. */
	uint32_t ignore = super ? SD_MASK(SUPER, ADDR) | SD_MASK(SUPER, PA35_32) | SD_BIT(SUPER, SUPER) |
				  SD_MASK(SUPER, PA39_36)
				: SD_MASK(SECT, ADDR);

	for (int t = 0; t < NR_MEM_TYPES; t++)
		if ((sect & ~ignore) == (mem_types[t].prot_sect & ~ignore))
			return t;
	return -1;
}

int mem_type_of_pte(uint32_t pte)
{
	for (int t = 0; t < NR_MEM_TYPES; t++)
		if ((pte & ~SD_MASK(SMALL, ADDR)) == mem_types[t].prot_pte)
			return t;
	return -1;
}
