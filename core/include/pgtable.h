/*
 * Page tables: the table of memory types, descriptor encoding, the one
 * mapping routine every region uses (section -> page table -> page, as
 * Linux's create_mapping), and a software table walker.
 *
 * Pure code: the tables are plain memory reached through struct
 * pgtable_ops, so the host tests run the same routine on arrays and the
 * kernel runs it on its live tables (with cache and TLB maintenance in
 * the ops).
 */
#ifndef VMSPLIT_PGTABLE_H
#define VMSPLIT_PGTABLE_H

#include "arm/pgtable-hwdef.h"
#include "types.h"

enum mem_type_id {
	MT_MEMORY_RWX,		/* lowmem before 4.x: normal write-back, kernel RWX */
	MT_MEMORY_RW,		/* data, bss, lowmem from 4.x: read/write, execute-never */
	MT_MEMORY_RX,		/* kernel text: read-only, executable */
	MT_MEMORY_RO,		/* rodata: read-only, execute-never */
	MT_DEVICE,		/* registers: shareable device, execute-never */
	MT_DMA_COHERENT,	/* DMA buffers: normal non-cacheable, execute-never */
	MT_HIGH_VECTORS,	/* vector page: read-only at PL1 and PL0, executable */
	MT_VECTOR_STUBS,	/* 4.x stubs page: read-only at PL1 only, executable */
	MT_USER_RX,		/* user text: read-only at PL1 and PL0, not global */
	MT_USER_RW,		/* user data and stack: RW at PL1 and PL0, XN, not global */
	NR_MEM_TYPES,
};

struct mem_type {
	const char *name;
	uint32_t prot_sect;	/* section descriptor, all but the base address */
	uint32_t prot_l1;	/* page-table descriptor: type, domain */
	uint32_t prot_pte;	/* small page descriptor, all but the base */
};

extern const struct mem_type mem_types[NR_MEM_TYPES];

uint32_t mk_section(phys_addr_t pa, enum mem_type_id t);
uint32_t mk_supersection(phys_addr_t pa, enum mem_type_id t);
uint32_t mk_pte(phys_addr_t pa, enum mem_type_id t);

/* What a type allows, read from its small-page bits through the codec
 * (never written down a second time): may PL1 write it, may PL0 read or
 * write it, may it be executed (at PL1, which is what the kernel's own
 * types are for). */
bool mem_type_pl1_writable(enum mem_type_id t);
bool mem_type_pl0_readable(enum mem_type_id t);
bool mem_type_pl0_writable(enum mem_type_id t);
bool mem_type_executable(enum mem_type_id t);

/* The small-page bits that give a page what a section gives its MB. */
uint32_t section_to_pte_prot(uint32_t sect);

/* What the mapping routine needs from its owner (either format). */
struct pgtable_ops {
	/* A zeroed next-level table of 'bytes' (the format's table_bytes),
	 * aligned to its size: its physical address, 0 if none. */
	phys_addr_t (*alloc_table)(void *ctx, size_t bytes);
	/* Where the code can read and write a table given its address. */
	void *(*table_ptr)(void *ctx, phys_addr_t pa);
	/* Entries were written: make [first, first+bytes) visible to the
	 * table walker. */
	void (*written)(void *ctx, const void *first, size_t bytes);
	/* A valid entry was removed: forget cached translations of [va, va+len). */
	void (*flush)(void *ctx, uint32_t va, uint32_t len);
	/* A next-level table emptied by remove_mapping() (may be NULL: the
	 * table is then kept). */
	void (*free_table)(void *ctx, phys_addr_t pa, size_t bytes);
};

struct pgtable_format;

struct pgtable {
	const struct pgtable_format *fmt;	/* which descriptor format */
	union {
		uint32_t *l1;		/* short: 4096 first-level entries */
		uint64_t *pgd;		/* long: 4 first-level entries */
	};
	const struct pgtable_ops *ops;
	void *ctx;
	unsigned nr_tables;		/* next-level tables allocated */
};

#define MAP_SUPERSECTIONS	0x1	/* 16 MB aligned parts as supersections */
#define MAP_PXN			0x2	/* new page tables get PXN: never run at PL1 */
/* Leaves written with the Access Flag clear (long format): the first
 * access takes an access flag fault until pgtable_set_access_flag().
 * The short format has no Access Flag as Linux runs it (SCTLR.AFE = 0:
 * AP[0] is a permission bit) and refuses the flag. */
#define MAP_NO_AF		0x4

struct map_desc {
	uint32_t virt;
	phys_addr_t phys;
	uint32_t length;
	enum mem_type_id type;
	unsigned flags;
};

/*
 * Map md (page aligned).  Whole aligned megabytes become sections (whole
 * aligned 16 MB supersections if asked), the rest small pages.  A bigger
 * mapping in the way is split, keeping its attributes: a supersection into
 * sixteen sections, a section into a table of 256 pages.  A page joining an
 * existing table takes that table's domain, as Linux's fixmap pages do.
 * Returns 0, or -1 after a printk saying why.
 */
int create_mapping(struct pgtable *pt, const struct map_desc *md);

/* Second-level tables for every megabyte of [virt, virt+length), with
 * nothing mapped yet (pkmap's table, as Linux's early_pte_alloc). */
int alloc_page_tables(struct pgtable *pt, uint32_t virt, uint32_t length,
		      enum mem_type_id type);

/* Unmap [virt, virt+length) (page aligned), splitting what it cuts
 * through; flushes the TLB for every translation removed, and frees a
 * second-level table left empty.  Returns 0 or -1 (with a printk). */
int remove_mapping(struct pgtable *pt, uint32_t virt, uint32_t length);

/* The same, but page tables stay even when empty (pkmap's, which
 * exist for good). */
int clear_mapping(struct pgtable *pt, uint32_t virt, uint32_t length);

/* Set the Access Flag of the leaf translating va (what a kernel's access
 * flag fault handler does), in place: no break-before-make, because an
 * entry with AF = 0 faults and a TLB never holds a faulting entry (ARM
 * ARM B3.7.3, B3.10.2), so there is no old translation to flush.  0 if it
 * was set or already was; -1 (with a printk) if va is not mapped or the
 * format has no Access Flag. */
int pgtable_set_access_flag(struct pgtable *pt, uint32_t va);

/* What a walk ended on.  Short format: 16 MB supersection, 1 MB section,
 * 64 KB large page, 4 KB small page.  Long format: a 1 GB or 2 MB block,
 * a 4 KB page. */
enum walk_kind {
	WALK_FAULT, WALK_SECTION, WALK_SUPERSECTION, WALK_LARGE, WALK_SMALL,
	WALK_BLOCK, WALK_PAGE,
};

struct walk {
	enum walk_kind kind;
	int level;		/* level where the walk ended: 1 to the format's levels */
	uint64_t desc[3];	/* the descriptor read at each level (desc[level - 1] is the last) */
	unsigned index[3];	/* its index in its table */
	phys_addr_t table[3];	/* the PA of the table it was read from (0 for the first level) */
	phys_addr_t pa;		/* output address, unless kind == WALK_FAULT */
	uint32_t size;		/* bytes the leaf maps (0 for a fault) */
};

/* Translate va the way the MMU would, from the tables in memory. */
void pgtable_walk(const struct pgtable *pt, uint32_t va, struct walk *w);

/*
 * A descriptor format: its geometry and its implementation of the
 * routines above.  create_mapping() and the rest dispatch through
 * pt->fmt, so every caller is the same for both formats.
 */
struct pgtable_format {
	const char *name;		/* "short-descriptor", "long-descriptor (LPAE)" */
	unsigned levels;		/* 2 or 3 */
	size_t root_bytes;		/* the first-level table */
	size_t table_bytes;		/* every next-level table */
	unsigned entry_bytes;		/* one descriptor: 4 or 8 */
	uint32_t span[3];		/* bytes one entry covers at each level (0 for 4 GB) */
	const char *block_name;		/* the leaf one level above pages: "section", "block" */
	const char *page_name;		/* the smallest leaf: "small page", "page" */
	const char *block_unit;		/* the block's size in words: "MB", "2 MB" */
	bool supersections;		/* 16 MB supersections exist in this format */
	int (*create_mapping)(struct pgtable *pt, const struct map_desc *md);
	int (*unmap)(struct pgtable *pt, uint32_t va, uint32_t len, bool free_tables);
	int (*alloc_page_tables)(struct pgtable *pt, uint32_t va, uint32_t len,
				 enum mem_type_id type);
	void (*walk)(const struct pgtable *pt, uint32_t va, struct walk *w);
	/* The descriptor a leaf of 'kind' mapping pa with type t has (what
	 * the MMU check holds the tables to). */
	uint64_t (*mk_leaf)(phys_addr_t pa, enum mem_type_id t, enum walk_kind kind);
	/* One descriptor in one line, as v2p and the gdb walker print it. */
	void (*describe)(int level, uint64_t d, char *buf, size_t n);
	/* Would an instruction fetch at PL1 from the leaf w found be refused
	 * by execute-never (XN, PXN, a table's PXN)?  dacr: the short
	 * format's domains (a manager domain checks no XN); the long format
	 * has none. */
	bool (*pl1_exec_never)(const struct walk *w, uint32_t dacr);
	/* For ptdump: every field of the descriptor at 'level' of w, one per
	 * line (with what its tables pass down); the leaf's attributes in a
	 * few words; and a key that is equal for two leaves exactly when
	 * their attributes are (the address left out). */
	void (*print_fields)(const struct walk *w, int level, const char *indent);
	void (*leaf_summary)(const struct walk *w, char *buf, size_t n);
	uint64_t (*leaf_key)(const struct walk *w);
	/* pgtable_set_access_flag(); NULL where the format has no AF. */
	int (*set_access_flag)(struct pgtable *pt, uint32_t va);
	unsigned index_digits[3];	/* hex digits of each level's index, as printed */
};

extern const struct pgtable_format short_desc_format;
extern const struct pgtable_format long_desc_format;	/* core/mm/pgtable_long.c */

/* describe() of the level a walk reached, through pt's format. */
void pgtable_describe(const struct pgtable *pt, int level, uint64_t d, char *buf, size_t n);

/* Every field of one descriptor, decoded from arm/short_desc.h's table. */
struct desc_fields {
	enum walk_kind kind;	/* WALK_FAULT for a fault entry, and for a page table at level 1 */
	bool table;		/* a level-1 page-table descriptor */
	uint32_t size;		/* bytes mapped: 1 MB, 16 MB, 64 KB, 4 KB (0: fault or table) */
	phys_addr_t pa;		/* output address (or the L2 table's address) */
	unsigned domain;	/* level 1 only; pages take their table's */
	unsigned ap, apx, tex, c, b, s, ng, xn, pxn, ns;
};

void decode_l1(uint32_t d, struct desc_fields *f);
void decode_l2(uint32_t d, struct desc_fields *f);

/* The same in one line, as v2p and the gdb walker print it. */
void describe_l1(uint32_t d, char *buf, size_t n);
void describe_l2(uint32_t d, char *buf, size_t n);

#endif
