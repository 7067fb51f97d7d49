/*
 * The kernel image: linked at PAGE_OFFSET + TEXT_OFFSET (virtual).  The
 * ELF's load address (LMA) is QEMU virt's RAM + TEXT_OFFSET; the raw
 * image (objcopy -O binary, vmsplit.bin) has none: head.S runs it from
 * wherever it was loaded and moves it to PHYS_OFFSET + TEXT_OFFSET.
 * Preprocessed with cpp so that one file serves every VMSPLIT.
 */
#include "memory.h"

OUTPUT_ARCH(arm)
ENTRY(_start_phys)

/* Each section's load address is its link address moved into RAM. */
#define ELF_KERNEL_PHYS	(ELF_PHYS_OFFSET + TEXT_OFFSET)
#define LOAD(s)	AT(ADDR(s) - KERNEL_VIRT + ELF_KERNEL_PHYS)

SECTIONS
{
	. = KERNEL_VIRT;
	_text = .;
	.text : LOAD(.text) {
		KEEP(*(.head.text))		/* runs with the MMU off */
		*(.text.vectors)
		*(.text .text.*)
	}
	. = ALIGN(4096);
	__start_rodata = .;
	.rodata : LOAD(.rodata) {
		*(.rodata .rodata.*)
		. = ALIGN(4);
		__start___ex_table = .;		/* (faulting insn, fixup) pairs */
		KEEP(*(__ex_table))
		__stop___ex_table = .;
		/* The shell's commands (SHELL_COMMAND in include/shell.h), one
		 * input section .shell_commands.KEY each: sorted by name, so by
		 * KEY, which is help's order.  KEEP: nothing refers to them by
		 * name, and the kernel links with --gc-sections. */
		. = ALIGN(4);
		__start_shell_commands = .;
		KEEP(*(SORT_BY_NAME(.shell_commands.*)))
		__stop_shell_commands = .;
	}
	.ARM.exidx : LOAD(.ARM.exidx) { *(.ARM.exidx*) }
	__end_rodata = .;
	_etext = .;				/* Linux's .text line covers rodata */

	. = ALIGN(4096);
	__init_begin = .;
	.init : LOAD(.init) {
		*(.init.text)
		*(.init.data)
	}
	__init_end = .;

	. = ALIGN(4096);
	_sdata = .;
	.data : LOAD(.data) {
		*(.data .data.*)
	}
	_edata = .;

	. = ALIGN(8);
	__bss_start = .;
	.bss (NOLOAD) : {
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(8);
	}
	__bss_stop = .;
	_end = .;

	/DISCARD/ : { *(.comment) *(.note*) *(.ARM.attributes) }
}

_start_phys = _start - KERNEL_VIRT + ELF_KERNEL_PHYS;

/* head.S maps the first BOOT_MAP_SIZE of RAM; the first page tables are
 * allocated from what the image leaves of it. */
ASSERT(_end - KERNEL_VIRT <= BOOT_MAP_SIZE - TEXT_OFFSET - 0x40000,
       "kernel image too big: head.S maps 2 MB of RAM, 1 MB of it the device tree")
