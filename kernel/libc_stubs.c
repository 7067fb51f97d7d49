/*
 * newlib-nano's formatting code can grow a buffer with malloc for some
 * streams, so the linker wants _sbrk.  vmsplit never asks it to (only
 * vsnprintf into fixed buffers), and has no heap for the C library:
 * say so instead of pretending.
 */
#include <errno.h>

void *_sbrk(int incr);

void *_sbrk(int incr)
{
	(void)incr;
	errno = ENOMEM;
	return (void *)-1;
}
