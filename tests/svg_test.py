#!/usr/bin/env python3
"""memlayout --svg: the picture must say what the text says, to the byte.

For several boards and command lines, memlayout prints its table and draws
the SVG from the same decision.  Each check reads the SVG's own data: every
line of the table has a virtual box with the same start and end; the
virtual boxes tile the 4 GB in address order without overlap; the
physical boxes hold exactly the banks of the "Memory:" line, and name the
RAM outside them as the decision's Truncating/Ignoring lines do; every label
says its box's addresses; and each linear-map line joins a lowmem bank's
end to the virtual address the linear map gives it.

    run(record, root)           record(name, ok, message) per result
    python3 tests/svg_test.py   PASS/FAIL lines, then "N passed, N failed"
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
CASES = [
    ("default", ["-m", "1G", ""]),
    ("seed 001 408 MB", ["-m", "1G", "vmalloc=408M highmem=on"]),
    ("seed 000", ["-m", "512M", "rules=2.6.36"]),
    ("modern highmem", ["-m", "1G", "rules=modern highmem=on"]),
    ("seed 001 example 7", ["-m", "1G", "mem=91M@0x40000000 mem=24M@0x45d00000 mem=493M@0x52000000 "
                            "vmalloc=400M highmem=on"]),
    ("2G split", ["--built-for", "2G", "-m", "2G", "highmem=on"]),
    ("seed 001 example 8 (the bend)", ["-m", "1G", "mem=91M@0x40000000 mem=24M@0x45d00000 "
                                       "mem=493M@0x52000000 vmalloc=400M highmem=on reclaim=dont-map-hole"]),
    ("modern 2 GB, highmem off (ignored)", ["-m", "2G", "rules=modern"]),
    ("2.6.36 banks past vmalloc_min (ignored)", ["-m", "1G", "rules=2.6.36 mem=128M mem=128M@0x70000000"]),
    ("msm holes from the device tree", ["--dtb", "{root}/build/dt/msm-holes-1G.dtb", "vmalloc=400M"]),
    ("LPAE 8 GB highmem (RAM past 4 GB)", ["--lpae", "-m", "8G", "rules=modern highmem=on"]),
    ("LPAE 4 GB truncated, 3.4", ["--lpae", "-m", "4G", ""]),
    ("LPAE 4 GB highmem off, modern (16-digit %pa)", ["--lpae", "-m", "4G", "rules=modern"]),
    ("LPAE bank past 4 GB without highmem", ["--lpae", "-m", "8G", "mem=1G mem=2G@0x100000000"]),
    ("vexpress-a15: RAM and PHYS_OFFSET at 0x80000000", ["--board", "vexpress-a15", "-m", "1G", "highmem=on"]),
    ("raspi2b: RAM at 0", ["--board", "raspi2b", "rules=modern highmem=on"]),
    ("seed 001 example 5 at its own 0x80000000", ["--ram", "0x80000000:768M,0xb7800000:136M",
                                                  "vmalloc=400M highmem=on"]),
    ("/reserved-memory: CMA and DMA pools, no-map carve-outs", ["--dtb", "{dt:reserved-memory:1G}",
                                                               "rules=modern highmem=on"]),
    ("linear scale", ["--svg-scale", "linear", "-m", "2G", "highmem=on"]),
]
# The boxes of /reserved-memory regions that stay in a bank: "CMA pool
# NAME (reserved-memory)", "reserved NAME (reserved-memory)".
RESMEM_BOX = re.compile(r"^(CMA pool|DMA pool|reserved) \S+ \(reserved-memory\)$")
PHYS_OFFSET = re.compile(r"PHYS_OFFSET 0x([0-9a-f]+);")
# The physical side's words for RAM outside the banks (memmap and p2v use the same).
PHYS_NAMES = {"lowmem", "highmem", "truncated (vmalloc region overlap)", "ignored (vmalloc region overlap)",
              "ignored (above lowmem, and highmem is off)", "ignored (NR_BANKS too low for a highmem bank)",
              "ignored (above 4 GB, and highmem is off)", "hole (device tree: qcom,memblock-remove)", "hole (not in the mem= banks)",
              "hole (not in the banks)", "not RAM", "no-map (device tree: /reserved-memory)"}
TRUNCATING = re.compile(r"^Truncating RAM at ([0-9a-f]+)-([0-9a-f]+) to -([0-9a-f]+) \(vmalloc region overlap\)\.$")
IGNORING_OLD = re.compile(r"^Ignoring RAM at ([0-9a-f]+)-([0-9a-f]+) \(vmalloc region overlap\)\.$")
IGNORING_4G = re.compile(r"^Ignoring RAM at ([0-9a-f]+)-([0-9a-f]+) \(!CONFIG_HIGHMEM\)\.$")
IGNORING_NEW = re.compile(r"^Ignoring RAM at 0x([0-9a-f]+)-0x([0-9a-f]+)$")
BEND = re.compile(r"from 0x([0-9a-f]+) on, __va\(p\) = p - 0x([0-9a-f]+) \+ 0x([0-9a-f]{8})$")
TABLE = re.compile(r"^ +(\w+) *: 0x([0-9a-f]{8}) - 0x([0-9a-f]{8}) ")
MEMORY = re.compile(r"^Memory: ((?:\d+MB )+)= (\d+)MB total$")


def boxes(root, cls):
    out = []
    for g in root.iter(NS + "g"):
        if g.get("class") == cls:
            text = "".join(g.find(NS + "text").itertext())
            out.append((g.get("data-name"), int(g.get("data-start"), 16), int(g.get("data-end"), 16), text))
    return out


def check_case(memlayout, args):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "map.svg")
        p = subprocess.run([memlayout, "--svg", path] + args, capture_output=True, text=True, timeout=10)
        if p.returncode:
            return f"memlayout exit {p.returncode}: {p.stderr.strip()}"
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as e:
            return f"not well-formed XML: {e}"
    virt, phys = boxes(root, "virt"), boxes(root, "phys")
    header = " ".join("".join(t.itertext()) for t in root.iter(NS + "text"))
    phys_offset = int(PHYS_OFFSET.search(header).group(1), 16)
    # A bank's reserved-memory pieces are still the bank: join them back.
    pieces = sorted((b for b in phys if b[0] in ("lowmem", "highmem") or RESMEM_BOX.match(b[0])), key=lambda b: b[1])
    joined = []
    for b in pieces:
        kind = b[0] if b[0] in ("lowmem", "highmem") else None
        if joined and joined[-1][2] == b[1] and (kind is None or joined[-1][0] == kind or joined[-1][0] is None):
            joined[-1] = [joined[-1][0] or kind, joined[-1][1], b[2]]
        else:
            joined.append([kind, b[1], b[2]])

    # Every table line is a box (lowmem: the first box starts it, the
    # last ends it, since lowmem is drawn split at the linear map's holes).
    for line in p.stdout.splitlines():
        m = TABLE.match(line)
        if not m or m.group(1) in ("text", "init", "data", "bss"):
            continue
        name, start, end = m.group(1), int(m.group(2), 16), int(m.group(3), 16)
        parts = [b for b in virt if b[0].startswith(name if name != "DMA" else "DMA")]
        if name == "lowmem":
            parts = [b for b in virt if b[0].startswith("lowmem")]
            if not parts or min(b[1] for b in parts) != start or max(b[2] for b in parts) != end:
                return f"table line {line.strip()!r}: the lowmem boxes span something else"
        elif not any(b[1] == start and b[2] == end for b in parts):
            return f"table line {line.strip()!r} has no box"

    # The virtual boxes tile [0, 4 GB) in order.
    spans = sorted((b[1], b[2]) for b in virt)
    if spans[0][0] != 0 or spans[-1][1] != 1 << 32:
        return f"virtual boxes cover 0x{spans[0][0]:x}-0x{spans[-1][1]:x}, not all 4 GB"
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        if e1 != s2:
            return f"virtual boxes 0x{s1:08x}-0x{e1:08x} and 0x{s2:08x}-0x{e2:08x} {'overlap' if e1 > s2 else 'leave a gap'}"

    # The banks of "Memory: 91MB 24MB ... = N MB total" are the physical lowmem + highmem boxes.
    m = next((MEMORY.match(l) for l in p.stdout.splitlines() if MEMORY.match(l)), None)
    banks = [tuple(b) for b in joined]
    if m:
        total = sum((b[2] - b[1]) for b in banks) >> 20
        if total != int(m.group(2)):
            return f"physical banks add up to {total} MB, the text says {m.group(2)} MB"

    # RAM outside the banks is named as the decision's own lines say: each
    # "Truncating" or "Ignoring" is a box with that name, and every
    # physical box is named in the one vocabulary.
    odd = [b[0] for b in phys if b[0] not in PHYS_NAMES and not RESMEM_BOX.match(b[0])]
    if odd:
        return f"physical boxes named outside the vocabulary: {odd}"
    if any("msm-holes" in a for a in args) and not any(b[0] == "hole (device tree: qcom,memblock-remove)"
                                                       for b in phys):
        return "a device tree with qcom,memblock-remove, but no box names its holes"
    for line in p.stdout.splitlines():
        want = None
        if TRUNCATING.match(line):
            m = TRUNCATING.match(line)
            want = ("truncated (vmalloc region overlap)", int(m.group(3), 16) + 1, int(m.group(2), 16) + 1)
        elif IGNORING_OLD.match(line):
            m = IGNORING_OLD.match(line)
            want = ("ignored (vmalloc region overlap)", int(m.group(1), 16), int(m.group(2), 16) + 1)
        elif IGNORING_4G.match(line):
            m = IGNORING_4G.match(line)
            want = ("ignored (above 4 GB, and highmem is off)", int(m.group(1), 16), int(m.group(2), 16) + 1)
        elif IGNORING_NEW.match(line):
            m = IGNORING_NEW.match(line)
            want = ("ignored (above lowmem, and highmem is off)", int(m.group(1), 16), int(m.group(2), 16))
        if want and not any((b[0], b[1], b[2]) == want for b in phys):
            return f"{line!r}: no physical box {want[0]!r} 0x{want[1]:08x}-0x{want[2]:08x}"

    # Every label says its own box's addresses.
    for name, start, end, text in virt + phys:
        want = f"0x{start:08x}-0x{end - 1:08x}"
        if want not in text:
            return f"box {name} 0x{start:08x}: label {text!r} lacks {want}"

    # Linear-map lines: from each lowmem bank's ends to VA = PA - PHYS_OFFSET + PAGE_OFFSET.
    low = next(TABLE.match(l) for l in p.stdout.splitlines() if TABLE.match(l) and TABLE.match(l).group(1) == "lowmem")
    page_offset = int(low.group(2), 16)
    lines = [(int(l.get("data-pa"), 16), int(l.get("data-va"), 16)) for l in root.iter(NS + "line")
             if l.get("class") == "linear"]
    ends = sorted({b[1] for b in banks if b[0] == "lowmem"} | {b[2] for b in banks if b[0] == "lowmem"})
    if sorted({pa for pa, _ in lines}) != ends:
        return f"linear-map lines at {[hex(pa) for pa, _ in lines]}, lowmem bank ends at {[hex(e) for e in ends]}"
    bend = next((BEND.search(l) for l in p.stdout.splitlines() if BEND.search(l)), None)

    def va_of(pa):      # __va, bent past a skipped hole when the text says so
        if bend and pa >= int(bend.group(1), 16):
            return pa - int(bend.group(2), 16) + int(bend.group(3), 16)
        return pa - phys_offset + page_offset
    for pa, va in lines:
        if va != va_of(pa):
            return f"linear-map line from 0x{pa:08x} goes to 0x{va:08x}, not 0x{va_of(pa):08x}"

    # PAGE_OFFSET and TASK_SIZE are marked where the table says: PAGE_OFFSET
    # at lowmem's start, TASK_SIZE at the modules' start.
    marks = {l.get("class"): int(l.get("data-va"), 16) for l in root.iter(NS + "line")
             if l.get("class") in ("split", "task-size")}
    mod = next((TABLE.match(l) for l in p.stdout.splitlines()
                if TABLE.match(l) and TABLE.match(l).group(1) == "modules"), None)
    if marks.get("split") != page_offset:
        return f"the PAGE_OFFSET line is at {marks.get('split')!r}, lowmem starts at 0x{page_offset:08x}"
    if mod and marks.get("task-size") != int(mod.group(2), 16):
        return f"the TASK_SIZE line is at {marks.get('task-size')!r}, the modules start at {mod.group(2)}"

    # A nested region (the static IO map inside vmalloc from 3.3 on) lies
    # inside one box of the virtual column, and is drawn inside it.
    rects = {}
    for g in root.iter(NS + "g"):
        r = g.find(NS + "rect")
        if g.get("class") in ("virt", "virt-in"):
            rects.setdefault(g.get("class"), []).append(
                (int(g.get("data-start"), 16), int(g.get("data-end"), 16),
                 float(r.get("y")), float(r.get("y")) + float(r.get("height"))))
    for s, e, y0, y1 in rects.get("virt-in", []):
        outer = [o for o in rects["virt"] if o[0] <= s and e <= o[1]]
        if not outer:
            return f"nested box 0x{s:08x}-0x{e:08x} lies in no virtual box"
        if not (outer[0][2] - 0.05 <= y0 and y1 <= outer[0][3] + 0.05):
            return f"nested box 0x{s:08x}-0x{e:08x} is drawn outside its box"
    # The board's devices on the physical side, where the kernel's IO map
    # finds them: virt's PL011 at 0x09000000 (the board's table, or a virt
    # tree), vexpress-a15's at 0x1c090000, raspi2b's at 0x3f201000.
    devs = {(g.get("data-name"), int(g.get("data-start"), 16), int(g.get("data-end"), 16))
            for g in root.iter(NS + "g") if g.get("class") == "phys-dev"}
    board = args[args.index("--board") + 1] if "--board" in args else None if "--ram" in args else "virt"
    uart = {"virt": 0x09000000, "vexpress-a15": 0x1c090000, "raspi2b": 0x3f201000}.get(board)
    if uart and ("UART (pl011)", uart, uart + 0x1000) not in devs:
        return f"no UART box at 0x{uart:08x} on the physical side: {sorted(devs)}"
    if board is None and devs:
        return f"--ram names no board, but devices are drawn: {sorted(devs)}"
    if "--svg-scale" in args:
        # Linear: every box taller than the least readable height is as tall
        # as its size says (1200 px for 4 GB).
        for s, e, y0, y1 in rects["virt"]:
            want = 1200.0 * (e - s) / (1 << 32)
            if want > 18.5 and abs((y1 - y0) - want) > 0.2:
                return f"linear scale: box 0x{s:08x}-0x{e:08x} is {y1 - y0:.1f} px, not {want:.1f}"
    return None


def run(record, root):
    memlayout = os.path.join(root, "build", "host", "memlayout")
    with tempfile.TemporaryDirectory() as tmp:
        for name, args in CASES:
            try:
                args = [tree(root, tmp, a) for a in args]
            except (OSError, subprocess.SubprocessError) as e:
                record(f"svg: {name}", False, f"tools/mkdtb.sh: {e}")
                continue
            problem = check_case(memlayout, args)
            record(f"svg: {name}", problem is None, problem or "")


def tree(root, tmp, arg):
    """{dt:NAME:SIZE}: QEMU's tree for -m SIZE with dts/NAME.dtsi, made
    here; {root}: the checkout."""
    if not arg.startswith("{dt:"):
        return arg.format(root=root)
    name, size = arg[len("{dt:"):-1].split(":")
    out = os.path.join(tmp, f"{name}-{size}.dtb")
    if not os.path.exists(out):
        subprocess.run([os.path.join(root, "tools", "mkdtb.sh"), out, name, size], check=True,
                       capture_output=True, timeout=60)
    return out


if __name__ == "__main__":
    import standalone
    sys.exit(standalone.main(run))
