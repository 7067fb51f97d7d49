/* memlayout --svg: the decided layout as a picture (tools/layout_svg.c). */
#ifndef VMSPLIT_LAYOUT_SVG_H
#define VMSPLIT_LAYOUT_SVG_H

#include <stdio.h>

#include "layout.h"

/* How a box's height follows its size: with the logarithm (every box
 * readable, the default), or in proportion (the 4 GB as it is; a box too
 * small to read is drawn at the smallest readable height and says so). */
enum svg_scale { SVG_SCALE_LOG, SVG_SCALE_LINEAR };

/* Write the SVG for layout l, decided from bc (whose ram is the board's RAM), to f. */
int layout_svg(FILE *f, const struct layout *l, const struct boot_config *bc, const char *title);
int layout_svg_scaled(FILE *f, const struct layout *l, const struct boot_config *bc, const char *title,
		      enum svg_scale scale);

/* The same with the board's devices drawn on the physical side (the
 * console's UART, the interrupt controllers): a list ended by a NULL name. */
struct board_device;
int layout_svg_board(FILE *f, const struct layout *l, const struct boot_config *bc, const char *title,
		     enum svg_scale scale, const struct board_device *devices, int nr_devices);

#endif
