/*
 * Interrupts: a small table of handlers behind the board's controller
 * (struct irq_chip): the GIC the device tree names, or, on a board with
 * none, the BCM2836's local controller (raspi2b).
 *
 * An IRQ exception comes through kernel/entry.S with IRQs masked; the
 * handler acknowledges every pending ID (on the GIC, reading GICC_IAR also
 * marks it active), runs its handler, and signals the end (GICC_EOIR) so
 * the controller may deliver that ID again.  A level-sensitive source must
 * have been quietened by its handler before the EOI, or it is delivered
 * again.
 */
#include <inttypes.h>

#include "arch_timer.h"
#include "bcm2836_l1_intc.h"
#include "fdt.h"
#include "gic.h"
#include "irq_chip.h"
#include "memory.h"
#include "io_map.h"
#include "irq.h"
#include "pgtable.h"
#include "printk.h"
#include "ptrace.h"
#include "setup.h"
#include "smp.h"
#include "traps.h"
#include "vmalloc.h"

#define NR_IRQ_ACTIONS	8

struct irq_action {
	unsigned id;
	irq_handler_t handler;
	void *arg;
	const char *name;
	uint32_t count;		/* every CPU's (the tick's PPI is taken on each): atomic adds */
};

static struct irq_action actions[NR_IRQ_ACTIONS];
static int nr_actions;
static unsigned nr_ids;
static uint32_t spurious;
static const struct irq_chip *chip;
static unsigned timer_id;		/* the virtual timer's ID on that controller */
static unsigned uart_id;		/* the console UART's */

/* The GIC's registers: in the static IO map, or ioremapped as Linux's
 * GIC driver does when the board has no static mapping for them. */
static uintptr_t gic_regs(uint64_t phys, uint64_t size)
{
	uint32_t va = io_map_virt(phys);

	if (va)
		return va;
	return (uintptr_t)ioremap(phys, size < 0x2000 ? 0x2000 : (uint32_t)size, MT_DEVICE);
}

/*
 * Before writing a register: is it a GICv2 that answers there?  The ID
 * registers are read under an exception fixup, so an address where
 * nothing answers (a synchronous external abort on virt) or another
 * device gives a line instead of a halt: GICD_PIDR2 must say an ARM
 * GICv1 or v2, GICC_IIDR an ARM CPU interface of version 2 or less.
 */
static bool gic_answers(uintptr_t dist, uintptr_t cpu)
{
	uint32_t pidr2, iidr;

	if (probe_read32(dist + GICD_PIDR2, &pidr2)) {
		printk("GIC: nothing answers at the distributor, 0x%08" PRIx32 " (external abort); "
		       "console input is polled and there is no tick\n", (uint32_t)board.gic_dist_base);
		return false;
	}
	/* ArchRev 1 or 2, and ARM's JEP106 code (PIDR2[3:0] = 0xb): an older
	 * PrimeCell such as a PL011 or PL031 has ArchRev-like bits too. */
	if ((((pidr2 >> 4) & 0xf) != 1 && ((pidr2 >> 4) & 0xf) != 2) || (pidr2 & 0xf) != 0xb) {
		printk("GIC: 0x%08" PRIx32 " is not a GICv2 distributor (GICD_PIDR2 0x%08" PRIx32 "); "
		       "console input is polled and there is no tick\n", (uint32_t)board.gic_dist_base, pidr2);
		return false;
	}
	if (probe_read32(cpu + GICC_IIDR, &iidr)) {
		printk("GIC: nothing answers at the CPU interface, 0x%08" PRIx32 " (external abort); "
		       "console input is polled and there is no tick\n", (uint32_t)board.gic_cpu_base);
		return false;
	}
	/* ARM's implementer code (0x43b) and architecture version 2 or less. */
	if (((iidr >> 16) & 0xf) > 2 || (iidr & 0xfff) != 0x43b) {
		printk("GIC: 0x%08" PRIx32 " is not a GICv2 CPU interface (GICC_IIDR 0x%08" PRIx32 "); "
		       "console input is polled and there is no tick\n", (uint32_t)board.gic_cpu_base, iidr);
		return false;
	}
	return true;
}

/* The first node compatible with `compat`, its reg base and phandle. */
static int find_compatible(const struct fdt *f, const char *compat, int ac, uint64_t *base,
			   uint32_t *phandle)
{
	const void *p;
	int node, depth = 0, len;

	for (node = 0; (node = fdt_next_node(f, node, &depth)) >= 0;)
		if (fdt_is_compatible(f, node, compat))
			break;
	if (node < 0 || !(p = fdt_getprop(f, node, "reg", &len)) || len < 4 * ac)
		return -1;
	*base = fdt_cells(p, ac);
	*phandle = 0;
	if ((p = fdt_getprop(f, node, "phandle", &len)) && len == 4)
		*phandle = fdt_be32(p);
	return node;
}

/*
 * No GIC: a BCM2836 local controller ("brcm,bcm2836-l1-intc") in the
 * device tree, and the input its "arm,armv7-timer" node gives the virtual
 * timer (the third entry of its interrupts, <input flags> in the
 * controller's two cells); behind it, a BCM2835 controller
 * ("brcm,bcm2836-armctrl-ic") and the console UART's <bank bit> on it.
 * The core's reader knows only the GIC's form, so this part of the tree
 * is read here.
 */
static bool find_l1_intc(uint64_t *base, unsigned *virt_input, uint64_t *armctrl_base,
			 unsigned *uart_gpu_id)
{
	const struct layout *l = &kernel_layout;
	struct fdt f;
	const void *p;
	int node, depth = 0, len, ac = 2, l1 = -1;
	uint32_t phandle = 0, parent = 0, armctrl_phandle = 0;

	if (!dtb_phys || !layout_is_lowmem_ram(l, dtb_phys) ||
	    fdt_open(&f, __va(dtb_phys), fdt_totalsize(__va(dtb_phys))) != 0)
		return false;
	if ((p = fdt_getprop(&f, 0, "#address-cells", &len)) && len == 4)
		ac = (int)fdt_be32(p);
	if ((p = fdt_getprop(&f, 0, "interrupt-parent", &len)) && len == 4)
		parent = fdt_be32(p);
	if (ac != 1 && ac != 2)
		return false;
	l1 = find_compatible(&f, "brcm,bcm2836-l1-intc", ac, base, &phandle);
	if (l1 < 0)
		return false;
	*virt_input = 0;
	*uart_gpu_id = 0;
	if (find_compatible(&f, "brcm,bcm2836-armctrl-ic", ac, armctrl_base, &armctrl_phandle) < 0)
		*armctrl_base = 0;
	/* The console: the PL011 node at board.uart_base, its <bank bit>
	 * (bank 1: GPU interrupts 0-31, bank 2: 32-63) on that controller. */
	depth = 0;
	for (node = 0; *armctrl_base && (node = fdt_next_node(&f, node, &depth)) >= 0;) {
		uint32_t my_parent = parent, bank, bit;

		if (!fdt_is_compatible(&f, node, "arm,pl011") || !(p = fdt_getprop(&f, node, "reg", &len)) ||
		    len < 4 * ac || fdt_cells(p, ac) != board.uart_base)
			continue;
		if ((p = fdt_getprop(&f, node, "interrupt-parent", &len)) && len == 4)
			my_parent = fdt_be32(p);
		if (armctrl_phandle && my_parent == armctrl_phandle &&
		    (p = fdt_getprop(&f, node, "interrupts", &len)) && len == 8) {
			bank = fdt_be32(p);
			bit = fdt_be32((const uint8_t *)p + 4);
			if ((bank == 1 || bank == 2) && bit < 32)
				*uart_gpu_id = BCM2836_FIRST_GPU_ID + 32 * (bank - 1) + bit;
		}
		break;
	}
	depth = 0;
	for (node = 0; (node = fdt_next_node(&f, node, &depth)) >= 0;) {
		uint32_t my_parent = parent;

		if (!fdt_is_compatible(&f, node, "arm,armv7-timer"))
			continue;
		if ((p = fdt_getprop(&f, node, "interrupt-parent", &len)) && len == 4)
			my_parent = fdt_be32(p);
		if (phandle && my_parent == phandle &&
		    (p = fdt_getprop(&f, node, "interrupts", &len)) && len >= 3 * 8)
			*virt_input = fdt_be32((const uint8_t *)p + 2 * 8);
		break;
	}
	return true;
}

static bool init_l1_intc(void)
{
	uint64_t base, armctrl_base;
	unsigned input, uart;
	void *regs, *armctrl = NULL;

	if (!find_l1_intc(&base, &input, &armctrl_base, &uart))
		return false;
	regs = ioremap(base, PAGE_SIZE, MT_DEVICE);
	if (armctrl_base)
		armctrl = ioremap(armctrl_base & ~(uint64_t)(PAGE_SIZE - 1), PAGE_SIZE, MT_DEVICE);
	if (!regs || (armctrl_base && !armctrl)) {
		printk("IRQ: cannot map the BCM2836 local interrupt controller at 0x%08" PRIx32
		       "; console input is polled and there is no tick\n", (uint32_t)base);
		return false;
	}
	nr_ids = bcm2836_l1_init((uintptr_t)regs, armctrl ? (uintptr_t)armctrl +
				 (uintptr_t)(armctrl_base & (PAGE_SIZE - 1)) : 0);
	chip = &bcm2836_l1_chip;
	uart_id = uart;
	if (input >= LOCAL_IRQ_TIMERS) {
		printk("IRQ: BCM2836 local interrupt controller at 0x%08" PRIx32 " (no GIC); the timer's "
		       "interrupts do not name one of its timer inputs 0-3: no tick\n", (uint32_t)base);
		input = 0;
	} else {
		printk("IRQ: BCM2836 local interrupt controller at 0x%08" PRIx32 " (no GIC): the virtual "
		       "timer on its input %u (CNTVIRQ), routed on each core: the tick\n", (uint32_t)base, input);
	}
	timer_id = input;
	if (armctrl && uart)
		printk("IRQ: BCM2835 interrupt controller at 0x%08" PRIx32 " behind its input 8: the "
		       "console's interrupt is GPU interrupt %u, here IRQ %u\n", (uint32_t)armctrl_base,
		       uart - BCM2836_FIRST_GPU_ID, uart);
	else if (armctrl)
		printk("IRQ: BCM2835 interrupt controller at 0x%08" PRIx32 " behind its input 8; the "
		       "console's node names no interrupt on it\n", (uint32_t)armctrl_base);
	return true;
}

bool init_IRQ(void)
{
	uintptr_t dist, cpu;

	if (!board.have_gic) {
		if (!board.gic_refused && init_l1_intc())
			return true;
		printk("GIC: %s; console input is polled and there is no tick\n",
		       board.gic_refused ? "the device tree's is not usable (above)" : "none in the device tree");
		return false;
	}
	dist = gic_regs(board.gic_dist_base, board.gic_dist_size);
	cpu = gic_regs(board.gic_cpu_base, board.gic_cpu_size);
	if (!dist || !cpu) {
		printk("GIC: cannot map its registers; console input is polled and there is no tick\n");
		return false;
	}
	if (!gic_answers(dist, cpu))
		return false;
	nr_ids = gic_init(dist, cpu);
	chip = &gic_chip;
	timer_id = board.timer_irq;
	uart_id = board.uart_irq;
	printk("GIC: v2, %u interrupt IDs; distributor at 0x%08" PRIx32 ", CPU interface at 0x%08" PRIx32 "\n",
	       nr_ids, (uint32_t)board.gic_dist_base, (uint32_t)board.gic_cpu_base);
	return true;
}

bool irq_enabled(void)
{
	return nr_ids != 0;
}

/* IPIs: the GIC's SGIs, the BCM2836's mailboxes (kernel/smp.c). */
bool irq_has_ipis(void)
{
	return chip && chip->send_ipi;
}

unsigned irq_ipi_id(unsigned ipi)
{
	return chip->ipi_base + ipi;
}

void irq_send_ipi(uint32_t cpu_mask, unsigned ipi)
{
	chip->send_ipi(cpu_mask, ipi);
}

/* A secondary CPU: its half of the controller, then its IPIs on. */
void irq_cpu_init(void)
{
	chip->cpu_init();
	chip->enable(irq_ipi_id(IPI_CALL_FUNC));
	chip->enable(irq_ipi_id(IPI_WAKE));
}

/* An ID that is each CPU's own (the tick's), on this CPU. */
void irq_enable_here(unsigned id)
{
	chip->enable(id);
}

unsigned irq_timer_id(void)
{
	return timer_id;
}

unsigned irq_uart_id(void)
{
	return uart_id;
}

int request_irq(unsigned id, irq_handler_t handler, void *arg, const char *name)
{
	if (!nr_ids || id >= nr_ids) {
		printk("irq: %s: interrupt %u does not exist\n", name, id);
		return -1;
	}
	for (int i = 0; i < nr_actions; i++)
		if (actions[i].id == id) {
			printk("irq: %s: interrupt %u is already %s's\n", name, id, actions[i].name);
			return -1;
		}
	if (nr_actions == NR_IRQ_ACTIONS) {
		printk("irq: %s: no room for another handler\n", name);
		return -1;
	}
	actions[nr_actions++] = (struct irq_action){ id, handler, arg, name, 0 };
	chip->enable(id);
	return 0;
}

void handle_irq(struct pt_regs *regs)
{
	uint32_t token;
	unsigned id;

	(void)regs;
	if (!chip)
		return;
	while (chip->ack(&token, &id)) {
		struct irq_action *a = NULL;

		for (int i = 0; i < nr_actions; i++)
			if (actions[i].id == id)
				a = &actions[i];
		if (a) {
			/* LDREX/STREX: two CPUs' ticks must not lose one. */
			__atomic_fetch_add(&a->count, 1, __ATOMIC_RELAXED);
			a->handler(a->arg);
		} else {
			/* Never enabled, so never expected: switch it off. */
			chip->disable(id);
			__atomic_fetch_add(&spurious, 1, __ATOMIC_RELAXED);
		}
		chip->eoi(token);
	}
}

void irq_print(void)
{
	if (!nr_ids) {
		printk("no interrupt controller: console input is polled\n");
	} else {
		printk(" IRQ      count  handler\n");
		for (int i = 0; i < nr_actions; i++)
			printk("%4u %10" PRIu32 "  %s\n", actions[i].id, actions[i].count, actions[i].name);
		printk("unexpected: %" PRIu32 "\n", spurious);
	}
	printk("tick: %s\n", tick_works() ? "working" : "none");
}
