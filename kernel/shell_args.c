/*
 * The words the shell's commands share: numbers, addresses (a number or a
 * name the kernel knows) and memory types, each refused with the reason.
 */
#include <inttypes.h>
#include <string.h>

#include "args.h"
#include "mmu.h"
#include "kernel_map.h"
#include "memory.h"
#include "memparse.h"
#include "printk.h"
#include "setup.h"
#include "shell.h"
#include "sizes.h"


/*
 * A number, with the reason when it is not one: "not a number" or "past
 * 4 GB" (the caller's usage line follows).
 */
bool shell_parse_num(const char *s, uint32_t *out)
{
	const char *end;
	uint64_t v;

	if (parse_u32(s, out))
		return true;
	if (parse_size(s, &v) || (s[0] >= '0' && s[0] <= '9' && (memparse(s, &end), !*end)))
		printk("%s: past 4 GB: addresses and sizes are 32 bits (at most 0xffffffff)\n", s);
	else if (s[0] == '0' && s[1] >= '0' && s[1] <= '9')
		printk("%s: not a number: a leading 0 means octal, as the kernel reads numbers (digits 0-7)\n", s);
	else
		printk("%s: not a number (hex 0x..., decimal, K, M or G allowed)\n", s);
	return false;
}

/*
 * A physical address: 32 bits in the short format, 40 under LPAE (the
 * layout's limit), with the reason when it is not one.
 */
bool shell_parse_phys(const char *s, phys_addr_t *out)
{
	phys_addr_t limit = kernel_layout.lpae ? LPAE_PHYS_LIMIT : (phys_addr_t)1 << 32;
	uint64_t v;

	if (!kernel_layout.lpae) {
		uint32_t v32;

		if (!shell_parse_num(s, &v32))
			return false;
		*out = v32;
		return true;
	}
	if (parse_size(s, &v) && v < limit) {
		*out = v;
		return true;
	}
	if (parse_size(s, &v))
		printk("%s: past the 40-bit physical address space of the long-descriptor format\n", s);
	else
		printk("%s: not a number (hex 0x..., decimal, K, M or G allowed)\n", s);
	return false;
}

/*
 * An address: a number, or a name the kernel knows (its image's symbols
 * and the layout's boundaries), so that "exec _sdata" or "v2p high_memory"
 * mean the same whatever the image's size.  A name whose region this
 * configuration does not have is refused with the reason, not read as 0.
 */
bool shell_parse_addr(const char *s, uint32_t *out)
{
	const struct {
		const char *name;
		uint32_t value;
		const char *absent;	/* why the region is missing when value is 0 */
	} names[] = {
		{ "_text", (uint32_t)_text, NULL }, { "_etext", (uint32_t)_etext, NULL },
		{ "__start_rodata", (uint32_t)__start_rodata, NULL }, { "__init_begin", (uint32_t)__init_begin, NULL },
		{ "_sdata", (uint32_t)_sdata, NULL }, { "_edata", (uint32_t)_edata, NULL },
		{ "__bss_start", (uint32_t)__bss_start, NULL }, { "_end", (uint32_t)_end, NULL },
		{ "swapper_pg_dir", (uint32_t)(uintptr_t)kernel_pgtable.l1, NULL },
		{ "console", console_virt, "there is no console in the static IO map" },
	};
	/* Linux's names for the layout's bounds: a region's start or end,
	 * read from the layout's regions. */
	static const struct {
		const char *name;
		enum region region;
		bool end;
		const char *absent;	/* why a layout may have no such region */
	} bounds[] = {
		{ "PAGE_OFFSET", REGION_LOWMEM, false, NULL }, { "high_memory", REGION_LOWMEM, true, NULL },
		{ "VMALLOC_START", REGION_VMALLOC, false, NULL }, { "VMALLOC_END", REGION_VMALLOC, true, NULL },
		{ "MODULES_VADDR", REGION_MODULES, false, NULL },
		{ "PKMAP_BASE", REGION_PKMAP, false, "there is no pkmap area: highmem is off (boot with highmem=on)" },
		{ "FIXADDR_START", REGION_FIXMAP, false, NULL }, { "VECTORS", REGION_VECTORS, false, NULL },
		{ "CONSISTENT_BASE", REGION_DMA, false, "there is no consistent (DMA) region under these rules (Linux uses CMA)" },
	};

	for (unsigned i = 0; i < ARRAY_SIZE(names); i++) {
		if (strcmp(names[i].name, s))
			continue;
		if (!names[i].value && names[i].absent) {
			printk("%s: %s\n", s, names[i].absent);
			return false;
		}
		*out = names[i].value;
		return true;
	}
	for (unsigned i = 0; i < ARRAY_SIZE(bounds); i++) {
		const struct region_span *r;

		if (strcmp(bounds[i].name, s))
			continue;
		r = layout_find_region(&kernel_layout, bounds[i].region);
		if (!r) {
			printk("%s: %s\n", s, bounds[i].absent ? bounds[i].absent : "not in this layout");
			return false;
		}
		*out = bounds[i].end ? (uint32_t)r->end : r->start;
		return true;
	}
	if ((s[0] >= '0' && s[0] <= '9') || s[0] == '-')
		return shell_parse_num(s, out);
	printk("%s: not a number or a name the kernel knows (help lists the names)\n", s);
	return false;
}

static const struct {
	const char *name;
	enum mem_type_id type;
} type_names[] = {
	{ "rw", MT_MEMORY_RW }, { "rwx", MT_MEMORY_RWX }, { "ro", MT_MEMORY_RO },
	{ "rx", MT_MEMORY_RX }, { "device", MT_DEVICE }, { "uncached", MT_DMA_COHERENT },
};

bool shell_parse_type(const char *s, enum mem_type_id *t)
{
	for (unsigned i = 0; i < ARRAY_SIZE(type_names); i++)
		if (!strcmp(type_names[i].name, s)) {
			*t = type_names[i].type;
			return true;
		}
	printk("memory types: rw rwx ro rx device uncached\n");
	return false;
}
