/* The console's line editor (kernel/line_edit.c). */
#ifndef VMSPLIT_LINE_EDIT_H
#define VMSPLIT_LINE_EDIT_H

#include <stddef.h>

/* Read one line into buf (at most size-1 characters, NUL-terminated),
 * echoing and editing as a terminal user expects.  Ctrl-C abandons the
 * line and returns an empty one.  A non-empty line joins the history. */
void line_edit_read(char *buf, size_t size);

#endif
