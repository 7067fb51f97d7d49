#!/usr/bin/env python3
"""One image, every board: each split's raw image boots on QEMU virt,
vexpress-a15 and raspi2b from the same file.

For every kernel build (short and long descriptors, every split) the test
hashes build/<split>/vmsplit.bin, boots that file on each board of
tools/boards.py with `physoffset; check`, and expects: exit status 0, the
PHYS_OFFSET the board's RAM starts at (read from head.S's own line, not
assumed), __va(PHYS_OFFSET) = PAGE_OFFSET, the console the board's device
tree names, an agreeing MMU check, and the file unchanged afterwards (no
rebuild between the boots).

    run(record, root)             record(name, ok, message) per result
    python3 tests/boards_test.py  PASS/FAIL lines, then "N passed, N failed"
"""
import concurrent.futures
import hashlib
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import boards  # noqa: E402

SPLITS = {"3G": 0xc0000000, "3G_OPT": 0xb0000000, "2G": 0x80000000, "1G": 0x40000000,
          "3G-lpae": 0xc0000000, "2G-lpae": 0x80000000, "1G-lpae": 0x40000000}
# What each board's device tree says (QEMU's for virt, dts/ for the others).
EXPECT = {"virt": {"ram": 0x40000000, "console": "0x09000000"},
          "vexpress-a15": {"ram": 0x80000000, "console": "0x1c090000"},
          "raspi2b": {"ram": 0x00000000, "console": "0x3f201000"}}
TIMEOUT = 60


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def boot(image, board):
    cmd = (["qemu-system-arm"] + [os.path.join(ROOT, a) if a.startswith("build/") else a
                                  for a in boards.qemu_args(board)] +
           ["-cpu", boards.board(board)["cpu"], "-m", "1G", "-nographic", "-nic", "none",
            "-semihosting-config", "enable=on,target=native",
            "-kernel", image, "-append", 'run="physoffset; check"'])
    p = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT)
    return p.returncode, p.stdout.decode("utf-8", "replace").replace("\r\n", "\n").splitlines()


def problem(split, board, status, lines):
    want = EXPECT[board]
    if status != 0:
        return f"exit status {status}"
    m = next((re.match(r"PHYS_OFFSET 0x([0-9a-f]{8}): the entry address 0x([0-9a-f]{8})", l)
              for l in lines if l.startswith("PHYS_OFFSET ")), None)
    if not m:
        return "no PHYS_OFFSET line from physoffset"
    if int(m.group(1), 16) != want["ram"]:
        return f"PHYS_OFFSET 0x{m.group(1)}, but the board's RAM starts at 0x{want['ram']:08x}"
    if int(m.group(2), 16) != want["ram"] + 0x10000:
        return f"entered at 0x{m.group(2)}, not RAM + 0x10000 (QEMU's raw-image load address)"
    va = f"__va(PHYS_OFFSET) = 0x{SPLITS[split]:08x}"
    if not any(va in l for l in lines):
        return f"no \"{va}\""
    if not any(l.startswith(f"DT: console PL011 at {want['console']}") for l in lines):
        return f"the console is not the device tree's PL011 at {want['console']}"
    if not any(l.startswith("MMU check: record, page tables and MMU agree") for l in lines):
        return "no agreeing MMU check"
    return None


def run(record, root=ROOT):
    jobs = []
    for split in SPLITS:
        image = os.path.join(root, "build", split, "vmsplit.bin")
        if not os.path.exists(image):
            record(f"boards: {split}", False, f"{image} is missing (make test builds every split)")
            continue
        jobs += [(split, image, sha256(image), board) for board in EXPECT]

    def one(job):
        split, image, digest, board = job
        try:
            status, lines = boot(image, board)
        except subprocess.TimeoutExpired:
            return job, f"QEMU did not power off within {TIMEOUT}s"
        if sha256(image) != digest:
            return job, "the image changed between the boots"
        return job, problem(split, board, status, lines)

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(one, jobs))
    for (split, image, digest, board), why in results:
        record(f"boards: build/{split}/vmsplit.bin (sha256 {digest[:12]}) boots on {board}",
               why is None, why or "")


if __name__ == "__main__":
    results = []

    def record(name, ok, message=""):
        results.append(ok)
        print(f"{'PASS' if ok else 'FAIL'}  {name}" + ("" if ok else f": {message}"))

    run(record)
    print(f"{sum(results)} passed, {len(results) - sum(results)} failed")
    sys.exit(0 if all(results) else 1)
