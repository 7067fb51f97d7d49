/*
 * The kernel's page tables on the real MMU.
 *
 * paging_init() builds swapper_pg_dir in Linux's order (paging_init,
 * map_lowmem, devicemaps_init): lowmem through the linear map with the
 * kernel image W^X; the vector page; pkmap's page table; the early
 * console in a fixmap slot.  It then switches TTBR0 to it, which drops
 * head.S's boot table with its identity section, turns on high vectors,
 * maps the static IO devices and moves the console to its static address.
 * Every mapping goes through kernel_map(), so the MMU check can hold the
 * tables and the MMU to what was meant.
 */
#include <inttypes.h>

#include "arm/cp15.h"
#include "arm/tlbflush.h"
#include "cache.h"
#include "fixmap.h"
#include "io_map.h"
#include "kernel_map.h"
#include "memory.h"
#include "mm.h"
#include "mmu.h"
#include "pgtable.h"
#include "pl011.h"
#include "printk.h"
#include "setup.h"
#include "sizes.h"
#include "vectors.h"

static bool walk_is_coherent;	/* table walks snoop the D-cache */
static bool tables_live;	/* swapper_pg_dir is in TTBR0 */

/* ---- the ops the mapping routine runs on ---- */

/*
 * Next-level tables: the short format's are 1 KB, the long format's a
 * page.  At boot they come from memblock (the short ones four to a page);
 * once the page allocator runs, from kmalloc (1 KB objects are 1 KB
 * aligned, bigger ones whole pages; a page whose four 1 KB tables are all
 * free goes back to the buddy allocator).  A boot table that is freed
 * waits on a short stack for reuse.
 */
static phys_addr_t l2_page;
static unsigned l2_left;
struct free_table { phys_addr_t pa; size_t bytes; };
static struct free_table table_free[64];
static unsigned nr_table_free;

static phys_addr_t kernel_alloc_table(void *ctx, size_t bytes)
{
	(void)ctx;
	for (unsigned i = nr_table_free; i-- > 0;)
		if (table_free[i].bytes == bytes) {
			phys_addr_t pa = table_free[i].pa;

			table_free[i] = table_free[--nr_table_free];
			return pa;
		}
	if (page_allocator_ready) {
		void *t = kmalloc(bytes);

		return t ? __pa(t) : 0;
	}
	if (bytes >= PAGE_SIZE)
		return memblock_alloc(&memblock, bytes, bytes, "page tables");
	if (!l2_left) {
		l2_page = memblock_alloc(&memblock, PAGE_SIZE, PAGE_SIZE, "page tables");
		if (!l2_page)
			return 0;
		l2_left = PAGE_SIZE / bytes;
	}
	return l2_page + (PAGE_SIZE / bytes - l2_left--) * bytes;
}

static void kernel_free_table(void *ctx, phys_addr_t pa, size_t bytes)
{
	(void)ctx;
	if (page_allocator_ready && kfree_to(&kmalloc_state, __va(pa)) == 0)
		return;
	if (nr_table_free < ARRAY_SIZE(table_free))
		table_free[nr_table_free++] = (struct free_table){ pa, bytes };
}

static void *kernel_table_ptr(void *ctx, phys_addr_t pa)
{
	(void)ctx;
	return __va(pa);
}

/*
 * New entries must reach the table walker.  Where walks do not snoop
 * the D-cache (ID_MMFR3.CohWalk == 0), clean the lines to the Point of
 * Unification; then a DSB completes the writes (ARM ARM B3.10.1).
 */
void page_tables_written(const void *first, size_t bytes)
{
	if (!walk_is_coherent)
		dcache_clean_pou((uintptr_t)first, (uintptr_t)first + bytes);
	else
		dsb();
}

static void kernel_written(void *ctx, const void *first, size_t bytes)
{
	(void)ctx;
	page_tables_written(first, bytes);
}

/* A translation was removed or changed: the TLB may still hold it
 * (kernel mappings are global, so in every ASID). */
static void kernel_flush(void *ctx, uint32_t va, uint32_t len)
{
	(void)ctx;
	if (!tables_live)
		return;		/* not in use yet: nothing cached from it */
	flush_tlb_kernel_range(va, len);
}

static const struct pgtable_ops kernel_pt_ops = {
	.alloc_table = kernel_alloc_table,
	.table_ptr = kernel_table_ptr,
	.written = kernel_written,
	.flush = kernel_flush,
	.free_table = kernel_free_table,
};

struct pgtable kernel_pgtable = { .ops = &kernel_pt_ops };
uint32_t console_virt;

/* ---- lowmem and the kernel image ---- */

/* A mapping the boot cannot go on without: say which, and fail.  The
 * caller (start_kernel) stops the machine; mm/ never does. */
static int must_map(int err, const char *what)
{
	if (err)
		printk("vmsplit: cannot map %s; stopping\n", what);
	return err ? -1 : 0;
}

/* Lowmem outside the image: RWX until 4.x, execute-never from then. */
static enum mem_type_id lowmem_type(void)
{
	return kernel_layout.rules->lowmem_xn ? MT_MEMORY_RW : MT_MEMORY_RWX;
}

static int map_lowmem_part(phys_addr_t start, phys_addr_t end)
{
	unsigned flags = boot_config.supersections ? MAP_SUPERSECTIONS : 0;

	if (start >= end)
		return 0;
	return must_map(kernel_map("lowmem", REGION_LOWMEM, layout_va(&kernel_layout, start),
				   start, (uint32_t)(end - start), lowmem_type(), flags),
			"lowmem");
}

/* The image W^X, page by page where it shares a megabyte. */
static int map_kernel_image(void)
{
	const struct {
		const char *what;
		char *start, *end;
		enum mem_type_id type;
	} parts[] = {
		{ "kernel text", _text, __start_rodata, MT_MEMORY_RX },
		{ "kernel rodata", __start_rodata, __init_begin, MT_MEMORY_RO },
		{ "kernel init data", __init_begin, _sdata, MT_MEMORY_RW },
		{ "kernel data and bss", _sdata, (char *)ALIGN_UP((uintptr_t)_end, PAGE_SIZE), MT_MEMORY_RW },
	};

	for (unsigned i = 0; i < ARRAY_SIZE(parts); i++)
		if (must_map(kernel_map(parts[i].what, REGION_LOWMEM, (uint32_t)parts[i].start,
					__pa(parts[i].start), (uint32_t)(parts[i].end - parts[i].start),
					parts[i].type, 0),
			     parts[i].what))
			return -1;
	return 0;
}

/* Every lowmem bank at __va(); the image's pages get their own types. */
static int map_lowmem(void)
{
	const struct layout *l = &kernel_layout;
	phys_addr_t img_start = __pa(_text);
	phys_addr_t img_end = ALIGN_UP(__pa(_end), PAGE_SIZE);

	for (int i = 0; i < l->mi.nr_banks; i++) {
		const struct membank *b = &l->mi.bank[i];
		phys_addr_t start = b->start, end = b->start + (b->size & PAGE_MASK);

		if (b->highmem)
			continue;
		if (end <= img_start || start >= img_end) {
			if (map_lowmem_part(start, end))
				return -1;
		} else if (map_lowmem_part(start, img_start) || map_lowmem_part(img_end, end)) {
			return -1;
		}
	}
	return map_kernel_image();
}

/* ---- switching ---- */

/*
 * Install a new table (ARM ARM B3.10.2): complete the table writes, move
 * the TTBRs, ISB, then invalidate the whole TLB (the old table's global
 * entries, identity mapping included) and the branch predictor.
 */
static void switch_tables(phys_addr_t root)
{
	dsb();
	mmu_format.install(root);
	isb();
	local_flush_tlb_all();
}

static uint32_t uart_offset(void)
{
	return (uint32_t)(board.uart_base & (PAGE_SIZE - 1));
}

int paging_init(void)
{
	const struct layout *l = &kernel_layout;

	walk_is_coherent = ((read_id_mmfr3() >> ID_MMFR3_COHWALK_SHIFT) & 0xf) != 0;
	/*
	 * Page tables come from lowmem.  Under LPAE lowmem can lie past 4 GB
	 * of physical address (vexpress-a15's RAM at 0x80000000 with
	 * VMSPLIT_1G or 2G and a few GB), and QEMU 7.2's table walker reads
	 * no table there: the walk takes a synchronous external abort
	 * (DFSR 0x217), the same one that kills Debian's armmp-lpae init at
	 * -m 4G for a user page table at 0x13f8bc000.  Rather than hang in
	 * the vectors, say so and stop.
	 */
	if (mmu_format.lpae && l->lowmem_limit > (UINT64_C(1) << 32)) {
		char a[17];

		printk("vmsplit: lowmem reaches 0x%s, past 4 GB of physical address, and its page tables would "
		       "lie there: QEMU's translation table walker reads no table above 4 GB in this mode "
		       "(an external abort on the walk, as Debian's armmp-lpae meets at -m 4G); boot with less RAM, "
		       "mem=, a larger vmalloc= or VMSPLIT_3G. Stopping.\n", phys_hex(a, l->lowmem_limit - 1));
		return -1;
	}
	mmu_format.setup_swapper(&kernel_pgtable);
	/* Until the switch only head.S's first 2 MB are mapped: page tables
	 * must come from there. */
	memblock.current_limit = PHYS_OFFSET + BOOT_MAP_SIZE;

	if (map_lowmem() || must_map(vectors_init(), "the vector page") ||
	    (l->highmem_config &&
	     must_map(alloc_page_tables(&kernel_pgtable, l->pkmap_base, LAST_PKMAP * PAGE_SIZE,
					MT_MEMORY_RW), "pkmap's page table")) ||
	    must_map(set_fixmap(FIX_EARLYCON, board.uart_base, MT_DEVICE), "the early console"))
		return -1;

	/* Entries never written are zeros from clearing .bss through the
	 * cache: they too must reach a walker that does not snoop it. */
	kernel_written(NULL, kernel_pgtable.l1, kernel_pgtable.fmt->root_bytes);
	switch_tables(__pa(kernel_pgtable.l1));
	tables_live = true;
	pl011_init(fix_to_virt(FIX_EARLYCON) + uart_offset());
	vectors_enable_high();
	memblock.current_limit = l->lowmem_limit;
	return 0;
}

/*
 * With supersections=on: how many TLB entries lowmem's translations take
 * (one per supersection, section or small page), against the same map
 * with 1 MB sections only.
 */
void print_lowmem_tlb_reach(void)
{
	const struct layout *l = &kernel_layout;
	uint32_t supers = 0, sects = 0, pages = 0;
	uint64_t end = l->high_memory;

	for (uint64_t va = l->page_offset; va < end;) {
		struct walk w;

		pgtable_walk(&kernel_pgtable, (uint32_t)va, &w);
		supers += w.kind == WALK_SUPERSECTION;
		sects += w.kind == WALK_SECTION;
		pages += w.kind == WALK_SMALL;
		va = ALIGN_DOWN(va, w.size ? w.size : PAGE_SIZE) + (w.size ? w.size : PAGE_SIZE);
	}
	printk("Supersections: lowmem takes %" PRIu32 " TLB entries (%" PRIu32 " supersections, %" PRIu32
	       " sections, %" PRIu32 " pages); with sections only it would take %" PRIu32 "\n",
	       supers + sects + pages, supers, sects, pages, 16 * supers + sects + pages);
}

/* devicemaps_init()'s second half: the static IO map, then the console
 * leaves its fixmap slot for its static address. */
void devicemaps_init(void)
{
	uint32_t early = fix_to_virt(FIX_EARLYCON);

	iotable_init();
	console_virt = io_map_virt(board.uart_base);
	if (console_virt) {
		pl011_init(console_virt);
		clear_fixmap(FIX_EARLYCON);
		printk("Console: early in fixmap slot %d (0x%08" PRIx32 "), now at 0x%08" PRIx32 "\n",
		       FIX_EARLYCON, early, console_virt);
	} else {
		console_virt = early + uart_offset();
		printk("Console: stays in fixmap slot %d (0x%08" PRIx32 ")\n", FIX_EARLYCON, early);
	}
}

/* The MMU's own answer for PL1: ATS1CPR/ATS1CPW, then PAR. */
phys_addr_t mmu_translate(uint32_t va, bool write, uint64_t *par)
{
	uint64_t p;

	if (write)
		write_ats1cpw(va);
	else
		write_ats1cpr(va);
	isb();
	p = mmu_format.read_par();
	if (par)
		*par = p;
	return mmu_format.par_pa(va, p);
}

/* The same question for User mode: ATS1CUR/ATS1CUW (with the current
 * DACR, so a shut domain refuses too). */
phys_addr_t mmu_translate_pl0(uint32_t va, bool write)
{
	if (write)
		write_ats1cuw(va);
	else
		write_ats1cur(va);
	isb();
	return mmu_format.par_pa(va, mmu_format.read_par());
}
