/* Unit tests of reading a boot log back (tools/dmesg.c, tools/from_dmesg.c):
 * seed 000's log as its blog prints it, seed 001's msm table, and Debian's
 * own 6.1 and 5.10 kernels booted on QEMU virt (tests/dmesg/, cut from the
 * real-Linux comparison's consoles).  Each is read into a configuration,
 * vmsplit's decision runs on it as memlayout runs it, and every memory-map
 * line of the log must be the same in vmsplit's output. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "capture.h"
#include "file_read.h"
#include "from_dmesg.h"
#include "layout_boot.h"

/* The repository's root, from where the binary is (build/host/test_dmesg),
 * so the test runs from any directory. */
static char root[4096] = ".";

static const char *at_root(const char *rel)
{
	static char buf[4][4200];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", root, rel);
	return buf[k];
}

/* memlayout's path (tools/memlayout.c), captured. */
static int run_plan(const struct dmesg_plan *p, char *buf, size_t n, uint64_t *lowmem_end)
{
	capture_reset();
	boot_config_init(&bc, p->page_offset, p->phys_offset);
	bc.lpae = p->lpae;
	for (int i = 0; i < p->nr_banks; i++)
		boot_config_add_ram(&bc, p->bank[i].start, p->bank[i].size);
	boot_with(p->options, NULL, NULL);
	snprintf(buf, n, "%s", captured());
	*lowmem_end = lay.lowmem_limit;
	return bc.lpae_refused ? 1 : 0;
}

/* The file system, as memlayout reads it. */
static const struct from_dmesg_ops ops = { run_plan, file_read };
static char report[1 << 16];

/* from_dmesg() on a file; its report in report[]. */
static int read_log(const char *path)
{
	FILE *f = fmemopen(report, sizeof(report), "w");
	int status;

	assert_non_null(f);
	status = from_dmesg(path, &ops, f, stderr);
	fclose(f);
	return status;
}

static void expect_report(const char *want)
{
	if (!strstr(report, want))
		{ fputs(report, stderr); fail_msg("the report lacks \"%s\" (the report is above)", want); }
}

/* Seed 000's whole blog text (no-break spaces, the table twice): the
 * 2.6.36 board, its VMALLOC_END and DMA size read from the table. */
static void test_seed000(void **state)
{
	(void)state;
	assert_int_equal(read_log(at_root("../shared/seeds/000_7a88ae4323c5cf63.txt")), 0);
	expect_report("  assumed: rules=2.6.36 (no \"Linux version\" line; the table has a DMA line, as up to 3.1)");
	expect_report("  read: PHYS_OFFSET 0x40000000 (where the first RAM the log names starts)");
	expect_report("  read: the RAM from mem= on the command line");
	expect_report("  read: highmem off (RAM was truncated)");
	expect_report("  same     Truncating RAM at 40000000-5fffffff to -57ffffff (vmalloc region overlap).");
	expect_report("  same     Memory: 384MB = 384MB total");
	expect_report("  same     vmalloc : 0xd8800000 - 0xe0000000 ( 120 MB)");
	expect_report("  same     DMA : 0xfde00000 - 0xffe00000 ( 32 MB)");
	expect_report("the same configuration: memlayout --built-for 3G --phys-offset 0x40000000 --ram 0x40000000:512M "
		      "\"rules=2.6.36 highmem=off vmalloc_end=0xe0000000 dma_size=32M console=ttySC0,115200 mem=512M\"");
	expect_report("booted:  make run QEMU_MEM=512M APPEND='rules=2.6.36 highmem=off vmalloc_end=0xe0000000 "
		      "dma_size=32M console=ttySC0,115200 mem=512M'");
	expect_report("from-dmesg: 8 lines compared, 8 the same, 0 differ");
}

/* Seed 001's msm table ("[ 0.000000] c0 0 " prefixes): pkmap says highmem,
 * and lowmem ending 408 MB below VMALLOC_END says vmalloc=408M. */
static void test_seed001_table(void **state)
{
	char path[] = "/tmp/vmsplit-test-dmesg-XXXXXX";
	char line[512];
	FILE *in = fopen(at_root("../shared/seeds/001_e27ced512eb9c11e.txt"), "r"), *out;
	int fd = mkstemp(path);

	(void)state;
	assert_non_null(in);
	assert_true(fd >= 0);
	out = fdopen(fd, "w");
	while (fgets(line, sizeof(line), in))
		if (strstr(line, "] c0 0 "))
			fputs(line, out);
	fclose(in);
	fclose(out);
	assert_int_equal(read_log(path), 0);
	unlink(path);
	expect_report("  assumed: rules=3.4 (no \"Linux version\" line; the table without a DMA line, as 3.2-5.0)");
	expect_report("  read: highmem on (a pkmap line)");
	expect_report("  read: vmalloc=408M (lowmem ends 408 MB below VMALLOC_END 0xff000000, not the default's 248 MB;");
	expect_report("  same     vmalloc : 0xe6000000 - 0xff000000 ( 400 MB)");
	expect_report("  same     lowmem : 0xc0000000 - 0xe5800000 ( 600 MB)");
	expect_report("  same     pkmap : 0xbfe00000 - 0xc0000000 ( 2 MB)");
	expect_report("from-dmesg: 6 lines compared, 6 the same, 0 differ");
}

/* Debian 6.1 armmp at -m 2G: no table, so the split is found by running
 * the decision for each (only 3G ends lowmem at 0x70000000). */
static void test_debian_6_1_2G(void **state)
{
	(void)state;
	assert_int_equal(read_log(at_root("tests/dmesg/debian-6.1-2G.log")), 0);
	expect_report("tests/dmesg/debian-6.1-2G.log: Linux 6.1.0-57-armmp");
	expect_report("  read: Linux 6.1 (\"Linux version\"): rules=modern");
	expect_report("  read: PAGE_OFFSET 0xc0000000 (the split whose lowmem ends at 0x70000000 as the log's does)");
	expect_report("  read: highmem on (a HighMem zone)");
	expect_report("  same     DMA [mem 0x0000000040000000-0x000000006fffffff]");
	expect_report("  same     HighMem [mem 0x0000000070000000-0x00000000bfffffff]");
	expect_report("  same     node 0: [mem 0x0000000040000000-0x00000000bfffffff]");
	expect_report("booted:  make run QEMU_MEM=2048M APPEND='rules=modern highmem=on earlycon console=ttyAMA0");
	expect_report("from-dmesg: 3 lines compared, 3 the same, 0 differ");
}

static void test_debian_5_10_vmalloc_8M(void **state)
{
	(void)state;
	assert_int_equal(read_log(at_root("tests/dmesg/debian-5.10-vmalloc-8M.log")), 0);
	expect_report("  read: Linux 5.10 (\"Linux version\"): rules=5.10");
	expect_report("  same     vmalloc area too small, limiting to 16MB");
	expect_report("  same     HighMem [mem 0x000000007e800000-0x000000007fffffff]");
	expect_report("from-dmesg: 4 lines compared, 4 the same, 0 differ");
}

/* Two banks from mem=: the node lines are the banks, and virt cannot boot
 * them as its own RAM (make run's mem= can). */
static void test_debian_mem_holes(void **state)
{
	(void)state;
	assert_int_equal(read_log(at_root("tests/dmesg/debian-6.1-mem-holes.log")), 0);
	expect_report("  same     node 0: [mem 0x0000000040000000-0x00000000487fffff]");
	expect_report("  same     node 0: [mem 0x0000000050000000-0x000000007fffffff]");
	expect_report("booted:  not on QEMU virt, whose RAM is one bank at 0x40000000 (this board's starts at "
		      "0x40000000, in several banks)");
	expect_report("from-dmesg: 4 lines compared, 4 the same, 0 differ");
}

/* armmp (no LPAE) at -m 4G: the RAM past 4 GB was dropped ("OF: fdt:
 * Ignoring memory range"), so the board's one bank reached 0x13fffffff and
 * the kernel had 32-bit physical addresses; memblock kept the rest to the
 * byte 0xfffffffe, and the zones end at 0xffffefff on both sides. */
static void test_debian_4G_dropped(void **state)
{
	(void)state;
	assert_int_equal(read_log(at_root("tests/dmesg/debian-6.1-4G.log")), 0);
	expect_report("  read: RAM at 0x100000000-0x13fffffff too, which the kernel dropped (past 32 bits)");
	expect_report("--ram 0x40000000:4096M");
	expect_report("  same     OF: fdt: Ignoring memory range 0x100000000 - 0x140000000");
	expect_report("  same     HighMem [mem 0x0000000070000000-0x00000000ffffefff]");
	expect_report("from-dmesg: 4 lines compared, 4 the same, 0 differ");
	if (strstr(report, "--lpae"))
		fail_msg("a kernel that dropped RAM past 4 GB was read as LPAE:\n%s", report);
}

/* armmp-lpae at -m 4G: RAM past 4 GB, so LPAE; the zones agree. */
static void test_debian_lpae_4G(void **state)
{
	(void)state;
	assert_int_equal(read_log(at_root("tests/dmesg/debian-6.1-lpae-4G.log")), 0);
	expect_report("  read: LPAE (an -lpae kernel)");
	expect_report("  same     HighMem [mem 0x0000000070000000-0x000000013fffffff]");
	expect_report("the same configuration: memlayout --lpae --built-for 3G");
	expect_report("from-dmesg: 3 lines compared, 3 the same, 0 differ");
}

/* A difference is found and counted: the same log with its HighMem zone
 * moved. */
static void test_difference_reported(void **state)
{
	char path[] = "/tmp/vmsplit-test-dmesg-XXXXXX";
	int fd = mkstemp(path);
	FILE *out = fdopen(fd, "w");

	(void)state;
	fputs("Linux version 6.1.0-57-armmp\n"
	      "Zone ranges:\n"
	      "  DMA      [mem 0x0000000040000000-0x000000006fffffff]\n"
	      "  Normal   empty\n"
	      "  HighMem  [mem 0x0000000070000000-0x00000000afffffff]\n"
	      "Early memory node ranges\n"
	      "  node   0: [mem 0x0000000040000000-0x00000000bfffffff]\n", out);
	fclose(out);
	assert_int_equal(read_log(path), 1);
	unlink(path);
	expect_report("  differs  Linux:   HighMem [mem 0x0000000070000000-0x00000000afffffff]\n"
		      "           vmsplit: HighMem [mem 0x0000000070000000-0x00000000bfffffff]");
	expect_report("from-dmesg: 3 lines compared, 2 the same, 1 differ");
}

/* The report's line from `prefix` to its end, through a real shell: the
 * last word printf prints, i.e. what the program would get as its last
 * argument, into got. */
static void last_word_through_sh(const char *prefix, char *got, size_t n)
{
	const char *at = strstr(report, prefix), *end;
	char cmd[2048], line[1024];
	FILE *sh;

	assert_non_null(at);
	at += strlen(prefix);
	end = strchr(at, '\n');
	assert_non_null(end);
	snprintf(cmd, sizeof(cmd), "printf '%%s\\n' %.*s", (int)(end - at), at);
	sh = popen(cmd, "r");
	assert_non_null(sh);
	got[0] = '\0';
	while (fgets(line, sizeof(line), sh))
		snprintf(got, n, "%s", line);
	pclose(sh);
	got[strcspn(got, "\n")] = '\0';
}

/* A command line with both quotes and a $ in it: the two commands the
 * report prints still hand it over whole when pasted into a shell. */
static void test_quoted_command_line(void **state)
{
	char path[] = "/tmp/vmsplit-test-dmesg-XXXXXX";
	int fd = mkstemp(path);
	FILE *out = fdopen(fd, "w");
	const char *want = "rules=modern highmem=on console=ttyAMA0 foo=\"a b\" it's $HOME";
	char got[1024];

	(void)state;
	fputs("Linux version 6.1.0-57-armmp\n"
	      "Kernel command line: console=ttyAMA0 foo=\"a b\" it's $HOME\n"
	      "Zone ranges:\n"
	      "  DMA      [mem 0x0000000040000000-0x000000006fffffff]\n"
	      "  Normal   empty\n"
	      "  HighMem  [mem 0x0000000070000000-0x00000000bfffffff]\n"
	      "Early memory node ranges\n"
	      "  node   0: [mem 0x0000000040000000-0x00000000bfffffff]\n", out);
	fclose(out);
	assert_int_equal(read_log(path), 0);
	unlink(path);
	last_word_through_sh("the same configuration: memlayout", got, sizeof(got));
	assert_string_equal(got, want);
	last_word_through_sh("booted:  make run", got, sizeof(got));
	assert_true(!strncmp(got, "APPEND=", 7));
	assert_string_equal(got + 7, want);
}

static void test_nothing_to_read(void **state)
{
	char path[] = "/tmp/vmsplit-test-dmesg-XXXXXX";
	int fd = mkstemp(path);
	FILE *out = fdopen(fd, "w");

	(void)state;
	fputs("hello\nworld\n", out);
	fclose(out);
	assert_int_equal(read_log(path), 2);
	unlink(path);
	assert_int_equal(read_log("/nonexistent/dmesg.log"), 2);
}

int main(int argc, char **argv)
{
	const char *slash = argc ? strrchr(argv[0], '/') : NULL;

	if (slash)
		snprintf(root, sizeof(root), "%.*s/../..", (int)(slash - argv[0]), argv[0]);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed000),
		cmocka_unit_test(test_seed001_table),
		cmocka_unit_test(test_debian_6_1_2G),
		cmocka_unit_test(test_debian_5_10_vmalloc_8M),
		cmocka_unit_test(test_debian_mem_holes),
		cmocka_unit_test(test_debian_4G_dropped),
		cmocka_unit_test(test_debian_lpae_4G),
		cmocka_unit_test(test_difference_reported),
		cmocka_unit_test(test_quoted_command_line),
		cmocka_unit_test(test_nothing_to_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
