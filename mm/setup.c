/* The boot's memory facts (include/setup.h): one definition each, in mm/,
 * which uses them most. */
#include "setup.h"

struct boot_config boot_config;
struct board_info board;
struct layout kernel_layout;
struct memblock memblock;
struct image_sections kernel_image;
phys_addr_t dtb_phys;
