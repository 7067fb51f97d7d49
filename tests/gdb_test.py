#!/usr/bin/env python3
"""The gdb page-table walker (tools/gdb/vmsplit.py) against the kernel's own.

One QEMU boot, halted (-S) with a gdbstub on a free port; the kernel runs a
run= list of `v2p` commands and stops at machine_poweroff(), where gdb
(tools/gdb/vmsplit.gdb, then a generated script) runs vmsplit-v2p for the
same addresses, the walker as a Python function, and vmsplit-ptdump.  Then,
for each address, the `tables:` lines (descriptors, their decoding, -> PA)
must be the kernel's to the character, and the walker's L1/L2/PA values the
kernel's (on the 3G kernel and on the 3G-lpae one, whose walk must start
where TTBCR.T0SZ/T1SZ say); ptdump (short format) must tile 4 GB, map 0xc0000000 to PA 0x40000000, agree
with every v2p, and with the totals and the mapping list of the kernel's
`check`.

    run(record, root)          record(name, ok, message) per result
    python3 tests/gdb_test.py  PASS/FAIL lines, then "N passed, N failed"
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile

GDB = "gdb-multiarch"
QEMU = "qemu-system-arm"
TIMEOUT = 20                  # seconds for the whole exchange; it takes under one

# (what it is, the kernel shell's v2p argument, gdb's expression, mapped?)
# The kernel names some addresses itself (_text, console); gdb gets the
# symbol form so that expression parsing is tested too.  0xf0000000 is the
# first vmalloc area after `vmalloc 64K` (3G split, 1 GB, rules=3.4), and
# 0xf0010000 its guard page: a fault inside a page table.
SCENARIOS = [
    ("lowmem section", "0xc0000000", "0xc0000000", True),
    ("lowmem section, inside", "0xc4bbcdef", "0xc4bbcdef", True),
    ("kernel text", "_text", "_text", True),
    ("swapper_pg_dir", "swapper_pg_dir", "&swapper_pg_dir", True),
    ("vmalloc page", "0xf0000000", "0xf0000000", True),
    ("vmalloc guard page", "0xf0010000", "0xf0010000", False),
    ("UART static IO map", "console", "console_virt", True),
    ("vector page", "0xffff0000", "0xffff0000", True),
    ("unmapped user address", "0x00001000", "0x00001000", False),
]

# The lines both sides print, from `tables:` to `-> PA`.
TABLE_LINE = re.compile(r"^  tables: |^          L[23]\[|^          -> PA ")
RUN_LINE = re.compile(r"^0x([0-9a-f]{8})-0x([0-9a-f]{8}) +[\d.]+ [kM]B  (unmapped|\S+ pages|section|supersection)"
                      r"(?: +PA (?:scattered \(first 0x[0-9a-f]+\)|0x([0-9a-f]{8})-0x[0-9a-f]{8}))?")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gdb_script(path, ptdump=True):
    """Continue to machine_poweroff, then every command inside Python so
    that one error is reported and does not end the script (gdb stops a
    command file at its first error)."""
    exprs = [s[2] for s in SCENARIOS]
    with open(path, "w") as f:
        f.write(f"""continue
python
import sys

def vmsplit_test_run(tag, command):
    print("@@ " + tag)
    try:
        sys.stdout.write(gdb.execute(command, to_string=True))
    except Exception as e:
        print("@@ error: %s" % e)

def hex_or_none(v):
    return "None" if v is None else "0x%08x" % v

for i, expr in enumerate({exprs!r}):
    vmsplit_test_run("v2p %d" % i, "vmsplit-v2p " + expr)
    try:
        w = vmsplit_walk(parse_va(expr))
        print("@@ walk %d va=0x%08x %s" % (i, w.va, w.values()))
    except Exception as e:
        print("@@ error: walk %d: %s" % (i, e))
if {ptdump!r}:
    vmsplit_test_run("ptdump", "vmsplit-ptdump")
print("@@ end")
end
kill
""")


def qemu_with_gdb(root, elf, workdir, run, script_text, machine=("-M", "virt"), image=None):
    """Boot elf (or image, another board's raw image of the same build, with
    machine its -M and -dtb) halted with run=..., let gdb run script_text
    (after tools/gdb/vmsplit.gdb); the serial lines and gdb's, or RuntimeError."""
    port = free_port()
    script = os.path.join(workdir, "test.gdb")
    with open(script, "w") as f:
        f.write(script_text)
    serial_path = os.path.join(workdir, "serial.log")
    with open(serial_path, "wb") as serial:
        qemu = subprocess.Popen(
            [QEMU] + list(machine) + ["-cpu", "cortex-a15", "-m", "1G", "-nographic",
             "-nic", "none", "-S", "-gdb", f"tcp:localhost:{port}",
             "-kernel", image or elf, "-append", f'run="{run}"'],
            stdin=subprocess.DEVNULL, stdout=serial, stderr=subprocess.STDOUT)
        gdb = None
        try:
            # A session of its own, so that a timeout kills all of it.
            gdb = subprocess.Popen(
                [GDB, "-batch", "-nx", "-x", "tools/gdb/vmsplit.gdb", "-x", script, elf],
                cwd=root, env=dict(os.environ, GDB_PORT=str(port)), stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                start_new_session=True)
            gdb_out, _ = gdb.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"gdb did not finish in {TIMEOUT} s")
        finally:
            if gdb and gdb.poll() is None:
                os.killpg(gdb.pid, signal.SIGKILL)
                gdb.wait()
            qemu.kill()
            qemu.wait(timeout=5)
    with open(serial_path, "rb") as f:
        serial_out = f.read().decode("utf-8", "replace").replace("\r\n", "\n")
    return serial_out.split("\n"), gdb_out.split("\n")


def run_qemu_and_gdb(root, elf, workdir, ptdump=True):
    """The walker's boot: the serial output and gdb's."""
    script = os.path.join(workdir, "walk.gdb")
    gdb_script(script, ptdump)
    with open(script) as f:
        text = f.read()
    # `check` last: its totals are compared with ptdump's.
    run = "vmalloc 64K; " + "; ".join("v2p " + s[1] for s in SCENARIOS) + "; check"
    return qemu_with_gdb(root, elf, workdir, run, text)


# gdb writes through the debug interface, which no page permission stops:
# the one way to change kernel text behind the kernel's back once every
# writable alias of RAM is refused.  The word changed is head.S's first
# instruction, never run again.
TEXT_CHANGE_SCRIPT = """break cmd_check
continue
set {unsigned int}_text = ~*(unsigned int *)_text
delete 3
continue
kill
"""


def serial_after_change(record, root, elf, name, run, script):
    """The serial lines of a boot whose run= list gdb interrupts at
    cmd_check to change memory behind the kernel's back; None (recorded
    as a failure) when QEMU or gdb did not do their part."""
    with tempfile.TemporaryDirectory(prefix="vmsplit-gdb-") as workdir:
        try:
            return qemu_with_gdb(root, elf, workdir, run, script)[0]
        except (RuntimeError, OSError, subprocess.SubprocessError) as e:
            record(name, False, f"QEMU + gdb: {e}")
            return None


def run_text_change(record, root, elf):
    """`check` must notice kernel text that changed since boot."""
    name = "gdb: check notices kernel text changed behind its back"
    serial = serial_after_change(record, root, elf, name, "check; check", TEXT_CHANGE_SCRIPT)
    if serial is None:
        return
    text = "\n".join(serial)
    want = ("MMU check: 0xc0100000 (lowmem): kernel text or rodata changed since boot",
            "and the vector page with boot: CHANGED (above)",
            "MMU check: record, page tables and MMU DISAGREE")
    missing = [w for w in want if w not in text]
    # Both checks ran after the write (the breakpoint was on the first).
    record(name, not missing and text.count("CHANGED (above)") == 2,
           f"missing {missing!r}; serial ends {serial[-6:]!r}")


# The tables changed behind the record's back, at `check`: a section
# descriptor written into user space's first-level slot for 0x10000000
# (nothing is recorded there) and execute-never set on lowmem's section
# at 0xc1000000 (3.4 rules: lowmem is RWX).  The check must name both,
# the MMU's own walk must see the stray section, and the verdict change.
TABLE_CHANGE_SCRIPT = """break cmd_check
continue
set var *((unsigned int *)&swapper_pg_dir + 0x100) = 0x40000c02
set var *((unsigned int *)&swapper_pg_dir + 0xc10) = *((unsigned int *)&swapper_pg_dir + 0xc10) | 0x10
delete 3
continue
kill
"""


def run_table_change(record, root, elf):
    name = "gdb: check notices page tables changed behind the record's back"
    serial = serial_after_change(record, root, elf, name, "check", TABLE_CHANGE_SCRIPT)
    if serial is None:
        return
    want = [re.compile(r"^MMU check: 0x10000000 \(.*\): the tables map a block nothing recorded touches$"),
            re.compile(r"^MMU check: 0x10000000 \(.*\): ATS1CPR translates an address nothing maps$"),
            re.compile(r"^MMU check: 0xc1000000 \(lowmem\): the section's attributes are not its memory type's$"),
            re.compile(r"^MMU check: record, page tables and MMU DISAGREE ")]
    missing = [w.pattern for w in want if not any(w.match(l) for l in serial)]
    # The boot's own check ran before the change, and agreed.
    agreed = any(l.startswith("MMU check: record, page tables and MMU agree") for l in serial)
    record(name, not missing and agreed, f"missing {missing!r}; boot check agreed: {agreed}; "
           f"serial ends {serial[-8:]!r}")


# Before the device tree has named the console every line waits in
# printk's buffer (kernel/printk.c).  A fatal exception then must not take
# them with it: gdb sends the kernel to address 0 at board_identify(),
# before the tree is read, and machine_poweroff's console_rescue() must
# find a PL011 (here QEMU virt's) and print the buffer, the report last.
EARLY_FAULT_SCRIPT = """break board_identify
continue
set var $pc = 0
delete 3
continue
continue
continue
kill
"""


def run_early_fault(record, root, elf):
    name = "gdb: a fault before the console is found still prints the boot so far"
    with tempfile.TemporaryDirectory(prefix="vmsplit-gdb-") as workdir:
        try:
            serial, _ = qemu_with_gdb(root, elf, workdir, "check", EARLY_FAULT_SCRIPT)
        except (RuntimeError, OSError, subprocess.SubprocessError) as e:
            return record(name, False, f"QEMU + gdb: {e}")
    lines = [l for l in serial if l.strip()]
    want_first = ["vmsplit: head.S: MMU off, building the boot page table",
                  "vmsplit: head.S: turning the MMU on"]
    abort = next((l for l in lines if l.startswith("Prefetch abort") and "0x00000000" in l), None)
    record(name, lines[:2] == want_first and abort is not None and
           not any(l.startswith("Machine model:") for l in lines),
           f"serial: {lines[:3]!r} ... {lines[-4:]!r}")


def kernel_v2p(lines, arg):
    """The kernel's `v2p ARG` answer: its address and its table lines."""
    try:
        i = lines.index("vmsplit> v2p " + arg)
    except ValueError:
        return None, []
    m = re.match(r"0x([0-9a-f]{8}): ", lines[i + 1] if i + 1 < len(lines) else "")
    table = []
    for line in lines[i + 2:]:
        if line.startswith("vmsplit> ") or line.startswith("run: "):
            break
        if TABLE_LINE.match(line):
            table.append(line)
    return (int(m.group(1), 16) if m else None), table


def gdb_sections(lines):
    """gdb's output cut at the "@@ tag" markers the script prints."""
    sections, tag = {}, None
    for line in lines:
        if line.startswith("@@ walk"):
            sections[" ".join(line.split()[1:3])] = [line]
        elif line.startswith("@@ error"):
            sections.setdefault(tag, []).append(line)
        elif line.startswith("@@ "):
            tag = line[3:]
            sections[tag] = []
        elif tag:
            sections[tag].append(line)
    return sections


def values(table, lpae=False):
    """The descriptors and PA from the kernel's table lines, in the
    walker's format (values()): L1, L2 (and L3 for the long format)."""
    def find(pattern):
        for line in table:
            m = re.search(pattern, line)
            if m:
                return m.group(1)
        return "None"
    if lpae:
        return "l1=%s l2=%s l3=%s pa=%s" % tuple(
            [find(r"L%d\[0x[0-9a-f]+\] = (0x[0-9a-f]{16})" % n) for n in (1, 2, 3)] +
            [find(r"-> PA (0x[0-9a-f]{8,})")])
    return "l1=%s l2=%s pa=%s" % (find(r"L1\[0x[0-9a-f]+\] = (0x[0-9a-f]{8})"),
                                  find(r"L2\[0x[0-9a-f]+\] = (0x[0-9a-f]{8})"),
                                  find(r"-> PA (0x[0-9a-f]{8,})"))


def first_difference(kernel, gdb):
    for i in range(max(len(kernel), len(gdb))):
        k = kernel[i] if i < len(kernel) else "(no line)"
        g = gdb[i] if i < len(gdb) else "(no line)"
        if k != g:
            return f"line {i + 1}: kernel {k!r}, gdb {g!r}"
    return None


def v2p_problem(i, scenario, va, kernel, sections, lpae=False):
    """Why gdb's answer for one address is not the kernel's, or None."""
    what, arg, expr, mapped = scenario
    if not kernel or va is None:
        return f"the kernel printed no `v2p {arg}`"
    out = sections.get(f"v2p {i}", [])
    errors = [l for l in out if l.startswith("@@ error")]
    if errors:
        return f"vmsplit-v2p {expr}: {errors[0][3:]}"
    m = re.match(r"0x([0-9a-f]{8}): ", out[0] if out else "")
    if not m or int(m.group(1), 16) != va:
        return f"vmsplit-v2p {expr} walked {out[0] if out else 'nothing'!r}, the kernel 0x{va:08x}"
    diff = first_difference(kernel, [l for l in out if TABLE_LINE.match(l)])
    if diff:
        return f"vmsplit-v2p {expr} differs from the kernel's v2p {arg}: {diff}"
    walk = sections.get(f"walk {i}", ["(no output)"])[0]
    if not walk.endswith(values(kernel, lpae)):
        return f"vmsplit_walk({expr}) gave {walk!r}, the kernel {values(kernel, lpae)}"
    if mapped != any("-> PA" in l for l in kernel):
        # Both agree, but the address is no longer what the test means to try.
        return (f"the kernel's v2p {arg} is {'un' if mapped else ''}mapped, "
                f"not a {what} any more: {kernel[-1]!r}")
    return None


def check_v2p(record, i, scenario, serial, sections, lpae=False, tag="gdb"):
    """Record one address; return (va, pa or None) from the kernel if it passed."""
    va, kernel = kernel_v2p(serial, scenario[1])
    why = v2p_problem(i, scenario, va, kernel, sections, lpae)
    record(f"{tag}: v2p {scenario[1]} ({scenario[0]})", why is None, why or "")
    if why:
        return None
    pa = re.search(r"-> PA 0x([0-9a-f]+)", kernel[-1])
    return va, int(pa.group(1), 16) if pa else None


def check_totals(record, serial, runs):
    """ptdump's sections and pages against the totals of the kernel's
    `check` (mm/mmucheck.c counts from the same tables)."""
    name = "gdb: ptdump totals equal the kernel's check"
    # The last one: boot prints one too, before `vmalloc 64K`.
    line = next((l for l in reversed(serial) if l.startswith("MMU check: ") and "sections:" in l), None)
    if line is None:
        return record(name, False, "the kernel printed no `MMU check:` line for `check`")
    kernel = {k: int(v) for k, v in re.findall(r"(supersections|sections|small pages): (\d+)", line)}
    size = {}
    for start, end, kind, _ in runs:
        size[kind] = size.get(kind, 0) + end + 1 - start
    mine = {"supersections": size.get("supersection", 0) >> 24,
            "sections": size.get("section", 0) >> 20,
            "small pages": (size.get("small pages", 0) + size.get("large pages", 0)) >> 12}
    diff = [f"{k}: kernel {kernel.get(k)}, ptdump {mine[k]}" for k in mine if kernel.get(k) != mine[k]]
    record(name, not diff, "; ".join(diff) + f" (kernel: {line!r})")


def check_mappings(record, serial, runs):
    """ptdump against the mapping list of the kernel's `check`: each
    mapping's first page at its PA, and a new run wherever the type
    changes (RX text to RO rodata ...), so attributes are not merged away."""
    name = "gdb: ptdump agrees with the kernel's mapping list"
    maps = [(int(m.group(1), 16), int(m.group(2), 16), int(m.group(3), 16), m.group(4))
            for m in (re.match(r"  0x([0-9a-f]{8})-0x([0-9a-f]{8}) -> 0x([0-9a-f]+) +\d+ kB  "
                               r"(memory \S+|\S+)", l) for l in serial) if m]
    if not maps:
        return record(name, False, "the kernel's `check` listed no mappings")
    starts = {r[0] for r in runs}
    bad = []
    for i, (start, end, pa, kind) in enumerate(maps):
        r = next((r for r in runs if r[0] <= start <= r[1]), None)
        if r is None or r[2] == "unmapped" or (r[3] is not None and r[3] + start - r[0] != pa):
            bad.append(f"0x{start:08x} -> 0x{pa:08x} ({kind}), ptdump has {show(r)}")
        if i and maps[i - 1][1] + 1 == start and maps[i - 1][3] != kind and start not in starts:
            bad.append(f"no run starts at 0x{start:08x}, where {maps[i - 1][3]} becomes {kind}")
    record(name, not bad, "; ".join(bad[:2]))


def show(run):
    if run is None:
        return "no run"
    start, end, kind, pa = run
    return f"0x{start:08x}-0x{end:08x} {kind}" + ("" if pa is None else f" PA 0x{pa:08x}")


def check_ptdump(record, serial, sections, answers):
    out = sections.get("ptdump", [])
    runs = []
    for line in out:
        m = RUN_LINE.match(line)
        if m:
            runs.append((int(m.group(1), 16), int(m.group(2), 16), m.group(3),
                         int(m.group(4), 16) if m.group(4) else None))
    name = "gdb: ptdump covers 4 GB in order"
    expect = 0
    for start, end, kind, pa in runs:
        if start != expect:
            break
        expect = end + 1
    errors = [l for l in out if l.startswith("@@ error")]
    record(name, bool(not errors and runs and expect == 1 << 32),
           errors[0][3:] if errors else f"runs stop or skip at 0x{expect:08x} "
           f"({len(runs)} runs; first line {out[1] if len(out) > 1 else out!r})")

    def covering(va):
        return next((r for r in runs if r[0] <= va <= r[1]), None)

    r = covering(0xc0000000)
    record("gdb: ptdump maps 0xc0000000 to PA 0x40000000",
           r is not None and r[3] is not None and r[3] + 0xc0000000 - r[0] == 0x40000000,
           f"the run covering 0xc0000000: {show(r)}")

    bad = []
    for va, pa in answers:
        r = covering(va)
        if r is None or (pa is None) != (r[2] == "unmapped") or \
                (pa is not None and r[3] is not None and r[3] + va - r[0] != pa):
            bad.append(f"0x{va:08x} -> {'unmapped' if pa is None else hex(pa)} but ptdump has {show(r)}")
    record("gdb: ptdump agrees with every v2p", not bad, "; ".join(bad[:1]))
    check_totals(record, serial, runs)
    check_mappings(record, serial, runs)


def run(record, root):
    if shutil.which(GDB) is None:
        return record("gdb: page-table walker", False,
                      "gdb-multiarch not installed (tools/deps.sh test installs it)")
    run_short(record, root)
    run_long(record, root)
    run_secure_board(record, root)


def run_secure_board(record, root):
    """vexpress-a15 boots the raw image in Secure SVC: the kernel's MMU is the
    Secure world's (TTBR0_S, SCTLR_S), and the walker must read those."""
    sys.path.insert(0, os.path.join(root, "tools"))
    import boards
    elf = os.path.join(root, "build", "3G", "vmsplit.elf")
    image = os.path.join(root, "build", "3G", "vmsplit.bin")
    machine = [os.path.join(root, a) if a.startswith("build/") else a for a in boards.qemu_args("vexpress-a15")]
    script = "continue\nvmsplit-v2p $DFAR_S\nkill\n"
    name = "gdb: vexpress-a15 (Secure): vmsplit-v2p walks the Secure world's tables to the text page"
    with tempfile.TemporaryDirectory(prefix="vmsplit-gdb-") as workdir:
        try:
            _, out = qemu_with_gdb(root, elf, workdir, "crash write 0xc0100000", script, machine, image)
        except RuntimeError as e:
            return record(name, False, str(e))
    # The table the MMU uses (TTBR0_S), not the fallback to swapper_pg_dir
    # gdb takes when the TTBR it reads is 0.
    l1 = re.compile(r"^0xc0100000: L1 table at PA 0x8[0-9a-f]{7} \(TTBR0\), physical reads$")
    got = [l for l in out if l1.match(l) or l == "          -> PA 0x80100000"]
    record(name, len(got) == 2, "gdb printed:\n" + "\n".join(out[-8:]))


def run_short(record, root):
    elf = os.path.join(root, "build", "3G", "vmsplit.elf")
    if not os.path.exists(elf):
        return record("gdb: page-table walker", False, f"{elf} missing: make kernel first")
    with tempfile.TemporaryDirectory(prefix="vmsplit-gdb-") as workdir:
        try:
            serial, gdb_out = run_qemu_and_gdb(root, elf, workdir)
        except (RuntimeError, OSError, subprocess.SubprocessError) as e:
            return record("gdb: page-table walker", False, f"QEMU + gdb: {e}")
    sections = gdb_sections(gdb_out)
    if "end" not in sections:
        tail = [l for l in gdb_out if l.strip()][-3:]
        return record("gdb: page-table walker", False,
                      f"gdb's script did not finish: {' / '.join(tail)}")
    answers = [check_v2p(record, i, scenario, serial, sections)
               for i, scenario in enumerate(SCENARIOS)]
    answers = [a for a in answers if a]
    check_ptdump(record, serial, sections, answers)
    run_text_change(record, root, elf)
    run_table_change(record, root, elf)
    run_early_fault(record, root, elf)


def check_long_walk(record, tag, gdb_out):
    """The long walk starts where the MMU does: TTBR1 at level 2 for the
    top gigabyte under VMSPLIT_3G (T1SZ=2), TTBR0 at level 1 below."""
    heads = {}
    for line in gdb_out:
        m = re.match(r"(0x[0-9a-f]{8}): (TTBR\d) at PA 0x[0-9a-f]+ \(T\dSZ=(\d): the walk starts at level (\d)\)",
                     line)
        if m:
            heads[m.group(1)] = (m.group(2), m.group(3), m.group(4))
    want = {"0xc0000000": ("TTBR1", "2", "2"), "0xffff0000": ("TTBR1", "2", "2"),
            "0x00001000": ("TTBR0", "0", "1")}
    bad = [f"{va}: {heads.get(va)}, want {w}" for va, w in want.items() if heads.get(va) != w]
    record(f"{tag}: walks from TTBR0/TTBR1 as TTBCR.T0SZ/T1SZ select", not bad, "; ".join(bad))


def run_long(record, root):
    """The same addresses on the long-descriptor (LPAE) kernel: v2p only
    (the gdb ptdump walks the short format alone so far)."""
    tag = "gdb 3G-lpae"
    elf = os.path.join(root, "build", "3G-lpae", "vmsplit.elf")
    if not os.path.exists(elf):
        return record(f"{tag}: page-table walker", False, f"{elf} missing: make kernel-3G-lpae first")
    with tempfile.TemporaryDirectory(prefix="vmsplit-gdb-") as workdir:
        try:
            serial, gdb_out = run_qemu_and_gdb(root, elf, workdir, ptdump=False)
        except (RuntimeError, OSError, subprocess.SubprocessError) as e:
            return record(f"{tag}: page-table walker", False, f"QEMU + gdb: {e}")
    sections = gdb_sections(gdb_out)
    if "end" not in sections:
        tail = [l for l in gdb_out if l.strip()][-3:]
        return record(f"{tag}: page-table walker", False,
                      f"gdb's script did not finish: {' / '.join(tail)}")
    for i, scenario in enumerate(SCENARIOS):
        check_v2p(record, i, scenario, serial, sections, lpae=True, tag=tag)
    check_long_walk(record, tag, gdb_out)


if __name__ == "__main__":
    import standalone
    sys.exit(standalone.main(run))
