# vmsplit: Linux's 32-bit ARM kernel memory map, built and shown on QEMU virt.
#
#   make run            boot the default scenario (1 GB, 3.3/3.4 rules, highmem off);
#                       make run LPAE=1 boots the long-descriptor (LPAE) kernel
#   make test           host unit tests + QEMU boot tests, ends with "N passed, N failed"
#   make bench          boot time against an empty kernel; vmalloc cost (host and guest);
#                       the browser page's WebAssembly size and time per keystroke;
#                       compared with the README's copy of a run (BENCH_README=update
#                       puts this run there)
#   make fuzz           the libFuzzer harnesses, FUZZ_TIME=60 seconds each
#   make soak           random allocator mix in the guest, SOAK_TIME=300 seconds
#   make memlayout      the host tool: build/host/memlayout -m 1G "vmalloc=256M"
#   make scenarios      the seeds' boards; make run SCENARIO=NAME boots one
#   make formats VA=... one virtual address walked in both descriptor formats
#   make readme         the README's samples rewritten from real runs (numbers only)
#   make web            the layout code in WebAssembly with its page (build/web/index.html);
#                       make web-serve serves it on http://localhost:8020/
#
# Knobs: VMSPLIT=3G|3G_OPT|2G|1G  LPAE=1  SMP=1..4 (QEMU -smp)  QEMU_MEM=1G  APPEND="kernel command line"  CPU=cortex-a15|cortex-a7
#        BOARD=virt|vexpress-a15|raspi2b (tools/boards.py)  IMAGE=elf|bin (virt boots the ELF unless IMAGE=bin)

VMSPLIT  ?= 3G
LPAE     ?= 0
QEMU_MEM ?= 1G
APPEND   ?=
BOARD    ?= virt
CPU      ?= $(shell $(PYTHON) tools/boards.py cpu $(BOARD) 2>/dev/null)
SMP      ?= 1

# SMP=N boots QEMU with -smp N.  GICv2 has eight CPU interfaces, so QEMU
# virt stops there; the kernel starts four (NR_CPUS) and says so past that.
ifeq ($(filter $(SMP),1 2 3 4 5 6 7 8),)
$(error SMP=$(SMP): the number of CPUs, 1 to 8 (GICv2's limit; vmsplit starts at most 4))
endif

PAGE_OFFSET_3G     := 0xC0000000
PAGE_OFFSET_3G_OPT := 0xB0000000
PAGE_OFFSET_2G     := 0x80000000
PAGE_OFFSET_1G     := 0x40000000
PAGE_OFFSET := $(PAGE_OFFSET_$(VMSPLIT))
ifeq ($(PAGE_OFFSET),)
$(error VMSPLIT=$(VMSPLIT): choose 3G, 3G_OPT, 2G or 1G)
endif

CROSS   ?= arm-none-eabi-
KCC     := $(CROSS)gcc
OBJCOPY := $(CROSS)objcopy
HOSTCC  ?= gcc
PYTHON  ?= /usr/bin/python3
QEMU    ?= qemu-system-arm

# The descriptor format: short (ARMv7's classic tables) or long (LPAE),
# as Linux's CONFIG_ARM_LPAE.  The format's own files are chosen here, by
# name (boot/boot_table_<format>.S, mm/mmu_<format>.c); nothing else in
# the tree asks which format it is built for.
ifeq ($(LPAE),1)
FORMAT := long
ifeq ($(VMSPLIT),3G_OPT)
$(error VMSPLIT=3G_OPT with LPAE=1: Linux's VMSPLIT_3G_OPT depends on !ARM_LPAE (the long-descriptor TTBR0/TTBR1 split falls on a 1 GB boundary, and 0xB0000000 is not one); choose 3G, 2G or 1G)
endif
else ifeq ($(LPAE),0)
FORMAT := short
else
$(error LPAE=$(LPAE): say LPAE=1 for the long-descriptor format, or LPAE=0 (the default))
endif

BUILD := build
KOUT  := $(BUILD)/$(VMSPLIT)$(if $(filter long,$(FORMAT)),-lpae)
HOUT  := $(BUILD)/host
KERNEL := $(KOUT)/vmsplit.elf
# The same kernel as a raw image, booted the Linux way on every board.
KERNEL_BIN := $(KOUT)/vmsplit.bin

# The pure core (core/): the layout decision, the parsers, the descriptor
# codec, the page-table builder and walker, the allocators.  Plain C with
# no hardware access, compiled for the kernel, the host tool, the unit
# tests and the fuzzers from the same files.  It sees only core/include:
# a hardware header (include/arm/cp15.h, tlbflush.h, the drivers') is not
# on its include path, so a pure file that includes one does not build.
SHARED_SRCS := $(sort $(wildcard core/*/*.c))

# The structures' invariant checks (core/*/*_check.c) only host programs
# run, the unit tests and the benchmark: the kernel is built without them.
KERNEL_CORE_SRCS := $(filter-out %_check.c,$(SHARED_SRCS))

# Everything else in the kernel touches the hardware.
KERNEL_SRCS := $(KERNEL_CORE_SRCS) boot/head.S boot/boot_table_$(FORMAT).S boot/cache-v7.S boot/secondary.S kernel/entry.S \
	kernel/main.c kernel/board_id.c kernel/printk.c kernel/traps.c kernel/oops.c kernel/poweroff.c \
	kernel/shell.c kernel/shell_args.c kernel/line_edit.c kernel/selftest.c kernel/soak.c kernel/mmucheck.c kernel/libc_stubs.c kernel/memset.S \
	$(sort $(wildcard kernel/cmd_*.c)) \
	kernel/task.c kernel/syscall.c kernel/uaccess.c kernel/attacks.c kernel/user_demo.S mm/context.c \
	mm/mmu.c mm/mmu_$(FORMAT).c mm/kernel_map.c mm/vectors.c mm/fixmap.c mm/io_map.c mm/cache.c mm/dma.c \
	mm/setup.c mm/mem_init.c mm/vmalloc_kernel.c mm/highmem.c mm/linear_map.c \
	kernel/irq.c drivers/pl011.c drivers/gic.c drivers/bcm2836_l1_intc.c drivers/arch_timer.c \
	kernel/smp.c kernel/smp_soak.c kernel/spinlock.c kernel/tlb_lab.c

PURE_INC   := -Icore/include
KERNEL_INC := -Icore/include -Iinclude

COMMON_CFLAGS := -std=c11 -Wall -Wextra -Werror -g
KCFLAGS := $(COMMON_CFLAGS) -Os -ffreestanding -march=armv7-a -marm \
	-mfloat-abi=soft -mtune=cortex-a15 -fno-common \
	-ffunction-sections -fdata-sections -DCONFIG_PAGE_OFFSET=$(PAGE_OFFSET)
KASFLAGS := -march=armv7-a -marm $(KERNEL_INC) -g -DCONFIG_PAGE_OFFSET=$(PAGE_OFFSET) -D__ASSEMBLY__
KLDFLAGS := -nostartfiles -specs=nano.specs -Wl,--gc-sections \
	-Wl,-Map=$(KOUT)/vmsplit.map -Wl,--no-warn-rwx-segments
HCFLAGS := $(COMMON_CFLAGS) $(PURE_INC) -O1

KOBJS := $(patsubst %,$(KOUT)/%.o,$(basename $(KERNEL_SRCS)))


.PHONY: web web-files web-serve deps-web kernel-2G kernel-1G kernel-3G_OPT kernel-3G-lpae kernel-2G-lpae kernel-1G-lpae all kernel memlayout run scenarios docs dtbs fuzzers fuzz soak debug test unit-tests bench clean deps-run deps-test print-pure-cflags linux-compare formats readme

# APPEND inside single quotes for the shell: run="a; b" stays one argument.
shell_quote = $(subst ','"'"',$(1))

all: kernel memlayout

kernel: $(KERNEL) $(KERNEL_BIN)

# V=1 shows the full commands.
ifeq ($(V),1)
Q :=
else
Q := @
endif

# The core sees only its own headers, in the kernel as on the host.
$(KOUT)/core/%.o: core/%.c Makefile
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC [$(notdir $(KOUT))]  $<")
	$(Q)$(KCC) $(KCFLAGS) $(PURE_INC) -MMD -c $< -o $@

$(KOUT)/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC [$(notdir $(KOUT))]  $<")
	$(Q)$(KCC) $(KCFLAGS) $(KERNEL_INC) -MMD -c $< -o $@

$(KOUT)/%.o: %.S Makefile
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS [$(notdir $(KOUT))]  $<")
	$(Q)$(KCC) $(KASFLAGS) -MMD -c $< -o $@

$(KOUT)/kernel.ld: linker/kernel.ld.S Makefile
	@mkdir -p $(dir $@)
	$(Q)$(KCC) -E -P -x c $(KERNEL_INC) -D__ASSEMBLY__ -DCONFIG_PAGE_OFFSET=$(PAGE_OFFSET) $< -o $@

$(KERNEL): $(KOBJS) $(KOUT)/kernel.ld
	@$(if $(Q),echo "  LD [$(notdir $(KOUT))]  $@")
	$(Q)$(KCC) $(KCFLAGS) $(KERNEL_INC) $(KLDFLAGS) -T $(KOUT)/kernel.ld $(KOBJS) -o $@

# objcopy -O binary: the loadable sections from the first LMA on, as the
# bytes QEMU copies to RAM + 0x10000 (no ELF header to say where).
$(KERNEL_BIN): $(KERNEL)
	@$(if $(Q),echo "  OBJCOPY [$(notdir $(KOUT))]  $@")
	$(Q)$(OBJCOPY) -O binary $< $@

# The floor for the boot benchmark: a kernel that powers off at once.
$(BUILD)/floor.elf: tools/floor.S linker/floor.ld
	@mkdir -p $(BUILD)
	$(Q)$(KCC) $(KASFLAGS) -nostdlib -T linker/floor.ld $< -o $@

# ---- host ----

memlayout: $(HOUT)/memlayout

# Host objects of the shared sources: once plain (memlayout), once with
# the sanitizers (every unit test links them), once -O2 (the benchmark).
HOST_OBJS := $(patsubst %.c,$(HOUT)/obj/%.o,$(SHARED_SRCS))
SAN_OBJS  := $(patsubst %.c,$(HOUT)/san/%.o,$(SHARED_SRCS))
O2_OBJS   := $(patsubst %.c,$(HOUT)/o2/%.o,$(SHARED_SRCS))
SANITIZE  := -fsanitize=address,undefined -fno-sanitize-recover=all
.SECONDARY: $(HOST_OBJS) $(SAN_OBJS) $(O2_OBJS) $(HOUT)/o2/tests/unit/fake_mm.o

$(HOUT)/obj/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) $(HCFLAGS) -MMD -c $< -o $@
$(HOUT)/san/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $< (sanitizers)")
	$(Q)$(HOSTCC) $(HCFLAGS) $(SANITIZE) -MMD -c $< -o $@
$(HOUT)/o2/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(COMMON_CFLAGS) $(PURE_INC) -O2 -MMD -c $< -o $@

MEMLAYOUT_SRCS := tools/memlayout.c tools/memlayout_run.c tools/layout_svg.c tools/dmesg.c tools/from_dmesg.c
$(HOUT)/memlayout: $(MEMLAYOUT_SRCS) tools/memlayout_run.h tools/layout_svg.h tools/dmesg.h tools/from_dmesg.h tools/file_read.h $(HOST_OBJS) Makefile
	@$(if $(Q),echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(HCFLAGS) -Itools $(MEMLAYOUT_SRCS) $(HOST_OBJS) -lm -o $@

UNIT_TESTS := $(patsubst tests/unit/%.c,$(HOUT)/%,$(wildcard tests/unit/test_*.c))
# The tests' support (tests/unit/*.c but test_*.c): printk's capture, the
# fake physical memory with the break-before-make model (fake_mm.c), the
# expected memory types, the device-tree builder; compiled once, with the
# sanitizers, and linked into every test.
UNIT_SUPPORT := $(patsubst %.c,$(HOUT)/san/%.o,$(filter-out tests/unit/test_%,$(wildcard tests/unit/*.c)))
.SECONDARY: $(UNIT_SUPPORT)

# A test of host-tool code links that code too (test_dmesg: the boot-log reader).
TEST_TOOLS_dmesg := tools/dmesg.c tools/from_dmesg.c
$(HOUT)/test_dmesg: $(TEST_TOOLS_dmesg) tools/dmesg.h tools/from_dmesg.h tools/file_read.h
$(HOUT)/test_%: tests/unit/test_%.c $(UNIT_SUPPORT) $(SAN_OBJS) $(wildcard core/include/*.h core/include/arm/*.h tests/unit/*.h) Makefile
	@$(if $(Q),echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(HCFLAGS) -Itests/unit -Itools $(SANITIZE) \
		$< $(TEST_TOOLS_$*) $(UNIT_SUPPORT) $(SAN_OBJS) -lcmocka -o $@

# Device trees exactly as QEMU builds them, for the device-tree tests.
$(HOUT)/virt-1G.dtb:
	@mkdir -p $(HOUT)
	$(Q)$(QEMU) -M virt,dumpdtb=$@ -cpu cortex-a15 -m 1G -nographic -nic none \
		-kernel /dev/null -append "mem=512M vmalloc=256M" >/dev/null
$(HOUT)/virt-hyp.dtb:
	@mkdir -p $(HOUT)
	$(Q)$(QEMU) -M virt,virtualization=on,dumpdtb=$@ -cpu cortex-a15 -m 512M \
		-nographic -nic none >/dev/null


# Device trees the scenarios boot with -dtb: QEMU's own for that RAM size
# plus a fragment of dts/ (build/dt/NAME-SIZE.dtb from dts/NAME.dtsi).
SCENARIO_DTBS := $(sort $(shell sed -n 's/^\# qemu:.*-dtb \(build\/dt\/[^ ]*\).*/\1/p' tests/boot/*.expect))
build/dt/%.dtb: tools/mkdtb.sh $(wildcard dts/*.dtsi)
	@echo "  DTB     $@"
	$(Q)tools/mkdtb.sh $@ $(shell echo $* | sed 's/-[^-]*$$//') $(lastword $(subst -, ,$*))
# The boards QEMU generates no tree for: the project's own source, dts/BOARD.dts.
BOARD_DTBS := $(patsubst dts/%.dts,build/boards/%.dtb,$(wildcard dts/*.dts))
build/boards/%.dtb: dts/%.dts
	@mkdir -p $(dir $@)
	@echo "  DTC     $@"
	$(Q)dtc -q -W no-unit_address_vs_reg -I dts -O dtb -o $@ $<
dtbs: $(SCENARIO_DTBS) $(BOARD_DTBS)

unit-tests: $(UNIT_TESTS) $(HOUT)/virt-1G.dtb $(HOUT)/virt-hyp.dtb

# ---- the two commands a newcomer types ----

deps-run:
	@tools/deps.sh run
deps-test:
	@tools/deps.sh test

# make run SCENARIO=NAME: a seed's board and command line (make scenarios),
# with the device tree its header names built first (a fresh clone has none).
ifneq ($(SCENARIO),)
SCENARIO_DTB := $(shell sed -n 's/^\# qemu:.*-dtb \(build\/dt\/[^ ]*\).*/\1/p' tests/boot/$(SCENARIO).expect 2>/dev/null)
run: deps-run $(SCENARIO_DTB)
	@$(PYTHON) tools/scenario.py run $(SCENARIO)
else
# The board's -M, -dtb and image (tools/boards.py): the ELF on virt, the raw
# vmsplit.bin (the same kernel) everywhere else or with IMAGE=bin.
IMAGE ?=
RUN_IMAGE = $(if $(IMAGE),$(IMAGE),$(shell $(PYTHON) tools/boards.py image $(BOARD)))
RUN_KERNEL = $(KOUT)/vmsplit.$(RUN_IMAGE)
RUN_BOARD_ARGS = $(shell $(PYTHON) tools/boards.py qemu $(BOARD) $(IMAGE) 2>/dev/null)
RUN_QEMU = $(QEMU) $(RUN_BOARD_ARGS) -cpu $(CPU) $(if $(filter-out 1,$(SMP)),-smp $(SMP)) -m $(QEMU_MEM) \
	-nographic -nic none -semihosting-config enable=on,target=native -kernel $(RUN_KERNEL) \
	-append '$(call shell_quote,$(APPEND))'
run: deps-run
	@$(PYTHON) tools/boards.py qemu $(BOARD) $(IMAGE) >/dev/null
	@$(MAKE) --no-print-directory kernel kernel-3G-lpae $(BOARD_DTBS)
	@echo "vmsplit: booting $(RUN_KERNEL) on QEMU $(BOARD) ($(CPU), $(QEMU_MEM)); quit with Ctrl-A x"
	@# Semihosting lets the kernel's exit status be QEMU's, so make run fails
	@# when a run= command failed or the kernel crashed (make then exits 2 and
	@# the line below says the kernel's own status): a script can grade it.
	@# Input from a pipe or a file (printf 'layout\ncheck\n' | make run) is
	@# typed at the prompt, then a poweroff: a UART has no end of file, and
	@# the shell would otherwise wait for a key that never comes.
	@if [ -t 0 ]; then $(RUN_QEMU); st=$$?; else \
		echo "vmsplit: input is not a terminal: typing it, then poweroff" >&2; \
		{ cat; printf '\npoweroff\n'; } | $(RUN_QEMU); st=$$?; fi; \
	[ $$st -eq 0 ] || echo "vmsplit: the kernel's exit status was $$st (0: every run= command succeeded)"; exit $$st

endif

scenarios:
	@$(PYTHON) tools/scenario.py list

# The README's samples rewritten from real runs where only numbers changed
# (tools/readme_samples.py; make test checks they are current).
readme: kernel kernel-3G-lpae
	@$(PYTHON) tools/readme_samples.py --update

# docs/scenarios: a page and a picture per scenario (make test checks they are current).
docs: memlayout dtbs
	@$(PYTHON) tools/scenario.py docs

# The gdb walker's copies of the descriptor field tables, expanded from
# core/include/arm/short_desc.h and long_desc.h by the preprocessor (no
# second hand copy).
GDB_FIELDS := $(BUILD)/gen/short_desc.py $(BUILD)/gen/long_desc.py
$(BUILD)/gen/%_desc.py: tools/gdb/%_desc.py.in core/include/arm/%_desc.h Makefile
	@mkdir -p $(dir $@)
	$(Q)$(KCC) -E -P -x c -DSHORT_DESC_TABLES_ONLY -DLONG_DESC_TABLES_ONLY $(PURE_INC) $< -o $@

# make debug: QEMU halted with its gdbstub, gdb-multiarch with the page-table
# walkers (tools/gdb/vmsplit.py); the console is on build/debug-serial.sock.
debug: $(GDB_FIELDS)
	@BOARD=$(BOARD) tools/debug.sh $(VMSPLIT) $(QEMU_MEM) '$(call shell_quote,$(APPEND))'

# libFuzzer harnesses (tests/fuzz/), built with clang and the sanitizers:
# the command line with the layout decision, the device-tree reader, the
# shell's words, and a pasted boot log (memlayout's --from-dmesg, which
# links the host tool's code too: FUZZ_TOOLS_dmesg).
FUZZ_CC  ?= clang
FUZZERS  := $(patsubst tests/fuzz/fuzz_%.c,$(BUILD)/fuzz/fuzz_%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_TIME ?= 60
# The shared sources are instrumented once (fuzzer-no-link) and linked
# into every harness, so the three harnesses build in parallel pieces.
FUZZ_CFLAGS := -std=c11 -g -O1 -Wall -Wextra -Werror $(PURE_INC) -Itests/fuzz -fno-sanitize-recover=all
FUZZ_OBJS := $(patsubst %.c,$(BUILD)/fuzz/obj/%.o,$(SHARED_SRCS))
.SECONDARY: $(FUZZ_OBJS)
$(BUILD)/fuzz/obj/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  FUZZCC  $<")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -MMD -c $< -o $@
FUZZ_TOOLS_dmesg := tools/memlayout_run.c tools/layout_svg.c tools/dmesg.c tools/from_dmesg.c
$(BUILD)/fuzz/fuzz_dmesg: $(FUZZ_TOOLS_dmesg) $(wildcard tools/*.h)
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(FUZZ_OBJS) $(wildcard core/include/*.h) Makefile
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  FUZZCC  $@")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -Itools -fsanitize=fuzzer,address,undefined $< $(FUZZ_TOOLS_$*) $(FUZZ_OBJS) -lm -o $@
fuzzers: $(FUZZERS)

# make fuzz: each harness for FUZZ_TIME seconds, from its checked-in seeds
# plus what earlier runs found (build/fuzz/corpus-NAME).
fuzz: deps-test fuzzers
	@for f in $(FUZZERS); do n=$${f##*/fuzz_}; mkdir -p $(BUILD)/fuzz/corpus-$$n; \
		echo "fuzz: $$n for $(FUZZ_TIME) s"; \
		if $$f -max_total_time=$(FUZZ_TIME) -max_len=2048 -print_final_stats=1 -artifact_prefix=$(BUILD)/fuzz/ \
			$(BUILD)/fuzz/corpus-$$n tests/fuzz/corpus/$$n >$(BUILD)/fuzz/$$n.log 2>&1; then \
			grep -E "^(Done|stat::peak_rss)" $(BUILD)/fuzz/$$n.log; \
		else tail -40 $(BUILD)/fuzz/$$n.log; echo "fuzz: $$n failed: the input is the crash- file named above"; exit 1; fi; \
	done

# make soak: minutes of random vmalloc/vfree/kmalloc/kmap/ioremap in the
# guest, every object's contents checked, then nothing may be lost.
SOAK_TIME ?= 300
soak: deps-test
	@$(MAKE) --no-print-directory kernel kernel-3G-lpae
	@echo "vmsplit: soak for $(SOAK_TIME) s of QEMU time on 2 GB with highmem"
	@timeout $$(( $(SOAK_TIME) * 3 + 60 )) $(QEMU) -M virt -cpu $(CPU) -m 2G -nographic -nic none \
		-semihosting-config enable=on,target=native -kernel $(KERNEL) \
		-append 'highmem=on run="soak $(SOAK_TIME); check"' >$(BUILD)/soak.log 2>&1; \
	st=$$?; grep -a "^soak:\|^MMU check\|^run:" $(BUILD)/soak.log; \
	[ $$st -eq 0 ] || echo "vmsplit: soak failed (exit $$st); the whole log is $(BUILD)/soak.log"; exit $$st

# Every build the tests boot, compiled in parallel.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# The other splits' kernels are sub-makes sharing this make's job slots.
OTHER_SPLITS := 2G 1G 3G_OPT
$(addprefix kernel-,$(OTHER_SPLITS)):
	@$(MAKE) --no-print-directory VMSPLIT=$(@:kernel-%=%) kernel
# The long-descriptor (LPAE) kernels: build/<split>-lpae/vmsplit.elf.
LPAE_SPLITS := 3G 2G 1G
LPAE_KERNELS := $(addsuffix -lpae,$(addprefix kernel-,$(LPAE_SPLITS)))
$(LPAE_KERNELS):
	@$(MAKE) --no-print-directory LPAE=1 VMSPLIT=$(@:kernel-%-lpae=%) kernel
# The browser page is built and tested when its tools can be had; without
# them the web stage says what it skipped and the rest runs as before.
test: deps-test
	@tools/deps.sh web-test || echo "vmsplit: make test goes on; the web stage says what it skips"
	@$(MAKE) --no-print-directory -j$(JOBS) all unit-tests dtbs fuzzers $(GDB_FIELDS) $(addprefix kernel-,$(OTHER_SPLITS)) $(LPAE_KERNELS)
	@if tools/deps.sh web >/dev/null 2>&1; then $(MAKE) --no-print-directory web-files; fi
	@$(PYTHON) tests/run_tests.py

# The vmalloc benchmark on the host: the kernel's own allocator code, -O2.
# Its fake memory is the unit tests' (tests/unit/fake_mm.c, -O2 here; its
# failure reports are cmocka's, never reached on this path).
$(HOUT)/bench_vmalloc: tools/bench_vmalloc.c $(HOUT)/o2/tests/unit/fake_mm.o $(O2_OBJS) Makefile
	@$(if $(Q),echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(COMMON_CFLAGS) $(PURE_INC) -Itests/unit -O2 tools/bench_vmalloc.c \
		$(HOUT)/o2/tests/unit/fake_mm.o $(O2_OBJS) -lcmocka -o $@

bench: deps-test
	@$(MAKE) --no-print-directory kernel kernel-3G-lpae $(BUILD)/floor.elf $(HOUT)/bench_vmalloc
	@if tools/deps.sh web >/dev/null 2>&1; then $(MAKE) --no-print-directory web-files; fi
	@$(PYTHON) tools/bench.py

# One virtual address in both descriptor formats, level by level: the two
# kernels of one split booted with the same -m and command line.
# make formats VA="0xc0000000 0xffff0000" [VMSPLIT=2G] [QEMU_MEM=4G] [RUN="vmalloc 8K"] [APPEND=...]
formats: deps-run
	@$(MAKE) --no-print-directory VMSPLIT=$(VMSPLIT) LPAE=0 kernel
	@$(MAKE) --no-print-directory VMSPLIT=$(VMSPLIT) LPAE=1 kernel
	@$(PYTHON) tools/formats.py --split $(VMSPLIT) -m $(QEMU_MEM) $(if $(RUN),--run "$(RUN)") $(if $(APPEND),--args '$(APPEND)') $(VA)

# Debian's own armhf kernels side by side with vmsplit (docs/linux-compare.md):
# fetched once into build/linux, every case or CASE="name ...".
linux-compare:
	@$(MAKE) --no-print-directory kernel kernel-3G-lpae
	@sh tools/linux_fetch.sh
	@$(PYTHON) tools/linux_compare.py $(if $(CASE),$(CASE),--markdown $(BUILD)/linux-compare.md)

# ---- the browser page (make web) ----

# The same core/ sources and SVG writer as memlayout, compiled by clang
# for wasm32 against wasi-libc (its printf is what makes the text equal
# glibc's), entered through web/wasm_main.c instead of memlayout's main().
# build/web is the whole page: the static files of web/, the module, the
# module again as base64 in a script (so index.html also works opened from
# disk, where browsers refuse to fetch), and the scenarios with their trees.
WEB_CC    ?= clang
WEB_OUT   := $(BUILD)/web
WASM_SRCS := web/wasm_main.c tools/memlayout_run.c tools/layout_svg.c tools/dmesg.c tools/from_dmesg.c $(KERNEL_CORE_SRCS)
WASM_CFLAGS := --target=wasm32-wasi -mexec-model=reactor -O2 -std=c11 -Wall -Wextra -Werror \
	$(PURE_INC) -Itools -Wl,--strip-all
WEB_STATIC := $(patsubst web/%,$(WEB_OUT)/%,$(wildcard web/*.html web/*.css web/*.js))
WEB_PORT  ?= 8020

$(WEB_OUT)/vmsplit.wasm: $(WASM_SRCS) $(wildcard core/include/*.h core/include/arm/*.h tools/*.h) Makefile
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  WASMCC  $@")
	$(Q)$(WEB_CC) $(WASM_CFLAGS) $(WASM_SRCS) -o $@
$(WEB_OUT)/vmsplit-wasm.js: $(WEB_OUT)/vmsplit.wasm tools/web_data.py
	$(Q)$(PYTHON) tools/web_data.py wasm $< $@
$(WEB_OUT)/scenarios.js: tools/web_data.py tools/scenario.py $(wildcard tests/boot/*.expect) $(SCENARIO_DTBS)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)$(PYTHON) tools/web_data.py scenarios $@
$(WEB_OUT)/%: web/%
	@mkdir -p $(dir $@)
	$(Q)cp $< $@
# The scenarios' pages, so the page's links work offline as well.
$(WEB_OUT)/docs/scenarios/.stamp: $(wildcard docs/scenarios/*)
	@mkdir -p $(dir $@)
	$(Q)cp docs/scenarios/* $(dir $@) && touch $@

web-files: $(WEB_OUT)/vmsplit.wasm $(WEB_OUT)/vmsplit-wasm.js $(WEB_OUT)/scenarios.js $(WEB_STATIC) \
	$(WEB_OUT)/docs/scenarios/.stamp

deps-web:
	@tools/deps.sh web

web: deps-web
	@$(MAKE) --no-print-directory web-files
	@echo "vmsplit: the page is $(WEB_OUT)/index.html (make web-serve: http://localhost:$(WEB_PORT)/)"

web-serve: web
	@echo "vmsplit: serving $(WEB_OUT) on http://localhost:$(WEB_PORT)/ (Ctrl-C stops)"
	@cd $(WEB_OUT) && $(PYTHON) -m http.server --bind 127.0.0.1 $(WEB_PORT)

# The command that compiles core/ in the kernel build (tests/purity_test.py
# proves with it that no hardware header is reachable from the core).
print-pure-cflags:
	@echo $(KCC) $(KCFLAGS) $(PURE_INC)

clean:
	rm -rf $(BUILD)

-include $(KOBJS:.o=.d) $(HOST_OBJS:.o=.d) $(SAN_OBJS:.o=.d) $(UNIT_SUPPORT:.o=.d) $(O2_OBJS:.o=.d) $(FUZZ_OBJS:.o=.d)
