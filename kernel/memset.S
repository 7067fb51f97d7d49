/*
 * memset, for the kernel: 64 bytes a loop with two STMs of eight registers.
 *
 * The biggest fill of the boot is mem_map, a struct page for every frame
 * (3 MB on a 1 GB board).  Under QEMU the cost of a loop is mostly how
 * many instructions and translation-block jumps it takes, not the stores
 * themselves: newlib's fill writes 16 bytes a loop, this one 64, and
 * mem_map's fill takes less than half as long (make bench, boot to prompt).
 * The host programs (unit tests, memlayout) keep their C library's.
 *
 * void *memset(void *s, int c, size_t n): returns s (r0 is never moved).
 */
	.syntax	unified
	.arm
	.text
	.global	memset
	.type	memset, %function
memset:
	mov	r3, r0				@ r3 walks, r0 is the answer
	and	r1, r1, #0xff			@ the byte, in all four lanes
	orr	r1, r1, r1, lsl #8
	orr	r1, r1, r1, lsl #16
1:	tst	r3, #3				@ bytes up to a word boundary
	beq	2f
	subs	r2, r2, #1
	bxcc	lr				@ n ran out first
	strb	r1, [r3], #1
	b	1b
2:	subs	r2, r2, #64
	blo	4f				@ under 64 bytes: no block loop
	push	{r4-r9}
	mov	r4, r1
	mov	r5, r1
	mov	r6, r1
	mov	r7, r1
	mov	r8, r1
	mov	r9, r1
	mov	ip, r1
3:	stmia	r3!, {r1, r4-r9, ip}		@ 32 bytes
	stmia	r3!, {r1, r4-r9, ip}		@ and 32 more
	subs	r2, r2, #64
	bhs	3b
	pop	{r4-r9}
4:	adds	r2, r2, #64 - 4			@ what is left, less a word
5:	strhs	r1, [r3], #4			@ whole words
	subshs	r2, r2, #4
	bhs	5b
	adds	r2, r2, #4			@ 0-3 bytes
6:	subs	r2, r2, #1
	bxcc	lr
	strb	r1, [r3], #1
	b	6b
	.size	memset, . - memset
