#!/usr/bin/env python3
"""make run as a script uses it: input from a pipe, and the exit status.

  - commands piped into make run are typed at the prompt, then make run
    powers the machine off (a UART has no end of file: without that the
    shell would wait for ever), says so on stderr, and exits 0;
  - a run= command that fails makes make run fail, with the kernel's own
    status named (what a teacher's grading script reads);
  - a run= list that succeeds exits 0.

    run(record, root)                PASS/FAIL per case
    python3 tests/make_run_test.py   alone: "N passed, N failed"
"""
import os
import subprocess
import sys

TIMEOUT = 60        # make checks the kernels are built, then one boot


def make_run(root, stdin, *variables):
    return subprocess.run(["make", "-s", "--no-print-directory", "run", *variables], cwd=root, input=stdin,
                          capture_output=True, text=True, timeout=TIMEOUT)


def lines(text):
    return text.replace("\r", "").split("\n")


def run(record, root):
    try:
        p = make_run(root, "uptime\nlayout\n")
    except subprocess.TimeoutExpired:
        return record("make run: piped commands, then poweroff", False,
                      f"no exit in {TIMEOUT} s: the shell waited for more input")
    out = lines(p.stdout)
    want = ["vmsplit> uptime", "vmsplit> layout", "vmsplit> poweroff"]
    where = [next((i for i, l in enumerate(out) if l.startswith(w)), None) for w in want]
    record("make run: piped commands are typed at the prompt in order, then poweroff, exit 0",
           p.returncode == 0 and None not in where and where == sorted(where)
           and any(" ms of QEMU time" in l for l in out)
           and "vmsplit: input is not a terminal: typing it, then poweroff" in p.stderr,
           f"exit {p.returncode}, prompts at {where}, stderr {p.stderr[-300:]!r}, last lines {out[-4:]}")

    p = make_run(root, "", 'APPEND=run="uptime; no-such-command"')
    record("make run: a failing run= command fails make run and names the kernel's status",
           p.returncode != 0 and "vmsplit: the kernel's exit status was 1" in p.stdout + p.stderr,
           f"exit {p.returncode}, output {(p.stdout + p.stderr)[-300:]!r}")

    p = make_run(root, "", 'APPEND=run="uptime"')
    record("make run: a run= list that succeeds exits 0",
           p.returncode == 0 and "vmsplit: the kernel's exit status" not in p.stdout + p.stderr,
           f"exit {p.returncode}, output {(p.stdout + p.stderr)[-300:]!r}")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import standalone
    sys.exit(standalone.main(run))
