/*
 * The ARMv7 short-descriptor format, field by field (ARM ARM B3.5.1, and
 * B4.1.112 for PAR): every field of every descriptor kind is written once
 * here, with its bit position and width.  Encoding (core/mm/mem_types.c,
 * create_mapping), decoding (the walker, ptdump, v2p, the MMU check) and
 * the gdb walker (from a file the build generates out of this table) all
 * come from it; nothing else in the tree spells a descriptor bit.
 *
 * The descriptor kinds:
 *   TABLE  first level, 0b01: points to a 1 KB second-level table
 *   SECT   first level, 0b1x: a 1 MB section (bit 0 is PXN)
 *   SUPER  first level, a section with bit 18 set: 16 MB, no domain
 *   LARGE  second level, 0b01: a 64 KB page (16 identical entries)
 *   SMALL  second level, 0b1x: a 4 KB page (bit 0 is XN)
 *   PAR    PAR after a successful ATS1C** (F = 0)
 *   PARF   PAR after an aborted one (F = 1)
 * A first-level entry of 0b00 and a second-level one of 0b00 are faults.
 */
#ifndef VMSPLIT_ARM_SHORT_DESC_H
#define VMSPLIT_ARM_SHORT_DESC_H

#ifndef SHORT_DESC_TABLES_ONLY
#include "arm/bits.h"
#endif
#if !defined(SHORT_DESC_TABLES_ONLY) && !defined(__ASSEMBLY__)
#include "mem_kind.h"
#endif

/*      kind   field    shift width  meaning */
#define SHORT_DESC_FIELDS(X) \
	X(TABLE, TYPE,      0,  2, "0b01: page table")				\
	X(TABLE, PXN,       2,  1, "no PL1 execution in this megabyte")		\
	X(TABLE, NS,        3,  1, "non-secure")					\
	X(TABLE, DOMAIN,    5,  4, "domain")					\
	X(TABLE, ADDR,     10, 22, "second-level table PA[31:10]")		\
										\
	X(SECT,  PXN,       0,  1, "privileged execute-never")			\
	X(SECT,  TYPE,      1,  1, "1: section or supersection")		\
	X(SECT,  B,         2,  1, "bufferable")					\
	X(SECT,  C,         3,  1, "cacheable")					\
	X(SECT,  XN,        4,  1, "execute-never")				\
	X(SECT,  DOMAIN,    5,  4, "domain")					\
	X(SECT,  AP,       10,  2, "AP[1:0]")					\
	X(SECT,  TEX,      12,  3, "TEX[2:0]")					\
	X(SECT,  APX,      15,  1, "AP[2]")					\
	X(SECT,  S,        16,  1, "shareable")					\
	X(SECT,  NG,       17,  1, "not global")					\
	X(SECT,  SUPER,    18,  1, "0: section")					\
	X(SECT,  NS,       19,  1, "non-secure")					\
	X(SECT,  ADDR,     20, 12, "section PA[31:20]")				\
										\
	X(SUPER, PXN,       0,  1, "privileged execute-never")			\
	X(SUPER, TYPE,      1,  1, "1: section or supersection")		\
	X(SUPER, B,         2,  1, "bufferable")					\
	X(SUPER, C,         3,  1, "cacheable")					\
	X(SUPER, XN,        4,  1, "execute-never")				\
	X(SUPER, PA39_36,   5,  4, "PA[39:36] (no domain: always 0)")		\
	X(SUPER, AP,       10,  2, "AP[1:0]")					\
	X(SUPER, TEX,      12,  3, "TEX[2:0]")					\
	X(SUPER, APX,      15,  1, "AP[2]")					\
	X(SUPER, S,        16,  1, "shareable")					\
	X(SUPER, NG,       17,  1, "not global")					\
	X(SUPER, SUPER,    18,  1, "1: supersection")				\
	X(SUPER, NS,       19,  1, "non-secure")					\
	X(SUPER, PA35_32,  20,  4, "PA[35:32]")					\
	X(SUPER, ADDR,     24,  8, "supersection PA[31:24]")			\
										\
	X(LARGE, TYPE,      0,  2, "0b01: large page")				\
	X(LARGE, B,         2,  1, "bufferable")					\
	X(LARGE, C,         3,  1, "cacheable")					\
	X(LARGE, AP,        4,  2, "AP[1:0]")					\
	X(LARGE, APX,       9,  1, "AP[2]")					\
	X(LARGE, S,        10,  1, "shareable")					\
	X(LARGE, NG,       11,  1, "not global")					\
	X(LARGE, TEX,      12,  3, "TEX[2:0]")					\
	X(LARGE, XN,       15,  1, "execute-never")				\
	X(LARGE, ADDR,     16, 16, "large page PA[31:16]")			\
										\
	X(SMALL, XN,        0,  1, "execute-never")				\
	X(SMALL, TYPE,      1,  1, "1: small page")				\
	X(SMALL, B,         2,  1, "bufferable")					\
	X(SMALL, C,         3,  1, "cacheable")					\
	X(SMALL, AP,        4,  2, "AP[1:0]")					\
	X(SMALL, TEX,       6,  3, "TEX[2:0]")					\
	X(SMALL, APX,       9,  1, "AP[2]")					\
	X(SMALL, S,        10,  1, "shareable")					\
	X(SMALL, NG,       11,  1, "not global")					\
	X(SMALL, ADDR,     12, 20, "small page PA[31:12]")			\
										\
	X(PAR,   F,         0,  1, "0: the translation succeeded")		\
	X(PAR,   SS,        1,  1, "supersection: ADDR holds PA[31:24]")		\
	X(PAR,   OUTER,     2,  2, "outer memory attributes")			\
	X(PAR,   INNER,     4,  3, "inner memory attributes")			\
	X(PAR,   SH,        7,  1, "shareable")					\
	X(PAR,   NS,        9,  1, "non-secure")					\
	X(PAR,   NOS,      10,  1, "not outer shareable")			\
	X(PAR,   ADDR,     12, 20, "PA[31:12]")					\
	X(PAR,   SADDR,    24,  8, "PA[31:24], when SS")				\
										\
	X(PARF,  F,         0,  1, "1: the translation aborted")		\
	X(PARF,  FS30,      1,  4, "FS[3:0], as in the DFSR")			\
	X(PARF,  FS4,       5,  1, "FS[4], the DFSR's bit 10")			\
	X(PARF,  EXT,       6,  1, "external abort type")

/*
 * Names of field values, for every decoder (the kernel's and gdb's).
 * AP[2:0] with SCTLR.AFE = 0 (B3.7.1): long name, PL1's and PL0's access.
 */
#define SHORT_DESC_AP_NAMES(X) \
	X(0, "no access",                    "--", "--") \
	X(1, "PL1 RW, PL0 none",             "RW", "--") \
	X(2, "PL1 RW, PL0 RO",               "RW", "RO") \
	X(3, "PL1 RW, PL0 RW",               "RW", "RW") \
	X(4, "reserved",                     "??", "??") \
	X(5, "PL1 RO, PL0 none",             "RO", "--") \
	X(6, "PL1 RO, PL0 RO (deprecated)",  "RO", "RO") \
	X(7, "PL1 RO, PL0 RO",               "RO", "RO")

/* TEX[2:0]:C:B with TEX remap off (B3.8.2): long and short names.  With
 * TEX[2] set, TEX[1:0] is the outer policy and C:B the inner one, each
 * named by SHORT_DESC_CACHE_POLICY. */
#define SHORT_DESC_MEMORY_NAMES(X) \
	X(0x0, "strongly-ordered",                         "strongly-ordered")    \
	X(0x1, "shareable device",                         "device")              \
	X(0x2, "normal, write-through, no write-allocate", "normal WT")           \
	X(0x3, "normal, write-back, no write-allocate",    "normal WB")           \
	X(0x4, "normal, non-cacheable",                    "normal uncached")     \
	X(0x6, "implementation defined (TEX=001 C=1 B=0)", "other")               \
	X(0x7, "normal, write-back write-allocate",        "normal WBWA")         \
	X(0x8, "non-shareable device",                     "device (non-shared)")

#define SHORT_DESC_CACHE_POLICY(X) \
	X(0, "non-cacheable") X(1, "write-back write-allocate") \
	X(2, "write-through") X(3, "write-back no write-allocate")

/* A field's bits in place, its value, a value put in place; the same
 * expressions serve C and the assembler. */
#define SD_MASK(kind, field) \
	(((_U(1) << SD_##kind##_##field##_WIDTH) - 1) << SD_##kind##_##field##_SHIFT)
#define SD_PREP(kind, field, v) \
	((_U(v) << SD_##kind##_##field##_SHIFT) & SD_MASK(kind, field))
#define SD_BIT(kind, field)	SD_PREP(kind, field, 1)

#if defined(__ASSEMBLY__)
/* SD_<KIND>_<FIELD>_SHIFT and _WIDTH as assembler symbols: a .S file
 * says SD_FIELD_SYMBOLS once, then uses SD_PREP and SD_BIT. */
#define SD_EQU(kind, field, shift, width, what) \
	.equ SD_##kind##_##field##_SHIFT, shift ; .equ SD_##kind##_##field##_WIDTH, width ;
#define SD_FIELD_SYMBOLS	SHORT_DESC_FIELDS(SD_EQU)

#elif !defined(SHORT_DESC_TABLES_ONLY)

/* SD_<KIND>_<FIELD>_SHIFT and _WIDTH, as enum constants. */
enum short_desc_field_bits {
#define SD_ENUM(kind, field, shift, width, what) \
	SD_##kind##_##field##_SHIFT = (shift), SD_##kind##_##field##_WIDTH = (width),
	SHORT_DESC_FIELDS(SD_ENUM)
#undef SD_ENUM
};

#define SD_GET(d, kind, field) \
	(((uint32_t)(d) & SD_MASK(kind, field)) >> SD_##kind##_##field##_SHIFT)

enum short_desc_kind { SD_TABLE, SD_SECT, SD_SUPER, SD_LARGE, SD_SMALL, SD_PAR, SD_PARF, NR_SD_KINDS };

/* The whole table as data. */
struct short_desc_field {
	enum short_desc_kind kind;
	const char *kind_name, *name, *what;
	unsigned shift, width;
};

extern const struct short_desc_field short_desc_fields[];
extern const unsigned nr_short_desc_fields;

/* Which kind a translation-table entry is at level 1 or 2 (SD_TABLE,
 * SD_SECT, SD_SUPER; SD_LARGE, SD_SMALL), or -1 for a fault entry. */
int short_desc_kind_of(int level, uint32_t d);

/* The value of a field of d read as 'kind', by the field's name; -1 if
 * the kind has no such field. */
long short_desc_get(uint32_t d, enum short_desc_kind kind, const char *name);

/*
 * Every field two kinds share by name (B, C, XN, AP, TEX, APX, S, nG
 * between a section and a small page), moved from one's positions to the
 * other's; the type bits of 'to' set, its other fields 0.  What a page
 * needs to map what a section mapped, derived from the table.
 */
uint32_t short_desc_convert(uint32_t d, enum short_desc_kind from, enum short_desc_kind to);

/* PAR after an ATS1C** of va: the output address, or (uint64_t)-1 when
 * the translation aborted; and then the fault status in the DFSR's
 * format (FS[4] at bit 10), for fsr_description(). */
uint64_t short_desc_par_pa(uint32_t va, uint32_t par);
uint32_t short_desc_par_fsr(uint32_t par);

/* AP[2:0] and TEX:C:B in words. */
const char *short_desc_ap_name(unsigned apx, unsigned ap);
const char *short_desc_ap_pl1(unsigned apx, unsigned ap);
const char *short_desc_ap_pl0(unsigned apx, unsigned ap);
const char *short_desc_memory_name(unsigned tex, unsigned c, unsigned b);
const char *short_desc_memory_short(unsigned tex, unsigned c, unsigned b);
/* The kind of memory TEX:C:B make (both device encodings are devices;
 * TEX[2] set is a kind when the inner and outer policies agree). */
enum mem_kind short_desc_memory_kind(unsigned tex, unsigned c, unsigned b);
#endif

#endif
