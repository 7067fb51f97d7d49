#!/usr/bin/env python3
"""Malformed device trees through real QEMU boots (issue 7).

Every case is a blob made here from QEMU's own tree for -m 1G (dumped into
build/dtb/ at the start) and a file tests/dtb/NAME.expect.  Two ways in:

  boot: dtb   QEMU accepts the blob with -dtb (it checks only the header
              and rewrites /memory, /chosen and /psci), so the hostile part
              is in the content: holes, a PL011's reg, #address-cells...
  boot: gdb   QEMU refuses the blob with -dtb, or would repair what is
              wrong with it.  So first QEMU must refuse it cleanly (the
              expected exit status and message, no hang), then the kernel
              gets it anyway, as from a broken bootloader: QEMU starts
              halted (-S) with its gdbstub on a unix socket, gdb-multiarch
              writes the blob (zero-padded to 64 KB, over all of QEMU's
              own tree) at 0x40000000, where the kernel reads it, and
              detaches, which lets the CPU run.

Either way the console is on pipes; at the first prompt the test types
`check`, at the next `poweroff`.  The kernel's output from its first line
through "Kernel command line:" must be the expected file's body line by
line (its placeholders are run_tests.py's: {hex}, {num}, {any}); after
that the MMU check at boot and `check` must agree, `poweroff` must end
QEMU with status 0, and no line may say the kernel stopped.  A fallback
loses /chosen's command line, hence the typed commands.

Then the generated cases (HOSTILE, "gen-*": each property of the memory,
GIC, UART, timer and PSCI nodes broken in turn) and the hostile command
lines (HOSTILE_LINES) name the lines that must appear in order instead of
an expected file; they type `interrupts` too, and for a -dtb case or a
command line the host tool's lines must be in the boot log.

    run(record, root)           record(name, ok, message) per result
    python3 tests/dtb_test.py [--actual] [NAME...]
                                alone; --actual writes build/dtb/NAME.actual
"""
import concurrent.futures
import copy
import glob
import os
import re
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_tests import pattern, with_placeholders  # noqa: E402  the .expect syntax

QEMU = "qemu-system-arm"
GDB = "gdb-multiarch"
TIMEOUT = 15                 # seconds per QEMU run; a session takes about one
PROMPT = b"vmsplit> "
PAD = 64 * 1024              # QEMU's own tree ends well before this
BAD_MARKERS = ("Unexpected", "vmsplit: halting", "; stopping", "the MMU check failed")

# ------------------------------------------------------------- FDT bytes

FDT_MAGIC = 0xd00dfeed
BEGIN_NODE, END_NODE, PROP, NOP, END = 1, 2, 3, 4, 9
HDR = dict(magic=0, totalsize=4, off_dt_struct=8, off_dt_strings=12, off_mem_rsvmap=16,
           version=20, last_comp_version=24, size_dt_strings=32, size_dt_struct=36)


class Node:
    def __init__(self, name, props=None, children=None):
        self.name, self.props, self.children = name, props or [], children or []

    def child(self, name):
        return next(c for c in self.children if c.name == name)

    def prop(self, name):
        return next((v for n, v in self.props if n == name), None)

    def set(self, name, value):
        """Replace (or add) a property; a str gets its NUL."""
        if isinstance(value, str):
            value = value.encode() + b"\0"
        self.props = [(n, v) for n, v in self.props if n != name] + [(name, value)]
        return self


def cells(*v):
    return struct.pack(f">{len(v)}I", *v)


def header(blob, field):
    return struct.unpack_from(">I", blob, HDR[field])[0]


def parse(blob):
    """A well-formed blob (QEMU's own) as a tree of Nodes."""
    st = blob[header(blob, "off_dt_struct"):][:header(blob, "size_dt_struct")]
    strs = blob[header(blob, "off_dt_strings"):][:header(blob, "size_dt_strings")]
    stack, off = [], 0
    while True:
        tag, = struct.unpack_from(">I", st, off)
        off += 4
        if tag == BEGIN_NODE:
            end = st.index(b"\0", off)
            node = Node(st[off:end].decode())
            off = (end + 4) & ~3
            if stack:
                stack[-1].children.append(node)
            else:
                root = node
            stack.append(node)
        elif tag == PROP:
            length, nameoff = struct.unpack_from(">II", st, off)
            name = strs[nameoff:strs.index(b"\0", nameoff)].decode()
            stack[-1].props.append((name, st[off + 8:off + 8 + length]))
            off = (off + 8 + length + 3) & ~3
        elif tag == END_NODE:
            stack.pop()
        elif tag == END:
            return root


def build(root):
    """header | memory reservation map (root.rsv: (address, size) pairs) |
    struct | strings, version 17."""
    strs, names, st = bytearray(), {}, bytearray()

    def nameoff(n):
        if n not in names:
            names[n] = len(strs)
            strs.extend(n.encode() + b"\0")
        return names[n]

    def emit(node):
        st.extend(struct.pack(">I", BEGIN_NODE) + node.name.encode() + b"\0")
        st.extend(b"\0" * (-len(st) % 4))
        for n, v in node.props:
            st.extend(struct.pack(">III", PROP, len(v), nameoff(n)) + v)
            st.extend(b"\0" * (-len(st) % 4))
        for c in node.children:
            emit(c)
        st.extend(struct.pack(">I", END_NODE))

    emit(root)
    st.extend(struct.pack(">I", END))
    rsv = b"".join(struct.pack(">QQ", a, n) for a, n in getattr(root, "rsv", [])) + bytes(16)
    off_st = 40 + len(rsv)
    off_str = off_st + len(st)
    return struct.pack(">10I", FDT_MAGIC, off_str + len(strs), off_st, off_str, 40, 17, 16, 0,
                       len(strs), len(st)) + rsv + bytes(st) + bytes(strs)


# ------------------------------------------------------------------ cases

MARK = b"\xab\xcd\xef\x01"   # the value of a property the struct patches find


def tree(mutate):
    """A case: QEMU's tree, changed by mutate(root)."""
    def make(base):
        root = copy.deepcopy(base)
        mutate(root)
        return build(root)
    return make


def fields(**values):
    """A case: QEMU's tree with header fields overwritten; a value may be a
    function of the blob."""
    def make(base):
        blob = bytearray(build(base))
        for field, v in values.items():
            struct.pack_into(">I", blob, HDR[field], v(blob) if callable(v) else v)
        return bytes(blob)
    return make


def marked(word, value):
    """A case: /chosen gets a property holding MARK; then the 32-bit word
    `word` of its FDT_PROP token (0 the token, 1 the length, 2 the name
    offset) becomes `value`."""
    def make(base):
        root = copy.deepcopy(base)
        root.child("chosen").props.append(("vmsplit,mark", MARK))
        blob = bytearray(build(root))
        token = blob.index(MARK) - 12
        assert header(blob, "off_dt_struct") <= token and blob[token:token + 4] == cells(PROP)
        struct.pack_into(">I", blob, token + 4 * word, value)
        return bytes(blob)
    return make


def last_struct_word(value):
    """A case: the struct block's last word (FDT_END) becomes `value`."""
    def make(base):
        blob = bytearray(build(base))
        end = header(blob, "off_dt_struct") + header(blob, "size_dt_struct") - 4
        assert blob[end:end + 4] == cells(END)
        struct.pack_into(">I", blob, end, value)
        return bytes(blob)
    return make


def hole(*pairs):
    return tree(lambda r: r.children.append(Node("qcom,msm-mem-hole", [
        ("compatible", b"qcom,msm-mem-hole\0"), ("qcom,memblock-remove", cells(*pairs))])))


def uart_reg(*reg):
    return tree(lambda r: r.child("pl011@9000000").set("reg", cells(*reg)))


def without(name):
    def mutate(r):
        r.children = [c for c in r.children if c.name != name]
    return tree(mutate)


def behind_bus(address_cells, size_cells):
    """The PL011 moved under a 1:1 bus with these cells."""
    def mutate(r):
        uart = r.child("pl011@9000000")
        r.children.remove(uart)
        r.children.append(Node("bus@0", [("#address-cells", cells(address_cells)),
                                         ("#size-cells", cells(size_cells)), ("ranges", b"")], [uart]))
    return tree(mutate)


def nested(depth):
    """A chain of nodes reaching `depth` (the root is depth 0)."""
    def mutate(r):
        node = r
        for i in range(depth):
            node.children.append(Node(f"n{i + 1}"))
            node = node.children[-1]
    return tree(mutate)


def interrupt_parent_cycle(r):
    # Two interrupt controllers naming each other, the root pointing into
    # the loop, and the UART's parent a phandle nothing has.
    r.children.append(Node("intc-a", [("phandle", cells(0x9001)), ("interrupt-parent", cells(0x9002)),
                                      ("interrupt-controller", b""), ("#interrupt-cells", cells(3))]))
    r.children.append(Node("intc-b", [("phandle", cells(0x9002)), ("interrupt-parent", cells(0x9001)),
                                      ("interrupt-controller", b""), ("#interrupt-cells", cells(3))]))
    r.set("interrupt-parent", cells(0x9001))
    r.child("pl011@9000000").set("interrupt-parent", cells(0xdead))


def root_cells(address_cells):
    return tree(lambda r: r.set("#address-cells", cells(address_cells)))


CASES = {
    # hostile content QEMU passes through with -dtb
    "hole-larger-than-ram": hole(0x40000000, 0x80000000),
    "hole-past-4g": hole(0xf0000000, 0x20000000),
    "hole-wraps-32-bit": hole(0x40000000, 0xffffffff),
    "hole-empty": hole(0x50000000, 0),
    "hole-leaves-2m": hole(0x40200000, 0x3fe00000),
    "hole-unaligned": hole(0x50000800, 0x1000),
    "uart-zero-length": uart_reg(0, 0x09000000, 0, 0),
    "uart-in-ram": uart_reg(0, 0x40000000, 0, 0x1000),
    "uart-past-4g": uart_reg(1, 0x09000000, 0, 0x1000),
    "uart-unaligned": uart_reg(0, 0x09000004, 0, 0x1000),
    "uart-nothing-there": uart_reg(0, 0x0b000000, 0, 0x1000),
    "uart-not-a-pl011": uart_reg(0, 0x09010000, 0, 0x1000),
    "uart-missing": without("pl011@9000000"),
    "bus-address-cells-3": behind_bus(3, 1),
    "bus-size-cells-0": behind_bus(1, 0),
    "interrupt-parent-cycle": tree(interrupt_parent_cycle),
    "nested-32": nested(32),
    "nested-33": nested(33),
    "rsvmap-overlaps-struct": fields(off_mem_rsvmap=lambda b: header(b, "off_dt_struct")),
    "no-fdt-end": last_struct_word(NOP),
    "name-offset-past-strings": marked(2, 0x7fff0000),
    # blobs QEMU refuses (or repairs) with -dtb: restored over its own
    "bad-magic": fields(magic=0xdeadbeef),
    "truncated": lambda base: build(base)[:len(build(base)) // 2],    # zeros after it in RAM
    "totalsize-huge": fields(totalsize=0xfffffff0),
    "totalsize-past-kernel": fields(totalsize=0x200000),
    "totalsize-below-header": fields(totalsize=16),
    "struct-past-end": fields(off_dt_struct=lambda b: header(b, "totalsize") + 0x100),
    "struct-misaligned": fields(off_dt_struct=lambda b: header(b, "off_dt_struct") + 2),
    "strings-overlap-struct": fields(off_dt_strings=lambda b: header(b, "off_dt_struct")),
    "struct-size-0": fields(size_dt_struct=0),
    "last-comp-version-18": fields(last_comp_version=18),
    "garbage-token": marked(0, 0xdeadbeef),
    "property-length-huge": marked(1, 0xfffffff0),
    "root-address-cells-0": root_cells(0),
    "root-address-cells-3": root_cells(3),
    "no-memory-node": without("memory@40000000"),
    "memory-reg-not-pairs": tree(lambda r: r.child("memory@40000000").set("reg", cells(0, 0x40000000, 0))),
    # virt has no EL3: an smc is an undefined instruction, poweroff must
    # fall back to hvc instead of stopping on it
    "psci-smc": tree(lambda r: r.child("psci").set("method", b"smc\0")),
}

# ------------------------------------------------ generated hostile trees
#
# Each property vmsplit reads of the memory, GIC, UART, timer and PSCI
# nodes, broken in turn: missing, empty, the wrong length, zero, huge,
# pointing at RAM or at another device.  No expected file: each case names
# the lines that must appear in order in the boot log (the fault, then the
# fallback; run_tests.py's placeholders allowed), and the session types
# `interrupts` (its "tick:" line says whether the tick works), `check`
# and `poweroff`, with the same checks as the cases above.


def change(node, prop, value):
    """A tree change: node's property set to value (bytes; None deletes)."""
    def mutate(r):
        n = r
        for part in node.strip("/").split("/"):
            n = n.child(part) if part else n
        if value is None:
            n.props = [(k, v) for k, v in n.props if k != prop]
        else:
            n.set(prop, value)
    return tree(mutate)


def reserve(*pairs):
    def mutate(r):
        r.rsv = list(pairs)
    return tree(mutate)


MEM, GIC, UART, TIMER = "memory@40000000", "intc@8000000", "pl011@9000000", "timer"
TICK, NO_TICK = "tick: working", "tick: none"
NO_GIC = "GIC: the device tree's is not usable (above); console input is polled and there is no tick"
NO_MEM = ["DT: no usable memory range", "vmsplit: the device tree has no usable memory; assuming 128 MB",
          "DT: memory 0x40000000-0x47ffffff (128 MB)"]
QEMU_REWRITES_MEMORY = "accepts and rewrites /memory@40000000 device_type, /memory@40000000 reg"


def gic_bad(name, why, *reg):
    """The GIC's reg broken: refused with `why`, no interrupts, no tick."""
    return (change(GIC, "reg", cells(*reg) if reg else None), "dtb", [why, NO_GIC, NO_TICK])


def timer_bad(value, why):
    return (change(TIMER, "interrupts", value), "dtb",
            [why, "GIC: v2, 288 interrupt IDs; distributor at 0x08000000, CPU interface at 0x08010000",
             "arch_timer: no timer interrupt; no tick (uptime still reads CNTVCT)",
             "Console: input on IRQ 33 (PL011 receive and receive-timeout)", NO_TICK])


def mem_bad(value, *lines):
    # QEMU rewrites /memory with -dtb: these go in behind its back.
    return (change(MEM, "reg", value), "gdb", list(lines))


HOSTILE = {
    # memory: reg (in the root's 2 + 2 cells) and device_type
    "gen-memory-reg-missing": mem_bad(None, "DT: memory@40000000: reg missing or not (base, size) pairs, skipped",
                                      *NO_MEM),
    "gen-memory-reg-empty": mem_bad(b"", "DT: memory@40000000: reg missing or not (base, size) pairs, skipped",
                                    *NO_MEM),
    "gen-memory-reg-short": mem_bad(cells(0, 0x40000000, 0), "DT: memory@40000000: reg missing or not (base, "
                                    "size) pairs, skipped", *NO_MEM),
    "gen-memory-reg-zero": mem_bad(cells(0, 0, 0, 0), "DT: memory@40000000: skipping empty memory range at "
                                   "0x00000000", *NO_MEM),
    "gen-memory-reg-wraps": mem_bad(cells(0, 0x40000000, 0xffffffff, 0xffffffff),
                                    "DT: memory@40000000: memory range 0x40000000 size 0xffffffffffffffff wraps "
                                    "around, skipped", *NO_MEM),
    "gen-memory-reg-huge": mem_bad(cells(0, 0x40000000, 1, 0),
                                   "DT: memory 0x40000000-0x13fffffff: nothing answers at 0x80000000; RAM ends there",
                                   "DT: memory 0x40000000-0x7fffffff (1024 MB)", TICK),
    # The probe halves its way to where RAM ends: a bank that starts
    # below the end, off a megabyte boundary, is cut at the first
    # megabyte that does not answer.
    "gen-memory-bank-straddles-end": mem_bad(cells(0, 0x40000000, 0, 0x3fe00000, 0, 0x7ff80000, 0, 0x30000000),
                                             "DT: memory 0x7ff80000-0xaff7ffff: nothing answers at 0x80000000; "
                                             "RAM ends there",
                                             "DT: memory 0x40000000-0x7fdfffff (1022 MB)",
                                             "DT: memory 0x7ff80000-0x7fffffff (0 MB)", TICK),
    "gen-memory-reg-at-uart": mem_bad(cells(0, 0x09000000, 0, 0x1000),
                                      "DT: memory 0x09000000-0x09000fff (0 MB)",
                                      "Ignoring memory block 0x09000000 - 0x09001000",
                                      "vmsplit: the firmware's banks leave no RAM; using QEMU virt's default 128 MB "
                                      "at 0x40000000 instead", "Memory: 128MB = 128MB total", TICK),
    "gen-memory-reg-below-ram": mem_bad(cells(0, 0x30000000, 0, 0x40000000),
                                        "DT: memory 0x30000000-0x6fffffff (1024 MB)",
                                        "Ignoring memory range 0x30000000 - 0x40000000",
                                        "Truncating RAM at 40000000-6fffffff to -6f7fffff (vmalloc region overlap).",
                                        TICK),
    "gen-memory-reg-below-ram-highmem": (
        lambda base: tree(lambda r: (r.child(MEM).set("reg", cells(0, 0x30000000, 0, 0x40000000)),
                                     r.child("chosen").set("bootargs", "highmem=on")))(base), "gdb",
        ["DT: memory 0x30000000-0x6fffffff (1024 MB)", "Ignoring memory range 0x30000000 - 0x40000000",
         "Rules: Linux 3.3-3.4 (rules=3.4), highmem on, VMSPLIT_3G", "Memory: 768MB = 768MB total",
         "Memory: {num}k/{num}k available, {num}k reserved, 8192K highmem", TICK]),
    "gen-memory-reg-no-ram": mem_bad(cells(0, 0x90000000, 0, 0x10000000),
                                     "DT: memory 0x90000000-0x9fffffff: nothing answers at 0x90000000; not RAM, "
                                     "dropped", *NO_MEM[1:]),
    "gen-memory-second-no-ram": mem_bad(cells(0, 0x40000000, 0, 0x40000000, 0, 0x90000000, 0, 0x10000000),
                                        "DT: memory 0x90000000-0x9fffffff: nothing answers at 0x90000000; not "
                                        "RAM, dropped", "DT: memory 0x40000000-0x7fffffff (1024 MB)", TICK),
    "gen-memory-leaves-out-kernel": mem_bad(cells(0, 0x48000000, 0, 0x10000000),
                                            "DT: memory 0x48000000-0x57ffffff (256 MB)",
                                            "vmsplit: the firmware's banks leave out 0x40000000-0x401fffff, where "
                                            "the device tree and the kernel live; using QEMU virt's default 128 MB "
                                            "at 0x40000000 instead", "Memory: 128MB = 128MB total"),
    "gen-memory-device-type-missing": (change(MEM, "device_type", None), "gdb", ["DT: no memory node"] + NO_MEM[1:]),
    "gen-memory-device-type-empty": (change(MEM, "device_type", b""), "gdb", ["DT: no memory node"] + NO_MEM[1:]),
    "gen-memreserve-most-of-ram": (reserve((0x40200000, 0x3fe00000)), "dtb",
                                   ["vmsplit: the firmware's /memreserve/ entries leave no room for mem_map (3040 kB "
                                    "of lowmem in one piece for 194560 frames; the largest free piece is 64 kB); "
                                    "ignoring them", "Memory: 760MB = 760MB total", TICK]),
    "gen-memreserve-first-2m": (reserve((0x40000000, 0x200000)), "dtb",
                                ["vmsplit: /memreserve/ 0x40000000 (+0x00200000) covers 0x40000000-0x401fffff, where "
                                 "the device tree and the kernel are; that part is not reserved", TICK]),
    "gen-memreserve-everything": (reserve((0, 0xffffffffffffffff)), "dtb",
                                  ["vmsplit: /memreserve/ 0x00000000 (+0xffffffffffffffff) runs past 4 GB; cut there",
                                   "vmsplit: /memreserve/ 0x00000000 (+0xffffffffffffffff) covers 0x40000000-"
                                   "0x401fffff, where the device tree and the kernel are; that part is not reserved",
                                   "vmsplit: the firmware's /memreserve/ entries leave no room for mem_map {any}; "
                                   "ignoring them", TICK]),
    "gen-memreserve-some": (reserve((0x50000000, 0x100000)), "dtb",
                            ["Memory: 760MB = 760MB total", "Memory: {num}k/{num}k available, {num}k reserved, "
                             "0K highmem", TICK]),
    # GIC: reg (distributor, then CPU interface), compatible
    "gen-gic-reg-missing": (change(GIC, "reg", None), "dtb",
                            ["DT: intc@8000000: no reg entry 0", "DT: no GIC (arm,cortex-a15-gic)",
                             "GIC: none in the device tree; console input is polled and there is no tick", NO_TICK]),
    "gen-gic-reg-empty": (change(GIC, "reg", b""), "dtb",
                          ["DT: intc@8000000: no reg entry 0", "DT: no GIC (arm,cortex-a15-gic)", NO_TICK]),
    "gen-gic-reg-one-entry": (change(GIC, "reg", cells(0, 0x08000000, 0, 0x10000)), "dtb",
                              ["DT: intc@8000000: no reg entry 1", "DT: no GIC (arm,cortex-a15-gic)", NO_TICK]),
    "gen-gic-reg-zero": gic_bad("zero", "DT: intc@8000000: GIC distributor 0x00000000 (+0x00000000) is not a whole, "
                                "aligned 4 kB register page; no interrupts", 0, 0, 0, 0, 0, 0, 0, 0),
    "gen-gic-reg-huge": gic_bad("huge", "DT: intc@8000000: GIC distributor 0x08000000 (+0xffffffff00000000) is past "
                                "4 GB; no interrupts", 0, 0x08000000, 0xffffffff, 0, 0, 0x08010000, 0, 0x10000),
    "gen-gic-reg-past-4g": gic_bad("past", "DT: intc@8000000: GIC CPU interface 0x108010000 (+0x00010000) is past "
                                   "4 GB; no interrupts", 0, 0x08000000, 0, 0x10000, 1, 0x08010000, 0, 0x10000),
    "gen-gic-reg-in-ram": gic_bad("ram", "DT: intc@8000000: GIC distributor 0x40000000 (+0x00010000) overlaps RAM; "
                                  "no interrupts", 0, 0x40000000, 0, 0x10000, 0, 0x08010000, 0, 0x10000),
    "gen-gic-reg-at-uart": gic_bad("uart", "DT: intc@8000000: GIC distributor 0x09000000 (+0x00010000) overlaps the "
                                   "console UART; no interrupts", 0, 0x09000000, 0, 0x10000, 0, 0x08010000, 0, 0x10000),
    "gen-gic-cpu-at-uart": gic_bad("uart", "DT: intc@8000000: GIC CPU interface 0x09000000 (+0x00001000) overlaps the "
                                   "console UART; no interrupts", 0, 0x08000000, 0, 0x10000, 0, 0x09000000, 0, 0x1000),
    "gen-gic-dist-is-cpu": gic_bad("same", "DT: intc@8000000: GIC distributor 0x08000000 (+0x00010000) overlaps the "
                                   "other half of the GIC; no interrupts",
                                   0, 0x08000000, 0, 0x10000, 0, 0x08000000, 0, 0x10000),
    "gen-gic-unaligned": gic_bad("odd", "DT: intc@8000000: GIC distributor 0x08000004 (+0x00010000) is not a whole, "
                                 "aligned 4 kB register page; no interrupts",
                                 0, 0x08000004, 0, 0x10000, 0, 0x08010000, 0, 0x10000),
    "gen-gic-nothing-answers": (change(GIC, "reg", cells(0, 0x0c000000, 0, 0x10000, 0, 0x0c010000, 0, 0x10000)),
                                "dtb", ["GIC: nothing answers at the distributor, 0x0c000000 (external abort); "
                                        "console input is polled and there is no tick", NO_TICK]),
    "gen-gic-at-rtc": (change(GIC, "reg", cells(0, 0x09010000, 0, 0x1000, 0, 0x08010000, 0, 0x10000)), "dtb",
                       ["GIC: 0x09010000 is not a GICv2 distributor (GICD_PIDR2 0x{hex}); console input is polled "
                        "and there is no tick", NO_TICK]),
    "gen-gic-compatible-missing": (change(GIC, "compatible", None), "dtb",
                                   ["DT: no GIC (arm,cortex-a15-gic)", NO_TICK]),
    # UART: interrupts and compatible (its reg: the uart-* cases above)
    "gen-uart-interrupts-missing": (change(UART, "interrupts", None), "dtb",
                                    ["Console: no receive interrupt; input is polled", TICK]),
    "gen-uart-interrupts-empty": (change(UART, "interrupts", b""), "dtb",
                                  ["Console: no receive interrupt; input is polled", TICK]),
    "gen-uart-interrupts-short": (change(UART, "interrupts", cells(0, 1)), "dtb",
                                  ["Console: no receive interrupt; input is polled", TICK]),
    "gen-uart-interrupts-huge": (change(UART, "interrupts", cells(0, 900, 4)), "dtb",
                                 ["irq: pl011 (console input): interrupt 932 does not exist",
                                  "Console: no receive interrupt; input is polled", TICK]),
    "gen-uart-interrupts-timer-ppi": (change(UART, "interrupts", cells(1, 11, 4)), "dtb",
                                      ["DT: pl011@9000000: interrupt 27 is a private one, not a PL011's SPI; console "
                                       "input is polled", "Console: no receive interrupt; input is polled", TICK]),
    "gen-uart-compatible-missing": (change(UART, "compatible", None), "dtb",
                                    ["DT: no PL011 UART", "vmsplit: no PL011 in the device tree; keeping the early "
                                     "UART at 0x09000000", TICK]),
    # timer: interrupts (the virtual timer is the third), compatible
    "gen-timer-missing": (without(TIMER), "dtb",
                          ["DT: no arm,armv7-timer node; no tick",
                           "arch_timer: no timer interrupt; no tick (uptime still reads CNTVCT)", NO_TICK]),
    "gen-timer-compatible-missing": (change(TIMER, "compatible", None), "dtb",
                                     ["DT: no arm,armv7-timer node; no tick", NO_TICK]),
    "gen-timer-interrupts-missing": timer_bad(None, "DT: timer: interrupts has 0 bytes, not the virtual timer's third "
                                              "<type number flags>; no tick"),
    "gen-timer-interrupts-empty": timer_bad(b"", "DT: timer: interrupts has 0 bytes, not the virtual timer's third "
                                            "<type number flags>; no tick"),
    "gen-timer-interrupts-short": timer_bad(cells(1, 13, 0x104, 1, 14, 0x104), "DT: timer: interrupts has 24 bytes, "
                                            "not the virtual timer's third <type number flags>; no tick"),
    "gen-timer-interrupts-zero": timer_bad(bytes(48), "DT: timer: virtual timer interrupt <0 0> is not a PPI (type 1, "
                                           "number 0-15); no tick"),
    "gen-timer-interrupts-huge": timer_bad(cells(1, 13, 0x104, 1, 14, 0x104, 1, 0xffffffff, 0x104, 1, 10, 0x104),
                                           "DT: timer: virtual timer interrupt <1 4294967295> is not a PPI (type 1, "
                                           "number 0-15); no tick"),
    "gen-timer-interrupts-uart": timer_bad(cells(1, 13, 0x104, 1, 14, 0x104, 0, 1, 4, 1, 10, 0x104),
                                           "DT: timer: virtual timer interrupt <0 1> is not a PPI (type 1, number "
                                           "0-15): it is the UART's; no tick"),
    # a PPI the timer is not wired to: requested, never ticks; tick_works() says so
    "gen-timer-interrupts-wrong-ppi": (change(TIMER, "interrupts", cells(1, 13, 0x104, 1, 14, 0x104, 1, 5, 0x104,
                                                                         1, 10, 0x104)), "dtb",
                                       ["arch_timer: virtual timer running at 62.50MHz, 100 Hz tick on IRQ 21",
                                        "vmsplit> interrupts", "arch_timer: no tick came in 20 periods on IRQ 21; "
                                        "there is no tick", NO_TICK]),
    # PSCI: QEMU rewrites /psci with -dtb; method missing, empty, unknown, node gone
    "gen-psci-method-missing": (change("psci", "method", None), "gdb",
                                ["DT: /psci method is not \"hvc\" or \"smc\"",
                                 "DT: console PL011 at 0x09000000, PSCI via hvc (assumed)", TICK]),
    "gen-psci-method-empty": (change("psci", "method", b""), "gdb",
                              ["DT: /psci method is not \"hvc\" or \"smc\"",
                               "DT: console PL011 at 0x09000000, PSCI via hvc (assumed)", TICK]),
    "gen-psci-method-unknown": (change("psci", "method", b"svc\0"), "gdb",
                                ["DT: /psci method is not \"hvc\" or \"smc\"",
                                 "DT: console PL011 at 0x09000000, PSCI via hvc (assumed)", TICK]),
    "gen-psci-missing": (without("psci"), "gdb",
                         ["DT: no /psci node", "DT: console PL011 at 0x09000000, PSCI via hvc (assumed)", TICK]),
}


# RAM the machine does not have: the kernel finds out by reading it, the
# host tool cannot, so these are the only trees where the two differ.
PROBED = {"gen-memory-reg-huge", "gen-memory-reg-no-ram", "gen-memory-second-no-ram",
          "gen-memory-bank-straddles-end"}


def in_order(wanted, actual):
    """None if the wanted lines (patterns) appear in this order in actual,
    else the first one missing."""
    i = 0
    for line in actual:
        if i < len(wanted) and pattern(wanted[i]).match(line):
            i += 1
    return None if i == len(wanted) else f"no line {wanted[i]!r} (in order, after {wanted[i - 1]!r})" if i else \
        f"no line {wanted[0]!r}"


def run_hostile(job):
    """[(name, ok, message)] for one generated case."""
    root, elf, build_dir, base, name = job
    make, how, wanted = HOSTILE[name]
    dtb = os.path.join(build_dir, name + ".dtb")
    with open(dtb, "wb") as f:
        f.write(make(base))
    with tempfile.TemporaryDirectory(prefix="vmsplit-dtb-") as workdir:
        actual, status, failure = boot(elf, how, dtb, workdir, ("interrupts", "check"))
    tail = " / ".join(l for l in actual[-3:] if l.strip())
    end = next((i for i, l in enumerate(actual) if l.startswith("Kernel command line:")), None)
    why = f"{failure}; last output: {tail!r}" if failure else \
        "no 'Kernel command line:' line" if end is None else \
        in_order(wanted, actual) or problem_in(actual[:end + 1], actual, status)
    if not why and not any(l.startswith("tick: ") for l in actual):
        why = "`interrupts` gave no 'tick:' line"
    if not why and name not in PROBED:
        why = host_agrees(root, dtb, actual)
    return [(f"dtb: {name} ({'-dtb' if how == 'dtb' else 'restored by gdb'})", why is None, why or "")], actual, None


# ------------------------------------------------- hostile command lines
#
# QEMU's own tree, -m 1G, and a command line from this table: the boot
# must print the named lines in order (the fault, the fallback), the host
# tool's lines for the same -m and line (memlayout -m 1G, a subsequence of
# the boot log), the MMU check must agree at boot and when typed, and
# poweroff (or the run= list's own) must end QEMU with status 0.

LONG = "console=" + "x" * 1004 + " vmalloc=256M"   # 1025 bytes: the cut goes through vmalloc=
BANKS_48 = " ".join(f"mem=2M@0x{0x40000000 + i * 0x400000:08x}" for i in range(48))

HOSTILE_LINES = {
    "mem-map-no-room": ("mem=2M mem=16M@0x7f000000 highmem=on", [
        "vmsplit: the mem= banks leave no room for mem_map (4096 kB of lowmem in one piece for 262144 frames; "
        "the largest free piece is 64 kB); using the firmware's banks instead", "Memory: 1024MB = 1024MB total"]),
    # mem_map (1028 kB) would have to reach into the first 2 MB's top,
    # where the boot's page tables are: refused by the decision (before,
    # the kernel stopped after the switch, "no lowmem for mem_map").
    "mem-map-boot-tables": ("mem=3M mem=1M@0x50000000", [
        "vmsplit: the mem= banks leave no room for mem_map (1028 kB of lowmem in one piece for 65792 frames; "
        "the largest free piece is 1024 kB); using the firmware's banks instead", "Memory: 760MB = 760MB total"]),
    "mem-leaves-out-kernel": ("mem=1M", [
        "vmsplit: the mem= banks leave out 0x40000000-0x401fffff, where the device tree and the kernel live; "
        "using the firmware's banks instead"]),
    "mem-not-ram": ("mem=16M@0x30000000", [
        "vmsplit: mem=16M@0x30000000: 0x30000000-0x30ffffff is not RAM on this board; no bank added",
        "vmsplit: no RAM left after mem=; using the firmware's banks"]),
    "mem-unaligned": ("mem=512M@0x40000800", [
        "vmsplit: the mem= banks leave out 0x40000000-0x401fffff, where the device tree and the kernel live; "
        "using the firmware's banks instead"]),
    "mem-unaligned-second": ("mem=512M mem=64M@0x60000800", ["Memory: 512MB 63MB = 575MB total"]),
    "mem-wraps": ("mem=18446744073709551617", [
        "vmsplit: mem=18446744073709551617: the size does not fit 64 bits (Linux would wrap it); no bank added",
        "vmsplit: no RAM left after mem=; using the firmware's banks"]),
    "mem-at-wraps": ("mem=16M@0x10000000000000000", [
        "vmsplit: mem=16M@0x10000000000000000: the address does not fit 64 bits (Linux would wrap it); "
        "no bank added"]),
    "mem-zero-and-junk": ("mem=0 mem=abc mem=", [
        "vmsplit: mem=0: size 0; Linux adds no bank", "vmsplit: mem=abc: not a size; Linux reads 0 and adds no bank",
        "vmsplit: no RAM left after mem=; using the firmware's banks"]),
    "mem-48-banks": (BANKS_48, ["NR_BANKS too low, ignoring memory at 0x42000000 and 39 more mem= banks after it",
                                "Memory: 2MB 2MB 2MB 2MB 2MB 2MB 2MB 2MB = 16MB total"]),
    "vmalloc-wraps": ("vmalloc=18446744073709551617", [
        "vmsplit: vmalloc=18446744073709551617: does not fit 64 bits; Linux wraps it and keeps 0x00000001",
        "vmalloc area too small, limiting to 16MB"]),
    "vmalloc-past-32-bits": ("vmalloc=0x100000000", [
        "vmsplit: vmalloc=0x100000000: does not fit 32 bits; Linux keeps 0x00000000"]),
    "vmalloc-unaligned-highmem": ("highmem=on vmalloc=123456789", [
        "    lowmem  : 0xc0000000 - 0xf7a432eb   ( 890 MB)"]),
    "line-cut": (LONG, ["vmsplit: command line longer than 1023 bytes: its last parameter \"vmalloc=256M\" is "
                        "cut there; ignored", "    vmalloc : 0xf0000000 - 0xff000000   ( 240 MB)"]),
    "reclaim-old-rules": ("rules=2.6.36 reclaim=vmalloc-saving mem=64M mem=64M@0x48000000", [
        "vmsplit: reclaim=vmalloc-saving is msm-3.4's; with rules=2.6.36 the linear map stays straight"]),
    "split-not-linked": ("split=2G", [
        "vmsplit: split=2G: this kernel is linked for VMSPLIT_3G; run it with make run VMSPLIT=2G (keeping 3G)"]),
    "unbalanced-quote": ('mem="512M vmalloc=256M', ["Kernel command line: mem=\"512M vmalloc=256M"]),
    "run-empty": ('run=""', ["vmsplit: run= is empty: no commands to run; the boot powers off after it",
                             "run: 0 commands failed"]),
    "run-without-value": ("run", ["vmsplit: run needs a value (run=\"cmd; cmd\"); no commands to run, the boot "
                                  "powers off after it", "run: 0 commands failed"]),
    "run-check": ('mem=2M mem=16M@0x7f000000 highmem=on run="check"', [
        "vmsplit: the mem= banks leave no room for mem_map {any}", "vmsplit> check", "run: 0 commands failed"]),
}


def run_cmdline(job):
    """[(name, ok, message)] for one hostile command line."""
    root, elf, _, _, name = job
    line, wanted = HOSTILE_LINES[name]
    scripted = any(p == "run" or p.startswith("run=") for p in line.split())
    args = qemu_base(elf) + ["-display", "none", "-serial", "stdio", "-monitor", "none",
                             "-semihosting-config", "enable=on,target=native", "-append", line]
    s = Session(args)
    why = None
    try:
        if not scripted:
            s.wait_for("prompt", lambda: PROMPT in s.out)
            s.type(b"check\r")
            s.wait_for("prompt after check", lambda: s.out.count(PROMPT) >= 2)
            s.type(b"poweroff\r")
        s.finish()
    except (RuntimeError, OSError) as e:
        s.kill()
        why = str(e)
    actual = s.lines()
    if not why:
        why = in_order(wanted, actual)
    if not why:
        bad = [l for l in actual if any(m in l for m in BAD_MARKERS)]
        checks = [l for l in actual if l.startswith("MMU check: ")]
        if bad:
            why = f"the kernel says {bad[0]!r}"
        elif len(checks) < (1 if scripted else 2) or not all(l.startswith("MMU check: record, page tables and MMU agree") for l in checks):
            why = f"the MMU checks: {checks!r}"
        elif s.p.returncode != 0:
            why = f"QEMU exit status {s.p.returncode}, expected 0"
    if not why:
        tool = os.path.join(root, "build", "host", "memlayout")
        out = subprocess.run([tool, "-m", "1G", "--built-for", "3G", line], capture_output=True, text=True,
                             timeout=10).stdout.splitlines()
        missing = in_order(out, actual) if out else "printed nothing"
        why = missing and f"memlayout -m 1G: {missing}"
    return [(f"cmdline: {name}", why is None, why or "")], actual, None


# --------------------------------------------------------------- running


def parse_expect(path):
    """({"boot": ..., "qemu -dtb": ...}, expected lines); other leading
    "# " lines are the case's description."""
    meta, lines = {}, []
    with open(path) as f:
        for raw in f.read().splitlines():
            m = re.match(r"# (boot|qemu -dtb): (.*)$", raw)
            if m and not lines:
                meta[m.group(1)] = m.group(2)
            elif lines or not raw.startswith("#"):
                lines.append(raw)
    return meta, lines


def base_tree(build_dir):
    """QEMU's own tree for -m 1G, as mkdtb.sh and the scenarios use."""
    path = os.path.join(build_dir, "virt-1G.dtb")
    subprocess.run([QEMU, "-M", f"virt,dumpdtb={path}", "-cpu", "cortex-a15", "-m", "1G",
                    "-nographic", "-nic", "none"], capture_output=True, timeout=TIMEOUT, check=True)
    with open(path, "rb") as f:
        return parse(f.read())


def qemu_base(elf):
    return [QEMU, "-M", "virt", "-cpu", "cortex-a15", "-m", "1G", "-nic", "none", "-kernel", elf]


def properties(node, path=""):
    """{(path, property name, value)} of a tree."""
    path = f"{path.rstrip('/')}/{node.name}" if path else "/"
    props = {(path, n, v) for n, v in node.props}
    for c in node.children:
        props |= properties(c, path)
    return props


def qemu_with_dtb(elf, dtb):
    """What QEMU itself does with -dtb FILE: "exit N: message" (the file's
    path as FILE; lines joined by " / "), or, when it would start the
    machine, "accepts and rewrites PATH PROPERTY, ..." (the tree it would
    hand over, dumped with dumpdtb, against the file)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "dumped.dtb")
        args = qemu_base(elf) + ["-nographic", "-dtb", dtb]
        args[2] = f"virt,dumpdtb={out}"
        try:
            p = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return f"no answer within {TIMEOUT} s"
        if p.returncode == 0 and os.path.exists(out):
            with open(dtb, "rb") as f, open(out, "rb") as g:
                changed = properties(parse(f.read())) ^ properties(parse(g.read()))
            return "accepts and rewrites " + (", ".join(sorted({f"{c[0]} {c[1]}" for c in changed})) or "nothing")
    said = " / ".join(p.stderr.replace(dtb, "FILE").split("\n")).strip(" /")
    return f"exit {p.returncode}: {said}"


class Session:
    """One QEMU with its console on pipes, read by a thread."""

    def __init__(self, args):
        self.p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, start_new_session=True)
        self.out = bytearray()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.deadline = time.time() + TIMEOUT

    def _read(self):
        while True:
            chunk = os.read(self.p.stdout.fileno(), 65536)
            if not chunk:
                return
            self.out.extend(chunk)

    def wait_for(self, what, done):
        while not done():
            if self.p.poll() is not None:
                raise RuntimeError(f"QEMU exited (status {self.p.returncode}) before {what}")
            if time.time() > self.deadline:
                raise RuntimeError(f"no {what} within {TIMEOUT} s")
            time.sleep(0.01)

    def type(self, line):
        self.p.stdin.write(line)
        self.p.stdin.flush()

    def finish(self):
        try:
            self.p.wait(timeout=max(0.1, self.deadline - time.time()))
        except subprocess.TimeoutExpired:
            os.killpg(self.p.pid, signal.SIGKILL)
            self.p.wait()
            raise RuntimeError(f"QEMU did not power off within {TIMEOUT} s")
        finally:
            self.reader.join(timeout=5)

    def kill(self):
        if self.p.poll() is None:
            os.killpg(self.p.pid, signal.SIGKILL)
            self.p.wait()
        self.reader.join(timeout=5)

    def lines(self):
        text = bytes(self.out).decode("utf-8", "replace").replace("\r\n", "\n")
        return text.split("\n")


def restore_with_gdb(sock, image, deadline):
    """Write `image` at 0x40000000 of the halted machine, then let it run."""
    while not os.path.exists(sock):
        if time.time() > deadline:
            raise RuntimeError("QEMU's gdbstub socket never appeared")
        time.sleep(0.01)
    p = subprocess.run([GDB, "-batch", "-nx", "-ex", f"target remote {sock}",
                        "-ex", f"restore {image} binary 0x40000000", "-ex", "detach"],
                       capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    if p.returncode != 0 or "Restoring binary file" not in p.stdout:
        raise RuntimeError(f"gdb could not restore the blob: {(p.stdout + p.stderr).strip()[-300:]}")


def boot(elf, how, dtb, workdir, commands=("check",)):
    """The console output of a session (typed: the commands, then poweroff),
    and QEMU's exit status."""
    args = qemu_base(elf) + ["-display", "none", "-serial", "stdio", "-monitor", "none",
                             "-semihosting-config", "enable=on,target=native"]
    if how == "dtb":
        args += ["-dtb", dtb]
    else:
        sock = os.path.join(workdir, "gdb.sock")
        args += ["-S", "-chardev", f"socket,path={sock},server=on,wait=off,id=gdb0", "-gdb", "chardev:gdb0"]
    s = Session(args)
    try:
        if how == "gdb":
            image = os.path.join(workdir, "image.bin")
            with open(dtb, "rb") as f, open(image, "wb") as out:
                blob = f.read()
                out.write(blob + bytes(max(0, PAD - len(blob))))
            restore_with_gdb(sock, image, s.deadline)
        # The first prompt first: bytes typed while the kernel turns the
        # UART's FIFOs on can be lost.  Then one command per prompt.
        s.wait_for("prompt", lambda: PROMPT in s.out)
        for n, command in enumerate(commands):
            s.type(command.encode() + b"\r")
            s.wait_for(f"prompt after {command}", lambda: s.out.count(PROMPT) >= n + 2)
        s.type(b"poweroff\r")
        s.finish()
    except (RuntimeError, OSError) as e:
        s.kill()
        return s.lines(), None, str(e)
    return s.lines(), s.p.returncode, None


def problem_in(expected, actual, status):
    """The first thing wrong with a session's output, or None."""
    if not expected or not expected[-1].startswith("Kernel command line:"):
        return "the expected file must give every line up to 'Kernel command line:'"
    for i, exp in enumerate(expected):
        if i >= len(actual):
            return f"line {i + 1}: expected {exp!r}, got end of output"
        if not pattern(exp).match(actual[i]):
            return f"line {i + 1}: expected {exp!r}, got {actual[i]!r}"
    for line in actual:
        if any(m in line for m in BAD_MARKERS):
            return f"the kernel says {line!r}"
    rest = actual[len(expected):]
    agree = "MMU check: record, page tables and MMU agree"
    try:
        first_prompt = next(i for i, l in enumerate(rest) if l.startswith("vmsplit> "))
        at_check = rest.index("vmsplit> check")
    except (StopIteration, ValueError):
        return "no `vmsplit> check` after the expected lines"
    boot_check = [l for l in rest[:first_prompt] if l.startswith("MMU check: ")]
    if not boot_check or not boot_check[-1].startswith(agree):
        return f"the MMU check at boot: {boot_check[-1] if boot_check else 'none'!r}"
    answer = next((l for l in rest[at_check:] if l.startswith("MMU check: ")), None)
    if answer is None or not answer.startswith(agree):
        return f"`check` answered {answer!r}"
    if "vmsplit> poweroff" not in rest[at_check:]:
        return "no `vmsplit> poweroff` after check"
    if status != 0:
        return f"QEMU exit status {status} after poweroff, expected 0"
    return None


def host_agrees(root, dtb, actual):
    """build/host/memlayout --dtb FILE "BOOTARGS" prints a subsequence of the
    boot log (its layout lines: the host tool and the kernel decide alike),
    or the first of its lines that the kernel did not print.  BOOTARGS is
    what the kernel says it read."""
    tool = os.path.join(root, "build", "host", "memlayout")
    said = [l for l in actual if l.startswith("Kernel command line: ")]
    cmdline = said[0][len("Kernel command line: "):] if said else ""
    p = subprocess.run([tool, "--dtb", dtb, cmdline], capture_output=True, text=True, timeout=10)
    out = p.stdout.splitlines()
    if p.returncode != 0 or not out:
        return f"memlayout --dtb: exit {p.returncode}: {p.stderr.strip()!r}"
    i = 0
    for line in actual:
        if i < len(out) and line == out[i]:
            i += 1
    return None if i == len(out) else f"memlayout --dtb line {i + 1} not in the boot log: {out[i]!r}"


def run_case(job):
    """[(name, ok, message)] for one case, and its output for --actual."""
    root, elf, build_dir, base, name = job
    path = os.path.join(root, "tests", "dtb", name + ".expect")
    meta, expected = parse_expect(path)
    how = meta.get("boot")
    dtb = os.path.join(build_dir, name + ".dtb")
    with open(dtb, "wb") as f:
        f.write(CASES[name](base))
    results, qemu_says = [], None
    if how not in ("dtb", "gdb"):
        return [(f"dtb: {name}", False, f"{path}: '# boot: dtb' or '# boot: gdb' missing")], [], None
    if how == "gdb":
        # Why this blob must go in behind QEMU's back: what QEMU says to it.
        qemu_says = qemu_with_dtb(elf, dtb)
        want = meta.get("qemu -dtb")
        results.append((f"dtb: {name}: QEMU with -dtb", qemu_says == want,
                        f"QEMU says {qemu_says!r}, the expected file {want!r}"))
    with tempfile.TemporaryDirectory(prefix="vmsplit-dtb-") as workdir:
        actual, status, failure = boot(elf, how, dtb, workdir)
    tail = " / ".join(l for l in actual[-3:] if l.strip())
    why = f"{failure}; last output: {tail!r}" if failure else problem_in(expected, actual, status)
    if not why:
        why = host_agrees(root, dtb, actual)
    results.append((f"dtb: {name} ({'-dtb' if how == 'dtb' else 'restored by gdb'})", why is None, why or ""))
    return results, actual, qemu_says


def write_actual(build_dir, name, actual, qemu_says):
    """The lines up to "Kernel command line:", placeholders in, for review."""
    end = next((i for i, l in enumerate(actual) if l.startswith("Kernel command line:")), len(actual) - 1)
    with open(os.path.join(build_dir, name + ".actual"), "w") as f:
        if qemu_says:
            f.write(f"# qemu -dtb: {qemu_says}\n")
        f.write("\n".join(with_placeholders(l) for l in actual[:end + 1]) + "\n")


def trees_on_a_fresh_clone(record, root):
    """make run SCENARIO=msm-holes must build the tree it boots with (make
    -n with tools/mkdtb.sh taken as changed shows whether it would), and
    memlayout --dtb with a missing build/dt file must say how to build it."""
    p = subprocess.run(["make", "-n", "-W", "tools/mkdtb.sh", "run", "SCENARIO=msm-holes"], cwd=root,
                       capture_output=True, text=True, timeout=TIMEOUT)
    want = "tools/mkdtb.sh build/dt/msm-holes-1G.dtb msm-holes 1G"
    record("dtb: make run SCENARIO=msm-holes builds build/dt/msm-holes-1G.dtb first",
           want in p.stdout.splitlines() and p.stdout.index(want) < p.stdout.index("scenario.py run"),
           f"make -n printed {p.stdout.strip()[-300:]!r}")
    missing = os.path.join(root, "build", "dt", "no-such-tree-1G.dtb")
    p = subprocess.run([os.path.join(root, "build", "host", "memlayout"), "--dtb", missing], capture_output=True,
                       text=True, timeout=TIMEOUT)
    said = p.stderr.splitlines()
    record("dtb: memlayout --dtb with a missing build/dt file says how to build it",
           p.returncode == 2 and len(said) == 2 and said[0].endswith("cannot open it (No such file or directory)")
           and "make dtbs (or make build/dt/no-such-tree-1G.dtb)" in said[1],
           f"exit {p.returncode}, stderr {p.stderr!r}")


def run(record, root, names=None, actual=False):
    elf = os.path.join(root, "build", "3G", "vmsplit.elf")
    build_dir = os.path.join(root, "build", "dtb")
    os.makedirs(build_dir, exist_ok=True)
    files = {os.path.basename(p)[:-len(".expect")] for p in glob.glob(os.path.join(root, "tests", "dtb", "*.expect"))}
    if not names:
        trees_on_a_fresh_clone(record, root)
        unpaired = sorted(files ^ set(CASES))
        record("dtb: every case has an expected file and a blob", not unpaired,
               f"without a partner in tests/dtb_test.py's CASES or tests/dtb/: {unpaired}")
    missing = [t for t in (QEMU, GDB) if subprocess.run(["sh", "-c", f"command -v {t}"],
                                                          capture_output=True).returncode]
    if missing or not os.path.exists(elf):
        return record("dtb: malformed device trees", False,
                      f"needs {missing or elf} (tools/deps.sh test; make kernel)")
    try:
        base = base_tree(build_dir)
    except (subprocess.SubprocessError, OSError) as e:
        return record("dtb: malformed device trees", False, f"QEMU's own tree: {e}")
    jobs = [(run_case, (root, elf, build_dir, base, n)) for n in sorted(files & set(CASES))
            if not names or n in names]
    jobs += [(run_hostile, (root, elf, build_dir, base, n)) for n in HOSTILE if not names or n in names]
    jobs += [(run_cmdline, (root, elf, build_dir, base, n)) for n in HOSTILE_LINES if not names or n in names]
    # Sessions spend most of their time waiting (on gdb, on a polled
    # console), so more of them than CPUs.
    with concurrent.futures.ThreadPoolExecutor(max_workers=4 * (os.cpu_count() or 2)) as pool:
        for (_, (_, _, _, _, name)), (results, out, qemu_says) in zip(jobs, pool.map(lambda j: j[0](j[1]), jobs)):
            for r in results:
                record(*r)
            if actual:
                write_actual(build_dir, name, out, qemu_says)


if __name__ == "__main__":
    import standalone
    args = sys.argv[1:]
    sys.exit(standalone.main(lambda record, root: run(
        record, root, [a for a in args if not a.startswith("--")], "--actual" in args)))
