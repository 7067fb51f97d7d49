/*
 * Interrupts: a small table of handlers behind the GIC.
 *
 * An IRQ exception comes through kernel/entry.S with IRQs masked; the
 * handler acknowledges every pending ID (reading GICC_IAR also marks it
 * active), runs its handler, and signals the end (GICC_EOIR) so the GIC
 * may deliver that ID again.  A level-sensitive source must have been
 * quietened by its handler before the EOI, or it is delivered again.
 */
#include <inttypes.h>

#include "arch_timer.h"
#include "gic.h"
#include "io_map.h"
#include "irq.h"
#include "pgtable.h"
#include "printk.h"
#include "ptrace.h"
#include "setup.h"
#include "traps.h"
#include "vmalloc.h"

#define NR_IRQ_ACTIONS	8

struct irq_action {
	unsigned id;
	irq_handler_t handler;
	void *arg;
	const char *name;
	uint32_t count;
};

static struct irq_action actions[NR_IRQ_ACTIONS];
static int nr_actions;
static unsigned nr_ids;
static uint32_t spurious;

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

bool init_IRQ(void)
{
	uintptr_t dist, cpu;

	if (!board.have_gic) {
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
	printk("GIC: v2, %u interrupt IDs; distributor at 0x%08" PRIx32 ", CPU interface at 0x%08" PRIx32 "\n",
	       nr_ids, (uint32_t)board.gic_dist_base, (uint32_t)board.gic_cpu_base);
	return true;
}

bool irq_enabled(void)
{
	return nr_ids != 0;
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
	gic_enable(id);
	return 0;
}

void handle_irq(struct pt_regs *regs)
{
	unsigned iar;

	(void)regs;
	while (((iar = gic_ack()) & GIC_ID_MASK) != GIC_SPURIOUS) {
		struct irq_action *a = NULL;

		for (int i = 0; i < nr_actions; i++)
			if (actions[i].id == (iar & GIC_ID_MASK))
				a = &actions[i];
		if (a) {
			a->count++;
			a->handler(a->arg);
		} else {
			/* Never enabled, so never expected: switch it off. */
			gic_disable(iar & GIC_ID_MASK);
			spurious++;
		}
		gic_eoi(iar);
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
