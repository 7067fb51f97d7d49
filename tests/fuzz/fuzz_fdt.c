/*
 * libFuzzer harness: the device-tree reader and what the kernel does with
 * a board: RAM ranges and holes into the boot configuration, then the
 * layout decision, checked; and the CPUs it lists (core/dt/cpus.c), as the
 * SMP bring-up reads them.  A blob of any shape must give an error or a
 * board, never a read outside it (AddressSanitizer watches).
 */
#include <stdint.h>
#include <string.h>

#include "board.h"
#include "dt_cpus.h"
#include "fdt.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct board_info b;
	static struct boot_config bc;
	static struct layout l;
	/* An exact copy: a read one byte past the blob is a fault. */
	uint8_t *blob = malloc(size ? size : 1);

	memcpy(blob, data, size);
	{
		/* Fewer slots than CPUs: the count goes on, the writes stop. */
		uint32_t mpidr[2];
		int n = dt_cpus(blob, size, mpidr, 2);

		if (n < 0)
			abort();
	}
	/* Each board in both formats: the short one cuts RAM at 4 GB, LPAE
	 * keeps it up to 40 bits. */
	for (int lpae = 0; lpae < 2 && board_from_fdt(&b, blob, size) == 0; lpae++) {
		boot_config_init(&bc, 0xc0000000, 0x40000000);
		bc.lpae = lpae;
		board_to_boot_config(&b, &bc);
		boot_config_parse(&bc, b.bootargs);
		/* With no bank at all the decision falls back on its own. */
		layout_decide(&bc, &l);
		check_layout(&l);
	}
	free(blob);
	return 0;
}
