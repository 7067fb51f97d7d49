/* The vector page at 0xffff0000 and the 4.x stubs page (mm/vectors.c). */
#ifndef VMSPLIT_VECTORS_H
#define VMSPLIT_VECTORS_H

int vectors_init(void);
void vectors_enable_high(void);

#endif
