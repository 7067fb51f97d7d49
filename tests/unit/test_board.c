/* Unit tests for core/dt/board.c: what vmsplit reads from the device tree
 * (memory, holes, /memreserve/, the console, the GIC, the timer, PSCI) and
 * how it refuses what it cannot use, on blobs built by fdt_blobs.c.
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
	fdtb_init(&tb);
	fdtb_begin(&tb, "");
	fdtb_prop_u32(&tb, "#address-cells", 1);
	fdtb_prop_u32(&tb, "#size-cells", 1);
	fdtb_begin(&tb, "memory");
	fdtb_prop_str(&tb, "device_type", "memory");
	PROP_CELLS(&tb, "reg", 0x40000000, 0x10000000, 0x60000000, 0x01000000);
	fdtb_end(&tb);
	fdtb_begin(&tb, "soc");
	fdtb_prop_u32(&tb, "#address-cells", 1);
	fdtb_prop_u32(&tb, "#size-cells", 1);
	fdtb_prop(&tb, "ranges", "", 0);
	fdtb_begin(&tb, "serial@1c090000");
	PROP_LIT(&tb, "compatible", "arm,pl011\0arm,primecell");
	PROP_CELLS(&tb, "reg", 0x1c090000, 0x1000);
	fdtb_end(&tb);
	fdtb_begin(&tb, "interrupt-controller@2c001000");
	PROP_LIT(&tb, "compatible", "arm,cortex-a15-gic");
	PROP_CELLS(&tb, "reg", 0x2c001000, 0x1000, 0x2c002000, 0x2000);
	fdtb_end(&tb);
	fdtb_end(&tb);
	fdtb_begin(&tb, "chosen");
	fdtb_end(&tb);
	fdtb_end(&tb);
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

/* The power switch of QEMU virt,secure=on: a gpio-poweroff node naming a
 * PL061 pin, each "okay" only for the Secure world (secure-status), so the
 * Non-secure world must not find it. */
static void test_board_poweroff_gpio(void **state)
{
	struct blob b;
	struct board_info bi;

	(void)state;
	fdtb_init(&tb);
	fdtb_begin(&tb, "");
	fdtb_prop_u32(&tb, "#address-cells", 2);
	fdtb_prop_u32(&tb, "#size-cells", 2);
	fdtb_begin(&tb, "memory@40000000");
	fdtb_prop_str(&tb, "device_type", "memory");
	PROP_CELLS(&tb, "reg", 0, 0x40000000, 0, 0x10000000);
	fdtb_end(&tb);
	fdtb_begin(&tb, "pl061@90b0000");
	PROP_LIT(&tb, "compatible", "arm,pl061\0arm,primecell");
	PROP_CELLS(&tb, "reg", 0, 0x090b0000, 0, 0x1000);
	fdtb_prop_u32(&tb, "phandle", 0x8004);
	fdtb_prop_str(&tb, "status", "disabled");
	fdtb_prop_str(&tb, "secure-status", "okay");
	fdtb_end(&tb);
	fdtb_begin(&tb, "gpio-poweroff");
	fdtb_prop_str(&tb, "compatible", "gpio-poweroff");
	PROP_CELLS(&tb, "gpios", 0x8004, 3, 1);
	fdtb_prop_str(&tb, "status", "disabled");
	fdtb_prop_str(&tb, "secure-status", "okay");
	fdtb_end(&tb);
	fdtb_end(&tb);
	b = finish();
	parse_ok(&b, &bi);
	assert_false(bi.poweroff_gpio[0].found);
	assert_true(bi.poweroff_gpio[1].found);
	assert_int_equal(bi.poweroff_gpio[1].base, 0x090b0000);
	assert_int_equal(bi.poweroff_gpio[1].pin, 3);
	assert_true(bi.poweroff_gpio[1].active_low);
	free(b.p);
}

/* No #address-cells/#size-cells at the root: 2 and 1 (DT spec 2.3.5). */
static void test_board_default_cells(void **state)
{
	struct blob b;
	struct board_info bi;

	(void)state;
	fdtb_init(&tb);
	fdtb_begin(&tb, "");
	fdtb_begin(&tb, "memory@40000000");
	fdtb_prop_str(&tb, "device_type", "memory");
	PROP_CELLS(&tb, "reg", 0, 0x40000000, 0x8000000, 0x1, 0x0, 0x1000);
	fdtb_end(&tb);
	fdtb_begin(&tb, "uart");
	PROP_LIT(&tb, "compatible", "arm,pl011");
	PROP_CELLS(&tb, "reg", 0, 0x09000000, 0x1000);
	fdtb_end(&tb);
	fdtb_end(&tb);
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
	begin_root(&tb);
	fdtb_begin(&tb, "memory@0");			/* no device_type: not memory */
	PROP_CELLS(&tb, "reg", 0, 0, 0, 0x1000);
	fdtb_end(&tb);
	fdtb_begin(&tb, "memory@100000000");
	fdtb_prop_str(&tb, "device_type", "memory");
	PROP_CELLS(&tb, "reg", 1, 0, 0, 0,		/* empty, above 4 GB */
		   0, 0x40000000, 0, 0,			/* empty, below */
		   0, 0x40000000, 0, 0x1000,
		   0xffffffff, 0xfffff000, 0, 0x2000);	/* wraps */
	fdtb_end(&tb);
	fdtb_begin(&tb, "memory@200000000");
	fdtb_prop_str(&tb, "device_type", "memory");
	PROP_CELLS(&tb, "reg", 2, 0, 0, 0x1000, 0);	/* not whole pairs */
	fdtb_end(&tb);
	fdtb_begin(&tb, "memory@300000000");
	fdtb_prop_str(&tb, "device_type", "memory");
	PROP_CELLS(&tb, "reg", 3, 0x00000000, 0, 0x1000, 3, 0x10000000, 0, 0x1000, 3, 0x20000000, 0, 0x1000,
			   3, 0x30000000, 0, 0x1000, 3, 0x40000000, 0, 0x1000, 3, 0x50000000, 0, 0x1000,
			   3, 0x60000000, 0, 0x1000, 3, 0x70000000, 0, 0x1000, 3, 0x80000000, 0, 0x1000);
	fdtb_end(&tb);
	fdtb_end(&tb);
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
	begin_root(&tb);
	fdtb_begin(&tb, "memory@40000000");
	PROP_CELLS(&tb, "reg", 0, 0x40000000, 0, 0x40000000);
	fdtb_end(&tb);
	fdtb_begin(&tb, "ram");
	fdtb_prop_str(&tb, "device_type", "memoryx");
	PROP_CELLS(&tb, "reg", 0, 0x40000000, 0, 0x40000000);
	fdtb_end(&tb);
	fdtb_end(&tb);
	b = finish();
	parse_ok(&b, &bi);
	assert_int_equal(bi.nr_mem, 0);
	assert_said("DT: no memory node\n");
	assert_said("DT: no PL011 UART\n");
	assert_false(bi.have_uart);
	free(b.p);

	begin_root(&tb);
	fdtb_begin(&tb, "memory@40000000");
	fdtb_prop_str(&tb, "device_type", "memory");
	PROP_CELLS(&tb, "reg", 0, 0x40000000, 0, 0);
	fdtb_end(&tb);
	fdtb_end(&tb);
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

	begin_root(&tb);
	if (with_aliases) {
		fdtb_begin(&tb, "aliases");
		fdtb_prop_str(&tb, "serial0", "/pl011@9000000");
		fdtb_prop_str(&tb, "serial1", "/pl011@9040000");
		fdtb_prop_str(&tb, "rtc", "/pl031@9010000");
		fdtb_prop(&tb, "bad", "/pl011@9040000", 14);	/* no NUL */
		fdtb_end(&tb);
	}
	add_pl011(&tb, "pl011@9000000", 0x09000000);
	fdtb_begin(&tb, "pl031@9010000");
	PROP_LIT(&tb, "compatible", "arm,pl031\0arm,primecell");
	PROP_CELLS(&tb, "reg", 0, 0x09010000, 0, 0x1000);
	fdtb_end(&tb);
	add_pl011(&tb, "pl011@9040000", 0x09040000);
	fdtb_begin(&tb, "chosen");
	if (stdout_path)
		fdtb_prop_str(&tb, "stdout-path", stdout_path);
	fdtb_end(&tb);
	fdtb_end(&tb);
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
	begin_root(&tb);
	add_memory(&tb, "memory@40000000", 0x40000000, 0x10000000);
	add_pl011(&tb, "pl011@9000000", 0x09000000);
	add_pl011(&tb, "pl011@9040000", 0x09040000);
	add_gic(&tb);
	add_psci(&tb, "smc");
	fdtb_end(&tb);
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

	begin_root(&tb);
	add_memory(&tb, "memory@40000000", 0x40000000, 0x10000000);
	fdtb_begin(&tb, "pl011@9000000");
	PROP_LIT(&tb, "compatible", "arm,pl011\0arm,primecell");
	fdtb_prop_cells(&tb, "reg", 4, (const uint32_t[]){ 0, 0x09000000, 0, 0x1000 });
	fdtb_prop_cells(&tb, "interrupts", n, cells);
	fdtb_end(&tb);
	fdtb_begin(&tb, "timer");
	PROP_LIT(&tb, "compatible", "arm,armv7-timer");
	fdtb_prop_cells(&tb, "interrupts", timer_want ? 12 : 6, timer);
	fdtb_end(&tb);
	fdtb_end(&tb);
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

	begin_root(&tb);
	add_memory(&tb, "memory@40000000", 0x40000000, 0x40000000);
	fdtb_begin(&tb, "qcom,msm-mem-hole");
	fdtb_prop_str(&tb, "compatible", compat);
	fdtb_prop_cells(&tb, "qcom,memblock-remove", n, cells);
	fdtb_end(&tb);
	fdtb_end(&tb);
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

	begin_root(&tb);
	add_memory(&tb, "memory@40000000", 0x40000000, 0x40000000);
	fdtb_begin(&tb, "pl011@bad");
	PROP_LIT(&tb, "compatible", "arm,pl011\0arm,primecell");
	PROP_CELLS(&tb, "reg", hi, base, 0, size);
	fdtb_end(&tb);
	if (second)
		add_pl011(&tb, "pl011@9040000", 0x09040000);
	fdtb_begin(&tb, "chosen");
	fdtb_prop_str(&tb, "stdout-path", "/pl011@bad");
	fdtb_end(&tb);
	fdtb_end(&tb);
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

	begin_root(&tb);
	if (memory)
		add_memory(&tb, "memory@40000000", 0x40000000, 0x40000000);
	fdtb_begin(&tb, "qcom,msm-mem-hole");
	fdtb_prop_str(&tb, "compatible", "qcom,msm-mem-hole");
	fdtb_prop_cells(&tb, "qcom,memblock-remove", n, cells);
	fdtb_end(&tb);
	fdtb_end(&tb);
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
	begin_root(&tb);
	add_psci(&tb, "svc");
	fdtb_begin(&tb, "intc");				/* only a distributor */
	PROP_LIT(&tb, "compatible", "arm,cortex-a15-gic");
	PROP_CELLS(&tb, "reg", 0, 0x08000000, 0, 0x10000);
	fdtb_end(&tb);
	fdtb_begin(&tb, "bus");				/* translates: not supported */
	PROP_CELLS(&tb, "ranges", 0, 0x10000000, 0x1000000);
	add_pl011(&tb, "pl011@0", 0);
	fdtb_end(&tb);
	fdtb_begin(&tb, "chosen");
	fdtb_prop(&tb, "bootargs", "console", 7);	/* no NUL */
	fdtb_end(&tb);
	fdtb_end(&tb);
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
	fdtb_init(&tb);
	fdtb_begin(&tb, "");
	fdtb_prop_str(&tb, "model", longmodel);
	fdtb_prop_u32(&tb, "#address-cells", 3);		/* more than we read */
	add_memory(&tb, "memory@40000000", 0x40000000, 0x10000000);
	add_pl011(&tb, "pl011@9000000", 0x09000000);
	fdtb_end(&tb);
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

	fdtb_init(&tb);
	fdtb_begin(&tb, "");
	fdtb_prop(&tb, "model", "", 0);
	fdtb_prop(&tb, "#size-cells", "\0\0", 2);		/* not one cell */
	add_memory(&tb, "memory@40000000", 0x40000000, 0x10000000);
	fdtb_end(&tb);
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
	begin_root(&tb);
	for (i = 0; i < 3000; i++) {
		fdtb_begin(&tb, "u");
		PROP_LIT(&tb, "compatible", "arm,pl011");
		fdtb_end(&tb);
		fdtb_begin(&tb, "g");
		PROP_LIT(&tb, "compatible", "arm,cortex-a15-gic");
		fdtb_end(&tb);
	}
	fdtb_end(&tb);
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
	begin_root(&tb);
	for (i = 0; i < BOARD_MAX_MEM + 3; i++)
		fdtb_rsv(&tb, 0x40000000 + 0x100000ull * (uint64_t)i, 0x1000 * (uint64_t)(i + 1));
	add_memory(&tb, "memory@40000000", 0x40000000, 0x10000000);
	fdtb_end(&tb);
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


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_board_good),
		cmocka_unit_test(test_board_bad_blob),
		cmocka_unit_test(test_board_bad_blob_details),
		cmocka_unit_test(test_board_one_cell),
		cmocka_unit_test(test_board_default_cells),
		cmocka_unit_test(test_board_poweroff_gpio),
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
	};

	return cmocka_run_group_tests_name("board", tests, NULL, NULL);
}
