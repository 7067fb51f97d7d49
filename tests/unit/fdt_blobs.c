/* Blobs for the device-tree tests, test_fdt and test_board (fdt_blobs.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "capture.h"
#include "fdt_blobs.h"

struct fdtb tb;
uint8_t blob_out[FDTB_MAX_STRUCT + FDTB_MAX_STRINGS + 1024];

/* A heap copy of exactly n bytes: ASan flags any read past it. */
struct blob copy_exact(const void *p, size_t n)
{
	struct blob b = { malloc(n ? n : 1), n };

	assert_non_null(b.p);
	memcpy(b.p, p, n);
	return b;
}

struct blob finish(void)
{
	size_t n = fdtb_finish(&tb, blob_out, sizeof(blob_out));

	return copy_exact(blob_out, n);
}

uint32_t hdr(const struct blob *b, int field)
{
	return fdtb_get32(b->p, (size_t)field);
}

void set_hdr(struct blob *b, int field, uint32_t v)
{
	fdtb_put32(b->p, (size_t)field, v);
}

int open_blob(const struct blob *b)
{
	struct fdt f;

	return fdt_open(&f, b->p, b->n);
}

void add_pl011(struct fdtb *b, const char *name, uint32_t base)
{
	fdtb_begin(b, name);
	PROP_LIT(b, "compatible", "arm,pl011\0arm,primecell");
	PROP_CELLS(b, "reg", 0, base, 0, 0x1000);
	fdtb_end(b);
}

void add_gic(struct fdtb *b)
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

void add_memory(struct fdtb *b, const char *name, uint32_t base, uint32_t size)
{
	fdtb_begin(b, name);
	fdtb_prop_str(b, "device_type", "memory");
	PROP_CELLS(b, "reg", 0, base, 0, size);
	fdtb_end(b);
}

void add_psci(struct fdtb *b, const char *method)
{
	fdtb_begin(b, "psci");
	PROP_LIT(b, "compatible", "arm,psci-1.0\0arm,psci-0.2\0arm,psci");
	fdtb_prop_str(b, "method", method);
	fdtb_end(b);
}

/* Root with #address-cells = #size-cells = 2 and a model, left open. */
void begin_root(struct fdtb *b)
{
	fdtb_init(b);
	fdtb_begin(b, "");
	fdtb_prop_str(b, "model", "vmsplit,test");
	fdtb_prop_u32(b, "#address-cells", 2);
	fdtb_prop_u32(b, "#size-cells", 2);
}

/* A virt-like tree: two memory nodes, two PL011s with stdout-path going
 * through an alias with options, a GIC with a child, NOPs, memreserves. */
void build_good(struct fdtb *b)
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

struct blob good_blob(void)
{
	build_good(&tb);
	return finish();
}

bool said(const char *line)
{
	return strstr(captured(), line) != NULL;
}

int count_lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

int count_said(const char *text)
{
	int n = 0;

	for (const char *p = captured(); (p = strstr(p, text)); p++)
		n++;
	return n;
}

void parse_ok(const struct blob *b, struct board_info *bi)
{
	capture_reset();
	assert_int_equal(board_from_fdt(bi, b->p, b->n), 0);
}
