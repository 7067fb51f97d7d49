#!/usr/bin/env python3
"""vmsplit's test driver: host unit tests, then QEMU boot scenarios.

Each boot scenario is a file tests/boot/NAME.expect:

    # board: virt                   the QEMU board (tools/boards.py): its -M,
                                    -dtb and image; default virt
    # image: bin                    the raw vmsplit.bin instead of the board's
                                    default (virt boots the ELF)
    # qemu: -m 512M                 extra QEMU options (after -M virt -cpu ...)
    # append: rules=2.6.36          the kernel command line (run= is added)
    # run: check; peek 0xef800000   shell commands to run before power-off
    # vmsplit: 3G                   which kernel build (VMSPLIT), default 3G;
                                    3G-lpae etc. for the LPAE=1 builds
    # cpu: cortex-a15               default cortex-a15
    # exit: 0                       expected QEMU exit status
    # variants: no                  not booted on the other splits too
    <every line the kernel prints, in order>

Expected lines are literal except for {hex} (hex digits), {num} (decimal
digits) and {any} (anything).  Lines whose values depend on the size of the
kernel image (section lines, the "available" counts) use placeholders; the
driver then checks those values itself against the ELF's symbols and the
page arithmetic.  The host tool's output for the same -m and command line
must appear, in order, inside the kernel's output: one source of truth
(on virt: the host tool models virt's RAM at 0x40000000).

Prints one line per test and ends with "N passed, N failed".
The shell session over the console (tests/shell_test.py), the gdb walker
(tests/gdb_test.py), the malformed device trees (tests/dtb_test.py) and Debian's
own kernels side by side (tests/linux/linux_test.py) run alongside; name them
"shell", "gdb", "dtb" or "linux" to run alone.  "web" runs the browser page's
stage alone (tests/web_test.py: the WebAssembly build against memlayout);
"boards" boots each split's raw image on every board from the same file
(tests/boards_test.py).
Run a subset: run_tests.py NAME...   Write actual output next to the
expected file for review: run_tests.py --actual (never overwrites .expect).
"""
import concurrent.futures
import glob
import os
import re
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
import boards  # noqa: E402  (tools/boards.py: how each board boots)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
HOST = os.path.join(BUILD, "host")
QEMU_TIMEOUT = 15            # seconds; a boot takes well under one
NM = "arm-none-eabi-nm"

results = []                 # (name, ok, message)
stage_times = {}             # stage: (start, end) wall time, for the last line
T0 = time.time()


def timed(stage, fn, *args):
    """Run fn(*args) and note the stage's wall time (started, ended)."""
    t = time.time()
    try:
        return fn(*args)
    finally:
        stage_times[stage] = (t - T0, time.time() - T0)


def record(name, ok, message=""):
    results.append((name, ok, message))
    print(f"{'PASS' if ok else 'FAIL'}  {name}{'' if ok else ': ' + message}",
          flush=True)


# ---------------------------------------------------------------- unit tests

def run_unit_test(exe):
    """One unit-test binary: its exit status and TAP output."""
    dtbs = [os.path.join(HOST, "virt-1G.dtb"), os.path.join(HOST, "virt-hyp.dtb")]
    name = os.path.basename(exe)
    args = [exe] + (dtbs if name == "test_fdt" else [])
    env = dict(os.environ, CMOCKA_MESSAGE_OUTPUT="TAP")
    try:
        p = subprocess.run(args, capture_output=True, text=True, timeout=120, env=env)
    except subprocess.TimeoutExpired:
        return name, None
    return name, p


def run_unit_tests():
    """Every tests/unit binary, side by side (they are independent), their
    results recorded in name order."""
    exes = [e for e in sorted(glob.glob(os.path.join(HOST, "test_*")))
            if os.access(e, os.X_OK) and not e.endswith(".dtb")]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        done = list(pool.map(run_unit_test, exes))
    for name, p in done:
        if p is None:
            record(name, False, "timed out")
            continue
        seen = 0
        lines = p.stdout.splitlines()
        for i, line in enumerate(lines):
            m = re.match(r"(not ok|ok) \d+ - (.*)", line)
            if m:
                seen += 1
                # cmocka's TAP output puts the reason on "# " lines after it.
                why = [l[2:].strip() for l in lines[i + 1:i + 4] if l.startswith("# ")]
                record(f"{name}: {m.group(2)}", m.group(1) == "ok",
                       " / ".join(why) or "no reason given")
        if p.returncode != 0 or seen == 0:
            sys.stdout.write(p.stdout[-3000:] + p.stderr[-3000:])
            record(name, False, f"exit status {p.returncode}, {seen} tests reported")


# --------------------------------------------------------------- boot tests

def parse_expect(path):
    meta = {"qemu": "", "append": "", "run": "", "vmsplit": "3G",
            "cpu": "cortex-a15", "exit": "0", "variants": "yes", "board": "virt", "image": "",
            "memlayout": "yes"}
    lines = []
    with open(path) as f:
        for raw in f.read().splitlines():
            m = re.match(r"# (\w+): ?(.*)$", raw)
            if m and not lines and m.group(1) in meta:
                meta[m.group(1)] = m.group(2)
            elif not (raw.startswith("#") and not lines):
                lines.append(raw)
    return meta, lines


def pattern(line):
    parts = re.split(r"(\{hex\}|\{num\}|\{any\})", line)
    rx = {"{hex}": "[0-9a-f]+", "{num}": "[0-9]+", "{any}": ".*"}
    return re.compile("".join(rx.get(p, re.escape(p)) for p in parts) + r"\Z")


def command_line(meta):
    append = meta["append"]
    if meta["run"]:
        append = (append + " " if append else "") + f'run="{meta["run"]}"'
    return append


def boot(meta):
    # The board (# board:, tools/boards.py) gives -M, -dtb and the image
    # (the ELF on virt, the raw vmsplit.bin elsewhere; # image: overrides);
    # "-M virt,virtualization=on" in the scenario replaces the plain -M.
    extra = meta["qemu"].split()
    kernel = os.path.join(BUILD, meta["vmsplit"], boards.kernel_file(meta["board"], meta["image"] or None))
    machine = [os.path.join(ROOT, a) if a.startswith("build/") else a
               for a in boards.qemu_args(meta["board"], extra)]
    cmd = ["qemu-system-arm"] + machine + ["-cpu", meta["cpu"], "-nographic",
           "-nic", "none", "-semihosting-config", "enable=on,target=native",
           "-kernel", kernel, "-append", command_line(meta)] + extra
    p = subprocess.run(cmd, capture_output=True, timeout=QEMU_TIMEOUT)
    out = p.stdout.decode("utf-8", "replace").replace("\r\n", "\n")
    return p.returncode, out.split("\n")[:-1] if out.endswith("\n") else out.split("\n")


def first_difference(expected, actual):
    for i, exp in enumerate(expected):
        if i >= len(actual):
            return f"line {i + 1}: expected {exp!r}, got end of output"
        if not pattern(exp).match(actual[i]):
            return f"line {i + 1}: expected {exp!r}, got {actual[i]!r}"
    if len(actual) > len(expected):
        return f"line {len(expected) + 1}: unexpected extra output {actual[len(expected)]!r}"
    return None


def elf_symbols(vmsplit):
    out = subprocess.run([NM, os.path.join(BUILD, vmsplit, "vmsplit.elf")],
                         capture_output=True, text=True, check=True).stdout
    syms = {}
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3:
            syms[f[2]] = int(f[0], 16)
    return syms


SECTION_SYMBOLS = {".text": ("_text", "_etext"), ".init": ("__init_begin", "__init_end"),
                   ".data": ("_sdata", "_edata"), ".bss": ("__bss_start", "__bss_stop")}


def check_image_lines(meta, actual):
    """The section lines must be the ELF's own symbols, sizes rounded up."""
    syms = elf_symbols(meta["vmsplit"])
    for line in actual:
        m = re.match(r"\s+(\.\w+) : 0x([0-9a-f]{8}) - 0x([0-9a-f]{8})\s+\(\s*(\d+) kB\)$", line)
        if not m or m.group(1) not in SECTION_SYMBOLS:
            continue
        lo, hi = (syms[s] for s in SECTION_SYMBOLS[m.group(1)])
        want = (lo, hi, (hi - lo + 1023) // 1024)
        got = (int(m.group(2), 16), int(m.group(3), 16), int(m.group(4)))
        if got != want:
            return f"{m.group(1)} line says {got}, the ELF says {want}"
    return None


RECORD_SYMBOLS = {"kernel text": ("_text", "__start_rodata"),
                  "kernel rodata": ("__start_rodata", "__init_begin"),
                  "kernel init data": ("__init_begin", "_sdata"),
                  "kernel data and bss": ("_sdata", "_end")}


def check_image_records(meta, actual):
    """check's records of the image must be the ELF's sections, whole pages."""
    syms = elf_symbols(meta["vmsplit"])
    for line in actual:
        m = re.match(r"  0x([0-9a-f]{8})-0x([0-9a-f]{8}) -> 0x[0-9a-f]{8} +\d+ kB  memory \w+ +(kernel .*)$", line)
        if not m or m.group(3) not in RECORD_SYMBOLS:
            continue
        lo, hi = (syms[x] for x in RECORD_SYMBOLS[m.group(3)])
        hi = (hi + 4095) & ~4095
        got = (int(m.group(1), 16), int(m.group(2), 16) + 1)
        if got != (lo, hi):
            return f"the {m.group(3)} record is {got}, the ELF says {(lo, hi)}"
    return None


def check_memory_counts(actual):
    """free + reserved must be every page of the banks, reserved at least
    the device tree (1 MB) and the kernel image; meminfo's MemTotal is the
    boot's "available" count (both depend on the image's size), and
    HighTotal + LowTotal is MemTotal."""
    total_mb = avail = reserved = None
    totals = {}
    truncated = any("to fit in 32-bit physical address space" in l for l in actual)
    for line in actual:
        m = re.match(r"(Mem|High|Low)Total: +(\d+) kB$", line)
        if m:
            totals[m.group(1)] = int(m.group(2))
        if m and m.group(1) == "Mem" and avail is not None and totals["Mem"] != avail:
            return f"MemTotal {totals['Mem']} kB is not the {avail}k available at boot"

        m = re.match(r"Memory:((?: \d+MB)+) = (\d+)MB total$", line)
        if m:
            total_mb = int(m.group(2))
            banks_mb = sum(int(x[:-2]) for x in m.group(1).split())
            nbanks = len(m.group(1).split())
        m = re.match(r"Memory: (\d+)k/(\d+)k available, (\d+)k reserved, (\d+)K highmem$", line)
        if m:
            avail, avail2, reserved = (int(m.group(i)) for i in (1, 2, 3))
            if avail != avail2:
                return "the two available counts differ"
    if len(totals) == 3 and totals["High"] + totals["Low"] != totals["Mem"]:
        return f"HighTotal + LowTotal != MemTotal ({totals})"
    if avail is None:
        return None
    # "Memory: 3071MB" rounds each bank down to a MB: a bank truncated to
    # fit 32-bit physical space ends a page short of 4 GB, so its pages
    # exceed the MB count by less than a MB.  Otherwise they are equal.
    slack = 1024 * nbanks if truncated else 1
    if total_mb is not None and banks_mb == total_mb and \
            not total_mb * 1024 <= avail + reserved < total_mb * 1024 + slack:
        return f"{avail}k available + {reserved}k reserved != {total_mb}MB"
    if reserved < 1024:
        return f"only {reserved}k reserved: the device tree alone is 1024k"
    return None


def check_memlayout(meta, actual):
    """memlayout -m SIZE "CMDLINE" prints a subsequence of the boot log.
    On another board than virt the host tool is told the board (--board:
    its RAM base and QEMU's sizes, e.g. vexpress-a15's RAM at 0x80000000,
    raspi2b's fixed 1 GB at 0); the board's own tree is QEMU's to rewrite,
    so it is not given."""
    if meta["memlayout"].startswith("no"):	# the kernel stops before its table (said in the file)
        return None
    qemu = meta["qemu"].split()
    tool = os.path.join(HOST, "memlayout")
    if meta["board"] != "virt":
        size = ["-m", qemu[qemu.index("-m") + 1]] if "-m" in qemu else []
        dtb = ["--board", meta["board"]] + size
        size = None
    else:
        size = qemu[qemu.index("-m") + 1] if "-m" in qemu else "128M"
        dtb = ["--dtb", os.path.join(ROOT, qemu[qemu.index("-dtb") + 1])] if "-dtb" in qemu else []
    # A long-descriptor build is named <split>-lpae (build/3G-lpae/).
    split, lpae = meta["vmsplit"], []
    if split.endswith("-lpae"):
        split, lpae = split[:-len("-lpae")], ["--lpae"]
    out = subprocess.run([tool] + (["-m", size] if size else []) + ["--built-for", split] + lpae + dtb +
                         [command_line(meta)], capture_output=True, text=True, timeout=10).stdout.splitlines()
    i = 0
    for line in actual:
        if i < len(out) and line == out[i]:
            i += 1
    if i < len(out):
        return f"memlayout line {i + 1} not in the boot log: {out[i]!r}"
    return None


def run_boot_test(path):
    name = "boot: " + os.path.basename(path)[:-len(".expect")]
    meta, expected = parse_expect(path)
    try:
        status, actual = boot(meta)
    except subprocess.TimeoutExpired:
        return name, False, f"QEMU did not power off within {QEMU_TIMEOUT}s", None
    problem = None
    if status != int(meta["exit"]):
        problem = f"QEMU exit status {status}, expected {meta['exit']}"
    problem = problem or first_difference(expected, actual)
    problem = problem or check_image_lines(meta, actual)
    problem = problem or check_image_records(meta, actual)
    problem = problem or check_memory_counts(actual)
    problem = problem or check_memlayout(meta, actual)
    return name, problem is None, problem or "", actual


# What depends on the size of the kernel image, not on the layout: written
# as placeholders in .actual files, checked by check_image_lines() and
# check_memory_counts() instead.
IMAGE_DEPENDENT = [
    (r"^( +\.(?:text|init|data|bss) : )0x[0-9a-f]{8} - 0x[0-9a-f]{8}   \(.*kB\)$",
     r"\g<1>0x{hex} - 0x{hex}   ({any} kB)"),
    (r"^Memory: \d+k/\d+k available, \d+k reserved, ", "Memory: {num}k/{num}k available, {num}k reserved, "),
    (r"^Memory: \d+K/(\d+)K available \(\d+K kernel code, \d+K rwdata, \d+K rodata, "
     r"\d+K init, \d+K bss, \d+K reserved, ",
     r"Memory: {num}K/\1K available ({num}K kernel code, {num}K rwdata, {num}K rodata, "
     r"{num}K init, {num}K bss, {num}K reserved, "),
    (r"swapper_pg_dir at 0x[0-9a-f]+", "swapper_pg_dir at 0x{hex}"),
    # the image's memblock record, on virt (RAM at 0x40000000) and vexpress (0x80000000)
    (r"^(  0x[48]0100000-0x)[0-9a-f]{8} +\d+ KB  kernel image$", r"\g<1>{hex} {any} KB  kernel image"),
    (r"from pc 0x[0-9a-f]{8} in", "from pc 0x{hex} in"),
    # check's records of the image, and the lowmem that starts after it
    (r"^  0x[0-9a-f]{8}-0x[0-9a-f]{8} -> 0x[0-9a-f]{8} +\d+ kB  (memory \w+ +kernel .*)$",
     r"  0x{hex}-0x{hex} -> 0x{hex} {any} kB  \1"),
    (r"^  0x([0-9a-f]{3})([0-9a-f]{5})-0x([0-9a-f]{8}) -> 0x[0-9a-f]{8} +\d+ kB  (memory \w+ +lowmem)$",
     lambda m: m.group(0) if m.group(2) == "00000" else
     f"  0x{m.group(1)}{{hex}}-0x{m.group(3)} -> 0x{{hex}} {{any}} kB  {m.group(4)}"),
    # register dumps of an unexpected exception
    (r"^  pc 0x[0-9a-f]{8}  lr .*$", "  pc {any}"),
    (r"^  r0  0x.*$", "  r0  {any}"), (r"^  r4  0x.*$", "  r4  {any}"),
    (r"^  r8  0x.*$", "  r8  {any}"), (r"^  r12 0x.*$", "  r12 {any}"),
]


def with_placeholders(line):
    for rx, repl in IMAGE_DEPENDENT:
        line = re.sub(rx, repl, line)
    return line


def run_boot_tests(names, write_actual):
    files = sorted(glob.glob(os.path.join(ROOT, "tests", "boot", "*.expect")))
    if names:
        files = [f for f in files if os.path.basename(f)[:-7] in names]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for path, (name, ok, msg, actual) in zip(files, pool.map(run_boot_test, files)):
            record(name, ok, msg)
            if write_actual and actual is not None:
                with open(path[:-len(".expect")] + ".actual", "w") as f:
                    f.write("\n".join(with_placeholders(a) for a in actual) + "\n")


SPLITS = ("3G", "2G", "1G", "3G_OPT")
LPAE_SPLITS = ("3G-lpae", "2G-lpae", "1G-lpae")   # no 3G_OPT with LPAE


def run_split_variant(job):
    """A scenario booted on a kernel built for another split.  There is no
    expected file for it: the host tool's lines for that split must appear
    in the boot log in order (one source of truth), the MMU check must
    agree with the tables, and nothing may fail."""
    path, split = job
    meta = dict(parse_expect(path)[0], vmsplit=split, run="check", exit="0")
    name = f"split {split}: {os.path.basename(path)[:-len('.expect')]}"
    try:
        status, actual = boot(meta)
    except subprocess.TimeoutExpired:
        return name, False, f"QEMU did not power off within {QEMU_TIMEOUT}s"
    problem = None
    if status != 0:
        problem = f"QEMU exit status {status}"
    elif not any(l.startswith("MMU check: record, page tables and MMU agree") for l in actual):
        problem = "no agreeing MMU check: " + next((l for l in actual if l.startswith("MMU check")), "none")
    problem = problem or check_memory_counts(actual) or check_memlayout(meta, actual)
    return name, problem is None, problem or ""


def run_split_variants():
    """Every scenario on every split it applies to, in its own format: a
    short-descriptor scenario on the short kernels, an LPAE one on the
    LPAE kernels.  3G_OPT is the modern rules' split (the older ones
    refuse it), so only rules=modern scenarios go there.  "# variants: no"
    marks a scenario whose variants are scenarios of their own (the LPAE
    grid of splits and sizes)."""
    jobs = []
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "boot", "*.expect"))):
        meta = parse_expect(path)[0]
        if not any(l.startswith("# scenario:") for l in open(path)) or meta["variants"] == "no":
            continue
        modern = "rules=modern" in meta["append"]
        for split in LPAE_SPLITS if meta["vmsplit"].endswith("-lpae") else SPLITS:
            if split != meta["vmsplit"] and (split != "3G_OPT" or modern):
                jobs.append((path, split))
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for name, ok, msg in pool.map(run_split_variant, jobs):
            record(name, ok, msg)


def run_fuzzers(seconds=3):
    """A short pass of each libFuzzer harness (make fuzz runs longer):
    from the checked-in seeds, in a scratch corpus, crash files kept in
    build/fuzz for the report."""
    import shutil
    import tempfile
    for exe in sorted(glob.glob(os.path.join(BUILD, "fuzz", "fuzz_*"))):
        if not os.access(exe, os.X_OK) or exe.endswith(".log"):
            continue
        name = os.path.basename(exe)[len("fuzz_"):]
        with tempfile.TemporaryDirectory() as corpus:
            seeds = os.path.join(ROOT, "tests", "fuzz", "corpus", name)
            p = subprocess.run([exe, f"-max_total_time={seconds}", "-max_len=2048",
                                f"-artifact_prefix={os.path.join(BUILD, 'fuzz')}/", corpus, seeds],
                               capture_output=True, text=True, timeout=seconds + 60)
        runs = re.search(r"Done (\d+) runs", p.stderr)
        crash = re.search(r"(SUMMARY: .*|Test unit written to .*)", p.stderr)
        record(f"fuzz: {name}, {seconds} s", p.returncode == 0 and runs is not None,
               (crash.group(1) if crash else p.stderr[-300:]) + f" (exit {p.returncode})")


def run_session_tests(which):
    """The shell driven over the console, and gdb's walker against the
    kernel's (tests/shell_test.py, tests/gdb_test.py): each in a thread of
    its own while the boot scenarios run."""
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    import dtb_test
    import gdb_test
    import shell_test
    sys.path.insert(0, os.path.join(ROOT, "tests", "linux"))
    import linux_test       # Debian's own kernels side by side (tests/linux)
    modules = {"shell": shell_test, "gdb": gdb_test, "dtb": dtb_test, "linux": linux_test}
    threads = [threading.Thread(target=timed, args=(w, modules[w].run, record, ROOT)) for w in which]
    for t in threads:
        t.start()
    return threads


def check_scenarios():
    """make scenarios lists every scenario file, and make run SCENARIO=
    boots each with the options its expected output was tested with."""
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    import scenario
    found = scenario.scenarios()
    listed = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "scenario.py"), "list"],
                            capture_output=True, text=True, timeout=10).stdout.split()
    missing = [n for n in found if n not in listed]
    record("scenarios: make scenarios lists every scenario", bool(found) and not missing,
           f"not listed: {missing}")
    bad = []
    for name, meta in found.items():
        cmd = scenario.qemu_command(meta)
        test = parse_expect(os.path.join(ROOT, "tests", "boot", name + ".expect"))[0]
        if cmd[cmd.index("-append") + 1] != test["append"] or \
                not " ".join(cmd).count(test["qemu"]) or f"build/{test['vmsplit']}/" not in " ".join(cmd):
            bad.append(name)
    record("scenarios: each boots what its expected output was tested with", not bad, f"differ: {bad}")
    # docs/scenarios is generated: it must be what the scenarios say now.
    import filecmp
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        scenario.write_docs(tmp)
        docs = os.path.join(ROOT, "docs", "scenarios")
        stale = [f for f in sorted(os.listdir(tmp))
                 if not os.path.exists(os.path.join(docs, f)) or
                 not filecmp.cmp(os.path.join(tmp, f), os.path.join(docs, f), shallow=False)]
    record("scenarios: docs/scenarios is up to date (make docs)", not stale, f"stale or missing: {stale}")


def main():
    args = sys.argv[1:]
    write_actual = "--actual" in args
    names = [a for a in args if not a.startswith("--")]
    sessions = [n for n in ("shell", "gdb", "dtb", "linux") if not names or n in names]
    boot_names = [n for n in names if n not in ("shell", "gdb", "dtb", "linux", "splits", "fuzz", "web", "boards")]
    # The sessions first: the shell's is the longest stage (about 50 s, mostly
    # waiting on its boots).  The Linux boots fill the cores it leaves idle
    # once the boot scenarios are done: started beside its first part (10,000
    # lines against a 40 s timeout), they starved it under load.
    late = [n for n in sessions if n == "linux" and (not names or boot_names)]
    threads = run_session_tests([n for n in sessions if n not in late])
    if not names or "fuzz" in names:
        threads.append(threading.Thread(target=timed, args=("fuzz", run_fuzzers)))
        threads[-1].start()
    if not names:
        timed("unit", run_unit_tests)
        timed("scenarios", check_scenarios)
    if not names:
        sys.path.insert(0, os.path.join(ROOT, "tests"))
        import commands_test
        import purity_test
        import seed_tables_test
        import svg_test
        import memlayout_test
        import formats_test
        import exercises_test
        import readme_test
        import make_run_test
        timed("svg", svg_test.run, record, ROOT)
        timed("memlayout", memlayout_test.run, record, ROOT)
        timed("formats", formats_test.run, record, ROOT)
        timed("exercises", exercises_test.run, record, ROOT)
        timed("readme", readme_test.run, record, ROOT)
        timed("seed tables", seed_tables_test.run, record, ROOT)
        timed("purity", purity_test.run, record, ROOT)
        timed("commands", commands_test.run, record, ROOT)
        timed("make run", make_run_test.run, record, ROOT)
    if not names or "web" in names:
        sys.path.insert(0, os.path.join(ROOT, "tests"))
        import web_test
        timed("web", web_test.run, record, ROOT)
    if not names or boot_names:
        timed("boot", run_boot_tests, boot_names, write_actual)
    threads += run_session_tests(late)
    if not names or "splits" in names:
        timed("splits", run_split_variants)
    if not names or "boards" in names:
        sys.path.insert(0, os.path.join(ROOT, "tests"))
        import boards_test   # one image file per split, booted on every board
        timed("boards", boards_test.run, record, ROOT)
    for t in threads:
        t.join()
    failed = sum(1 for _, ok, _ in results if not ok)
    # Where the time went: each stage's wall time from the start (stages
    # overlap: the sessions and fuzzers run beside the boots).
    print("stage wall times: " + ", ".join(
        f"{k} {b - a:.1f} s ({a:.0f}-{b:.0f})" for k, (a, b) in sorted(stage_times.items(), key=lambda kv: kv[1])) +
        f"; total {time.time() - T0:.1f} s", flush=True)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
