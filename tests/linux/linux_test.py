"""Real Linux side by side (issue 15), the fixed subset make test runs:
tools/linux_fetch.sh (cached after the first run; "skipped: ..." without
a Debian apt or network), then tools/linux_compare.py --subset: 11 cases,
each one real Debian kernel boot and one vmsplit boot, two at a time, in a
thread beside the other tests.  Every run boots Linux: a boot costs about
3 s of CPU (cryptomgr.notests), and the shell test, the longest stage,
leaves the cores idle for most of its 50 s.  LINUX_CACHED=1 passes --cached
instead: each Linux console an earlier boot made with the same kernel, -m,
command line, init and QEMU (build/linux/boots/) is reused and only vmsplit
boots.  One result per case (a case passes when it agrees or differs only
in a way listed as deliberate) and one for the summary line.  No kernels:
one passing "skipped" result that says why, so every other test still
runs."""
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
        cached = ["--cached"] if os.environ.get("LINUX_CACHED") else []
        p = subprocess.run([sys.executable, os.path.join(root, "tools", "linux_compare.py"),
                            "--subset"] + cached,
                           capture_output=True, text=True, timeout=600)
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
