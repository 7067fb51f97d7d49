/* memlayout --svg: the decided layout as a picture (tools/layout_svg.c). */
#ifndef VMSPLIT_LAYOUT_SVG_H
#define VMSPLIT_LAYOUT_SVG_H

#include <stdio.h>

#include "layout.h"

/* Write the SVG for layout l, decided from bc (whose ram is the board's RAM), to f. */
int layout_svg(FILE *f, const struct layout *l, const struct boot_config *bc, const char *title);

#endif
