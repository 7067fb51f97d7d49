/* board: what vmsplit needs to know about the machine, read from the DTB.
 *
 * Pure code: it reads a blob that is already mapped and prints through
 * printk(); it touches no hardware.  Device `reg` values are the raw bus
 * addresses of the node's parent (read with the parent's #address-cells /
 * #size-cells); there is no `ranges` translation, so a device behind a
 * non-identity bus is reported as not found.
 */
#ifndef VMSPLIT_BOARD_H
#define VMSPLIT_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BOARD_MAX_MEM 8

enum psci_conduit { PSCI_NONE, PSCI_HVC, PSCI_SMC };

struct board_ram;

struct board_info {
	char model[64];
	const struct board_ram *known;	/* the board of boards.h whose compatible the root
					 * has (QEMU loads the kernel at its RAM base), or NULL */			/* /model, "" if absent (cut to 63 chars) */
	int nr_mem;			/* ranges from every node with device_type = "memory"; reg uses the
					 * ROOT's #address-cells/#size-cells (2/1 when absent) */
	struct { uint64_t base, size; } mem[BOARD_MAX_MEM];
	bool have_uart; uint64_t uart_base, uart_size;	/* PL011 console: /chosen/stdout-path (":options"
							 * stripped, aliases resolved) if it is "arm,pl011",
							 * else the first "arm,pl011" node */
	uint32_t uart_irq;		/* its GIC interrupt ID (32 + SPI), 0 if not given or not an SPI */
	uint32_t timer_irq;		/* "arm,armv7-timer": the virtual timer's ID (16 + PPI), 0 if none
					 * or not a PPI (a line says why) */
	bool have_gic; uint64_t gic_dist_base, gic_dist_size, gic_cpu_base, gic_cpu_size; /* first
							 * "arm,cortex-a15-gic": reg 0 = distributor, 1 = CPU interface;
							 * each a page or more, not RAM, the UART or the other */
	bool gic_refused;		/* there is one, but its reg is not usable (a line said why) */
	enum psci_conduit psci;		/* /psci "method" = "hvc" or "smc" */
	const char *bootargs;		/* /chosen/bootargs inside the blob, or NULL */
	int nr_rsv; struct { uint64_t base, size; } rsv[BOARD_MAX_MEM];	/* /memreserve/ entries */
	int nr_holes; struct { uint64_t base, size; } holes[BOARD_MAX_MEM];	/* "qcom,memblock-remove"
							 * pairs of "qcom,msm-mem-hole" nodes: RAM taken out
							 * of the banks (msm's modem holes) */
	/* /reserved-memory (Linux 3.15 on): its children, in the tree's order.
	 * A child with reg is static (each reg entry one region); one with
	 * only "size" is dynamic, placed at boot ("alignment" honoured).
	 * resmem_bad_root: the node is there, but its #address-cells /
	 * #size-cells are not the root's or it has no "ranges" (Linux
	 * ignores all of it then). */
	bool have_resmem, resmem_bad_root;
	int nr_resmem;
	struct board_resmem {
		char name[32];		/* the child's node name (cut to 31) */
		uint64_t base, size, align;
		bool dynamic;		/* size only: base is decided at boot */
		bool no_map;		/* "no-map": out of the linear map */
		bool reusable;		/* "reusable": the kernel may use it until the owner asks */
		bool dma_pool;		/* compatible "shared-dma-pool" */
	} resmem[BOARD_MAX_MEM];
	/* The power switch where there is no firmware (QEMU virt,secure=on): the
	 * first "gpio-poweroff" node whose gpios name an "arm,pl061" at the root,
	 * both "okay" for that world ([0] Non-secure: status; [1] Secure:
	 * secure-status, else status). */
	struct board_gpio_poweroff {
		bool found;
		uint64_t base;		/* the PL061's page */
		unsigned pin;		/* 0-7 */
		bool active_low;
	} poweroff_gpio[2];
};

/* Fill *b from the blob (`avail` bytes readable).  Returns 0, or a negative
 * FDT_ERR_* when the blob itself is bad (one line says why).  Fields it cannot
 * find stay zero/false/NULL and a "DT: ..." line says so; memory ranges of
 * size 0 are skipped, ranges past BOARD_MAX_MEM dropped, each with a line. */
int board_from_fdt(struct board_info *b, const void *blob, size_t avail);

/* What the tree says about RAM, handed to the decision: its memory ranges,
 * then the holes cut out of them, then the /memreserve/ entries.  The
 * kernel and the host tool both go through here, so they decide on the
 * same banks. */
struct boot_config;
void board_to_boot_config(const struct board_info *b, struct boot_config *bc);

#endif
