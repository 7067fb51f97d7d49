#!/usr/bin/env python3
"""The README's samples of the kernel's output, held to real runs.

A sample is a ``` block with a marker line just before it:

    <!-- sample: make run QEMU_MEM=2G APPEND="highmem=on" RUN="user run" -->

The marker names a boot as `make run` would do it (QEMU_MEM, APPEND, CPU,
VMSPLIT, LPAE, SMP) plus RUN, the shell commands typed at the prompt (run= on
the kernel's command line; the kernel powers off after them).  The block
is an excerpt of that boot's console, cut into chunks by lines that are
just "...": each chunk's lines must follow each other in the output, and
the chunks come in order.  Text after two or more blanks and "<- " is a
note for the reader, not output.

A gdb session is a sample too:

    <!-- sample: make debug APPEND='run="crash write 0xc0100000"' GDB="continue; p/x $DFSR" -->

And `<!-- sample: make formats VA=... -->`: its output as make prints it.

make debug runs with GDB's commands (then kill, quit) piped into gdb; the
block is compared with what a terminal would have shown: each "(gdb) "
prompt followed by the command typed at it, and a line gdb wrapped for
its width ("    at FILE:LINE") joined again.

    python3 tools/readme_samples.py            check; a stale line is named (exit 1)
    python3 tools/readme_samples.py --update   rewrite stale lines from the runs,
                                               keeping the notes (make readme)

The update keeps each chunk's length: a chunk whose first line no longer
starts the same way (a line added or removed) is reported for a person to
edit, not guessed at.
"""
import os
import re
import select
import shlex
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, "README.md")
MARK = re.compile(r"^<!-- sample: (.*) -->$")
NOTE = re.compile(r"^(.*?)(\s{2,}<- .*)$")
TIMEOUT = 30


def gdb_session(argv):
    """What make debug shows a person typing GDB's commands."""
    v = dict(a.split("=", 1) for a in argv[2:] if "=" in a)
    if set(v) - {"APPEND", "GDB"} or not v.get("GDB"):
        raise ValueError("a make debug marker takes APPEND= and GDB=\"CMD; CMD\": %r" % argv)
    commands = [c.strip() for c in v["GDB"].split(";") if c.strip()]
    # A free port for the gdbstub: make test runs other sessions beside this one.
    with socket.socket() as s:
        s.bind(("localhost", 0))
        port = s.getsockname()[1]
    p = subprocess.run(["make", "-s", "--no-print-directory", "debug", "APPEND=" + v.get("APPEND", "")],
                       cwd=ROOT, input="\n".join(commands + ["kill", "quit"]) + "\n", capture_output=True,
                       text=True, timeout=TIMEOUT * 2, env=dict(os.environ, GDB_PORT=str(port)))
    out, typed = [], iter(commands + ["kill", "quit"])
    for line in p.stdout.replace("\r", "").split("\n"):
        if line.startswith("    at ") and out:
            out[-1] += " " + line.strip()
            continue
        while line.startswith("(gdb) "):
            out.append("(gdb) " + next(typed, ""))
            line = line[len("(gdb) "):]
        out.append(line)
    return out


def make_output(argv):
    """What `make -s TARGET VAR=...` prints (make formats)."""
    p = subprocess.run(["make", "-s", "--no-print-directory"] + argv[1:], cwd=ROOT, capture_output=True,
                       text=True, timeout=TIMEOUT * 4, stdin=subprocess.DEVNULL)
    return p.stdout.replace("\r", "").split("\n")


def boot(spec):
    argv = shlex.split(spec)
    if argv[:2] == ["make", "debug"]:
        return gdb_session(argv)
    if argv[:2] == ["make", "formats"]:
        return make_output(argv)
    if argv[:2] != ["make", "run"]:
        raise ValueError("a sample's marker must start with 'make run', 'make debug' or 'make formats': %r"
                         % spec)
    v = {}
    for a in argv[2:]:
        if "=" not in a:
            raise ValueError("not VAR=VALUE in the marker: %r" % a)
        k, val = a.split("=", 1)
        if k not in ("QEMU_MEM", "APPEND", "CPU", "VMSPLIT", "LPAE", "RUN", "BOARD", "SMP"):
            raise ValueError("unknown variable %s in the marker" % k)
        v[k] = val
    split = v.get("VMSPLIT", "3G") + ("-lpae" if v.get("LPAE") == "1" else "")
    board = v.get("BOARD", "virt")
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    import boards       # the board's -M, -dtb, image and CPU, as make run takes them
    kernel = os.path.join(ROOT, "build", split, boards.kernel_file(board))
    if not os.path.exists(kernel):
        raise ValueError("%s is missing (make kernel)" % os.path.relpath(kernel, ROOT))
    append = v.get("APPEND", "")
    if v.get("RUN"):
        append = (append + ' run="%s"' % v["RUN"]).strip()
    machine = [os.path.join(ROOT, a) if a.startswith("build/") else a for a in boards.qemu_args(board)]
    cpu = v.get("CPU") or boards.board(board)["cpu"]
    smp = ["-smp", v["SMP"]] if v.get("SMP", "1") != "1" else []
    cmd = (["qemu-system-arm"] + machine + ["-cpu", cpu] + smp +
           ["-m", v.get("QEMU_MEM", "1G"), "-nic", "none", "-nographic", "-monitor", "none",
            "-serial", "stdio", "-semihosting-config", "enable=on,target=native",
            "-kernel", kernel, "-append", append])
    if v.get("RUN"):
        # run= ends the boot: the kernel powers off after the commands.
        p = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
        return p.stdout.decode(errors="replace").replace("\r", "").splitlines()
    # No commands: what make run shows up to its first prompt, then QEMU
    # is stopped (the prompt has no newline, so the bytes are read as
    # they come).
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         stdin=subprocess.PIPE)
    buf, deadline = b"", time.time() + TIMEOUT
    try:
        while b"\nvmsplit> " not in buf and time.time() < deadline:
            ready, _, _ = select.select([p.stdout], [], [], 0.5)
            if ready:
                chunk = os.read(p.stdout.fileno(), 4096)
                if not chunk:
                    break
                buf += chunk
    finally:
        p.kill()
        p.wait()
    return buf.decode(errors="replace").replace("\r", "").splitlines()


def samples(text):
    """[(marker line index, spec, first block line index, block lines)]."""
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        m = MARK.match(line)
        if not m:
            continue
        if i + 1 >= len(lines) or not lines[i + 1].startswith("```"):
            raise ValueError("README line %d: a sample marker not followed by ```" % (i + 1))
        j = i + 2
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        out.append((i, m.group(1), i + 2, lines[i + 2:j]))
    return out, lines


def split_note(line):
    m = NOTE.match(line)
    return (m.group(1), m.group(2)) if m else (line, "")


def chunks(block):
    """[(index in block, [lines])]: runs of lines between "..." lines."""
    out, cur, start = [], [], 0
    for k, line in enumerate(block):
        if line.strip() == "...":
            if cur:
                out.append((start, cur))
            cur, start = [], k + 1
        else:
            if not cur:
                start = k
            cur.append(line)
    if cur:
        out.append((start, cur))
    return out


def lead(text):
    """A line's beginning up to its first digit: how a stale line is found again."""
    return re.split(r"\d", text.rstrip(), 1)[0]


def check_block(block, output):
    """None, or (index in block, why) of the first stale line; and the
    replacements {index: new text} an update can make."""
    pos, fixes, problem = 0, {}, None
    for start, lines in chunks(block):
        first = split_note(lines[0])[0].rstrip()
        at = next((i for i in range(pos, len(output)) if output[i].rstrip() == first), None)
        if at is None:
            at = next((i for i in range(pos, len(output))
                       if lead(output[i]) == lead(first) and lead(first).strip()), None)
        if at is None:
            return (start, "no line like %r in the output (after the chunk before)" % first), fixes
        # The same shape (every line begins as the run's does) or no
        # update: a line added or removed is a person's edit.
        same_shape = all(at + k < len(output) and lead(output[at + k]) == lead(split_note(l)[0])
                         for k, l in enumerate(lines))
        for k, line in enumerate(lines):
            text, note = split_note(line)
            got = output[at + k] if at + k < len(output) else None
            if got is None or got.rstrip() != text.rstrip():
                if problem is None:
                    problem = (start + k, "README has %r, the run prints %r%s" % (
                        text, got, "" if same_shape else
                        " (lines were added or removed here: edit the sample by hand)"))
                if got is not None and same_shape:
                    fixes[start + k] = got.rstrip() + note
        pos = at + len(lines)
    return problem, fixes


def main(argv):
    update = "--update" in argv
    text = open(README).read()
    try:
        found, lines = samples(text)
    except ValueError as e:
        print("readme-samples: %s" % e)
        return 2
    stale = 0
    for mark, spec, first, block in found:
        try:
            output = boot(spec)
        except (ValueError, subprocess.TimeoutExpired, OSError) as e:
            print("readme-samples: README line %d: %s" % (mark + 1, e))
            stale += 1
            continue
        problem, fixes = check_block(block, output)
        if problem:
            idx, why = problem
            print("readme-samples: README line %d (sample of `%s`): %s" % (first + idx + 1, spec, why))
            stale += 1
            if update:
                for k, new in fixes.items():
                    lines[first + k] = new
    if update and stale:
        open(README, "w").write("\n".join(lines))
        # What the update could not mend is checked again.
        return main([])
    print("readme-samples: %d samples, %d stale" % (len(found), stale))
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
