/*
 * The long-descriptor field table as data, and the decoders that work
 * from it: which kind an entry is, a field by name, a conversion between
 * two kinds that share fields, the 64-bit PAR, and the names of AP[2:1],
 * SH and MAIR attribute values.  Every one of them reads
 * core/include/arm/long_desc.h; none knows a bit position of its own.
 */
#include <stdbool.h>
#include <string.h>

#include "arm/long_desc.h"

const struct long_desc_field long_desc_fields[] = {
#define LD_ROW(kind, field, shift, width, what) { LD_##kind, #kind, #field, what, shift, width },
	LONG_DESC_FIELDS(LD_ROW)
#undef LD_ROW
};
const unsigned nr_long_desc_fields = sizeof(long_desc_fields) / sizeof(long_desc_fields[0]);

/* Bit 0 says valid, bit 1 table (levels 1-2) or page (level 3): the
 * TABLE and PAGE kinds' TYPE fields are 0b11, the blocks' 0b01. */
int long_desc_kind_of(int level, uint64_t d)
{
	unsigned type = (unsigned)LD_GET(d, TABLE, TYPE);

	if (!(type & 1))
		return -1;
	switch (level) {
	case 1: return type == LD_GET(LD_MASK(TABLE, TYPE), TABLE, TYPE) ? LD_TABLE : LD_BLOCK1;
	case 2: return type == LD_GET(LD_MASK(TABLE, TYPE), TABLE, TYPE) ? LD_TABLE : LD_BLOCK2;
	case 3: return type == LD_GET(LD_MASK(PAGE, TYPE), PAGE, TYPE) ? LD_PAGE : -1;
	default: return -1;
	}
}

const struct long_desc_field *long_desc_field(enum long_desc_kind kind, const char *name)
{
	for (unsigned i = 0; i < nr_long_desc_fields; i++)
		if (long_desc_fields[i].kind == kind && !strcmp(long_desc_fields[i].name, name))
			return &long_desc_fields[i];
	return NULL;
}

static uint64_t field_value(uint64_t d, const struct long_desc_field *f)
{
	return (d >> f->shift) & ((UINT64_C(1) << f->width) - 1);
}

int64_t long_desc_get(uint64_t d, enum long_desc_kind kind, const char *name)
{
	const struct long_desc_field *f = long_desc_field(kind, name);

	return f ? (int64_t)field_value(d, f) : -1;
}

uint64_t long_desc_convert(uint64_t d, enum long_desc_kind from, enum long_desc_kind to)
{
	uint64_t out = 0;

	for (unsigned i = 0; i < nr_long_desc_fields; i++) {
		const struct long_desc_field *t = &long_desc_fields[i], *f;

		if (t->kind != to)
			continue;
		if (!strcmp(t->name, "TYPE")) {		/* the kind's own type value */
			out |= (to == LD_BLOCK1 || to == LD_BLOCK2 ? UINT64_C(1) : UINT64_C(3)) << t->shift;
			continue;
		}
		if (strcmp(t->name, "ADDR") && (f = long_desc_field(from, t->name)) && f->width == t->width)
			out |= field_value(d, f) << t->shift;
	}
	return out;
}

uint64_t long_desc_par_pa(uint32_t va, uint64_t par)
{
	if (LD_GET(par, PAR, F))
		return (uint64_t)-1;
	return (par & LD_MASK(PAR, ADDR)) | (va & ~(uint32_t)LD_MASK(PAR, ADDR));
}

uint32_t long_desc_par_fsr(uint64_t par)
{
	return (uint32_t)(LD_PREP(FSR, STATUS, LD_GET(par, PARF, FST)) | LD_BIT(FSR, LPAE));
}

static const char *const ap_names[4][3] = {
#define AP_ROW(v, name, pl1, pl0) [v] = { name, pl1, pl0 },
	LONG_DESC_AP_NAMES(AP_ROW)
#undef AP_ROW
};

const char *long_desc_ap_name(unsigned ap) { return ap_names[ap & 3][0]; }
const char *long_desc_ap_pl1(unsigned ap) { return ap_names[ap & 3][1]; }
const char *long_desc_ap_pl0(unsigned ap) { return ap_names[ap & 3][2]; }

static const char *const sh_names[4] = {
#define SH_ROW(v, name) [v] = name,
	LONG_DESC_SH_NAMES(SH_ROW)
#undef SH_ROW
};

const char *long_desc_sh_name(unsigned sh)
{
	return sh_names[sh & 3];
}

static const char *const attr_names[256][2] = {
#define ATTR_ROW(v, name, brief) [v] = { name, brief },
	LONG_DESC_MAIR_NAMES(ATTR_ROW)
#undef ATTR_ROW
};

static const char *const policy_names[16] = {
#define POLICY_ROW(v, name) [v] = name,
	LONG_DESC_MAIR_POLICY(POLICY_ROW)
#undef POLICY_ROW
};

const char *long_desc_attr_name(unsigned attr)
{
	static char buf[128];
	const char *inner, *outer;

	attr &= 0xff;
	if (attr_names[attr][0])
		return attr_names[attr][0];
	inner = policy_names[attr & 0xf];
	outer = policy_names[attr >> 4];
	if (!inner || !outer)		/* device encodings but 0x00/0x04, UNPREDICTABLE halves */
		return "reserved";
	/* Built from the two names each time: the buffer holds the last. */
	strcpy(buf, "normal, inner ");
	strcat(buf, inner);
	strcat(buf, ", outer ");
	strcat(buf, outer);
	return buf;
}

const char *long_desc_attr_short(unsigned attr)
{
	return attr_names[attr & 0xff][1] ? attr_names[attr & 0xff][1] : "other";
}

/* One half's class: 0 non-cacheable, 1 write-through, 2 write-back, -1 UNPREDICTABLE. */
static int policy_class(unsigned half)
{
	if (half == 0x4)
		return 0;
	if (half >= 0x8)
		return (half >> 2) & 1 ? 2 : 1;
	return -1;
}

enum mem_kind long_desc_attr_kind(unsigned attr)
{
	int in = policy_class(attr & 0xf), out = policy_class((attr >> 4) & 0xf);

	attr &= 0xff;
	if (attr == 0x00)
		return MEM_KIND_STRONGLY_ORDERED;
	if (attr == 0x04)
		return MEM_KIND_DEVICE;
	if (in < 0 || out < 0 || in != out)
		return MEM_KIND_OTHER;
	if (in == 0)
		return MEM_KIND_NORMAL_UNCACHED;
	if (in == 1)
		return MEM_KIND_NORMAL_WT;
	/* Write-back: write-allocate (W, bit 0 of each half) on both or on neither. */
	if ((attr & 0x11) == 0x11)
		return MEM_KIND_NORMAL_WBWA;
	return (attr & 0x11) ? MEM_KIND_OTHER : MEM_KIND_NORMAL_WB;
}

unsigned long_desc_mair_attr(uint32_t mair0, uint32_t mair1, unsigned n)
{
	uint64_t mair = (uint64_t)mair1 << 32 | mair0;

	return (unsigned)(mair >> (8 * (n & 7))) & 0xff;
}

static const char *const linux_mt_names[8] = {
#define MT_ROW(n, name, attr) [n] = name,
	LONG_DESC_LINUX_ATTRINDX(MT_ROW)
#undef MT_ROW
};

const char *long_desc_linux_mt_name(unsigned n)
{
	return linux_mt_names[n & 7];
}
