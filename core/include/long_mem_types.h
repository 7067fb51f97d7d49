/*
 * The memory types of the kernel map in the long-descriptor format: for
 * each enum mem_type_id (pgtable.h), the bits of a block (1 GB or 2 MB),
 * of a table pointer and of a 4 KB page, as Linux 6.1 sets them under
 * CONFIG_ARM_LPAE (arch/arm/mm/mmu.c's mem_types[] after
 * build_mem_type_table(), with the page's AP[2] as cpu_v7_set_pte_ext
 * writes it).  What each type allows is derived from these bits through
 * the codec (arm/long_desc.h), never written down a second time; a unit
 * test holds it to the short format's answer for every type.
 */
#ifndef VMSPLIT_LONG_MEM_TYPES_H
#define VMSPLIT_LONG_MEM_TYPES_H

#include "arm/long_desc.h"
#include "mem_kind.h"
#include "pgtable.h"

struct long_mem_type {
	const char *name;
	uint64_t prot_block;	/* block descriptor, all but the output address */
	uint64_t prot_table;	/* table descriptor, all but the table's address */
	uint64_t prot_page;	/* level-3 page descriptor, all but the address */
};

extern const struct long_mem_type long_mem_types[NR_MEM_TYPES];

/* A block at level 1 (1 GB) or 2 (2 MB), a table pointer, a page; pa is
 * aligned to what it maps (its low bits are dropped). */
uint64_t mk_long_block(uint64_t pa, int level, enum mem_type_id t);
uint64_t mk_long_table(uint64_t pa, enum mem_type_id t);
uint64_t mk_long_page(uint64_t pa, enum mem_type_id t);

/* The page bits that give a 4 KB page what a block gives its 2 MB (or a
 * level-2 block what a 1 GB one gives): the same attributes, and Linux's
 * dirty bit where Linux maps the page dirty (every kernel page, and a
 * user page that may be written). */
uint64_t long_block_to_page_prot(uint64_t block);
/* And back: the block bits for 2 MB of pages with the bits 'page' (Linux's
 * blocks carry no dirty bit, and pages alone have a special one). */
uint64_t long_page_to_block_prot(uint64_t page);

/* What a type allows, read from its page bits: PL1 write, PL0 read and
 * write (AP[2:1]), execution (XN: by anyone; PXN as well: at PL1), and
 * the kind of memory AttrIndx selects from Linux's MAIR0/MAIR1. */
bool long_mem_type_pl1_writable(enum mem_type_id t);
bool long_mem_type_pl0_readable(enum mem_type_id t);
bool long_mem_type_pl0_writable(enum mem_type_id t);
bool long_mem_type_executable(enum mem_type_id t);
bool long_mem_type_pl1_executable(enum mem_type_id t);
enum mem_kind long_mem_type_kind(enum mem_type_id t);

/* The kind of memory a block or page descriptor maps, through Linux's
 * MAIR values. */
enum mem_kind long_desc_kind_of_leaf(uint64_t leaf);

#endif
