/* What the fuzz harnesses share: a printk that formats and forgets (the
 * formatting is exercised, the output is not kept), and the layout's
 * invariants, checked after every decision. */
#ifndef VMSPLIT_FUZZ_COMMON_H
#define VMSPLIT_FUZZ_COMMON_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "layout.h"
#include "printk.h"

int printk(const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return n;
}

/* What any decision must satisfy, whatever the input: the regions are in
 * order and inside 4 GB, the banks sorted, disjoint and at most NR_BANKS,
 * lowmem banks below highmem ones, and the linear map a bijection on
 * lowmem.  A violation aborts, which the fuzzer reports with the input. */
static inline void check_layout(const struct layout *l)
{
	if (l->mi.nr_banks < 0 || l->mi.nr_banks > NR_BANKS)
		abort();
	for (int i = 0; i < l->mi.nr_banks; i++) {
		const struct membank *b = &l->mi.bank[i];

		if (!b->size || (i && b->start < bank_end(&l->mi.bank[i - 1])))
			abort();
		if (i && l->mi.bank[i - 1].highmem && !b->highmem)
			abort();
		if (!b->highmem && layout_pa(l, layout_va(l, b->start)) != b->start)
			abort();
	}
	if (l->mi.nr_banks && !(l->page_offset < l->high_memory || l->high_memory == 0))
		abort();
	if (l->vmalloc_start > l->vmalloc_end || l->modules_vaddr > l->modules_end ||
	    l->fixmap_start > l->fixmap_end)
		abort();
	if (l->high_memory > l->vmalloc_start && l->vmalloc_start)
		abort();
}

#endif
