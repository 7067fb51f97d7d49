/*
 * Fault status decoding, short-descriptor format (ARM ARM B3.13.3,
 * table B3-23).  The level in the name says which table the walk ended in:
 * "section" faults are decided by a first-level entry, "page" faults by a
 * second-level one.
 */
#include "arm/sysreg.h"
#include "fault.h"

unsigned fsr_status(uint32_t fsr)
{
	return (fsr & FSR_FS_LOW) | ((fsr & FSR_FS_HIGH) ? 0x10 : 0);
}

struct fsr_name {
	unsigned fs;
	bool mmu;
	const char *name;
};

static const struct fsr_name fsr_names[] = {
	{ 0x01, false, "alignment fault" },
	{ 0x02, false, "debug event" },
	{ 0x03, true,  "access flag fault (section)" },
	{ 0x04, false, "fault on instruction cache maintenance" },
	{ 0x05, true,  "translation fault (section)" },
	{ 0x06, true,  "access flag fault (page)" },
	{ 0x07, true,  "translation fault (page)" },
	{ 0x08, false, "synchronous external abort" },
	{ 0x09, true,  "domain fault (section)" },
	{ 0x0b, true,  "domain fault (page)" },
	{ 0x0c, false, "external abort on translation table walk (first level)" },
	{ 0x0d, true,  "permission fault (section)" },
	{ 0x0e, false, "external abort on translation table walk (second level)" },
	{ 0x0f, true,  "permission fault (page)" },
	{ 0x10, false, "TLB conflict abort" },
	{ 0x14, false, "lockdown abort (implementation defined)" },
	{ 0x16, false, "asynchronous external abort" },
	{ 0x18, false, "asynchronous parity error on memory access" },
	{ 0x19, false, "synchronous parity error on memory access" },
	{ 0x1a, false, "coprocessor abort (implementation defined)" },
	{ 0x1c, false, "parity error on translation table walk (first level)" },
	{ 0x1e, false, "parity error on translation table walk (second level)" },
};

static const struct fsr_name *lookup(uint32_t fsr)
{
	unsigned fs = fsr_status(fsr);

	for (unsigned i = 0; i < sizeof(fsr_names) / sizeof(fsr_names[0]); i++)
		if (fsr_names[i].fs == fs)
			return &fsr_names[i];
	return NULL;
}

const char *fsr_description(uint32_t fsr)
{
	const struct fsr_name *n = lookup(fsr);

	return n ? n->name : "reserved fault status";
}

/* Section and page forms differ in FS[1] only (B3-23): 0x5/0x7
 * translation, 0x3/0x6 access flag, 0x9/0xb domain, 0xd/0xf permission. */
enum fsr_class fsr_class(uint32_t fsr)
{
	switch (fsr_status(fsr)) {
	case 0x05: case 0x07: return FSR_TRANSLATION;
	case 0x03: case 0x06: return FSR_ACCESS_FLAG;
	case 0x09: case 0x0b: return FSR_DOMAIN;
	case 0x0d: case 0x0f: return FSR_PERMISSION;
	default:              return FSR_OTHER;
	}
}

bool fsr_is_mmu_fault(uint32_t fsr)
{
	const struct fsr_name *n = lookup(fsr);

	return n && n->mmu;
}
