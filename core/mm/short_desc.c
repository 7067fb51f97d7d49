/*
 * The short-descriptor field table as data, and the decoders that work
 * from it: which kind an entry is, a field by name, a conversion between
 * two kinds that share fields, and the names of AP and TEX:C:B values.
 * Every one of them reads core/include/arm/short_desc.h; none knows a bit
 * position of its own.
 */
#include <stdbool.h>
#include <string.h>

#include "arm/short_desc.h"

const struct short_desc_field short_desc_fields[] = {
#define SD_ROW(kind, field, shift, width, what) { SD_##kind, #kind, #field, what, shift, width },
	SHORT_DESC_FIELDS(SD_ROW)
#undef SD_ROW
};
const unsigned nr_short_desc_fields = sizeof(short_desc_fields) / sizeof(short_desc_fields[0]);

int short_desc_kind_of(int level, uint32_t d)
{
	if (level == 1) {
		if (SD_GET(d, SECT, TYPE))	/* 0b1x, whatever PXN says */
			return SD_GET(d, SECT, SUPER) ? SD_SUPER : SD_SECT;
		return SD_GET(d, TABLE, TYPE) == 1 ? SD_TABLE : -1;
	}
	if (SD_GET(d, SMALL, TYPE))		/* 0b1x, whatever XN says */
		return SD_SMALL;
	return SD_GET(d, LARGE, TYPE) == 1 ? SD_LARGE : -1;
}

static const struct short_desc_field *field_of(enum short_desc_kind kind, const char *name)
{
	for (unsigned i = 0; i < nr_short_desc_fields; i++)
		if (short_desc_fields[i].kind == kind && !strcmp(short_desc_fields[i].name, name))
			return &short_desc_fields[i];
	return NULL;
}

static uint32_t field_value(uint32_t d, const struct short_desc_field *f)
{
	return (d >> f->shift) & ((UINT32_C(1) << f->width) - 1);
}

long short_desc_get(uint32_t d, enum short_desc_kind kind, const char *name)
{
	const struct short_desc_field *f = field_of(kind, name);

	return f ? (long)field_value(d, f) : -1;
}

/* Fields that say what a descriptor is, or where it points, do not move. */
static bool converts(const char *name)
{
	return strcmp(name, "TYPE") && strcmp(name, "ADDR") && strcmp(name, "SUPER");
}

uint32_t short_desc_convert(uint32_t d, enum short_desc_kind from, enum short_desc_kind to)
{
	uint32_t out = 0;

	for (unsigned i = 0; i < nr_short_desc_fields; i++) {
		const struct short_desc_field *t = &short_desc_fields[i], *f;

		if (t->kind != to)
			continue;
		if (!strcmp(t->name, "TYPE")) {		/* the kind's own type value */
			out |= UINT32_C(1) << t->shift;	/* 0b01 or 0b1x: 1 in the field */
			continue;
		}
		if (converts(t->name) && (f = field_of(from, t->name)) && f->width == t->width)
			out |= field_value(d, f) << t->shift;
	}
	return out;
}

uint64_t short_desc_par_pa(uint32_t va, uint32_t par)
{
	if (SD_GET(par, PAR, F))
		return (uint64_t)-1;
	if (SD_GET(par, PAR, SS))	/* PA[31:24] in PAR, the rest from the VA */
		return (par & SD_MASK(PAR, SADDR)) | (va & ~SD_MASK(PAR, SADDR));
	return (par & SD_MASK(PAR, ADDR)) | (va & ~SD_MASK(PAR, ADDR));
}

uint32_t short_desc_par_fsr(uint32_t par)
{
	return SD_GET(par, PARF, FS30) | SD_GET(par, PARF, FS4) << 10;
}

static const char *const ap_names[8][3] = {
#define AP_ROW(v, name, pl1, pl0) [v] = { name, pl1, pl0 },
	SHORT_DESC_AP_NAMES(AP_ROW)
#undef AP_ROW
};

const char *short_desc_ap_name(unsigned apx, unsigned ap)
{
	return ap_names[((apx & 1) << 2) | (ap & 3)][0];
}

const char *short_desc_ap_pl1(unsigned apx, unsigned ap)
{
	return ap_names[((apx & 1) << 2) | (ap & 3)][1];
}

const char *short_desc_ap_pl0(unsigned apx, unsigned ap)
{
	return ap_names[((apx & 1) << 2) | (ap & 3)][2];
}

static const char *const memory_names[32][2] = {
#define MEM_ROW(v, name, brief) [v] = { name, brief },
	SHORT_DESC_MEMORY_NAMES(MEM_ROW)
#undef MEM_ROW
};

static const char *const cache_policy[4] = {
#define POLICY_ROW(v, name) [v] = name,
	SHORT_DESC_CACHE_POLICY(POLICY_ROW)
#undef POLICY_ROW
};

const char *short_desc_memory_name(unsigned tex, unsigned c, unsigned b)
{
	static char buf[96];
	unsigned v = ((tex & 7) << 2) | ((c & 1) << 1) | (b & 1);

	if (memory_names[v][0])
		return memory_names[v][0];
	if (tex & 4) {		/* TEX[1:0] outer, C:B inner policy */
		/* Built from the two names each time: the buffer holds the last. */
		strcpy(buf, "normal, inner ");
		strcat(buf, cache_policy[(c << 1) | b]);
		strcat(buf, ", outer ");
		strcat(buf, cache_policy[tex & 3]);
		return buf;
	}
	return "reserved";
}

const char *short_desc_memory_short(unsigned tex, unsigned c, unsigned b)
{
	unsigned v = ((tex & 7) << 2) | ((c & 1) << 1) | (b & 1);

	return memory_names[v][1] ? memory_names[v][1] : "other";
}

enum mem_kind short_desc_memory_kind(unsigned tex, unsigned c, unsigned b)
{
	/* The policies of SHORT_DESC_CACHE_POLICY, as kinds. */
	static const enum mem_kind policy_kind[4] = {
		MEM_KIND_NORMAL_UNCACHED, MEM_KIND_NORMAL_WBWA, MEM_KIND_NORMAL_WT, MEM_KIND_NORMAL_WB,
	};
	unsigned inner = ((c & 1) << 1) | (b & 1);

	if (tex & 4)
		return (tex & 3) == inner ? policy_kind[inner] : MEM_KIND_OTHER;
	switch (((tex & 7) << 2) | inner) {
	case 0x0: return MEM_KIND_STRONGLY_ORDERED;
	case 0x1: case 0x8: return MEM_KIND_DEVICE;
	case 0x2: return MEM_KIND_NORMAL_WT;
	case 0x3: return MEM_KIND_NORMAL_WB;
	case 0x4: return MEM_KIND_NORMAL_UNCACHED;
	case 0x7: return MEM_KIND_NORMAL_WBWA;
	default:  return MEM_KIND_OTHER;
	}
}
