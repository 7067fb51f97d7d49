/* The layout tests' common ground (test_cmdline, test_meminfo, test_rules,
 * test_layout, test_layout_print): boot the way tools/memlayout.c does --
 * RAM at 0x40000000 as on QEMU virt, the command line, layout_decide(),
 * then everything printed -- and compare what was printed line by line
 * with what Linux prints.  A mismatch names the first differing line and
 * shows the whole output.
 */
#ifndef VMSPLIT_TEST_LAYOUT_BOOT_H
#define VMSPLIT_TEST_LAYOUT_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmdline.h"
#include "layout.h"
#include "layout_print.h"
#include "memparse.h"
#include "printk.h"
#include "rules.h"
#include "sizes.h"

#define RAM_BASE	0x40000000ull	/* QEMU virt: PHYS_OFFSET */
#define PO_3G		0xc0000000u
#define PO_3G_OPT	0xb0000000u
#define PO_2G		0x80000000u
#define PO_1G		0x40000000u
#define MiB(x)		((uint64_t)(x) << 20)
#define GiB(x)		((uint64_t)(x) << 30)

extern struct boot_config bc;	/* the board and the parsed command line */
extern struct layout lay;	/* layout_decide()'s result */
extern int parse_problems;	/* boot_config_parse()'s return */

void board(uint32_t page_offset, uint64_t ram);
/* RAM anywhere: PHYS_OFFSET and n banks (unsorted is fine), as
 * memlayout --ram ... --phys-offset does. */
void board_at(uint32_t page_offset, phys_addr_t phys_offset, const struct membank *banks, int n);
#define BANKS(...)	((const struct membank[]){ __VA_ARGS__ })
#define NBANKS(...)	((int)(sizeof((const struct membank[]){ __VA_ARGS__ }) / sizeof(struct membank)))
void boot_with(const char *cmdline, const struct mem_counts *counts,
		      const struct image_sections *img);
void boot(const char *cmdline);
void run(uint64_t ram, const char *cmdline);
void run_split(uint32_t page_offset, uint64_t ram, const char *cmdline);
size_t line_len(const char *s);
const char *next_line(const char *s);
bool line_is(const char *s, const char *want);
const char *find_line(const char *text, const char *want);
void dump_output(void);
void check_lines(const char *text, const char *const *want,
			const char *file, int line);
void check_from(const char *first, const char *const *want,
		       const char *file, int line);
/* text's lines up to and including the line 'last' must be exactly want[]. */
void check_until(const char *text, const char *last, const char *const *want,
		 const char *file, int line);
/* a's lines then b's (in a buffer the next call reuses). */
const char *const *concat_lines(const char *const *a, const char *const *b);
void check_has(const char *want, bool present, const char *file, int line);
void check_no_prefix(const char *prefix, const char *file, int line);
int count_lines_with(const char *what);
void assert_region(enum layout_line line, uint32_t start, uint32_t end);
void assert_bank(int i, uint64_t start, uint64_t size, bool highmem);
void assert_lowmem_end(uint64_t limit);
void assert_str(const char *got, const char *want);
/* A command line of exactly n bytes, in long_line: "console=xxxx..." then tail. */
extern char long_line[2048];
const char *make_line(size_t n, const char *tail);

#define LINES(...)	((const char *const[]){ __VA_ARGS__, NULL })
/* The whole output, line by line. */
#define expect_output(...)	check_lines(captured(), LINES(__VA_ARGS__), __FILE__, __LINE__)
/* Everything from "Virtual kernel memory layout:" to the end. */
#define expect_table(...) \
	check_from("Virtual kernel memory layout:", LINES(__VA_ARGS__), __FILE__, __LINE__)
/* The whole output up to "Virtual kernel memory layout:" (the last line given). */
#define expect_output_until_table(...) \
	check_until(captured(), "Virtual kernel memory layout:", LINES(__VA_ARGS__), __FILE__, __LINE__)
/* The table is a seed's (seed_table()), exactly, or then the lines given. */
#define expect_seed_table(seed) \
	check_from("Virtual kernel memory layout:", seed, __FILE__, __LINE__)
#define expect_seed_table_then(seed, ...) \
	check_from("Virtual kernel memory layout:", concat_lines(seed, LINES(__VA_ARGS__)), \
		   __FILE__, __LINE__)
#define expect_line(l)		check_has(l, true, __FILE__, __LINE__)
#define expect_no_line(l)	check_has(l, false, __FILE__, __LINE__)
#define expect_no_prefix(p)	check_no_prefix(p, __FILE__, __LINE__)
/* The fixed lines of the 2.6.36-3.x table. */
#define VECTOR_LINE	"    vector  : 0xffff0000 - 0xffff1000   (   4 kB)"
#define FIXMAP_LINE	"    fixmap  : 0xfff00000 - 0xfffe0000   ( 896 kB)"
#define FIXMAP_MODERN	"    fixmap  : 0xffc80000 - 0xfff00000   (2560 kB)"
#define MODULES_3G	"    modules : 0xbf000000 - 0xc0000000   (  16 MB)"
#define PKMAP_3G	"    pkmap   : 0xbfe00000 - 0xc0000000   (   2 MB)"
#define MODULES_3G_HM	"    modules : 0xbf000000 - 0xbfe00000   (  14 MB)"

#define DEFAULT_1G_TABLE \
	"Virtual kernel memory layout:", VECTOR_LINE, FIXMAP_LINE, \
	"    vmalloc : 0xf0000000 - 0xff000000   ( 240 MB)", \
	"    lowmem  : 0xc0000000 - 0xef800000   ( 760 MB)", MODULES_3G
/* What 5.1+ eras print before the table vmsplit keeps (Linux has none). */
#define NO_TABLE_NOTE_MODERN \
	"vmsplit: Linux 5.14-6.x prints no such table (5.1 dropped it); vmsplit's, in 3.x's format:"

#define DEFAULT_1G_TRUNCATE \
	"Truncating RAM at 40000000-7fffffff to -6f7fffff (vmalloc region overlap)."

#define SEED000_LINE "console=ttySC0,115200 mem=512M rules=2.6.36"

#define EX7_LINE "mem=91M@0x40000000 mem=24M@0x45d00000 mem=493M@0x52000000 vmalloc=400M highmem=on"

/* Sum of the banks' sizes, optionally only highmem or only lowmem ones
 * (only the tests ask, so it is here, not in core/layout/banks.c). */
enum bank_filter { BANKS_ALL, BANKS_LOWMEM, BANKS_HIGHMEM };
phys_addr_t meminfo_total(const struct meminfo *mi, enum bank_filter f);

#endif
