/* What kind of memory a descriptor's attributes make of an address, in
 * words both formats share: TEX:C:B in the short format, the MAIR
 * attribute AttrIndx selects in the long one. */
#ifndef VMSPLIT_MEM_KIND_H
#define VMSPLIT_MEM_KIND_H

enum mem_kind {
	MEM_KIND_STRONGLY_ORDERED,
	MEM_KIND_DEVICE,
	MEM_KIND_NORMAL_UNCACHED,
	MEM_KIND_NORMAL_WT,		/* write-through */
	MEM_KIND_NORMAL_WB,		/* write-back, no write-allocate */
	MEM_KIND_NORMAL_WBWA,		/* write-back write-allocate */
	MEM_KIND_OTHER,			/* mixed inner and outer policies, reserved */
	NR_MEM_KINDS,
};

/* "strongly-ordered", "device", "normal uncached", "normal WT", ... */
const char *mem_kind_name(enum mem_kind k);

#endif
