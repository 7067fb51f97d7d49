#!/usr/bin/env python3
"""One virtual address, both descriptor formats, level by level.

    make formats VA="0xc0000000 0xffff0000" [SPLIT=3G] [MEM=1G] [ARGS="vmalloc=..."]
    python3 tools/formats.py [--split 3G] [-m 1G] [--run "cmd; cmd"] [--args "..."] VA...

Boots the two kernels of one split on the same QEMU board, build/SPLIT
(short descriptors) and build/SPLIT-lpae (long descriptors), with the same
command line, runs "ptdump VA; v2p VA" in each (after --run's commands, for
example "vmalloc 8K" so the vmalloc space has something to walk), and
prints the two walks interleaved: for each level, the entry each format
reads, the size of the table it sits in, what it says, then the physical
address each walk ends at and what the MMU itself answered (ATS1CPR), then
the page-table memory each kernel's whole map takes.

Every figure comes from the kernels' own output: the entry widths from the
descriptors' hex digits, the table sizes from ptdump's "N entries" and the
boot's "Page tables:" line, the leaf sizes from ptdump's "type" line.
Nothing about either format is assumed here.
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
TIMEOUT = 20
FORMATS = (("short", ""), ("long", "-lpae"))


def boot(kernel, mem, append):
    """The kernel's serial output for one run= command line (QEMU ends
    when run= is done: the kernel powers off through semihosting)."""
    cmd = ["qemu-system-arm", "-M", "virt", "-cpu", "cortex-a15", "-m", mem, "-nic", "none",
           "-nographic", "-monitor", "none", "-serial", "stdio",
           "-semihosting-config", "enable=on,target=native", "-kernel", kernel, "-append", append]
    with tempfile.TemporaryFile() as out:
        try:
            subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                           timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            out.seek(0)
            tail = out.read().decode(errors="replace").splitlines()[-3:]
            sys.exit("formats: %s did not finish within %d s; its last lines:\n  %s"
                     % (kernel, TIMEOUT, "\n  ".join(tail)))
        out.seek(0)
        return out.read().decode(errors="replace").replace("\r", "")


def command_output(log, command):
    """The lines one shell command printed (up to the next prompt)."""
    lines, take = [], False
    for line in log.splitlines():
        if line.startswith("vmsplit> "):
            take = line == "vmsplit> " + command
            continue
        if line.startswith("run: ") and take:
            break
        if take:
            lines.append(line)
    return lines


ENTRY = re.compile(r"^  (L[123])\[(0x[0-9a-f]+)\] at PA (0x[0-9a-f]+) = 0x([0-9a-f]+)$")
TYPE = re.compile(r"^    type +(.*)$")
ENTRIES = re.compile(r"(\d+) entries")


def first_level_bytes(log):
    """The first-level table's size, from the boot's "Page tables:" line
    ("16 KB first level" or "first level: 4 x 8 B")."""
    m = re.search(r"^Page tables: .*$", log, re.M)
    if not m:
        return None, ""
    line = m.group(0)
    k = re.search(r"(\d+) KB first level", line)
    if k:
        return int(k.group(1)) * 1024, line
    n = re.search(r"first level: (\d+) x (\d+) B", line)
    if n:
        return int(n.group(1)) * int(n.group(2)), line
    return None, line


def size_text(n):
    if n is None:
        return "?"
    return "%d KB" % (n // 1024) if n >= 1024 and n % 1024 == 0 else "%d B" % n


def walk(log, va):
    """[(level, index, entry PA, descriptor hex, entry bytes, table bytes,
    type text)], the walk's end ("-> PA ..." or None) and the MMU's line."""
    first, _ = first_level_bytes(log)
    steps, table_bytes = [], first
    for line in command_output(log, "ptdump " + va):
        m = ENTRY.match(line)
        if m:
            desc = m.group(4)
            steps.append([m.group(1), m.group(2), m.group(3), desc, len(desc) // 2, table_bytes, ""])
            continue
        t = TYPE.match(line)
        if t and steps:
            steps[-1][6] = t.group(1)
            n = ENTRIES.search(t.group(1))
            table_bytes = int(n.group(1)) * steps[-1][4] if n else None
    v2p = command_output(log, "v2p " + va)
    end = next((l.strip() for l in v2p if l.strip().startswith("-> PA")), None)
    mmu = next((l.split("MMU:", 1)[1].strip() for l in v2p if "ATS1CPR" in l), "(no MMU line)")
    what = v2p[0].split(": ", 1)[1] if v2p and ": " in v2p[0] else "?"
    return steps, end, mmu, what


def describe(step):
    level, index, pa, desc, width, table, kind = step
    return "%s[%s] = 0x%s: %s (%d B entry in a %s table at PA %s)" % (
        level, index, desc, kind, width, size_text(table),
        "0x%x" % (int(pa, 16) - int(index, 16) * width))


def leaf_text(steps):
    if not steps:
        return "no walk"
    kind = steps[-1][6]
    reads = len(steps)
    return "%s, %d descriptor read%s" % (kind, reads, "" if reads == 1 else "s")


def report(logs, va, kernels):
    walks = {f: walk(logs[f], va) for f, _ in FORMATS}
    what = walks["short"][3]
    out = ["%s: %s" % (va, what)]
    depth = max(len(w[0]) for w in walks.values())
    for i in range(depth):
        head = "  level %d" % (i + 1)
        for f, _ in FORMATS:
            steps = walks[f][0]
            if i < len(steps):
                text = describe(steps[i])
            elif i == len(steps) and steps and walks[f][1]:
                text = "(none: the level %d entry was the leaf)" % len(steps)
            elif steps and not walks[f][1] and i == len(steps):
                text = "(none: the walk stopped at a fault)"
            else:
                continue
            out.append("%-9s %-5s  %s" % (head, f, text))
            head = ""
    for f, _ in FORMATS:
        steps, end, _, _ = walks[f]
        out.append("%-9s %-5s  %s" % ("  result" if f == "short" else "", f,
                                      "%s (%s)" % (end[3:], leaf_text(steps)) if end
                                      else "no translation: a fault entry at level %d"
                                      % len(steps)))
    for f, _ in FORMATS:
        out.append("%-9s %-5s  %s" % ("  MMU" if f == "short" else "", f, walks[f][2]))
    return out


def main(argv):
    split, mem, run, args, vas = "3G", "1G", "", "", []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--split", "-m", "--run", "--args") and i + 1 < len(argv):
            v = argv[i + 1]
            if a == "--split":
                split = v
            elif a == "-m":
                mem = v
            elif a == "--run":
                run = v
            else:
                args = v
            i += 2
            continue
        if a in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        if not re.fullmatch(r"0x[0-9a-fA-F]{1,8}|[0-9]{1,10}", a) or int(a, 0) >= 1 << 32:
            print("formats: %r is not a virtual address (0x... or decimal, below 4 GB)" % a,
                  file=sys.stderr)
            return 2
        vas.append("0x%08x" % int(a, 0))
        i += 1
    if not vas:
        print("formats: no virtual address given (for example: make formats VA=0xc0000000)",
              file=sys.stderr)
        return 2
    if split == "3G_OPT":
        print("formats: VMSPLIT_3G_OPT has no LPAE kernel (it depends on !ARM_LPAE, "
              "arch/arm/Kconfig); choose 3G, 2G or 1G", file=sys.stderr)
        return 2
    kernels = {f: os.path.join(BUILD, split + sfx, "vmsplit.elf") for f, sfx in FORMATS}
    for f, k in kernels.items():
        if not os.path.exists(k):
            print("formats: %s is missing (make kernel-%s%s)" % (os.path.relpath(k, ROOT), split,
                  dict(FORMATS)[f]), file=sys.stderr)
            return 2
    cmds = ([run] if run else []) + ["ptdump %s; v2p %s" % (va, va) for va in vas]
    append = ((args + " ") if args else "") + 'run="%s"' % "; ".join(cmds)
    logs = {f: boot(k, mem, append) for f, k in kernels.items()}
    for f, log in logs.items():
        if "vmsplit> " not in log:
            print("formats: %s printed no prompt; its output:\n%s" % (kernels[f], log),
                  file=sys.stderr)
            return 1
    print("Both formats, VMSPLIT_%s, -m %s, command line: %s" % (split, mem, append))
    for f in kernels:
        print("  %-5s  %s" % (f, os.path.relpath(kernels[f], ROOT)))
    for va in vas:
        print()
        print("\n".join(report(logs, va, kernels)))
    print()
    print("Page-table memory of the whole kernel map:")
    for f in kernels:
        print("  %-5s  %s" % (f, first_level_bytes(logs[f])[1][len("Page tables: "):]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
