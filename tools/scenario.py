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
    scenario.py docs [DIR]    write DIR/NAME.md and DIR/NAME.svg for each (docs/scenarios)
"""
import glob
import os
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import boards  # noqa: E402  (tools/boards.py: how each board boots)
BOOT = os.path.join(ROOT, "tests", "boot")


def header(path):
    meta = {"qemu": "", "append": "", "vmsplit": "3G", "cpu": "cortex-a15", "board": "virt", "image": "",
            "scenario": [], "notice": []}
    with open(path) as f:
        for line in f:
            if not line.startswith("# "):
                break
            key, _, value = line[2:].rstrip("\n").partition(": ")
            key = key.rstrip(":")
            if key in ("scenario", "notice"):
                meta[key].append(value)
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
    """The boot: the board's -M and -dtb (tools/boards.py), the scenario's
    options, and the board's image (# image: elf|bin overrides it)."""
    kernel = os.path.join(ROOT, "build", meta["vmsplit"], boards.kernel_file(meta["board"], meta["image"] or None))
    extra = shlex.split(meta["qemu"])
    machine = [os.path.join(ROOT, a) if a.startswith("build/") else a
               for a in boards.qemu_args(meta["board"], extra)]
    # Semihosting: the kernel's exit status becomes QEMU's (make run fails
    # when the scenario's run= commands do), as in make run.
    return (["qemu-system-arm"] + machine + ["-cpu", meta["cpu"], "-nographic", "-nic", "none",
                                             "-semihosting-config", "enable=on,target=native"] +
            extra + ["-kernel", kernel, "-append", meta["append"]])


def build_of(meta):
    """The scenario's kernel build: (VMSPLIT, LPAE); "3G-lpae" is LPAE=1."""
    split = meta["vmsplit"]
    return (split[:-len("-lpae")], True) if split.endswith("-lpae") else (split, False)


def make_vars(meta):
    split, lpae = build_of(meta)
    return [f"VMSPLIT={split}"] + (["LPAE=1"] if lpae else [])


def memlayout_args(meta):
    """The host tool's options for the same board and command line."""
    qemu = shlex.split(meta["qemu"])
    split, lpae = build_of(meta)
    args = ["--built-for", split] + (["--lpae"] if lpae else [])
    if meta.get("board", "virt") != "virt":
        # The host tool knows the board's RAM; its own tree is QEMU's to
        # rewrite at boot, so it is not read.
        return args + ["--board", meta["board"]] + (["-m", qemu[qemu.index("-m") + 1]] if "-m" in qemu else []) \
            + [meta["append"]]
    args += ["-m", qemu[qemu.index("-m") + 1]] if "-m" in qemu else ["-m", "128M"]
    if "-dtb" in qemu:
        args += ["--dtb", os.path.join(ROOT, qemu[qemu.index("-dtb") + 1])]
    return args + [meta["append"]]


def table_lines(path):
    """The boot's layout lines from the expected file, for the page."""
    keep, out = False, []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith(("Truncating", "Ignoring", "Memory:", "vmalloc area", "Virtual kernel")):
                out.append(line)
                keep = line.startswith("Virtual kernel")
            elif "{" in line:
                continue        # a value that depends on the image's size
            elif keep and line.startswith("    ") and " : 0x" in line:
                out.append(line)
            else:
                keep = keep and line.startswith("    ")
    return out


def write_docs(directory):
    os.makedirs(directory, exist_ok=True)
    tool = os.path.join(ROOT, "build", "host", "memlayout")
    for name, meta in scenarios().items():
        svg = os.path.join(directory, name + ".svg")
        subprocess.run([tool, "--svg", svg, "--title", f"{name}: {meta['scenario'][0]}"] + memlayout_args(meta),
                       check=True, stdout=subprocess.DEVNULL)
        boot = "make run SCENARIO=" + name
        lines = table_lines(os.path.join(BOOT, name + ".expect"))
        with open(os.path.join(directory, name + ".md"), "w") as f:
            f.write(f"# {name}\n\n{meta['scenario'][0]}.\n\n")
            if meta["notice"]:
                f.write("What to notice: " + " ".join(meta["notice"]) + "\n")
            f.write(f"\n    {boot}\n\nQEMU `{meta['qemu']}`, kernel built for {' '.join(make_vars(meta))}, "
                    f"command line `{meta['append'] or '(empty)'}`.\n\n")
            f.write("What the boot prints about the layout (all of it: "
                    f"[tests/boot/{name}.expect](../../tests/boot/{name}.expect)):\n\n```\n")
            f.write("\n".join(lines) + "\n```\n\n")
            f.write(f"![{name}]({name}.svg)\n")
    with open(os.path.join(directory, "README.md"), "w") as f:
        f.write("# Scenarios\n\nEach boots with `make run SCENARIO=NAME`; `make test` checks what it prints.\n"
                "These pages are written by `tools/scenario.py docs` (make docs) from the scenario files.\n\n")
        for name, meta in scenarios().items():
            f.write(f"- [{name}]({name}.md): {meta['scenario'][0]}\n")
    return 0


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
            print(f"kernel: {' '.join(make_vars(meta))}")
            print("boot:   " + " ".join(shlex.quote(c) for c in cmd))
            return 0
        subprocess.run(["make", "--no-print-directory", "-C", ROOT] + make_vars(meta) + ["kernel"],
                       check=True)
        print(f"vmsplit: scenario {argv[2]}: {meta['scenario'][0]}; quit with Ctrl-A x", flush=True)
        os.execvp(cmd[0], cmd)
    if len(argv) in (2, 3) and argv[1] == "docs":
        return write_docs(argv[2] if len(argv) == 3 else os.path.join(ROOT, "docs", "scenarios"))
    print(__doc__.strip().split("\n\n")[-1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
