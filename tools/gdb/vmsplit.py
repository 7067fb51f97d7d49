"""GDB helpers for vmsplit: walk the guest's page tables from the host.

Load with `source tools/gdb/vmsplit.py` (tools/gdb/vmsplit.gdb does it).
Commands:

    vmsplit-v2p VA             one address, in the format of the kernel's `v2p`
    vmsplit-ptdump             all 4 GB as runs of equal mappings
    vmsplit-ptdump VA [SIZE]   every descriptor for that range (default: VA's megabyte)
    vmsplit-connect [PORT]     target remote localhost:PORT ($GDB_PORT, else 1234)
    vmsplit-serial [N]         the last N lines of the serial log (tools/debug.sh)

The same walker for scripts: vmsplit_walk(va) returns a Walk,
vmsplit_ptdump_runs() the runs that vmsplit-ptdump prints.

The decoding copies mm/pgtable.c (describe_l1, describe_l2, pgtable_walk)
word for word, so that `vmsplit-v2p X` and the kernel's `v2p X` print the
same `tables:` lines and a difference means the tables differ, not the
wording.  Short-descriptor format only (TTBCR.EAE = 0), ARM ARM B3.5.
"""
import os
import re
import time

import gdb

PHYS_OFFSET = 0x40000000      # RAM on QEMU virt; only for the linear-map fallback
TEXT_OFFSET = 0x00100000      # the image is linked at PAGE_OFFSET + 1 MB
SECTION_SIZE = 1 << 20
PAGE_SIZE = 1 << 12


# ------------------------------------------------------------ decoding

CACHE_POLICY = ["non-cacheable", "write-back write-allocate",
                "write-through", "write-back no write-allocate"]

AP_NAMES = ["no access", "PL1 RW, PL0 none", "PL1 RW, PL0 RO", "PL1 RW, PL0 RW",
            "reserved", "PL1 RO, PL0 none", "PL1 RO, PL0 RO (deprecated)",
            "PL1 RO, PL0 RO"]

MEMORY_ATTR = {
    0x0: "strongly-ordered",
    0x1: "shareable device",
    0x2: "normal, write-through, no write-allocate",
    0x3: "normal, write-back, no write-allocate",
    0x4: "normal, non-cacheable",
    0x6: "implementation defined (TEX=001 C=1 B=0)",
    0x7: "normal, write-back write-allocate",
    0x8: "non-shareable device",
}


def bit(d, n):
    return (d >> n) & 1


def memory_attr_name(tex, c, b):
    name = MEMORY_ATTR.get((tex << 2) | (c << 1) | b)
    if name:
        return name
    if tex & 4:         # TEX[1:0] is the outer policy, C:B the inner one
        return "normal, inner %s, outer %s" % (CACHE_POLICY[(c << 1) | b],
                                              CACHE_POLICY[tex & 3])
    return "reserved"


def describe_attrs(tex, c, b, apx, ap, s, ng, xn):
    return ("AP=%u APX=%u (%s) TEX=%u%u%u C=%u B=%u (%s) S=%u nG=%u XN=%u" %
            (ap, apx, AP_NAMES[(apx << 2) | ap], bit(tex, 2), bit(tex, 1),
             bit(tex, 0), c, b, memory_attr_name(tex, c, b), s, ng, xn))


def l1_is_section(d):
    return bool(d & 2)          # 0b1x: section; bit 0 is PXN (as the kernel)


def l1_is_super(d):
    return l1_is_section(d) and bool(d & (1 << 18))


def l1_is_table(d):
    return (d & 3) == 1


def section_attrs(d):
    return describe_attrs((d >> 12) & 7, bit(d, 3), bit(d, 2), bit(d, 15),
                          (d >> 10) & 3, bit(d, 16), bit(d, 17), bit(d, 4))


def table_attrs(d):
    return "domain %u PXN=%u NS=%u" % ((d >> 5) & 15, bit(d, 2), bit(d, 3))


def small_attrs(d):
    return describe_attrs((d >> 6) & 7, bit(d, 3), bit(d, 2), bit(d, 9),
                          (d >> 4) & 3, bit(d, 10), bit(d, 11), d & 1)


def describe_l1(d):
    """The kernel's describe_l1(), character for character."""
    if l1_is_super(d):
        return "supersection PA 0x%08x %s PXN=%u" % (d & 0xff000000, section_attrs(d), d & 1)
    if l1_is_section(d):
        return "section PA 0x%08x domain %u %s PXN=%u" % (
            d & 0xfff00000, (d >> 5) & 15, section_attrs(d), d & 1)
    if l1_is_table(d):
        return "page table at PA 0x%08x %s" % (d & 0xfffffc00, table_attrs(d))
    return "fault (no translation)"


def describe_l2(d):
    """The kernel's describe_l2(): it names a large page's base only."""
    if d & 2:
        return "small page PA 0x%08x %s" % (d & 0xfffff000, small_attrs(d))
    if (d & 3) == 1:
        return "large page PA 0x%08x" % (d & 0xffff0000)
    return "fault (no translation)"


# ------------------------------------------------------ reading the guest

def maint_packet(text):
    """Send a raw remote packet; the reply's text, or None without one."""
    try:
        out = gdb.execute("maintenance packet " + text, to_string=True)
    except gdb.error:
        return None
    m = re.search(r'received: "(.*)"', out)
    return m.group(1) if m else None


def read_register(name):
    """A CP15 register from QEMU's gdbstub (its system-register XML names
    them TTBR0, TTBCR, SCTLR ...), or None when the stub has no such one."""
    try:
        return int(gdb.selected_frame().read_register(name)) & 0xffffffffffffffff
    except (gdb.error, ValueError):
        return None


def symbol_address(name):
    try:
        return int(gdb.parse_and_eval("&" + name)) & 0xffffffff
    except gdb.error:
        return None


def page_offset():
    """PAGE_OFFSET, for the fallback reads: the kernel's own record once
    setup has filled it in, else the link address of _text less 1 MB."""
    try:
        v = int(gdb.parse_and_eval("kernel_layout.page_offset"))
        if v:
            return v
    except gdb.error:
        pass
    text = symbol_address("_text")
    if text is None:
        raise gdb.GdbError("vmsplit: no symbols: load build/<split>/vmsplit.elf first")
    return text - TEXT_OFFSET


def require_target():
    if gdb.selected_inferior().pid == 0 or gdb.selected_thread() is None:
        raise gdb.GdbError("vmsplit: not connected (vmsplit-connect, or tools/debug.sh)")


class GuestMemory:
    """Reads guest physical memory for the length of one command.

    QEMU's gdbstub reads physical memory after `Qqemu.PhyMemMode:1`
    (QEMU 4.2 and later; checked with QEMU 7.2 and gdb 13).  The mode is
    put back on exit, because gdb's own reads (symbols, the stack) are
    virtual.  A stub without it (not QEMU, or an old one) gets reads
    through the kernel's linear map instead, PA - PHYS_OFFSET + PAGE_OFFSET,
    which covers lowmem only: that is where this kernel keeps its tables.
    """

    def __enter__(self):
        require_target()
        self.inferior = gdb.selected_inferior()
        self.old_mode = maint_packet("qqemu.PhyMemMode")
        self.physical = self.old_mode == "1" or maint_packet("Qqemu.PhyMemMode:1") == "OK"
        self.offset = 0 if self.physical else page_offset() - PHYS_OFFSET
        return self

    def __exit__(self, *exc):
        if self.physical and self.old_mode != "1":
            maint_packet("Qqemu.PhyMemMode:0")
        # Drop whatever gdb cached while addresses meant something else.
        gdb.execute("maintenance flush dcache", to_string=True)
        return False

    def how(self):
        return "physical reads" if self.physical else \
            "reads through the linear map (no Qqemu.PhyMemMode)"

    def words(self, pa, count):
        try:
            data = bytes(self.inferior.read_memory((pa + self.offset) & 0xffffffff, 4 * count))
        except gdb.MemoryError as e:
            raise gdb.GdbError("vmsplit: cannot read PA 0x%08x: %s" % (pa, e))
        return [int.from_bytes(data[i:i + 4], "little") for i in range(0, len(data), 4)]


class Tables:
    """Where the first-level tables are: TTBR0/TTBR1 as the MMU uses them,
    or swapper_pg_dir from the symbols when the stub has no TTBR0 or the
    MMU is not on yet (TTBR0 is 0 until head.S sets it).  Make it before
    GuestMemory: it may read kernel_layout, a virtual address."""

    def __init__(self):
        require_target()
        ttbcr = read_register("TTBCR") or 0
        if ttbcr & (1 << 31):
            raise gdb.GdbError("vmsplit: TTBCR.EAE=1: long descriptors, not handled here")
        self.n = ttbcr & 7
        ttbr0 = read_register("TTBR0")
        self.ttbr1 = (read_register("TTBR1") or 0) & 0xffffc000
        self.note = ""
        if ttbr0 is not None and ttbr0 & 0xffffffff:
            # With N=0 bits 13:0 are attributes (IRGN, S, RGN, NOS).
            self.ttbr0 = ttbr0 & (0xffffffff << (14 - self.n)) & 0xffffffff
            self.source = "TTBR0"
        else:
            va = symbol_address("swapper_pg_dir")
            if va is None:
                raise gdb.GdbError("vmsplit: no TTBR0 from the stub and no swapper_pg_dir symbol")
            self.ttbr0 = va - page_offset() + PHYS_OFFSET
            self.source = "swapper_pg_dir"
            self.note = "; TTBR0 is 0: the MMU is not on yet" if ttbr0 is not None else \
                "; the stub shows no TTBR0"
        self.l1 = {}

    def base(self, va):
        """The L1 table translating va: with TTBCR.N > 0 the top of the
        address space goes through TTBR1 (B3.5.4); the index stays va[31:20]."""
        if self.n and va >> (32 - self.n):
            return self.ttbr1
        return self.ttbr0

    def entry(self, mem, va):
        base = self.base(va)
        idx = va >> 20
        key = (base, idx)
        if key not in self.l1:
            self.l1[key] = mem.words(base + 4 * idx, 1)[0]
        return self.l1[key]

    def load_all(self, mem):
        """All 4096 L1 entries in one read per table (ptdump)."""
        if self.n:
            for va in range(0, 1 << 32, SECTION_SIZE):
                self.entry(mem, va)
            return
        for idx, d in enumerate(mem.words(self.ttbr0, 4096)):
            self.l1[(self.ttbr0, idx)] = d


# ---------------------------------------------------------------- walking

class Walk:
    """One translation, as the kernel's struct walk: level 1 or 2, the
    descriptors, kind (fault, section, supersection, small, large), pa."""

    def __init__(self, va, l1):
        self.va, self.l1, self.l2 = va, l1, None
        self.l1_index, self.l2_index = va >> 20, (va >> 12) & 0xff
        self.level, self.kind, self.pa = 1, "fault", None

    def lines(self):
        """The kernel's `v2p` lines from `tables:` to `-> PA`."""
        out = ["  tables: L1[0x%03x] = 0x%08x: %s" % (self.l1_index, self.l1, describe_l1(self.l1))]
        if self.level == 2:
            out.append("          L2[0x%02x] = 0x%08x: %s" % (self.l2_index, self.l2, describe_l2(self.l2)))
        if self.pa is not None:
            out.append("          -> PA 0x%08x" % self.pa)
        return out

    def __repr__(self):
        return "Walk(va=0x%08x, l1=0x%08x, l2=%s, kind=%s, pa=%s)" % (
            self.va, self.l1, "None" if self.l2 is None else "0x%08x" % self.l2,
            self.kind, "None" if self.pa is None else "0x%08x" % self.pa)


def walk_with(mem, tables, va):
    """pgtable_walk() of mm/pgtable.c over guest memory."""
    d = tables.entry(mem, va)
    w = Walk(va, d)
    if l1_is_super(d):
        # Bits 23:20 are PA[35:32] (supersections may reach above 4 GB).
        w.kind = "supersection"
        w.pa = (d & 0xff000000) | (va & 0xffffff) | (((d >> 20) & 15) << 32)
    elif l1_is_section(d):
        w.kind = "section"
        w.pa = (d & 0xfff00000) | (va & 0xfffff)
    elif l1_is_table(d):
        w.level = 2
        w.l2 = mem.words((d & 0xfffffc00) + 4 * w.l2_index, 1)[0]
        if w.l2 & 2:
            w.kind, w.pa = "small", (w.l2 & 0xfffff000) | (va & 0xfff)
        elif (w.l2 & 3) == 1:
            w.kind, w.pa = "large", (w.l2 & 0xffff0000) | (va & 0xffff)
    return w


def vmsplit_walk(va):
    """Walk one virtual address; returns a Walk."""
    tables = Tables()
    with GuestMemory() as mem:
        return walk_with(mem, tables, va & 0xffffffff)


def parse_va(expr):
    """A gdb expression to a 32-bit address: numbers, pointers, and
    arrays or functions (their address), `_text` as well as `&_text`."""
    try:
        v = gdb.parse_and_eval(expr)
    except gdb.error as e:
        raise gdb.GdbError("vmsplit: %s: %s" % (expr, e))
    if v.type.strip_typedefs().code in (gdb.TYPE_CODE_ARRAY, gdb.TYPE_CODE_FUNC):
        v = v.address
    try:
        return int(v) & 0xffffffff
    except (gdb.error, TypeError, ValueError):
        raise gdb.GdbError("vmsplit: %s is not an address" % expr)


def parse_size(text):
    """SIZE as hex, decimal, or with a K/M/G suffix (64K, 0x10000, 1M)."""
    m = re.fullmatch(r"(0x[0-9a-fA-F]+|[0-9]+)\s*([kKmMgG]?)[bB]?", text.strip())
    if m:
        shift = {"": 0, "k": 10, "m": 20, "g": 30}[m.group(2).lower()]
        return int(m.group(1), 0) << shift
    return parse_va(text)


# ----------------------------------------------------------------- ptdump

class Run:
    """Contiguous virtual memory with one kind and one set of attribute
    bits.  Sections join a run only when their PA follows on; pages join
    on attributes alone and the run remembers if their PA was scattered."""

    def __init__(self, va, size, kind, key, pa, text):
        self.start, self.end = va, va + size
        self.kind, self.key, self.text = kind, key, text
        self.pa, self.pa_next, self.scattered = pa, None if pa is None else pa + size, False

    def extend(self, va, size, kind, key, pa):
        if va != self.end or kind != self.kind or key != self.key:
            return False
        if pa is not None and pa != self.pa_next:
            if kind in ("section", "supersection"):
                return False
            self.scattered = True
        self.end = va + size
        self.pa_next = None if pa is None else pa + size
        return True

    def line(self):
        size = self.end - self.start
        size_text = "%5u MB" % (size >> 20) if size % SECTION_SIZE == 0 else \
            "%5u kB" % (size >> 10) if size < SECTION_SIZE else "%5.1f MB" % (size / SECTION_SIZE)
        head = "0x%08x-0x%08x %s  %-13s" % (self.start, self.end - 1, size_text, self.kind)
        if self.pa is None:
            return head.rstrip()
        if self.scattered:
            where = "PA scattered (first 0x%08x)" % self.pa
        else:
            where = "PA 0x%08x-0x%08x" % (self.pa, self.pa + size - 1)
        return "%s %s  %s" % (head, where, self.text)


def l1_units(mem, tables, va):
    """The mappings of one megabyte as (va, size, kind, key, pa, text):
    one unit for a section or a fault entry, 256 for a page table."""
    d = tables.entry(mem, va)
    if l1_is_super(d):
        # The key leaves out the address bits 31:24, 23:20 and 8:5.
        pa = (d & 0xff000000) | (va & 0xf00000) | (((d >> 20) & 15) << 32)
        return [(va, SECTION_SIZE, "supersection", d & 0x000ffe1f, pa,
                 "%s PXN=%u" % (section_attrs(d), d & 1))]
    if l1_is_section(d):
        return [(va, SECTION_SIZE, "section", d & 0x000fffff, d & 0xfff00000,
                 "domain %u %s PXN=%u" % ((d >> 5) & 15, section_attrs(d), d & 1))]
    if not l1_is_table(d):
        return [(va, SECTION_SIZE, "unmapped", None, None, "")]
    units = []
    for i, e in enumerate(mem.words(d & 0xfffffc00, 256)):
        page = va + i * PAGE_SIZE
        table = "; table %s" % table_attrs(d)
        if e & 2:
            units.append((page, PAGE_SIZE, "small pages", (d & 0x3fc, e & 0xfff),
                          e & 0xfffff000, small_attrs(e) + table))
        elif (e & 3) == 1:
            # A large page repeats 16 times; attributes are bits 15:0.
            attrs = describe_attrs((e >> 12) & 7, bit(e, 3), bit(e, 2), bit(e, 9),
                                   (e >> 4) & 3, bit(e, 10), bit(e, 11), bit(e, 15))
            units.append((page, PAGE_SIZE, "large pages", (d & 0x3fc, e & 0xffff),
                          (e & 0xffff0000) | (page & 0xf000), attrs + table))
        else:
            units.append((page, PAGE_SIZE, "unmapped", None, None, ""))
    return units


def ptdump_runs(mem, tables, start, end):
    runs = []
    for mb in range(start & ~(SECTION_SIZE - 1), end, SECTION_SIZE):
        for va, size, kind, key, pa, text in l1_units(mem, tables, mb):
            if va + size <= start or va >= end:
                continue
            if not runs or not runs[-1].extend(va, size, kind, key, pa):
                runs.append(Run(va, size, kind, key, pa, text))
    return runs


def vmsplit_ptdump_runs(start=0, end=1 << 32):
    """The runs of [start, end) that vmsplit-ptdump summarises."""
    tables = Tables()
    with GuestMemory() as mem:
        tables.load_all(mem)
        return ptdump_runs(mem, tables, start, end)


class FaultLines:
    """Consecutive fault entries with one value, printed as one line."""

    def __init__(self, out):
        self.out, self.run = out, None      # run: [va, first, last, level, value]

    def add(self, va, index, level, d):
        r = self.run
        if r and r[3] == level and r[4] == d and r[2] + 1 == index:
            r[2] = index
            return
        self.flush()
        self.run = [va, index, index, level, d]

    def flush(self):
        if not self.run:
            return
        va, first, last, level, d = self.run
        fmt = "0x%03x" if level == 1 else "0x%02x"
        idx = fmt % first if first == last else (fmt + "-" + fmt) % (first, last)
        indent = "" if level == 1 else "  "
        self.out.append("0x%08x  %sL%u[%s] = 0x%08x: fault (no translation)" % (
            va, indent, level, idx, d))
        self.run = None


def ptdump_detail(mem, tables, start, end):
    """Every descriptor of [start, end), one line each (fault runs joined)."""
    out = []
    faults = FaultLines(out)
    for mb in range(start & ~(SECTION_SIZE - 1), end, SECTION_SIZE):
        d = tables.entry(mem, mb)
        if not (l1_is_section(d) or l1_is_table(d)):
            faults.add(mb, mb >> 20, 1, d)
            continue
        faults.flush()
        out.append("0x%08x  L1[0x%03x] = 0x%08x: %s" % (mb, mb >> 20, d, describe_l1(d)))
        if not l1_is_table(d):
            continue
        table = mem.words(d & 0xfffffc00, 256)
        for i, e in enumerate(table):
            va = mb + i * PAGE_SIZE
            if va + PAGE_SIZE <= start or va >= end:
                continue
            if e & 3:
                faults.flush()
                out.append("0x%08x    L2[0x%02x] = 0x%08x: %s" % (va, i, e, describe_l2(e)))
            else:
                faults.add(va, i, 2, e)
        faults.flush()
    faults.flush()
    return out


# --------------------------------------------------------------- commands

class V2pCommand(gdb.Command):
    """Walk the guest's page tables for one virtual address: vmsplit-v2p VA

VA is any gdb expression: 0xc0000000, &swapper_pg_dir, _text, $DFAR.
Prints the kernel's `v2p` lines (tables: L1, L2, -> PA) from the tables
the MMU uses (TTBR0), read from guest physical memory."""

    def __init__(self):
        super().__init__("vmsplit-v2p", gdb.COMMAND_DATA, gdb.COMPLETE_EXPRESSION)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError("usage: vmsplit-v2p VA")
        va = parse_va(arg)
        tables = Tables()
        with GuestMemory() as mem:
            w = walk_with(mem, tables, va)
            gdb.write("0x%08x: L1 table at PA 0x%08x (%s%s), %s\n" % (
                va, tables.base(va), tables.source, tables.note, mem.how()))
            for line in w.lines():
                gdb.write(line + "\n")


class PtdumpCommand(gdb.Command):
    """Dump the guest's page tables: vmsplit-ptdump [VA [SIZE]]

Without arguments: all 4 GB as runs of one kind (unmapped, section,
supersection, small pages, large pages) with equal attribute bits.
Sections join a run when their PA is contiguous; pages join on their
attributes and the run says "PA scattered" when their frames are not.
With VA (a gdb expression; quote it if it has spaces) and SIZE (hex,
decimal, or 64K, 1M): every descriptor in that range.  VA alone: its
megabyte."""

    def __init__(self):
        super().__init__("vmsplit-ptdump", gdb.COMMAND_DATA, gdb.COMPLETE_EXPRESSION)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if len(argv) > 2:
            raise gdb.GdbError("usage: vmsplit-ptdump [VA [SIZE]]")
        # Expressions and registers first: under GuestMemory reads are physical.
        if argv:
            start = parse_va(argv[0])
            if len(argv) == 2:
                size = parse_size(argv[1])
            else:
                start &= ~(SECTION_SIZE - 1)
                size = SECTION_SIZE
            if size <= 0:
                raise gdb.GdbError("vmsplit: SIZE must be more than 0")
        tables = Tables()
        with GuestMemory() as mem:
            if argv:
                lines = ptdump_detail(mem, tables, start, min(start + size, 1 << 32))
            else:
                tables.load_all(mem)
                lines = ["L1 table at PA 0x%08x (%s%s), %s" % (
                    tables.ttbr0, tables.source, tables.note, mem.how())]
                lines += [r.line() for r in ptdump_runs(mem, tables, 0, 1 << 32)]
        for line in lines:
            gdb.write(line + "\n")


def vmsplit_connect(port=None, seconds=5.0):
    """target remote localhost:PORT, retried while QEMU starts listening."""
    port = port or os.environ.get("GDB_PORT") or "1234"
    deadline = time.monotonic() + seconds
    while True:
        try:
            gdb.execute("target remote localhost:%s" % port)
            return
        except gdb.error as e:
            if time.monotonic() > deadline:
                raise gdb.GdbError("vmsplit: no gdbstub on localhost:%s (%s)" % (port, e))
            time.sleep(0.1)


class ConnectCommand(gdb.Command):
    """Connect to QEMU's gdbstub: vmsplit-connect [PORT]

PORT defaults to $GDB_PORT, else 1234 (QEMU's -s).  Retries for 5 s so
that it can follow a QEMU that is still starting."""

    def __init__(self):
        super().__init__("vmsplit-connect", gdb.COMMAND_RUNNING)

    def invoke(self, arg, from_tty):
        vmsplit_connect(arg.strip() or None)


class SerialCommand(gdb.Command):
    """The guest's serial output: vmsplit-serial [N]

The last N lines (default 20) of the log tools/debug.sh keeps
($VMSPLIT_SERIAL_LOG, build/debug-serial.log)."""

    def __init__(self):
        super().__init__("vmsplit-serial", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        path = os.environ.get("VMSPLIT_SERIAL_LOG", "build/debug-serial.log")
        count = int(arg) if arg.strip() else 20
        try:
            with open(path, errors="replace") as f:
                lines = f.read().splitlines()
        except OSError as e:
            raise gdb.GdbError("vmsplit: %s" % e)
        for line in lines[-count:]:
            gdb.write(line + "\n")


V2pCommand()
PtdumpCommand()
ConnectCommand()
SerialCommand()
