/* The static IO map: the device tree's devices at IO_ADDRESS (mm/io_map.c). */
#ifndef VMSPLIT_IO_MAP_H
#define VMSPLIT_IO_MAP_H

#include "types.h"

void iotable_init(void);
uint32_t io_map_virt(phys_addr_t phys);

#endif
