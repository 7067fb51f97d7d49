/* Unit tests for core/dt/fdt.c, the blob reader, and QEMU's own device
 * trees read end to end (the reader and core/dt/board.c; the rest of
 * board.c is test_board.c's).
 *
 * Usage: test_fdt VIRT_DTB VIRT_HYP_DTB
 *
 * Both DTBs are required (a missing or unreadable one FAILS its tests); they
 * are QEMU's own, dumped with
 *
 *   qemu-system-arm -M virt,dumpdtb=VIRT_DTB -cpu cortex-a15 -m 1G -nographic \
 *       -nic none -kernel ANYFILE -append "mem=512M vmalloc=256M"
 *   qemu-system-arm -M virt,virtualization=on,dumpdtb=VIRT_HYP_DTB (same options)
 *
 * (QEMU 7.2 refuses -append without -kernel; any file will do as the kernel
 * since dumpdtb exits before running it.)  VIRT_DTB is checked exactly as
 * above.  VIRT_HYP_DTB is there for psci = smc: its RAM may have any -m size
 * (one range at 0x40000000, whole MBs) and it may lack bootargs (no -append),
 * everything else is checked exactly.  Everything else is built by
 * fdt_builder.c, including every kind of malformed blob.  The exhaustive
 * truncation/corruption tests copy each blob into a buffer of exactly its size
 * so a build with -fsanitize=address catches any read past it.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "board.h"
#include "capture.h"
#include "fdt.h"
#include "fdt_blobs.h"

#define BOOTARGS	"mem=512M vmalloc=256M"	/* the -append of the real DTBs */

static const char *dtb_path[2];		/* argv: VIRT_DTB, VIRT_HYP_DTB */

/* Drive every call of the API over an untrusted blob: nothing may crash,
 * hang or read outside it, and everything must agree with fdt_open(). */
static int exercise(const uint8_t *p, size_t n)
{
	static const int bogus[] = { -4, -1, 1, 2, 3, 0x7ffffffc };
	struct fdt f;
	struct board_info bi;
	int err = fdt_open(&f, p, n), node, sub, depth = 0, steps = 0, len, i, nrsv;
	uint64_t a, s;

	assert_true(err <= 0 && err >= FDT_ERR_TOODEEP);
	capture_reset();
	assert_int_equal(board_from_fdt(&bi, p, n), err);
	if (err) {
		/* a failed open leaves a zeroed view, and that must be harmless */
		assert_int_equal(count_lines(captured()), 1);
		assert_null(fdt_getprop(&f, 0, "reg", &len));
		assert_null(fdt_get_name(&f, 0, &len));
		assert_true(fdt_next_node(&f, 0, NULL) < 0);
		assert_true(fdt_first_subnode(&f, 0) < 0);
		assert_true(fdt_path_offset(&f, "/") < 0);
		assert_true(fdt_num_mem_rsv(&f) < 0);
		assert_true(fdt_get_mem_rsv(&f, 0, &a, &s) < 0);
		return err;
	}
	for (node = 0; node >= 0; node = fdt_next_node(&f, node, &depth)) {
		assert_true(++steps <= (int)f.size_struct / 8 + 1);
		assert_true(depth >= 0 && depth <= FDT_MAX_DEPTH);
		assert_non_null(fdt_get_name(&f, node, &len));
		assert_true(len >= 0);
		fdt_getprop(&f, node, "reg", &len);
		fdt_getprop(&f, node, "no-such-prop", NULL);
		fdt_is_compatible(&f, node, "arm,pl011");
		for (sub = fdt_first_subnode(&f, node); sub >= 0; sub = fdt_next_subnode(&f, sub))
			assert_true(sub > node);
		fdt_subnode(&f, node, "memory");
	}
	assert_int_equal(node, FDT_ERR_NOTFOUND);
	fdt_path_offset(&f, "/chosen");
	fdt_path_offset(&f, "/intc@8000000/v2m");
	fdt_path_offset(&f, "//cpus/cpu@0/");
	nrsv = fdt_num_mem_rsv(&f);
	assert_true(nrsv >= 0);
	for (i = 0; i < nrsv; i++)
		assert_int_equal(fdt_get_mem_rsv(&f, i, &a, &s), 0);
	for (i = 0; i < (int)(sizeof(bogus) / sizeof(bogus[0])); i++) {
		assert_null(fdt_get_name(&f, bogus[i], &len));
		assert_null(fdt_getprop(&f, bogus[i], "reg", &len));
		assert_true(fdt_next_node(&f, bogus[i], NULL) < 0);
	}
	assert_null(fdt_get_name(&f, (int)f.size_struct, &len));
	return 0;
}

/* Every prefix of b is TRUNCATED; with totalsize patched to the prefix's
 * length the blocks no longer fit: BADLAYOUT (TRUNCATED below the header). */
static void check_prefixes(const struct blob *b)
{
	size_t len;

	for (len = 0; len < b->n; len++) {
		struct blob c = copy_exact(b->p, len);

		assert_int_equal(exercise(c.p, c.n), FDT_ERR_TRUNCATED);
		if (len >= 8) {
			set_hdr(&c, FDTB_TOTALSIZE, (uint32_t)len);
			assert_int_equal(exercise(c.p, c.n), len < FDT_HEADER_SIZE ? FDT_ERR_TRUNCATED
										   : FDT_ERR_BADLAYOUT);
		}
		free(c.p);
	}
	assert_int_equal(exercise(b->p, b->n), 0);
}

/* Every single-byte change of b (in place: b is an exact-size buffer). */
static void check_corruptions(struct blob *b, const uint8_t *xors, int nxor)
{
	size_t i;
	int k, err;

	for (i = 0; i < b->n; i++) {
		uint8_t orig = b->p[i];

		for (k = 0; k < nxor; k++) {
			b->p[i] = orig ^ xors[k];
			err = exercise(b->p, b->n);
			if (i < 4)
				assert_int_equal(err, FDT_ERR_BADMAGIC);
		}
		b->p[i] = orig;
	}
	assert_int_equal(exercise(b->p, b->n), 0);
}

/* ------------------------------------------------------- real QEMU DTBs */

static struct blob load_dtb(int which)
{
	const char *path = dtb_path[which];
	struct blob b;
	FILE *fp;
	long size = 0;

	if (!path)
		fail_msg("no %s DTB path on the command line: run as test_fdt VIRT_DTB VIRT_HYP_DTB",
			 which ? "virtualization=on" : "virt");
	fp = fopen(path, "rb");
	if (!fp)
		fail_msg("cannot open DTB \"%s\": %s", path, strerror(errno));
	if (fseek(fp, 0, SEEK_END) || (size = ftell(fp)) <= 0 || fseek(fp, 0, SEEK_SET)) {
		fclose(fp);
		fail_msg("cannot size DTB \"%s\"", path);
	}
	b.n = (size_t)size;
	b.p = malloc(b.n);
	assert_non_null(b.p);
	if (fread(b.p, 1, b.n, fp) != b.n) {
		fclose(fp);
		fail_msg("short read of DTB \"%s\"", path);
	}
	fclose(fp);
	return b;
}

static void check_real(int which)
{
	struct blob b = load_dtb(which);
	struct board_info bi;
	struct fdt f;
	int node, len;

	assert_int_equal(fdt_totalsize(b.p), b.n);
	assert_int_equal(fdt_open(&f, b.p, b.n), 0);
	parse_ok(&b, &bi);
	if (which == 0 || bi.bootargs)
		assert_string_equal(captured(), "");	/* nothing missing, nothing to say */
	else
		assert_string_equal(captured(), "DT: no /chosen/bootargs\n");
	assert_string_equal(bi.model, "linux,dummy-virt");
	assert_int_equal(bi.nr_mem, 1);
	assert_int_equal(bi.mem[0].base, 0x40000000);
	if (which == 0)
		assert_int_equal(bi.mem[0].size, 0x40000000);
	assert_true(bi.mem[0].size > 0 && bi.mem[0].size % 0x100000 == 0);
	assert_true(bi.have_uart);
	assert_int_equal(bi.uart_base, 0x09000000);
	assert_int_equal(bi.uart_size, 0x1000);
	assert_int_equal(bi.uart_irq, 33);		/* SPI 1 */
	assert_int_equal(bi.timer_irq, 27);		/* virtual timer, PPI 11 */
	assert_true(bi.have_gic);
	assert_int_equal(bi.gic_dist_base, 0x08000000);
	assert_int_equal(bi.gic_dist_size, 0x10000);
	assert_int_equal(bi.gic_cpu_base, 0x08010000);
	assert_int_equal(bi.gic_cpu_size, 0x10000);
	assert_int_equal(bi.psci, which ? PSCI_SMC : PSCI_HVC);
	if (which == 0)
		assert_non_null(bi.bootargs);
	if (bi.bootargs)
		assert_string_equal(bi.bootargs, BOOTARGS);
	assert_int_equal(bi.nr_rsv, 0);

	/* a few reader calls on the real thing */
	node = fdt_path_offset(&f, "/pl011@9000000");
	assert_true(node > 0);
	assert_true(fdt_is_compatible(&f, node, "arm,primecell"));
	assert_int_equal(fdt_subnode(&f, 0, "pl011"), node);
	node = fdt_subnode(&f, 0, "memory");
	assert_string_equal(fdt_get_name(&f, node, &len), "memory@40000000");
	assert_true(fdt_path_offset(&f, "/intc@8000000/v2m@8020000") > 0);
	assert_true(fdt_is_compatible(&f, fdt_path_offset(&f, "/psci"), "arm,psci-0.2"));
	assert_string_equal(fdt_getprop(&f, fdt_path_offset(&f, "/chosen"), "stdout-path", &len),
			    "/pl011@9000000");
	free(b.p);
}

static void test_real_virt(void **state)
{
	(void)state;
	check_real(0);
}

static void test_real_virt_hyp(void **state)
{
	(void)state;
	check_real(1);
}

/* The real blob's content, cut down to exactly its used bytes (QEMU pads
 * totalsize to 1 MB), then every prefix and every byte flipped. */
static void test_real_fuzz(void **state)
{
	static const uint8_t xors[] = { 0x01, 0xff };
	struct blob full = load_dtb(0), c;
	uint32_t end = hdr(&full, FDTB_OFF_DT_STRINGS) + hdr(&full, FDTB_SIZE_DT_STRINGS);

	(void)state;
	assert_true(end > hdr(&full, FDTB_OFF_DT_STRUCT) + hdr(&full, FDTB_SIZE_DT_STRUCT));
	assert_true(end <= full.n);
	c = copy_exact(full.p, end);
	free(full.p);
	set_hdr(&c, FDTB_TOTALSIZE, end);
	assert_int_equal(exercise(c.p, c.n), 0);
	check_prefixes(&c);
	check_corruptions(&c, xors, (int)sizeof(xors));
	free(c.p);
}

/* --------------------------------------------------------- reader API */

static void test_be32_cells(void **state)
{
	static const uint8_t bytes[] = { 0xff, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0 };

	(void)state;
	assert_int_equal(fdt_be32(bytes + 1), 0x12345678);	/* unaligned */
	assert_int_equal(fdt_cells(bytes + 1, 1), 0x12345678);
	assert_int_equal(fdt_cells(bytes + 1, 2), 0x123456789abcdef0ull);
	assert_int_equal(fdt_cells(bytes + 1, 3), 0);
	assert_int_equal(fdt_cells(bytes + 1, 0), 0);
}

static void test_strerror(void **state)
{
	int e, k;

	(void)state;
	assert_string_equal(fdt_strerror(FDT_ERR_TRUNCATED),
			    "truncated blob (header or totalsize past the end of the buffer)");
	for (e = FDT_ERR_TOODEEP; e <= 0; e++) {
		assert_true(strlen(fdt_strerror(e)) > 5);
		assert_string_not_equal(fdt_strerror(e), fdt_strerror(1));
		for (k = FDT_ERR_TOODEEP; k < e; k++)
			assert_string_not_equal(fdt_strerror(e), fdt_strerror(k));
	}
}

static void test_totalsize(void **state)
{
	struct blob b = good_blob();

	(void)state;
	assert_int_equal(fdt_totalsize(b.p), b.n);
	assert_int_equal(fdt_totalsize(NULL), 0);
	b.p[0] ^= 1;
	assert_int_equal(fdt_totalsize(b.p), 0);
	free(b.p);
}

static void test_walk(void **state)
{
	static const struct { const char *name; int depth; } want[] = {
		{ "", 0 }, { "aliases", 1 }, { "psci", 1 }, { "memory@40000000", 1 },
		{ "memory@80000000", 1 }, { "pl011@9000000", 1 }, { "pl011@9040000", 1 },
		{ "intc@8000000", 1 }, { "v2m@8020000", 2 }, { "cpus", 1 }, { "cpu@0", 2 },
		{ "chosen", 1 },
	};
	struct blob b = good_blob();
	struct fdt f;
	int node, depth = 0, i = 0, len, intc;

	(void)state;
	assert_int_equal(fdt_open(&f, b.p, b.n), 0);
	assert_int_equal(f.version, 17);
	for (node = 0; node >= 0; node = fdt_next_node(&f, node, &depth), i++) {
		assert_true(i < (int)(sizeof(want) / sizeof(want[0])));
		assert_string_equal(fdt_get_name(&f, node, &len), want[i].name);
		assert_int_equal(len, strlen(want[i].name));
		assert_int_equal(depth, want[i].depth);
	}
	assert_int_equal(node, FDT_ERR_NOTFOUND);
	assert_int_equal(i, sizeof(want) / sizeof(want[0]));

	/* children of the root, in order, skipping grandchildren */
	for (i = 1, node = fdt_first_subnode(&f, 0); node >= 0; node = fdt_next_subnode(&f, node)) {
		while (want[i].depth != 1)
			i++;
		assert_string_equal(fdt_get_name(&f, node, NULL), want[i++].name);
	}
	assert_int_equal(node, FDT_ERR_NOTFOUND);
	assert_int_equal(i, sizeof(want) / sizeof(want[0]));

	intc = fdt_path_offset(&f, "/intc@8000000");
	node = fdt_first_subnode(&f, intc);
	assert_string_equal(fdt_get_name(&f, node, NULL), "v2m@8020000");
	assert_int_equal(fdt_next_subnode(&f, node), FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_first_subnode(&f, fdt_path_offset(&f, "/psci")), FDT_ERR_NOTFOUND);
	free(b.p);
}

static void test_subnode_and_path(void **state)
{
	struct blob b;
	struct fdt f;
	int mem, n;

	(void)state;
	begin_root(&tb);
	fdtb_begin(&tb, "memoryx");
	fdtb_end(&tb);
	fdtb_begin(&tb, "mem@1");
	fdtb_end(&tb);
	add_memory(&tb, "memory@40000000", 0x40000000, 0x1000);
	add_memory(&tb, "memory@80000000", 0x80000000, 0x1000);
	fdtb_begin(&tb, "chosen");
	fdtb_end(&tb);
	fdtb_begin(&tb, "a");
	fdtb_begin(&tb, "b@1");
	fdtb_begin(&tb, "c");
	fdtb_end(&tb);
	fdtb_end(&tb);
	fdtb_end(&tb);
	fdtb_end(&tb);
	b = finish();
	assert_int_equal(fdt_open(&f, b.p, b.n), 0);

	mem = fdt_subnode(&f, 0, "memory");		/* first "memory@..." */
	assert_string_equal(fdt_get_name(&f, mem, NULL), "memory@40000000");
	assert_int_equal(fdt_subnode(&f, 0, "memory@40000000"), mem);
	n = fdt_subnode(&f, 0, "memory@80000000");
	assert_string_equal(fdt_get_name(&f, n, NULL), "memory@80000000");
	assert_int_equal(fdt_subnode(&f, 0, "memory@4"), FDT_ERR_NOTFOUND);	/* '@': exact only */
	assert_int_equal(fdt_subnode(&f, 0, "mem"), fdt_path_offset(&f, "/mem@1"));
	assert_int_equal(fdt_subnode(&f, 0, "memor"), FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_subnode(&f, 0, "c"), FDT_ERR_NOTFOUND);	/* grandchild */
	assert_int_equal(fdt_subnode(&f, 0, ""), FDT_ERR_NOTFOUND);

	assert_int_equal(fdt_path_offset(&f, "/"), 0);
	assert_int_equal(fdt_path_offset(&f, "/memory"), mem);
	n = fdt_path_offset(&f, "/a/b/c");
	assert_string_equal(fdt_get_name(&f, n, NULL), "c");
	assert_int_equal(fdt_path_offset(&f, "//a//b@1/c/"), n);
	assert_int_equal(fdt_path_offset(&f, "/a/c"), FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_path_offset(&f, "/a/b/c/d"), FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_path_offset(&f, "chosen"), FDT_ERR_NOTFOUND);	/* not absolute */
	assert_int_equal(fdt_path_offset(&f, ""), FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_path_offset(&f, NULL), FDT_ERR_NOTFOUND);
	assert_true(fdt_path_offset(&f, "/chosen") > 0);
	free(b.p);
}

static void test_getprop(void **state)
{
	struct blob b;
	struct fdt f;
	const uint8_t *v;
	int len, node;

	(void)state;
	begin_root(&tb);
	fdtb_nop(&tb);
	fdtb_prop(&tb, "empty", "", 0);
	fdtb_nop(&tb);
	PROP_LIT(&tb, "compatible", "vendor,board-v2\0vendor,board");
	fdtb_begin(&tb, "dev");
	PROP_LIT(&tb, "compatible", "arm,pl011x\0arm,pl011\0x");
	fdtb_end(&tb);
	fdtb_begin(&tb, "unterminated");
	fdtb_prop(&tb, "compatible", "arm,pl011", 9);	/* no NUL */
	fdtb_end(&tb);
	fdtb_end(&tb);
	b = finish();
	assert_int_equal(fdt_open(&f, b.p, b.n), 0);

	v = fdt_getprop(&f, 0, "#size-cells", &len);
	assert_non_null(v);
	assert_int_equal(len, 4);
	assert_int_equal(fdt_be32(v), 2);
	assert_non_null(fdt_getprop(&f, 0, "empty", &len));	/* after a NOP */
	assert_int_equal(len, 0);
	assert_null(fdt_getprop(&f, 0, "missing", &len));
	assert_int_equal(len, FDT_ERR_NOTFOUND);
	assert_null(fdt_getprop(&f, 0, "#size-cell", NULL));	/* no prefix match */
	node = fdt_path_offset(&f, "/dev");
	assert_null(fdt_getprop(&f, 0, "dev", &len));		/* a subnode is not a property */
	assert_null(fdt_getprop(&f, node, "model", &len));	/* the parent's is not ours */

	assert_true(fdt_is_compatible(&f, 0, "vendor,board"));
	assert_true(fdt_is_compatible(&f, 0, "vendor,board-v2"));
	assert_false(fdt_is_compatible(&f, 0, "vendor,boar"));
	assert_true(fdt_is_compatible(&f, node, "arm,pl011"));
	assert_true(fdt_is_compatible(&f, node, "x"));
	assert_false(fdt_is_compatible(&f, node, "arm,pl01"));
	assert_false(fdt_is_compatible(&f, node, ""));
	assert_false(fdt_is_compatible(&f, fdt_path_offset(&f, "/unterminated"), "arm,pl011"));
	free(b.p);
}

/* Offsets that are not FDT_BEGIN_NODE tokens must be refused, not parsed. */
static void test_bad_node_offsets(void **state)
{
	struct blob b = good_blob();
	struct fdt f;
	int off, len, nodes = 0, depth;

	(void)state;
	assert_int_equal(fdt_open(&f, b.p, b.n), 0);
	assert_null(fdt_get_name(&f, 8, &len));	/* the root's first property */
	assert_int_equal(len, FDT_ERR_BADSTRUCT);
	assert_null(fdt_getprop(&f, -4, "reg", &len));
	assert_int_equal(len, FDT_ERR_BADSTRUCT);
	assert_int_equal(fdt_next_node(&f, 2, NULL), FDT_ERR_BADSTRUCT);
	assert_int_equal(fdt_first_subnode(&f, (int)f.size_struct), FDT_ERR_BADSTRUCT);
	assert_int_equal(fdt_subnode(&f, 0x7ffffffc, "x"), FDT_ERR_BADSTRUCT);
	/* every offset of the block: only real nodes (and value words that look
	 * like BEGIN_NODE) are accepted, and nothing reads past the block */
	for (off = -8; off < (int)f.size_struct + 8; off++) {
		depth = 0;
		if (fdt_get_name(&f, off, &len))
			nodes++;
		fdt_getprop(&f, off, "reg", &len);
		fdt_next_node(&f, off, &depth);
		fdt_next_subnode(&f, off);
		fdt_is_compatible(&f, off, "arm,pl011");
	}
	assert_true(nodes >= 12);	/* + cpus' "#address-cells" = <1> */
	free(b.p);
}

static void test_mem_rsv(void **state)
{
	struct blob b;
	struct fdt f;
	uint64_t a, s;

	(void)state;
	begin_root(&tb);
	fdtb_rsv(&tb, 0x48000000, 0x100000);
	fdtb_rsv(&tb, 0x123456789ull, 0x1000);
	fdtb_rsv(&tb, 0, 0x1000);		/* address 0 alone is not the terminator */
	fdtb_end(&tb);
	b = finish();
	assert_int_equal(fdt_open(&f, b.p, b.n), 0);
	assert_int_equal(fdt_num_mem_rsv(&f), 3);
	assert_int_equal(fdt_get_mem_rsv(&f, 1, &a, &s), 0);
	assert_int_equal(a, 0x123456789ull);
	assert_int_equal(s, 0x1000);
	assert_int_equal(fdt_get_mem_rsv(&f, 2, &a, &s), 0);
	assert_int_equal(a, 0);
	assert_int_equal(fdt_get_mem_rsv(&f, 3, &a, &s), FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_get_mem_rsv(&f, -1, &a, &s), FDT_ERR_NOTFOUND);
	free(b.p);
}

/* ----------------------------------------------- malformed headers/layout */

static void test_truncated(void **state)
{
	struct blob b = good_blob();
	struct fdt f;

	(void)state;
	assert_int_equal(fdt_open(&f, NULL, 100), FDT_ERR_TRUNCATED);
	assert_int_equal(fdt_open(&f, b.p, 0), FDT_ERR_TRUNCATED);
	assert_int_equal(fdt_open(&f, b.p, 3), FDT_ERR_TRUNCATED);
	assert_int_equal(fdt_open(&f, b.p, FDT_HEADER_SIZE - 1), FDT_ERR_TRUNCATED);
	assert_int_equal(fdt_open(&f, b.p, b.n - 1), FDT_ERR_TRUNCATED);
	set_hdr(&b, FDTB_TOTALSIZE, (uint32_t)b.n + 1);
	assert_int_equal(open_blob(&b), FDT_ERR_TRUNCATED);
	set_hdr(&b, FDTB_TOTALSIZE, 0xffffffff);		/* huge */
	assert_int_equal(open_blob(&b), FDT_ERR_TRUNCATED);
	assert_null(f.blob);				/* failed opens leave a zeroed view */
	free(b.p);
}

static void test_bad_magic_version(void **state)
{
	struct blob b = good_blob();

	(void)state;
	set_hdr(&b, FDTB_MAGIC, 0xedfe0dd0);		/* little-endian magic */
	assert_int_equal(open_blob(&b), FDT_ERR_BADMAGIC);
	assert_int_equal(exercise(b.p, 8), FDT_ERR_BADMAGIC);	/* before the length checks */
	set_hdr(&b, FDTB_MAGIC, FDT_MAGIC);
	set_hdr(&b, FDTB_VERSION, 16);			/* no size_dt_struct */
	assert_int_equal(open_blob(&b), FDT_ERR_BADVERSION);
	set_hdr(&b, FDTB_VERSION, 17);
	set_hdr(&b, FDTB_LAST_COMP_VERSION, 18);		/* not readable as 17 */
	assert_int_equal(open_blob(&b), FDT_ERR_BADVERSION);
	set_hdr(&b, FDTB_VERSION, 18);
	set_hdr(&b, FDTB_LAST_COMP_VERSION, 16);		/* newer but compatible */
	assert_int_equal(open_blob(&b), 0);
	free(b.p);
}

/* Patch one header field of a good blob and expect `err`. */
static void expect_patched(int field, uint32_t v, int err)
{
	struct blob b = good_blob();

	set_hdr(&b, field, v);
	if (exercise(b.p, b.n) != err)
		fail_msg("header field at %d = 0x%x: got %d (%s), want %d (%s)", field, (unsigned)v,
			 open_blob(&b), fdt_strerror(open_blob(&b)), err, fdt_strerror(err));
	free(b.p);
}

static void test_bad_layout(void **state)
{
	struct blob b = good_blob();
	uint32_t tot = hdr(&b, FDTB_TOTALSIZE), st = hdr(&b, FDTB_OFF_DT_STRUCT);
	uint32_t sst = hdr(&b, FDTB_SIZE_DT_STRUCT), str = hdr(&b, FDTB_OFF_DT_STRINGS);
	uint32_t sstr = hdr(&b, FDTB_SIZE_DT_STRINGS);

	(void)state;
	free(b.p);
	expect_patched(FDTB_TOTALSIZE, 0, FDT_ERR_BADLAYOUT);
	expect_patched(FDTB_TOTALSIZE, FDT_HEADER_SIZE - 1, FDT_ERR_BADLAYOUT);
	expect_patched(FDTB_TOTALSIZE, tot - 1, FDT_ERR_BADLAYOUT);	/* strings cut */
	/* struct block: outside the blob, inside the header, misaligned */
	expect_patched(FDTB_OFF_DT_STRUCT, tot, FDT_ERR_BADLAYOUT);
	expect_patched(FDTB_OFF_DT_STRUCT, 0, FDT_ERR_BADLAYOUT);
	expect_patched(FDTB_OFF_DT_STRUCT, st + 2, FDT_ERR_BADLAYOUT);
	expect_patched(FDTB_OFF_DT_STRUCT, 0xfffffffc, FDT_ERR_BADLAYOUT);
	expect_patched(FDTB_SIZE_DT_STRUCT, sst + 4, FDT_ERR_BADLAYOUT);	/* overlaps strings */
	expect_patched(FDTB_SIZE_DT_STRUCT, sst - 2, FDT_ERR_BADLAYOUT);	/* not whole tokens */
	expect_patched(FDTB_SIZE_DT_STRUCT, 0xfffffffc, FDT_ERR_BADLAYOUT);	/* huge */
	/* strings block: past the end, wrapping around 2^32, overlapping */
	expect_patched(FDTB_OFF_DT_STRINGS, tot - sstr + 1, FDT_ERR_BADLAYOUT);
	expect_patched(FDTB_OFF_DT_STRINGS, 0xfffffff0, FDT_ERR_BADLAYOUT);
	expect_patched(FDTB_SIZE_DT_STRINGS, 0xffffffff, FDT_ERR_BADLAYOUT);
	expect_patched(FDTB_OFF_DT_STRINGS, st, FDT_ERR_BADLAYOUT);
	expect_patched(FDTB_OFF_DT_STRINGS, str - 4, FDT_ERR_BADLAYOUT);
	expect_patched(FDTB_OFF_DT_STRINGS, 8, FDT_ERR_BADLAYOUT);
	/* reservation map: misaligned, in the header, unterminated, overlapping */
	expect_patched(FDTB_OFF_MEM_RSVMAP, 44, FDT_ERR_BADLAYOUT);
	expect_patched(FDTB_OFF_MEM_RSVMAP, 0, FDT_ERR_BADLAYOUT);
	expect_patched(FDTB_OFF_MEM_RSVMAP, tot & ~7u, FDT_ERR_BADLAYOUT);
	expect_patched(FDTB_OFF_MEM_RSVMAP, 0xfffffff8, FDT_ERR_BADLAYOUT);
	expect_patched(FDTB_OFF_MEM_RSVMAP, st, FDT_ERR_BADLAYOUT);
	expect_patched(FDTB_OFF_MEM_RSVMAP, st - 8, FDT_ERR_BADLAYOUT);	/* runs into struct */
}

/* ------------------------------------------------ malformed struct block */

/* Build with `body` between a root BEGIN_NODE and finish (no root END). */
static int struct_err(void (*body)(struct fdtb *))
{
	struct blob b;
	int err;

	fdtb_init(&tb);
	body(&tb);
	b = finish();
	err = exercise(b.p, b.n);
	free(b.p);
	return err;
}

static void s_ok(struct fdtb *b)		{ fdtb_begin(b, ""); fdtb_end(b); }
static void s_empty(struct fdtb *b)		{ (void)b; }
static void s_nop_first(struct fdtb *b)		{ fdtb_nop(b); s_ok(b); }
static void s_prop_first(struct fdtb *b)	{ fdtb_prop_u32(b, "x", 1); s_ok(b); }
static void s_end_node_first(struct fdtb *b)	{ fdtb_end(b); s_ok(b); }
static void s_no_root_end(struct fdtb *b)	{ fdtb_begin(b, ""); fdtb_begin(b, "a"); fdtb_end(b); }
static void s_extra_end(struct fdtb *b)		{ s_ok(b); fdtb_end(b); }
static void s_two_roots(struct fdtb *b)		{ s_ok(b); s_ok(b); }
static void s_prop_after_root(struct fdtb *b)	{ s_ok(b); fdtb_prop_u32(b, "x", 1); }
static void s_unknown_token(struct fdtb *b)	{ fdtb_begin(b, ""); fdtb_word(b, 5); fdtb_end(b); }
static void s_zero_token(struct fdtb *b)	{ fdtb_begin(b, ""); fdtb_word(b, 0); fdtb_end(b); }
static void s_nop_around(struct fdtb *b)	{ fdtb_begin(b, ""); fdtb_nop(b); fdtb_end(b); fdtb_nop(b); }
static void s_prop_after_child(struct fdtb *b)
{
	fdtb_begin(b, "");
	fdtb_begin(b, "a");
	fdtb_end(b);
	fdtb_prop_u32(b, "x", 1);
	fdtb_end(b);
}
static void s_props_then_children(struct fdtb *b)
{
	fdtb_begin(b, "");
	fdtb_prop_u32(b, "x", 1);
	fdtb_begin(b, "a");
	fdtb_prop_u32(b, "y", 1);
	fdtb_end(b);
	fdtb_begin(b, "b");
	fdtb_end(b);
	fdtb_end(b);
}

static void test_unbalanced(void **state)
{
	(void)state;
	assert_int_equal(struct_err(s_ok), 0);
	assert_int_equal(struct_err(s_nop_around), 0);
	assert_int_equal(struct_err(s_props_then_children), 0);
	assert_int_equal(struct_err(s_empty), FDT_ERR_BADSTRUCT);	/* just FDT_END */
	assert_int_equal(struct_err(s_nop_first), FDT_ERR_BADSTRUCT);	/* root must be at 0 */
	assert_int_equal(struct_err(s_prop_first), FDT_ERR_BADSTRUCT);
	assert_int_equal(struct_err(s_end_node_first), FDT_ERR_BADSTRUCT);
	assert_int_equal(struct_err(s_no_root_end), FDT_ERR_BADSTRUCT);	/* FDT_END in a node */
	assert_int_equal(struct_err(s_extra_end), FDT_ERR_BADSTRUCT);
	assert_int_equal(struct_err(s_two_roots), FDT_ERR_BADSTRUCT);
	assert_int_equal(struct_err(s_prop_after_root), FDT_ERR_BADSTRUCT);
	assert_int_equal(struct_err(s_prop_after_child), FDT_ERR_BADSTRUCT);
	assert_int_equal(struct_err(s_unknown_token), FDT_ERR_BADSTRUCT);
	assert_int_equal(struct_err(s_zero_token), FDT_ERR_BADSTRUCT);
}

static void test_no_fdt_end(void **state)
{
	struct blob b = good_blob();
	size_t end = hdr(&b, FDTB_OFF_DT_STRUCT) + hdr(&b, FDTB_SIZE_DT_STRUCT) - 4;

	(void)state;
	assert_int_equal(fdtb_get32(b.p, end), FDT_END);
	fdtb_put32(b.p, end, FDT_NOP);		/* the block just stops */
	assert_int_equal(exercise(b.p, b.n), FDT_ERR_BADSTRUCT);
	fdtb_put32(b.p, end, FDT_END_NODE);
	assert_int_equal(exercise(b.p, b.n), FDT_ERR_BADSTRUCT);
	/* a size_dt_struct that stops before FDT_END */
	fdtb_put32(b.p, end, FDT_END);
	set_hdr(&b, FDTB_SIZE_DT_STRUCT, hdr(&b, FDTB_SIZE_DT_STRUCT) - 4);
	assert_int_equal(exercise(b.p, b.n), FDT_ERR_BADSTRUCT);
	free(b.p);
}

static void test_names_without_nul(void **state)
{
	struct blob b;
	size_t end;

	(void)state;
	/* a node name that runs into the end of the struct block */
	fdtb_init(&tb);
	fdtb_begin(&tb, "");
	fdtb_word(&tb, FDT_BEGIN_NODE);
	fdtb_word(&tb, 0x61626364);		/* "abcd" and no NUL up to the end */
	b = finish();
	end = hdr(&b, FDTB_OFF_DT_STRUCT) + hdr(&b, FDTB_SIZE_DT_STRUCT) - 4;
	fdtb_put32(b.p, end, 0x65666768);	/* overwrite FDT_END with "efgh" */
	assert_int_equal(exercise(b.p, b.n), FDT_ERR_BADSTRUCT);
	free(b.p);

	/* a property name at the end of the strings block, its NUL cut off */
	b = good_blob();
	set_hdr(&b, FDTB_SIZE_DT_STRINGS, hdr(&b, FDTB_SIZE_DT_STRINGS) - 1);
	assert_int_equal(exercise(b.p, b.n), FDT_ERR_BADSTRUCT);
	free(b.p);

	/* nameoff outside the strings block: the root's first property */
	b = good_blob();
	fdtb_put32(b.p, hdr(&b, FDTB_OFF_DT_STRUCT) + 16, hdr(&b, FDTB_SIZE_DT_STRINGS));
	assert_int_equal(exercise(b.p, b.n), FDT_ERR_BADSTRUCT);
	fdtb_put32(b.p, hdr(&b, FDTB_OFF_DT_STRUCT) + 16, 0xffffffff);
	assert_int_equal(exercise(b.p, b.n), FDT_ERR_BADSTRUCT);
	free(b.p);
}

static void test_prop_len_past_end(void **state)
{
	struct blob b = good_blob();
	size_t lenoff = hdr(&b, FDTB_OFF_DT_STRUCT) + 12;	/* root's first FDT_PROP len */
	uint32_t sst = hdr(&b, FDTB_SIZE_DT_STRUCT);

	(void)state;
	assert_int_equal(fdtb_get32(b.p, lenoff - 4), FDT_PROP);
	fdtb_put32(b.p, lenoff, 0xffffffff);
	assert_int_equal(exercise(b.p, b.n), FDT_ERR_BADSTRUCT);
	fdtb_put32(b.p, lenoff, 0xfffffffd);	/* wraps when padded */
	assert_int_equal(exercise(b.p, b.n), FDT_ERR_BADSTRUCT);
	fdtb_put32(b.p, lenoff, sst - 20 + 1);	/* one byte past the block */
	assert_int_equal(exercise(b.p, b.n), FDT_ERR_BADSTRUCT);
	fdtb_put32(b.p, lenoff, sst - 20);	/* to the very end: swallows FDT_END */
	assert_int_equal(exercise(b.p, b.n), FDT_ERR_BADSTRUCT);
	free(b.p);
}

static void nest(struct fdtb *b, int levels)
{
	int i;

	fdtb_begin(b, "");
	for (i = 0; i < levels; i++)
		fdtb_begin(b, "n");
	for (i = 0; i <= levels; i++)
		fdtb_end(b);
}

static void test_too_deep(void **state)
{
	char path[2 * FDT_MAX_DEPTH + 1];
	struct blob b;
	struct fdt f;
	int node, depth = 0, max = 0, i;

	(void)state;
	fdtb_init(&tb);
	nest(&tb, FDT_MAX_DEPTH);		/* deepest node at depth 32: accepted */
	b = finish();
	assert_int_equal(fdt_open(&f, b.p, b.n), 0);
	for (node = 0; node >= 0; node = fdt_next_node(&f, node, &depth))
		max = depth > max ? depth : max;
	assert_int_equal(max, FDT_MAX_DEPTH);
	for (i = 0; i < FDT_MAX_DEPTH; i++)
		memcpy(path + 2 * i, "/n", 2);
	path[2 * FDT_MAX_DEPTH] = '\0';
	assert_true(fdt_path_offset(&f, path) > 0);
	free(b.p);

	fdtb_init(&tb);
	nest(&tb, FDT_MAX_DEPTH + 1);
	b = finish();
	assert_int_equal(exercise(b.p, b.n), FDT_ERR_TOODEEP);
	free(b.p);

	fdtb_init(&tb);
	nest(&tb, 3000);
	b = finish();
	assert_int_equal(exercise(b.p, b.n), FDT_ERR_TOODEEP);
	free(b.p);
}

/* ----------------------------------------------- exhaustive truncations */

static void test_every_prefix(void **state)
{
	struct blob b = good_blob();

	(void)state;
	check_prefixes(&b);
	free(b.p);
}

static void test_every_byte_corrupted(void **state)
{
	static const uint8_t xors[] = { 0x01, 0x02, 0x04, 0x08, 0x10, 0x80, 0xff, 0x0d };
	struct blob b = good_blob();

	(void)state;
	check_corruptions(&b, xors, (int)sizeof(xors));
	free(b.p);
}


int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_be32_cells),
		cmocka_unit_test(test_strerror),
		cmocka_unit_test(test_totalsize),
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_subnode_and_path),
		cmocka_unit_test(test_getprop),
		cmocka_unit_test(test_bad_node_offsets),
		cmocka_unit_test(test_mem_rsv),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_bad_magic_version),
		cmocka_unit_test(test_bad_layout),
		cmocka_unit_test(test_unbalanced),
		cmocka_unit_test(test_no_fdt_end),
		cmocka_unit_test(test_names_without_nul),
		cmocka_unit_test(test_prop_len_past_end),
		cmocka_unit_test(test_too_deep),
		cmocka_unit_test(test_every_prefix),
		cmocka_unit_test(test_every_byte_corrupted),
		cmocka_unit_test(test_real_virt),
		cmocka_unit_test(test_real_virt_hyp),
		cmocka_unit_test(test_real_fuzz),
	};

	if (argc != 3)
		fprintf(stderr, "usage: %s VIRT_DTB VIRT_HYP_DTB (the real-DTB tests fail without them)\n",
			argv[0]);
	dtb_path[0] = argc > 1 ? argv[1] : NULL;
	dtb_path[1] = argc > 2 ? argv[2] : NULL;
	return cmocka_run_group_tests_name("fdt", tests, NULL, NULL);
}
