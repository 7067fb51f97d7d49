/*
 * selftest: seed 002's answers, checked on the running kernel.
 *
 *   vmalloc memory is virtually contiguous: written through the vmalloc
 *   address, every page reads back the same through its own mapping (the
 *   linear map for a lowmem page, kmap for a highmem one);
 *   it is not physically contiguous: with free memory fragmented, its
 *   pages are frames from all over;
 *   each area ends in an unmapped guard page: an overrun is a fault;
 *   kmalloc memory is lowmem and physically contiguous (the MMU says so);
 *   ioremap gives a device a mapping in the same space (the console is
 *   printed through one);
 *   highmem pages are reached through kmap/kmap_atomic, and the pkmap ring
 *   flushes when it wraps;
 *   running out of vmalloc space fails cleanly and gives everything back.
 * Afterwards the free page count and the free virtual space must be what
 * they were, and the MMU check must still pass.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "arm/cp15.h"
#include "fault.h"
#include "highmem.h"
#include "memory.h"
#include "mm.h"
#include "mmu.h"
#include "mmucheck.h"
#include "pgtable.h"
#include "pl011.h"
#include "printk.h"
#include "setup.h"
#include "shell.h"
#include "sizes.h"
#include "traps.h"
#include "vmalloc.h"

static int failures;

static void result(bool ok, const char *name, const char *detail)
{
	printk("selftest: %-22s %s%s%s\n", name, ok ? "ok" : "FAILED", *detail ? ": " : "", detail);
	if (!ok)
		failures++;
}

static uint32_t pattern(uint32_t va)
{
	return va * 2654435761u ^ 0x5a5aa5a5u;
}

/* Write the area through its vmalloc address; read every page back
 * through the page's other mapping. */
static void test_vmalloc_aliases(void)
{
	const uint32_t pages = 16;
	uint32_t *p = vmalloc(pages * PAGE_SIZE), high = 0, bad = 0;
	const struct vm_area *a;
	char buf[160];

	if (!p) {
		result(false, "vmalloc aliases", "vmalloc(64 kB) failed");
		return;
	}
	a = find_vm_area((uint32_t)p);
	for (uint32_t i = 0; i < pages * PAGE_SIZE / 4; i++)
		p[i] = pattern((uint32_t)&p[i]);
	for (uint32_t i = 0; i < pages; i++) {
		uint32_t pfn = a->pfns[i];
		const uint32_t *alias = kmap(pfn);

		high += pfn_is_highmem(pfn);
		if (!alias || mmu_translate((uint32_t)alias, false, NULL) != (phys_addr_t)pfn << PAGE_SHIFT) {
			bad++;
			continue;
		}
		for (uint32_t w = 0; w < PAGE_SIZE / 4; w++)
			if (alias[w] != pattern(a->addr + i * PAGE_SIZE + w * 4)) {
				bad++;
				break;
			}
		kunmap(pfn);
	}
	snprintf(buf, sizeof(buf), "64 kB at 0x%08" PRIx32 ": %" PRIu32 " pages read back through "
		 "kmap (%" PRIu32 " highmem, %" PRIu32 " lowmem)%s", a->addr, pages - bad, high,
		 pages - high, bad ? ", some differ" : "");
	result(bad == 0, "vmalloc aliases", buf);
	vfree(p);
}

/* Hold every other free page, so what is free is scattered; a vmalloc
 * area then gets frames that are not neighbours. */
static void test_scattered(void)
{
	enum { HOLD = 64 };
	uint32_t held[HOLD], spare[HOLD / 2], n = 0, adjacent = 0;
	const struct vm_area *a;
	void *p;
	char buf[200];

	for (n = 0; n < HOLD; n++)
		if ((held[n] = alloc_page(GFP_HIGHUSER)) == PFN_NONE)
			break;
	for (uint32_t i = 0; i < n / 2; i++) {
		spare[i] = held[2 * i + 1];
		free_page(held[2 * i]);		/* free the even ones, keep the odd */
	}
	p = vmalloc(8 * PAGE_SIZE);
	a = p ? find_vm_area((uint32_t)p) : NULL;
	if (a) {
		for (uint32_t i = 1; i < vm_area_pages(a); i++)
			adjacent += a->pfns[i] == a->pfns[i - 1] + 1;
		snprintf(buf, sizeof(buf), "32 kB at 0x%08" PRIx32 " is frames 0x%05" PRIx32 ", 0x%05" PRIx32
			 ", 0x%05" PRIx32 ", 0x%05" PRIx32 ", ...: %" PRIu32 " of 7 neighbours adjacent",
			 a->addr, a->pfns[0], a->pfns[1], a->pfns[2], a->pfns[3], adjacent);
		result(adjacent < vm_area_pages(a) - 1, "vmalloc is scattered", buf);
		vfree(p);
	} else {
		result(false, "vmalloc is scattered", "vmalloc(32 kB) failed");
	}
	for (uint32_t i = 0; i < n / 2; i++)
		free_page(spare[i]);
	if (n & 1)
		free_page(held[n - 1]);
}

/* One byte past the end is the guard page: a translation fault that the
 * report attributes to the area. */
static void test_guard(void)
{
	uint8_t *p = vmalloc(2 * PAGE_SIZE);
	uint32_t end, v;
	bool inside_ok, faulted;
	char buf[200], where[128];

	if (!p) {
		result(false, "guard page", "vmalloc(8 kB) failed");
		return;
	}
	end = (uint32_t)p + 2 * PAGE_SIZE;
	inside_ok = probe_write8(end - 1, 0xaa) == 0 && probe_read8(end - 1, &v) == 0 && v == 0xaa;
	faulted = probe_write8(end + 16, 0x55) != 0;
	if (faulted) {
		printk("selftest: writing 16 bytes past the end of a vmalloc area:\n");
		print_fault(&last_fault);
	}
	vmap_describe(&vmalloc_space, end + 16, where, sizeof(where));
	faulted = faulted && last_fault.far == end + 16 && fsr_is_mmu_fault(last_fault.fsr);
	snprintf(buf, sizeof(buf), "last byte writable, byte +16 past the end faults (%s)", where);
	result(inside_ok && faulted, "guard page", buf);
	if (boot_config.guard_before) {
		bool before = probe_read8((uint32_t)p - 1, &v) != 0 && last_fault.far == (uint32_t)p - 1;

		result(before, "guard page before", "the byte before the area faults");
	}
	vfree(p);
	/* After vfree the area's pages are gone from the tables too. */
	result(probe_read8((uint32_t)p, &v) != 0, "vfree unmaps", "reading a freed area faults");
}

static bool physically_contiguous(uint32_t va, uint32_t size)
{
	for (uint32_t off = 0; off < size; off += PAGE_SIZE)
		if (mmu_translate(va + off, false, NULL) != __pa(va) + off)
			return false;
	return true;
}

static void test_kmalloc(void)
{
	void *small = kmalloc(100), *big = kmalloc(5 * PAGE_SIZE);
	bool ok = small && big && mmu_translate((uint32_t)small, false, NULL) == __pa(small) &&
		  physically_contiguous((uint32_t)big, 5 * PAGE_SIZE) &&
		  (uint32_t)big >= kernel_layout.page_offset && (uint32_t)big < kernel_layout.high_memory;
	char buf[200];

	snprintf(buf, sizeof(buf), "100 B at 0x%08" PRIx32 ", 20 kB at 0x%08" PRIx32 " = PA 0x%08" PRIx32
		 "-0x%08" PRIx32 " by the MMU: lowmem, contiguous", (uint32_t)small, (uint32_t)big,
		 big ? (uint32_t)__pa(big) : 0, big ? (uint32_t)__pa(big) + 5 * PAGE_SIZE - 1 : 0);
	result(ok, "kmalloc is lowmem", buf);
	kfree(small);
	kfree(big);
	result(kfree_to(&kmalloc_state, small) != 0, "kfree twice refused", "");
}

static void test_ioremap_console(void)
{
	uintptr_t old = pl011_base();
	void *io = ioremap(board.uart_base, PAGE_SIZE, MT_DEVICE);
	char buf[160];

	if (!io) {
		result(false, "ioremap the UART", "ioremap failed");
		return;
	}
	pl011_init((uintptr_t)io);
	printk("selftest: this line went through the UART's ioremap at 0x%08" PRIx32 "\n", (uint32_t)io);
	pl011_init(old);
	snprintf(buf, sizeof(buf), "0x%08" PRIx32 " -> 0x%08" PRIx32 " (device, execute-never)",
		 (uint32_t)io, (uint32_t)mmu_translate((uint32_t)io, true, NULL));
	result(mmu_translate((uint32_t)io, false, NULL) == board.uart_base, "ioremap the UART", buf);
	iounmap(io);
}

static void test_highmem(void)
{
	static uint32_t ring[LAST_PKMAP + 100];
	uint32_t pfn = alloc_page(GFP_HIGHUSER), flushes = pkmap_flushes(), bad = 0, n;
	uint32_t *k, *atomic;
	char buf[200];

	if (pfn == PFN_NONE || !pfn_is_highmem(pfn)) {
		if (pfn != PFN_NONE)
			free_page(pfn);
		printk("selftest: %-22s skipped: no highmem (highmem=off, or all RAM is lowmem)\n", "highmem");
		return;
	}
	k = kmap(pfn);
	k[0] = 0x600dcafe;
	atomic = kmap_atomic(pfn);
	snprintf(buf, sizeof(buf), "frame 0x%05" PRIx32 " at pkmap 0x%08" PRIx32 " and fixmap 0x%08" PRIx32
		 ": the same word", pfn, (uint32_t)k, (uint32_t)atomic);
	result(atomic && atomic[0] == 0x600dcafe, "kmap and kmap_atomic", buf);
	kunmap_atomic(atomic);
	kunmap(pfn);
	/* Round the ring: kmap more distinct pages than there are slots,
	 * which forces a wrap and a flush; each mapping must translate to
	 * its own frame. */
	for (n = 0; n < ARRAY_SIZE(ring); n++) {
		uint32_t *p;

		ring[n] = alloc_page(GFP_HIGHUSER);
		if (ring[n] == PFN_NONE || !pfn_is_highmem(ring[n]))
			break;
		p = kmap(ring[n]);
		if (!p || mmu_translate((uint32_t)p, false, NULL) != (phys_addr_t)ring[n] << PAGE_SHIFT)
			bad++;
		kunmap(ring[n]);
	}
	for (uint32_t i = 0; i < n; i++)
		free_page(ring[i]);
	if (n < ARRAY_SIZE(ring) && ring[n] != PFN_NONE)
		free_page(ring[n]);
	snprintf(buf, sizeof(buf), "%" PRIu32 " pages kmapped in turn: %" PRIu32 " ring wrap flush%s, all translate",
		 n, pkmap_flushes() - flushes, pkmap_flushes() - flushes == 1 ? "" : "es");
	if (n < ARRAY_SIZE(ring) && bad == 0)	/* too little highmem to go round */
		printk("selftest: %-22s skipped: only %" PRIu32 " highmem pages, the ring has %u slots\n",
		       "pkmap ring wraps", n, (unsigned)LAST_PKMAP);
	else
		result(bad == 0 && pkmap_flushes() > flushes, "pkmap ring wraps", buf);
	free_page(pfn);
}

/* Fill the whole vmalloc space with 1 MB areas, see it fail with
 * Linux's message, then give it all back. */
static void test_exhaustion(void)
{
	enum { MAX = 1024 };
	static void *areas[MAX];
	uint32_t largest, n = 0, free_before = nr_free_pages(&page_allocator, NR_ZONES);
	char buf[160];

	printk("selftest: filling the vmalloc space with 1 MB areas until it fails:\n");
	while (n < MAX && (areas[n] = vmalloc(SZ_1M)))
		n++;
	largest = free_space_largest(&vmalloc_space.free);
	snprintf(buf, sizeof(buf), "%" PRIu32 " areas of 1 MB, then failure; %" PRIu32 " kB left in "
		 "pieces smaller than 1 MB + guard", n, largest >> 10);
	result(n > 0 && n < MAX, "vmalloc exhaustion", buf);
	while (n)
		vfree(areas[--n]);
	snprintf(buf, sizeof(buf), "%" PRIu32 " pages free again", nr_free_pages(&page_allocator, NR_ZONES));
	result(nr_free_pages(&page_allocator, NR_ZONES) == free_before, "exhaustion recovered", buf);
}

/*
 * The kernel's memset (kernel/memset.S) fills every struct page at boot:
 * every start alignment, every length through two block loops and each
 * tail, a byte with its top bit set, and a sentinel either side that must
 * not move.
 */
static void test_memset(void)
{
	static uint8_t buf[8 + 200 + 8];
	uint32_t cases = 0, bad = 0;
	char detail[96];

	for (uint32_t start = 8; start < 16; start++)
		for (uint32_t n = 0; n <= 200; n++, cases++) {
			uint8_t c = (uint8_t)(0x80 | n);

			for (uint32_t i = 0; i < sizeof(buf); i++)
				buf[i] = 0x5a;
			if (memset(buf + start, c, n) != buf + start)
				bad++;
			for (uint32_t i = 0; i < sizeof(buf) - 8; i++)
				if (buf[i] != (i >= start && i < start + n ? c : 0x5a)) {
					bad++;
					break;
				}
		}
	snprintf(detail, sizeof(detail), "%" PRIu32 " fills (8 alignments, 0-200 bytes), %" PRIu32 " wrong",
		 cases, bad);
	result(bad == 0, "memset", detail);
}

static int cmd_selftest(int argc, char **argv)
{
	uint32_t free_before = nr_free_pages(&page_allocator, NR_ZONES);
	const struct vmap_space *vs = &vmalloc_space;
	uint32_t used = vs->used, largest = free_space_largest(&vs->free), areas = vs->busy.count;
	char buf[160];

	(void)argc; (void)argv;
	failures = 0;
	test_memset();
	test_vmalloc_aliases();
	test_scattered();
	test_guard();
	test_kmalloc();
	test_ioremap_console();
	test_highmem();
	test_exhaustion();
	snprintf(buf, sizeof(buf), "%" PRId32 " pages and %" PRId32 " bytes of vmalloc space lost",
		 (int32_t)(free_before - nr_free_pages(&page_allocator, NR_ZONES)),
		 (int32_t)(largest - free_space_largest(&vs->free) + vs->used - used));
	result(free_before == nr_free_pages(&page_allocator, NR_ZONES) && used == vs->used &&
	       largest == free_space_largest(&vs->free) && areas == vs->busy.count, "nothing lost", buf);
	result(mmu_check(false) == 0, "MMU check after", "");
	printk("selftest: %d failure%s\n", failures, failures == 1 ? "" : "s");
	return failures ? 1 : 0;
}

/* ---- vmbench: the cost of vmalloc+vfree as the number of areas grows ---- */

static uint64_t ticks_to_ns(uint64_t ticks)
{
	uint32_t freq = read_cntfrq();

	return freq ? ticks * 1000000000u / freq : 0;
}

static uint32_t bench_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* With n one-page areas standing, time vmalloc+vfree pairs that
 * replace a random one of them: ns per pair, or -1 if space ran out
 * (what was allocated is freed either way). */
static int32_t bench_live(void **live, uint32_t n, uint32_t *seed)
{
	const uint32_t ops = 2000;
	uint64_t t0 = 0;
	uint32_t made;
	bool ok;

	for (made = 0; made < n; made++)
		if (!(live[made] = vmalloc(PAGE_SIZE)))
			break;
	ok = made == n;
	if (ok) {
		t0 = read_cntvct();
		for (uint32_t i = 0; i < ops && ok; i++) {
			uint32_t k = bench_rand(seed) % n;

			vfree(live[k]);
			ok = (live[k] = vmalloc(PAGE_SIZE)) != NULL;
		}
		t0 = read_cntvct() - t0;
	}
	for (uint32_t i = 0; i < made; i++)
		if (live[i])
			vfree(live[i]);
	return ok ? (int32_t)(ticks_to_ns(t0) / ops) : -1;
}

static int cmd_vmbench(int argc, char **argv)
{
	static const uint32_t sizes[] = { 16, 1000, 16000 };
	int32_t ns[ARRAY_SIZE(sizes)];
	uint32_t seed = 2463534242u;
	void **live;

	(void)argc; (void)argv;
	live = kmalloc(16000 * sizeof(void *));
	if (!live)
		return 1;
	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++) {
		ns[i] = bench_live(live, sizes[i], &seed);
		if (ns[i] < 0) {
			printk("vmbench: not enough vmalloc space or memory for %" PRIu32 " areas\n", sizes[i]);
			kfree(live);
			return 1;
		}
		printk("vmalloc in guest: %5" PRIu32 " live areas: %6" PRId32 " ns per vmalloc+vfree (one page)\n",
		       sizes[i], ns[i]);
	}
	kfree(live);
	printk("vmalloc in guest: cost with 16000 live areas vs 16: %" PRId32 ".%" PRId32 "x\n",
	       ns[2] * 10 / ns[0] / 10, ns[2] * 10 / ns[0] % 10);
	return 0;
}

SHELL_COMMAND(370, selftest, cmd_selftest, 0, 0, "",
	      "vmalloc, guard pages, kmalloc, ioremap, kmap, exhaustion: checked", "selftest");
SHELL_COMMAND(390, vmbench, cmd_vmbench, 0, 0, "",
	      "vmalloc+vfree cost with 16, 1000 and 16000 live areas (QEMU time)", "vmbench");
