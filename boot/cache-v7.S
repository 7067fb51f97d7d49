/*
 * Whole-cache maintenance by set/way, ARMv7 (ARM ARM B2.2.7 and B4.2.1).
 *
 * CLIDR says how many levels there are up to the Level of Coherency and
 * which hold data; for each such level CSSELR selects it and CCSIDR gives
 * its line length, ways and sets.  The set/way operand is
 *   (way << (32 - log2(ways))) | (set << log2(line bytes)) | (level << 1).
 * Used by head.S with the MMU off: position independent, no stack.
 */
	.arch	armv7-a
	.syntax	unified
	.arm

	.section ".head.text", "ax"
/*
 * Invalidate the level 1 data cache, without writing anything back.
 *
 * Why only level 1, as Linux's v7_invalidate_l1: a core may come out of
 * reset with random valid lines in L1 (Cortex-A9 does), which enabling the
 * D-cache would then trust.  The inner L2 of Cortex-A7/A15 is invalidated
 * by the reset itself, and a boot loader that ran with caches on must
 * clean them to the Point of Coherency before entering a kernel (the Linux
 * boot protocol), so no dirty line can be waiting beyond L1.
 * The loop is written for any number of levels: r3 is the last one.
 * Uses r0-r3, r5-r7, r11, r12.
 */
	.global	v7_invalidate_l1
v7_invalidate_l1:
	mrc	p15, 1, r0, c0, c0, 1	@ CLIDR (Ctype fields of each level)
	mov	r3, #2			@ stop after level 1 (levels are counted << 1)
	mov	r12, #0			@ current level << 1
level:
	add	r2, r12, r12, lsr #1	@ level * 3: this level's Ctype field
	mov	r1, r0, lsr r2
	and	r1, r1, #7
	cmp	r1, #2			@ 2, 3, 4: data or unified cache
	blt	next_level
	mcr	p15, 2, r12, c0, c0, 0	@ CSSELR: data/unified cache of this level
	isb				@ make CCSIDR describe it
	mrc	p15, 1, r1, c0, c0, 0	@ CCSIDR
	and	r2, r1, #7
	add	r2, r2, #4		@ log2(line length in bytes)
	movw	r5, #0x3ff
	and	r5, r5, r1, lsr #3	@ ways - 1
	clz	r6, r5			@ way field position
	movw	r7, #0x7fff
	and	r7, r7, r1, lsr #13	@ sets - 1
set:
	mov	r11, r5
way:
	orr	r1, r12, r11, lsl r6
	orr	r1, r1, r7, lsl r2
	mcr	p15, 0, r1, c7, c6, 2	@ DCISW: invalidate by set/way
	subs	r11, r11, #1
	bge	way
	subs	r7, r7, #1
	bge	set
next_level:
	add	r12, r12, #2
	cmp	r3, r12
	bgt	level

	mov	r12, #0
	mcr	p15, 2, r12, c0, c0, 0	@ CSSELR back to level 1
	dsb
	isb
	bx	lr
