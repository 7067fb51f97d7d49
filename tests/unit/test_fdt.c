/* Unit tests for drivers/fdt.c (the blob reader) and kernel/board.c (what
 * vmsplit reads from the DTB).
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
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "board.h"
#include "capture.h"
#include "fdt.h"
#include "fdt_builder.h"

#define BOOTARGS	"mem=512M vmalloc=256M"	/* the -append of the real DTBs */

static const char *dtb_path[2];		/* argv: VIRT_DTB, VIRT_HYP_DTB */
static struct fdtb B;
static uint8_t out[FDTB_MAX_STRUCT + FDTB_MAX_STRINGS + 1024];

#define PROP_CELLS(b, name, ...) \
	fdtb_prop_cells(b, name, (int)(sizeof((const uint32_t[]){ __VA_ARGS__ }) / 4), \
			(const uint32_t[]){ __VA_ARGS__ })
#define PROP_LIT(b, name, lit)	fdtb_prop(b, name, lit, sizeof(lit))

/* ---------------------------------------------------------------- helpers */

struct blob {
	uint8_t *p;
	size_t n;
};

/* A heap copy of exactly n bytes: ASan flags any read past it. */
static struct blob copy_exact(const void *p, size_t n)
{
	struct blob b = { malloc(n ? n : 1), n };

	assert_non_null(b.p);
	memcpy(b.p, p, n);
	return b;
}

static struct blob finish(void)
{
	size_t n = fdtb_finish(&B, out, sizeof(out));

	return copy_exact(out, n);
}

static uint32_t hdr(const struct blob *b, int field)
{
	return fdtb_get32(b->p, (size_t)field);
}

static void set_hdr(struct blob *b, int field, uint32_t v)
{
	fdtb_put32(b->p, (size_t)field, v);
}

static int open_blob(const struct blob *b)
{
	struct fdt f;

	return fdt_open(&f, b->p, b->n);
}

static void add_pl011(struct fdtb *b, const char *name, uint32_t base)
{
	fdtb_begin(b, name);
	PROP_LIT(b, "compatible", "arm,pl011\0arm,primecell");
	PROP_CELLS(b, "reg", 0, base, 0, 0x1000);
	fdtb_end(b);
}

static void add_gic(struct fdtb *b)
{
	fdtb_begin(b, "intc@8000000");
	PROP_LIT(b, "compatible", "arm,cortex-a15-gic");
	PROP_CELLS(b, "reg", 0, 0x08000000, 0, 0x10000, 0, 0x08010000, 0, 0x10000);
	fdtb_prop_u32(b, "#address-cells", 2);
	fdtb_prop_u32(b, "#size-cells", 2);
	fdtb_prop(b, "ranges", "", 0);
	fdtb_begin(b, "v2m@8020000");
	PROP_LIT(b, "compatible", "arm,gic-v2m-frame");
	PROP_CELLS(b, "reg", 0, 0x08020000, 0, 0x1000);
	fdtb_end(b);
	fdtb_end(b);
}

static void add_memory(struct fdtb *b, const char *name, uint32_t base, uint32_t size)
{
	fdtb_begin(b, name);
	fdtb_prop_str(b, "device_type", "memory");
	PROP_CELLS(b, "reg", 0, base, 0, size);
	fdtb_end(b);
}

static void add_psci(struct fdtb *b, const char *method)
{
	fdtb_begin(b, "psci");
	PROP_LIT(b, "compatible", "arm,psci-1.0\0arm,psci-0.2\0arm,psci");
	fdtb_prop_str(b, "method", method);
	fdtb_end(b);
}

/* Root with #address-cells = #size-cells = 2 and a model, left open. */
static void begin_root(struct fdtb *b)
{
	fdtb_init(b);
	fdtb_begin(b, "");
	fdtb_prop_str(b, "model", "vmsplit,test");
	fdtb_prop_u32(b, "#address-cells", 2);
	fdtb_prop_u32(b, "#size-cells", 2);
}

/* A virt-like tree: two memory nodes, two PL011s with stdout-path going
 * through an alias with options, a GIC with a child, NOPs, memreserves. */
static void build_good(struct fdtb *b)
{
	begin_root(b);
	fdtb_rsv(b, 0x48000000, 0x100000);
	fdtb_rsv(b, 0x4f000000, 0x2000);
	fdtb_nop(b);
	PROP_LIT(b, "compatible", "linux,dummy-virt");
	fdtb_begin(b, "aliases");
	fdtb_prop_str(b, "serial0", "/pl011@9040000");
	fdtb_end(b);
	add_psci(b, "hvc");
	add_memory(b, "memory@40000000", 0x40000000, 0x20000000);
	add_memory(b, "memory@80000000", 0x80000000, 0x10000000);
	add_pl011(b, "pl011@9000000", 0x09000000);
	add_pl011(b, "pl011@9040000", 0x09040000);
	add_gic(b);
	fdtb_begin(b, "cpus");
	fdtb_prop_u32(b, "#address-cells", 1);
	fdtb_prop_u32(b, "#size-cells", 0);
	fdtb_begin(b, "cpu@0");
	fdtb_nop(b);
	fdtb_prop_str(b, "device_type", "cpu");
	fdtb_prop_u32(b, "reg", 0);
	fdtb_end(b);
	fdtb_end(b);
	fdtb_begin(b, "chosen");
	fdtb_prop_str(b, "bootargs", "console=ttyAMA0 root=/dev/vda");
	fdtb_prop_str(b, "stdout-path", "serial0:115200n8");
	fdtb_end(b);
	fdtb_end(b);
}

static struct blob good_blob(void)
{
	build_good(&B);
	return finish();
}

static bool said(const char *line)
{
	return strstr(captured(), line) != NULL;
}

static int count_lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static int count_said(const char *text)
{
	int n = 0;

	for (const char *p = captured(); (p = strstr(p, text)); p++)
		n++;
	return n;
}

#define assert_said(line) do { \
	if (!said(line)) \
		fail_msg("expected \"%s\" in the output:\n%s", line, captured()); \
} while (0)

static void parse_ok(const struct blob *b, struct board_info *bi)
{
	capture_reset();
	assert_int_equal(board_from_fdt(bi, b->p, b->n), 0);
}

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
	begin_root(&B);
	fdtb_begin(&B, "memoryx");
	fdtb_end(&B);
	fdtb_begin(&B, "mem@1");
	fdtb_end(&B);
	add_memory(&B, "memory@40000000", 0x40000000, 0x1000);
	add_memory(&B, "memory@80000000", 0x80000000, 0x1000);
	fdtb_begin(&B, "chosen");
	fdtb_end(&B);
	fdtb_begin(&B, "a");
	fdtb_begin(&B, "b@1");
	fdtb_begin(&B, "c");
	fdtb_end(&B);
	fdtb_end(&B);
	fdtb_end(&B);
	fdtb_end(&B);
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
	begin_root(&B);
	fdtb_nop(&B);
	fdtb_prop(&B, "empty", "", 0);
	fdtb_nop(&B);
	PROP_LIT(&B, "compatible", "vendor,board-v2\0vendor,board");
	fdtb_begin(&B, "dev");
	PROP_LIT(&B, "compatible", "arm,pl011x\0arm,pl011\0x");
	fdtb_end(&B);
	fdtb_begin(&B, "unterminated");
	fdtb_prop(&B, "compatible", "arm,pl011", 9);	/* no NUL */
	fdtb_end(&B);
	fdtb_end(&B);
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
	begin_root(&B);
	fdtb_rsv(&B, 0x48000000, 0x100000);
	fdtb_rsv(&B, 0x123456789ull, 0x1000);
	fdtb_rsv(&B, 0, 0x1000);		/* address 0 alone is not the terminator */
	fdtb_end(&B);
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

	fdtb_init(&B);
	body(&B);
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
	fdtb_init(&B);
	fdtb_begin(&B, "");
	fdtb_word(&B, FDT_BEGIN_NODE);
	fdtb_word(&B, 0x61626364);		/* "abcd" and no NUL up to the end */
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
	fdtb_init(&B);
	nest(&B, FDT_MAX_DEPTH);		/* deepest node at depth 32: accepted */
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

	fdtb_init(&B);
	nest(&B, FDT_MAX_DEPTH + 1);
	b = finish();
	assert_int_equal(exercise(b.p, b.n), FDT_ERR_TOODEEP);
	free(b.p);

	fdtb_init(&B);
	nest(&B, 3000);
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

/* ------------------------------------------------------------ board.c */

static void test_board_good(void **state)
{
	struct blob b = good_blob();
	struct board_info bi;

	(void)state;
	parse_ok(&b, &bi);
	/* The test tree has no timer: said, since there will be no tick. */
	assert_string_equal(captured(), "DT: no arm,armv7-timer node; no tick\n");
	assert_string_equal(bi.model, "vmsplit,test");
	assert_int_equal(bi.nr_mem, 2);			/* two memory nodes */
	assert_int_equal(bi.mem[0].base, 0x40000000);
	assert_int_equal(bi.mem[0].size, 0x20000000);
	assert_int_equal(bi.mem[1].base, 0x80000000);
	assert_int_equal(bi.mem[1].size, 0x10000000);
	assert_true(bi.have_uart);			/* serial0 alias, not the first PL011 */
	assert_int_equal(bi.uart_base, 0x09040000);
	assert_int_equal(bi.uart_size, 0x1000);
	assert_int_equal(bi.uart_irq, 0);		/* no "interrupts": polled */
	assert_int_equal(bi.timer_irq, 0);
	assert_true(bi.have_gic);
	assert_int_equal(bi.gic_dist_base, 0x08000000);
	assert_int_equal(bi.gic_cpu_base, 0x08010000);
	assert_int_equal(bi.gic_cpu_size, 0x10000);
	assert_int_equal(bi.psci, PSCI_HVC);
	assert_string_equal(bi.bootargs, "console=ttyAMA0 root=/dev/vda");
	assert_true(bi.bootargs > (const char *)b.p && bi.bootargs < (const char *)b.p + b.n);
	assert_int_equal(bi.nr_rsv, 2);
	assert_int_equal(bi.rsv[0].base, 0x48000000);
	assert_int_equal(bi.rsv[0].size, 0x100000);
	assert_int_equal(bi.rsv[1].base, 0x4f000000);
	assert_int_equal(bi.rsv[1].size, 0x2000);
	free(b.p);
}

static void test_board_bad_blob(void **state)
{
	struct blob b = good_blob();
	struct board_info bi;

	(void)state;
	b.p[0] = 0;
	memset(&bi, 0x5a, sizeof(bi));
	capture_reset();
	assert_int_equal(board_from_fdt(&bi, b.p, b.n), FDT_ERR_BADMAGIC);
	assert_int_equal(count_lines(captured()), 1);
	assert_said("DT: bad device tree blob at ");
	assert_said(fdt_strerror(FDT_ERR_BADMAGIC));
	assert_false(bi.have_uart);			/* cleared */
	assert_int_equal(bi.nr_mem, 0);
	assert_null(bi.bootargs);
	free(b.p);
}

/* The line for a refused blob carries the header fields judged. */
static void bad_blob_case(int field, uint32_t v, size_t avail_cut, int err, const char *line)
{
	struct blob b = good_blob();
	struct board_info bi;

	if (field >= 0)
		set_hdr(&b, field, v);
	capture_reset();
	assert_int_equal(board_from_fdt(&bi, b.p, b.n - avail_cut), err);
	assert_int_equal(count_lines(captured()), 1);
	assert_said(fdt_strerror(err));
	assert_said(line);
	free(b.p);
}

static void test_board_bad_blob_details(void **state)
{
	struct blob b = good_blob();
	char line[128];

	(void)state;
	snprintf(line, sizeof(line), ": totalsize 0x%x, 0x%x bytes readable\n", (unsigned)b.n, (unsigned)b.n - 4);
	bad_blob_case(-1, 0, 4, FDT_ERR_TRUNCATED, line);
	bad_blob_case(FDTB_TOTALSIZE, 0xfffffff0, 0, FDT_ERR_TRUNCATED, ": totalsize 0xfffffff0, ");
	bad_blob_case(FDTB_LAST_COMP_VERSION, 18, 0, FDT_ERR_BADVERSION, ": version 17, last_comp_version 18\n");
	snprintf(line, sizeof(line), ": totalsize 0x%x, struct 0x%x (+0x%x), strings 0x%x (+0x%x), memreserve 0x%x\n",
		 (unsigned)b.n, hdr(&b, FDTB_OFF_DT_STRUCT), hdr(&b, FDTB_SIZE_DT_STRUCT),
		 hdr(&b, FDTB_OFF_DT_STRUCT), hdr(&b, FDTB_SIZE_DT_STRINGS), hdr(&b, FDTB_OFF_MEM_RSVMAP));
	bad_blob_case(FDTB_OFF_DT_STRINGS, hdr(&b, FDTB_OFF_DT_STRUCT), 0, FDT_ERR_BADLAYOUT, line);
	bad_blob_case(FDTB_TOTALSIZE, 16, 0, FDT_ERR_BADLAYOUT, ": totalsize 0x10, ");
	/* no header to quote: just the reason */
	bad_blob_case(FDTB_MAGIC, 0xdeadbeef, 0, FDT_ERR_BADMAGIC, "bad magic (not a device tree blob)\n");
	bad_blob_case(-1, 0, b.n - 20, FDT_ERR_TRUNCATED, "past the end of the buffer)\n");
	free(b.p);
}

/* Root #address-cells = #size-cells = 1, devices under a 1:1 bus. */
static void test_board_one_cell(void **state)
{
	struct blob b;
	struct board_info bi;

	(void)state;
	fdtb_init(&B);
	fdtb_begin(&B, "");
	fdtb_prop_u32(&B, "#address-cells", 1);
	fdtb_prop_u32(&B, "#size-cells", 1);
	fdtb_begin(&B, "memory");
	fdtb_prop_str(&B, "device_type", "memory");
	PROP_CELLS(&B, "reg", 0x40000000, 0x10000000, 0x60000000, 0x01000000);
	fdtb_end(&B);
	fdtb_begin(&B, "soc");
	fdtb_prop_u32(&B, "#address-cells", 1);
	fdtb_prop_u32(&B, "#size-cells", 1);
	fdtb_prop(&B, "ranges", "", 0);
	fdtb_begin(&B, "serial@1c090000");
	PROP_LIT(&B, "compatible", "arm,pl011\0arm,primecell");
	PROP_CELLS(&B, "reg", 0x1c090000, 0x1000);
	fdtb_end(&B);
	fdtb_begin(&B, "interrupt-controller@2c001000");
	PROP_LIT(&B, "compatible", "arm,cortex-a15-gic");
	PROP_CELLS(&B, "reg", 0x2c001000, 0x1000, 0x2c002000, 0x2000);
	fdtb_end(&B);
	fdtb_end(&B);
	fdtb_begin(&B, "chosen");
	fdtb_end(&B);
	fdtb_end(&B);
	b = finish();
	parse_ok(&b, &bi);
	assert_int_equal(bi.nr_mem, 2);
	assert_int_equal(bi.mem[0].base, 0x40000000);
	assert_int_equal(bi.mem[0].size, 0x10000000);
	assert_int_equal(bi.mem[1].base, 0x60000000);
	assert_int_equal(bi.mem[1].size, 0x01000000);
	assert_true(bi.have_uart);
	assert_int_equal(bi.uart_base, 0x1c090000);
	assert_int_equal(bi.uart_size, 0x1000);
	assert_true(bi.have_gic);
	assert_int_equal(bi.gic_dist_base, 0x2c001000);
	assert_int_equal(bi.gic_cpu_base, 0x2c002000);
	assert_int_equal(bi.gic_cpu_size, 0x2000);
	/* and everything that is missing is said */
	assert_string_equal(bi.model, "");
	assert_said("DT: no /model\n");
	assert_said("DT: no usable /chosen/stdout-path, using the first PL011\n");
	assert_said("DT: no /psci node\n");
	assert_said("DT: no /chosen/bootargs\n");
	assert_int_equal(bi.psci, PSCI_NONE);
	assert_null(bi.bootargs);
	free(b.p);
}

/* No #address-cells/#size-cells at the root: 2 and 1 (DT spec 2.3.5). */
static void test_board_default_cells(void **state)
{
	struct blob b;
	struct board_info bi;

	(void)state;
	fdtb_init(&B);
	fdtb_begin(&B, "");
	fdtb_begin(&B, "memory@40000000");
	fdtb_prop_str(&B, "device_type", "memory");
	PROP_CELLS(&B, "reg", 0, 0x40000000, 0x8000000, 0x1, 0x0, 0x1000);
	fdtb_end(&B);
	fdtb_begin(&B, "uart");
	PROP_LIT(&B, "compatible", "arm,pl011");
	PROP_CELLS(&B, "reg", 0, 0x09000000, 0x1000);
	fdtb_end(&B);
	fdtb_end(&B);
	b = finish();
	parse_ok(&b, &bi);
	assert_int_equal(bi.nr_mem, 2);
	assert_int_equal(bi.mem[0].base, 0x40000000);
	assert_int_equal(bi.mem[0].size, 0x8000000);
	assert_int_equal(bi.mem[1].base, 0x100000000ull);
	assert_int_equal(bi.mem[1].size, 0x1000);
	assert_int_equal(bi.uart_base, 0x09000000);
	assert_said("DT: no /chosen node (no bootargs, no stdout-path)\n");
	assert_said("DT: no GIC (arm,cortex-a15-gic)\n");
	free(b.p);
}

static void test_board_memory_edge_cases(void **state)
{
	struct blob b;
	struct board_info bi;

	(void)state;
	begin_root(&B);
	fdtb_begin(&B, "memory@0");			/* no device_type: not memory */
	PROP_CELLS(&B, "reg", 0, 0, 0, 0x1000);
	fdtb_end(&B);
	fdtb_begin(&B, "memory@100000000");
	fdtb_prop_str(&B, "device_type", "memory");
	PROP_CELLS(&B, "reg", 1, 0, 0, 0,		/* empty, above 4 GB */
		   0, 0x40000000, 0, 0,			/* empty, below */
		   0, 0x40000000, 0, 0x1000,
		   0xffffffff, 0xfffff000, 0, 0x2000);	/* wraps */
	fdtb_end(&B);
	fdtb_begin(&B, "memory@200000000");
	fdtb_prop_str(&B, "device_type", "memory");
	PROP_CELLS(&B, "reg", 2, 0, 0, 0x1000, 0);	/* not whole pairs */
	fdtb_end(&B);
	fdtb_begin(&B, "memory@300000000");
	fdtb_prop_str(&B, "device_type", "memory");
	PROP_CELLS(&B, "reg", 3, 0x00000000, 0, 0x1000, 3, 0x10000000, 0, 0x1000, 3, 0x20000000, 0, 0x1000,
			   3, 0x30000000, 0, 0x1000, 3, 0x40000000, 0, 0x1000, 3, 0x50000000, 0, 0x1000,
			   3, 0x60000000, 0, 0x1000, 3, 0x70000000, 0, 0x1000, 3, 0x80000000, 0, 0x1000);
	fdtb_end(&B);
	fdtb_end(&B);
	b = finish();
	parse_ok(&b, &bi);
	assert_int_equal(bi.nr_mem, BOARD_MAX_MEM);
	assert_int_equal(bi.mem[0].base, 0x40000000);
	assert_int_equal(bi.mem[0].size, 0x1000);
	assert_int_equal(bi.mem[1].base, 0x300000000ull);
	assert_int_equal(bi.mem[7].base, 0x360000000ull);
	assert_said("DT: memory@100000000: skipping empty memory range at 0x100000000\n");
	assert_said("DT: memory@100000000: skipping empty memory range at 0x40000000\n");
	assert_said("DT: memory@100000000: memory range 0xfffffffffffff000 size 0x00002000 wraps around, skipped\n");
	assert_said("DT: memory@200000000: reg missing or not (base, size) pairs, skipped\n");
	assert_said("DT: more than 8 memory ranges, dropping 0x370000000 size 0x00001000 and any after it\n");
	assert_false(said("DT: no memory node"));
	free(b.p);
}

static void test_board_memory_without_device_type(void **state)
{
	struct blob b;
	struct board_info bi;

	(void)state;
	begin_root(&B);
	fdtb_begin(&B, "memory@40000000");
	PROP_CELLS(&B, "reg", 0, 0x40000000, 0, 0x40000000);
	fdtb_end(&B);
	fdtb_begin(&B, "ram");
	fdtb_prop_str(&B, "device_type", "memoryx");
	PROP_CELLS(&B, "reg", 0, 0x40000000, 0, 0x40000000);
	fdtb_end(&B);
	fdtb_end(&B);
	b = finish();
	parse_ok(&b, &bi);
	assert_int_equal(bi.nr_mem, 0);
	assert_said("DT: no memory node\n");
	assert_said("DT: no PL011 UART\n");
	assert_false(bi.have_uart);
	free(b.p);

	begin_root(&B);
	fdtb_begin(&B, "memory@40000000");
	fdtb_prop_str(&B, "device_type", "memory");
	PROP_CELLS(&B, "reg", 0, 0x40000000, 0, 0);
	fdtb_end(&B);
	fdtb_end(&B);
	b = finish();
	parse_ok(&b, &bi);
	assert_int_equal(bi.nr_mem, 0);
	assert_said("DT: no usable memory range\n");
	free(b.p);
}

/* stdout-path: a path with options, an alias, and the ways it can fail. */
static void stdout_case(const char *stdout_path, bool with_aliases, uint64_t want, const char *msg)
{
	struct blob b;
	struct board_info bi;

	begin_root(&B);
	if (with_aliases) {
		fdtb_begin(&B, "aliases");
		fdtb_prop_str(&B, "serial0", "/pl011@9000000");
		fdtb_prop_str(&B, "serial1", "/pl011@9040000");
		fdtb_prop_str(&B, "rtc", "/pl031@9010000");
		fdtb_prop(&B, "bad", "/pl011@9040000", 14);	/* no NUL */
		fdtb_end(&B);
	}
	add_pl011(&B, "pl011@9000000", 0x09000000);
	fdtb_begin(&B, "pl031@9010000");
	PROP_LIT(&B, "compatible", "arm,pl031\0arm,primecell");
	PROP_CELLS(&B, "reg", 0, 0x09010000, 0, 0x1000);
	fdtb_end(&B);
	add_pl011(&B, "pl011@9040000", 0x09040000);
	fdtb_begin(&B, "chosen");
	if (stdout_path)
		fdtb_prop_str(&B, "stdout-path", stdout_path);
	fdtb_end(&B);
	fdtb_end(&B);
	b = finish();
	parse_ok(&b, &bi);
	assert_true(bi.have_uart);
	if (bi.uart_base != want)
		fail_msg("stdout-path \"%s\": UART 0x%llx, want 0x%llx", stdout_path ? stdout_path : "(none)",
			 (unsigned long long)bi.uart_base, (unsigned long long)want);
	if (msg)
		assert_said(msg);
	else
		assert_false(said("stdout-path"));
	free(b.p);
}

static void test_board_stdout_path(void **state)
{
	(void)state;
	stdout_case("/pl011@9040000", false, 0x09040000, NULL);
	stdout_case("/pl011@9040000:115200n8", false, 0x09040000, NULL);
	stdout_case("serial1:115200n8", true, 0x09040000, NULL);
	stdout_case("serial1", true, 0x09040000, NULL);
	stdout_case("serial0:115200n8", true, 0x09000000, NULL);
	stdout_case(NULL, false, 0x09000000, "DT: no usable /chosen/stdout-path, using the first PL011\n");
	stdout_case("serial1:115200n8", false, 0x09000000,
		    "DT: stdout-path alias \"serial1\" not in /aliases, using the first PL011\n");
	stdout_case("serial9", true, 0x09000000,
		    "DT: stdout-path alias \"serial9\" not in /aliases, using the first PL011\n");
	stdout_case("bad", true, 0x09000000,
		    "DT: stdout-path alias \"bad\" not in /aliases, using the first PL011\n");
	stdout_case("/pl011@9999999", false, 0x09000000,
		    "DT: stdout-path \"/pl011@9999999\" names no node, using the first PL011\n");
	stdout_case("rtc", true, 0x09000000,
		    "DT: stdout-path pl031@9010000 is not an arm,pl011, using the first PL011\n");
	stdout_case(":115200", false, 0x09000000,
		    "DT: /chosen/stdout-path empty or too long, using the first PL011\n");
}

static void test_board_missing_chosen(void **state)
{
	struct blob b;
	struct board_info bi;

	(void)state;
	begin_root(&B);
	add_memory(&B, "memory@40000000", 0x40000000, 0x10000000);
	add_pl011(&B, "pl011@9000000", 0x09000000);
	add_pl011(&B, "pl011@9040000", 0x09040000);
	add_gic(&B);
	add_psci(&B, "smc");
	fdtb_end(&B);
	b = finish();
	parse_ok(&b, &bi);
	assert_string_equal(captured(), "DT: no /chosen node (no bootargs, no stdout-path)\n"
					"DT: no arm,armv7-timer node; no tick\n");
	assert_null(bi.bootargs);
	assert_true(bi.have_uart);
	assert_int_equal(bi.uart_base, 0x09000000);
	assert_int_equal(bi.psci, PSCI_SMC);
	assert_true(bi.have_gic);
	assert_int_equal(bi.nr_rsv, 0);
	free(b.p);
}

/* "interrupts": the GIC's <type number flags>; a PL011 given a bad one
 * gets 0 (the console is then polled), nothing is read past the end. */
static void interrupts_case(int n, const uint32_t *cells, uint32_t uart_want,
			    uint32_t timer_want)
{
	static const uint32_t timer[] = { 1, 13, 0x104, 1, 14, 0x104, 1, 11, 0x104, 1, 10, 0x104 };
	struct blob b;
	struct board_info bi;

	begin_root(&B);
	add_memory(&B, "memory@40000000", 0x40000000, 0x10000000);
	fdtb_begin(&B, "pl011@9000000");
	PROP_LIT(&B, "compatible", "arm,pl011\0arm,primecell");
	fdtb_prop_cells(&B, "reg", 4, (const uint32_t[]){ 0, 0x09000000, 0, 0x1000 });
	fdtb_prop_cells(&B, "interrupts", n, cells);
	fdtb_end(&B);
	fdtb_begin(&B, "timer");
	PROP_LIT(&B, "compatible", "arm,armv7-timer");
	fdtb_prop_cells(&B, "interrupts", timer_want ? 12 : 6, timer);
	fdtb_end(&B);
	fdtb_end(&B);
	b = finish();
	parse_ok(&b, &bi);
	assert_int_equal(bi.uart_irq, uart_want);
	assert_int_equal(bi.timer_irq, timer_want);
	free(b.p);
}

static void test_board_interrupts(void **state)
{
	(void)state;
	interrupts_case(3, (const uint32_t[]){ 0, 1, 4 }, 33, 27);	/* SPI 1 */
	interrupts_case(3, (const uint32_t[]){ 1, 5, 4 }, 0, 27);	/* PPI 5: a CPU's own, not a PL011's */
	interrupts_case(3, (const uint32_t[]){ 2, 1, 4 }, 0, 27);	/* no such type */
	interrupts_case(3, (const uint32_t[]){ 1, 16, 4 }, 0, 27);	/* PPIs are 0-15 */
	interrupts_case(3, (const uint32_t[]){ 0, 988, 4 }, 0, 27);	/* past ID 1019 */
	interrupts_case(2, (const uint32_t[]){ 0, 1 }, 0, 0);		/* short; timer without a virtual entry */
}

/* qcom,memblock-remove: <start size> pairs in a "qcom,msm-mem-hole" node;
 * anything but whole pairs is refused with msm's warning; the property
 * in a node of another kind is not msm's and is ignored. */
static void holes_case(const char *compat, int n, const uint32_t *cells, const char *said,
		       int nr, uint64_t base0, uint64_t size0)
{
	struct blob b;
	struct board_info bi;

	begin_root(&B);
	add_memory(&B, "memory@40000000", 0x40000000, 0x40000000);
	fdtb_begin(&B, "qcom,msm-mem-hole");
	fdtb_prop_str(&B, "compatible", compat);
	fdtb_prop_cells(&B, "qcom,memblock-remove", n, cells);
	fdtb_end(&B);
	fdtb_end(&B);
	b = finish();
	parse_ok(&b, &bi);
	assert_non_null(strstr(captured(), said));
	assert_int_equal(bi.nr_holes, nr);
	if (nr) {
		assert_int_equal(bi.holes[0].base, base0);
		assert_int_equal(bi.holes[0].size, size0);
	}
	free(b.p);
}

static void test_board_memory_holes(void **state)
{
	static const uint32_t seed[] = { 0x45d00000, 0x7d00000, 0x4fa00000, 0x500000 };

	(void)state;
	holes_case("qcom,msm-mem-hole", 4, seed, "", 2, 0x45d00000, 0x7d00000);
	holes_case("qcom,msm-mem-hole", 3, seed, "Memory remove malformed\n", 0, 0, 0);
	holes_case("qcom,msm-mem-hole", 0, seed, "Memory remove malformed\n", 0, 0, 0);
	holes_case("vendor,other", 4, seed, "", 0, 0, 0);
}

/* A PL011 reg the console cannot use is refused with the reason, and the
 * next PL011 (if any) is tried instead of the same node twice. */
static void uart_reg_case(uint32_t hi, uint32_t base, uint32_t size, bool second, const char *why)
{
	struct blob b;
	struct board_info bi;

	begin_root(&B);
	add_memory(&B, "memory@40000000", 0x40000000, 0x40000000);
	fdtb_begin(&B, "pl011@bad");
	PROP_LIT(&B, "compatible", "arm,pl011\0arm,primecell");
	PROP_CELLS(&B, "reg", hi, base, 0, size);
	fdtb_end(&B);
	if (second)
		add_pl011(&B, "pl011@9040000", 0x09040000);
	fdtb_begin(&B, "chosen");
	fdtb_prop_str(&B, "stdout-path", "/pl011@bad");
	fdtb_end(&B);
	fdtb_end(&B);
	b = finish();
	parse_ok(&b, &bi);
	assert_said(why);
	assert_int_equal(bi.have_uart, second);
	assert_int_equal(bi.uart_base, second ? 0x09040000 : 0);
	if (!second)
		assert_said("DT: no PL011 UART\n");
	assert_int_equal(count_said("not used as the console"), 1);	/* not again as "the first PL011" */
	free(b.p);
}

static void test_board_uart_reg(void **state)
{
	(void)state;
	uart_reg_case(0, 0x09000000, 0, false,
		      "DT: pl011@bad: reg 0x09000000 (+0x00000000) is not a whole 4 KB PL011 register page; "
		      "not used as the console\n");
	uart_reg_case(0, 0x09000004, 0x1000, true,
		      "DT: pl011@bad: reg 0x09000004 (+0x00001000) is not a whole 4 KB PL011 register page; ");
	uart_reg_case(0, 0x40000000, 0x1000, false,
		      "DT: pl011@bad: reg 0x40000000 (+0x00001000) overlaps RAM; not used as the console\n");
	uart_reg_case(0, 0x09000000, 0x80000000, true, "DT: pl011@bad: reg 0x09000000 (+0x80000000) overlaps RAM; ");
	uart_reg_case(0, 0x7ffff000, 0x1000, false, "(+0x00001000) overlaps RAM; ");	/* RAM's last page */
	uart_reg_case(1, 0x09000000, 0x1000, true, "DT: pl011@bad: reg 0x109000000 (+0x00001000) is past 4 GB; ");
	uart_reg_case(0, 0xfffff000, 0x2000, false, "(+0x00002000) is past 4 GB; ");
	uart_reg_case(0xffffffff, 0xfffff000, 0x1000, false, "is past 4 GB; ");	/* base + size wraps */
}

/* Holes the boot cannot honour are dropped, each with its reason. */
static void hole_check_case(bool memory, int n, const uint32_t *cells, const char *said1,
			    int nr, uint64_t base0, uint64_t size0)
{
	struct blob b;
	struct board_info bi;

	begin_root(&B);
	if (memory)
		add_memory(&B, "memory@40000000", 0x40000000, 0x40000000);
	fdtb_begin(&B, "qcom,msm-mem-hole");
	fdtb_prop_str(&B, "compatible", "qcom,msm-mem-hole");
	fdtb_prop_cells(&B, "qcom,memblock-remove", n, cells);
	fdtb_end(&B);
	fdtb_end(&B);
	b = finish();
	parse_ok(&b, &bi);
	assert_said(said1);
	assert_int_equal(bi.nr_holes, nr);
	if (nr) {
		assert_int_equal(bi.holes[0].base, base0);
		assert_int_equal(bi.holes[0].size, size0);
	}
	free(b.p);
}

static void test_board_hole_checks(void **state)
{
	static uint32_t many[2 * 20];

	(void)state;
	hole_check_case(true, 2, (const uint32_t[]){ 0x50000000, 0 },
			"DT: memory hole 0x50000000 (+0x00000000) is empty; ignored\n", 0, 0, 0);
	hole_check_case(true, 2, (const uint32_t[]){ 0xf0000000, 0x20000000 },
			"DT: memory hole 0xf0000000 (+0x20000000) runs past 4 GB; cut there\n",
			1, 0xf0000000, 0x10000000);
	hole_check_case(true, 2, (const uint32_t[]){ 0x40000000, 0x80000000 },	/* more than the RAM */
			"DT: memory hole 0x40000000 (+0x80000000) covers 0x40000000-0x401fffff, "
			"where the device tree and the kernel are; ignored\n", 0, 0, 0);
	hole_check_case(true, 2, (const uint32_t[]){ 0x30000000, 0x10000001 },	/* one byte of it */
			"(+0x10000001) covers 0x40000000-0x401fffff", 0, 0, 0);
	hole_check_case(true, 4, (const uint32_t[]){ 0x401ff000, 0x1000, 0x40200000, 0x1000 },
			"DT: memory hole 0x401ff000 (+0x00001000) covers ", 1, 0x40200000, 0x1000);
	hole_check_case(true, 2, (const uint32_t[]){ 0x40000000, 0xffffffff },	/* both */
			"runs past 4 GB; cut there\nDT: memory hole 0x40000000 (+0xffffffff) covers ", 0, 0, 0);
	hole_check_case(false, 2, (const uint32_t[]){ 0x45d00000, 0x7d00000 },
			"DT: memory hole 0x45d00000 (+0x07d00000) but no memory to cut it from; ignored\n", 0, 0, 0);
	/* many bad entries: eight lines and one to say so */
	for (int i = 0; i < 20; i++)
		many[2 * i] = 0x50000000;
	hole_check_case(true, 40, many, "DT: 8 memory holes ignored, ignoring the rest\n", 0, 0, 0);
	assert_int_equal(count_said("is empty; ignored\n"), 8);
}

static void test_board_odd_props(void **state)
{
	struct blob b;
	struct board_info bi;

	(void)state;
	begin_root(&B);
	add_psci(&B, "svc");
	fdtb_begin(&B, "intc");				/* only a distributor */
	PROP_LIT(&B, "compatible", "arm,cortex-a15-gic");
	PROP_CELLS(&B, "reg", 0, 0x08000000, 0, 0x10000);
	fdtb_end(&B);
	fdtb_begin(&B, "bus");				/* translates: not supported */
	PROP_CELLS(&B, "ranges", 0, 0x10000000, 0x1000000);
	add_pl011(&B, "pl011@0", 0);
	fdtb_end(&B);
	fdtb_begin(&B, "chosen");
	fdtb_prop(&B, "bootargs", "console", 7);	/* no NUL */
	fdtb_end(&B);
	fdtb_end(&B);
	b = finish();
	parse_ok(&b, &bi);
	assert_string_equal(bi.model, "vmsplit,test");
	assert_said("DT: /psci method is not \"hvc\" or \"smc\"\n");
	assert_said("DT: intc: no reg entry 1\n");
	assert_said("DT: no GIC (arm,cortex-a15-gic)\n");
	assert_said("DT: pl011@0: behind bus without 1:1 ranges (not supported)\n");
	assert_said("DT: no PL011 UART\n");
	assert_said("DT: no /chosen/bootargs\n");
	assert_int_equal(bi.psci, PSCI_NONE);
	assert_false(bi.have_gic);
	assert_int_equal(bi.gic_dist_base, 0);
	assert_false(bi.have_uart);
	assert_null(bi.bootargs);
	free(b.p);
}

static void test_board_model_and_cells(void **state)
{
	static const char longmodel[] =
		"0123456789012345678901234567890123456789012345678901234567890123456789";
	struct blob b;
	struct board_info bi;

	(void)state;
	fdtb_init(&B);
	fdtb_begin(&B, "");
	fdtb_prop_str(&B, "model", longmodel);
	fdtb_prop_u32(&B, "#address-cells", 3);		/* more than we read */
	add_memory(&B, "memory@40000000", 0x40000000, 0x10000000);
	add_pl011(&B, "pl011@9000000", 0x09000000);
	fdtb_end(&B);
	b = finish();
	parse_ok(&b, &bi);
	assert_int_equal(strlen(bi.model), sizeof(bi.model) - 1);
	assert_memory_equal(bi.model, longmodel, sizeof(bi.model) - 1);
	assert_said("DT: /: unsupported #address-cells 3 (only 1 or 2 cells)\n");
	assert_said("DT: cannot read memory nodes\n");
	assert_said("DT: no PL011 UART\n");
	assert_int_equal(bi.nr_mem, 0);
	assert_false(bi.have_uart);
	free(b.p);

	fdtb_init(&B);
	fdtb_begin(&B, "");
	fdtb_prop(&B, "model", "", 0);
	fdtb_prop(&B, "#size-cells", "\0\0", 2);		/* not one cell */
	add_memory(&B, "memory@40000000", 0x40000000, 0x10000000);
	fdtb_end(&B);
	b = finish();
	parse_ok(&b, &bi);
	assert_string_equal(bi.model, "");
	assert_false(said("DT: no /model"));
	assert_said("DT: /: unsupported #size-cells: 2 bytes, not one cell\n");
	free(b.p);
}

/* Thousands of PL011s and GICs with unusable reg: only the first of each is
 * tried (each try walks the tree), so this stays linear and says little. */
static void test_board_many_bad_devices(void **state)
{
	struct blob b;
	struct board_info bi;
	int i;

	(void)state;
	begin_root(&B);
	for (i = 0; i < 3000; i++) {
		fdtb_begin(&B, "u");
		PROP_LIT(&B, "compatible", "arm,pl011");
		fdtb_end(&B);
		fdtb_begin(&B, "g");
		PROP_LIT(&B, "compatible", "arm,cortex-a15-gic");
		fdtb_end(&B);
	}
	fdtb_end(&B);
	b = finish();
	parse_ok(&b, &bi);
	assert_false(bi.have_uart);
	assert_false(bi.have_gic);
	assert_true(count_lines(captured()) <= 8);
	assert_said("DT: no PL011 UART\n");
	free(b.p);
}

static void test_board_memreserve(void **state)
{
	struct blob b;
	struct board_info bi;
	int i;

	(void)state;
	begin_root(&B);
	for (i = 0; i < BOARD_MAX_MEM + 3; i++)
		fdtb_rsv(&B, 0x40000000 + 0x100000ull * (uint64_t)i, 0x1000 * (uint64_t)(i + 1));
	add_memory(&B, "memory@40000000", 0x40000000, 0x10000000);
	fdtb_end(&B);
	b = finish();
	parse_ok(&b, &bi);
	assert_int_equal(bi.nr_rsv, BOARD_MAX_MEM);
	for (i = 0; i < BOARD_MAX_MEM; i++) {
		assert_int_equal(bi.rsv[i].base, 0x40000000 + 0x100000ull * (uint64_t)i);
		assert_int_equal(bi.rsv[i].size, 0x1000 * (uint64_t)(i + 1));
	}
	assert_said("DT: 11 /memreserve/ entries, dropping all after the first 8\n");
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
		cmocka_unit_test(test_board_good),
		cmocka_unit_test(test_board_bad_blob),
		cmocka_unit_test(test_board_bad_blob_details),
		cmocka_unit_test(test_board_one_cell),
		cmocka_unit_test(test_board_default_cells),
		cmocka_unit_test(test_board_memory_edge_cases),
		cmocka_unit_test(test_board_memory_without_device_type),
		cmocka_unit_test(test_board_stdout_path),
		cmocka_unit_test(test_board_missing_chosen),
		cmocka_unit_test(test_board_interrupts),
		cmocka_unit_test(test_board_memory_holes),
		cmocka_unit_test(test_board_hole_checks),
		cmocka_unit_test(test_board_uart_reg),
		cmocka_unit_test(test_board_odd_props),
		cmocka_unit_test(test_board_model_and_cells),
		cmocka_unit_test(test_board_many_bad_devices),
		cmocka_unit_test(test_board_memreserve),
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
