/* dt_cpus: the CPUs a device tree lists (pure: reads a mapped blob). */
#ifndef VMSPLIT_DT_CPUS_H
#define VMSPLIT_DT_CPUS_H

#include <stddef.h>
#include <stdint.h>

/*
 * The /cpus node's children with device_type = "cpu", in the tree's
 * order: each one's reg, its MPIDR affinity (the Aff fields, which PSCI
 * CPU_ON names a CPU by), read with /cpus' #address-cells (1 or 2).
 * Fills at most max entries and returns how many the tree lists, or 0 if
 * it has no /cpus node or the blob is unusable.
 */
int dt_cpus(const void *blob, size_t avail, uint32_t *mpidr, int max);

#endif
