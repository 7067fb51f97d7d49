/*
 * kmalloc (see kmalloc.h): a minimal slab on top of the buddy allocator.
 *
 * A slab is one lowmem page cut into objects of one size class.  Its
 * struct page carries the bookkeeping, so objects have no header:
 *   flags      PG_head | PG_slab     slab_class  the class index
 *   inuse      objects handed out    freelist    offset+1 of the first free
 *                                                object, 0 when full
 * and each free object holds, in its first two bytes, the offset+1 of the
 * next free one (16-bit: a page has at most 4096 bytes, and the smallest
 * object is 16 bytes, so two bytes always fit).  Slabs with a free object
 * are on their class's partial list, linked by pfn through page.next/prev.
 * Objects sit at multiples of their size in a page-aligned frame, so each
 * is aligned to its size (the 1 KB class gives 1 KB aligned L2 tables).
 * A slab whose last object is freed goes straight back to the buddy
 * allocator: simple, and nothing stays hidden from nr_free_pages().
 *
 * Above 2048 bytes an allocation is a whole buddy block; its head keeps
 * PG_head from alloc_pages and is tagged with slab_class LARGE so that a
 * block someone else got from alloc_pages is not taken for kmalloc's.
 *
 * kmalloc(0) returns NULL (Linux returns a special non-NULL pointer; here
 * NULL is simpler and kfree_to(NULL) is accepted as a no-op, as kfree).
 */
#include "kmalloc.h"
#include "sizes.h"

#define LARGE	0xff	/* slab_class of a block from a large kmalloc */

void kmalloc_init(struct kmalloc_state *k, struct page_allocator *alloc,
		  void *(*frame_address)(void *ctx, uint32_t pfn),
		  uint32_t (*address_frame)(void *ctx, const void *p), void *ctx)
{
	k->alloc = alloc;
	k->frame_address = frame_address;
	k->address_frame = address_frame;
	k->ctx = ctx;
	for (int i = 0; i < NR_KMALLOC_CLASSES; i++)
		k->caches[i] = (struct kmalloc_cache){
			.size = KMALLOC_MIN << i, .partial = PFN_NONE,
		};
	k->large_pages = 0;
}

/* The in-object link, read and written bytewise: no alignment or aliasing
 * assumptions about what the caller stored there. */
static uint16_t get_link(const unsigned char *obj)
{
	return (uint16_t)(obj[0] | obj[1] << 8);
}

static void set_link(unsigned char *obj, uint16_t v)
{
	obj[0] = (unsigned char)v;
	obj[1] = (unsigned char)(v >> 8);
}

/* ------------------------------------------------------ partial lists */

static void partial_add(struct kmalloc_state *k, struct kmalloc_cache *c, uint32_t pfn)
{
	struct page *p = pfn_to_page(k->alloc, pfn);

	p->prev = PFN_NONE;
	p->next = c->partial;
	if (c->partial != PFN_NONE)
		pfn_to_page(k->alloc, c->partial)->prev = pfn;
	c->partial = pfn;
}

static void partial_del(struct kmalloc_state *k, struct kmalloc_cache *c, uint32_t pfn)
{
	struct page *p = pfn_to_page(k->alloc, pfn);

	if (p->prev != PFN_NONE)
		pfn_to_page(k->alloc, p->prev)->next = p->next;
	else
		c->partial = p->next;
	if (p->next != PFN_NONE)
		pfn_to_page(k->alloc, p->next)->prev = p->prev;
	p->next = p->prev = PFN_NONE;
}

/* ------------------------------------------------------ allocation */

static int size_class(size_t size)
{
	int i = 0;

	while ((size_t)KMALLOC_MIN << i < size)
		i++;
	return i;
}

/* A fresh slab, every object linked in address order, on the partial list. */
static int new_slab(struct kmalloc_state *k, int ci)
{
	struct kmalloc_cache *c = &k->caches[ci];
	uint32_t pfn = alloc_pages(k->alloc, GFP_KERNEL, 0);
	unsigned char *base;
	struct page *p;

	if (pfn == PFN_NONE)
		return -1;
	base = k->frame_address(k->ctx, pfn);
	if (!base) {
		free_pages(k->alloc, pfn, 0);
		return -1;
	}
	for (uint32_t off = 0; off < PAGE_SIZE; off += c->size)
		set_link(base + off, off + c->size < PAGE_SIZE ? (uint16_t)(off + c->size + 1) : 0);
	p = pfn_to_page(k->alloc, pfn);
	p->flags |= PG_slab;
	p->slab_class = (uint8_t)ci;
	p->inuse = 0;
	p->freelist = 1;
	partial_add(k, c, pfn);
	c->pages++;
	return 0;
}

static void *kmalloc_large(struct kmalloc_state *k, size_t size)
{
	unsigned order = 0;
	uint32_t pfn;
	void *addr;

	while (order < MAX_ORDER && ((size_t)PAGE_SIZE << order) < size)
		order++;
	if (order >= MAX_ORDER)
		return NULL;
	pfn = alloc_pages(k->alloc, GFP_KERNEL, order);
	if (pfn == PFN_NONE)
		return NULL;
	addr = k->frame_address(k->ctx, pfn);
	if (!addr) {
		free_pages(k->alloc, pfn, order);
		return NULL;
	}
	pfn_to_page(k->alloc, pfn)->slab_class = LARGE;
	k->large_pages += 1u << order;
	return addr;
}

void *kmalloc_from(struct kmalloc_state *k, size_t size)
{
	struct kmalloc_cache *c;
	struct page *p;
	unsigned char *base, *obj;
	int ci;

	if (size == 0)
		return NULL;
	if (size > KMALLOC_MAX_CLASS)
		return kmalloc_large(k, size);
	ci = size_class(size);
	c = &k->caches[ci];
	if (c->partial == PFN_NONE && new_slab(k, ci))
		return NULL;
	p = pfn_to_page(k->alloc, c->partial);
	base = k->frame_address(k->ctx, c->partial);
	obj = base + (p->freelist - 1);
	p->freelist = get_link(obj);
	p->inuse++;
	if (!p->freelist)
		partial_del(k, c, c->partial);	/* full: nothing to hand out */
	c->objects_inuse++;
	return obj;
}

/* ------------------------------------------------------ lookup and free */

struct kobj {
	uint32_t pfn;
	struct page *page;
	unsigned char *base;	/* the frame's linear-map address */
	uint32_t off;		/* p - base */
	size_t size;		/* usable size */
};

/* Whether p is a live kmalloc object or block; fills o if so. */
static bool lookup(struct kmalloc_state *k, const void *p, struct kobj *o)
{
	uint32_t pfn;
	struct page *page;
	uintptr_t base;

	if (!p)
		return false;
	pfn = k->address_frame(k->ctx, p);
	page = pfn_to_page(k->alloc, pfn);
	if (!page || pfn_zone(k->alloc, pfn) != ZONE_NORMAL)
		return false;
	base = (uintptr_t)k->frame_address(k->ctx, pfn);
	if (!base || (uintptr_t)p < base || (uintptr_t)p - base >= PAGE_SIZE)
		return false;
	o->pfn = pfn;
	o->page = page;
	o->base = (unsigned char *)base;
	o->off = (uint32_t)((uintptr_t)p - base);

	if (page->flags == (PG_head | PG_slab)) {
		uint32_t size, n = 0;

		if (page->slab_class >= NR_KMALLOC_CLASSES)
			return false;
		size = k->caches[page->slab_class].size;	/* a power of two */
		if (o->off & (size - 1))
			return false;		/* inside an object */
		/* Already free?  A slab has at most 256 objects, so walking
		 * its free list is cheap, and the bound stops a corrupt one. */
		for (uint16_t f = page->freelist; f; f = get_link(o->base + f - 1)) {
			if (f - 1u == o->off || ++n > PAGE_SIZE / KMALLOC_MIN)
				return false;
		}
		o->size = size;
		return true;
	}
	if (page->flags == PG_head && page->slab_class == LARGE && o->off == 0) {
		o->size = (size_t)PAGE_SIZE << page->order;
		return true;
	}
	return false;
}

int kfree_to(struct kmalloc_state *k, const void *p)
{
	struct kobj o;

	if (!p)
		return 0;
	if (!lookup(k, p, &o))
		return -1;
	if (o.page->flags & PG_slab) {
		struct kmalloc_cache *c = &k->caches[o.page->slab_class];

		set_link(o.base + o.off, o.page->freelist);
		if (!o.page->freelist)
			partial_add(k, c, o.pfn);	/* was full */
		o.page->freelist = (uint16_t)(o.off + 1);
		o.page->inuse--;
		c->objects_inuse--;
		if (!o.page->inuse) {
			partial_del(k, c, o.pfn);
			o.page->flags &= (uint8_t)~PG_slab;
			o.page->slab_class = 0;
			o.page->freelist = 0;
			c->pages--;
			free_pages(k->alloc, o.pfn, 0);
		}
		return 0;
	}
	k->large_pages -= 1u << o.page->order;
	o.page->slab_class = 0;
	return free_pages(k->alloc, o.pfn, o.page->order);
}

size_t ksize_of(struct kmalloc_state *k, const void *p)
{
	struct kobj o;

	return lookup(k, p, &o) ? o.size : 0;
}
