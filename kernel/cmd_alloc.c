/*
 * Shell commands for the allocators: take memory by hand and see where
 * it is, virtually and physically (vmalloc, kmalloc, ioremap, kmap, DMA
 * buffers, fixmap slots).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "dma.h"
#include "fixmap.h"
#include "highmem.h"
#include "kernel_map.h"
#include "memory.h"
#include "memparse.h"
#include "mm.h"
#include "mmu.h"
#include "pgtable.h"
#include "printk.h"
#include "setup.h"
#include "shell.h"
#include "sizes.h"
#include "vmalloc.h"

#define MAX_PAGE_LINES	16

static const char *zone_of(uint32_t pfn)
{
	return pfn_is_highmem(pfn) ? "highmem" : "lowmem";
}

/* The frames behind an area, one line each (the first few), and how
 * many neighbours are physically adjacent. */
static void print_area_pages(const struct vm_area *a)
{
	uint32_t adjacent = 0, high = 0;

	for (uint32_t i = 0; i < vm_area_pages(a); i++) {
		high += pfn_is_highmem(a->pfns[i]);
		if (i && a->pfns[i] == a->pfns[i - 1] + 1)
			adjacent++;
		if (i < MAX_PAGE_LINES)
			printk("  page %3" PRIu32 "  0x%08" PRIx32 " -> 0x%08" PRIx32 "  %s\n", i,
			       a->addr + i * PAGE_SIZE, a->pfns[i] << PAGE_SHIFT, zone_of(a->pfns[i]));
	}
	if (vm_area_pages(a) > MAX_PAGE_LINES)
		printk("  ... %" PRIu32 " more pages\n", vm_area_pages(a) - MAX_PAGE_LINES);
	printk("  %" PRIu32 " page%s (%" PRIu32 " highmem); %" PRIu32 " of %" PRIu32
	       " neighbours physically adjacent\n", vm_area_pages(a), vm_area_pages(a) == 1 ? "" : "s", high,
	       adjacent, vm_area_pages(a) - 1);
}

static int cmd_vmalloc(int argc, char **argv)
{
	uint32_t size;
	void *p;
	const struct vm_area *a;

	if (argc != 2 || !shell_parse_num(argv[1], &size))
		return shell_usage(argv[0]);
	if (!size) {
		printk("vmalloc: size 0: nothing to allocate\n");
		return 1;
	}
	if (size > UINT32_MAX - 2 * PAGE_SIZE) {
		printk("vmalloc: %" PRIu32 " bytes and a guard page do not fit in 4 GB\n", size);
		return 1;
	}
	p = vmalloc(size);
	if (!p)
		return 1;
	a = find_vm_area((uint32_t)p);
	printk("vmalloc: %" PRIu32 " kB at 0x%08" PRIx32 "-0x%08" PRIx32 ", guard page at 0x%08" PRIx32 "%s\n",
	       a->size >> 10, a->addr, a->addr + a->size - 1, a->addr + a->size,
	       a->node.start < a->addr ? " and before it" : "");
	print_area_pages(a);
	return 0;
}

/* "CMD VA": undo a mapping with fn, say so. */
static int unmap_command(int argc, char **argv, int (*fn)(const void *), const char *done)
{
	uint32_t va;

	if (argc != 2 || !shell_parse_addr(argv[1], &va))
		return shell_usage(argv[0]);
	if (fn((void *)va))
		return 1;
	printk("%s: 0x%08" PRIx32 " unmapped%s\n", argv[0], va, done);
	return 0;
}

/* The area at va is not what this command frees: say whose it is. */
static bool wrong_area(const char *cmd, uint32_t va, unsigned want)
{
	const struct vm_area *a = find_vm_area(va);

	if (!a)
		return false;		/* nothing there: the usual message */
	if (va < a->addr || va - a->addr >= a->size) {
		printk("%s: 0x%08" PRIx32 " is a guard page of the %s area at 0x%08" PRIx32 ": nothing to free there\n",
		       cmd, va, (a->flags & VM_IOREMAP) ? "ioremap" : "vmalloc", a->addr);
		return true;
	}
	if (!(a->flags & want)) {
		printk("%s: 0x%08" PRIx32 " is in %s area at 0x%08" PRIx32 ": %s frees it\n", cmd, va,
		       (a->flags & VM_IOREMAP) ? "an ioremap" : "a vmalloc", a->addr,
		       (a->flags & VM_IOREMAP) ? "iounmap" : "vfree");
		return true;
	}
	if (want == VM_VMALLOC && va != a->addr) {
		printk("vfree: 0x%08" PRIx32 " is inside the vmalloc area at 0x%08" PRIx32 ": vfree takes its start\n",
		       va, a->addr);
		return true;
	}
	return false;
}

static int cmd_vfree(int argc, char **argv)
{
	uint32_t va;

	if (argc == 2 && shell_parse_addr(argv[1], &va) && wrong_area(argv[0], va, VM_VMALLOC))
		return 1;
	return unmap_command(argc, argv, vfree, ", its pages returned");
}

static int cmd_kmalloc(int argc, char **argv)
{
	const uint32_t largest = PAGE_SIZE << (MAX_ORDER - 1);
	uint32_t size;
	void *p;

	if (argc != 2 || !shell_parse_num(argv[1], &size))
		return shell_usage(argv[0]);
	if (!size) {
		printk("kmalloc: size 0: nothing to allocate (Linux returns ZERO_SIZE_PTR)\n");
		return 1;
	}
	if (size > largest) {
		printk("kmalloc: %" PRIu32 " bytes is more than the largest block the buddy allocator hands out: "
		       "order %u, %" PRIu32 " kB contiguous (vmalloc has no such limit)\n",
		       size, MAX_ORDER - 1, largest >> 10);
		return 1;
	}
	p = kmalloc(size);
	if (!p) {
		printk("kmalloc: no free block of lowmem holds %" PRIu32 " bytes contiguous (meminfo shows the free blocks)\n",
		       size);
		return 1;
	}
	printk("kmalloc: %" PRIu32 " bytes (%u usable) at 0x%08" PRIx32 ", __pa 0x%08" PRIx32
	       ": lowmem, physically contiguous\n", size, (unsigned)ksize_of(&kmalloc_state, p),
	       (uint32_t)p, (uint32_t)__pa(p));
	return 0;
}

static int cmd_kfree(int argc, char **argv)
{
	uint32_t va;

	if (argc != 2 || !shell_parse_addr(argv[1], &va))
		return shell_usage(argv[0]);
	if (!va) {
		printk("kfree: 0 is NULL: kfree(NULL) does nothing (as in Linux); nothing freed\n");
		return 1;
	}
	if (kfree_to(&kmalloc_state, (void *)va)) {
		printk("kfree: 0x%08" PRIx32 " is not something kmalloc handed out (or is free already)\n", va);
		return 1;
	}
	printk("kfree: 0x%08" PRIx32 " freed\n", va);
	return 0;
}

static int cmd_ioremap(int argc, char **argv)
{
	uint32_t size;
	phys_addr_t phys, limit = kernel_layout.lpae ? LPAE_PHYS_LIMIT : (phys_addr_t)1 << 32;
	enum mem_type_id type = MT_DEVICE;
	char a[17], e[17];
	void *p;

	if (argc < 3 || argc > 4 || !shell_parse_phys(argv[1], &phys) || !shell_parse_num(argv[2], &size) ||
	    (argc == 4 && !shell_parse_type(argv[3], &type)))
		return shell_usage(argv[0]);
	if (!size) {
		printk("ioremap: size 0: nothing to map\n");
		return 1;
	}
	if (phys + size > limit) {
		printk("ioremap: 0x%s + 0x%" PRIx32 " runs past %s (the last byte would be 0x%s)\n",
		       phys_hex(a, phys), size, kernel_layout.lpae ? "2^40" : "4 GB", phys_hex(e, phys + size - 1));
		return 1;
	}
	p = ioremap(phys, size, type);
	if (!p)
		return 1;
	printk("ioremap: 0x%s (+0x%" PRIx32 ") at 0x%08" PRIx32 " (%s), guard page after it\n",
	       phys_hex(a, phys), size, (uint32_t)p, mem_types[type].name);
	return 0;
}

static int cmd_iounmap(int argc, char **argv)
{
	uint32_t va;

	if (argc == 2 && shell_parse_addr(argv[1], &va) && wrong_area(argv[0], va, VM_IOREMAP))
		return 1;
	return unmap_command(argc, argv, iounmap, "");
}

static int cmd_kmap(int argc, char **argv)
{
	bool atomic = argc == 3 && !strcmp(argv[1], "atomic");
	phys_addr_t phys;
	uint32_t pfn;
	char a[17];
	void *p;

	if (argc == 1) {
		pkmap_print();
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "atomic")) {
		printk("kmap atomic: which page? (PHYS is missing)\n");
		return shell_usage(argv[0]);
	}
	if (argc == 3 && !atomic) {
		printk("kmap %s %s: the two-word form is kmap atomic PHYS\n", argv[1], argv[2]);
		return shell_usage(argv[0]);
	}
	if ((argc != 2 && !atomic) || !shell_parse_phys(argv[argc - 1], &phys))
		return shell_usage(argv[0]);
	pfn = (uint32_t)(phys >> PAGE_SHIFT);
	p = atomic ? kmap_atomic(pfn) : kmap(pfn);
	if (!p)
		return 1;
	printk("%s: 0x%s (%s) at 0x%08" PRIx32 "%s\n", atomic ? "kmap_atomic" : "kmap",
	       phys_hex(a, phys & ~(phys_addr_t)(PAGE_SIZE - 1)), zone_of(pfn), (uint32_t)p,
	       !pfn_is_highmem(pfn) ? ": its linear-map address, no new mapping" :
	       atomic ? ": a fixmap slot" : ": a pkmap slot");
	return 0;
}

static int cmd_kunmap(int argc, char **argv)
{
	uint32_t a;

	if (argc >= 2 && !strcmp(argv[1], "atomic")) {
		if (argc == 2)
			printk("kunmap atomic: VA is missing (the address kmap atomic gave)\n");
		if (argc != 3 || !shell_parse_addr(argv[2], &a))
			return shell_usage(argv[0]);
		if (layout_region_of(&kernel_layout, a) == REGION_LOWMEM) {
			printk("kunmap_atomic: 0x%08" PRIx32 " is a lowmem address: kmap_atomic gave its linear "
			       "address, nothing to undo\n", a);
			return 0;
		}

		if (kunmap_atomic((void *)a))
			return 1;
		printk("kunmap_atomic: 0x%08" PRIx32 " unmapped, its fixmap slot free again\n", a & PAGE_MASK);
		return 0;
	}
	if (argc == 3)
		printk("kunmap %s %s: the two-word form is kunmap atomic VA\n", argv[1], argv[2]);
	if (argc != 2 || !shell_parse_num(argv[1], &a))
		return shell_usage(argv[0]);
	if (layout_is_lowmem_ram(&kernel_layout, a)) {
		printk("kunmap: 0x%08" PRIx32 " is lowmem: kmap gave its linear address, nothing to undo\n", a);
		return 0;
	}
	if (kunmap(a >> PAGE_SHIFT))
		return 1;
	printk("kunmap: 0x%08" PRIx32 " released%s\n", a & PAGE_MASK,
	       kmap_count(a >> PAGE_SHIFT) ? " (still kmapped by others)" :
	       "; its pkmap slot stays mapped until the ring wraps");
	return 0;
}

static int cmd_areas(int argc, char **argv)
{
	(void)argc; (void)argv;
	vmap_print(&vmalloc_space);
	return 0;
}

static int cmd_meminfo(int argc, char **argv)
{
	const struct vmap_space *vs = &vmalloc_space;

	(void)argc; (void)argv;
	print_proc_meminfo();
	printk("VmallocTotal: %8" PRIu32 " kB\nVmallocUsed:  %8" PRIu32 " kB\nVmallocChunk: %8" PRIu32
	       " kB\nPageTables:   %8u kB\n", vmap_total(vs) >> 10, vs->used >> 10,
	       free_space_largest(&vs->free) >> 10, 16 + kernel_pgtable.nr_tables);
	return 0;
}

/* ---- fixmap, dma ---- */

/* kmap_atomic() owns its slots: a slot set or cleared by hand under a live
 * kmap_atomic would change or drop its mapping behind its back. */
static bool fixmap_slot_free_for_shell(uint32_t slot)
{
	if (slot < FIX_KMAP_BEGIN || slot > FIX_KMAP_END)
		return true;
	printk("fixmap: slot %" PRIu32 " is kmap_atomic's (slots %u-%u are, %u a CPU; kmap atomic PHYS and "
	       "kunmap atomic VA use them); slot 0 and %u-%u are free for this command\n",
	       slot, FIX_KMAP_BEGIN, FIX_KMAP_END, KM_TYPE_NR, FIX_USER_BEGIN, fixmap_slots() - 1);
	return false;
}

static bool fixmap_slot_exists(uint32_t slot)
{
	if (slot < fixmap_slots())
		return true;
	printk("fixmap: slot %" PRIu32 " does not exist (0-%u)\n", slot, fixmap_slots() - 1);
	return false;
}

static int cmd_fixmap(int argc, char **argv)
{
	uint32_t slot, phys;
	enum mem_type_id type = MT_MEMORY_RW;

	if (argc == 1) {
		printk("fixmap: %u slots of 4 kB, slot 0 at 0x%08" PRIx32 ", %s; slots %u-%u are kmap_atomic's, "
		       "%u a CPU\n", fixmap_slots(), fix_to_virt(0),
		       kernel_layout.rules->fixmap_grows_down ? "growing down" : "growing up",
		       FIX_KMAP_BEGIN, FIX_KMAP_END, KM_TYPE_NR);
		for (unsigned i = 0; i < fixmap_slots(); i++) {
			const struct kernel_mapping *m = kernel_mapping_at(fix_to_virt(i));
			char owner[32] = "";

			if (i >= FIX_KMAP_BEGIN && i <= FIX_KMAP_END)
				snprintf(owner, sizeof(owner), "  (kmap_atomic, CPU%u)", (i - FIX_KMAP_BEGIN) / KM_TYPE_NR);
			if (m)
				printk("  slot %3u  0x%08" PRIx32 " -> 0x%08" PRIx32 "  %s%s\n", i,
				       m->virt, (uint32_t)m->phys, mem_types[m->type].name, owner);
		}
		return 0;
	}
	if (!strcmp(argv[1], "clear")) {
		if (argc == 2)
			printk("fixmap clear: which slot? (0-%u)\n", fixmap_slots() - 1);
		else if (argc > 3)
			printk("fixmap clear: one SLOT at a time\n");
		if (argc != 3 || !shell_parse_num(argv[2], &slot))
			return shell_usage(argv[0]);
		if (!fixmap_slot_exists(slot) || !fixmap_slot_free_for_shell(slot))
			return 1;
		if (!kernel_mapping_at(fix_to_virt(slot))) {
			printk("fixmap: slot %" PRIu32 " is not set\n", slot);
			return 1;
		}
		if (clear_fixmap(slot))
			return 1;
		printk("fixmap slot %" PRIu32 ": 0x%08" PRIx32 " cleared, its TLB entry invalidated\n",
		       slot, fix_to_virt(slot));
		return 0;
	}
	if (argc == 2 && shell_parse_num(argv[1], &slot))
		printk("fixmap %s: PHYS is missing\n", argv[1]);
	if (argc < 3 || argc > 4 || !shell_parse_num(argv[1], &slot) || !shell_parse_num(argv[2], &phys) ||
	    (argc == 4 && !shell_parse_type(argv[3], &type)))
		return shell_usage(argv[0]);
	if (!fixmap_slot_exists(slot) || !fixmap_slot_free_for_shell(slot) ||
	    !user_alias_allowed("fixmap", phys & PAGE_MASK, PAGE_SIZE, type, true))
		return 1;
	if (set_fixmap(slot, phys, type))
		return 1;
	printk("fixmap slot %" PRIu32 ": 0x%08" PRIx32 " -> 0x%08" PRIx32 " (%s)\n", slot,
	       fix_to_virt(slot), phys & PAGE_MASK, mem_types[type].name);
	return 0;
}

static int cmd_dma(int argc, char **argv)
{
	uint32_t n;
	phys_addr_t handle;
	void *va;

	if (argc == 1) {
		dma_print();
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "alloc") && shell_parse_num(argv[2], &n)) {
		va = dma_alloc_coherent(n, &handle);
		if (!va)
			return 1;
		printk("dma: %" PRIu32 " kB at 0x%08" PRIx32 " (uncached), device address 0x%08" PRIx32 "\n",
		       ALIGN_UP(n, PAGE_SIZE) >> 10, (uint32_t)va, (uint32_t)handle);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "free") && shell_parse_addr(argv[2], &n)) {
		if (dma_free_coherent((void *)n))
			return 1;
		printk("dma: 0x%08" PRIx32 " freed: unmapped, its pages returned\n", n);
		return 0;
	}
	if (strcmp(argv[1], "alloc") && strcmp(argv[1], "free"))
		printk("dma: %s: say alloc SIZE or free VA\n", argv[1]);
	else if (argc == 2)
		printk("dma %s: %s is missing\n", argv[1], !strcmp(argv[1], "alloc") ? "SIZE" : "VA");
	return shell_usage(argv[0]);
}

SHELL_COMMAND(250, fixmap, cmd_fixmap, 0, 4, "[SLOT PHYS [rw|rwx|ro|rx|device|uncached] | clear SLOT]",
	      "list, set or clear fixmap slots", "fixmap 70 0x09000000 device");
SHELL_COMMAND(260, dma, cmd_dma, 0, 2, "[alloc SIZE | free VA]",
	      "DMA-coherent buffers in the consistent region", "dma alloc 64K");
SHELL_COMMAND(270, vmalloc, cmd_vmalloc, 1, 1, "SIZE",
	      "virtually contiguous memory: its pages and where they are", "vmalloc 64K");
SHELL_COMMAND(280, vfree, cmd_vfree, 1, 1, "VA",
	      "free a vmalloc area: unmap it and return its pages", "vfree VMALLOC_START");
SHELL_COMMAND(290, kmalloc, cmd_kmalloc, 1, 1, "SIZE",
	      "a small object from lowmem: physically contiguous, __pa works", "kmalloc 100");
SHELL_COMMAND(300, kfree, cmd_kfree, 1, 1, "VA", "free what kmalloc gave", "kfree 0xef7ff000");
SHELL_COMMAND(310, ioremap, cmd_ioremap, 2, 3, "PHYS SIZE [rw|rwx|ro|rx|device|uncached]",
	      "map a device (or any non-RAM range) into the vmalloc area", "ioremap 0x09000000 4K");
SHELL_COMMAND(320, iounmap, cmd_iounmap, 1, 1, "VA", "undo an ioremap", "iounmap VMALLOC_START");
SHELL_COMMAND(330, kmap, cmd_kmap, 0, 2, "[atomic] PHYS",
	      "map a page (highmem: into pkmap or a fixmap slot); no argument: list pkmap", "kmap 0x70000000");
SHELL_COMMAND(340, kunmap, cmd_kunmap, 1, 2, "PHYS | atomic VA",
	      "drop a kmap (pkmap slots are unmapped when the ring wraps)", "kunmap 0x70000000");
SHELL_COMMAND(350, areas, cmd_areas, 0, 0, "",
	      "the live vmalloc and ioremap areas with their guard pages", "areas");
SHELL_COMMAND(360, meminfo, cmd_meminfo, 0, 0, "",
	      "page allocator, kmalloc and vmalloc counts (/proc/meminfo style)", "meminfo");
