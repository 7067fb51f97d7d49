#!/usr/bin/env python3
"""memlayout's command-line answers: the descriptor format (--lpae), any
board's RAM (--board, --ram, --dtb with RAM anywhere, --phys-offset), and
the refusals (exit status 2, the reason on stderr, no table).

The layout rules themselves are unit-tested (tests/unit/test_lpae_layout.c);
this holds the host tool to what its users see: --lpae prints the format and
TTBR lines and keeps RAM above 4 GB (also from QEMU's own -m 4G device tree,
dumped for the test), the short format is as before, and an
LPAE VMSPLIT_3G_OPT is refused with Linux's reason and exit status 2, with
no layout printed.

    run(record, root)               record(name, ok, message) per result
    python3 tests/memlayout_test.py PASS/FAIL lines, then "N passed, N failed"
"""
import os
import subprocess
import sys
import tempfile

REASON = "VMSPLIT_3G_OPT depends on !ARM_LPAE (arch/arm/Kconfig)"
FORMAT = "LPAE: long-descriptor tables, 3 levels (4 x 1 GB, 2 MB blocks, 4 KB pages), 40-bit physical addresses"

# (name, arguments, exit status, lines that must appear in order on stdout,
#  text that must not appear on stdout, text stderr must hold)
CASES = [
    ("--lpae -m 8G: highmem past 4 GB, the split", ["--lpae", "-m", "8G", "rules=modern highmem=on"], 0,
     [FORMAT,
      "LPAE: TTBCR.EAE=1 T0SZ=0 T1SZ=2: TTBR0 0x00000000-0xbfffffff (user space, modules, pkmap), "
      "TTBR1 0xc0000000-0xffffffff (lowmem, vmalloc, fixmap, vector)",
      "  HighMem  [mem 0x0000000070000000-0x000000023fffffff]",
      "Virtual kernel memory layout:"],
     "Ignoring memory range", ""),
    ("--lpae --built-for 2G: TTBR1 the top 2 GB", ["--lpae", "--built-for", "2G", "-m", "1G", ""], 0,
     ["LPAE: TTBCR.EAE=1 T0SZ=0 T1SZ=1: TTBR0 0x00000000-0x7fffffff (user space, modules), "
      "TTBR1 0x80000000-0xffffffff (lowmem, vmalloc, DMA (consistent), fixmap, vector)"], "", ""),
    ("without --lpae: cut at 4 GB, no LPAE line", ["-m", "4G", ""], 0,
     ["Truncating memory at 0x40000000 to fit in 32-bit physical address space",
      "Truncating RAM at 40000000-ffffefff to -6f7fffff (vmalloc region overlap)."], "LPAE:", ""),
    ("--lpae --built-for 3G_OPT refused", ["--lpae", "--built-for", "3G_OPT", ""], 2,
     [], "Virtual kernel memory layout:", "memlayout: --lpae --built-for 3G_OPT: " + REASON),
    ("--lpae split=3G_OPT refused", ["--lpae", "split=3G_OPT"], 2,
     ["vmsplit: split=3G_OPT: " + REASON], "Virtual kernel memory layout:", "memlayout: --lpae: refused"),
    ("--built-for 3G_OPT without --lpae still answers", ["--built-for", "3G_OPT", "rules=modern"], 0,
     ["    lowmem  : 0xb0000000 - 0xf0000000   (1024 MB)"], "LPAE:", ""),
    ("--help names --lpae", ["--help"], 0, [], "", ""),

    # Any board: the board's RAM base is PHYS_OFFSET, -m is RAM there.
    ("--board vexpress-a15 -m 1G: RAM and PHYS_OFFSET at 0x80000000", ["--board", "vexpress-a15", "-m", "1G", ""], 0,
     ["Truncating RAM at 80000000-bfffffff to -af7fffff (vmalloc region overlap).", "Memory: 760MB = 760MB total",
      "    lowmem  : 0xc0000000 - 0xef800000   ( 760 MB)"], "not RAM", ""),
    ("--board vexpress-a15: mem=512M@0x80000000 is RAM there", ["--board", "vexpress-a15", "mem=512M@0x80000000"], 0,
     ["Memory: 512MB = 512MB total", "    lowmem  : 0xc0000000 - 0xe0000000   ( 512 MB)"], "vmsplit:", ""),
    ("--board vexpress-a15: mem=512M@0x40000000 is not", ["--board", "vexpress-a15", "mem=512M@0x40000000"], 0,
     ["vmsplit: mem=512M@0x40000000: 0x40000000-0x5fffffff is not RAM on this board; no bank added",
      "vmsplit: no RAM left after mem=; using the firmware's banks"], "", ""),
    ("--board vexpress-a15 -m 8G --lpae: highmem to 0x27fffffff",
     ["--board", "vexpress-a15", "--lpae", "-m", "8G", "rules=modern highmem=on"], 0,
     ["  Normal   [mem 0x0000000080000000-0x00000000afffffff]",
      "  HighMem  [mem 0x00000000b0000000-0x000000027fffffff]"], "", ""),
    ("--board vexpress-a15 -m 31G: more than QEMU gives it", ["--board", "vexpress-a15", "-m", "31G", ""], 2,
     [], "Virtual kernel memory layout:", "memlayout: -m 31744M: more than QEMU gives vexpress-a15"),
    ("--board raspi2b: RAM at 0, the VideoCore's top 64 MB not the kernel's", ["--board", "raspi2b", "--banks", ""], 0,
     ["Truncating RAM at 00000000-3bffffff to -2f7fffff (vmalloc region overlap).",
      "memlayout: bank 0: 0x00000000-0x2f7fffff (760 MB) lowmem"], "", ""),
    ("--board raspi2b -m 512M refused as QEMU does", ["--board", "raspi2b", "-m", "512M", ""], 2,
     [], "Virtual kernel memory layout:", "QEMU's raspi2b has exactly 1 GB of RAM"),
    ("--board NAME unknown", ["--board", "versatilepb", ""], 2,
     [], "Virtual kernel memory layout:", "--board versatilepb: not a board vmsplit knows; choose virt, vexpress-a15, raspi2b"),

    # --ram: the banks themselves, PHYS_OFFSET the lowest rounded down to 2 MB.
    ("--ram two banks at 0x80000000, highmem split at __pa(vmalloc_min)",
     ["--ram", "0x80000000:512M,0xa0000000:512M", "--banks", "highmem=on"], 0,
     ["    lowmem  : 0xc0000000 - 0xef800000   ( 760 MB)",
      "memlayout: bank 0: 0x80000000-0x9fffffff (512 MB) lowmem",
      "memlayout: bank 1: 0xa0000000-0xaf7fffff (248 MB) lowmem",
      "memlayout: bank 2: 0xaf800000-0xbfffffff (264 MB) highmem"], "", ""),
    ("--ram at 0 with VMSPLIT_1G: PHYS_OFFSET 0", ["--ram", "0:512M", "split=1G rules=modern"], 0,
     ["  Normal   [mem 0x0000000000000000-0x000000001fffffff]",
      "    lowmem  : 0x40000000 - 0x60000000   ( 512 MB)"], "", ""),
    ("--ram at an odd base: PHYS_OFFSET rounded down is not RAM", ["--ram", "0x80100000:512M", ""], 2,
     [], "Virtual kernel memory layout:",
     "memlayout: PHYS_OFFSET 0x80000000: 0x80000000-0x801fffff is not all RAM, and the device tree and the kernel "
     "are loaded there (--phys-offset 0x80200000 would do: the RAM below it is then ignored)"),
    ("--ram at an odd base, --phys-offset above it: RAM below is ignored",
     ["--ram", "0x80100000:512M", "--phys-offset", "0x80200000", "rules=modern"], 0,
     ["Ignoring memory range 0x80100000 - 0x80200000", "  Normal   [mem 0x0000000080200000-0x00000000a00fffff]",
      "    lowmem  : 0xc0000000 - 0xdff00000   ( 511 MB)"], "", ""),
    ("--phys-offset not 2 MB aligned", ["--ram", "0x80000000:512M", "--phys-offset", "0x80100000", ""], 2,
     [], "Virtual kernel memory layout:", "memlayout: PHYS_OFFSET 0x80100000 is not 2 MB aligned"),
    ("--phys-offset past 4 GB without LPAE", ["--ram", "0x100000000:512M", ""], 2,
     [], "Virtual kernel memory layout:", "memlayout: PHYS_OFFSET 0x100000000 is past 4 GB"),
    ("--phys-offset 2 MB but not 16 MB aligned: the 3.4 era says its p2v could not",
     ["--ram", "0x80000000:1G", "--phys-offset", "0x80200000", "rules=3.4"], 0,
     ["Ignoring memory range 0x80000000 - 0x80200000",
      "vmsplit: PHYS_OFFSET 0x80200000: rules=3.4's ARM_PATCH_PHYS_VIRT patches __pa()/__va() only in 16 MB steps"],
     "", ""),
    ("--phys-offset 2 MB aligned in the modern era: no note",
     ["--ram", "0x80000000:1G", "--phys-offset", "0x80200000", "rules=modern"], 0,
     ["Ignoring memory range 0x80000000 - 0x80200000"], "16 MB steps", ""),
    ("--lpae PHYS_OFFSET above PAGE_OFFSET: no TTBR split, said",
     ["--ram", "0xc0000000:512M", "--lpae", "split=2G"], 0,
     ["LPAE: PHYS_OFFSET 0xc0000000 is above PAGE_OFFSET 0x80000000: no TTBR0/TTBR1 split",
      "LPAE: TTBCR.EAE=1 T0SZ=0 T1SZ=0: TTBR0 0x00000000-0xffffffff"], "", ""),
    ("--ram banks that overlap", ["--ram", "0x80000000:512M,0x9f000000:16M", ""], 2,
     [], "Virtual kernel memory layout:", "the banks at 0x80000000 and 0x9f000000 overlap"),
    ("--ram a bank of size 0", ["--ram", "0x80000000:0", ""], 2,
     [], "Virtual kernel memory layout:", "the bank at 0x80000000 has size 0"),
    ("--ram not BASE:SIZE", ["--ram", "0x80000000", ""], 2,
     [], "Virtual kernel memory layout:", "\"0x80000000\" is not BASE:SIZE"),
    ("--ram and -m together", ["--ram", "0x80000000:512M", "-m", "1G", ""], 2,
     [], "Virtual kernel memory layout:", "--ram and -m both give the RAM"),
    # A real boot log read back: Debian's 6.1 at -m 2G (tests/dmesg/, cut from a
    # real console); tests/unit/test_dmesg.c checks the reader itself.
    ("--from-dmesg a Debian 6.1 log", ["--from-dmesg", "tests/dmesg/debian-6.1-2G.log"], 0,
     ["from-dmesg: tests/dmesg/debian-6.1-2G.log: Linux 6.1.0-57-armmp",
      "  read: PAGE_OFFSET 0xc0000000 (the split whose lowmem ends at 0x70000000 as the log's does)",
      "  booted:  make run QEMU_MEM=2048M APPEND='rules=modern highmem=on earlycon",
      "compared with vmsplit, line by line:",
      "  same     HighMem [mem 0x0000000070000000-0x00000000bfffffff]",
      "from-dmesg: 3 lines compared, 3 the same, 0 differ"], "differs", ""),
    ("--explain lowmem: seed 000's board, step by step",
     ["-m", "512M", "--explain", "lowmem", "rules=2.6.36"], 0,
     ["Truncating RAM at 40000000-5fffffff to -57ffffff (vmalloc region overlap).",
      "Lowmem ends at 0xd8000000 (high_memory): 384 MB of the 512 MB of RAM the banks hold are linearly mapped.",
      "= vmalloc_min       0xd8000000  no lowmem may reach it"], "Virtual kernel memory layout:", ""),
    ("--explain an unknown topic", ["--explain", "lowmen", ""], 2,
     ["explain: no topic 'lowmen'", "explain TOPIC:"], "", ""),
    ("--from-dmesg with other RAM options", ["--from-dmesg", "tests/dmesg/debian-6.1-2G.log", "-m", "1G"], 2,
     [], "from-dmesg:", "--from-dmesg takes the board, the RAM and the command line from the log"),
    ("--from-dmesg a file with nothing to read", ["--from-dmesg", "tools/deps.sh"], 2,
     [], "compared", "no line of a 32-bit ARM memory map in it"),
]

# Trees made here with dtc: (name, dts body at the root, arguments, status,
# lines in order, text not on stdout, text on stderr).
ROOT_CELLS = "#address-cells = <1>; #size-cells = <1>;"
DTB_CASES = [
    ("--dtb RAM at 0x80000000, no board named: PHYS_OFFSET from the tree",
     'model = "test"; memory@80000000 { device_type = "memory"; reg = <0x80000000 0x40000000>; };', [""], 0,
     ["Truncating RAM at 80000000-bfffffff to -af7fffff (vmalloc region overlap).", "Memory: 760MB = 760MB total",
      "    lowmem  : 0xc0000000 - 0xef800000   ( 760 MB)"], "QEMU virt", ""),
    ("--dtb two memory nodes at 0x80000000 and 0xa0000000",
     'memory@80000000 { device_type = "memory"; reg = <0x80000000 0x20000000>; };'
     'memory@a0000000 { device_type = "memory"; reg = <0xa0000000 0x20000000>; };', ["--banks", "highmem=on"], 0,
     ["memlayout: bank 0: 0x80000000-0x9fffffff (512 MB) lowmem",
      "memlayout: bank 1: 0xa0000000-0xaf7fffff (248 MB) lowmem"], "", ""),
    ("--dtb memory nodes that overlap: merged, said",
     'memory@80000000 { device_type = "memory"; reg = <0x80000000 0x20000000>; };'
     'memory@90000000 { device_type = "memory"; reg = <0x90000000 0x20000000>; };', ["--banks", "highmem=on"], 0,
     ["vmsplit: banks at 0x80000000 and 0x90000000 overlap; merged",
      "Memory: 768MB = 768MB total", "memlayout: bank 0: 0x80000000-0xaf7fffff (760 MB) lowmem",
      "memlayout: bank 1: 0xaf800000-0xafffffff (8 MB) highmem"], "", ""),
    ("--dtb no usable memory and no known board: the default board's, as its kernel",
     'memory@80000000 { device_type = "memory"; reg = <0x80000000 0x0>; };', [""], 0,
     ["Memory: 128MB = 128MB total"], "",
     "no usable memory in it; as the kernel on virt (the default board; --board to choose), assuming 128 MB at "
     "0x40000000"),
    ("--dtb a vexpress-a15 tree without memory: the board's base",
     'compatible = "arm,vexpress,v2p-ca15,tc1", "arm,vexpress,v2p-ca15", "arm,vexpress";', [""], 0,
     ["Memory: 128MB = 128MB total"], "", "as the kernel on vexpress-a15, assuming 128 MB at 0x80000000"),
    ("--dtb a memory reg of odd cells: skipped (the kernel's line), the board's fallback",
     'memory@80000000 { device_type = "memory"; reg = <0x80000000 0x40000000 0x1>; };', ["--board", "vexpress-a15", ""],
     0, ["Memory: 128MB = 128MB total"], "", "as the kernel on vexpress-a15, assuming 128 MB at 0x80000000"),
    ("--dtb a memory node disabled: not memory",
     'memory@80000000 { device_type = "memory"; reg = <0x80000000 0x10000000>; status = "disabled"; };'
     'memory@90000000 { device_type = "memory"; reg = <0x90000000 0x10000000>; };', ["--banks", ""], 0,
     ["memlayout: bank 0: 0x90000000-0x9fffffff (256 MB) lowmem"], "0x80000000", ""),
    ("--dtb /reserved-memory: a no-map carve-out and a CMA pool at 0x80000000",
     'memory@80000000 { device_type = "memory"; reg = <0x80000000 0x40000000>; };'
     'reserved-memory { #address-cells = <1>; #size-cells = <1>; ranges;'
     '  modem@88000000 { reg = <0x88000000 0x1000000>; no-map; };'
     '  linux,cma { compatible = "shared-dma-pool"; reusable; size = <0x4000000>; linux,cma-default; }; };',
     ["rules=modern highmem=on"], 0,
     ["Reserved memory: created CMA memory pool at 0xbc000000, size 64 MiB",
      "OF: reserved mem: initialized node linux,cma, compatible id shared-dma-pool",
      "vmsplit: /reserved-memory/modem@88000000: 0x88000000-0x88ffffff (16 MB) no-map: out of the linear map",
      "  node   0: [mem 0x0000000080000000-0x0000000087ffffff]",
      "  node   0: [mem 0x0000000088000000-0x0000000088ffffff]",
      "  node   0: [mem 0x0000000089000000-0x00000000bfffffff]"], "", ""),
    ("--dtb /reserved-memory with the 3.4 rules: ignored, said",
     'memory@80000000 { device_type = "memory"; reg = <0x80000000 0x40000000>; };'
     'reserved-memory { #address-cells = <1>; #size-cells = <1>; ranges;'
     '  modem@88000000 { reg = <0x88000000 0x1000000>; no-map; }; };', ["rules=3.4"], 0,
     ["vmsplit: /reserved-memory (1 region) ignored: rules=3.4 is Linux 3.3-3.4, and Linux reads it from 3.15 on"],
     "Reserved memory", ""),
]


def dtc(tmp, name, body):
    src, dtb = os.path.join(tmp, name + ".dts"), os.path.join(tmp, name + ".dtb")
    with open(src, "w") as f:
        f.write("/dts-v1/;\n/ { %s %s };\n" % (ROOT_CELLS, body))
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb, src], check=True, timeout=10)
    return dtb


def check(memlayout, args, status, want, absent, err):
    p = subprocess.run([memlayout] + args, capture_output=True, text=True, timeout=10)
    if p.returncode != status:
        return f"exit {p.returncode}, not {status}: {p.stderr.strip()!r}"
    out = p.stdout.splitlines()
    i = 0
    for line in out:
        if i < len(want) and line.startswith(want[i]):
            i += 1
    if i < len(want):
        return f"no line {want[i]!r} (in order) in:\n{p.stdout}"
    if absent and absent in p.stdout:
        return f"{absent!r} printed:\n{p.stdout}"
    if err not in p.stderr:
        return f"stderr {p.stderr.strip()!r} lacks {err!r}"
    if args == ["--help"] and "--lpae" not in p.stdout:
        return "the usage does not mention --lpae"
    return None


def check_qemu_tree(memlayout):
    """QEMU's own tree for -m 4G (two-cell reg past 4 GB), read with --dtb."""
    with tempfile.TemporaryDirectory() as tmp:
        dtb = os.path.join(tmp, "virt-4G.dtb")
        try:
            subprocess.run(["qemu-system-arm", "-M", f"virt,dumpdtb={dtb}", "-cpu", "cortex-a15", "-m", "4G",
                            "-nographic", "-nic", "none"], capture_output=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired) as e:
            return f"qemu-system-arm could not dump its tree: {e}"
        if not os.path.exists(dtb):
            return "qemu-system-arm dumped no tree"
        problem = check(memlayout, ["--lpae", "--dtb", dtb, "rules=modern highmem=on"], 0,
                        ["  HighMem  [mem 0x0000000070000000-0x000000013fffffff]",
                         "  node   0: [mem 0x0000000040000000-0x000000013fffffff]"], "Ignoring memory range", "")
        return problem or check(memlayout, ["--dtb", dtb, "rules=modern highmem=on"], 0,
                                ["OF: fdt: Ignoring memory range 0x100000000 - 0x140000000",
                                 "  HighMem  [mem 0x0000000070000000-0x00000000ffffefff]"], "LPAE:", "")


def run(record, root):
    memlayout = os.path.join(root, "build", "host", "memlayout")
    for name, args, status, want, absent, err in CASES:
        problem = check(memlayout, args, status, want, absent, err)
        record(f"memlayout: {name}", problem is None, problem or "")
    problem = check_qemu_tree(memlayout)
    record("memlayout: --lpae --dtb QEMU's -m 4G tree: highmem past 4 GB", problem is None, problem or "")
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, body, args, status, want, absent, err) in enumerate(DTB_CASES):
            try:
                dtb = dtc(tmp, f"case{i}", body)
            except (OSError, subprocess.SubprocessError) as e:
                record(f"memlayout: {name}", False, f"dtc: {e}")
                continue
            problem = check(memlayout, ["--dtb", dtb] + args, status, want, absent, err)
            record(f"memlayout: {name}", problem is None, problem or "")


if __name__ == "__main__":
    import standalone
    sys.exit(standalone.main(run))
