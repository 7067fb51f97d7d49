/* What every memory type must be, written out by hand from the ARM ARM
 * (tests/unit/want_mem_types.c): the memory-type tests compare mem_types[]
 * with it field by field, the page-table tests the descriptors they find. */
#ifndef VMSPLIT_TEST_WANT_MEM_TYPES_H
#define VMSPLIT_TEST_WANT_MEM_TYPES_H

#include <stdint.h>

#include "pgtable.h"

/* Fields of a descriptor, decoded with the ARM ARM's bit positions. */
struct attrs {
	unsigned tex, c, b, ap, apx, s, ng, xn, domain;
};

struct want_type {
	enum mem_type_id t;
	const char *name;
	struct attrs a;
	uint32_t sect, pte, l1;
	const char *perm, *mem;		/* as describe_l1() names them */
};

/* Indexed by enum mem_type_id. */
extern const struct want_type want_types[];
extern const unsigned nr_want_types;

/* Which memory type an entry's bits are; -1 if none.  Only the tests ask
 * (the kernel never needs it), so it lives here, not in the core. */
int mem_type_of_section(uint32_t sect);
int mem_type_of_pte(uint32_t pte);

#endif
