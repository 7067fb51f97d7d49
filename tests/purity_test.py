#!/usr/bin/env python3
"""The pure core's boundary, proved by the compiler.

core/ is compiled with core/include as its only include path (make
print-pure-cflags prints the kernel build's flags for it).  So:

  - every hardware header (include/arm/cp15.h, tlbflush.h, and every other
    kernel header in include/) must FAIL to be found from a pure file:
    this tries each once and expects the compiler's "No such file" (or a
    libc header of the same name: none of include/ may be read);
  - every core header must build alone with the same flags (the control:
    the command itself works, and each header stands on its own);
  - no core source or header holds an instruction (asm) or a volatile
    access: the hardware is reached only through the kernel's files.

    run(record, root)               record(name, ok, message) per result
    python3 tests/purity_test.py    PASS/FAIL lines, then "N passed, N failed"
"""
import glob
import os
import re
import shlex
import subprocess
import sys


def pure_command(root):
    out = subprocess.run(["make", "-s", "--no-print-directory", "print-pure-cflags"], cwd=root,
                         capture_output=True, text=True, timeout=30)
    return shlex.split(out.stdout.strip()) if out.returncode == 0 else None


def try_include(root, cmd, header):
    """Compile a one-line pure file that includes header; (ok, stderr, the
    files it read: the preprocessor's dependency list)."""
    src = f'#include "{header}"\nint vmsplit_purity_probe;\n'
    p = subprocess.run(cmd + ["-fsyntax-only", "-MM", "-MF", "-", "-x", "c", "-"], cwd=root, input=src,
                       capture_output=True, text=True, timeout=30)
    return p.returncode == 0, p.stderr, p.stdout.replace("\\\n", " ").split()


def run(record, root):
    cmd = pure_command(root)
    if not cmd:
        return record("purity: the core's compiler flags", False, "make print-pure-cflags failed")
    inc = os.path.join(root, "include")
    hardware = sorted(os.path.relpath(h, inc) for h in glob.glob(os.path.join(inc, "**", "*.h"), recursive=True))
    leaked = []
    for h in hardware:
        ok, err, deps = try_include(root, cmd, h)
        # A libc header of the same name (newlib has a memory.h) is not
        # ours: what matters is that no file of include/ was read.
        ours = [d for d in deps if d.startswith("include/")]
        if ours or (not ok and "No such file" not in err):
            leaked.append(f"{h}: {'read ' + ours[0] if ours else err.strip().splitlines()[-1]}")
    record("purity: a pure file that includes a hardware or kernel header does not build",
           hardware and "arm/cp15.h" in hardware and not leaked,
           f"{len(hardware)} headers tried; reachable from the core: {leaked[:3]}")
    core_inc = os.path.join(root, "core", "include")
    pure = sorted(os.path.relpath(h, core_inc) for h in glob.glob(os.path.join(core_inc, "**", "*.h"), recursive=True))
    broken = []
    for h in pure:
        ok, err, _ = try_include(root, cmd, h)
        if not ok:
            broken.append(f"{h}: {err.strip().splitlines()[0] if err.strip() else '?'}")
    record("purity: every core header builds alone with the core's flags", pure and not broken,
           f"{broken[:3]}")
    hw = re.compile(r"\b(__asm__|asm)\s*(volatile|__volatile__)?\s*\(|\bvolatile\b")
    found = []
    for f in sorted(glob.glob(os.path.join(root, "core", "**", "*.[ch]"), recursive=True)):
        with open(f) as fh:
            for n, line in enumerate(fh, 1):
                code = line.split("//")[0]
                if hw.search(code) and not code.lstrip().startswith(("*", "/*")):
                    found.append(f"{os.path.relpath(f, root)}:{n}")
    record("purity: no instruction or volatile access anywhere in core/", not found, f"{found[:3]}")


if __name__ == "__main__":
    import standalone
    sys.exit(standalone.main(run))
