/* Decoding a data or prefetch abort from its fault status register, in
 * either format: the DFSR/IFSR's bit 9 (LPAE) says which one the status
 * is in, so every function takes the register as it was read. */
#ifndef VMSPLIT_FAULT_H
#define VMSPLIT_FAULT_H

#include "types.h"

/* The status was written in the long-descriptor format (bit 9). */
bool fsr_is_long(uint32_t fsr);

/* The status: FS[4:0] from bits 10 and 3:0 (short-descriptor format), or
 * bits 5:0 (long-descriptor format). */
unsigned fsr_status(uint32_t fsr);

/* "translation fault (section)", "permission fault (page)" (short);
 * "access flag fault (level 3)" (long) ... */
const char *fsr_description(uint32_t fsr);

/* Translation, access-flag, domain and permission faults come from the
 * translation tables (the MMU said no); the rest are other aborts. */
bool fsr_is_mmu_fault(uint32_t fsr);

/* Which check of the table walk said no, at any level. */
enum fsr_class { FSR_TRANSLATION, FSR_ACCESS_FLAG, FSR_DOMAIN, FSR_PERMISSION, FSR_OTHER };
enum fsr_class fsr_class(uint32_t fsr);

/* The level of the table whose entry decided a fault or whose read
 * aborted: 1 or 2 (short: section or first level is 1, page or second
 * level 2), 1 to 3 (long); 0 when the status names no level. */
unsigned fsr_level(uint32_t fsr);

#endif
