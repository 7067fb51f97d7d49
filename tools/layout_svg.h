/* memlayout --svg: the decided layout as a picture (tools/layout_svg.c). */
#ifndef VMSPLIT_LAYOUT_SVG_H
#define VMSPLIT_LAYOUT_SVG_H

#include <stdio.h>

#include "layout.h"

/* Write the SVG for layout l of the board whose RAM is `ram` to f. */
int layout_svg(FILE *f, const struct layout *l, const struct meminfo *ram, const char *title);

#endif
