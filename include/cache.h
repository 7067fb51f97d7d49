/* Cache maintenance by virtual address range (ARM ARM B2.2.6-B2.2.7). */
#ifndef VMSPLIT_CACHE_H
#define VMSPLIT_CACHE_H

#include <stdint.h>

/* Smallest data cache line, from CTR.DminLine. */
uint32_t dcache_line_size(void);

/* Make [start, end) visible to the table walker or to instruction
 * fetch: clean to the Point of Unification. */
void dcache_clean_pou(uintptr_t start, uintptr_t end);

/* Before memory is used through a non-cacheable alias: clean and
 * invalidate to the Point of Coherency, so no line of the cacheable
 * alias can be written back over it or hit later. */
void dcache_clean_inval_poc(uintptr_t start, uintptr_t end);

/* After writing instructions: clean them to the PoU, invalidate the
 * whole instruction cache and the branch predictor, DSB, ISB. */
void sync_instructions(uintptr_t start, uintptr_t end);

#endif
