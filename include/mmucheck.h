/* The MMU check (kernel/mmucheck.c): record vs page tables vs the MMU. */
#ifndef VMSPLIT_MMUCHECK_H
#define VMSPLIT_MMUCHECK_H

#include <stdbool.h>

int mmu_check(bool verbose);

#endif
