/*
 * The ARMv7 long-descriptor format (the Large Physical Address Extension),
 * field by field: ARM ARM B3.6 (translation table descriptors), B4.1.112
 * (the 64-bit PAR), B4.1.153 (TTBCR with EAE = 1), B4.1.155/156 (the 64-bit
 * TTBRs), B4.1.104 (MAIR0/MAIR1), B3.13.3 (DFSR/IFSR with LPAE = 1).  Every
 * field of every descriptor and register kind is written once here; the
 * codec (core/mm/long_desc.c), the long memory types
 * (core/mm/long_mem_types.c), the boot code and the gdb walker (from a
 * file the build generates out of this table) all come from it.
 *
 * Descriptors are 64 bits wide and give a 40-bit output address.  The
 * descriptor kinds, by level and bits [1:0]:
 *   TABLE   levels 1 and 2, 0b11: points to a 4 KB table of 512 entries
 *   BLOCK1  level 1, 0b01: a 1 GB block
 *   BLOCK2  level 2, 0b01: a 2 MB block (Linux calls it a section)
 *   PAGE    level 3, 0b11: a 4 KB page (0b01 at level 3 is reserved)
 * An entry with bit 0 clear is a fault entry at any level.
 * Registers, as 64-bit values:
 *   PAR     PAR after a successful ATS1C** of a long-descriptor walk (F = 0)
 *   PARF    PAR after an aborted one (F = 1)
 *   TTBCR   TTBCR when EAE = 1 (32 bits)
 *   TTBR    TTBR0/TTBR1 as written with mcrr (64 bits)
 *   MAIR    MAIR1:MAIR0 as one 64-bit value (Attr0 in MAIR0[7:0], Attr7
 *           in MAIR1[31:24])
 *   FSR     DFSR/IFSR when LPAE (bit 9) is 1
 *
 * Bits 55-58 of a block or page are the architecture's "reserved for
 * software use"; Linux keeps its own page state there (pgtable-3level.h):
 * they are named as Linux names them.  Bits 52-58 of a table descriptor
 * are ignored by the MMU: vmsplit's KEEP (58) marks a table
 * alloc_page_tables() made, which must stay a table (pkmap's).
 */
#ifndef VMSPLIT_ARM_LONG_DESC_H
#define VMSPLIT_ARM_LONG_DESC_H

#if !defined(LONG_DESC_TABLES_ONLY) && !defined(__ASSEMBLY__)
#include <stdint.h>

#include "mem_kind.h"
#endif

/* The attributes a block and a page share, at the same positions. */
#define LONG_DESC_LEAF_LOW(X, kind) \
	X(kind,  ATTRINDX,  2,  3, "AttrIndx[2:0]: which MAIR attribute")	\
	X(kind,  NS,        5,  1, "non-secure")					\
	X(kind,  AP,        6,  2, "AP[2:1]")					\
	X(kind,  SH,        8,  2, "shareability")				\
	X(kind,  AF,       10,  1, "access flag")				\
	X(kind,  NG,       11,  1, "not global")

#define LONG_DESC_LEAF_HIGH(X, kind) \
	X(kind,  CONTIG,   52,  1, "contiguous hint")				\
	X(kind,  PXN,      53,  1, "privileged execute-never")			\
	X(kind,  XN,       54,  1, "execute-never")				\
	X(kind,  DIRTY,    55,  1, "software: Linux's L_PTE_DIRTY")

/*      kind    field    shift width  meaning */
#define LONG_DESC_FIELDS(X) \
	X(TABLE,  TYPE,      0,  2, "0b11: next-level table")			\
	X(TABLE,  ADDR,     12, 28, "next-level table PA[39:12]")		\
	X(TABLE,  KEEP,     58,  1, "software: vmsplit's, a table made to stay")	\
	X(TABLE,  PXNTABLE, 59,  1, "no PL1 execution below this entry")	\
	X(TABLE,  XNTABLE,  60,  1, "no execution below this entry")		\
	X(TABLE,  APTABLE,  61,  2, "APTable: access limits below this entry")	\
	X(TABLE,  NSTABLE,  63,  1, "the next table is non-secure")		\
										\
	X(BLOCK1, TYPE,      0,  2, "0b01: block")				\
	LONG_DESC_LEAF_LOW(X, BLOCK1)						\
	X(BLOCK1, ADDR,     30, 10, "1 GB block PA[39:30]")			\
	LONG_DESC_LEAF_HIGH(X, BLOCK1)						\
	X(BLOCK1, NONE,     57,  1, "software: Linux's L_PMD_SECT_NONE")		\
	X(BLOCK1, RDONLY,   58,  1, "software: Linux's L_PMD_SECT_RDONLY")	\
										\
	X(BLOCK2, TYPE,      0,  2, "0b01: block")				\
	LONG_DESC_LEAF_LOW(X, BLOCK2)						\
	X(BLOCK2, ADDR,     21, 19, "2 MB block PA[39:21]")			\
	LONG_DESC_LEAF_HIGH(X, BLOCK2)						\
	X(BLOCK2, NONE,     57,  1, "software: Linux's L_PMD_SECT_NONE")		\
	X(BLOCK2, RDONLY,   58,  1, "software: Linux's L_PMD_SECT_RDONLY")	\
										\
	X(PAGE,   TYPE,      0,  2, "0b11: page")					\
	LONG_DESC_LEAF_LOW(X, PAGE)						\
	X(PAGE,   ADDR,     12, 28, "page PA[39:12]")				\
	LONG_DESC_LEAF_HIGH(X, PAGE)						\
	X(PAGE,   SPECIAL,  56,  1, "software: Linux's L_PTE_SPECIAL")		\
	X(PAGE,   NONE,     57,  1, "software: Linux's L_PTE_NONE")		\
	X(PAGE,   RDONLY,   58,  1, "software: Linux's L_PTE_RDONLY")		\
										\
	X(PAR,    F,         0,  1, "0: the translation succeeded")		\
	X(PAR,    SH,        7,  2, "shareability")				\
	X(PAR,    NS,        9,  1, "non-secure")					\
	X(PAR,    LPAE,     11,  1, "1: the long-descriptor form")		\
	X(PAR,    ADDR,     12, 28, "PA[39:12]")					\
	X(PAR,    ATTR,     56,  8, "the memory's MAIR attribute")		\
										\
	X(PARF,   F,         0,  1, "1: the translation aborted")		\
	X(PARF,   FST,       1,  6, "fault status, as DFSR[5:0]")		\
	X(PARF,   S2WLK,     8,  1, "stage 2 fault on a stage 1 walk")		\
	X(PARF,   FSTAGE,    9,  1, "1: the fault was at stage 2")		\
	X(PARF,   LPAE,     11,  1, "1: the long-descriptor form")		\
										\
	X(TTBCR,  T0SZ,      0,  3, "TTBR0 covers 2^(32-T0SZ) bytes")		\
	X(TTBCR,  EPD0,      7,  1, "no walks through TTBR0")			\
	X(TTBCR,  IRGN0,     8,  2, "TTBR0 walks: inner cacheability")		\
	X(TTBCR,  ORGN0,    10,  2, "TTBR0 walks: outer cacheability")		\
	X(TTBCR,  SH0,      12,  2, "TTBR0 walks: shareability")			\
	X(TTBCR,  T1SZ,     16,  3, "TTBR1 covers the top 2^(32-T1SZ) bytes")	\
	X(TTBCR,  A1,       22,  1, "the ASID is TTBR1's, not TTBR0's")		\
	X(TTBCR,  EPD1,     23,  1, "no walks through TTBR1")			\
	X(TTBCR,  IRGN1,    24,  2, "TTBR1 walks: inner cacheability")		\
	X(TTBCR,  ORGN1,    26,  2, "TTBR1 walks: outer cacheability")		\
	X(TTBCR,  SH1,      28,  2, "TTBR1 walks: shareability")			\
	X(TTBCR,  IMP,      30,  1, "implementation defined")			\
	X(TTBCR,  EAE,      31,  1, "1: the long-descriptor format")		\
										\
	X(TTBR,   ADDR,      0, 40, "first table PA[39:0] (low bits 0)")	\
	X(TTBR,   ASID,     48,  8, "ASID")					\
										\
	X(MAIR,   ATTR0,     0,  8, "Attr0 (MAIR0[7:0])")				\
	X(MAIR,   ATTR1,     8,  8, "Attr1 (MAIR0[15:8])")			\
	X(MAIR,   ATTR2,    16,  8, "Attr2 (MAIR0[23:16])")			\
	X(MAIR,   ATTR3,    24,  8, "Attr3 (MAIR0[31:24])")			\
	X(MAIR,   ATTR4,    32,  8, "Attr4 (MAIR1[7:0])")			\
	X(MAIR,   ATTR5,    40,  8, "Attr5 (MAIR1[15:8])")			\
	X(MAIR,   ATTR6,    48,  8, "Attr6 (MAIR1[23:16])")			\
	X(MAIR,   ATTR7,    56,  8, "Attr7 (MAIR1[31:24])")			\
										\
	X(FSR,    STATUS,    0,  6, "fault status")				\
	X(FSR,    LPAE,      9,  1, "1: the long-descriptor form")		\
	X(FSR,    WNR,      11,  1, "DFSR: the access was a write")		\
	X(FSR,    EXT,      12,  1, "external abort type")			\
	X(FSR,    CM,       13,  1, "DFSR: a cache maintenance operation")

/*
 * Names of field values, for every decoder (the kernel's and gdb's).
 * AP[2:1] (B3.7.1, the simplified model the long format always uses):
 * long name, PL1's and PL0's access.
 */
#define LONG_DESC_AP_NAMES(X) \
	X(0, "PL1 RW, PL0 none", "RW", "--") \
	X(1, "PL1 RW, PL0 RW",   "RW", "RW") \
	X(2, "PL1 RO, PL0 none", "RO", "--") \
	X(3, "PL1 RO, PL0 RO",   "RO", "RO")

/* SH[1:0] (B3.8.7; device and strongly-ordered memory are outer
 * shareable whatever it says). */
#define LONG_DESC_SH_NAMES(X) \
	X(0, "non-shareable") X(1, "reserved") X(2, "outer shareable") X(3, "inner shareable")

/* MAIR attribute bytes (B4.1.104): long and short names of the encodings
 * a kernel uses; the others are named from their two halves
 * (LONG_DESC_MAIR_POLICY: [7:4] outer, [3:0] inner, for normal memory). */
#define LONG_DESC_MAIR_NAMES(X) \
	X(0x00, "strongly-ordered",                          "strongly-ordered") \
	X(0x04, "device",                                    "device")           \
	X(0x44, "normal, non-cacheable",                     "normal uncached")  \
	X(0xaa, "normal, write-through, no write-allocate",  "normal WT")        \
	X(0xee, "normal, write-back, no write-allocate",     "normal WB")        \
	X(0xff, "normal, write-back write-allocate",         "normal WBWA")

/* One half of a normal memory attribute, 0bTTRW: 0100 non-cacheable,
 * 10RW write-through, 11RW write-back (R, W: read and write allocate);
 * 0000, 00RW and 01RW (RW != 00) are UNPREDICTABLE in ARMv7. */
#define LONG_DESC_MAIR_POLICY(X) \
	X(0x4, "non-cacheable") \
	X(0x8, "write-through, no allocate") \
	X(0x9, "write-through, write-allocate") \
	X(0xa, "write-through, read-allocate") \
	X(0xb, "write-through, read and write-allocate") \
	X(0xc, "write-back, no allocate") \
	X(0xd, "write-back, write-allocate") \
	X(0xe, "write-back, read-allocate") \
	X(0xf, "write-back, read and write-allocate")

/*
 * Linux's MAIR0/MAIR1 (proc-v7-3level.S) and what each AttrIndx means to
 * it (pgtable-3level.h's L_PTE_MT_*: more than one name shares an index).
 * The values are Linux's, written as numbers; a unit test holds the
 * AttrIndx table to them.
 */
#define LINUX_MAIR0	0xeeaa4400
#define LINUX_MAIR1	0xff000004

/*      AttrIndx  L_PTE_MT_* names        MAIR attribute */
#define LONG_DESC_LINUX_ATTRINDX(X) \
	X(0, "UNCACHED",                  0x00) \
	X(1, "BUFFERABLE, DEV_WC",        0x44) \
	X(2, "WRITETHROUGH",              0xaa) \
	X(3, "WRITEBACK, DEV_CACHED",     0xee) \
	X(4, "DEV_SHARED, DEV_NONSHARED", 0x04) \
	X(5, "unused",                    0x00) \
	X(6, "unused",                    0x00) \
	X(7, "WRITEALLOC",                0xff)

/* Linux's AttrIndx values by name, for the memory types. */
#define LINUX_MT_UNCACHED	0
#define LINUX_MT_BUFFERABLE	1
#define LINUX_MT_WRITETHROUGH	2
#define LINUX_MT_WRITEBACK	3
#define LINUX_MT_DEV_SHARED	4
#define LINUX_MT_WRITEALLOC	7

/* The shareability Linux gives (L_PTE_SHARED, PMD_SECT_S: 0b11). */
#define LONG_SH_INNER		3

#if defined(__ASSEMBLY__)
/*
 * LD_<KIND>_<FIELD>_SHIFT and _WIDTH as assembler symbols: a .S file says
 * LD_FIELD_SYMBOLS once.  A descriptor is written as two 32-bit words:
 * LD_PREP_LO/LD_BIT_LO give a field's part in bits [31:0] (all of a field
 * below bit 32, the low part of an address), LD_PREP_HI/LD_BIT_HI a field
 * at bit 32 or above in the high word's own positions.
 */
#define LD_EQU(kind, field, shift, width, what) \
	.equ LD_##kind##_##field##_SHIFT, shift ; .equ LD_##kind##_##field##_WIDTH, width ;
#define LD_FIELD_SYMBOLS	LONG_DESC_FIELDS(LD_EQU)

#define LD_MASK_LO(kind, field) \
	((((1 << LD_##kind##_##field##_WIDTH) - 1) << LD_##kind##_##field##_SHIFT) & 0xffffffff)
#define LD_PREP_LO(kind, field, v) \
	(((v) << LD_##kind##_##field##_SHIFT) & LD_MASK_LO(kind, field))
#define LD_BIT_LO(kind, field)	LD_PREP_LO(kind, field, 1)
#define LD_MASK_HI(kind, field) \
	(((1 << LD_##kind##_##field##_WIDTH) - 1) << (LD_##kind##_##field##_SHIFT - 32))
#define LD_PREP_HI(kind, field, v) \
	(((v) << (LD_##kind##_##field##_SHIFT - 32)) & LD_MASK_HI(kind, field))
#define LD_BIT_HI(kind, field)	LD_PREP_HI(kind, field, 1)

#elif !defined(LONG_DESC_TABLES_ONLY)

/* LD_<KIND>_<FIELD>_SHIFT and _WIDTH, as enum constants. */
enum long_desc_field_bits {
#define LD_ENUM(kind, field, shift, width, what) \
	LD_##kind##_##field##_SHIFT = (shift), LD_##kind##_##field##_WIDTH = (width),
	LONG_DESC_FIELDS(LD_ENUM)
#undef LD_ENUM
};

/* A field's bits in place, its value, a value put in place (64 bits). */
#define LD_MASK(kind, field) \
	((((uint64_t)1 << LD_##kind##_##field##_WIDTH) - 1) << LD_##kind##_##field##_SHIFT)
#define LD_PREP(kind, field, v) \
	(((uint64_t)(v) << LD_##kind##_##field##_SHIFT) & LD_MASK(kind, field))
#define LD_BIT(kind, field)	LD_PREP(kind, field, 1)
#define LD_GET(d, kind, field) \
	(((uint64_t)(d) & LD_MASK(kind, field)) >> LD_##kind##_##field##_SHIFT)
/* The two words head.S writes, as C sees them (the unit tests hold the
 * assembler macros' meaning to these). */
#define LD_PREP_LO(kind, field, v)	((uint32_t)LD_PREP(kind, field, v))
#define LD_PREP_HI(kind, field, v)	((uint32_t)(LD_PREP(kind, field, v) >> 32))

enum long_desc_kind {
	LD_TABLE, LD_BLOCK1, LD_BLOCK2, LD_PAGE, LD_PAR, LD_PARF, LD_TTBCR, LD_TTBR, LD_MAIR,
	LD_FSR, NR_LD_KINDS
};

/* The whole table as data. */
struct long_desc_field {
	enum long_desc_kind kind;
	const char *kind_name, *name, *what;
	unsigned shift, width;
};

extern const struct long_desc_field long_desc_fields[];
extern const unsigned nr_long_desc_fields;

/* Which kind a translation-table entry is at level 1, 2 or 3 (LD_TABLE,
 * LD_BLOCK1; LD_TABLE, LD_BLOCK2; LD_PAGE), or -1 for a fault entry (bit 0
 * clear) and for the reserved 0b01 at level 3. */
int long_desc_kind_of(int level, uint64_t d);

/* The value of a field of d read as 'kind', by the field's name; -1 if
 * the kind has no such field. */
int64_t long_desc_get(uint64_t d, enum long_desc_kind kind, const char *name);

/* The field of 'kind' called 'name' (NULL if none). */
const struct long_desc_field *long_desc_field(enum long_desc_kind kind, const char *name);

/* Every field two kinds share by name, moved from one's positions to the
 * other's; the type bits of 'to' set, its address 0.  What a page needs
 * to map what a block mapped, derived from the table. */
uint64_t long_desc_convert(uint64_t d, enum long_desc_kind from, enum long_desc_kind to);

/* The 64-bit PAR after an ATS1C** of va: the output address (PA[39:12]
 * from PAR, the rest from va), or (uint64_t)-1 when the translation
 * aborted; and then the fault status in the DFSR's long form (status
 * [5:0], LPAE bit 9 set), for fsr_description(). */
uint64_t long_desc_par_pa(uint32_t va, uint64_t par);
uint32_t long_desc_par_fsr(uint64_t par);

/* AP[2:1], SH and MAIR attributes in words. */
const char *long_desc_ap_name(unsigned ap);
const char *long_desc_ap_pl1(unsigned ap);
const char *long_desc_ap_pl0(unsigned ap);
const char *long_desc_sh_name(unsigned sh);
const char *long_desc_attr_name(unsigned attr);
const char *long_desc_attr_short(unsigned attr);
/* The kind of memory an attribute byte makes. */
enum mem_kind long_desc_attr_kind(unsigned attr);

/* The MAIR attribute AttrIndx n selects, from MAIR0 and MAIR1. */
unsigned long_desc_mair_attr(uint32_t mair0, uint32_t mair1, unsigned n);
/* Linux's L_PTE_MT_* names for AttrIndx n. */
const char *long_desc_linux_mt_name(unsigned n);
#endif

#endif
