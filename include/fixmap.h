/*
 * The fixmap: one-page slots at addresses fixed by the layout, for
 * mappings that must exist before anything can be allocated (Linux's
 * asm/fixmap.h).  Slot x is FIXADDR_START + x pages until 3.x, and
 * FIXADDR_TOP - x pages from 4.x.
 */
#ifndef VMSPLIT_FIXMAP_H
#define VMSPLIT_FIXMAP_H

#include "pgtable.h"
#include "smp.h"

/* kmap_atomic()'s slots: KM_TYPE_NR for each CPU, each CPU's own stack
 * (Linux's FIX_KMAP_BEGIN + type + KM_TYPE_NR * smp_processor_id()), so
 * one CPU's mappings never sit in another's order. */
#define KM_TYPE_NR	16

enum fixed_addresses {
	FIX_EARLYCON,		/* the console before the static IO map exists */
	FIX_KMAP_BEGIN,		/* kmap_atomic() slots (highmem) from here */
	FIX_KMAP_END = FIX_KMAP_BEGIN + KM_TYPE_NR * NR_CPUS - 1,
	FIX_USER_BEGIN,		/* free for the shell's fixmap command */
};

uint32_t fix_to_virt(unsigned slot);	/* 0 if the slot does not exist */
unsigned fixmap_slots(void);
int set_fixmap(unsigned slot, phys_addr_t phys, enum mem_type_id type);
int clear_fixmap(unsigned slot);

#endif
