/*
 * vmalloc and ioremap: dynamic mappings in [VMALLOC_START, VMALLOC_END).
 *
 * vmalloc memory is virtually contiguous and physically scattered: each
 * page is allocated on its own (highmem first) and mapped with a 4 KB
 * page.  ioremap maps a physical range (a device) the same way.  Every
 * area is followed by one unmapped guard page (vmalloc_guard=both adds
 * one before it), so running off its end is a translation fault.
 */
#ifndef VMSPLIT_VMALLOC_H
#define VMSPLIT_VMALLOC_H

#include "kmalloc.h"
#include "page_alloc.h"
#include "pgtable.h"
#include "range_tree.h"
#include "sizes.h"
#include "free_space.h"

#define VM_VMALLOC	1
#define VM_IOREMAP	2

struct vm_area {
	struct range_node node;	/* first: the busy tree's key, guards included */
	uint32_t addr, size;	/* the mapped part */
	unsigned flags;		/* VM_VMALLOC or VM_IOREMAP */
	enum mem_type_id type;
	phys_addr_t phys;	/* ioremap: the first byte's physical address */
	uint32_t *pfns;		/* vmalloc: the frame behind each page */
};

static inline uint32_t vm_area_pages(const struct vm_area *a)
{
	return a->size >> PAGE_SHIFT;	/* size is whole pages */
}

/* A vmalloc space: its free blocks, its live areas, and what it maps with. */
struct vmap_space {
	struct free_space free;		/* free virtual space */
	struct range_tree busy;		/* live areas, guards included */
	uint32_t start, end;		/* [VMALLOC_START, VMALLOC_END) */
	uint32_t total;			/* bytes it may hand out (static maps excluded) */
	uint32_t span;			/* VmallocTotal: the space, static maps included */
	int extra_ranges;		/* ranges added outside [start, end) */
	uint32_t used;			/* mapped bytes of live areas */
	uint32_t guard_before;		/* 0, or a page: vmalloc_guard=both */
	struct pgtable *pt;
	struct page_allocator *alloc;
	struct kmalloc_state *k;
};

/* ---- the pure core (core/mm/vmalloc.c), shared with the host tests ---- */

int vmap_space_init(struct vmap_space *vs, uint32_t start, uint32_t end, bool guard_before,
		    struct pgtable *pt, struct page_allocator *alloc, struct kmalloc_state *k);
int vmap_reserve(struct vmap_space *vs, uint32_t start, uint32_t size);
/* More free space outside [start, end): vmalloc-saving's lowmem holes. */
int vmap_add_range(struct vmap_space *vs, uint32_t start, uint32_t size);
/* Addresses, 0 on failure (with a message). */
uint32_t vmap_vmalloc(struct vmap_space *vs, uint32_t size);
int vmap_vfree(struct vmap_space *vs, uint32_t addr);
uint32_t vmap_ioremap(struct vmap_space *vs, phys_addr_t phys, uint32_t size, enum mem_type_id type);
int vmap_iounmap(struct vmap_space *vs, uint32_t addr);

/* The area whose reservation (guards included) holds va, or NULL. */
const struct vm_area *vmap_find(const struct vmap_space *vs, uint32_t va);
/* Is va a mapped page of an area?  Then where to and as what. */
bool vmap_page(const struct vmap_space *vs, uint32_t va, phys_addr_t *pa, enum mem_type_id *type);
/* Does any area's reservation touch [va, va+len)? */
bool vmap_overlaps(const struct vmap_space *vs, uint32_t va, uint32_t len);
/* The physical address of a mapped byte of an area, or -1. */
phys_addr_t vm_area_phys(const struct vm_area *a, uint32_t va);
/* "the guard page of vmalloc area 0xf0000000-0xf0001fff (8 kB): 16 bytes past its end" */
void vmap_describe(const struct vmap_space *vs, uint32_t va, char *buf, size_t n);
/* Linux's VMALLOC_TOTAL: VMALLOC_END - VMALLOC_START (and any range added
 * with vmap_add_range), static mappings inside it included. */
static inline uint32_t vmap_total(const struct vmap_space *vs)
{
	return vs->span;
}

/* Every area with its guards, and the VmallocTotal/Used/Chunk lines. */
void vmap_print(const struct vmap_space *vs);

/* ---- the kernel's space (mm/vmalloc_kernel.c) ---- */

extern struct vmap_space vmalloc_space;

void vmalloc_init(void);
void *vmalloc(uint32_t size);		/* NULL (with a message) on failure */
int vfree(const void *addr);		/* -1 if addr is not a vmalloc area */
void *ioremap(phys_addr_t phys, uint32_t size, enum mem_type_id type);	/* not RAM */
int iounmap(const void *addr);
const struct vm_area *find_vm_area(uint32_t va);

#endif
