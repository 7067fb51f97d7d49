#!/usr/bin/env python3
"""The real shell, driven over the serial console.

Boots of the 3G kernel (besides the hostile configurations' own):

  interactive  QEMU as `make run` starts it (-nographic, a pty), driven with
               pexpect: help and help CMD for every command, every command's
               own example, bad arguments, a protected peek that faults and
               returns, map -> peek -> poke -> unmap -> peek, the line editor
               (backspace, Ctrl-U, Ctrl-C, history), the interrupt counts,
               and finally the MMU check.
  robustness   QEMU's serial on plain pipes (no terminal, no monitor escape,
               so every byte reaches the kernel): 10,000 lines of random
               bytes, control characters included, and random arguments to
               the harmless commands; afterwards the shell must still answer
               help, its tables must still pass the MMU check, and no page
               may be lost.
  stalls       QEMU stopped (SIGSTOP) for 300 ms up to ten times while tasks
               run: the watchdog must kill no well-behaved task, and still
               the spin attack.

    run(record, root)            record(name, ok, message) per result
    python3 tests/shell_test.py  PASS/FAIL lines, then "N passed, N failed"
"""
import os
import random
import re
import subprocess
import sys
import threading
import time

PROMPT = b"vmsplit> "
TIMEOUT = 10                 # seconds for any one answer; most take milliseconds
ROBUST_LINES = 10000
ROBUST_TIMEOUT = 40          # the 10,000 lines take about 4 s

# The names for the console's jobs: help must list each.
REQUIRED = ("layout memmap ptdump v2p map unmap vmalloc vfree kmalloc kfree ioremap "
            "kmap kunmap peek poke areas fixmap tlb regs selftest poweroff").split()
# Examples not to run: they stop the machine.
STOPS = {"poweroff", "crash"}


def qemu_args(root, serial, append="", extra=()):
    kernel = os.path.join(root, "build", "3G", "vmsplit.elf")
    args = ["-M", "virt", "-cpu", "cortex-a15", "-m", "1G", "-nic", "none", "-kernel", kernel]
    args += [a.format(root=root) for a in extra]
    if append:
        args += ["-append", append]
    if serial == "pty":
        return args + ["-nographic"]
    return args + ["-display", "none", "-serial", "stdio", "-monitor", "none"]


class Shell:
    """One QEMU running the interactive shell under a pty (pexpect)."""

    def __init__(self, root, append="", extra=()):
        import pexpect
        self.pexpect = pexpect
        self.p = pexpect.spawn("qemu-system-arm", qemu_args(root, "pty", append, extra), timeout=TIMEOUT)
        self.p.expect(PROMPT)

    def send(self, raw):
        """Bytes as typed; returns what came back up to the next prompt."""
        self.p.send(raw)
        self.p.expect(PROMPT)
        return self.p.before.decode(errors="replace").replace("\r", "")

    def send_or_recover(self, raw, timeout=2):
        """send(), but if no prompt comes within timeout seconds, end any
        sequence ('@' is a final byte), clear the line, and return None."""
        self.p.send(raw)
        try:
            self.p.expect(PROMPT, timeout=timeout)
        except self.pexpect.TIMEOUT:
            self.p.send(b"@\x15\r")
            self.p.expect(PROMPT)
            return None
        return self.p.before.decode(errors="replace").replace("\r", "")

    def cmd(self, line):
        """A command's output, without the echoed command line."""
        out = self.send(line.encode() + b"\r")
        return out.split("\n", 1)[1] if "\n" in out else ""

    def close(self):
        self.p.terminate(force=True)


def check(record, name, ok, why):
    record(f"shell: {name}", bool(ok), why if not ok else "")


def first_line_matching(text, pattern):
    m = re.search(pattern, text, re.M)
    return m.group(0) if m else None


def test_help(sh, record):
    listing = sh.cmd("help")
    names = [l.split()[0] for l in listing.split("\n\n")[0].splitlines() if l.strip()]
    missing = [n for n in REQUIRED if n not in names]
    check(record, "help lists every command, one per line", not missing and len(names) > 20,
          f"missing {missing}; got {names}")
    bad = []
    for n in names:
        out = sh.cmd(f"help {n}")
        if not re.search(rf"^usage: +{re.escape(n)}\b", out, re.M) or "example: " not in out:
            bad.append(f"help {n}: {out.splitlines()[:2]}")
    check(record, "help CMD gives usage and an example for each", not bad, "; ".join(bad[:3]))
    out = sh.cmd("help nosuch")
    check(record, "help of an unknown command says so", "no command \"nosuch\"" in out, out)
    return names


def test_examples(sh, record, names):
    """Each command's own example: it must parse (no usage line) and leave
    the prompt answering."""
    bad = []
    for n in names:
        if n in STOPS:
            continue
        example = re.search(r"^example: (.*)$", sh.cmd(f"help {n}"), re.M).group(1)
        out = sh.cmd(example)
        if ("usage:" in out and n != "help") or "no such command" in out or "Unexpected" in out:
            bad.append(f"{example!r} -> {out.splitlines()[:1]}")
    check(record, "every command's example runs", not bad, "; ".join(bad[:3]))


# (command line, what the answer must contain)
BAD_ARGUMENTS = [
    ("v2p", "v2p: takes 1 argument, got 0\nusage: v2p VA"),
    ("v2p nowhere", "nowhere: not a number or a name the kernel knows (help lists the names)\nusage: v2p VA"),
    ("peek 0xc0000001", "is not aligned to 32 bits"),
    ("peek 0xc0000000 12", "usage: peek"),
    ("poke 0xc0000000", "usage: poke"),
    ("map 0x10000000", "usage: map"),
    ("map 0x10000001 0x40000000", "must be multiples of 4 KB"),
    ("map 0xc0000000 0x40000000", "which the kernel maps itself"),
    ("map 0xf0000000 0x09000000", "use ioremap"),
    ("map 0x10000000 0x40000000 4K purple", "memory types: rw rwx ro rx device uncached"),
    ("map 0x10000000 0x40000000 1G", "at most 256 MB"),
    ("unmap 0xc0000000", "unmap removes only what map made"),
    ("unmap 0x10000000", "unmap removes only what map made"),
    ("ptdump 0xc0000000 1G", "up to 16 MB at a time"),
    ("tlb", "usage: tlb"),
    ("tlb asid 300", "tlb: an ASID is 8 bits, 0-255; 300 is not one"),
    ("cache clean 0x1000", "is not mapped; nothing done"),
    ("cache wipe 0xc0000000", "usage: cache"),
    ("vmalloc", "usage: vmalloc"),
    ("vmalloc 0", "vmalloc"),
    ("vfree 0x1234", "vfree"),
    ("kfree 0x10", "kfree"),
    ("ioremap 0x40000000 4K", "RAM"),
    ("fixmap 99999 0x09000000", "fixmap"),
    ("regs now", "regs takes no arguments"),
    ("peek 1 2 3 4 5 6 7 8 9", "too many arguments"),
    ("frobnicate", "frobnicate: no such command; type help"),
    ("peek 0xffffffffff", "0xffffffffff: past 4 GB: addresses and sizes are 32 bits (at most 0xffffffff)\nusage: peek"),
    ("poke 0xc0000000 0x1ffffffff", "0x1ffffffff: past 4 GB: addresses and sizes are 32 bits (at most 0xffffffff)\nusage: poke"),
    ("user fly", "usage: user"),
    ("user run 0", "usage: user"),
    ("user run many", "usage: user"),
    ("user mode sideways", "usage: user"),
    ("user attack", "usage: user"),
    ("user attack nosuch", "no attack called 'nosuch'"),
]


def test_bad_arguments(sh, record):
    bad = []
    for line, want in BAD_ARGUMENTS:
        out = sh.cmd(line)
        if want not in out:
            bad.append(f"{line!r}: wanted {want!r}, got {out.splitlines()[:2]}")
    check(record, "bad arguments get a usage line or a reason", not bad, "; ".join(bad[:3]))


# The hostile lines (issue 13): each with the exact answer it must get.
# {va} is a kmalloc'd page of the session's own.  A pattern (re) is used
# where another change owns the wording (ioremap's RAM check).
PAST_4G = ": past 4 GB: addresses and sizes are 32 bits (at most 0xffffffff)"
NOT_ADDR = ": not a number or a name the kernel knows (help lists the names)"
NOT_NUM = ": not a number (hex 0x..., decimal, K, M or G allowed)"
FIXMAP_KMAP = ("fixmap: slot {slot} is kmap_atomic's (slots 1-64 are, 16 a CPU; kmap atomic PHYS and "
               "kunmap atomic VA use them); slot 0 and 65-223 are free for this command")
HOSTILE = [
    ("kmalloc 5M", "kmalloc: 5242880 bytes is more than the largest block the buddy allocator hands "
     "out: order 10, 4096 kB contiguous (vmalloc has no such limit)"),
    ("kmalloc 0xffffffff", "kmalloc: 4294967295 bytes is more than the largest block the buddy "
     "allocator hands out: order 10, 4096 kB contiguous (vmalloc has no such limit)"),
    ("kmalloc 0", "kmalloc: size 0: nothing to allocate (Linux returns ZERO_SIZE_PTR)"),
    ("kfree 0", "kfree: 0 is NULL: kfree(NULL) does nothing (as in Linux); nothing freed"),
    ("kfree xyz", "xyz" + NOT_ADDR + "\nusage: kfree VA"),
    ("dma alloc 16M", "dma: 16384 kB is more than the whole consistent region (2048 kB at "
     "0xffc00000-0xffdfffff)"),
    ("dma alloc 0", "dma: size 0: nothing to allocate"),
    ("dma alloc 0xfffff001", "dma: 0xfffff001 bytes round up to whole pages past 4 GB"),
    ("dma alloc 0x100000000", "0x100000000" + PAST_4G + "\nusage: dma [alloc SIZE | free VA]"),
    ("dma free 0", "dma: 0x00000000 is not a DMA buffer"),
    ("ioremap 0x09000000 1G", re.compile(r"^ioremap: .*RAM.*$")),
    ("ioremap 16 0x40000000", re.compile(r"^ioremap: .*RAM.*$")),
    ("ioremap 0x09000000 0", "ioremap: size 0: nothing to map"),
    ("ioremap 0xfffff000 0x2000", "ioremap: 0xfffff000 + 0x2000 runs past 4 GB (the last byte "
     "would be 0x100000fff)"),
    ("ioremap 0 4G", "4G" + PAST_4G + "\nusage: ioremap PHYS SIZE [rw|rwx|ro|rx|device|uncached]"),
    ("poke {va} 0x1ff 8", "poke: 0x1ff does not fit in 8 bits (at most 0xff); nothing written"),
    ("poke {va} 0x10000 16", "poke: 0x10000 does not fit in 16 bits (at most 0xffff); nothing written"),
    ("peek {va} 8", "{va}: 0x00"),
    ("poke {va} 1 7", "7: the width is 8, 16 or 32 bits\nusage: poke ADDR VALUE [8|16|32]"),
    ("peek {va} 12", "12: the width is 8, 16 or 32 bits\nusage: peek ADDR [8|16|32]"),
    ("v2p PKMAP_BASE", "PKMAP_BASE: there is no pkmap area: highmem is off (boot with highmem=on)"
     "\nusage: v2p VA"),
    ("v2p xyz", "xyz" + NOT_ADDR + "\nusage: v2p VA"),
    ("v2p -1", "-1" + NOT_NUM + "\nusage: v2p VA"),
    ("p2v 0x100000000", "0x100000000" + PAST_4G + "\nusage: p2v PA"),
    ("p2v xyz", "xyz" + NOT_NUM + "\nusage: p2v PA"),
    ("p2v 09", "09: not a number: a leading 0 means octal, as the kernel reads numbers (digits 0-7)"
     "\nusage: p2v PA"),
    ("crash foo 0", "crash: foo: the access is read, write or exec\nusage: crash read|write|exec ADDR"),
    ("crash read xyz", "xyz" + NOT_ADDR + "\nusage: crash read|write|exec ADDR"),
    ("crash write 0x10000002", "crash: 0x10000002 is not aligned to 32 bits (an unaligned access "
     "would fault for that reason alone)"),
    ("tlb asid 300", "tlb: an ASID is 8 bits, 0-255; 300 is not one"),
    ("tlb asid", "tlb asid: which ASID? (0-255)\nusage: tlb all | VA | asid N"),
    ("fixmap clear", "fixmap clear: which slot? (0-223)\nusage: fixmap [SLOT PHYS "
     "[rw|rwx|ro|rx|device|uncached] | clear SLOT]"),
    ("fixmap clear 1", FIXMAP_KMAP.format(slot=1)),
    ("fixmap 16 0x09000000 device", FIXMAP_KMAP.format(slot=16)),
    ("fixmap clear 99999", "fixmap: slot 99999 does not exist (0-223)"),
    ("fixmap 224 0x09000000", "fixmap: slot 224 does not exist (0-223)"),
    ("fixmap 64 0x09000000 device", FIXMAP_KMAP.format(slot=64)),   # CPU3's last
    ("fixmap clear 65", "fixmap: slot 65 is not set"),
    ("kunmap atomic 0xfff01000", "kunmap_atomic: 0xfff01000: no kmap_atomic mapping is live"),
    ("kunmap atomic 0xc0000000", "kunmap_atomic: 0xc0000000 is a lowmem address: kmap_atomic gave "
     "its linear address, nothing to undo"),
    ("kmap atomic", "kmap atomic: which page? (PHYS is missing)\nusage: kmap [atomic] PHYS"),
    ("kmap 0x100000000", "0x100000000" + PAST_4G + "\nusage: kmap [atomic] PHYS"),
    ("vmalloc 0", "vmalloc: size 0: nothing to allocate"),
    ("vmalloc 0xffffffff", "vmalloc: 4294967295 bytes and a guard page do not fit in 4 GB"),
    ("vmalloc 4G", "4G" + PAST_4G + "\nusage: vmalloc SIZE"),
    ("map 0x10000000 0x09000000 0", "map: size 0: nothing to map"),
    ("unmap 0x10000000 0", "unmap: size 0: nothing to unmap"),
    ("ptdump 0 0", "ptdump: size 0: nothing to show"),
    ("cache clean 0xc0000000 0", "cache: size 0: nothing to do"),
    ("cache clean 0xc0000000 32M", "cache: at most 16 MB at a time (cache icache and whole-cache "
     "operations have no size)"),
    ("cache flush 0xffffff00 0x200", "cache: 0xffffff00 + 0x200 runs past 4 GB"),
    ("layout now", "layout takes no arguments"),
    ("check everything", "check takes no arguments"),
    ("help v2p p2v", "help: takes at most 1 argument, got 2\nusage: help [COMMAND]"),
    ("v2p", "v2p: takes 1 argument, got 0\nusage: v2p VA"),
    ("p2v 0x40000000 1", "p2v: takes 1 argument, got 2\nusage: p2v PA"),
    ("map 0x10000000", "map: takes at least 2 arguments, got 1\nusage: map VA PA [SIZE] "
     "[rw|rwx|ro|rx|device|uncached]"),
    ("ioremap 0x09000000 4K device 1", "ioremap: takes at most 3 arguments, got 4\nusage: ioremap "
     "PHYS SIZE [rw|rwx|ro|rx|device|uncached]"),
    ("fixmap 20", "fixmap 20: PHYS is missing\nusage: fixmap [SLOT PHYS [rw|rwx|ro|rx|device|uncached] "
     "| clear SLOT]"),
    ("dma alloc", "dma alloc: SIZE is missing\nusage: dma [alloc SIZE | free VA]"),
    ("dma zz", "dma: zz: say alloc SIZE or free VA\nusage: dma [alloc SIZE | free VA]"),
    ("tlb all x", "tlb all: nothing may follow all\nusage: tlb all | VA | asid N"),
    ("cache clean", "cache clean: VA is missing\nusage: cache clean|flush VA [SIZE] | icache"),
    ("cache icache now", "cache icache: nothing may follow icache (it invalidates the whole I-cache)"
     "\nusage: cache clean|flush VA [SIZE] | icache"),
    ("kmap 1 2", "kmap 1 2: the two-word form is kmap atomic PHYS\nusage: kmap [atomic] PHYS"),
    ("kunmap atomic", "kunmap atomic: VA is missing (the address kmap atomic gave)\nusage: kunmap "
     "PHYS | atomic VA"),
    # One vocabulary for physical memory (p2v, memmap and the SVG).
    ("p2v 0x70000000", "0x70000000: truncated (vmalloc region overlap): RAM the kernel does not use, so "
     "no virtual address (memmap lists it)"),
    ("p2v 0x09000000", "0x09000000: not RAM: a device (or nothing) is reached through ioremap (or the "
     "static IO map)"),
    ("p2v 0x80000000", "0x80000000: not RAM: a device (or nothing) is reached through ioremap (or the "
     "static IO map)"),
    ("p2v 0x40100000", "0x40100000: lowmem (reserved: kernel image), __va = 0xc0100000 "
     "(PA - 0x40000000 + 0xc0000000)"),
    ("kmap 0x70000000", "kmap: frame 0x70000 is truncated (vmalloc region overlap): no page the kernel manages"),
    ("unmap 0x10000000 0x1800", "unmap: 0x10000000 is not mapped by map; unmap removes only what map made"),
    ("memmap", re.compile(r"(?s).*^RAM the layout leaves unused:\n  0x6f800000-0x7fffffff  270336 KB  "
                          r"truncated \(vmalloc region overlap\)\nReserved \(memblock\):\n", re.M)),
]

# The same on the boards where the answer depends on the configuration:
# a live kmap_atomic slot (highmem), the 2.6.36 rules' 32 MB consistent
# region (larger than the largest buddy block), the modern rules (no
# consistent region; a fixmap that begins inside a section).
HOSTILE_CONFIGS = [
    ("rules=2.6.36 highmem=on", [
        ("kmap atomic 0x70000000", "kmap_atomic: 0x70000000 (highmem) at 0xfff01000: a fixmap slot"),
        ("fixmap clear 1", FIXMAP_KMAP.format(slot=1)),
        ("fixmap 1 0x09000000", FIXMAP_KMAP.format(slot=1)),
        ("fixmap", "fixmap: 224 slots of 4 kB, slot 0 at 0xfff00000, growing up; slots 1-64 are "
         "kmap_atomic's, 16 a CPU\n  slot   1  0xfff01000 -> 0x70000000  memory RW  (kmap_atomic, CPU0)"),
        ("kunmap atomic 0xfff02000", "kunmap_atomic: 0xfff02000 is not the most recent kmap_atomic address"),
        ("kunmap atomic 0xfff01000", "kunmap_atomic: 0xfff01000 unmapped, its fixmap slot free again"),
        ("kunmap atomic 0xfff01000", "kunmap_atomic: 0xfff01000: no kmap_atomic mapping is live"),
        ("dma alloc 16M", "dma: 16384 kB is more than the largest contiguous block the buddy allocator "
         "hands out (order 10: 4096 kB)"),
        ("dma alloc 64M", "dma: 65536 kB is more than the whole consistent region (32768 kB at "
         "0xfde00000-0xffdfffff)"),
        ("kmap atomic 0x100000000", "0x100000000" + PAST_4G + "\nusage: kmap [atomic] PHYS"),
        ("kunmap 0x70000000", "kunmap: frame 0x70000 is not kmapped"),
        ("p2v 0x70000000", "0x70000000: highmem: no permanent virtual address; kmap 0x70000000 maps it"),
    ]),
    ("rules=modern", [
        ("v2p CONSISTENT_BASE", "CONSISTENT_BASE: there is no consistent (DMA) region under these rules "
         "(Linux uses CMA)\nusage: v2p VA"),
        ("dma free CONSISTENT_BASE", "CONSISTENT_BASE: there is no consistent (DMA) region under these "
         "rules (Linux uses CMA)\nusage: dma [alloc SIZE | free VA]"),
        ("dma alloc 4K", "dma: the modern rules have no consistent region (Linux uses CMA)"),
        ("ptdump 0xffc00000 1M", "---[ unused kernel space ]---\n L1[0xffc] = 0x00000000: fault (no "
         "translation)\n  0xffc00000-0xffc7ffff  512 KB  unmapped\n---[ fixmap ]---\n"
         "  0xffc80000-0xffcfffff  512 KB  unmapped"),
        ("fixmap 1 0x09000000", FIXMAP_KMAP.format(slot=1).replace("65-223", "65-639")),
        ("fixmap clear 640", "fixmap: slot 640 does not exist (0-639)"),
        ("p2v 0x78000000", "0x78000000: ignored (above lowmem, and highmem is off): RAM the kernel does "
         "not use, so no virtual address (memmap lists it)"),
    ]),
]

# The same with the msm holes' device tree (-dtb): holes in the linear map.
HOSTILE_DTB = [
    ("vmalloc=400M highmem=on", ["-dtb", "{root}/build/dt/msm-holes-1G.dtb"], [
        ("kunmap atomic 0xc5d00000", "kunmap_atomic: 0xc5d00000: no kmap_atomic mapping is live"),
        ("p2v 0x4fa00000", "0x4fa00000: hole (device tree: qcom,memblock-remove): RAM the kernel does not "
         "use, so no virtual address (memmap lists it)"),
        ("kmap 0x46000000", "kmap: frame 0x46000 is hole (device tree: qcom,memblock-remove): no page the "
         "kernel manages"),
    ]),
]

# What must be the same before and after the hostile lines.
STATE = ("meminfo", "areas", "fixmap", "dma", "kmap")


def cross_frees(sh):
    """vfree of an ioremap, iounmap of a vmalloc, either inside or on a guard
    page: each names the area and what frees it, and frees nothing."""
    m = re.search(r"vmalloc: 8 kB at (0x[0-9a-f]{8})-", sh.cmd("vmalloc 8K"))
    n = re.search(r" at (0x[0-9a-f]{8}) \(device\)", sh.cmd("ioremap 0x09000000 4K"))
    if not m or not n:
        return ["cross: vmalloc or ioremap failed"]
    v, io = int(m.group(1), 16), int(n.group(1), 16)
    steps = [
        (f"vfree 0x{io:08x}", f"vfree: 0x{io:08x} is in an ioremap area at 0x{io:08x}: iounmap frees it"),
        (f"vfree 0x{v + 0x1000:08x}", f"vfree: 0x{v + 0x1000:08x} is inside the vmalloc area at 0x{v:08x}: "
         "vfree takes its start"),
        (f"vfree 0x{v + 0x2000:08x}", f"vfree: 0x{v + 0x2000:08x} is a guard page of the vmalloc area at "
         f"0x{v:08x}: nothing to free there"),
        (f"iounmap 0x{v:08x}", f"iounmap: 0x{v:08x} is in a vmalloc area at 0x{v:08x}: vfree frees it"),
        (f"iounmap 0x{io + 0x1000:08x}", f"iounmap: 0x{io + 0x1000:08x} is a guard page of the ioremap area "
         f"at 0x{io:08x}: nothing to free there"),
        (f"iounmap 0x{io:08x}", f"iounmap: 0x{io:08x} unmapped"),
        (f"vfree 0x{v:08x}", f"vfree: 0x{v:08x} unmapped, its pages returned"),
    ]
    bad = []
    for line, want in steps:
        out = sh.cmd(line).rstrip("\n")
        if out != want:
            bad.append(f"cross: {line!r}: wanted {want!r}, got {out!r}")
    return bad


def test_hostile(sh, record, lines=HOSTILE, config=""):
    out = sh.cmd("kmalloc 4096")
    m = re.search(r"at (0x[0-9a-f]{8}), __pa", out)
    if not m:
        check(record, "hostile lines", False, f"kmalloc said {out!r}")
        return
    va = m.group(1)
    sh.cmd(f"poke {va} 0")
    before = {c: sh.cmd(c) for c in STATE}
    bad = []
    for line, want in lines:
        line = line.format(va=va)
        out = sh.cmd(line).rstrip("\n")
        ok = want.match(out) if isinstance(want, re.Pattern) else out == want.format(va=va)
        if not ok:
            bad.append(f"{line!r}: wanted {want if isinstance(want, str) else want.pattern!r}, got {out!r}")
    check(record, f"hostile lines{config}: each of {len(lines)} gets its exact reason", not bad,
          "; ".join(bad[:4]) + (f" (and {len(bad) - 4} more)" if len(bad) > 4 else ""))
    if not config:
        cross = cross_frees(sh)
        check(record, "hostile lines: vfree and iounmap name the area they were given", not cross,
              "; ".join(cross))
    after = {c: sh.cmd(c) for c in STATE}
    changed = [c for c in STATE if before[c] != after[c]]
    check(record, f"hostile lines{config}: meminfo, areas, fixmap, dma and kmap as before", not changed,
          "; ".join(f"{c}: {before[c]!r} then {after[c]!r}" for c in changed))
    out = sh.cmd(f"kfree {va}")
    check(record, f"hostile lines{config}: the session's own page freed", out == f"kfree: {va} freed\n", out)
    out = sh.cmd("check")
    check(record, f"hostile lines{config}: the MMU check agrees afterwards",
          "MMU check: record, page tables and MMU agree" in out, out[-300:])


def test_protected_peek(sh, record):
    out = sh.cmd("peek 0x00001000")
    ok = "Data abort: translation fault (section) on read at 0x00001000" in out
    check(record, "a peek that faults is reported", ok, out)
    out = sh.cmd("exec _sdata")
    check(record, "an exec that faults is reported",
          "Prefetch abort: permission fault (page) on execute" in out, out)
    out = sh.cmd("exec 0")
    check(record, "exec 0 is a fetch that faults like any other",
          "Prefetch abort: translation fault (section) on execute at 0x00000000" in out, out)
    out = sh.cmd("exec _text")
    check(record, "exec refuses an executable target, with the reason",
          "is executable at PL1" in out and "not called" in out, out)
    out = sh.cmd("uptime")
    check(record, "the prompt answers after the faults", out.startswith("up "), out)


def test_map_and_read(sh, record):
    out = sh.cmd("kmalloc 4096")
    m = re.search(r"at 0x([0-9a-f]{8}), __pa 0x([0-9a-f]{8})", out)
    if not m:
        check(record, "map, read, write, unmap", False, f"kmalloc said {out!r}")
        return
    va, pa = m.group(1), m.group(2)
    steps = [
        (f"poke 0x{va} 0xcafef00d", f"0x{va} <- 0xcafef00d"),
        (f"map 0x10000000 0x{pa} 4K ro", f"map: 0x10000000-0x10000fff -> 0x{pa} (memory RO): 0 sections, 1 page"),
        ("peek 0x10000000", "0x10000000: 0xcafef00d"),
        ("poke 0x10000000 1", "Data abort: permission fault (page) on write at 0x10000000"),
        ("v2p 0x10000000", "ATS1CPW -> PAR 0x0000001f: permission fault (page)"),
        ("check", "MMU check: record, page tables and MMU agree"),
        ("unmap 0x10000000", "unmap: 0x10000000-0x10000fff unmapped"),
        ("peek 0x10000000", "Data abort: translation fault"),
        ("map 0x20000000 0x09000000 1M device", "1 section, 0 pages"),
        ("peek 0x20000018", "0x20000018: 0x"),          # the UART's flag register
        ("unmap 0x20000000", "unmap: 0x20000000-0x200fffff unmapped"),
        (f"kfree 0x{va}", ""),
        ("check", "MMU check: record, page tables and MMU agree"),
    ]
    for line, want in steps:
        out = sh.cmd(line)
        if want not in out:
            check(record, "map, read, write, unmap", False, f"{line!r}: wanted {want!r}, got {out!r}")
            return
    check(record, "map, read, write, unmap", True, "")


def free_pages(sh):
    """The page allocator's free count, from meminfo's MemFree."""
    m = re.search(r"^MemFree: +(\d+) kB", sh.cmd("meminfo"), re.M)
    return int(m.group(1)) if m else None


def test_record_full(sh, record):
    """The mapping record is a fixed table: with it full, an unmap that
    would cut a mapping in two must be refused before the tables change
    (it used to drop the tail record: pages mapped that check disowned)."""
    name = "a full mapping record refuses to cut a mapping, and loses nothing"
    before = free_pages(sh)
    made, refused = [], None
    for i in range(300):
        va = 0x10000000 + i * 0x4000
        out = sh.cmd(f"map 0x{va:08x} 0x09000000 12K device")
        if "more than 256 kernel mappings" in out:
            refused = out
            break
        if "map: 0x" not in out:
            return check(record, name, False, f"map {i}: {out!r}")
        made.append(va)
    if not refused or len(made) < 200:
        return check(record, name, False, f"{len(made)} maps, then {refused!r}")
    steps = [
        (f"unmap 0x{made[10] + 0x1000:08x} 4K", "the record of kernel mappings is full (256)"),
        ("check", "MMU check: record, page tables and MMU agree"),
        (f"unmap 0x{made[20]:08x}", "unmapped"),                     # a whole one: a slot free
        (f"unmap 0x{made[10] + 0x1000:08x} 4K", "unmapped"),          # now it fits
        (f"unmap 0x{made[30] + 0x1000:08x} 4K", "the record of kernel mappings is full"),
        ("check", "MMU check: record, page tables and MMU agree"),
    ]
    for line, want in steps:
        out = sh.cmd(line)
        if want not in out:
            return check(record, name, False, f"{line!r}: wanted {want!r}, got {out!r}")
    for va in made:
        if va == made[20]:
            continue
        for part in ((va, ""), (va + 0x2000, "")) if va == made[10] else ((va, ""),):
            out = sh.cmd(f"unmap 0x{part[0]:08x}")
            if "unmapped" not in out:
                return check(record, name, False, f"cleaning up 0x{part[0]:08x}: {out!r}")
    out = sh.cmd("check")
    after = free_pages(sh)
    check(record, name, "MMU check: record, page tables and MMU agree" in out and before == after,
          f"free {before} kB before, {after} kB after; {out[-200:]!r}")


# (command, what the answer must contain): no second mapping of RAM that
# could write it, and ioremap sees RAM anywhere in its range.
ALIASES = [
    ("ioremap 0x3f000000 0x2000000", "ioremap: 0x40000000-0x40ffffff is RAM (the lowmem bank"),
    ("ioremap 0x09000000 1G", "ioremap: 0x40000000-0x48ffffff is RAM"),
    ("map 0x10000000 0x40100000 4K rw", "map: 0x40100000-0x40100fff is RAM (the lowmem bank"),
    ("map 0xbf000000 0x40100000 1M rwx", "only a read-only alias (ro) is allowed"),
    ("map 0x10000000 0x3ff00000 2M device", "map: 0x40000000-0x400fffff is RAM"),
    ("fixmap 70 0x40100000", "fixmap: 0x40100000-0x40100fff is RAM"),
    ("fixmap 70 0x40100000 uncached", "only a read-only alias (ro) is allowed"),
    ("map 0x10000000 0x40100000 4K ro", "map: note: 0x40100000 is lowmem RAM, also mapped at 0xc0100000"),
    ("poke 0x10000000 1", "Data abort: permission fault (page) on write at 0x10000000"),
    ("unmap 0x10000000", "unmapped"),
    ("map 0x10000000 0x70000000 4K rw", "map: 0x10000000-0x10000fff -> 0x70000000 (memory RW)"),
    ("unmap 0x10000000", "unmapped"),
    ("check", "compared kernel text and rodata (0xc0100000-"),
    ("check", "MMU check: record, page tables and MMU agree"),
]


def test_aliases(sh, record):
    bad = []
    for line, want in ALIASES:
        out = sh.cmd(line)
        if want not in out:
            bad.append(f"{line!r}: wanted {want!r}, got {out.splitlines()[:2]}")
    check(record, "no writable or mismatched alias of RAM; ioremap checks its whole range",
          not bad, "; ".join(bad[:3]))


def test_line_editor(sh, record):
    out = sh.send(b"uptimX\x7fe\r")
    check(record, "backspace", "\nup " in out, out)
    out = sh.send(b"vfree garbage\x15uptime\r")
    check(record, "Ctrl-U clears the line", "\nup " in out and "vfree" not in out.split("\n", 1)[1], out)
    before = sh.cmd("areas")
    out = sh.send(b"vmalloc 1M\x03")
    check(record, "Ctrl-C abandons the line", out.endswith("^C\n"), out)
    after = sh.cmd("areas")
    check(record, "... and nothing of it ran", after == before, f"{before!r} then {after!r}")
    sh.cmd("p2v 0x40000000")
    sh.cmd("uptime")
    out = sh.send(b"\x1b[A\x1b[A\r")          # two up: p2v
    check(record, "history: up twice recalls the command before last",
          "__va = 0xc0000000" in out, out)
    out = sh.send(b"\x1b[A\x1b[A\x1b[B\r")    # up, up, down: the newest again
    check(record, "history: down walks back", "__va = 0xc0000000" in out, out)
    # A control character ends an escape sequence and then does its job;
    # a sequence longer than 16 bytes is dropped at its 17th.
    for raw, want, name in (
            (b"uptime\x1b\r", "\nup ", "ESC then Enter still ends the line"),
            (b"uptime\x1b[\r", "\nup ", "ESC [ then Enter still ends the line"),
            (b"uptime\x1bO\r", "\nup ", "ESC O then Enter still ends the line"),
            (b"uptime\x1b[1;5\r", "\nup ", "ESC [ 1 ; 5 then Enter still ends the line"),
            (b"vmalloc 1M\x1b[\x03", "^C\n", "ESC [ then Ctrl-C still abandons the line"),
            (b"vfree garbage\x1b[2\x15uptime\r", "\nup ", "ESC [ 2 then Ctrl-U still clears the line"),
            (b"\x1b\x1b[A\r", "\nup ", "ESC ESC [ A: the second ESC starts the sequence"),
            (b"\x1b[" + b"9" * 20 + b"uptime\r", "999uptime: no such command",
             "an escape sequence is at most 16 bytes")):
        out = sh.send_or_recover(raw)
        check(record, f"line editor: {name}", out is not None and want in out,
              "no prompt came back" if out is None else out)
    after = sh.cmd("areas")
    check(record, "line editor: nothing of the abandoned lines ran", after == before,
          f"{before!r} then {after!r}")


def test_interrupts(sh, record):
    out = sh.cmd("interrupts")
    counts = {int(i): int(c) for i, c in re.findall(r"^ +(\d+) +(\d+) ", out, re.M)}
    ok = counts.get(33, 0) > 0 and counts.get(27, 0) > 0
    check(record, "console input and the tick arrive as interrupts", ok, out)


def test_ctrl_c(sh, record):
    """Ctrl-C typed while a long command runs stops it, and it frees all."""
    for line, started, stopped, freed in (
            ("soak 600", b"soak: 600 s of QEMU time", "soak: interrupted (Ctrl-C) after", "soak: ok"),
            ("user run 100000", b"Hello from user mode", "user: interrupted after",
             "every page and page table given back")):
        sh.p.send(line.encode() + b"\r")
        sh.p.expect(started)
        time.sleep(0.5)
        t0 = time.monotonic()
        sh.p.send(b"\x03")
        sh.p.expect(PROMPT)
        out = sh.p.before.decode(errors="replace").replace("\r", "")
        check(record, f"Ctrl-C stops `{line}` at once, everything freed",
              stopped in out and freed in out and time.monotonic() - t0 < 5, out[-400:])


def run_hostile_configs(record, root):
    """The configuration-dependent hostile lines, one boot each; the whole
    ptdump must put the fixmap's header at its first address too."""
    for append, extra, lines in [(a, (), l) for a, l in HOSTILE_CONFIGS] + HOSTILE_DTB:
        sh = None
        try:
            sh = Shell(root, append, extra)
            test_hostile(sh, record, lines, f" ({append})")
            if "modern" in append:
                out = sh.cmd("ptdump")
                after = out.split("---[ fixmap ]---\n", 1)
                check(record, f"ptdump ({append}): the fixmap's header at FIXADDR_START, nothing mapped",
                      len(after) == 2 and after[1].startswith("  0xffc80000-"), out[-600:])
            sh.p.send(b"poweroff\r")
            sh.p.expect(sh.pexpect.EOF)
        except Exception as e:
            tail = sh.p.before.decode(errors="replace")[-300:] if sh else ""
            record(f"shell: hostile lines ({append})", False, f"{type(e).__name__}; last output: {tail!r}")
        finally:
            if sh:
                sh.close()


def run_interactive(record, root):
    try:
        import pexpect  # noqa: F401
    except ImportError:
        record("shell: interactive", False, "python3-pexpect not installed (tools/deps.sh test installs it)")
        return
    sh = None
    step = "boot"
    try:
        sh = Shell(root)
        for step, fn in (("help", test_help),):
            names = fn(sh, record)
        for step, fn in (("examples", lambda s, r: test_examples(s, r, names)),
                         ("bad arguments", test_bad_arguments),
                         ("hostile lines", test_hostile),
                         ("protected peek", test_protected_peek),
                         ("map", test_map_and_read),
                         ("aliases", test_aliases),
                         ("record full", test_record_full),
                         ("line editor", test_line_editor),
                         ("ctrl-c", test_ctrl_c),
                         ("interrupts", test_interrupts)):
            fn(sh, record)
        out = sh.cmd("check")
        check(record, "the MMU check agrees after the session",
              "record, page tables and MMU agree" in out, out)
        sh.p.send(b"poweroff\r")
        sh.p.expect(sh.pexpect.EOF)
    except Exception as e:          # a timeout or EOF: name where it stopped
        tail = sh.p.before.decode(errors="replace")[-300:] if sh else ""
        record(f"shell: interactive ({step})", False, f"{type(e).__name__}; last output: {tail!r}")
    finally:
        if sh:
            sh.close()


# ----------------------------------------------------------------- robustness

# Commands whose random arguments cannot hurt the kernel: no poke, exec,
# crash, map of RAM over data, or poweroff.  Their parsers get the fuzz.
SAFE = ("help v2p p2v peek ptdump layout memmap areas meminfo fixmap dma vmalloc vfree "
        "kmalloc kfree ioremap iounmap kmap kunmap tlb cache regs uptime interrupts unmap").split()
ARGS = ["0", "1", "0x", "0xc0000000", "4K", "1M", "99999999999", "-1", "_text", "VMALLOC_START",
        "atomic", "all", "alloc", "free", "clear", "0x09000000", "ro", "device", "", "1G", "0xffff0000"]


def random_line(rng):
    if rng.random() < 0.5:
        n = rng.randrange(0, 60)
        return bytes(b for b in (rng.randrange(256) for _ in range(n)) if b not in (10, 13))
    words = [rng.choice(SAFE)] + [rng.choice(ARGS) for _ in range(rng.randrange(0, 9))]
    return " ".join(words).encode()


def feed(p, data):
    try:
        p.stdin.write(data)
        p.stdin.close()
    except (BrokenPipeError, ValueError, OSError):
        pass            # QEMU went away: the reader side reports it


def run_robustness(record, root):
    rng = random.Random(20261122)
    data = b"\r".join(random_line(rng) for _ in range(ROBUST_LINES))
    # Afterwards: end any half-typed line or escape sequence, then ask.
    data += b"\r\x03\rhelp\rcheck\rmeminfo\rpoweroff\r"
    p = subprocess.Popen(["qemu-system-arm"] + qemu_args(root, "pipe"),
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = []

    def read_all():
        while True:
            chunk = os.read(p.stdout.fileno(), 65536)
            if not chunk:
                return
            out.append(chunk)
    reader = threading.Thread(target=read_all)
    reader.start()
    start = time.time()
    try:
        # Wait for the first prompt: bytes sent while the kernel switches
        # the UART's FIFOs on would be dropped by the UART itself.
        while PROMPT not in b"".join(out) and p.poll() is None:
            if time.time() - start > TIMEOUT:
                raise subprocess.TimeoutExpired("qemu-system-arm", TIMEOUT)
            time.sleep(0.01)
        # A writer thread: if the kernel stops reading, the pipe fills and
        # the write blocks; the deadline below still holds.
        threading.Thread(target=feed, args=(p, data), daemon=True).start()
        p.wait(timeout=ROBUST_TIMEOUT - (time.time() - start))
    except subprocess.TimeoutExpired as e:
        p.kill()
        p.wait()
        reader.join()
        text = b"".join(out).decode(errors="replace")
        record("shell: 10,000 random lines, then help and the MMU check", False,
               f"{type(e).__name__} after {time.time() - start:.1f} s (QEMU killed); last output: {text[-300:]!r}")
        return
    reader.join()
    text = b"".join(out).decode(errors="replace").replace("\r", "")
    after = text.rsplit("vmsplit> help\n", 1)
    ok = len(after) == 2 and "vmsplit> poweroff" in after[1]
    why = "no answer to help after the random lines" if not ok else ""
    if ok and not re.search(r"^poweroff +power the machine off", after[1], re.M):
        ok, why = False, "help's list is incomplete after the random lines"
    if ok and "MMU check: record, page tables and MMU agree" not in after[1]:
        ok, why = False, "the MMU check failed after the random lines: " + after[1][-400:]
    for bad in ("Unexpected", "vmsplit: halting"):
        if bad in text:
            ok, why = False, first_line_matching(text, rf"^.*{bad}.*$")
    record("shell: 10,000 random lines, then help and the MMU check", ok,
           why + f" (QEMU exit {p.returncode})" if not ok else "")
    prompts = text.count("vmsplit> ")
    record("shell: every random line got its prompt back", prompts > ROBUST_LINES,
           f"{prompts} prompts for {ROBUST_LINES} lines")


# ------------------------------------------------------------------- stalls

STALLS = 10                  # times QEMU is stopped for STALL seconds
STALL = 0.3


def run_stalls(record, root):
    """A busy host, made on purpose: QEMU is stopped (SIGSTOP) for 300 ms
    ten times while a task makes three million system calls.  QEMU's clock
    follows the host's, so each stall brings 30 jiffies at once; a
    well-behaved task must survive them all, and the spin attack must
    still be killed by the tick."""
    import signal
    kernel = os.path.join(root, "build", "3G", "vmsplit.elf")
    cmd = ["qemu-system-arm", "-M", "virt", "-cpu", "cortex-a15", "-m", "1G", "-nic", "none",
           "-display", "none", "-serial", "stdio", "-monitor", "none",
           "-semihosting-config", "enable=on,target=native", "-kernel", kernel,
           "-append", 'run="user syscalls 3000000; user run 2000; user attack spin"']
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    chunks = []
    reader = threading.Thread(target=lambda: chunks.append(p.stdout.read()))
    reader.start()
    time.sleep(0.5)          # the boot: the system calls start right after it
    stalls = 0
    for _ in range(STALLS):
        if p.poll() is not None:
            break
        p.send_signal(signal.SIGSTOP)
        time.sleep(STALL)
        p.send_signal(signal.SIGCONT)
        stalls += 1
        time.sleep(0.1)
    try:
        p.wait(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    reader.join()
    text = b"".join(chunks).decode(errors="replace")
    survived = ("system calls in" in text and "exited with status 0" in text and
                "2000 tasks ran, 0 did not exit with their number" in text)
    killed = text.count("killed (SIGKILL)")
    spin = re.search(r"spin +0x00000000  killed by the tick +as Linux", text)
    record(f"shell: {stalls} stalls of the host: no well-behaved task killed, spin still is",
           survived and killed == 1 and spin and p.returncode == 0 and stalls >= 3,
           f"QEMU exit {p.returncode}, {killed} tasks killed; " + text[-600:])


def run(record, root):
    threads = [threading.Thread(target=run_robustness, args=(record, root)),
               threading.Thread(target=run_stalls, args=(record, root))]
    for t in threads:
        t.start()
    run_interactive(record, root)
    run_hostile_configs(record, root)
    for t in threads:
        t.join()


if __name__ == "__main__":
    import standalone
    sys.exit(standalone.main(run))
