#!/usr/bin/env python3
"""The shell's command registrations, refused by the build when wrong.

Each command file registers its commands with SHELL_COMMAND()
(include/shell.h); the linker gathers them, sorted by their order keys
(linker/kernel.ld.S).  This compiles small probe files with the kernel's
own flags and expects:

  - the control: a well-formed command compiles and links beside
    kernel/shell.o (which registers help, key 100), and its table entry
    carries the name, key and word counts it was given;
  - a second command named help: the link fails, "multiple definition of
    `shell_command_help'";
  - a second command with key 100: the link fails, "multiple definition of
    `shell_command_order_100'" (help's order would be the link order's);
  - a key that is not three digits, an empty summary or example, ARGS
    that disagree with the word counts, min above max: the compiler's
    static assertion, with the command's name.

    run(record, root)               record(name, ok, message) per result
    python3 tests/commands_test.py  PASS/FAIL lines, then "N passed, N failed"
"""
import os
import shlex
import struct
import subprocess
import sys
import tempfile

PROBE = """#include "shell.h"
static int cmd_probe(int argc, char **argv) {{ (void)argc; (void)argv; return 0; }}
SHELL_COMMAND({key}, {name}, cmd_probe, {min}, {max}, {args}, {summary}, {example});
"""
GOOD = dict(key="105", name="probe", min="0", max="1", args='"[X]"', summary='"a probe"', example='"probe"')

# (what, changes to GOOD, "compile" or "link", the message expected)
REFUSED = [
    ("a second command named help", dict(name="help"), "link", "multiple definition of `shell_command_help'"),
    ("a second command with key 100", dict(key="100"), "link", "multiple definition of `shell_command_order_100'"),
    ("a key of two digits", dict(key="99"), "compile", "probe: KEY is three decimal digits"),
    ("a key with a leading 0", dict(key="0105"), "compile", "probe: KEY is three decimal digits"),
    ("a key of four digits", dict(key="1000"), "compile", "probe: KEY is three decimal digits"),
    ("an empty summary", dict(summary='""'), "compile", "probe: help needs its summary and an example"),
    ("an empty example", dict(example='""'), "compile", "probe: help needs its summary and an example"),
    ("no ARGS for a command with arguments", dict(args='""'), "compile", "probe: ARGS is empty exactly when max is 0"),
    ("ARGS for a command without arguments", dict(max="0"), "compile", "probe: ARGS is empty exactly when max is 0"),
    ("min above max", dict(min="2"), "compile", "probe: min <= max < SHELL_MAX_WORDS"),
    ("more words than a line holds", dict(max="8"), "compile", "probe: min <= max < SHELL_MAX_WORDS"),
]


def kernel_command(root):
    """The kernel build's compiler and flags: the core's, plus include/."""
    out = subprocess.run(["make", "-s", "--no-print-directory", "print-pure-cflags"], cwd=root,
                         capture_output=True, text=True, timeout=30)
    return shlex.split(out.stdout.strip()) + ["-Iinclude"] if out.returncode == 0 else None


def build(root, cmd, tmp, fields):
    """Compile a probe with fields, then link it (-r) with kernel/shell.o:
    (the step that failed or None, its stderr, the linked object)."""
    src, obj, linked = (os.path.join(tmp, f) for f in ("probe.c", "probe.o", "linked.o"))
    with open(src, "w") as f:
        f.write(PROBE.format(**fields))
    p = subprocess.run(cmd + ["-c", src, "-o", obj], cwd=root, capture_output=True, text=True, timeout=30)
    if p.returncode:
        return "compile", p.stderr, None
    shell_o = os.path.join(root, "build", "3G", "kernel", "shell.o")
    p = subprocess.run([cmd[0], "-nostdlib", "-r", obj, shell_o, "-o", linked], cwd=root,
                       capture_output=True, text=True, timeout=30)
    return ("link" if p.returncode else None), p.stderr, linked


def entry(tmp, linked, key):
    """The probe's table entry, from its section .shell_commands.KEY: its
    size and (min_args, max_args, order), or None.  The five pointers
    before them are relocations in a relocatable object."""
    out = os.path.join(tmp, "entry.bin")
    p = subprocess.run(["arm-none-eabi-objcopy", "-O", "binary", f"--only-section=.shell_commands.{key}",
                        linked, out], capture_output=True, text=True, timeout=30)
    if p.returncode or not os.path.exists(out):
        return None
    data = open(out, "rb").read()
    return (len(data), struct.unpack_from("<BBH", data, 20)) if len(data) >= 24 else None


def symbols(linked):
    nm = subprocess.run(["arm-none-eabi-nm", linked], capture_output=True, text=True, timeout=30)
    return {line.split()[-1] for line in nm.stdout.splitlines()}


def run(record, root):
    cmd = kernel_command(root)
    if not cmd or not os.path.exists(os.path.join(root, "build", "3G", "kernel", "shell.o")):
        return record("commands: the kernel's compiler flags and build/3G", False,
                      "make print-pure-cflags failed or the 3G kernel is not built")
    with tempfile.TemporaryDirectory() as tmp:
        failed, err, linked = build(root, cmd, tmp, GOOD)
        got = entry(tmp, linked, 105) if not failed else None
        names = symbols(linked) if not failed else set()
        want = {"shell_command_probe", "shell_command_order_105", "shell_command_help", "shell_command_order_100"}
        record("commands: a well-formed command builds: its entry (0..1 words, key 105) beside help's",
               got == (24, (0, 1, 105)) and want <= names,
               f"{failed} failed: {err.strip()[-300:]}" if failed else
               f"entry {got}, symbols missing: {sorted(want - names)}")
        for what, change, step, message in REFUSED:
            failed, err, _ = build(root, cmd, tmp, dict(GOOD, **change))
            record(f"commands: {what} is refused at {step} time",
                   failed == step and message in err,
                   f"expected {step} to fail with {message!r}; "
                   + (f"{failed} failed: {err.strip()[-300:]}" if failed else "it built"))


if __name__ == "__main__":
    results = []

    def record(name, ok, message=""):
        results.append(ok)
        print(f"{'PASS' if ok else 'FAIL'}  {name}{'' if ok else ': ' + message}", flush=True)

    run(record, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
