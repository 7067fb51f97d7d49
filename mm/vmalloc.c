/*
 * vmalloc, vfree, ioremap, iounmap.
 *
 * Two trees: the free virtual space (vm_space: free blocks, each node
 * knowing the largest block below it, for an O(log n) lowest fit) and the
 * busy areas (a range_tree keyed by address, for vfree and for "what is
 * at this address" from the fault report and the MMU check).  An area's
 * reservation is its pages plus its guard page(s); the guards are never
 * mapped, so an overrun faults instead of scribbling on the next area.
 *
 * The bookkeeping (struct vm_area, its page list, the free-space nodes)
 * comes from kmalloc, the pages from the page allocator: when vmalloc
 * fails half way, everything taken so far is given back.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "kernel.h"
#include "kernel_map.h"
#include "memory.h"
#include "mm.h"
#include "printk.h"
#include "sizes.h"
#include "vm_space.h"
#include "vmalloc.h"

static struct vm_space space;		/* free virtual space */
static struct range_tree busy;		/* live areas, guards included */
static uint32_t space_total;		/* bytes vmalloc may hand out */
static uint32_t used_bytes;		/* mapped bytes of live areas */

static struct range_node *node_alloc(void *ctx)
{
	(void)ctx;
	return kmalloc(sizeof(struct range_node));
}

static void node_free(void *ctx, struct range_node *n)
{
	(void)ctx;
	kfree(n);
}

static uint32_t guard_before(void)
{
	return boot_config.guard_before ? PAGE_SIZE : 0;
}

/*
 * The space is [VMALLOC_START, VMALLOC_END) less the static mappings
 * that sit inside it (3.4 and later put the static IO map there; Linux
 * reserves them with vm_area_add_early so vmalloc never hands them out).
 */
void vmalloc_init(void)
{
	const struct layout *l = &kernel_layout;

	vm_space_init(&space, node_alloc, node_free, NULL);
	range_tree_init(&busy);
	if (vm_space_add(&space, l->vmalloc_start, l->vmalloc_end - l->vmalloc_start)) {
		printk("vmalloc: no memory for the free-space tree; vmalloc is off\n");
		return;
	}
	for (int i = 0; i < nr_kernel_mappings; i++) {
		const struct kernel_mapping *m = &kernel_mappings[i];

		if (m->virt >= l->vmalloc_start && m->virt < l->vmalloc_end)
			vm_space_reserve(&space, m->virt, m->length);
	}
	space_total = space.free_bytes;
}

static struct vm_area *area_at(uint32_t va)
{
	return (struct vm_area *)range_tree_find(&busy, va);
}

const struct vm_area *find_vm_area(uint32_t va)
{
	return area_at(va);
}

bool vm_areas_overlap(uint32_t va, uint32_t len)
{
	const struct range_node *n = range_tree_find_le(&busy, va + len - 1);

	return n && (uint64_t)n->start + n->size > va;
}

phys_addr_t vm_area_phys(const struct vm_area *a, uint32_t va)
{
	uint32_t off = va - a->addr;

	if (va < a->addr || off >= a->size)
		return (phys_addr_t)-1;
	if (a->flags & VM_IOREMAP)
		return a->phys + off;
	return ((phys_addr_t)a->pfns[off >> PAGE_SHIFT] << PAGE_SHIFT) | (off & (PAGE_SIZE - 1));
}

bool vm_area_page(uint32_t va, phys_addr_t *pa, enum mem_type_id *type)
{
	const struct vm_area *a = area_at(va);
	phys_addr_t p;

	if (!a || (p = vm_area_phys(a, va)) == (phys_addr_t)-1)
		return false;
	*pa = p;
	*type = a->type;
	return true;
}

/* A reservation of size bytes plus guards: the area, or NULL with Linux's
 * message when the space has no room. */
static struct vm_area *get_vm_area(uint32_t size, unsigned flags, enum mem_type_id type)
{
	uint32_t total = size + PAGE_SIZE + guard_before();
	struct vm_area *a;
	uint32_t start;

	if (size == 0 || size > space_total) {
		printk("vmap allocation for size %" PRIu32 " failed: use vmalloc=<size> to increase size.\n",
		       size + PAGE_SIZE);
		return NULL;
	}
	a = kmalloc(sizeof(*a));
	if (!a) {
		printk("vmalloc: no memory for the area's record\n");
		return NULL;
	}
	start = vm_space_alloc(&space, total, PAGE_SIZE);
	if (!start) {
		/* Linux counts the guard page in the size it reports. */
		printk("vmap allocation for size %" PRIu32 " failed: use vmalloc=<size> to increase size.\n",
		       size + PAGE_SIZE);
		kfree(a);
		return NULL;
	}
	*a = (struct vm_area){
		.node = { .start = start, .size = total },
		.addr = start + guard_before(), .size = size,
		.flags = flags, .type = type, .nr_pages = size >> PAGE_SHIFT,
	};
	range_tree_insert(&busy, &a->node);
	return a;
}

static void put_vm_area(struct vm_area *a)
{
	range_tree_remove(&busy, &a->node);
	vm_space_free(&space, a->node.start, a->node.size);
	kfree(a->pfns);
	kfree(a);
}

/* Map page i of a vmalloc area to its frame. */
static int map_area_page(const struct vm_area *a, uint32_t i)
{
	struct map_desc md = {
		.virt = a->addr + i * PAGE_SIZE,
		.phys = (phys_addr_t)a->pfns[i] << PAGE_SHIFT,
		.length = PAGE_SIZE,
		.type = a->type,
	};

	return create_mapping(&kernel_pgtable, &md);
}

/* Unmap the first 'mapped' pages and free the first 'allocated' frames. */
static void undo_pages(struct vm_area *a, uint32_t mapped, uint32_t allocated)
{
	if (mapped)
		remove_mapping(&kernel_pgtable, a->addr, mapped * PAGE_SIZE);
	for (uint32_t i = 0; i < allocated; i++)
		free_page(a->pfns[i]);
}

void *vmalloc(uint32_t size)
{
	struct vm_area *a;
	uint32_t i, mapped = 0;

	if (size == 0 || size > UINT32_MAX - 2 * PAGE_SIZE) {
		printk("vmalloc: size %" PRIu32 " is not possible\n", size);
		return NULL;
	}
	size = ALIGN_UP(size, PAGE_SIZE);
	a = get_vm_area(size, VM_VMALLOC, MT_MEMORY_RW);
	if (!a)
		return NULL;
	a->pfns = kmalloc(a->nr_pages * sizeof(uint32_t));
	if (!a->pfns) {
		printk("vmalloc: no memory for the list of %" PRIu32 " pages\n", a->nr_pages);
		put_vm_area(a);
		return NULL;
	}
	/* One page at a time, from any zone: that is what lets vmalloc use
	 * highmem and fragmented memory, and why its pages are scattered. */
	for (i = 0; i < a->nr_pages; i++) {
		a->pfns[i] = alloc_page(GFP_HIGHUSER);
		if (a->pfns[i] == PFN_NONE) {
			printk("vmalloc: allocation failure: %" PRIu32 " bytes (out of pages after %" PRIu32 ")\n",
			       size, i);
			goto fail;
		}
	}
	for (; mapped < a->nr_pages; mapped++)
		if (map_area_page(a, mapped))
			goto fail;
	used_bytes += size;
	return (void *)a->addr;
fail:
	undo_pages(a, mapped, i);
	put_vm_area(a);
	return NULL;
}

int vfree(const void *addr)
{
	struct vm_area *a = area_at((uint32_t)addr);

	if (!a || a->addr != (uint32_t)addr || !(a->flags & VM_VMALLOC)) {
		printk("vfree: 0x%08" PRIx32 " is not the start of a vmalloc area\n", (uint32_t)addr);
		return -1;
	}
	/* remove_mapping invalidates each page's TLB entry before the
	 * frames go back: no stale translation can reach a reused page. */
	undo_pages(a, a->nr_pages, a->nr_pages);
	used_bytes -= a->size;
	put_vm_area(a);
	return 0;
}

void *ioremap(phys_addr_t phys, uint32_t size, enum mem_type_id type)
{
	phys_addr_t base = phys & ~(phys_addr_t)(PAGE_SIZE - 1);
	uint32_t offset = (uint32_t)(phys - base);
	struct vm_area *a;
	struct map_desc md;

	if (size == 0 || size > UINT32_MAX - offset - 2 * PAGE_SIZE || phys + size - 1 > UINT32_MAX) {
		char a[17];

		printk("ioremap: 0x%s (+0x%" PRIx32 ") cannot be mapped\n", phys_hex(a, phys), size);
		return NULL;
	}
	/* RAM has its mapping already (lowmem) or belongs to the page
	 * allocator; a second mapping with other attributes is what the
	 * architecture calls a mismatched alias.  Linux refuses it too. */
	if (layout_is_ram(&kernel_layout, base) ||
	    layout_is_ram(&kernel_layout, base + ALIGN_UP(offset + size, PAGE_SIZE) - 1)) {
		printk("ioremap: 0x%08" PRIx32 " is RAM; refusing a second mapping of it\n", (uint32_t)phys);
		return NULL;
	}
	size = ALIGN_UP(offset + size, PAGE_SIZE);
	a = get_vm_area(size, VM_IOREMAP, type);
	if (!a)
		return NULL;
	a->phys = base;
	md = (struct map_desc){ .virt = a->addr, .phys = base, .length = size, .type = type };
	if (create_mapping(&kernel_pgtable, &md)) {
		remove_mapping(&kernel_pgtable, a->addr, size);
		put_vm_area(a);
		return NULL;
	}
	used_bytes += size;
	return (void *)(a->addr + offset);
}

int iounmap(const void *addr)
{
	struct vm_area *a = area_at((uint32_t)addr);

	if (!a || !(a->flags & VM_IOREMAP) || (uint32_t)addr - a->addr >= PAGE_SIZE) {
		printk("iounmap: 0x%08" PRIx32 " is not an ioremap address\n", (uint32_t)addr);
		return -1;
	}
	remove_mapping(&kernel_pgtable, a->addr, a->size);
	used_bytes -= a->size;
	put_vm_area(a);
	return 0;
}

void describe_vm_address(uint32_t va, char *buf, size_t n)
{
	const struct vm_area *a = area_at(va);
	const char *what;

	if (!a) {
		snprintf(buf, n, "no vmalloc area");
		return;
	}
	what = a->flags & VM_IOREMAP ? "ioremap" : "vmalloc";
	if (va >= a->addr + a->size)
		snprintf(buf, n, "the guard page of %s area 0x%08" PRIx32 "-0x%08" PRIx32
			 " (%" PRIu32 " kB): %" PRIu32 " bytes past its end", what, a->addr,
			 a->addr + a->size - 1, a->size >> 10, va - (a->addr + a->size));
	else if (va < a->addr)
		snprintf(buf, n, "the guard page before %s area 0x%08" PRIx32 "-0x%08" PRIx32
			 " (%" PRIu32 " kB): %" PRIu32 " bytes before its start", what, a->addr,
			 a->addr + a->size - 1, a->size >> 10, a->addr - va);
	else
		snprintf(buf, n, "%s area 0x%08" PRIx32 "-0x%08" PRIx32 " (%" PRIu32 " kB), offset 0x%" PRIx32,
			 what, a->addr, a->addr + a->size - 1, a->size >> 10, va - a->addr);
}

static void print_area(void *arg, const struct range_node *n)
{
	const struct vm_area *a = (const struct vm_area *)n;
	uint32_t *count = arg;

	(*count)++;
	if (a->node.start < a->addr)
		printk("  0x%08" PRIx32 "-0x%08" PRIx32 "       4 kB  guard\n",
		       a->node.start, a->addr - 1);
	if (a->flags & VM_IOREMAP)
		printk("  0x%08" PRIx32 "-0x%08" PRIx32 " %7" PRIu32 " kB  ioremap  phys 0x%08" PRIx32 " %s\n",
		       a->addr, a->addr + a->size - 1, a->size >> 10, (uint32_t)a->phys,
		       mem_types[a->type].name);
	else
		printk("  0x%08" PRIx32 "-0x%08" PRIx32 " %7" PRIu32 " kB  vmalloc  %" PRIu32 " page%s\n",
		       a->addr, a->addr + a->size - 1, a->size >> 10, a->nr_pages,
		       a->nr_pages == 1 ? "" : "s");
	printk("  0x%08" PRIx32 "-0x%08" PRIx32 "       4 kB  guard\n",
	       a->addr + a->size, a->addr + a->size + PAGE_SIZE - 1);
}

void vm_areas_print(void)
{
	uint32_t total, used, largest, count = 0;
	unsigned areas;

	vmalloc_info(&total, &used, &largest, &areas);
	printk("vmalloc areas in 0x%08" PRIx32 "-0x%08" PRIx32 ": %u\n",
	       kernel_layout.vmalloc_start, kernel_layout.vmalloc_end, areas);
	range_tree_walk(&busy, print_area, &count);
	printk("VmallocTotal: %8" PRIu32 " kB\nVmallocUsed:  %8" PRIu32 " kB\nVmallocChunk: %8" PRIu32 " kB\n",
	       total >> 10, used >> 10, largest >> 10);
}

void vmalloc_info(uint32_t *total, uint32_t *used, uint32_t *largest, unsigned *areas)
{
	*total = space_total;
	*used = used_bytes;
	*largest = vm_space_largest(&space);
	*areas = busy.count;
}
