"""Real Linux side by side (issue 15), the fixed subset make test runs:
tools/linux_fetch.sh (cached after the first run; "skipped: ..." without
root or network), then tools/linux_compare.py --subset: 8 cases, each one
Debian kernel boot and one vmsplit boot, two at a time.  A Linux boot's
console depends only on the kernel package, -m, the command line, our init
and QEMU's version, so --cached keeps it (build/linux/boots/) and a later run
boots only vmsplit against it: the first run on a machine boots Linux,
`make linux-compare` always does.  One result per case
(a case passes when it agrees or differs only in a way listed as deliberate)
and one for the summary line.  No kernels: one passing "skipped" result that
says why, so every other test still runs."""
import os
import re
import subprocess
import sys
import time


def run(record, root):
    t0 = time.time()
    try:
        f = subprocess.run(["sh", os.path.join(root, "tools", "linux_fetch.sh")],
                           capture_output=True, text=True, timeout=900)
    except subprocess.TimeoutExpired:
        record("linux: fetch", False, "tools/linux_fetch.sh took more than 900 s")
        return
    fetch = (f.stdout.strip().split("\n") or [""])[-1]
    if "skipped:" in f.stdout:
        line = [l for l in f.stdout.split("\n") if "skipped:" in l][0]
        print(line, flush=True)
        record("linux: skipped, the Debian kernels could not be fetched (" +
               line.split("skipped: ", 1)[1] + ")", True)
        return
    try:
        p = subprocess.run([sys.executable, os.path.join(root, "tools", "linux_compare.py"),
                            "--subset", "--cached"], capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        record("linux: compare", False, "tools/linux_compare.py --subset took more than 600 s")
        return
    out = p.stdout
    cases = re.findall(r"^### (\S+): .*: (agree|differ|deliberate)$", out, re.M)
    firsts = dict(re.findall(r"^linux-compare: (\S+): first difference: (.*)$", out, re.M))
    for name, verdict in cases:
        record(f"linux: {name} ({verdict})", verdict != "differ", firsts.get(name, ""))
    summary = re.search(r"^linux-compare: \d+ cases, .*$", out, re.M)
    ok = p.returncode == 0 and summary is not None and len(cases) >= 8
    record(f"linux: {summary.group(0) if summary else 'no summary line'} "
           f"({time.time() - t0:.0f} s; {fetch.split(': ', 1)[-1]})", ok,
           "" if ok else (out + p.stderr)[-600:])
