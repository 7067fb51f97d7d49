#!/usr/bin/env python3
"""make bench: how long vmsplit takes from QEMU start to power-off.

Wall time of whole QEMU runs, median of several, for
  - the floor: a kernel that powers off as its first instruction, so only
    QEMU's own start-up and exit are left;
  - vmsplit booting each configuration below to its prompt (MMU on, page
    tables built, layout printed, the full MMU check run) and powering off.
Prints each median and its ratio to the floor (target: within 1.3x).
Then the guest's own vmalloc benchmark (the vmbench command: QEMU time
from the generic timer, so emulation speed is in the figures) and the user
task's (user bench: a task's life in each TTBR mode, a system call), and
a TLB shootdown on 2 and 4 CPUs, by TLBIMVAIS against one by IPI (tlbbench).
Last, the browser page's (make web): the WebAssembly module's size, its
time per run under Node, and in chromium the page's recompute per
keystroke (tools/web_bench.js; target: under a millisecond of WebAssembly).
And the host's vmalloc benchmark (build/host/bench_vmalloc: the kernel's
allocator code at -O2, the free-space tree alone and vmalloc+vfree).

The README keeps one whole run, after the line
    <!-- bench: one run of make bench -->
Each run compares itself with it, numbers left out: a line whose words
changed (a new figure, a target now met or missed) is named, and
`make bench BENCH_README=update` puts this run in its place.
"""
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, "README.md")
README_MARK = "<!-- bench: one run of make bench -->"
RUNS = int(os.environ.get("BENCH_RUNS", "21"))
QEMU = ["qemu-system-arm", "-M", "virt", "-cpu", "cortex-a15", "-nographic", "-nic", "none"]

# (name, build, -m, command line): build is build/<build>/vmsplit.elf.
CONFIGS = [
    ("3.4 rules, 1G, highmem off (make run)", "3G", "1G", 'run="poweroff"'),
    ("3.4 rules, 2G, highmem on", "3G", "2G", 'highmem=on run="poweroff"'),
    ("modern rules, 1G, odd vmalloc= (pages at the edge)", "3G", "1G",
     'rules=modern highmem=on vmalloc=123456789 run="poweroff"'),
    ("LPAE, 3.4 rules, 1G, highmem off", "3G-lpae", "1G", 'run="poweroff"'),
    ("LPAE, modern rules, 4G, highmem on", "3G-lpae", "4G", 'rules=modern highmem=on run="poweroff"'),
]

# The page tables each format builds for the same map (the boot's
# "Page tables:" line), at each size.
TABLE_CONFIGS = [("1G", 'run="poweroff"'), ("4G", 'rules=modern highmem=on run="poweroff"'),
                 ("8G", 'rules=modern highmem=on run="poweroff"')]


def elf(build):
    return os.path.join(ROOT, "build", build, "vmsplit.elf")


def qemu_time_to_prompt(build="3G"):
    """The kernel's own view: milliseconds of QEMU time from power-on to
    the first shell command (the generic timer), median of RUNS boots."""
    kernel = elf(build)
    ms = []
    for _ in range(RUNS):
        out = subprocess.run(QEMU + ["-m", "1G", "-kernel", kernel, "-append", 'run="uptime"'],
                             capture_output=True, timeout=30).stdout.decode()
        m = re.search(r"up (\d+\.\d+) ms of QEMU time", out)
        if not m:
            sys.exit("bench: no uptime line in the boot log")
        ms.append(float(m.group(1)))
    return statistics.median(ms)


def one_run(kernel, mem, append):
    cmd = QEMU + ["-m", mem, "-kernel", kernel]
    if append is not None:
        cmd += ["-append", append]
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, timeout=30)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"bench: {kernel} exited with {p.returncode}:\n{p.stdout.decode()[-2000:]}")
    return dt


def main():
    floor_elf = os.path.join(ROOT, "build", "floor.elf")
    runs = [("floor", floor_elf, "1G", None)] + [(n, elf(b), m, a) for n, b, m, a in CONFIGS]
    times = {name: [] for name, *_ in runs}
    for _, k, m, a in runs:                       # warm the page cache
        one_run(k, m, a)
    # Round robin, so that a slow spell of the host hits every kernel alike.
    for _ in range(RUNS):
        for name, k, m, a in runs:
            times[name].append(one_run(k, m, a) * 1000)
    floor = statistics.median(times["floor"])
    print(f"boot-to-poweroff, wall time, median of {RUNS} QEMU runs each, interleaved")
    print(f"  {'floor (PSCI SYSTEM_OFF at once)':<58} {floor:7.1f} ms")
    worst = 0.0
    for name, *_ in runs[1:]:
        ms = statistics.median(times[name])
        best = min(times[name]) / min(times["floor"])
        worst = max(worst, ms / floor)
        print(f"  vmsplit, {name:<49} {ms:7.1f} ms  ({ms / floor:.2f}x the floor; "
              f"fastest runs {best:.2f}x)")
    print(f"boot: worst ratio of medians to the floor {worst:.2f}x (target: 1.3x or less)")
    print("boot: what it means: what a user waits for, QEMU's start-up and exit included (the floor "
          "is those alone); above it, mostly QEMU translating the boot's code the first time it runs")
    print(f"boot to prompt: {qemu_time_to_prompt():.1f} ms of QEMU time "
          f"(generic timer, make run's configuration, median of {RUNS})")
    print(f"boot to prompt, LPAE kernel: {qemu_time_to_prompt('3G-lpae'):.1f} ms of QEMU time "
          f"(the same configuration, median of {RUNS})")
    print("boot to prompt: what it means: the kernel's own count, from power-on to its first command, "
          "QEMU's start-up left out; no target of its own: the ratio above is the target")


# The boot's steps, each ending where a line is printed (printk.time=1
# stamps it): (the line's beginning, what happened before it).
BOOT_STEPS = [
    ("vmsplit: head.S: MMU off", "power-on to start_kernel's first printk: QEMU's boot stub, head.S's "
     "boot table and MMU (head.S's lines wait for it)"),
    ("Machine model:", "the first printk, the board identified, the device tree read"),
    ("Rules:", "the memory probed, the console found and started, the board printed"),
    ("MMU: on,", "the layout decided and printed, memblock, the page tables (paging_init)"),
    ("Kernel command line:", "the static IO map, the console moved to it, uaccess"),
    ("GIC:", "mem_init (mem_map filled) and its report, vmalloc_init"),
    ("MMU check:", "interrupts, the timer, the other CPUs, then the MMU check itself"),
]


def boot_steps(runs=11):
    """Where make run's boot spends its QEMU time: the kernel's own
    printk.time=1 stamps at each step's line, median of runs boots."""
    stamp = re.compile(r"^\[ *(\d+)\.(\d{6})\] (.*)$")
    times = [[] for _ in BOOT_STEPS]
    for _ in range(runs):
        out = subprocess.run(QEMU + ["-m", "1G", "-kernel", elf("3G"), "-append", 'printk.time=1 run="poweroff"'],
                             capture_output=True, timeout=30).stdout.decode().replace("\r", "")
        lines = [(int(m.group(1)) * 1000 + int(m.group(2)) / 1000, m.group(3))
                 for m in map(stamp.match, out.split("\n")) if m]
        for i, (start, _) in enumerate(BOOT_STEPS):
            at = next((t for t, text in lines if text.startswith(start)), None)
            if at is None:
                sys.exit(f"bench: no stamped line {start!r} in the boot log (printk.time=1)")
            times[i].append(at)
    print(f"boot steps: make run's configuration with printk.time=1 (each line's own stamp, QEMU time), "
          f"median of {runs}:")
    before = 0.0
    for (start, what), ts in zip(BOOT_STEPS, times):
        at = statistics.median(ts)
        print(f"  {at:6.2f} ms  +{at - before:5.2f}  {what} ({start!r})")
        before = at
    print("boot steps: what it means: where the boot's time goes; no target of its own (the ratio to the "
          "floor is the boot's); each step's first run of its code is QEMU translating it")


def page_tables():
    """What each format's tables take for the same map: the boot's own
    count (short: 16 KB + 1 KB per second-level table; long: a 4 KB page
    for the 32-byte first level, 4 KB per second- and third-level table)."""
    print("page tables for the kernel's map (the boot's \"Page tables:\" line; target: no table beyond what "
          "the map uses, but for the long format's four second-level tables, one per gigabyte, kept with "
          "swapper_pg_dir as Linux keeps them)")
    for mem, append in TABLE_CONFIGS:
        for build, what in (("3G", "short"), ("3G-lpae", "long (LPAE)")):
            out = subprocess.run(QEMU + ["-m", mem, "-kernel", elf(build), "-append", append],
                                 capture_output=True, timeout=30).stdout.decode()
            m = re.search(r"^Page tables: (.*)$", out.replace("\r", ""), re.M)
            if not m:
                sys.exit(f"bench: no page-table line from the {what} kernel at -m {mem}")
            print(f"  -m {mem:<3} {what:<12} {m.group(1)}")


def guest_bench(command, prefix, count, extra=()):
    """A benchmark command in the guest (QEMU time): its `count` lines
    starting with `prefix`."""
    kernel = os.path.join(ROOT, "build", "3G", "vmsplit.elf")
    out = subprocess.run(QEMU + ["-m", "1G", *extra, "-kernel", kernel, "-append", f'run="{command}"'],
                         capture_output=True, timeout=60).stdout.decode()
    lines = [l for l in out.replace("\r", "").split("\n") if l.startswith(prefix)]
    if len(lines) != count:
        sys.exit(f"bench: {command} did not report:\n" + out[-2000:])
    print("\n".join(lines))
    return lines


def tlb_bench():
    """A TLB shootdown of one kernel page on 2 and 4 CPUs: by the
    inner-shareable instruction, and by IPI (every other CPU flushes its
    own TLB and answers), QEMU time.  Target: the broadcast costs less
    than the IPI round trip it replaces, at every CPU count."""
    for cpus in (2, 4):
        lines = guest_bench("tlbbench 2000", "tlb bench", 4, ("-smp", str(cpus)))
        ns = [int(re.search(r"(\d+) ns", l).group(1)) for l in lines[1:]]
        verdict = "met" if ns[1] < ns[2] else "NOT met"
        print(f"tlb bench: {cpus} CPUs: broadcast {ns[1]} ns against IPI {ns[2]} ns "
              f"(target: broadcast below the IPI round trip: {verdict})")


def web_bench():
    """The browser page's numbers, when make web could build it."""
    if not os.path.exists(os.path.join(ROOT, "build", "web", "vmsplit.wasm")):
        print("web: not built (make web; tools/deps.sh web says what it needs): left out")
        return
    p = subprocess.run(["node", os.path.join(ROOT, "tools", "web_bench.js"), ROOT, "/usr/bin/chromium"],
                       capture_output=True, text=True, timeout=120)
    sys.stdout.write(p.stdout)
    if p.returncode != 0:
        sys.exit("bench: tools/web_bench.js failed:\n" + p.stderr[-2000:])


def host_vmalloc_bench():
    """The kernel's vmalloc code on the host, -O2 (tools/bench_vmalloc.c)."""
    p = subprocess.run([os.path.join(ROOT, "build", "host", "bench_vmalloc")],
                       capture_output=True, text=True, timeout=600)
    sys.stdout.write(p.stdout)
    if p.returncode != 0:
        sys.exit("bench: build/host/bench_vmalloc failed:\n" + p.stderr[-2000:])
    # A balanced tree's search grows like log n: from 16 to 16,000 areas
    # log2 goes from 4 to 14, 3.5x; misses in the host's caches add to it.
    # A list scanned end to end would grow 1000x.
    tree = re.search(r"vmalloc space: cost with 16000 live areas vs 16: ([0-9.]+)x", p.stdout)
    whole = re.search(r"vmalloc: cost with 16000 live areas vs 16: ([0-9.]+)x", p.stdout)
    if not tree or not whole:
        sys.exit("bench: build/host/bench_vmalloc printed no growth ratios")
    t, w = float(tree.group(1)), float(whole.group(1))
    print(f"vmalloc on the host: what it means: the kernel's own code at -O2 as the free-space tree grows "
          f"1000-fold; target: log n growth, the tree alone under 8x (log n predicts 3.5x, a scan 1000x): "
          f"{'met' if t < 8 else 'NOT met'}, {t}x; the whole vmalloc+vfree under 4x: "
          f"{'met' if w < 4 else 'NOT met'}, {w}x")


class Tee:
    """stdout, kept: the run's lines, for the README's copy."""

    def __init__(self, out):
        self.out, self.parts = out, []

    def write(self, s):
        self.parts.append(s)
        return self.out.write(s)

    def flush(self):
        self.out.flush()

    def lines(self):
        return "".join(self.parts).rstrip("\n").split("\n")


def shape(line):
    """A line with its numbers left out: what must not change between runs."""
    return re.sub(r"\d+(\.\d+)?", "#", line)


def readme_block(lines):
    """(first, end) of the README's copy of a run: lines[first:end]."""
    try:
        mark = lines.index(README_MARK)
    except ValueError:
        return None
    if mark + 1 >= len(lines) or not lines[mark + 1].startswith("```"):
        return None
    end = mark + 2
    while end < len(lines) and not lines[end].startswith("```"):
        end += 1
    return mark + 2, end


def readme_compare(run):
    """Say whether the README's copy of a run reads as this run does
    (numbers aside); with BENCH_README=update, replace it with this run."""
    with open(README) as f:
        lines = f.read().split("\n")
    where = readme_block(lines)
    if not where:
        print(f"README: no ``` block after {README_MARK!r}: nothing to compare")
        return
    first, end = where
    if os.environ.get("BENCH_README") == "update":
        lines[first:end] = run
        with open(README, "w") as f:
            f.write("\n".join(lines))
        print(f"README: its copy of a run (line {first + 1}) is now this run's {len(run)} lines")
        return
    old = lines[first:end]
    for i in range(max(len(old), len(run))):
        a = old[i] if i < len(old) else "(nothing)"
        b = run[i] if i < len(run) else "(nothing)"
        if shape(a) != shape(b):
            print(f"README: line {first + i + 1} of its copy of a run reads {a!r}; this run printed {b!r} "
                  f"(make bench BENCH_README=update copies this run there)")
            return
    print(f"README: its copy of a run (line {first + 1}) reads as this one does, numbers aside")


if __name__ == "__main__":
    tee = sys.stdout = Tee(sys.stdout)
    main()
    boot_steps()
    page_tables()
    # vmalloc+vfree with 16, 1000, 16000 live areas
    lines = guest_bench("vmbench", "vmalloc in guest", 4)
    m = re.search(r"vs 16: ([0-9.]+)x", lines[-1])
    if m:
        # 16 to 16000 areas is about ten doublings: an allocator whose cost
        # grows like log n may cost a few times more, one that scans, 1000x.
        ratio = float(m.group(1))
        print(f"vmalloc in guest: what it means: one vmalloc of a page and its vfree, in QEMU time, as the "
              f"free-space tree grows 1000-fold; target: log n growth, under 4x "
              f"({'met' if ratio < 4 else 'NOT met'}: {ratio}x)")
    # a user task's whole life in each TTBR mode, and a system call
    guest_bench("user bench", "user bench", 3)
    print("user bench: what it means: the cost of an address space (tables, ASID, pages) and of the "
          "kernel boundary, in QEMU time; no target: the figures track changes to the task code")
    # a TLB shootdown: TLBIMVAIS against an IPI to every other CPU
    tlb_bench()
    web_bench()
    host_vmalloc_bench()
    sys.stdout = tee.out
    readme_compare(tee.lines())
