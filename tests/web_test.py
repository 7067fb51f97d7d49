#!/usr/bin/env python3
"""The browser page (make web) against the host tool, character for character.

Every configuration below (every named scenario, a grid of boards, eras
and options, and bad input) is given to build/host/memlayout and to the
WebAssembly build of the same code (build/web/vmsplit.wasm):

  - under Node (tests/web/wasm_run.js): exit status, stdout, stderr and
    the SVG must be memlayout's exactly;
  - in a real browser (tests/web/page_test.js: Debian's chromium, headless,
    driven by npm's playwright-core): the page's own fields are set as a
    user would set them, and the lines the page shows, its messages and its
    map must again be memlayout's; typing in the command line redraws the
    map; a scenario's screenshot has a drawn map in it; nothing is fetched
    but the page's own files and nothing is logged to the console.

When the page is not built (tools/deps.sh web could not install clang's
wasm32 support) or chromium / playwright-core are missing, the part that
needs them says so on a SKIP line and is not counted; everything else runs.

    run(record, root)            record(name, ok, message) per result
    python3 tests/web_test.py    PASS/FAIL lines, then "N passed, N failed"
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BROWSER = "/usr/bin/chromium"


def scenario_presets(root):
    sys.path.insert(0, os.path.join(root, "tools"))
    import web_data
    return web_data.scenario_presets()


def configurations(root, eras):
    """[(name, memlayout arguments)]: the scenarios, then the grid."""
    out = [(f"scenario {s['name']}", s["args"]) for s in scenario_presets(root)]
    for m in ("128M", "256M", "512M", "768M", "1G", "2G", "3G", "4G"):
        for era in eras:
            out.append((f"-m {m} rules={era}", ["-m", m, f"rules={era} highmem=on"]))
    for m, split in (("1G", "3G"), ("4G", "2G"), ("8G", "1G"), ("2G", "3G")):
        out.append((f"--lpae -m {m} --built-for {split}",
                    ["--lpae", "--built-for", split, "-m", m, "rules=modern highmem=on"]))
    out += [
        ("split=2G", ["-m", "1G", "split=2G"]),
        ("split=1G highmem", ["-m", "2G", "split=1G highmem=on"]),
        ("split=3G_OPT modern", ["-m", "1G", "split=3G_OPT rules=modern"]),
        ("--built-for 2G", ["--built-for", "2G", "-m", "3G", "highmem=on"]),
        ("vmalloc=400M highmem", ["-m", "1G", "vmalloc=400M highmem=on"]),
        ("odd vmalloc modern", ["-m", "1G", "rules=modern highmem=on vmalloc=123456789"]),
        ("mem=512M", ["-m", "1G", "mem=512M"]),
        ("three banks of mem=", ["-m", "1G", "mem=91M@0x40000000 mem=24M@0x5c000000 mem=493M@0x61000000"]),
        ("2.6.36 dma_size", ["-m", "512M", "rules=2.6.36 dma_size=4M"]),
        ("vmalloc_end", ["-m", "512M", "rules=2.6.36 vmalloc_end=0xe8000000"]),
        ("quoted options", ["-m", "2G", '"vmalloc=300M" highmem="on"']),
        # The module runs the tool's own code (tools/memlayout_run.c), so every
        # option the tool takes is the module's too ("tool: ", the module's
        # check only: the page's fields do not offer these options yet).
        ("tool: --board vexpress-a15", ["--board", "vexpress-a15", "-m", "2G", "highmem=on"]),
        ("tool: --board raspi2b", ["--board", "raspi2b", "rules=modern highmem=on"]),
        ("tool: --ram two banks at 0x80000000", ["--ram", "0x80000000:768M,0xb7800000:136M", "vmalloc=400M highmem=on"]),
        ("tool: --phys-offset past a partial first 2 MB", ["--ram", "0x80100000:512M", "--phys-offset", "0x80200000",
                                                     "rules=modern"]),
        ("tool: --explain lowmem", ["-m", "2G", "--explain", "lowmem", "highmem=on"]),
        ("tool: --explain split 3G_OPT", ["-m", "1G", "--explain", "split", "rules=modern split=3G_OPT"]),
        ("tool: --svg-scale linear", ["-m", "1G", "--svg-scale", "linear", "highmem=on"]),
        ("tool: bad: --ram overlapping", ["--ram", "0x80000000:512M,0x9f000000:16M", ""]),
        ("tool: bad: --phys-offset unaligned", ["--ram", "0x80000000:512M", "--phys-offset", "0x80001000", ""]),
        ("tool: bad: --board unknown", ["--board", "pdp11", ""]),
        ("tool: bad: --from-dmesg, no such file", ["--from-dmesg", "dmesg.txt"]),
        # bad input: the kernel's own messages and fallbacks
        ("bad: vmalloc=abc", ["-m", "1G", "vmalloc=abc"]),
        ("bad: rules=9.9", ["-m", "1G", "rules=9.9"]),
        ("bad: split=5G", ["-m", "1G", "split=5G"]),
        ("bad: highmem=maybe", ["-m", "2G", "highmem=maybe"]),
        ("bad: vmalloc=1K", ["-m", "1G", "vmalloc=1K"]),
        ("bad: vmalloc too big", ["-m", "1G", "vmalloc=3G"]),
        ("bad: mem=0", ["-m", "1G", "mem=0"]),
        ("bad: mem= under the page tables", ["-m", "1G", "mem=3M mem=1M@0x50000000"]),
        ("bad: unknown option and quotes", ["-m", "1G", 'foo=bar run="x; y" vmalloc=256M']),
        ("bad: markup in the title", ["-m", "1G", "a<b>&c vmalloc=200M"]),
        ("bad: a 3000-byte command line", ["-m", "1G", "vmalloc=256M " + "x" * 2990]),
        ("bad: not ASCII", ["-m", "1G", "vmalloc=256M h\u00e9llo=\u00fc mem=512\u00b5"]),
        ("bad: an unclosed quote", ["-m", "1G", 'vmalloc=300M run="check highmem=on']),
        ("bad: -m 5X", ["-m", "5X", ""]),
        ("bad: -m 0", ["-m", "0", ""]),
        ("bad: --lpae split=3G_OPT", ["--lpae", "-m", "1G", "split=3G_OPT"]),
        ("bad: --lpae --built-for 3G_OPT", ["--lpae", "--built-for", "3G_OPT", "-m", "1G", ""]),
        ("bad: --built-for 4G", ["--built-for", "4G", "-m", "1G", ""]),
        ("bad: a malformed device tree", ["-m", "1G", "--dtb", "build/dt/msm-holes-malformed-1G.dtb", ""]),
    ]
    # Boot logs: the page's --from-dmesg reads the pasted text as its file.
    out += [(f"tool: --from-dmesg {os.path.basename(log)}", ["--from-dmesg", log]) for log in dmesg_logs(root)]
    return out + random_configurations(eras)


def dmesg_logs(root):
    """The boot logs the tests keep (Debian's kernels on QEMU) and the
    seeds' two, as paths relative to the tree."""
    logs = sorted(os.path.join("tests", "dmesg", f) for f in os.listdir(os.path.join(root, "tests", "dmesg")))
    seeds = os.path.join(root, "..", "shared", "seeds")
    if os.path.isdir(seeds):
        logs += [os.path.join("..", "shared", "seeds", f) for f in sorted(os.listdir(seeds))
                 if f.startswith(("000_", "001_"))]
    return logs


def random_configurations(eras, n=40, seed=20):
    """Lines drawn from the options and their edges (and some junk), the
    same every run: what no one thought to write out by hand."""
    import random
    rnd = random.Random(seed)
    sizes = ["0", "1", "1K", "4095", "16M", "100M", "240M", "256M", "400M", "408M", "1G", "2G", "3G", "5G",
             "123456789", "0x10000000", "-1", "abc", ""]
    opts = [lambda: f"rules={rnd.choice(eras + ['2.6', 'Modern', ''])}",
            lambda: f"split={rnd.choice(['3G', '3G_OPT', '2G', '1G', '4G', ''])}",
            lambda: f"highmem={rnd.choice(['on', 'off', '1', ''])}",
            lambda: f"vmalloc={rnd.choice(sizes)}",
            lambda: f"mem={rnd.choice(sizes)}",
            lambda: f"mem={rnd.choice(sizes)}@{rnd.choice(['0x40000000', '0x60000000', '0x80000000', '0', 'x'])}",
            lambda: f"vmalloc_end={rnd.choice(['0xe8000000', '0xf0000000', '0x1', 'zz'])}",
            lambda: f"dma_size={rnd.choice(sizes)}",
            lambda: rnd.choice(["quiet", "foo=bar", "=", "run=\"check\"", "console=ttyAMA0", "\"", "mem"])]
    out = []
    for i in range(n):
        line = " ".join(rnd.choice(opts)() for _ in range(rnd.randint(1, 6)))
        args = ["-m", rnd.choice(["128M", "512M", "1G", "2G", "3G", "4G", "8G"])]
        if rnd.random() < 0.25:
            args = ["--lpae"] + args
        if rnd.random() < 0.25:
            args = ["--built-for", rnd.choice(["3G", "3G_OPT", "2G", "1G"])] + args
        out.append((f"random {i}: {' '.join(args)} {line!r}", args + [line]))
    return out


def native(root, args):
    """memlayout's status, stdout, stderr and SVG (run in the tree, so a
    relative --dtb path prints as the page prints it)."""
    with tempfile.TemporaryDirectory() as tmp:
        svg = os.path.join(tmp, "map.svg")
        p = subprocess.run([os.path.join(root, "build", "host", "memlayout"), "--svg", svg] + args,
                           capture_output=True, text=True, timeout=10, cwd=root)
        picture = open(svg).read() if os.path.exists(svg) else ""
    return {"status": p.returncode, "out": p.stdout, "err": p.stderr, "svg": picture}


def native_log(root, text):
    """memlayout --from-dmesg on text saved as the page names a pasted log."""
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, PASTED), "w") as f:
            f.write(text)
        p = subprocess.run([os.path.join(root, "build", "host", "memlayout"), "--from-dmesg", PASTED],
                           capture_output=True, text=True, timeout=10, cwd=tmp)
    return {"status": p.returncode, "out": p.stdout, "err": p.stderr, "svg": ""}


PASTED = "the pasted log"   # web/app.js's name for it


def wasm_job(root, args):
    """The module's arguments: memlayout's, with --svg (to memory) and its
    one file's bytes (the device tree, or the boot log) read by the runner."""
    for opt in ("--dtb", "--from-dmesg"):
        if opt in args and os.path.exists(os.path.join(root, args[args.index(opt) + 1])):
            return {"args": ["--svg"] + args, "dtb": args[args.index(opt) + 1]}
    return {"args": ["--svg"] + args, "dtb": None}


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines())):
        if x != y:
            return f"line {i + 1}: memlayout {x!r}, page {y!r}"
    return f"memlayout {len(a)} chars, page {len(b)} chars"


def compare(want, got):
    for key in ("status", "out", "err", "svg"):
        if want[key] != got[key]:
            if key == "status":
                return f"exit status {want['status']} native, {got['status']} in wasm"
            return f"{key}: {first_difference(str(want[key]), str(got[key]))}"
    return None


def run_node(root, jobs):
    p = subprocess.run(["node", os.path.join(HERE, "web", "wasm_run.js"),
                        os.path.join(root, "build", "web", "vmsplit.wasm"), root],
                       input=json.dumps(jobs), capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise RuntimeError(p.stderr.strip()[-2000:])
    return json.loads(p.stdout)


def skip(why):
    print(f"SKIP  web: {why}", flush=True)


def run(record, root):
    wasm = os.path.join(root, "build", "web", "vmsplit.wasm")
    if not os.path.exists(wasm):
        skip("build/web is not built (make web; tools/deps.sh web says what it needs)")
        return
    if not shutil.which("node"):
        skip("no node to run the module outside the browser")
        return
    eras = [e["name"] for e in run_node(root, [])["eras"]]
    record("web: the module knows the eras memlayout lists",
           bool(eras) and f"choose {' '.join(eras)} " in native(root, ["rules=?"])["out"],
           f"module's eras {eras}")
    configs = configurations(root, eras)
    wants = [native(root, args) for _, args in configs]
    gots = run_node(root, [wasm_job(root, args) for _, args in configs])["results"]
    bad = [(name, compare(w, g)) for (name, _), w, g in zip(configs, wants, gots) if compare(w, g)]
    record(f"web: the module prints what memlayout prints, {len(configs)} configurations "
           f"(status, stdout, stderr, SVG)", not bad, "; ".join(f"{n}: {p}" for n, p in bad[:5]))
    ms = sorted(g["ms"] for g in gots)
    print(f"      web: the module under node: median {ms[len(ms) // 2]:.3f} ms a run, "
          f"slowest {ms[-1]:.3f} ms (the first, cold)", flush=True)

    run_browser(record, root, configs, wants, eras)


# The eras' columns are checked on this board: the page writes rules=ERA at
# the end of the line; typing checks this line, key by key.
ERA_BOARD = ["-m", "2G", "highmem=on vmalloc=300M"]
TYPED = ["-m", "1G", "rules=modern highmem=on vmalloc=300M"]
# The fields test starts from FIELDS_FROM, sets the era to modern, split
# 2G, highmem on, vmalloc= 300M, two banks, then the era back to "not
# given": each field writes only its own option, vmalloc= where it stood.
FIELDS_FROM = 'run="check; vmalloc 8K" vmalloc=100M'
FIELDS = ["-m", "1G", 'run="check; vmalloc 8K" vmalloc=300M split=2G highmem=on '
          'mem=256M@0x40000000 mem=256M@0x60000000']


def run_browser(record, root, configs, wants, eras):
    """The page in chromium: tests/web/page_test.js does the clicking."""
    driver = os.path.join(root, "build", "npm", "node_modules", "playwright-core")
    if not os.path.exists(os.path.join(root, "build", "web", "index.html")):
        skip("build/web/index.html is not built (make web)")
        return
    if not os.path.exists(BROWSER):
        skip(f"{BROWSER} is not installed (tools/deps.sh web-test installs Debian's chromium)")
        return
    if not os.path.exists(driver):
        skip("npm's playwright-core is not in build/npm (tools/deps.sh web-test installs it; needs the network)")
        return
    # The drawn lines stay with the module's check: the page's own paths
    # are the same for them, and the stage stays a few seconds long; so do
    # the options the page's fields do not offer ("tool: ").
    jobs = [{"name": name, "args": args, "want": want} for (name, args), want in zip(configs, wants)
            if not name.startswith(("random ", "tool: "))]
    jobs.append({"name": "the eras' board", "args": ERA_BOARD, "want": native(root, ERA_BOARD)})
    for era in eras:
        args = ERA_BOARD[:-1] + [ERA_BOARD[-1] + f" rules={era}"]
        jobs.append({"name": f"era {era}", "args": args, "want": native(root, args), "role": f"era:{era}"})
    for topic in ("lowmem", "split"):
        args = ["--explain", topic] + ERA_BOARD
        jobs.append({"name": f"explain {topic}", "args": ERA_BOARD, "want": native(root, args),
                     "role": f"explain:{topic}"})
    # A boot log pasted into the page: memlayout --from-dmesg on the same
    # text, saved under the name the page gives it.
    # Then its "the same configuration" loaded into the page must show
    # what memlayout prints for those arguments (the line split as a shell
    # splits it: one log has both quotes and a $ on its command line).
    logs = []
    for log in dmesg_logs(root)[:3]:
        with open(os.path.join(root, log)) as f:
            logs.append((os.path.basename(log), f.read()))
    with open(os.path.join(root, "tests", "dmesg", "debian-6.1-2G.log")) as f:
        logs.append(("a command line with quotes", re.sub(r"(Kernel command line: .*)", r"""\1 foo="a b" it's $HOME""",
                                                           f.read())))
    for name, text in logs:
        want = native_log(root, text)
        same = re.search(r"^  the same configuration: memlayout (.*)$", want["out"], re.M)
        args = shlex.split(same.group(1)) if same else []
        jobs.append({"name": f"pasted {name}", "args": args, "log": text, "want": want, "role": "dmesg",
                     "shown": native(root, args) if same else None})
    jobs.append({"name": "typed", "args": TYPED, "want": native(root, TYPED), "role": "typed"})
    jobs.append({"name": "fields", "args": FIELDS, "want": native(root, FIELDS), "role": "fields",
                 "from": FIELDS_FROM})
    with tempfile.TemporaryDirectory() as tmp:
        shot = os.path.join(tmp, "scenario.png")
        p = subprocess.run(["node", os.path.join(HERE, "web", "page_test.js"), root, BROWSER, shot],
                           input=json.dumps(jobs), capture_output=True, text=True, timeout=120,
                           env=dict(os.environ, NODE_PATH=os.path.join(root, "build", "npm", "node_modules")))
        if p.returncode != 0 and not p.stdout.strip():
            record("web: the page in chromium", False, p.stderr.strip()[-2000:])
            return
        for line in p.stdout.splitlines():
            r = json.loads(line)
            if "note" in r:
                print(f"      web: {r['note']}", flush=True)
            else:
                record(f"web: page: {r['name']}", r["ok"], r.get("why", ""))


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    import standalone
    sys.exit(standalone.main(run))
