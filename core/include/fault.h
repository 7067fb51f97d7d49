/* Decoding a data or prefetch abort from its fault status register. */
#ifndef VMSPLIT_FAULT_H
#define VMSPLIT_FAULT_H

#include "types.h"

/* FS[4:0] from DFSR/IFSR bits 10 and 3:0 (short-descriptor format). */
unsigned fsr_status(uint32_t fsr);

/* "translation fault (section)", "permission fault (page)", ... */
const char *fsr_description(uint32_t fsr);

/* Translation, access-flag, domain and permission faults come from the
 * translation tables (the MMU said no); the rest are other aborts. */
bool fsr_is_mmu_fault(uint32_t fsr);

/* Which check of the table walk said no, at either level. */
enum fsr_class { FSR_TRANSLATION, FSR_ACCESS_FLAG, FSR_DOMAIN, FSR_PERMISSION, FSR_OTHER };
enum fsr_class fsr_class(uint32_t fsr);

#endif
