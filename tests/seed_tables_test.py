#!/usr/bin/env python3
"""The seeds' own layout tables against the scenarios that reproduce them,
and seed 001's boards at their own addresses through the host tool.

Each table the seeds print (../shared/seeds, beside the checkout) is read
from the seed file itself, region by region (vector, fixmap, DMA, vmalloc,
lowmem, pkmap, modules; the kernel image lines describe another kernel),
and must appear in the same order with the same addresses and sizes in the
scenario's expected boot output, TAB-led vmalloc-saving lines included.

Seed 001's examples are read from the seed (CONFIG_PHYS_OFFSET, its
bank[] lines, "vmalloc size is", the Virtual Memory Reclaim choice) and
given to build/host/memlayout as they are, --phys-offset and --ram; its
msm8974 device tree (one bank from 0x00000000 to 0x80000000 and the
qcom,memblock-remove holes) is built with dtc from the seed's own numbers.
The banks memlayout decides must be the seed's, address for address
(highmem splits join back), and the layout table the seed's where it has
one, else the scenario's that reproduces the example on virt's RAM.

    run(record, root)                 record(name, ok, message) per result
    python3 tests/seed_tables_test.py PASS/FAIL lines, then "N passed, N failed"
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

# (seed file prefix, which "Virtual kernel memory layout" of it, scenario)
TABLES = [
    ("000_", 0, "seed000-512M"),
    ("003_", 0, "seed000-512M"),
    ("001_", 0, "seed001-vmalloc408"),
    ("001_", 1, "seed001-example7"),
    ("001_", 2, "seed001-example8"),
    ("001_", 3, "seed001-example9"),
]
REGION = re.compile(r"(vector|fixmap|DMA|vmalloc|lowmem|pkmap|modules)\s*:\s*0x([0-9a-f]{8})\s*-\s*"
                    r"0x([0-9a-f]{8})\s*\(\s*(\d+) (kB|MB)\)")


def regions(lines):
    """The region lines of one table: it ends at the first line that is
    neither a region nor an image section.  Also: does the table end with
    an ellipsis (the seed left the rest out)?"""
    out = []
    for line in lines:
        m = REGION.search(line)
        if m:
            out.append(m.groups())
        elif not re.search(r"\.(text|init|data|bss)\s*:", line) and out:
            return out, "\u2026" in line or "..." in line
    return out, False


def seed_table(seeds, prefix, index):
    path = next(iter(glob.glob(os.path.join(seeds, prefix + "*.txt"))), None)
    if not path:
        return None, f"no seed {prefix}*.txt in {seeds}"
    lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    starts = [i for i, l in enumerate(lines) if "Virtual kernel memory layout" in l]
    if index >= len(starts):
        return None, f"{os.path.basename(path)} has {len(starts)} tables, not {index + 1}"
    return regions(lines[starts[index] + 1:]), None


def run_tables(record, root):
    seeds = os.path.join(os.path.dirname(root), "shared", "seeds")
    for prefix, index, scenario in TABLES:
        name = f"seed table: {prefix}#{index + 1} is scenario {scenario}"
        want, problem = seed_table(seeds, prefix, index)
        if problem:
            record(name, False, problem)
            continue
        expect = open(os.path.join(root, "tests", "boot", scenario + ".expect")).read().splitlines()
        start = next(i for i, l in enumerate(expect) if l == "Virtual kernel memory layout:")
        got, _ = regions(expect[start + 1:])
        want, elided = want
        if elided:
            got = got[:len(want)]       # the seed printed only the first lines
        if not want:
            record(name, False, "no region lines found in the seed's table")
        elif got != want:
            diff = next((f"seed {w}, scenario {g}" for w, g in zip(want, got) if w != g),
                        f"seed has {len(want)} lines, scenario {len(got)}")
            record(name, False, diff)
        else:
            record(name, True, "")


# Seed 001's reclaim choices as vmsplit's option; example 6 names none but
# uses the MEM_HOLE mapping functions, which are DONT_MAP_HOLE's.
RECLAIM = {"CONFIG_NO_VM_RECLAIM": "", "CONFIG_DONT_MAP_HOLE_AFTER_MEMBANK0": "reclaim=dont-map-hole",
           "CONFIG_ENABLE_VMALLOC_SAVING": "reclaim=vmalloc-saving"}
BANK = re.compile(r"bank\[(\d+)\]\.(start|size)\s*=\s*(0x[0-9A-Fa-f]+|\d+\s*MB)")
BANK_OUT = re.compile(r"memlayout: bank \d+: 0x([0-9a-f]+)-0x([0-9a-f]+) ")


def number(text):
    text = text.strip()
    return int(text[:-2]) << 20 if text.endswith("MB") else int(text, 16)


def seed001_examples(text):
    """[(n, phys_offset, [(start, size)], vmalloc MB, reclaim option, table index or None)]."""
    out, tables = [], 0
    parts = re.split(r"\nexample (\d+)\n", text)
    for n, body in zip(parts[1::2], parts[2::2]):
        po = int(re.search(r"CONFIG_PHYS_OFFSET (0x[0-9A-Fa-f]+)", body).group(1), 16)
        banks = {}
        for i, field, value in BANK.findall(body):
            banks.setdefault(int(i), {})[field] = number(value)
        banks = [(b["start"], b["size"]) for _, b in sorted(banks.items())]
        vmalloc = int(re.search(r"vmalloc size is (\d+) MB", body).group(1))
        m = re.search(r"Virtual Memory Reclaim: (CONFIG_\w+)", body)
        reclaim = RECLAIM[m.group(1)] if m else ("reclaim=dont-map-hole" if "MEM_HOLE_END_PHYS_OFFSET" in body else "")
        table = None
        if "Virtual kernel memory layout" in body:
            tables += 1
            table = tables   # the seed's first table is before example 1
        out.append((int(n), po, banks, vmalloc, reclaim, table))
    return out


def memlayout(root, args):
    tool = os.path.join(root, "build", "host", "memlayout")
    p = subprocess.run([tool, "--banks"] + args, capture_output=True, text=True, timeout=10)
    return p.returncode, p.stdout.splitlines(), p.stderr.strip()


def joined_banks(lines):
    """The decision's banks with each highmem split joined back."""
    out = []
    for line in lines:
        m = BANK_OUT.match(line)
        if not m:
            continue
        s, e = int(m.group(1), 16), int(m.group(2), 16) + 1
        if out and out[-1][1] == s:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return [(s, e - s) for s, e in out]


def same_table(name, lines, want, record, elided=False):
    start = next((i for i, l in enumerate(lines) if l == "Virtual kernel memory layout:"), None)
    got = regions(lines[start + 1:])[0] if start is not None else []
    if elided:
        got = got[:len(want)]       # the seed printed only the first lines
    if got != want:
        diff = next((f"seed {w}, memlayout {g}" for w, g in zip(want, got) if w != g),
                    f"seed has {len(want)} lines, memlayout {len(got)}")
        record(name, False, diff)
        return False
    return True


def run_own_addresses(record, root, seeds):
    path = next(iter(glob.glob(os.path.join(seeds, "001_*.txt"))), None)
    if not path:
        record("seed 001 at its own addresses", False, f"no seed 001_*.txt in {seeds}")
        return
    text = open(path, encoding="utf-8", errors="replace").read()
    for n, po, banks, vmalloc, reclaim, table in seed001_examples(text):
        # Examples 7-9 give bank[1] and bank[2] below their own PHYS_OFFSET
        # (0x05D00000 under 0x80000000): offsets from it, as the scenarios
        # read them (tests/boot/seed001-example7.expect says why).
        banks = [(s + po if s < po else s, size) for s, size in banks]
        ram = ",".join(f"{s:#x}:{size >> 20}M" for s, size in banks)
        line = f"vmalloc={vmalloc}M highmem=on {reclaim}".strip()
        name = f"seed 001 example {n} at PHYS_OFFSET {po:#x}: memlayout --ram {ram} \"{line}\""
        status, out, err = memlayout(root, ["--phys-offset", hex(po), "--ram", ram, line])
        if status != 0:
            record(name, False, f"exit {status}: {err}")
            continue
        # Without LPAE phys_addr_t has 32 bits: a bank ending at 4 GB
        # (example 3) loses its last page, and Linux says so.
        kept = [(s, size - 4096 if s + size == 1 << 32 else size) for s, size in banks]
        cut = [f"Truncating memory at {s:#010x} to fit in 32-bit physical address space"
               for s, size in banks if s + size == 1 << 32]
        if joined_banks(out) != kept or any(c not in out for c in cut):
            record(name, False, f"banks {[(hex(s), hex(z)) for s, z in joined_banks(out)]}, the seed's "
                                f"{[(hex(s), hex(z)) for s, z in kept]}" + (f", and {cut[0]!r}" if cut else ""))
            continue
        elided = False
        if table is not None:
            want, elided = seed_table(seeds, "001_", table)[0]
            source = f"seed table {table + 1}"
        else:
            expect = os.path.join(root, "tests", "boot", f"seed001-example{n}.expect")
            if not os.path.exists(expect):
                record(name, True, "")      # banks checked; no table to hold it to
                continue
            lines = open(expect).read().splitlines()
            start = lines.index("Virtual kernel memory layout:")
            want = regions(lines[start + 1:])[0]
            source = "its scenario on virt"
        if same_table(name, out, want, record, elided):
            record(name + f" (table: {source})", True, "")
    run_msm8974_tree(record, root, seeds, text)


def run_msm8974_tree(record, root, seeds, text):
    """The seed's msm8974 tree at PHYS_OFFSET 0: RAM 0x00000000-0x80000000 and
    its two modem holes, numbers read from the seed."""
    m = re.search(r"ranging from (0x[0-9a-f]+) to (0x[0-9a-f]+)", text)
    holes = re.search(r"qcom,memblock-remove = <([^>]*)>", text)
    name = "seed 001's msm8974 device tree at PHYS_OFFSET 0"
    if not m or not holes:
        record(name, False, "the seed's bank or qcom,memblock-remove line is not where it was")
        return
    start, end = int(m.group(1), 16), int(m.group(2), 16)
    cells = [int(c, 16) for c in holes.group(1).split()]
    dts = ("/dts-v1/;\n/ {\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n"
           "\tmodel = \"Qualcomm MSM 8974\";\n\tcompatible = \"qcom,msm8974\";\n"
           f"\tmemory@{start:x} {{ device_type = \"memory\"; reg = <{start:#x} {end - start:#x}>; }};\n"
           "\tqcom,msm-mem-hole { compatible = \"qcom,msm-mem-hole\";\n"
           f"\t\tqcom,memblock-remove = <{' '.join(hex(c) for c in cells)}>; }};\n}};\n")
    with tempfile.TemporaryDirectory() as tmp:
        src, dtb = os.path.join(tmp, "msm8974.dts"), os.path.join(tmp, "msm8974.dtb")
        open(src, "w").write(dts)
        try:
            subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb, src], check=True, timeout=10)
        except (OSError, subprocess.SubprocessError) as e:
            record(name, False, f"dtc: {e}")
            return
        status, out, err = memlayout(root, ["--dtb", dtb, "vmalloc=400M highmem=on"])
    want, at = [], start
    for base, size in zip(cells[0::2], cells[1::2]):
        want.append((at, base - at))
        at = base + size
    want.append((at, end - at))
    if status != 0:
        record(name, False, f"exit {status}: {err}")
    elif joined_banks(out) != want:
        record(name, False, f"banks {[(hex(s), z) for s, z in joined_banks(out)]}, want {[(hex(s), z) for s, z in want]}")
    elif same_table(name, out, seed_table(seeds, "001_", 1)[0][0], record):
        record(name + ": the holes where the seed puts them, example 7's table", True, "")


def run(record, root):
    run_tables(record, root)
    run_own_addresses(record, root, os.path.join(os.path.dirname(root), "shared", "seeds"))


if __name__ == "__main__":
    import standalone
    sys.exit(standalone.main(run))
