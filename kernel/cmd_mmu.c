/*
 * Shell commands that look at and change the MMU by hand: ptdump, map,
 * unmap, tlb, cache, regs.
 */
#include <inttypes.h>
#include <string.h>

#include "arm/cp15.h"
#include "arm/long_desc.h"
#include "arm/psr.h"
#include "arm/tlbflush.h"
#include "cache.h"
#include "kernel_map.h"
#include "memory.h"
#include "memparse.h"
#include "mmu.h"
#include "pgtable.h"
#include "printk.h"
#include "ptdump.h"
#include "setup.h"
#include "shell.h"
#include "tlb_lab.h"
#include "sizes.h"
#include "traps.h"

/* ---- ptdump ---- */

static const char *region_label(uint32_t va, uint64_t *until, void *ctx)
{
	(void)ctx;
	*until = layout_next_edge(&kernel_layout, va);
	return layout_describe(&kernel_layout, va);
}

/* One VA: each level's descriptor, where it sits, and every field. */
static void ptdump_one(uint32_t va)
{
	const struct pgtable_format *f = kernel_pgtable.fmt;
	struct walk w;
	char a[17], idx[17], d[17];

	printk("0x%08" PRIx32 ": %s\n", va, layout_describe(&kernel_layout, va));
	pgtable_walk(&kernel_pgtable, va, &w);
	for (int level = 1; level <= w.level; level++) {
		unsigned i = level - 1;
		phys_addr_t table = level == 1 ? __pa(kernel_pgtable.l1) : w.table[i];

		printk("  L%d[0x%s] at PA 0x%s = 0x%s\n", level, ptdump_hex(idx, w.index[i], f->index_digits[i]),
		       phys_hex(a, table + (phys_addr_t)w.index[i] * f->entry_bytes),
		       ptdump_hex(d, w.desc[i], f->entry_bytes * 2));
		f->print_fields(&w, level, "    ");
	}
	if (w.kind != WALK_FAULT)
		printk("  -> PA 0x%s\n", phys_hex(a, w.pa));
}

static int cmd_ptdump(int argc, char **argv)
{
	uint32_t va, size;

	if (argc == 1) {
		ptdump_range(&kernel_pgtable, 0, (uint64_t)1 << 32, false, region_label, NULL);
		return 0;
	}
	if (argc > 3 || !shell_parse_addr(argv[1], &va) ||
	    (argc == 3 && !shell_parse_num(argv[2], &size)))
		return shell_usage(argv[0]);
	if (argc == 3 && size == 0) {
		printk("ptdump: size 0: nothing to show\n");
		return 1;
	}
	if (argc == 2) {
		ptdump_one(va);
		return 0;
	}
	if (size > SZ_16M) {
		printk("ptdump: in detail, up to 16 MB at a time (the summary, ptdump with no argument, covers all)\n");
		return 1;
	}
	{
		uint64_t start = va & PAGE_MASK, end = ALIGN_UP((uint64_t)va + size, PAGE_SIZE);

		if (end > ((uint64_t)1 << 32)) {
			printk("ptdump: 0x%08" PRIx32 " + 0x%" PRIx32 " runs past 4 GB; shown up to 0xffffffff\n", va, size);
			end = (uint64_t)1 << 32;
		}
		ptdump_range(&kernel_pgtable, (uint32_t)start, end, true, region_label, NULL);
	}
	return 0;
}

/* ---- map, unmap: by hand ---- */

static const char by_hand[] = "map (by hand)";

/* Only where nothing of the kernel's own lives: user space, the modules
 * area and unused kernel space.  Everywhere else has an owner with its
 * own command. */
static bool map_allowed(uint32_t va, enum region *r)
{
	*r = layout_region_of(&kernel_layout, va);
	switch (*r) {
	case REGION_USER:
	case REGION_MODULES:
	case REGION_UNUSED:
		return true;
	case REGION_VMALLOC:
	case REGION_STATIC_IO:
		printk("map: 0x%08" PRIx32 " is in the vmalloc area, which vmalloc manages: use ioremap PHYS SIZE\n", va);
		return false;
	case REGION_PKMAP:
		printk("map: 0x%08" PRIx32 " is pkmap's: use kmap PHYS\n", va);
		return false;
	case REGION_FIXMAP:
		printk("map: 0x%08" PRIx32 " is the fixmap: use fixmap SLOT PHYS\n", va);
		return false;
	case REGION_PAST_LOWMEM:
		printk("map: 0x%08" PRIx32 " is the gap after lowmem, kept unmapped on purpose: an access running off the end of lowmem faults there\n", va);
		return false;
	default:
		printk("map: 0x%08" PRIx32 " is %s, which the kernel maps itself; map works in user space, modules and unused kernel space\n",
		       va, region_name(*r));
		return false;
	}
}

/* What create_mapping() chose: blocks (sections) where whole aligned
 * ones fit, pages for the rest. */
static void print_leaves(const char *who, uint32_t va, uint32_t size, phys_addr_t pa,
			 enum mem_type_id type)
{
	const struct pgtable_format *f = kernel_pgtable.fmt;
	unsigned blocks = 0, pages = 0;
	char a[17];

	for (uint64_t p = va; p < (uint64_t)va + size;) {
		struct walk w;

		pgtable_walk(&kernel_pgtable, (uint32_t)p, &w);
		if (w.kind != WALK_FAULT && w.level < (int)f->levels) {
			blocks++;
			p += w.size;
		} else {
			pages++;
			p += PAGE_SIZE;
		}
	}
	printk("%s: 0x%08" PRIx32 "-0x%08" PRIx32 " -> 0x%s (%s): %u %s%s, %u page%s\n",
	       who, va, va + size - 1, phys_hex(a, pa), mem_types[type].name,
	       blocks, f->block_name, blocks == 1 ? "" : "s", pages, pages == 1 ? "" : "s");
}

static int cmd_map(int argc, char **argv)
{
	uint32_t va, size = PAGE_SIZE;
	phys_addr_t pa, limit = kernel_layout.lpae ? LPAE_PHYS_LIMIT : (phys_addr_t)1 << 32;
	enum mem_type_id type = MT_MEMORY_RW;
	enum region r;
	char a[17];

	if (argc < 3 || argc > 5 || !shell_parse_addr(argv[1], &va) || !shell_parse_phys(argv[2], &pa) ||
	    (argc >= 4 && !shell_parse_num(argv[3], &size)) ||
	    (argc == 5 && !shell_parse_type(argv[4], &type)))
		return shell_usage(argv[0]);
	if (size == 0) {
		printk("map: size 0: nothing to map\n");
		return 1;
	}
	if ((va | (uint32_t)pa | size) & (PAGE_SIZE - 1)) {
		printk("map: VA, PA and SIZE must be multiples of 4 KB\n");
		return 1;
	}
	if (size > SZ_256M) {
		printk("map: at most 256 MB at a time\n");
		return 1;
	}
	if ((uint64_t)va + size > ((uint64_t)1 << 32) || pa + size > limit) {
		printk("map: the range wraps past 4 GB%s\n", kernel_layout.lpae ? " (virtual) or 2^40 (physical)" : "");
		return 1;
	}
	if (!map_allowed(va, &r) || !user_alias_allowed("map", pa, size, type, true))
		return 1;
	if (kernel_map(by_hand, r, va, pa, size, type, 0))
		return 1;
	print_leaves("map", va, size, pa, type);
	if (layout_is_lowmem_ram(&kernel_layout, pa))
		printk("map: note: 0x%s is lowmem RAM, also mapped at 0x%08" PRIx32 ": two virtual addresses, one page\n",
		       phys_hex(a, pa), layout_va(&kernel_layout, pa));
	return 0;
}

static int cmd_unmap(int argc, char **argv)
{
	uint32_t va, size;
	const struct kernel_mapping *m;

	if (argc < 2 || argc > 3 || !shell_parse_addr(argv[1], &va) ||
	    (argc == 3 && !shell_parse_num(argv[2], &size)))
		return shell_usage(argv[0]);
	if (argc == 3 && size == 0) {
		printk("unmap: size 0: nothing to unmap\n");
		return 1;
	}
	if (va & (PAGE_SIZE - 1)) {
		printk("unmap: VA must be a multiple of 4 KB\n");
		return 1;
	}
	m = kernel_mapping_at(va);
	if (!m || m->what != by_hand) {
		printk("unmap: 0x%08" PRIx32 " is %s; unmap removes only what map made\n", va,
		       m ? m->what : "not mapped by map");
		return 1;
	}
	if (argc == 2)
		size = m->virt + m->length - va;	/* the rest of that mapping */
	if (size & (PAGE_SIZE - 1)) {
		printk("unmap: SIZE must be a multiple of 4 KB\n");
		return 1;
	}
	if ((uint64_t)va + size > ((uint64_t)1 << 32)) {
		printk("unmap: 0x%08" PRIx32 " + 0x%" PRIx32 " runs past 4 GB\n", va, size);
		return 1;
	}
	for (uint32_t off = 0; off < size; off += PAGE_SIZE) {
		m = kernel_mapping_at(va + off);
		if (!m || m->what != by_hand) {
			printk("unmap: 0x%08" PRIx32 " is not mapped by map; nothing unmapped\n", va + off);
			return 1;
		}
	}
	if (kernel_unmap(va, size))
		return 1;
	printk("unmap: 0x%08" PRIx32 "-0x%08" PRIx32 " unmapped, TLB entries invalidated\n", va, va + size - 1);
	return 0;
}

/* ---- tlb, cache ---- */

static int cmd_tlb(int argc, char **argv)
{
	uint32_t va;

	if (!strcmp(argv[1], "lab"))
		return tlb_lab(argc == 3 ? argv[2] : NULL);
	if (argc == 2 && !strcmp(argv[1], "all")) {
		local_flush_tlb_all();
		printk("tlb: every entry invalidated (TLBIALL), DSB, ISB\n");
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "asid")) {
		printk("tlb asid: which ASID? (0-255)\n");
		return shell_usage(argv[0]);
	}
	if (argc == 3 && !strcmp(argv[1], "asid") && shell_parse_num(argv[2], &va)) {
		if (va > 255) {
			printk("tlb: an ASID is 8 bits, 0-255; %" PRIu32 " is not one\n", va);
			return 1;
		}
		local_flush_tlb_asid(va);
		printk("tlb: entries tagged with ASID %" PRIu32 " invalidated (TLBIASID); global ones stay\n", va);
		return 0;
	}
	if (argc == 2 && shell_parse_addr(argv[1], &va)) {
		local_flush_tlb_kernel_page(va);
		printk("tlb: the entry for 0x%08" PRIx32 " invalidated in every ASID (TLBIMVAA)\n", va & PAGE_MASK);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "all"))
		printk("tlb all: nothing may follow all\n");
	else if (argc == 3 && strcmp(argv[1], "asid"))
		printk("tlb %s %s: a VA alone, or asid N\n", argv[1], argv[2]);
	return shell_usage(argv[0]);
}

/* Cache maintenance by VA needs a translation: on an unmapped address
 * it would take a data abort, so the range is checked first. */
static bool range_mapped(uint32_t va, uint32_t size)
{
	for (uint64_t p = va & PAGE_MASK; p < (uint64_t)va + size; p += PAGE_SIZE)
		if (mmu_translate((uint32_t)p, false, NULL) == (phys_addr_t)-1) {
			printk("cache: 0x%08" PRIx32 " is not mapped; nothing done\n", (uint32_t)p);
			return false;
		}
	return true;
}

static int cmd_cache(int argc, char **argv)
{
	uint32_t va, size = 0;

	if (strcmp(argv[1], "clean") && strcmp(argv[1], "flush") && strcmp(argv[1], "icache")) {
		printk("cache: %s: say clean, flush or icache\n", argv[1]);
		return shell_usage(argv[0]);
	}
	if (argc > 2 && !strcmp(argv[1], "icache")) {
		printk("cache icache: nothing may follow icache (it invalidates the whole I-cache)\n");
		return shell_usage(argv[0]);
	}
	if (argc == 2 && strcmp(argv[1], "icache")) {
		printk("cache %s: VA is missing\n", argv[1]);
		return shell_usage(argv[0]);
	}
	if (argc == 2 && !strcmp(argv[1], "icache")) {
		flush_icache_all();
		printk("cache: instruction cache and branch predictors invalidated (ICIALLU, BPIALL)\n");
		return 0;
	}
	if ((argc != 3 && argc != 4) || (strcmp(argv[1], "clean") && strcmp(argv[1], "flush")) ||
	    !shell_parse_addr(argv[2], &va) || (argc == 4 && !shell_parse_num(argv[3], &size)))
		return shell_usage(argv[0]);
	if (argc == 3)
		size = dcache_line_size();
	if (!size) {
		printk("cache: size 0: nothing to do\n");
		return 1;
	}
	if (size > SZ_16M) {
		printk("cache: at most 16 MB at a time (cache icache and whole-cache operations have no size)\n");
		return 1;
	}
	if ((uint64_t)va + size > ((uint64_t)1 << 32)) {
		printk("cache: 0x%08" PRIx32 " + 0x%" PRIx32 " runs past 4 GB\n", va, size);
		return 1;
	}
	if (!range_mapped(va, size))
		return 1;
	if (!strcmp(argv[1], "clean")) {
		uint32_t line = dcache_line_size();

		for (uint32_t p = va & ~(line - 1); p < va + size; p += line)
			write_dccmvac(p);
		dsb();
		printk("cache: 0x%08" PRIx32 "-0x%08" PRIx32 " cleaned to the Point of Coherency (DCCMVAC, %" PRIu32 "-byte lines)\n",
		       va, va + size - 1, line);
	} else {
		dcache_clean_inval_poc(va, va + size);
		printk("cache: 0x%08" PRIx32 "-0x%08" PRIx32 " cleaned and invalidated to the Point of Coherency (DCCIMVAC)\n",
		       va, va + size - 1);
	}
	return 0;
}

/* ---- regs ---- */

static const char *const dacr_names[4] = { "no access", "client", "reserved", "manager" };
static const char *const prrr_types[4] = { "strongly-ordered", "device", "normal", "reserved" };
static const char *const nmrr_policy[4] = { "non-cacheable", "WBWA", "WT", "WB no-WA" };

static void bit(const char *name, uint32_t v, uint32_t mask, const char *on, const char *off)
{
	printk("          %-4s %u  %s\n", name, !!(v & mask), (v & mask) ? on : off);
}

static void print_sctlr(void)
{
	uint32_t v = read_sctlr();

	printk("SCTLR   0x%08" PRIx32 "\n", v);
	bit("M", v, SCTLR_M, "MMU on", "MMU off");
	bit("A", v, SCTLR_A, "alignment faults", "unaligned accesses allowed");
	bit("C", v, SCTLR_C, "data caches on", "data caches off");
	bit("Z", v, SCTLR_Z, "branch prediction on", "branch prediction off");
	bit("I", v, SCTLR_I, "instruction cache on", "instruction cache off");
	bit("V", v, SCTLR_V, "high vectors at 0xffff0000", "low vectors (VBAR)");
	if (mmu_format.lpae) {
		/* TTBCR.EAE: AttrIndx and MAIR make the memory type, and the
		 * Access Flag is always on; the two bits mean nothing. */
		bit("TRE", v, SCTLR_TRE, "ignored: long descriptors (AttrIndx selects a MAIR attribute)",
		    "ignored: long descriptors (AttrIndx selects a MAIR attribute)");
		bit("AFE", v, SCTLR_AFE, "ignored: long descriptors always have the Access Flag (bit 10)",
		    "ignored: long descriptors always have the Access Flag (bit 10)");
	} else {
		bit("TRE", v, SCTLR_TRE, "TEX remap: TEX[0]:C:B index PRRR/NMRR",
		    "no TEX remap: TEX/C/B are the memory type");
		bit("AFE", v, SCTLR_AFE, "access flag in AP[0]", "AP[0] is a permission bit");
	}
	bit("TE", v, SCTLR_TE, "exceptions in Thumb", "exceptions in ARM");
}

static void print_ttbr(const char *name, uint32_t v, uint32_t n)
{
	static const char *const rgn[4] = { "non-cacheable", "WBWA", "WT", "WB no-WA" };
	uint32_t base = v & ~((_U(1) << (14 - n)) - 1);

	printk("%s   0x%08" PRIx32 "  table at PA 0x%08" PRIx32 "%s; walks: inner %s, outer %s, %s\n",
	       name, v, base, base == (uint32_t)__pa(kernel_pgtable.l1) ? " (swapper_pg_dir)" : "",
	       rgn[((v & 1) << 1) | ((v >> 6) & 1)], rgn[(v >> 3) & 3],
	       (v & TTBR_S) ? ((v & TTBR_NOS) ? "inner shareable" : "outer shareable") : "non-shareable");
}

/* PRRR/NMRR: the short format's TEX remap (off here: SCTLR.TRE = 0). */
static void print_tex_remap(void)
{
	uint32_t prrr = read_prrr(), nmrr = read_nmrr();

	printk("PRRR    0x%08" PRIx32 "  NMRR 0x%08" PRIx32 "  %s\n", prrr, nmrr,
	       (read_sctlr() & SCTLR_TRE) ? "(TEX remap on: TEX[0]:C:B picks one of these)" :
	       "(not used while SCTLR.TRE = 0)");
	for (int i = 0; (read_sctlr() & SCTLR_TRE) && i < 8; i++) {
		uint32_t type = (prrr >> (2 * i)) & 3;

		printk("  TEX[0]C B=%d%d%d: %s", i >> 2, (i >> 1) & 1, i & 1, prrr_types[type]);
		if (type == 2)
			printk(", inner %s, outer %s", nmrr_policy[(nmrr >> (2 * i)) & 3],
			       nmrr_policy[(nmrr >> (16 + 2 * i)) & 3]);
		printk("\n");
	}
}

/* The short format's translation registers: TTBCR.N, the TTBRs' walk
 * attributes, the domains, the ASID in CONTEXTIDR. */
static void print_short_regime(void)
{
	uint32_t ttbcr = read_ttbcr(), n = ttbcr & 7, dacr = read_dacr();

	printk("TTBCR   0x%08" PRIx32 "  N=%" PRIu32 ": %s; PD0=%u PD1=%u; EAE=%u (%s descriptors)\n",
	       ttbcr, n, n ? "TTBR0 below 2^(32-N), TTBR1 above" : "TTBR0 translates all 4 GB, TTBR1 unused",
	       !!(ttbcr & BIT(4)), !!(ttbcr & BIT(5)), !!(ttbcr & BIT(31)),
	       (ttbcr & BIT(31)) ? "long" : "short");
	print_ttbr("TTBR0", read_ttbr0(), n);
	print_ttbr("TTBR1", read_ttbr1(), 0);
	printk("DACR    0x%08" PRIx32 " ", dacr);
	for (int d = 0; d < 16; d++)
		if ((dacr >> (2 * d)) & 3)
			printk(" D%d %s", d, dacr_names[(dacr >> (2 * d)) & 3]);
	printk("; the rest no access\n");
	printk("CONTEXTIDR 0x%08" PRIx32 "  ASID %" PRIu32 "\n", read_contextidr(), read_contextidr() & 0xff);
}

/* The long format's: TTBCR's two ranges, the 64-bit TTBRs with the ASID
 * in TTBR0, MAIR0/MAIR1 as the eight attributes AttrIndx selects. */
static void print_long_regime(void)
{
	uint32_t ttbcr = read_ttbcr(), mair0 = read_mair0(), mair1 = read_mair1();
	unsigned t0sz = LD_GET(ttbcr, TTBCR, T0SZ), t1sz = LD_GET(ttbcr, TTBCR, T1SZ);
	uint64_t ttbr0 = read_ttbr0_64(), ttbr1 = read_ttbr1_64();
	uint32_t split = t1sz ? (uint32_t)(0x100000000ull - (0x100000000ull >> t1sz)) : 0;
	char a[17], b[17];

	printk("TTBCR   0x%08" PRIx32 "  EAE=1 (long descriptors); T0SZ=%u T1SZ=%u: ", ttbcr, t0sz, t1sz);
	if (t1sz)
		printk("TTBR0 below 0x%08" PRIx32 ", TTBR1 from there up\n", split);
	else
		printk("TTBR0 translates all 4 GB, TTBR1 unused\n");
	printk("        EPD0=%u%s EPD1=%u A1=%u (the ASID is TTBR%u's)\n", (unsigned)LD_GET(ttbcr, TTBCR, EPD0),
	       LD_GET(ttbcr, TTBCR, EPD0) ? " (no walks through TTBR0: user space is shut)" : "",
	       (unsigned)LD_GET(ttbcr, TTBCR, EPD1), (unsigned)LD_GET(ttbcr, TTBCR, A1),
	       (unsigned)LD_GET(ttbcr, TTBCR, A1));
	printk("TTBR0   0x%s  table at PA 0x%s%s, ASID %u\n", ptdump_hex(a, ttbr0, 16),
	       phys_hex(b, ttbr0 & LD_MASK(TTBR, ADDR)),
	       (ttbr0 & LD_MASK(TTBR, ADDR)) == __pa(kernel_pgtable.pgd) ? " (swapper_pg_dir)" : "",
	       (unsigned)LD_GET(ttbr0, TTBR, ASID));
	printk("TTBR1   0x%s  table at PA 0x%s%s\n", ptdump_hex(a, ttbr1, 16),
	       phys_hex(b, ttbr1 & LD_MASK(TTBR, ADDR)),
	       t1sz == 2 ? " (swapper_pg_dir's table for the top gigabyte: the walk starts at level 2)" :
	       t1sz == 1 ? " (swapper_pg_dir's entries for the top two gigabytes)" : "");
	printk("DACR    0x%08" PRIx32 "  (not used by the long-descriptor format: no domains)\n", read_dacr());
	printk("MAIR0   0x%08" PRIx32 "  MAIR1 0x%08" PRIx32 "\n", mair0, mair1);
	for (unsigned i = 0; i < 8; i++) {
		unsigned attr = long_desc_mair_attr(mair0, mair1, i);

		printk("  AttrIndx %u: 0x%02x %s (Linux's L_PTE_MT_%s)\n", i, attr, long_desc_attr_name(attr),
		       long_desc_linux_mt_name(i));
	}
}

static int cmd_regs(int argc, char **argv)
{
	uint32_t cpsr = read_cpsr();

	(void)argv;
	if (argc != 1)
		return shell_usage(argv[0]);
	printk("MIDR    0x%08" PRIx32 "  (implementer 0x%02" PRIx32 ", part 0x%03" PRIx32 ", r%" PRIu32 "p%" PRIu32 ")\n",
	       read_midr(), read_midr() >> 24, (read_midr() >> 4) & 0xfff, (read_midr() >> 20) & 0xf,
	       read_midr() & 0xf);
	printk("CPSR    0x%08" PRIx32 "  mode 0x%02" PRIx32 "%s, IRQ %s, FIQ %s, aborts %s\n", cpsr,
	       cpsr & PSR_MODE_MASK, (cpsr & PSR_MODE_MASK) == PSR_MODE_SVC ? " (SVC)" : "",
	       (cpsr & PSR_I) ? "masked" : "on", (cpsr & PSR_F) ? "masked" : "on",
	       (cpsr & PSR_A) ? "masked" : "on");
	print_sctlr();
	if (mmu_format.lpae)
		print_long_regime();
	else
		print_short_regime();
	printk("VBAR    0x%08" PRIx32 "\n", read_vbar());
	if (cpu_secure) {
		uint32_t scr = 0, mvbar = read_mvbar();

		read_scr(&scr);
		printk("SCR     0x%08" PRIx32 "  NS=%" PRIu32 ": Secure state, no firmware above; MVBAR 0x%08" PRIx32
		       " (vmsplit's monitor: SMC answers NOT_SUPPORTED)\n", scr, scr & 1, mvbar);
	}
	if (!mmu_format.lpae)
		print_tex_remap();
	printk("DFSR    0x%08" PRIx32 "  DFAR 0x%08" PRIx32 "  IFSR 0x%08" PRIx32 "  IFAR 0x%08" PRIx32 " (the last aborts)\n",
	       read_dfsr(), read_dfar(), read_ifsr(), read_ifar());
	return 0;
}

SHELL_COMMAND(150, ptdump, cmd_ptdump, 0, 2, "[VA [SIZE]]",
	      "page tables: all (runs), one VA field by field, or a range in detail", "ptdump 0xc0000000 1M");
SHELL_COMMAND(160, map, cmd_map, 2, 4, "VA PA [SIZE] [rw|rwx|ro|rx|device|uncached]",
	      "map pages/sections by hand (user space, modules, unused space)", "map 0x10000000 0x40000000 1M ro");
SHELL_COMMAND(170, unmap, cmd_unmap, 1, 2, "VA [SIZE]",
	      "remove what map made (with TLB maintenance)", "unmap 0x10000000");
/* `tlb lab [STEP]` is named in the summary: the usage line stays what it
 * was for the invalidations. */
SHELL_COMMAND(180, tlb, cmd_tlb, 1, 2, "all | VA | asid N",
	      "invalidate TLB entries; tlb lab [STEP]: watch TLBs go stale, on each CPU (steps 1-4)",
	      "tlb 0xc0000000");
SHELL_COMMAND(190, cache, cmd_cache, 1, 3, "clean|flush VA [SIZE] | icache",
	      "data cache maintenance by VA to the PoC; I-cache invalidate", "cache flush 0xc0000000 4K");
SHELL_COMMAND(200, regs, cmd_regs, 0, 0, "", "the MMU's system registers, decoded", "regs");
