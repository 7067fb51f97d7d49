/*
 * The kernel's vmalloc space: [VMALLOC_START, VMALLOC_END) of the decided
 * layout, on swapper_pg_dir, with pages from the page allocator and
 * bookkeeping from kmalloc.  The calls kernel code makes (vmalloc, vfree,
 * ioremap, iounmap) are thin wrappers around the core in core/mm/vmalloc.c.
 */
#include <inttypes.h>

#include "kernel_map.h"
#include "mm.h"
#include "mmu.h"
#include "printk.h"
#include "setup.h"
#include "sizes.h"
#include "vmalloc.h"

struct vmap_space vmalloc_space;

/* The static mappings already inside the area (the 3.4 and later static
 * IO map) are taken out of the free space first. */
void vmalloc_init(void)
{
	const struct layout *l = &kernel_layout;

	if (vmap_space_init(&vmalloc_space, l->vmalloc_start, l->vmalloc_end, boot_config.guard_before,
			    &kernel_pgtable, &page_allocator, &kmalloc_state)) {
		printk("vmalloc: no memory for the free-space tree; vmalloc is off\n");
		return;
	}
	for (int i = 0; i < nr_kernel_mappings; i++) {
		const struct kernel_mapping *m = &kernel_mappings[i];

		if (m->virt >= l->vmalloc_start && m->virt < l->vmalloc_end &&
		    vmap_reserve(&vmalloc_space, m->virt, m->length))
			printk("vmalloc: cannot reserve %s at 0x%08" PRIx32 "\n", m->what, m->virt);
	}
	/* reclaim=vmalloc-saving: the holes inside lowmem are vmalloc too. */
	for (int i = 0; i < l->nr_vm_holes; i++)
		if (vmap_add_range(&vmalloc_space, l->vm_hole[i].start,
				   l->vm_hole[i].end - l->vm_hole[i].start))
			printk("vmalloc: cannot add the hole at 0x%08" PRIx32 "\n", l->vm_hole[i].start);
}

void *vmalloc(uint32_t size)
{
	uint32_t va;

	rec_lock(&mm_lock);
	va = vmap_vmalloc(&vmalloc_space, size);
	rec_unlock(&mm_lock);
	return (void *)va;
}

/* The area's pages are unmapped, and the TLB flushed (on every CPU once
 * several run: flush_tlb_kernel_range), before its pages are freed: no
 * CPU can reach a freed page through a stale translation. */
int vfree(const void *addr)
{
	int err;

	rec_lock(&mm_lock);
	err = vmap_vfree(&vmalloc_space, (uint32_t)addr);
	rec_unlock(&mm_lock);
	return err;
}

void *ioremap(phys_addr_t phys, uint32_t size, enum mem_type_id type)
{
	/* Every byte of the range is tested, not only its ends. */
	if (!user_alias_allowed("ioremap", phys, size, type, false))
		return NULL;
	uint32_t va;

	rec_lock(&mm_lock);
	va = vmap_ioremap(&vmalloc_space, phys, size, type);
	rec_unlock(&mm_lock);
	return (void *)va;
}

int iounmap(const void *addr)
{
	int err;

	rec_lock(&mm_lock);
	err = vmap_iounmap(&vmalloc_space, (uint32_t)addr);
	rec_unlock(&mm_lock);
	return err;
}

const struct vm_area *find_vm_area(uint32_t va)
{
	return vmap_find(&vmalloc_space, va);
}
