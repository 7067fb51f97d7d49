/*
 * vmalloc, vfree, ioremap, iounmap.
 *
 * Two trees: the free virtual space (free_space: free blocks, each node
 * knowing the largest block below it, for an O(log n) lowest fit) and the
 * busy areas (a range_tree keyed by address, for vfree and for "what is
 * at this address" from the fault report and the MMU check).  An area's
 * reservation is its pages plus its guard page(s); the guards are never
 * mapped, so an overrun faults instead of scribbling on the next area.
 *
 * The bookkeeping (struct vm_area, its page list, the free-space nodes)
 * comes from kmalloc, the pages from the page allocator: when vmalloc
 * fails half way, everything taken so far is given back.
 *
 * Pure code over a struct vmap_space (page tables, page allocator and
 * kmalloc given by its owner): the host tests run it on fake memory with
 * real page tables; mm/vmalloc_kernel.c runs it on the kernel's.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "banks.h"
#include "printk.h"
#include "sizes.h"
#include "free_space.h"
#include "vmalloc.h"

static struct range_node *node_alloc(void *ctx)
{
	struct vmap_space *vs = ctx;

	return kmalloc_from(vs->k, sizeof(struct range_node));
}

static void node_free(void *ctx, struct range_node *n)
{
	struct vmap_space *vs = ctx;

	kfree_to(vs->k, n);
}

int vmap_space_init(struct vmap_space *vs, uint32_t start, uint32_t end, bool guard_before,
		    struct pgtable *pt, struct page_allocator *alloc, struct kmalloc_state *k)
{
	*vs = (struct vmap_space){ .start = start, .end = end, .pt = pt, .alloc = alloc, .k = k,
				   .guard_before = guard_before ? PAGE_SIZE : 0 };
	free_space_init(&vs->free, node_alloc, node_free, vs);
	range_tree_init(&vs->busy);
	if (free_space_add(&vs->free, start, end - start))
		return -1;
	vs->total = vs->free.free_bytes;
	vs->span = end - start;
	return 0;
}

/* A static mapping inside the space (3.4 and later put the static IO
 * map there; Linux reserves it with vm_area_add_early): never handed out. */
int vmap_add_range(struct vmap_space *vs, uint32_t start, uint32_t size)
{
	if (free_space_add(&vs->free, start, size))
		return -1;
	vs->total += size;
	vs->span += size;
	vs->extra_ranges++;
	return 0;
}

int vmap_reserve(struct vmap_space *vs, uint32_t start, uint32_t size)
{
	if (free_space_reserve(&vs->free, start, size))
		return -1;
	vs->total -= size;
	return 0;
}

static struct vm_area *area_at(const struct vmap_space *vs, uint32_t va)
{
	return (struct vm_area *)range_tree_find(&vs->busy, va);
}

const struct vm_area *vmap_find(const struct vmap_space *vs, uint32_t va)
{
	return area_at(vs, va);
}

bool vmap_overlaps(const struct vmap_space *vs, uint32_t va, uint32_t len)
{
	const struct range_node *n = range_tree_find_le(&vs->busy, va + len - 1);

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

bool vmap_page(const struct vmap_space *vs, uint32_t va, phys_addr_t *pa, enum mem_type_id *type)
{
	const struct vm_area *a = area_at(vs, va);
	phys_addr_t p;

	if (!a || (p = vm_area_phys(a, va)) == (phys_addr_t)-1)
		return false;
	*pa = p;
	*type = a->type;
	return true;
}

/* A reservation of size bytes plus guards: the area, or NULL with Linux's
 * message when the space has no room. */
static struct vm_area *get_vm_area(struct vmap_space *vs, uint32_t size, unsigned flags,
				   enum mem_type_id type)
{
	uint32_t total = size + PAGE_SIZE + vs->guard_before;
	struct vm_area *a;
	uint32_t start;

	/* size > total also keeps 'total' from wrapping past 4 GB. */
	start = size && size <= vs->total ? free_space_alloc(&vs->free, total, PAGE_SIZE) : 0;
	if (!start) {
		/* Linux counts the guard page in the size it reports. */
		printk("vmap allocation for size %" PRIu32 " failed: use vmalloc=<size> to increase size.\n",
		       size + PAGE_SIZE);
		return NULL;
	}
	a = kmalloc_from(vs->k, sizeof(*a));
	if (!a) {
		printk("vmalloc: no memory for the area's record\n");
		free_space_free(&vs->free, start, total);
		return NULL;
	}
	*a = (struct vm_area){
		.node = { .start = start, .size = total },
		.addr = start + vs->guard_before, .size = size,
		.flags = flags, .type = type,
	};
	range_tree_insert(&vs->busy, &a->node);
	return a;
}

static void put_vm_area(struct vmap_space *vs, struct vm_area *a)
{
	range_tree_remove(&vs->busy, &a->node);
	free_space_free(&vs->free, a->node.start, a->node.size);
	if (a->pfns)
		kfree_to(vs->k, a->pfns);
	kfree_to(vs->k, a);
}

/* Map page i of a vmalloc area to its frame. */
static int map_area_page(struct vmap_space *vs, const struct vm_area *a, uint32_t i)
{
	struct map_desc md = {
		.virt = a->addr + i * PAGE_SIZE,
		.phys = (phys_addr_t)a->pfns[i] << PAGE_SHIFT,
		.length = PAGE_SIZE,
		.type = a->type,
	};

	return create_mapping(vs->pt, &md);
}

/* Unmap the first 'mapped' pages and free the first 'allocated' frames. */
static void undo_pages(struct vmap_space *vs, struct vm_area *a, uint32_t mapped, uint32_t allocated)
{
	if (mapped)
		remove_mapping(vs->pt, a->addr, mapped * PAGE_SIZE);
	for (uint32_t i = 0; i < allocated; i++)
		free_pages(vs->alloc, a->pfns[i], 0);
}

uint32_t vmap_vmalloc(struct vmap_space *vs, uint32_t size)
{
	struct vm_area *a;
	uint32_t i, mapped = 0;

	if (size == 0 || size > UINT32_MAX - 2 * PAGE_SIZE) {
		printk("vmalloc: size %" PRIu32 " is not possible\n", size);
		return 0;
	}
	size = ALIGN_UP(size, PAGE_SIZE);
	a = get_vm_area(vs, size, VM_VMALLOC, MT_MEMORY_RW);
	if (!a)
		return 0;
	a->pfns = kmalloc_from(vs->k, vm_area_pages(a) * sizeof(uint32_t));
	if (!a->pfns) {
		printk("vmalloc: no memory for the list of %" PRIu32 " pages\n", vm_area_pages(a));
		put_vm_area(vs, a);
		return 0;
	}
	/* One page at a time, from any zone: that is what lets vmalloc use
	 * highmem and fragmented memory, and why its pages are scattered. */
	for (i = 0; i < vm_area_pages(a); i++) {
		a->pfns[i] = alloc_pages(vs->alloc, GFP_HIGHUSER, 0);
		if (a->pfns[i] == PFN_NONE) {
			printk("vmalloc: allocation failure: %" PRIu32 " bytes (out of pages after %" PRIu32 ")\n",
			       size, i);
			goto fail;
		}
	}
	for (; mapped < vm_area_pages(a); mapped++)
		if (map_area_page(vs, a, mapped))
			goto fail;
	vs->used += size;
	return a->addr;
fail:
	undo_pages(vs, a, mapped, i);
	put_vm_area(vs, a);
	return 0;
}

int vmap_vfree(struct vmap_space *vs, uint32_t addr)
{
	struct vm_area *a = area_at(vs, addr);

	if (!a || a->addr != addr || !(a->flags & VM_VMALLOC)) {
		printk("vfree: 0x%08" PRIx32 " is not the start of a vmalloc area\n", addr);
		return -1;
	}
	/* remove_mapping invalidates each page's TLB entry before the
	 * frames go back: no stale translation can reach a reused page. */
	undo_pages(vs, a, vm_area_pages(a), vm_area_pages(a));
	vs->used -= a->size;
	put_vm_area(vs, a);
	return 0;
}

/* The caller has checked that [phys, phys+size) is not RAM. */
uint32_t vmap_ioremap(struct vmap_space *vs, phys_addr_t phys, uint32_t size, enum mem_type_id type)
{
	phys_addr_t base = phys & ~(phys_addr_t)(PAGE_SIZE - 1);
	uint32_t offset = (uint32_t)(phys - base);
	struct vm_area *a;
	struct map_desc md;

	if (size == 0 || size > UINT32_MAX - offset - 2 * PAGE_SIZE || phys + size - 1 > UINT32_MAX) {
		char a[17];

		printk("ioremap: 0x%s (+0x%" PRIx32 ") cannot be mapped\n", phys_hex(a, phys), size);
		return 0;
	}
	size = ALIGN_UP(offset + size, PAGE_SIZE);
	a = get_vm_area(vs, size, VM_IOREMAP, type);
	if (!a)
		return 0;
	a->phys = base;
	md = (struct map_desc){ .virt = a->addr, .phys = base, .length = size, .type = type };
	if (create_mapping(vs->pt, &md)) {
		remove_mapping(vs->pt, a->addr, size);
		put_vm_area(vs, a);
		return 0;
	}
	vs->used += size;
	return a->addr + offset;
}

int vmap_iounmap(struct vmap_space *vs, uint32_t addr)
{
	struct vm_area *a = area_at(vs, addr);

	if (!a || !(a->flags & VM_IOREMAP) || addr - a->addr >= PAGE_SIZE) {
		printk("iounmap: 0x%08" PRIx32 " is not an ioremap address\n", addr);
		return -1;
	}
	remove_mapping(vs->pt, a->addr, a->size);
	vs->used -= a->size;
	put_vm_area(vs, a);
	return 0;
}

void vmap_describe(const struct vmap_space *vs, uint32_t va, char *buf, size_t n)
{
	const struct vm_area *a = area_at(vs, va);
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
		       a->addr, a->addr + a->size - 1, a->size >> 10, vm_area_pages(a),
		       vm_area_pages(a) == 1 ? "" : "s");
	printk("  0x%08" PRIx32 "-0x%08" PRIx32 "       4 kB  guard\n",
	       a->addr + a->size, a->addr + a->size + PAGE_SIZE - 1);
}

void vmap_print(const struct vmap_space *vs)
{
	uint32_t count = 0;

	if (vs->extra_ranges)
		printk("vmalloc areas in 0x%08" PRIx32 "-0x%08" PRIx32 " and %d hole%s in lowmem: %u\n",
		       vs->start, vs->end, vs->extra_ranges, vs->extra_ranges == 1 ? "" : "s",
		       vs->busy.count);
	else
		printk("vmalloc areas in 0x%08" PRIx32 "-0x%08" PRIx32 ": %u\n", vs->start, vs->end,
		       vs->busy.count);
	range_tree_walk(&vs->busy, print_area, &count);
	printk("VmallocTotal: %8" PRIu32 " kB\nVmallocUsed:  %8" PRIu32 " kB\nVmallocChunk: %8" PRIu32 " kB\n",
	       vmap_total(vs) >> 10, vs->used >> 10, free_space_largest(&vs->free) >> 10);
}
