/* board: read the memory map (and msm's holes in it), console UART, GIC,
 * PSCI conduit and bootargs of the machine from its device tree blob (QEMU
 * virt and look-alikes).
 *
 * Every message is one printk() line starting with "DT: ", except msm's
 * own "Memory remove malformed".
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "board.h"
#include "boards.h"
#include "fdt.h"
#include "layout.h"	/* KERNEL_REGION_SIZE */
#include "banks.h"	/* phys_hex() */
#include "printk.h"

#define STDOUT_PATH_MAX	128	/* longest stdout-path we resolve */

static bool node_usable(const struct fdt *f, int node, bool secure);

/* For messages: the node's name, "/" for the root. */
static const char *name_of(const struct fdt *f, int node)
{
	int len;
	const char *n = fdt_get_name(f, node, &len);

	if (!n)
		return "?";
	return len ? n : "/";
}

/* A property that is one NUL-terminated string equal to `s`. */
static bool prop_is(const struct fdt *f, int node, const char *name, const char *s)
{
	int len;
	const char *p = fdt_getprop(f, node, name, &len);

	return p && (size_t)len == strlen(s) + 1 && !memcmp(p, s, (size_t)len);
}

/* A property holding a string NUL-terminated inside it, or NULL. */
static const char *prop_str(const struct fdt *f, int node, const char *name)
{
	int len;
	const char *p = fdt_getprop(f, node, name, &len);

	return p && len > 0 && memchr(p, 0, (size_t)len) ? p : NULL;
}

/* One of #address-cells / #size-cells: `dflt` when absent (DT spec 2.3.5:
 * 2 and 1); we read 1 or 2 cells only, so anything else is refused. */
static int cells_prop(const struct fdt *f, int node, const char *name, int dflt)
{
	int len;
	const void *p = fdt_getprop(f, node, name, &len);

	if (!p)
		return dflt;
	if (len == 4 && fdt_be32(p) >= 1 && fdt_be32(p) <= 2)
		return (int)fdt_be32(p);
	if (len == 4)
		printk("DT: %s: unsupported %s %" PRIu32 " (only 1 or 2 cells)\n",
		       name_of(f, node), name, fdt_be32(p));
	else
		printk("DT: %s: unsupported %s: %d bytes, not one cell\n",
		       name_of(f, node), name, len);
	return -1;
}

/* The cells `node` gives its children's reg. */
static bool reg_cells(const struct fdt *f, int node, int *ac, int *sc)
{
	*ac = cells_prop(f, node, "#address-cells", 2);
	*sc = *ac > 0 ? cells_prop(f, node, "#size-cells", 1) : -1;
	return *ac > 0 && *sc > 0;
}

/* Fill up[0..depth-1] with the ancestors of `node`, root first; returns the
 * node's depth (0 for the root) or an error. */
static int ancestors(const struct fdt *f, int node, int up[FDT_MAX_DEPTH + 1])
{
	int off = 0, depth = 0;

	up[0] = 0;
	if (node == 0)
		return 0;
	while ((off = fdt_next_node(f, off, &depth)) >= 0) {
		if (depth < 1 || depth > FDT_MAX_DEPTH)
			return FDT_ERR_BADSTRUCT;
		up[depth] = off;
		if (off == node)
			return depth;
	}
	return off;
}

/* Entry `idx` of a device's reg, sized by its parent's cells.  Addresses are
 * only meaningful to the CPU if every bus between the root and the device
 * maps them 1:1, i.e. has an empty "ranges". */
static bool read_reg(const struct fdt *f, int node, int idx, uint64_t *base, uint64_t *size)
{
	int up[FDT_MAX_DEPTH + 1], depth, i, ac, sc, len;
	const uint8_t *reg;

	depth = ancestors(f, node, up);
	if (depth < 1)
		return false;
	for (i = 1; i < depth; i++) {
		if (!fdt_getprop(f, up[i], "ranges", &len) || len != 0) {
			printk("DT: %s: behind %s without 1:1 ranges (not supported)\n",
			       name_of(f, node), name_of(f, up[i]));
			return false;
		}
	}
	if (!reg_cells(f, up[depth - 1], &ac, &sc))
		return false;
	reg = fdt_getprop(f, node, "reg", &len);
	if (!reg || len < 0 || (idx + 1) * (ac + sc) * 4 > len) {
		printk("DT: %s: no reg entry %d\n", name_of(f, node), idx);
		return false;
	}
	reg += idx * (ac + sc) * 4;
	*base = fdt_cells(reg, ac);
	*size = fdt_cells(reg + ac * 4, sc);
	return true;
}

static void parse_model(const struct fdt *f, struct board_info *b)
{
	int len;
	const char *m = fdt_getprop(f, 0, "model", &len);
	size_t n;

	if (!m || len < 0) {
		printk("DT: no /model\n");
		return;
	}
	n = (size_t)len < sizeof(b->model) - 1 ? (size_t)len : sizeof(b->model) - 1;
	memcpy(b->model, m, n);
	b->model[n] = '\0';	/* the property's own NUL, or a cut */
}

/* --- memory --- */

static void add_mem(struct board_info *b, const char *node, uint64_t base, uint64_t size, int *dropped)
{
	char a[17], s[17];

	if (size == 0) {
		printk("DT: %s: skipping empty memory range at 0x%s\n", node, phys_hex(a, base));
		return;
	}
	if (base + (size - 1) < base) {
		printk("DT: %s: memory range 0x%s size 0x%s wraps around, skipped\n",
		       node, phys_hex(a, base), phys_hex(s, size));
		return;
	}
	if (b->nr_mem == BOARD_MAX_MEM) {
		if (!(*dropped)++)
			printk("DT: more than %d memory ranges, dropping 0x%s size 0x%s and any after it\n",
			       BOARD_MAX_MEM, phys_hex(a, base), phys_hex(s, size));
		return;
	}
	b->mem[b->nr_mem].base = base;
	b->mem[b->nr_mem].size = size;
	b->nr_mem++;
}

/* reg holds whole entries (checked without a division, so the kernel needs
 * no libgcc divide helper for it). */
static bool whole_entries(int len, int entry)
{
	int n = 0;

	while (n < len)
		n += entry;
	return len > 0 && n == len;
}

/* Memory nodes are the nodes with device_type = "memory"; their reg is a list
 * of (base, size) pairs in the root's cells. */
static void parse_memory(const struct fdt *f, struct board_info *b)
{
	int ac, sc, node, depth = 0, nodes = 0, dropped = 0, len, i, entry;
	const uint8_t *reg;

	if (!reg_cells(f, 0, &ac, &sc)) {
		printk("DT: cannot read memory nodes\n");
		return;
	}
	entry = (ac + sc) * 4;
	for (node = 0; (node = fdt_next_node(f, node, &depth)) >= 0;) {
		if (!prop_is(f, node, "device_type", "memory"))
			continue;
		nodes++;
		if (!node_usable(f, node, false) && !node_usable(f, node, true)) {
			/* early_init_dt_scan_memory() skips it (of_fdt_device_is_available).
			 * RAM "okay" for the Secure world only (QEMU virt,secure=on's
			 * secram) stays: vmsplit may be running there. */
			printk("DT: %s: status is not \"okay\"; not memory\n", name_of(f, node));
			continue;
		}
		reg = fdt_getprop(f, node, "reg", &len);
		if (!reg || !whole_entries(len, entry)) {
			printk("DT: %s: reg missing or not (base, size) pairs, skipped\n", name_of(f, node));
			continue;
		}
		for (i = 0; i < len; i += entry)
			add_mem(b, name_of(f, node), fdt_cells(reg + i, ac), fdt_cells(reg + i + ac * 4, sc), &dropped);
	}
	if (!nodes)
		printk("DT: no memory node\n");
	else if (!b->nr_mem)
		printk("DT: no usable memory range\n");
}

/* --- console UART --- */

/* /chosen/stdout-path is "path[:options]" or "alias[:options]"; an alias is
 * a property of /aliases holding the full path. */
static int stdout_node(const struct fdt *f, int chosen)
{
	char path[STDOUT_PATH_MAX];
	const char *sp, *colon;
	size_t n;
	int node, aliases;

	sp = prop_str(f, chosen, "stdout-path");
	if (!sp) {
		printk("DT: no usable /chosen/stdout-path, using the first PL011\n");
		return FDT_ERR_NOTFOUND;
	}
	n = strlen(sp);
	if ((colon = memchr(sp, ':', n)))
		n = (size_t)(colon - sp);
	if (n == 0 || n >= sizeof(path)) {
		printk("DT: /chosen/stdout-path empty or too long, using the first PL011\n");
		return FDT_ERR_NOTFOUND;
	}
	memcpy(path, sp, n);
	path[n] = '\0';
	if (path[0] != '/') {
		aliases = fdt_path_offset(f, "/aliases");
		sp = aliases >= 0 ? prop_str(f, aliases, path) : NULL;
		if (!sp || sp[0] != '/') {
			printk("DT: stdout-path alias \"%s\" not in /aliases, using the first PL011\n", path);
			return FDT_ERR_NOTFOUND;
		}
		node = fdt_path_offset(f, sp);
	} else {
		node = fdt_path_offset(f, path);
	}
	if (node < 0)
		printk("DT: stdout-path \"%s\" names no node, using the first PL011\n", path);
	return node;
}

/*
 * Entry idx of a node's "interrupts" as a GIC interrupt ID, or 0.  The GIC
 * binding's three cells are <type number flags>: type 0 is a shared
 * peripheral interrupt (ID 32 + number), 1 a private one (ID 16 + number).
 * vmsplit assumes the GIC is the interrupt parent, as on virt.
 */
static uint32_t gic_interrupt(const struct fdt *f, int node, int idx)
{
	int len;
	const uint8_t *p = fdt_getprop(f, node, "interrupts", &len);
	uint32_t type, nr;

	if (!p || len < 0 || (idx + 1) * 12 > len)
		return 0;
	type = fdt_be32(p + idx * 12);
	nr = fdt_be32(p + idx * 12 + 4);
	if (type == 0 && nr < 988)
		return 32 + nr;
	if (type == 1 && nr < 16)
		return 16 + nr;
	return 0;
}

/* A PL011 is one 4 KB page of registers (its ID registers end it).  The
 * console polls its flag register and writes its data register, so a reg
 * that is not such a page, lies past 4 GB (no LPAE) or overlaps RAM would
 * have it spin on a flag that never clears or scribble over memory. */
static bool uart_reg_ok(const struct fdt *f, int node, const struct board_info *b,
			uint64_t base, uint64_t size)
{
	const char *why = NULL;
	char a[17], s[17];

	if (base & 0xfff || size < 0x1000)
		why = "is not a whole 4 KB PL011 register page";
	else if (base + size < base || base + size > (UINT64_C(1) << 32))
		why = "is past 4 GB";
	for (int i = 0; !why && i < b->nr_mem; i++)
		if (base < b->mem[i].base + b->mem[i].size && b->mem[i].base < base + size)
			why = "overlaps RAM";
	if (!why)
		return true;
	printk("DT: %s: reg 0x%s (+0x%s) %s; not used as the console\n",
	       name_of(f, node), phys_hex(a, base), phys_hex(s, size), why);
	return false;
}

static bool set_uart(const struct fdt *f, int node, struct board_info *b)
{
	uint64_t base, size;

	if (!read_reg(f, node, 0, &base, &size) || !uart_reg_ok(f, node, b, base, size))
		return false;
	b->have_uart = true;
	b->uart_base = base;
	b->uart_size = size;
	b->uart_irq = gic_interrupt(f, node, 0);
	if (b->uart_irq && b->uart_irq < 32) {
		printk("DT: %s: interrupt %" PRIu32 " is a private one, not a PL011's SPI; console input is polled\n",
		       name_of(f, node), b->uart_irq);
		b->uart_irq = 0;
	}
	return true;
}

static void parse_uart(const struct fdt *f, int chosen, struct board_info *b)
{
	int node, tried, depth = 0;

	node = chosen >= 0 ? stdout_node(f, chosen) : FDT_ERR_NOTFOUND;
	if (node >= 0 && !fdt_is_compatible(f, node, "arm,pl011")) {
		printk("DT: stdout-path %s is not an arm,pl011, using the first PL011\n", name_of(f, node));
		node = FDT_ERR_NOTFOUND;
	}
	if (node >= 0 && set_uart(f, node, b))
		return;
	/* Only the first PL011 other than the one just refused: each try
	 * walks the tree, and a hostile blob could hold thousands of them. */
	tried = node;
	for (node = 0; (node = fdt_next_node(f, node, &depth)) >= 0;)
		if (node != tried && fdt_is_compatible(f, node, "arm,pl011"))
			break;
	if (node < 0 || !set_uart(f, node, b))
		printk("DT: no PL011 UART\n");
}

/* --- interrupt controller, PSCI, /chosen --- */

static bool overlap(uint64_t a, uint64_t an, uint64_t b, uint64_t bn)
{
	return a < b + bn && b < a + an;
}

/* What a GICv2 half must be before its registers are touched: at least a
 * page (the driver reads up to 0xfe8 of the distributor and 0xfc of the
 * CPU interface), page aligned, below 4 GB, and nothing else: not RAM,
 * not the console UART, not the other half.  NULL when it is fine. */
static const char *gic_reg_problem(const struct board_info *b, uint64_t base, uint64_t size,
				   uint64_t other, uint64_t other_size)
{
	if (size < 0x1000 || base & 0xfff)
		return "is not a whole, aligned 4 kB register page";
	if (base + size < base || base + size > (UINT64_C(1) << 32))
		return "is past 4 GB";
	for (int i = 0; i < b->nr_mem; i++)
		if (overlap(base, size, b->mem[i].base, b->mem[i].size))
			return "overlaps RAM";
	if (b->have_uart && overlap(base, size, b->uart_base, b->uart_size))
		return "overlaps the console UART";
	if (overlap(base, size, other, other_size))
		return "overlaps the other half of the GIC";
	return NULL;
}

static void parse_gic(const struct fdt *f, struct board_info *b)
{
	int node, depth = 0;
	const char *why;
	char a[17], s[17];

	for (node = 0; (node = fdt_next_node(f, node, &depth)) >= 0;) {
		if (!fdt_is_compatible(f, node, "arm,cortex-a15-gic"))
			continue;
		if (read_reg(f, node, 0, &b->gic_dist_base, &b->gic_dist_size) &&
		    read_reg(f, node, 1, &b->gic_cpu_base, &b->gic_cpu_size)) {
			if ((why = gic_reg_problem(b, b->gic_dist_base, b->gic_dist_size,
						   b->gic_cpu_base, b->gic_cpu_size)))
				printk("DT: %s: GIC distributor 0x%s (+0x%s) %s; no interrupts\n", name_of(f, node),
				       phys_hex(a, b->gic_dist_base), phys_hex(s, b->gic_dist_size), why);
			else if ((why = gic_reg_problem(b, b->gic_cpu_base, b->gic_cpu_size,
							b->gic_dist_base, b->gic_dist_size)))
				printk("DT: %s: GIC CPU interface 0x%s (+0x%s) %s; no interrupts\n", name_of(f, node),
				       phys_hex(a, b->gic_cpu_base), phys_hex(s, b->gic_cpu_size), why);
			if (!why) {
				b->have_gic = true;
				return;
			}
			b->gic_refused = true;
		}
		b->gic_dist_base = b->gic_dist_size = b->gic_cpu_base = b->gic_cpu_size = 0;
		if (b->gic_refused)
			return;
		break;
	}
	printk("DT: no GIC (arm,cortex-a15-gic)\n");
}

/* The architected timer's interrupts are, in order: secure physical,
 * non-secure physical, virtual, hypervisor.  vmsplit ticks on the
 * virtual timer, which PL1 may use whatever mode it was entered in. */
static int node_by_phandle(const struct fdt *f, uint32_t phandle);

/* The node's interrupt controller: its interrupt-parent, or the root's
 * (where a tree usually says it once); -1 if neither names one. */
static int interrupt_parent(const struct fdt *f, int node)
{
	int len;
	const void *p = fdt_getprop(f, node, "interrupt-parent", &len);

	if (!p || len != 4)
		p = fdt_getprop(f, fdt_path_offset(f, "/"), "interrupt-parent", &len);
	return p && len == 4 ? node_by_phandle(f, fdt_be32(p)) : -1;
}

static void parse_timer(const struct fdt *f, struct board_info *b)
{
	int node, depth = 0, len, ic;
	const uint8_t *p;
	uint32_t type, nr;

	for (node = 0; (node = fdt_next_node(f, node, &depth)) >= 0;)
		if (fdt_is_compatible(f, node, "arm,armv7-timer"))
			break;
	if (node < 0) {
		printk("DT: no arm,armv7-timer node; no tick\n");
		return;
	}
	/* A timer wired to another controller than a GIC (raspi2b's BCM2836
	 * local controller, two cells an interrupt): the GIC's <type number
	 * flags> do not apply, and that controller's driver finds the line. */
	ic = interrupt_parent(f, node);
	p = ic >= 0 ? fdt_getprop(f, ic, "#interrupt-cells", &len) : NULL;
	/* Every GIC binding has three cells an interrupt; a controller with
	 * another count is not one. */
	if (p && len == 4 && fdt_be32(p) != 3) {
		printk("DT: %s: its interrupts go to %s, not a GIC: that controller's driver wires the tick\n",
		       name_of(f, node), name_of(f, ic));
		return;
	}
	p = fdt_getprop(f, node, "interrupts", &len);
	if (!p || len < 3 * 12) {
		printk("DT: %s: interrupts has %d bytes, not the virtual timer's third <type number flags>; "
		       "no tick\n", name_of(f, node), p ? len : 0);
		return;
	}
	/* A private peripheral interrupt (type 1, number 0-15): the timer is
	 * the CPU's own.  Anything else never fires, or is another device's. */
	type = fdt_be32(p + 24);
	nr = fdt_be32(p + 28);
	if (type != 1 || nr >= 16) {
		uint32_t id = gic_interrupt(f, node, 2);

		printk("DT: %s: virtual timer interrupt <%" PRIu32 " %" PRIu32 "> is not a PPI (type 1, number 0-15)%s; "
		       "no tick\n", name_of(f, node), type, nr,
		       id && id == b->uart_irq ? ": it is the UART's" : "");
		return;
	}
	b->timer_irq = 16 + nr;
}

static void parse_psci(const struct fdt *f, struct board_info *b)
{
	int node = fdt_path_offset(f, "/psci");

	if (node < 0)
		printk("DT: no /psci node\n");
	else if (prop_is(f, node, "method", "hvc"))
		b->psci = PSCI_HVC;
	else if (prop_is(f, node, "method", "smc"))
		b->psci = PSCI_SMC;
	else
		printk("DT: /psci method is not \"hvc\" or \"smc\"\n");
}

static void parse_bootargs(const struct fdt *f, int chosen, struct board_info *b)
{
	if (chosen < 0)
		return;
	b->bootargs = prop_str(f, chosen, "bootargs");
	if (!b->bootargs)
		printk("DT: no /chosen/bootargs\n");
}

/*
 * A hole the boot cannot honour is dropped, with a line saying why: an
 * empty one; any when the tree has no memory to cut it from; one over the
 * first KERNEL_REGION_SIZE of RAM, where the loader already put the
 * device tree and the kernel (Linux would go on running in memory it no
 * longer has).  The cells are 32-bit, so an entry running past 4 GB is cut
 * there, as memblock caps it.
 */
static bool hole_ok(const struct board_info *b, uint64_t base, uint64_t *size)
{
	char a[17], s[17], lo_s[17], hi_s[17];
	uint64_t lo = UINT64_MAX;

	for (int i = 0; i < b->nr_mem; i++)
		lo = b->mem[i].base < lo ? b->mem[i].base : lo;
	phys_hex(a, base);
	phys_hex(s, *size);
	if (!*size) {
		printk("DT: memory hole 0x%s (+0x%s) is empty; ignored\n", a, s);
		return false;
	}
	if (base + *size > (UINT64_C(1) << 32)) {
		*size = (UINT64_C(1) << 32) - base;
		printk("DT: memory hole 0x%s (+0x%s) runs past 4 GB; cut there\n", a, s);
	}
	if (!b->nr_mem) {
		printk("DT: memory hole 0x%s (+0x%s) but no memory to cut it from; ignored\n", a, s);
		return false;
	}
	if (base < lo + KERNEL_REGION_SIZE && lo < base + *size) {
		printk("DT: memory hole 0x%s (+0x%s) covers 0x%s-0x%s, where the device tree and the "
		       "kernel are; ignored\n", a, s, phys_hex(lo_s, lo), phys_hex(hi_s, lo + KERNEL_REGION_SIZE - 1));
		return false;
	}
	return true;
}

/*
 * msm's memory holes: in a node compatible with "qcom,msm-mem-hole",
 * "qcom,memblock-remove" lists <start size> pairs of 32-bit big-endian
 * cells.  A property that is empty or not whole pairs is refused as a
 * whole, with msm's warning.
 */
static void parse_holes(const struct fdt *f, struct board_info *b)
{
	int node, depth = 0, len, ignored = 0;

	for (node = 0; (node = fdt_next_node(f, node, &depth)) >= 0;) {
		const uint8_t *p = fdt_getprop(f, node, "qcom,memblock-remove", &len);

		if (!p || !fdt_is_compatible(f, node, "qcom,msm-mem-hole"))
			continue;
		if (len <= 0 || len % 8) {
			printk("Memory remove malformed\n");
			continue;
		}
		for (int i = 0; i < len; i += 8) {
			uint64_t base = fdt_be32(p + i), size = fdt_be32(p + i + 4);

			if (b->nr_holes == BOARD_MAX_MEM) {
				printk("DT: more than %d memory holes, dropping the rest\n", BOARD_MAX_MEM);
				return;
			}
			if (hole_ok(b, base, &size)) {
				b->holes[b->nr_holes].base = base;
				b->holes[b->nr_holes].size = size;
				b->nr_holes++;
			} else if (++ignored == BOARD_MAX_MEM) {
				/* a line each, but not for thousands */
				printk("DT: %d memory holes ignored, ignoring the rest\n", BOARD_MAX_MEM);
				return;
			}
		}
	}
}

/* --- /reserved-memory --- */

/* A cell count of the node, or dflt when absent, or -1 when unusable. */
static int cells_of(const struct fdt *f, int node, const char *name, int dflt)
{
	int len;
	const void *p = fdt_getprop(f, node, name, &len);

	return !p ? dflt : len == 4 && fdt_be32(p) >= 1 && fdt_be32(p) <= 2 ? (int)fdt_be32(p) : -1;
}

static void add_resmem(struct board_info *b, const struct board_resmem *r)
{
	if (b->nr_resmem == BOARD_MAX_MEM) {
		printk("DT: /reserved-memory: more than %d regions, dropping %s and any after it\n",
		       BOARD_MAX_MEM, r->name);
		return;
	}
	b->resmem[b->nr_resmem++] = *r;
}

/*
 * drivers/of/fdt.c's fdt_scan_reserved_mem(): the node's cells must be the
 * root's and it must have "ranges", else Linux ignores it all.  Each child
 * that is not disabled is one region (one per reg entry), or one placed
 * at boot if it gives only "size".  A child with neither, or a reg that is
 * not whole entries, is skipped with a line (Linux skips it too).
 */
static void parse_reserved_memory(const struct fdt *f, struct board_info *b)
{
	int node = fdt_path_offset(f, "/reserved-memory"), ac, sc, rac, rsc, len;

	if (node < 0)
		return;
	b->have_resmem = true;
	rac = cells_of(f, 0, "#address-cells", 2);
	rsc = cells_of(f, 0, "#size-cells", 1);
	ac = cells_of(f, node, "#address-cells", -1);
	sc = cells_of(f, node, "#size-cells", -1);
	if (ac != rac || sc != rsc || rac < 0 || rsc < 0 || !fdt_getprop(f, node, "ranges", &len)) {
		b->resmem_bad_root = true;
		return;
	}
	for (int c = fdt_first_subnode(f, node); c >= 0; c = fdt_next_subnode(f, c)) {
		struct board_resmem r = { .name = "" };
		const uint8_t *reg = fdt_getprop(f, c, "reg", &len), *p;
		const char *n = name_of(f, c);
		int entry = (ac + sc) * 4, plen;

		if (!node_usable(f, c, false))
			continue;
		strncpy(r.name, n, sizeof(r.name) - 1);
		r.no_map = fdt_getprop(f, c, "no-map", &plen) != NULL;
		r.reusable = fdt_getprop(f, c, "reusable", &plen) != NULL;
		r.dma_pool = fdt_is_compatible(f, c, "shared-dma-pool");
		if (reg) {
			if (!whole_entries(len, entry)) {
				printk("DT: /reserved-memory/%s: reg of %d bytes is not (base, size) pairs of %d cells; "
				       "skipped\n", n, len, ac + sc);
				continue;
			}
			for (int i = 0; i < len; i += entry) {
				r.base = fdt_cells(reg + i, ac);
				r.size = fdt_cells(reg + i + ac * 4, sc);
				add_resmem(b, &r);
			}
			continue;
		}
		p = fdt_getprop(f, c, "size", &plen);
		if (!p || plen != sc * 4) {
			printk("DT: /reserved-memory/%s: neither reg nor a size of %d cells; skipped\n", n, sc);
			continue;
		}
		r.dynamic = true;
		r.size = fdt_cells(p, sc);
		if ((p = fdt_getprop(f, c, "alignment", &plen)) && plen == sc * 4)
			r.align = fdt_cells(p, sc);
		add_resmem(b, &r);
	}
}

static void parse_rsv(const struct fdt *f, struct board_info *b)
{
	int n = fdt_num_mem_rsv(f), i;

	for (i = 0; i < n && i < BOARD_MAX_MEM; i++)
		fdt_get_mem_rsv(f, i, &b->rsv[i].base, &b->rsv[i].size);
	b->nr_rsv = i;
	if (n > BOARD_MAX_MEM)
		printk("DT: %d /memreserve/ entries, dropping all after the first %d\n", n, BOARD_MAX_MEM);
}

/* Why fdt_open() refused the blob, with the header fields it judged when
 * there is a header to read, so the line says what exactly was wrong. */
static void report_bad_blob(const void *blob, size_t avail, int err)
{
	const uint8_t *h = blob;
	bool header = h && avail >= FDT_HEADER_SIZE && fdt_be32(h + FDT_HDR_MAGIC) == FDT_MAGIC;

	if (header && err == FDT_ERR_TRUNCATED)
		printk("DT: bad device tree blob at %p: %s: totalsize 0x%" PRIx32 ", 0x%" PRIx32
		       " bytes readable\n", blob, fdt_strerror(err), fdt_be32(h + FDT_HDR_TOTALSIZE), (uint32_t)avail);
	else if (header && err == FDT_ERR_BADVERSION)
		printk("DT: bad device tree blob at %p: %s: version %" PRIu32 ", last_comp_version %" PRIu32 "\n",
		       blob, fdt_strerror(err), fdt_be32(h + FDT_HDR_VERSION), fdt_be32(h + FDT_HDR_LAST_COMP_VERSION));
	else if (header && err == FDT_ERR_BADLAYOUT)
		printk("DT: bad device tree blob at %p: %s: totalsize 0x%" PRIx32 ", struct 0x%" PRIx32
		       " (+0x%" PRIx32 "), strings 0x%" PRIx32 " (+0x%" PRIx32 "), memreserve 0x%" PRIx32 "\n",
		       blob, fdt_strerror(err), fdt_be32(h + FDT_HDR_TOTALSIZE),
		       fdt_be32(h + FDT_HDR_OFF_DT_STRUCT), fdt_be32(h + FDT_HDR_SIZE_DT_STRUCT),
		       fdt_be32(h + FDT_HDR_OFF_DT_STRINGS), fdt_be32(h + FDT_HDR_SIZE_DT_STRINGS),
		       fdt_be32(h + FDT_HDR_OFF_MEM_RSVMAP));
	else
		printk("DT: bad device tree blob at %p: %s\n", blob, fdt_strerror(err));
}

/* "okay" for this world: the Secure world reads secure-status first. */
static bool node_usable(const struct fdt *f, int node, bool secure)
{
	int len;
	const char *st = secure ? fdt_getprop(f, node, "secure-status", &len) : NULL;

	if (!st)
		st = fdt_getprop(f, node, "status", &len);
	return !st || (len >= 4 && (!strncmp(st, "okay", 4) || !strncmp(st, "ok", 2)));
}

static int node_by_phandle(const struct fdt *f, uint32_t phandle)
{
	int depth = 0, len;

	for (int node = 0; node >= 0; node = fdt_next_node(f, node, &depth)) {
		const void *p = fdt_getprop(f, node, "phandle", &len);

		if (p && len == 4 && fdt_be32(p) == phandle)
			return node;
	}
	return -1;
}

#define GPIO_ACTIVE_LOW		1u	/* the gpios specifier's flags cell */

static void parse_poweroff_gpio(const struct fdt *f, struct board_info *b, bool secure)
{
	struct board_gpio_poweroff *g = &b->poweroff_gpio[secure];
	int depth = 0, len, ac = 2, sc = 2;
	const void *p;

	if ((p = fdt_getprop(f, 0, "#address-cells", &len)) && len == 4)
		ac = (int)fdt_be32(p);
	if ((p = fdt_getprop(f, 0, "#size-cells", &len)) && len == 4)
		sc = (int)fdt_be32(p);
	for (int node = 0; node >= 0; node = fdt_next_node(f, node, &depth)) {
		const uint8_t *gpios;
		const void *reg;
		int gpio, rlen;

		if (!fdt_is_compatible(f, node, "gpio-poweroff") || !node_usable(f, node, secure))
			continue;
		gpios = fdt_getprop(f, node, "gpios", &len);
		if (!gpios || len != 12)
			continue;
		gpio = node_by_phandle(f, fdt_be32(gpios));
		if (gpio < 0 || !fdt_is_compatible(f, gpio, "arm,pl061") || !node_usable(f, gpio, secure) ||
		    fdt_be32(gpios + 4) > 7 || ac < 1 || ac > 2 || sc < 0 || sc > 2)
			continue;
		reg = fdt_getprop(f, gpio, "reg", &rlen);
		if (!reg || rlen < 4 * (ac + sc))
			continue;
		g->base = fdt_cells(reg, ac);
		if (g->base >= UINT64_C(0x100000000) || (g->base & 0xfff))
			continue;
		g->pin = fdt_be32(gpios + 4);
		g->active_low = fdt_be32(gpios + 8) & GPIO_ACTIVE_LOW;
		g->found = true;
		return;
	}
}

int board_from_fdt(struct board_info *b, const void *blob, size_t avail)
{
	struct fdt f;
	int err, chosen;

	memset(b, 0, sizeof(*b));
	if ((err = fdt_open(&f, blob, avail)) < 0) {
		report_bad_blob(blob, avail, err);
		return err;
	}
	chosen = fdt_path_offset(&f, "/chosen");
	if (chosen < 0)
		printk("DT: no /chosen node (no bootargs, no stdout-path)\n");
	parse_model(&f, b);
	for (unsigned i = 0; i < nr_board_rams && !b->known; i++)
		if (fdt_is_compatible(&f, 0, board_rams[i].compatible))
			b->known = &board_rams[i];
	parse_memory(&f, b);
	parse_uart(&f, chosen, b);
	parse_gic(&f, b);
	parse_timer(&f, b);
	parse_psci(&f, b);
	parse_bootargs(&f, chosen, b);
	parse_rsv(&f, b);
	parse_reserved_memory(&f, b);
	parse_holes(&f, b);
	parse_poweroff_gpio(&f, b, false);
	parse_poweroff_gpio(&f, b, true);
	return 0;
}

void board_to_boot_config(const struct board_info *b, struct boot_config *bc)
{
	for (int i = 0; i < b->nr_mem; i++)
		boot_config_add_ram(bc, b->mem[i].base, b->mem[i].size);
	for (int i = 0; i < b->nr_holes; i++)
		boot_config_remove_ram(bc, b->holes[i].base, b->holes[i].size);
	for (int i = 0; i < b->nr_rsv; i++)
		boot_config_reserve_ram(bc, b->rsv[i].base, b->rsv[i].size);
	/* Applied by boot_config_parse(), once the era and mem= are known. */
	bc->resmem_node = b->have_resmem;
	bc->resmem_bad_root = b->resmem_bad_root;
	for (int i = 0; i < b->nr_resmem && bc->nr_resmem < NR_RESMEM; i++) {
		const struct board_resmem *r = &b->resmem[i];
		struct resmem *d = &bc->resmem[bc->nr_resmem++];

		memcpy(d->name, r->name, sizeof(d->name));
		d->base = r->base;
		d->size = r->size;
		d->align = r->align;
		d->dynamic = r->dynamic;
		d->no_map = r->no_map;
		d->reusable = r->reusable;
		d->dma_pool = r->dma_pool;
		d->state = RESMEM_GIVEN;
	}
}
