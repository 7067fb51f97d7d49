/*
 * The CPUs of a device tree: /cpus/cpu@N, as Linux's arm_dt_init_cpu_maps
 * reads them.  A node without device_type "cpu" (a cpu-map, an idle
 * state) is not one; a cpu node without a usable reg is skipped, as
 * Linux skips it.
 */
#include <string.h>

#include "dt_cpus.h"
#include "fdt.h"

static int address_cells(const struct fdt *f, int node)
{
	int len;
	const void *p = fdt_getprop(f, node, "#address-cells", &len);

	return p && len == 4 && fdt_be32(p) >= 1 && fdt_be32(p) <= 2 ? (int)fdt_be32(p) : 1;
}

/* node's enable-method is exactly method (with its NUL). */
static bool method_is(const struct fdt *f, int node, const char *method)
{
	int len;
	const char *m = fdt_getprop(f, node, "enable-method", &len);

	return m && len == (int)strlen(method) + 1 && !memcmp(m, method, (size_t)len);
}

bool dt_cpus_enable_method(const void *blob, size_t avail, const char *method)
{
	struct fdt f;
	int cpus;

	if (!blob || fdt_open(&f, blob, avail) < 0 || (cpus = fdt_path_offset(&f, "/cpus")) < 0)
		return false;
	if (method_is(&f, cpus, method))
		return true;
	for (int node = fdt_first_subnode(&f, cpus); node >= 0; node = fdt_next_subnode(&f, node))
		if (method_is(&f, node, method))
			return true;
	return false;
}

int dt_cpus(const void *blob, size_t avail, uint32_t *mpidr, int max)
{
	struct fdt f;
	int cpus, ac, n = 0;

	if (!blob || fdt_open(&f, blob, avail) < 0)
		return 0;
	cpus = fdt_path_offset(&f, "/cpus");
	if (cpus < 0)
		return 0;
	ac = address_cells(&f, cpus);
	for (int node = fdt_first_subnode(&f, cpus); node >= 0; node = fdt_next_subnode(&f, node)) {
		int tlen, rlen;
		const char *type = fdt_getprop(&f, node, "device_type", &tlen);
		const void *reg = fdt_getprop(&f, node, "reg", &rlen);

		if (!type || tlen != 4 || memcmp(type, "cpu", 4) || !reg || rlen < ac * 4)
			continue;
		if (n < max)
			mpidr[n] = (uint32_t)fdt_cells(reg, ac);
		n++;
	}
	return n;
}
