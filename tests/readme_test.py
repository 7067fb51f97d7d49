#!/usr/bin/env python3
"""The README's samples are what the kernel prints now (tools/readme_samples.py).

Every ``` block after a "<!-- sample: make run ... -->" marker is booted, and
after "<!-- sample: make debug ... -->" a gdb session is run, and compared
line by line; a stale line fails with the README line, the run's
line and the command (`make readme` rewrites lines whose shape is the same).

    run(record, root)             record(name, ok, message)
    python3 tests/readme_test.py  PASS/FAIL, then "N passed, N failed"
"""
import os
import subprocess
import sys


def run(record, root):
    p = subprocess.run([sys.executable, os.path.join(root, "tools", "readme_samples.py")],
                       capture_output=True, text=True, timeout=120, cwd=root)
    lines = [l for l in p.stdout.splitlines() if l.startswith("readme-samples: ")]
    summary = lines[-1] if lines else "no summary: " + (p.stderr.strip() or p.stdout.strip())
    for l in lines[:-1]:
        record("readme: " + l[len("readme-samples: "):].split(":", 1)[0], False,
               l.split(": ", 2)[-1] + " (make readme updates lines of the same shape)")
    record("readme: every sample is current (%s)" % summary[len("readme-samples: "):],
           p.returncode == 0, summary)


if __name__ == "__main__":
    import standalone
    sys.exit(standalone.main(run))
