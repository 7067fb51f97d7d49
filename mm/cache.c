/* Cache maintenance by VA: one operation per data cache line. */
#include "arm/cp15.h"
#include "arm/tlbflush.h"
#include "cache.h"

uint32_t dcache_line_size(void)
{
	return 4u << ((read_ctr() >> 16) & 0xf);	/* DminLine: log2 of words */
}

void dcache_clean_pou(uintptr_t start, uintptr_t end)
{
	uint32_t line = dcache_line_size();

	for (uintptr_t p = start & ~(uintptr_t)(line - 1); p < end; p += line)
		write_dccmvau((uint32_t)p);
	dsb();
}

void dcache_clean_inval_poc(uintptr_t start, uintptr_t end)
{
	uint32_t line = dcache_line_size();

	for (uintptr_t p = start & ~(uintptr_t)(line - 1); p < end; p += line)
		write_dccimvac((uint32_t)p);
	dsb();
}

void sync_instructions(uintptr_t start, uintptr_t end)
{
	dcache_clean_pou(start, end);
	flush_icache_all();
}
