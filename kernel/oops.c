/*
 * oops=linux: a fatal kernel fault reported as Linux 3.x's ARM kernel
 * reports it (arch/arm/mm/fault.c __do_kernel_fault() and show_pte(),
 * arch/arm/kernel/traps.c __die(), process.c __show_regs()), so a student
 * can hold vmsplit's crash next to the oops of a real kernel:
 *
 *   Unable to handle kernel paging request at virtual address c0100000
 *   pgd = c0140000
 *   [c0100000] *pgd=4000140e(bad)
 *   Internal error: Oops: 80f [#1] ARM
 *   ...
 *
 * The values are this machine's: the fault status and address the MMU
 * reported, the descriptors the table walk reads, the registers at the
 * fault, SCTLR, TTBR0 and DACR.  What vmsplit does not have is said, not
 * made up: it keeps no Linux PTEs beside the hardware ones (Linux's
 * short-descriptor tables pair each hardware table with a table of its
 * own bits: show_pte prints that one as *pte and the hardware one as
 * *ppte), no modules, no symbol table (PC is at an address, not a
 * function), no processes (Comm is the shell's, pid 0).
 */
#include <inttypes.h>

#include "arm/cp15.h"
#include "mmu.h"
#include "oops.h"
#include "pgtable.h"
#include "printk.h"
#include "sizes.h"

static const char *const modes[32] = {
	[0x10] = "USER_32", [0x11] = "FIQ_32", [0x12] = "IRQ_32", [0x13] = "SVC_32",
	[0x16] = "MON_32", [0x17] = "ABT_32", [0x1a] = "HYP_32", [0x1b] = "UND_32", [0x1f] = "SYS_32",
};

/* %016llx, which the kernel's printf (newlib-nano) does not have; one
 * buffer per call of a line is enough, the calls above use them in turn. */
static const char *hex64(uint64_t v)
{
	static char buf[3][17];
	static int k;
	static const char digits[] = "0123456789abcdef";

	k = (k + 1) % 3;
	for (int i = 15; i >= 0; i--, v >>= 4)
		buf[k][i] = digits[v & 15];
	buf[k][16] = '\0';
	return buf[k];
}

/* show_pte(): the first level for init_mm's pgd, then what lies below it. */
static void show_pte(uint32_t addr)
{
	struct walk w;

	pgtable_walk(&kernel_pgtable, addr, &w);
	printk("pgd = %08" PRIx32 "\n", (uint32_t)kernel_pgtable.l1);
	if (kernel_pgtable.fmt->levels == 2) {
		/* Linux's pgd entry is a pair of first-level entries (2 MB) and
		 * pgd_val() is the first of them; a section is pmd_bad(). */
		uint32_t pair = kernel_pgtable.l1[(addr >> 21) << 1];

		printk("[%08" PRIx32 "] *pgd=%08" PRIx32, addr, pair);
		if (pair & 3) {
			if ((pair & 3) != 1)
				printk("(bad)");
			else if (w.level >= 2)
				/* *pte would be Linux's own entry; vmsplit's tables are
				 * the hardware's alone. */
				printk(", *pte=(no Linux PTE in vmsplit), *ppte=%08" PRIx32, (uint32_t)w.desc[1]);
		}
		printk("\n");
		/* Linux fills both entries of a pair alike; vmsplit maps each
		 * megabyte on its own, so the entry that translated this address
		 * may differ from the pair's first: say what it is. */
		if (kernel_pgtable.l1[addr >> 20] != pair) {
			printk("vmsplit: this address's own first-level entry, the pair's second: L1[0x%03" PRIx32
			       "] = %08" PRIx32, addr >> 20, kernel_pgtable.l1[addr >> 20]);
			if (w.level >= 2)
				printk(", its page's *ppte=%08" PRIx32, (uint32_t)w.desc[1]);
			printk("\n");
		}
		return;
	}
	/* LPAE (3 levels): pgd, pmd, then the pte, which is the hardware's. */
	printk("[%08" PRIx32 "] *pgd=%s", addr, hex64(w.desc[0]));
	if (w.level >= 2 && (w.desc[0] & 3) == 3) {
		printk(", *pmd=%s", hex64(w.desc[1]));
		if ((w.desc[1] & 3) == 1)
			printk("(bad)");
		else if (w.level >= 3 && (w.desc[1] & 3) == 3)
			printk(", *pte=%s, *ppte=%s", hex64(w.desc[2]), hex64(w.desc[2]));
	}
	printk("\n");
}

/* __show_regs(): the registers as Linux prints them. */
static void show_regs(const struct pt_regs *regs)
{
	uint32_t psr = regs->psr;
	char flags[5] = {
		psr & (1u << 31) ? 'N' : 'n', psr & (1u << 30) ? 'Z' : 'z',
		psr & (1u << 29) ? 'C' : 'c', psr & (1u << 28) ? 'V' : 'v', 0,
	};
	const char *mode = modes[psr & 0x1f] ? modes[psr & 0x1f] : "UK_32";

	printk("CPU: 0    Not tainted  (vmsplit)\n");
	printk("PC is at %08" PRIx32 " (vmsplit has no symbol table: gdb's info symbol names it)\n", regs->pc);
	printk("LR is at %08" PRIx32 "\n", regs->lr);
	printk("pc : [<%08" PRIx32 ">]    lr : [<%08" PRIx32 ">]    psr: %08" PRIx32 "\n", regs->pc, regs->lr, psr);
	printk("sp : %08" PRIx32 "  ip : %08" PRIx32 "  fp : %08" PRIx32 "\n", regs->sp, regs->r[12], regs->r[11]);
	printk("r10: %08" PRIx32 "  r9 : %08" PRIx32 "  r8 : %08" PRIx32 "\n", regs->r[10], regs->r[9], regs->r[8]);
	printk("r7 : %08" PRIx32 "  r6 : %08" PRIx32 "  r5 : %08" PRIx32 "  r4 : %08" PRIx32 "\n",
	       regs->r[7], regs->r[6], regs->r[5], regs->r[4]);
	printk("r3 : %08" PRIx32 "  r2 : %08" PRIx32 "  r1 : %08" PRIx32 "  r0 : %08" PRIx32 "\n",
	       regs->r[3], regs->r[2], regs->r[1], regs->r[0]);
	printk("Flags: %s  IRQs o%s  FIQs o%s  Mode %s  ISA %s  Segment kernel\n", flags,
	       psr & (1u << 7) ? "ff" : "n", psr & (1u << 6) ? "ff" : "n", mode,
	       psr & (1u << 5) ? "Thumb" : "ARM");
	printk("Control: %08" PRIx32 "  Table: %08" PRIx32 "  DAC: %08" PRIx32 "\n",
	       read_sctlr(), read_ttbr0(), read_dacr());
}

void oops_linux(const struct fault_record *f, const struct pt_regs *regs)
{
	bool data = f->kind == EXC_DABT;

	printk("Unable to handle kernel %s at virtual address %08" PRIx32 "\n",
	       f->far < PAGE_SIZE ? "NULL pointer dereference" : "paging request", f->far);
	show_pte(f->far);
	/* A prefetch abort's status goes to die() with Linux's own bit 31
	 * (FSR_LNX_PF) set: "Oops: 80000005". */
	printk("Internal error: Oops: %" PRIx32 " [#1] ARM\n", data ? f->fsr : f->fsr | 0x80000000u);
	printk("Modules linked in:\n");
	show_regs(regs);
	printk("Process vmsplit (pid: 0)\n");
	printk("---[ end trace 0000000000000000 ]---\n");
	printk("Kernel panic - not syncing: Fatal exception\n");
}
