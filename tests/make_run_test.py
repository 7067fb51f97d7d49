#!/usr/bin/env python3
"""make run as a script uses it: input from a pipe, and the exit status.

  - commands piped into make run are typed at the prompt, then make run
    powers the machine off (a UART has no end of file: without that the
    shell would wait for ever), says so on stderr, and exits 0;
  - a run= command that fails makes make run fail, with the kernel's own
    status named (what a teacher's grading script reads);
  - a run= list that succeeds exits 0;
  - dmesg: the boot's log again, line for line what the console showed,
    each line stamped in order; fed to memlayout --from-dmesg it reads back
    with every line the same;
  - printk.time=1: every line of the boot, the ones that waited for the
    console included, begins with its time since power-on, in order; the
    shell's lines do not; a value that is no boolean is said.

    run(record, root)                PASS/FAIL per case
    python3 tests/make_run_test.py   alone: "N passed, N failed"
"""
import os
import re
import subprocess
import sys
import tempfile

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

    p = make_run(root, "", 'APPEND=run="dmesg"')
    out = [l for l in lines(p.stdout) if not l.startswith("vmsplit: booting ")]
    at = next((i for i, l in enumerate(out) if l == "vmsplit> dmesg"), None)
    end = next((i for i, l in enumerate(out) if l.startswith("run: ")), len(out))
    boot = [l for l in out[:at] if l] if at is not None else []
    told = out[at + 1:end] if at is not None else []
    stamp = re.compile(r"^\[ *(\d+)\.(\d{6})\] (.*)$")
    parsed = [stamp.match(l) for l in told]
    us = [int(m.group(1)) * 1000000 + int(m.group(2)) for m in parsed if m]
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "dmesg.log")
        with open(log, "w") as f:
            f.write("\n".join(told) + "\n")
        back = subprocess.run([os.path.join(root, "build", "host", "memlayout"), "--from-dmesg", log],
                              capture_output=True, text=True, timeout=10)
    record("make run: dmesg prints the boot again, line for line, stamped in order; memlayout --from-dmesg "
           "reads it back all the same",
           p.returncode == 0 and len(boot) > 20 and all(parsed) and [m.group(3) for m in parsed] == boot
           and us == sorted(us) and back.returncode == 0 and ", 0 differ" in back.stdout,
           f"exit {p.returncode}; {len(boot)} boot lines, {len(told)} from dmesg; "
           f"first differing: {next((x for x in zip(boot, told) if not x[1].endswith(x[0])), None)}; "
           f"from-dmesg exit {back.returncode}: {back.stdout[-200:]!r}")

    p = make_run(root, "", 'APPEND=printk.time=1 run="uptime"')
    # (make run's own first line is make's, not the kernel's)
    out = [l for l in lines(p.stdout) if l and not l.startswith("vmsplit: booting ")]
    prompt = next((i for i, l in enumerate(out) if l.startswith("vmsplit> ")), len(out))
    stamp = re.compile(r"^\[ *(\d+)\.(\d{6})\] ")
    times = [stamp.match(l) for l in out[:prompt]]
    us = [int(m.group(1)) * 1000000 + int(m.group(2)) for m in times if m]
    record("make run: printk.time=1 stamps every boot line in order, the waiting ones too, and not the shell's",
           p.returncode == 0 and prompt > 20 and all(times) and us == sorted(us)
           and out[0].endswith("] vmsplit: head.S: MMU off, building the boot page table")
           and not any(stamp.match(l) for l in out[prompt:]),
           f"exit {p.returncode}; {sum(1 for m in times if not m)} of {prompt} boot lines unstamped; "
           f"in order: {us == sorted(us)}; first lines {out[:2]}, after the prompt {out[prompt:prompt + 2]}")

    p = make_run(root, "", 'APPEND=printk.time=maybe run="uptime"')
    record("make run: printk.time=maybe is said, and the lines are not timed",
           p.returncode == 0 and "vmsplit: printk.time takes 1, y, on or 0, n, off; the lines are not timed"
           in p.stdout and not any(re.match(r"^\[ *\d+\.\d{6}\] ", l) for l in lines(p.stdout)),
           f"exit {p.returncode}, output {p.stdout[-300:]!r}")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import standalone
    sys.exit(standalone.main(run))
