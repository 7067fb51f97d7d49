#!/usr/bin/env python3
"""docs/exercises.md, answered: every exercise's command run, its answer checked.

Each exercise ("## N. title") holds one command block and one answer
(<details> ... </details>).  The command block is either

    $ build/host/memlayout ARGS...          the host tool, run as written

or a boot and shell commands:

    $ make run [QEMU_MEM=..] [APPEND="..."] [VMSPLIT=..] [LPAE=1] [SMP=N]
    vmsplit> COMMAND
    vmsplit> COMMAND

which boots build/<split>[-lpae]/vmsplit.elf on QEMU virt with that -m (and -smp) and
command line plus run="COMMAND; COMMAND" (as make run would, powering off
at the end).  The answer's indented lines must all appear in the output,
each as a whole line (leading blanks aside), in the order written.  A
failure names the exercise and the first answer line not found.

    run(record, root)                 record(name, ok, message) per exercise
    python3 tests/exercises_test.py   PASS/FAIL lines, then "N passed, N failed"
"""
import os
import re
import shlex
import subprocess
import sys

TIMEOUT = 20


def exercises(text):
    """[(title, [command lines], [answer lines])] in the sheet's order."""
    out = []
    for part in re.split(r"^## ", text, flags=re.M)[1:]:
        title = part.splitlines()[0].strip()
        body, _, rest = part.partition("<details>")
        answer = rest.partition("</details>")[0]
        cmds = [l[4:] for l in body.splitlines() if l.startswith("    ")]
        want = [l.strip() for l in answer.splitlines() if l.startswith("    ")]
        out.append((title, cmds, want))
    return out


def boot(root, make_line, shell):
    vars_ = dict(a.split("=", 1) for a in shlex.split(make_line)[2:] if "=" in a)
    split = vars_.get("VMSPLIT", "3G") + ("-lpae" if vars_.get("LPAE") == "1" else "")
    kernel = os.path.join(root, "build", split, "vmsplit.elf")
    append = (vars_.get("APPEND", "") + ' run="%s"' % "; ".join(shell)).strip()
    cmd = ["qemu-system-arm", "-M", "virt", "-cpu", "cortex-a15", "-m", vars_.get("QEMU_MEM", "1G"),
           "-nic", "none", "-nographic", "-monitor", "none", "-serial", "stdio",
           "-semihosting-config", "enable=on,target=native", "-kernel", kernel, "-append", append]
    if vars_.get("SMP", "1") != "1":
        cmd += ["-smp", vars_["SMP"]]
    p = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    return p.stdout.decode(errors="replace").replace("\r", "")


def answer(root, cmds):
    """The output the exercise's commands print, or raise ValueError."""
    if not cmds or not cmds[0].startswith("$ "):
        raise ValueError("no '$ ' command line in the exercise")
    first = cmds[0][2:]
    if first.startswith("build/host/memlayout"):
        if len(cmds) > 1:
            raise ValueError("memlayout takes no vmsplit> lines")
        argv = shlex.split(first)
        argv[0] = os.path.join(root, argv[0])
        return subprocess.run(argv, capture_output=True, text=True, timeout=TIMEOUT).stdout
    if first.startswith("make run"):
        shell = [c[len("vmsplit> "):] for c in cmds[1:] if c.startswith("vmsplit> ")]
        if not shell or len(shell) != len(cmds) - 1:
            raise ValueError("make run needs one or more 'vmsplit> COMMAND' lines and nothing else")
        return boot(root, first, shell)
    raise ValueError("unknown command %r (build/host/memlayout or make run)" % first)


def first_missing(want, output):
    lines = [l.strip() for l in output.splitlines()]
    i = 0
    for w in want:
        while i < len(lines) and lines[i] != w:
            i += 1
        if i == len(lines):
            return w
        i += 1
    return None


def run(record, root):
    sheet = os.path.join(root, "docs", "exercises.md")
    found = exercises(open(sheet).read())
    record("exercises: the sheet has exercises", len(found) >= 10, "%d found" % len(found))
    for title, cmds, want in found:
        name = "exercises: " + title
        if not want:
            record(name, False, "no answer lines (indented, inside <details>)")
            continue
        try:
            out = answer(root, cmds)
        except (ValueError, subprocess.TimeoutExpired, OSError) as e:
            record(name, False, str(e))
            continue
        miss = first_missing(want, out)
        record(name, miss is None, "answer line not in the output (in order): %r" % miss)


if __name__ == "__main__":
    import standalone
    sys.exit(standalone.main(run))
