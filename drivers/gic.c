/*
 * GICv2 driver: enough for one CPU with a handful of interrupts.
 *
 * QEMU's virt builds the GIC without the Security Extensions unless
 * started with secure=on, so every interrupt is in Group 0 and is
 * signalled as IRQ; there is nothing to configure for groups.
 */
#include "gic.h"
#include "irq_chip.h"

static volatile uint8_t *gicd, *gicc;

static void dist_write(unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(gicd + off) = v;
}

static uint32_t dist_read(unsigned off)
{
	return *(volatile uint32_t *)(gicd + off);
}

static void cpu_write(unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(gicc + off) = v;
}

unsigned gic_init(uintptr_t dist, uintptr_t cpu)
{
	unsigned nr;

	gicd = (volatile uint8_t *)dist;
	gicc = (volatile uint8_t *)cpu;
	nr = 32 * ((dist_read(GICD_TYPER) & 0x1f) + 1);
	if (nr > GIC_SPURIOUS - 3)	/* IDs 1020-1023 are special */
		nr = GIC_SPURIOUS - 3;

	dist_write(GICD_CTLR, 0);
	for (unsigned id = 0; id < nr; id += 32) {
		dist_write(GICD_ICENABLER + id / 8, 0xffffffff);
		dist_write(GICD_ICPENDR + id / 8, 0xffffffff);
	}
	for (unsigned id = 0; id < nr; id += 4) {
		dist_write(GICD_IPRIORITYR + id, GIC_PRIO_DEFAULT * 0x01010101u);
		/* The target bytes of private interrupts are read-only. */
		if (id >= GIC_FIRST_SPI)
			dist_write(GICD_ITARGETSR + id, 0x01010101u);
	}
	dist_write(GICD_CTLR, GICD_CTLR_ENABLE);

	cpu_write(GICC_PMR, GIC_PMR_ALL);
	cpu_write(GICC_CTLR, GICC_CTLR_ENABLE);
	return nr;
}

void gic_enable(unsigned id)
{
	dist_write(GICD_ISENABLER + (id / 32) * 4, 1u << (id % 32));
}

void gic_disable(unsigned id)
{
	dist_write(GICD_ICENABLER + (id / 32) * 4, 1u << (id % 32));
}

unsigned gic_ack(void)
{
	return *(volatile uint32_t *)(gicc + GICC_IAR);
}

void gic_eoi(unsigned iar)
{
	cpu_write(GICC_EOIR, iar);
}

/* The GIC as kernel/irq.c sees it: the token is GICC_IAR's whole value
 * (GICC_EOIR wants it back), the ID its low ten bits. */
static bool gic_chip_ack(uint32_t *token, unsigned *id)
{
	*token = gic_ack();
	*id = *token & GIC_ID_MASK;
	return *id != GIC_SPURIOUS;
}

static void gic_chip_eoi(uint32_t token)
{
	gic_eoi((unsigned)token);
}

const struct irq_chip gic_chip = {
	.name = "GIC",
	.ack = gic_chip_ack,
	.eoi = gic_chip_eoi,
	.enable = gic_enable,
	.disable = gic_disable,
	.cpu_init = gic_cpu_init,
	.send_ipi = gic_send_sgi,	/* SGIs: IPI n is SGI n */
	.ipi_base = 0,
};

/*
 * Another CPU's half: its CPU interface, and its banked distributor
 * registers for IDs 0-31 (each CPU has its own SGI and PPI enables and
 * priorities; GIC v2 spec 4.3.2).  The distributor itself is CPU 0's
 * gic_init() and is not touched again.
 */
void gic_cpu_init(void)
{
	dist_write(GICD_ICENABLER, 0xffffffff);
	dist_write(GICD_ICPENDR, 0xffffffff);
	for (unsigned id = 0; id < GIC_FIRST_SPI; id += 4)
		dist_write(GICD_IPRIORITYR + id, GIC_PRIO_DEFAULT * 0x01010101u);
	cpu_write(GICC_PMR, GIC_PMR_ALL);
	cpu_write(GICC_CTLR, GICC_CTLR_ENABLE);
}

/* An SGI to the CPU interfaces in cpu_mask (GICD_SGIR: TargetListFilter
 * 0, "the CPUs in the list").  The DSB first: whatever the target will
 * read on taking it (a mailbox) must be written before it can arrive. */
void gic_send_sgi(uint32_t cpu_mask, unsigned id)
{
	__asm__ volatile("dsb" : : : "memory");
	dist_write(GICD_SGIR, (cpu_mask & 0xff) << 16 | (id & 0xf));
}
