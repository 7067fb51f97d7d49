/*
 * libFuzzer harness: the kernel command line and the layout decision.
 *
 * The first byte picks the RAM size (16 MB to 3 GB, as QEMU's -m) and the
 * split, and with bits 5:3 = 110 the LPAE format with 128 MB to 16 GB; the
 * rest is the command line, parsed by boot_config_parse() as the kernel
 * parses it, then decided, printed and checked.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "layout_print.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t splits[] = { 0xc0000000, 0xb0000000, 0x80000000, 0x40000000 };
	static struct boot_config bc;
	static struct layout l;
	char line[COMMAND_LINE_SIZE + 64];
	uint64_t ram;
	bool lpae;

	if (size < 1)
		return 0;
	ram = (uint64_t)16 << 20 << (data[0] & 7);		/* 16 MB .. 2 GB */
	if ((data[0] & 0x38) == 0x38)
		ram = (uint64_t)3 << 30;
	lpae = (data[0] & 0x38) == 0x30;
	if (lpae)
		ram <<= 3;					/* 128 MB .. 16 GB */
	size--;
	if (size >= sizeof(line))
		size = sizeof(line) - 1;
	memcpy(line, data + 1, size);
	line[size] = '\0';

	boot_config_init(&bc, splits[(data[0] >> 6) & 3], 0x40000000);
	bc.lpae = lpae;
	boot_config_add_ram(&bc, 0x40000000, ram);
	boot_config_parse(&bc, line);
	layout_decide(&bc, &l);
	layout_print_format(&l);
	layout_print_setup(&l);
	boot_config_report_unknown(&bc);
	layout_print_mem_init(&l, NULL, NULL);
	check_layout(&l);
	for (uint32_t va = 0; va < 0xfff00000u; va += 0x00100000)
		(void)layout_region_of(&l, va);
	return 0;
}
