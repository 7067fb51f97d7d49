#!/usr/bin/env python3
"""Named scenarios: the boot scenarios of tests/boot that reproduce a seed.

A scenario is a tests/boot/NAME.expect file with a "# scenario:" line: its
QEMU options and kernel command line are what `make run SCENARIO=NAME`
boots, and the rest of the file is what the boot must print (make test
checks it).  The "# run:" list there is the test's; an interactive run
leaves it out so the prompt is yours.

    scenario.py list          one line each: name, what it shows
    scenario.py show NAME     the QEMU options, kernel build and command line
    scenario.py run NAME      build that kernel and boot it (make run SCENARIO=NAME)
"""
import glob
import os
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BOOT = os.path.join(ROOT, "tests", "boot")


def header(path):
    meta = {"qemu": "", "append": "", "vmsplit": "3G", "cpu": "cortex-a15", "scenario": []}
    with open(path) as f:
        for line in f:
            if not line.startswith("# "):
                break
            key, _, value = line[2:].rstrip("\n").partition(": ")
            key = key.rstrip(":")
            if key == "scenario":
                meta["scenario"].append(value)
            elif key in meta:
                meta[key] = value
    return meta


def scenarios():
    found = {}
    for path in sorted(glob.glob(os.path.join(BOOT, "*.expect"))):
        meta = header(path)
        if meta["scenario"]:
            found[os.path.basename(path)[:-len(".expect")]] = meta
    return found


def qemu_command(meta):
    kernel = os.path.join(ROOT, "build", meta["vmsplit"], "vmsplit.elf")
    extra = shlex.split(meta["qemu"])
    machine = ["-M", "virt"] if "-M" not in extra else []
    return (["qemu-system-arm"] + machine + ["-cpu", meta["cpu"], "-nographic", "-nic", "none"] +
            extra + ["-kernel", kernel, "-append", meta["append"]])


def main(argv):
    found = scenarios()
    if len(argv) == 2 and argv[1] == "list":
        width = max(len(n) for n in found)
        for name, meta in found.items():
            print(f"{name:<{width}}  {meta['scenario'][0]}")
        print("\nmake run SCENARIO=NAME boots one; tests/boot/NAME.expect is what it must print.")
        return 0
    if len(argv) == 3 and argv[1] in ("show", "run"):
        meta = found.get(argv[2])
        if not meta:
            print(f"scenario.py: no scenario \"{argv[2]}\"; make scenarios lists them", file=sys.stderr)
            return 2
        cmd = qemu_command(meta)
        if argv[1] == "show":
            print("\n".join(meta["scenario"]))
            print(f"kernel: VMSPLIT={meta['vmsplit']}")
            print("boot:   " + " ".join(shlex.quote(c) for c in cmd))
            return 0
        subprocess.run(["make", "--no-print-directory", "-C", ROOT, f"VMSPLIT={meta['vmsplit']}", "kernel"],
                       check=True)
        print(f"vmsplit: scenario {argv[2]}: {meta['scenario'][0]}; quit with Ctrl-A x", flush=True)
        os.execvp(cmd[0], cmd)
    print(__doc__.strip().split("\n\n")[-1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
