#!/usr/bin/env python3
"""memlayout's command-line answers for the descriptor format (--lpae).

The layout rules themselves are unit-tested (tests/unit/test_lpae_layout.c);
this holds the host tool to what its users see: --lpae prints the format and
TTBR lines and keeps RAM above 4 GB, the short format is as before, and an
LPAE VMSPLIT_3G_OPT is refused with Linux's reason and exit status 2, with
no layout printed.

    run(record, root)               record(name, ok, message) per result
    python3 tests/memlayout_test.py PASS/FAIL lines, then "N passed, N failed"
"""
import os
import subprocess
import sys

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
]


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


def run(record, root):
    memlayout = os.path.join(root, "build", "host", "memlayout")
    for name, args, status, want, absent, err in CASES:
        problem = check(memlayout, args, status, want, absent, err)
        record(f"memlayout: {name}", problem is None, problem or "")


if __name__ == "__main__":
    import standalone
    sys.exit(standalone.main(run))
