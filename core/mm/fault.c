/*
 * Fault status decoding, in both formats of the DFSR/IFSR (ARM ARM
 * B3.13.3).  Bit 9 (LPAE) says which: 0, the short-descriptor format
 * (table B3-23), FS[4:0] in bits 10 and 3:0, where "section" faults are
 * decided by a first-level entry and "page" faults by a second-level one;
 * 1, the long-descriptor format (table B3-24), the status in bits 5:0,
 * with the level of the table the walk ended in, 1 to 3, in its low two
 * bits for the faults a walk raises.
 */
#include "arm/long_desc.h"
#include "arm/sysreg.h"
#include "fault.h"

bool fsr_is_long(uint32_t fsr)
{
	return LD_GET(fsr, FSR, LPAE);
}

unsigned fsr_status(uint32_t fsr)
{
	if (fsr_is_long(fsr))
		return (unsigned)LD_GET(fsr, FSR, STATUS);
	return (fsr & FSR_FS_LOW) | ((fsr & FSR_FS_HIGH) ? 0x10 : 0);
}

struct fsr_name {
	unsigned fs;
	bool mmu;
	unsigned level;		/* of the walk, where the encoding says it */
	const char *name;
};

static const struct fsr_name short_names[] = {
	{ 0x01, false, 0, "alignment fault" },
	{ 0x02, false, 0, "debug event" },
	{ 0x03, true,  1, "access flag fault (section)" },
	{ 0x04, false, 0, "fault on instruction cache maintenance" },
	{ 0x05, true,  1, "translation fault (section)" },
	{ 0x06, true,  2, "access flag fault (page)" },
	{ 0x07, true,  2, "translation fault (page)" },
	{ 0x08, false, 0, "synchronous external abort" },
	{ 0x09, true,  1, "domain fault (section)" },
	{ 0x0b, true,  2, "domain fault (page)" },
	{ 0x0c, false, 1, "external abort on translation table walk (first level)" },
	{ 0x0d, true,  1, "permission fault (section)" },
	{ 0x0e, false, 2, "external abort on translation table walk (second level)" },
	{ 0x0f, true,  2, "permission fault (page)" },
	{ 0x10, false, 0, "TLB conflict abort" },
	{ 0x14, false, 0, "lockdown abort (implementation defined)" },
	{ 0x16, false, 0, "asynchronous external abort" },
	{ 0x18, false, 0, "asynchronous parity error on memory access" },
	{ 0x19, false, 0, "synchronous parity error on memory access" },
	{ 0x1a, false, 0, "coprocessor abort (implementation defined)" },
	{ 0x1c, false, 1, "parity error on translation table walk (first level)" },
	{ 0x1e, false, 2, "parity error on translation table walk (second level)" },
};

/* Table B3-24.  0b0000LL: the walk's output address beyond 40 bits (level
 * 0: the TTBR's).  Domain faults reach this format only from a stage 1
 * short-descriptor walk reported to Hyp mode. */
static const struct fsr_name long_names[] = {
	{ 0x00, false, 0, "address size fault (TTBR)" },
	{ 0x01, false, 1, "address size fault (level 1)" },
	{ 0x02, false, 2, "address size fault (level 2)" },
	{ 0x03, false, 3, "address size fault (level 3)" },
	{ 0x05, true,  1, "translation fault (level 1)" },
	{ 0x06, true,  2, "translation fault (level 2)" },
	{ 0x07, true,  3, "translation fault (level 3)" },
	{ 0x09, true,  1, "access flag fault (level 1)" },
	{ 0x0a, true,  2, "access flag fault (level 2)" },
	{ 0x0b, true,  3, "access flag fault (level 3)" },
	{ 0x0d, true,  1, "permission fault (level 1)" },
	{ 0x0e, true,  2, "permission fault (level 2)" },
	{ 0x0f, true,  3, "permission fault (level 3)" },
	{ 0x10, false, 0, "synchronous external abort" },
	{ 0x11, false, 0, "asynchronous external abort" },
	{ 0x15, false, 1, "external abort on translation table walk (level 1)" },
	{ 0x16, false, 2, "external abort on translation table walk (level 2)" },
	{ 0x17, false, 3, "external abort on translation table walk (level 3)" },
	{ 0x18, false, 0, "synchronous parity error on memory access" },
	{ 0x19, false, 0, "asynchronous parity error on memory access" },
	{ 0x1d, false, 1, "parity error on translation table walk (level 1)" },
	{ 0x1e, false, 2, "parity error on translation table walk (level 2)" },
	{ 0x1f, false, 3, "parity error on translation table walk (level 3)" },
	{ 0x21, false, 0, "alignment fault" },
	{ 0x22, false, 0, "debug event" },
	{ 0x30, false, 0, "TLB conflict abort" },
	{ 0x34, false, 0, "lockdown abort (implementation defined)" },
	{ 0x3a, false, 0, "coprocessor abort (implementation defined)" },
	{ 0x3d, true,  1, "domain fault (level 1)" },
	{ 0x3e, true,  2, "domain fault (level 2)" },
};

static const struct fsr_name *lookup(uint32_t fsr)
{
	unsigned fs = fsr_status(fsr);

	if (fsr_is_long(fsr)) {
		for (unsigned i = 0; i < sizeof(long_names) / sizeof(long_names[0]); i++)
			if (long_names[i].fs == fs)
				return &long_names[i];
		return NULL;
	}
	for (unsigned i = 0; i < sizeof(short_names) / sizeof(short_names[0]); i++)
		if (short_names[i].fs == fs)
			return &short_names[i];
	return NULL;
}

const char *fsr_description(uint32_t fsr)
{
	const struct fsr_name *n = lookup(fsr);

	return n ? n->name : "reserved fault status";
}

/* Short: section and page forms differ in FS[1] only (B3-23): 0x5/0x7
 * translation, 0x3/0x6 access flag, 0x9/0xb domain, 0xd/0xf permission.
 * Long: the type in status[5:2], the level in [1:0] (B3-24). */
enum fsr_class fsr_class(uint32_t fsr)
{
	const struct fsr_name *n = lookup(fsr);

	if (!n || !n->mmu)
		return FSR_OTHER;
	if (fsr_is_long(fsr)) {
		switch (n->fs >> 2) {
		case 0x1: return FSR_TRANSLATION;
		case 0x2: return FSR_ACCESS_FLAG;
		case 0x3: return FSR_PERMISSION;
		default:  return FSR_DOMAIN;		/* 0b1111LL */
		}
	}
	switch (n->fs) {
	case 0x05: case 0x07: return FSR_TRANSLATION;
	case 0x03: case 0x06: return FSR_ACCESS_FLAG;
	case 0x09: case 0x0b: return FSR_DOMAIN;
	default:              return FSR_PERMISSION;
	}
}

bool fsr_is_mmu_fault(uint32_t fsr)
{
	const struct fsr_name *n = lookup(fsr);

	return n && n->mmu;
}

unsigned fsr_level(uint32_t fsr)
{
	const struct fsr_name *n = lookup(fsr);

	return n ? n->level : 0;
}
