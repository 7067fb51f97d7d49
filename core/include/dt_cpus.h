/* dt_cpus: the CPUs a device tree lists (pure: reads a mapped blob). */
#ifndef VMSPLIT_DT_CPUS_H
#define VMSPLIT_DT_CPUS_H

#include <stdbool.h>
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

/* Does /cpus name this enable-method (Linux's way for a board to start
 * its CPUs: "brcm,bcm2836-smp" on the Raspberry Pi 2)?  The property is
 * a string; on a cpu node too, as Linux also reads it there. */
bool dt_cpus_enable_method(const void *blob, size_t avail, const char *method);

#endif
