#!/usr/bin/env python3
"""The seeds' own layout tables against the scenarios that reproduce them.

Each table the seeds print (../shared/seeds, beside the checkout) is read
from the seed file itself, region by region (vector, fixmap, DMA, vmalloc,
lowmem, pkmap, modules; the kernel image lines describe another kernel),
and must appear in the same order with the same addresses and sizes in the
scenario's expected boot output, TAB-led vmalloc-saving lines included.

    run(record, root)                 record(name, ok, message) per result
    python3 tests/seed_tables_test.py PASS/FAIL lines, then "N passed, N failed"
"""
import glob
import os
import re
import sys

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


def run(record, root):
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


if __name__ == "__main__":
    import standalone
    sys.exit(standalone.main(run))
