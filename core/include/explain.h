/*
 * explain: why the layout is as it is, told with one boot's numbers.
 *
 * The decision (layout_decide) computes; this reads what it computed and
 * the boot config it came from, and prints the arithmetic step by step in
 * the era's terms (vmalloc_min, VMALLOC_OFFSET, high_memory ...), so a
 * reader can redo it by hand.  Pure: printk only.  The kernel's `explain`
 * command and the host tool's `memlayout --explain` both call it.
 */
#ifndef VMSPLIT_EXPLAIN_H
#define VMSPLIT_EXPLAIN_H

#include "layout.h"

/* One topic ("lowmem", "vmalloc", ... ; NULL or "" lists them).  Returns 0,
 * or -1 for a topic nobody knows (the list is printed after the reason). */
int layout_explain(const struct boot_config *bc, const struct layout *l, const char *topic);

#endif
