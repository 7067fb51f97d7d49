/*
 * The layout decision: from banks and rules to lowmem, highmem and every
 * region of the kernel's virtual address space.  Pure arithmetic, shared by
 * the kernel (which then builds page tables from it) and the host tool.
 */
#ifndef VMSPLIT_LAYOUT_H
#define VMSPLIT_LAYOUT_H

#include "cmdline.h"

#define VMALLOC_OFFSET		UINT32_C(0x00800000)	/* 8 MB hole after lowmem */
#define VECTORS_BASE		UINT32_C(0xffff0000)	/* high vectors (SCTLR.V) */
#define LAST_PKMAP		UINT32_C(512)		/* pkmap slots of 4 KB */
#define IO_WINDOW_SIZE		UINT32_C(0x01000000)	/* static IO map: 16 MB */

/* The first 2 MB of RAM hold the device tree QEMU loads (1 MB) and the
 * kernel image (linker/kernel.ld.S checks it fits): lowmem must cover
 * them, whatever mem= says.  The boot table maps them as two 1 MB
 * sections, or under LPAE as one 2 MB block (SECTION_SIZE = PMD_SIZE
 * there): the same 2 MB either way. */
#define KERNEL_REGION_SIZE	UINT32_C(0x00200000)
/* Of it, what the boot itself may take before mem_init(): from the
 * bottom the device tree's megabyte and the image (at most 768 kB,
 * linker/kernel.ld.S); from the top the first page tables and the vector
 * pages, which memblock hands out from its limit down while the limit is
 * the end of these 2 MB (a few pages in either format: BOOT_TABLES_SIZE
 * keeps room for them).  The gap between is free, but no piece that
 * runs on past the 2 MB can use it. */
#define BOOT_USED_SIZE		(KERNEL_REGION_SIZE - UINT32_C(0x00020000))
#define BOOT_TABLES_SIZE	UINT32_C(0x00010000)
/* When the firmware's banks cannot be booted: QEMU virt's default -m. */
#define FALLBACK_RAM_SIZE	UINT32_C(0x08000000)

/*
 * The regions of the 4 GB, one row each: its id (REGION_ID), its name (what
 * a lookup, a fault report, ptdump's headers and the MMU check say), its box
 * in the picture (memlayout --svg; NULL: drawn as unused space), and, if
 * Linux's "Virtual kernel memory layout:" has a line for it, that line, its
 * label and whether its size is printed in kB (else MB).  Where each lies is
 * the decision's: place_regions() in core/layout/layout.c.
 */
#define LAYOUT_REGIONS(X) \
	X(USER,       "user space (below TASK_SIZE)", "user space",           LINE_END,     NULL,      false) \
	X(MODULES,    "modules",                      "modules",              LINE_MODULES, "modules", false) \
	X(PKMAP,      "pkmap",                        "pkmap",                LINE_PKMAP,   "pkmap",   false) \
	X(LOWMEM,     "lowmem",                       "lowmem",               LINE_LOWMEM,  "lowmem",  false) \
	X(LOWMEM_PARTIAL_PAGE, "lowmem, in its last partial page (not mapped)", NULL, LINE_END, NULL, false) \
	X(LOWMEM_HIGHMEM, "lowmem range, but this RAM is highmem (not mapped)", NULL, LINE_END, NULL, false) \
	X(LOWMEM_HOLE, "lowmem hole (no RAM behind it)", NULL,                LINE_END,     NULL,      false) \
	X(PAST_LOWMEM, "past lowmem: the gap before vmalloc (VMALLOC_OFFSET)", "gap (VMALLOC_OFFSET)", LINE_END, NULL, false) \
	X(STATIC_IO,  "static IO map",                "static IO map",        LINE_END,     NULL,      false) \
	X(VMALLOC,    "vmalloc",                      "vmalloc",              LINE_VMALLOC, "vmalloc", false) \
	X(DMA,        "DMA (consistent) region",      "DMA (consistent)",     LINE_DMA,     "DMA",     false) \
	X(FIXMAP,     "fixmap",                       "fixmap",               LINE_FIXMAP,  "fixmap",  true)  \
	X(VECTORS,    "vector page",                  "vector",               LINE_VECTOR,  "vector",  true)  \
	X(VECTOR_STUBS, "vector stubs page",          "vector stubs",         LINE_END,     NULL,      false) \
	X(UNUSED,     "unused kernel space",          NULL,                   LINE_END,     NULL,      false)

enum region {
#define REGION_ENUM(id, name, box, line, label, kb) REGION_##id,
	LAYOUT_REGIONS(REGION_ENUM)
#undef REGION_ENUM
	NR_REGION_KINDS
};

/* What every region of one kind shares: a row of LAYOUT_REGIONS. */
struct region_kind {
	enum region id;
	const char *name;
	const char *box;		/* the picture's name; NULL: not drawn */
	enum layout_line line;		/* LINE_END: the table has no line for it */
	const char *label;		/* the table line's label */
	bool kb;			/* the line's size in kB, not MB */
};

extern const struct region_kind region_kinds[NR_REGION_KINDS];

/*
 * One region of a decided layout.  The regions of depth 0 tile the 4 GB in
 * address order (the decision's gaps are REGION_UNUSED); a region of depth
 * d + 1 lies inside the region of depth d before it (the static IO map
 * inside vmalloc from 3.3 on, a vmalloc-saving hole or a page with no
 * lowmem RAM behind it inside lowmem).  An address is in the deepest
 * region that holds it.
 */
struct region_span {
	enum region id;
	const struct region_kind *kind;	/* name, box, line, label, units */
	uint32_t start;
	uint64_t end;			/* exclusive: 1 << 32 for the top */
	uint8_t depth;
	/* Where this era's table prints it: an index into rules->table, or
	 * -1 (no line, not this era's, or nested). */
	int8_t order;
};

/* Enough for every region of the widest layout: 11 of the decision's and
 * the gaps between them, a vmalloc-saving hole between each two banks and
 * the pages without lowmem RAM behind them at every bank's edges. */
#define LAYOUT_MAX_REGIONS	(24 + 8 * NR_BANKS)

/*
 * Which translation table base register translates which addresses: the
 * TTBCR that Linux's LPAE kernels set for their split (split_info_of()),
 * only when PHYS_OFFSET <= PAGE_OFFSET (proc-v7-3level.S: otherwise a
 * secondary CPU's identity map would fall in TTBR1's range).  TTBR0 from 0
 * to ttbr1_start - 1, TTBR1 from ttbr1_start on; ttbr1_start is 1 << 32
 * when TTBR0 translates everything (VMSPLIT_1G, and the short-descriptor
 * format, where Linux leaves TTBCR.N at 0).
 */
struct ttbr_split {
	uint8_t t0sz, t1sz;		/* TTBCR.T0SZ, T1SZ (EAE=1) */
	uint64_t ttbr1_start;
};

struct layout {
	const struct vm_rules *rules;
	uint32_t page_offset;		/* PAGE_OFFSET */
	phys_addr_t phys_offset;	/* PHYS_OFFSET */
	bool lpae;			/* CONFIG_ARM_LPAE: long descriptors */
	/* No bank of the firmware's could be booted: the decision fell back to
	 * FALLBACK_RAM_SIZE at PHYS_OFFSET (a line said why).  The kernel runs
	 * there, so RAM is there; the host tool has no such proof. */
	bool fell_back_to_default;
	struct ttbr_split ttbr;
	/* msm's DONT_MAP_HOLE_AFTER_MEMBANK0 (reclaim=dont-map-hole): the
	 * linear map skips [hole_start, hole_end); 0 when it does not. */
	phys_addr_t hole_start, hole_end;
	/* msm's ENABLE_VMALLOC_SAVING (reclaim=vmalloc-saving): the virtual
	 * ranges of holes between lowmem banks, given to vmalloc. */
	int nr_vm_holes;
	struct { uint32_t start, end; } vm_hole[NR_BANKS];
	bool highmem_config;		/* CONFIG_HIGHMEM */

	struct meminfo mi;		/* banks after the decision */
	struct meminfo rsv;		/* the firmware's reservations (/memreserve/, /reserved-memory) honoured */
	/* /reserved-memory's no-map regions: out of the banks, so never in the
	 * linear map, but still memory to 5.10+'s memblock (MEMBLOCK_NOMAP):
	 * "Early memory node ranges" lists each as its own range. */
	struct meminfo nomap;
	uint32_t vmalloc_min;		/* lowest address vmalloc may use */
	phys_addr_t lowmem_limit;	/* arm_lowmem_limit: end of lowmem */
	uint32_t high_memory;		/* __va(lowmem_limit - 1) + 1 */

	/* The static IO window IO_ADDRESS() uses (from 3.3 the part of it
	 * inside vmalloc is the STATIC_IO region). */
	uint32_t io_base, io_end;

	/* Every region, in address order: the one source of lookups, range
	 * checks, names, the table, ptdump's headers and the picture. */
	int nr_regions;
	struct region_span region[LAYOUT_MAX_REGIONS];

	/* Linux's names for bounds the kernel's code and the tests use, read
	 * back from region[] by name_bounds() and nowhere else set (0 when the
	 * layout has no such region). */
	uint32_t vmalloc_start, vmalloc_end;
	uint32_t modules_vaddr, modules_end;	/* MODULES_VADDR, MODULES_END */
	uint32_t pkmap_base;			/* PKMAP_BASE (with highmem) */
	uint32_t fixmap_start, fixmap_end;
	uint32_t consistent_base, consistent_end;	/* DMA region */

	/* RAM the decision took out of the banks, and why (what it printed). */
	int nr_removed;
	struct layout_removed {
		phys_addr_t start, end;
		enum removed_why {
			REMOVED_TRUNCATED,		/* "Truncating RAM ... (vmalloc region overlap)" */
			REMOVED_IGNORED_OVERLAP,	/* "Ignoring RAM ... (vmalloc region overlap)" */
			REMOVED_IGNORED_NO_HIGHMEM,	/* "Ignoring RAM ..." + "Consider using a HIGHMEM ..." */
			REMOVED_IGNORED_NR_BANKS,	/* "NR_BANKS too low, ignoring high memory" */
			/* 3.x with LPAE, no highmem: a bank above 4 GB,
			 * "Ignoring RAM at ... (!CONFIG_HIGHMEM)." */
			REMOVED_IGNORED_ABOVE_4G,
		} why;
	} removed[2 * NR_BANKS];
};

/* Decide; prints Linux's messages (Truncating/Ignoring RAM ...) on the way. */
void layout_decide(const struct boot_config *bc, struct layout *l);
/* The same, printing nothing: what another configuration would give. */
void layout_decide_quiet(const struct boot_config *bc, struct layout *l);

/*
 * The linear map, __va and __pa.  With a skipped hole it bends: RAM from
 * hole_end on follows straight after the hole's start (msm's
 * MEM_HOLE_END_PHYS_OFFSET and MEM_HOLE_PAGE_OFFSET).
 */
static inline uint32_t layout_hole_va(const struct layout *l)
{
	return (uint32_t)(l->hole_start - l->phys_offset + l->page_offset);
}

static inline uint32_t layout_va(const struct layout *l, phys_addr_t pa)
{
	if (l->hole_end && pa >= l->hole_end)
		return (uint32_t)(pa - l->hole_end + layout_hole_va(l));
	return (uint32_t)(pa - l->phys_offset + l->page_offset);
}

static inline phys_addr_t layout_pa(const struct layout *l, uint32_t va)
{
	if (l->hole_end && va >= layout_hole_va(l))
		return (phys_addr_t)(va - layout_hole_va(l)) + l->hole_end;
	return (phys_addr_t)(va - l->page_offset) + l->phys_offset;
}

/* Is va in a hole of lowmem that vmalloc-saving gave to vmalloc? */
bool layout_in_vm_hole(const struct layout *l, uint32_t va);

/* Is this physical address lowmem RAM (mapped by the linear map)? */
bool layout_is_lowmem_ram(const struct layout *l, phys_addr_t pa);

/* Is it in any bank, lowmem or highmem? */
bool layout_is_ram(const struct layout *l, phys_addr_t pa);

/* The first bank [pa, pa+size) touches, or NULL: a range is RAM-free only
 * if no byte of it is in a bank (testing its ends misses a range that
 * starts below RAM and ends above it). */
const struct membank *layout_ram_in_range(const struct layout *l, phys_addr_t pa, uint64_t size);

/* The platform's IO_ADDRESS(): where a device's registers live in the
 * static IO map.  Devices below 256 MB physical whose registers sit in the
 * first MB of a 16 MB block (all of QEMU virt's) get distinct addresses:
 * the block number picks the MB of the window.  0 if not representable. */
uint32_t layout_io_address(const struct layout *l, phys_addr_t pa);

/* Bounds of one line of the layout table; false if the configuration has
 * no such region (pkmap without highmem, DMA in the modern rules).  Which
 * lines an era prints is its rule set's table. */
bool layout_region(const struct layout *l, enum layout_line line,
		   uint32_t *start, uint32_t *end);

/* The region of kind r that is not nested in another (the vmalloc area,
 * not a vmalloc-saving hole), or NULL if this layout has none. */
const struct region_span *layout_find_region(const struct layout *l, enum region r);

/* The deepest region holding va. */
const struct region_span *layout_span_of(const struct layout *l, uint32_t va);

/* The first region edge (a start or an end) above va, or 1 << 32: up to
 * there, every address has va's region. */
uint64_t layout_next_edge(const struct layout *l, uint32_t va);

enum region layout_region_of(const struct layout *l, uint32_t va);

/* Is all of [va, va+len) in region r?  Regions change only at the
 * layout's boundaries and at bank edges, so only those are looked at. */
bool layout_range_in_region(const struct layout *l, uint32_t va, uint32_t len,
			    enum region r);
const char *region_name(enum region r);

/* layout_region_of() in words: "lowmem", "past lowmem: ...", "user space". */
const char *layout_describe(const struct layout *l, uint32_t va);

/*
 * What a physical address is, in one vocabulary for p2v, memmap and the
 * SVG: a bank's (lowmem, highmem), RAM the decision removed (truncated,
 * ignored: layout.removed says why), RAM that never reached the decision
 * (a hole: cut out by the device tree's qcom,memblock-remove, or left out
 * of the mem= banks), or not RAM at all.  *end is where this kind of
 * address ends (the next edge, at most limit).
 */
enum pa_kind {
	PA_LOWMEM, PA_HIGHMEM, PA_TRUNCATED, PA_IGNORED, PA_HOLE_DT, PA_HOLE_MEM, PA_NOT_RAM,
	PA_NOMAP,	/* a /reserved-memory no-map region: RAM out of the linear map */
};

enum pa_kind layout_classify_pa(const struct layout *l, const struct boot_config *bc,
				phys_addr_t pa, phys_addr_t limit, phys_addr_t *end);
/* "lowmem", "truncated (vmalloc region overlap)", "hole (device tree:
 * qcom,memblock-remove)", "not RAM" ... for the kind at pa. */
const char *layout_pa_kind_name(const struct layout *l, const struct boot_config *bc,
				phys_addr_t pa);

/* CONFIG_CPU_SW_DOMAIN_PAN (the era's sw_domain_pan): it depends on
 * !ARM_LPAE, since the long format has no domains. */
static inline bool layout_sw_domain_pan(const struct layout *l)
{
	return l->rules->sw_domain_pan && !l->lpae;
}

/* The split of a layout's format and PAGE_OFFSET (struct ttbr_split). */
struct ttbr_split layout_ttbr_split(bool lpae, uint32_t page_offset, phys_addr_t phys_offset);

/* 0 or 1: the TTBR that translates va. */
static inline int layout_ttbr_of(const struct layout *l, uint32_t va)
{
	return va >= l->ttbr.ttbr1_start;
}

/* Fixmap slots: how many, and the address of slot x (0 if out of range). */
unsigned layout_fixmap_slots(const struct layout *l);
uint32_t layout_fixmap_slot(const struct layout *l, unsigned x);

#endif
