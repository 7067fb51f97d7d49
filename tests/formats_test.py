#!/usr/bin/env python3
"""tools/formats.py (make formats): one address walked in both formats.

Each tests/formats/NAME.expect starts with "# formats: ARGS" (the tool's
arguments) and holds its whole output, line by line, with the patterns of
the boot tests ({hex}, {num}, {any}) where a number follows the kernel
image's size (swapper_pg_dir and the tables beside it).  The two kernels
are really booted: every descriptor, PA and PAR in the file is one the
kernels read from their own tables and their MMU.  Then the refusals: a
VA that is no 32-bit address and VMSPLIT_3G_OPT (no LPAE kernel) exit with
status 2 and a message, booting nothing.

    run(record, root)               record(name, ok, message) per result
    python3 tests/formats_test.py   PASS/FAIL lines, then "N passed, N failed"
"""
import glob
import os
import shlex
import subprocess
import sys

from run_tests import first_difference


def tool(root, args):
    return subprocess.run([sys.executable, os.path.join(root, "tools", "formats.py")] + args,
                          capture_output=True, text=True, timeout=60, cwd=root)


def run(record, root):
    for path in sorted(glob.glob(os.path.join(root, "tests", "formats", "*.expect"))):
        name = os.path.basename(path)[:-len(".expect")]
        lines = open(path).read().splitlines()
        args = shlex.split(lines[0][len("# formats: "):]) if lines and lines[0].startswith("# formats: ") else None
        if args is None:
            record(f"formats: {name}", False, "the file does not start with '# formats: ARGS'")
            continue
        p = tool(root, args)
        problem = (f"exit status {p.returncode}: {p.stderr.strip()}" if p.returncode else
                   first_difference(lines[1:], p.stdout.splitlines()))
        record(f"formats: {name}", problem is None, problem or "")
    for what, args, want in [
            ("a VA past 32 bits is refused", ["0x100000000"], "formats: '0x100000000' is not a virtual address"),
            ("VMSPLIT_3G_OPT is refused", ["--split", "3G_OPT", "0xc0000000"],
             "formats: VMSPLIT_3G_OPT has no LPAE kernel (it depends on !ARM_LPAE"),
            ("no VA is refused", [], "formats: no virtual address given")]:
        p = tool(root, args)
        ok = p.returncode == 2 and want in p.stderr and not p.stdout
        record(f"formats: {what}", ok, f"exit {p.returncode}, stderr {p.stderr.strip()!r}, stdout {p.stdout[:80]!r}")


if __name__ == "__main__":
    import standalone
    sys.exit(standalone.main(run))
