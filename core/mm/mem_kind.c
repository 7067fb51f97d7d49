/* The names of the memory kinds both descriptor formats decode to. */
#include "mem_kind.h"

static const char *const names[NR_MEM_KINDS] = {
	[MEM_KIND_STRONGLY_ORDERED] = "strongly-ordered",
	[MEM_KIND_DEVICE] = "device",
	[MEM_KIND_NORMAL_UNCACHED] = "normal uncached",
	[MEM_KIND_NORMAL_WT] = "normal WT",
	[MEM_KIND_NORMAL_WB] = "normal WB",
	[MEM_KIND_NORMAL_WBWA] = "normal WBWA",
	[MEM_KIND_OTHER] = "other",
};

const char *mem_kind_name(enum mem_kind k)
{
	return (unsigned)k < NR_MEM_KINDS ? names[k] : "other";
}
