/*
 * DMA-coherent buffers in the consistent region (Linux's
 * dma_alloc_coherent() before CMA): physically contiguous pages, given a
 * second, uncached mapping in [CONSISTENT_BASE, CONSISTENT_END) so the CPU
 * and a device see the same bytes without cache maintenance.
 */
#ifndef VMSPLIT_DMA_H
#define VMSPLIT_DMA_H

#include "types.h"

/* NULL when the rules have no consistent region or it is full. */
void *dma_alloc_coherent(uint32_t size, phys_addr_t *dma_handle);
int dma_free_coherent(void *va);

/* The buffers handed out, for the shell. */
void dma_print(void);

#endif
