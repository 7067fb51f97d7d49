/* Sizes and the page/section geometry of the ARMv7 short-descriptor format. */
#ifndef VMSPLIT_SIZES_H
#define VMSPLIT_SIZES_H

#define SZ_1K	0x00000400u
#define SZ_4K	0x00001000u
#define SZ_8K	0x00002000u
#define SZ_16K	0x00004000u
#define SZ_1M	0x00100000u
#define SZ_2M	0x00200000u
#define SZ_8M	0x00800000u
#define SZ_16M	0x01000000u
#define SZ_32M	0x02000000u
#define SZ_128M	0x08000000u
#define SZ_256M	0x10000000u
#define SZ_1G	0x40000000u

#define PAGE_SHIFT	12			/* 4 KB small pages */
#define PAGE_SIZE	(1u << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define SECTION_SHIFT	20			/* 1 MB sections: one first-level entry */
#define SECTION_SIZE	(1u << SECTION_SHIFT)
#define SECTION_MASK	(~(SECTION_SIZE - 1))

#define ALIGN_UP(x, a)		(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

#endif
