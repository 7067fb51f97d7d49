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

The decoding follows core/mm/pgtable.c (describe_l1, describe_l2, pgtable_walk)
word for word, from the kernel's own field table (build/gen/short_desc.py),
so that `vmsplit-v2p X` and the kernel's `v2p X` print the same `tables:`
lines and a difference means the tables differ, not the wording.  Short-descriptor
format (TTBCR.EAE = 0, ARM ARM B3.5) for all commands; the long-descriptor format
(TTBCR.EAE = 1, B3.6) for vmsplit-v2p and vmsplit_walk(): three levels of 64-bit
descriptors from TTBR0 or TTBR1 as TTBCR.T0SZ/T1SZ select them, decoded as
core/mm/pgtable_long.c's long_describe() from build/gen/long_desc.py.
"""
import os
import re
import time

import gdb

PHYS_OFFSET = 0x40000000      # RAM on QEMU virt, until the kernel has found its own
TEXT_OFFSET = 0x00100000      # the image is linked at PAGE_OFFSET + 1 MB
SECTION_SIZE = 1 << 20
PAGE_SIZE = 1 << 12


# ------------------------------------------------------------ decoding

# The descriptor fields and value names are the kernel's own table
# (core/include/arm/short_desc.h), turned into Python by the build
# (build/gen/short_desc.py, from tools/gdb/short_desc.py.in): FIELDS maps
# (kind, field) to (shift, width); AP_NAMES, MEMORY_ATTR, CACHE_POLICY.
def load_field_table(name="short_desc"):
    here = os.path.dirname(os.path.abspath(globals().get("__file__", "tools/gdb/vmsplit.py")))
    path = os.path.normpath(os.path.join(here, "..", "..", "build", "gen", name + ".py"))
    if not os.path.exists(path):
        raise gdb.GdbError("vmsplit: %s is missing: `make build/gen/%s.py` "
                           "(make debug and make test build it)" % (path, name))
    table = {}
    with open(path) as f:
        exec(compile(f.read(), path, "exec"), table)
    return table


_TABLE = load_field_table()
FIELDS = _TABLE["FIELDS"]
AP_NAMES = _TABLE["AP_NAMES"]
MEMORY_ATTR = _TABLE["MEMORY_ATTR"]
CACHE_POLICY = _TABLE["CACHE_POLICY"]


def field(d, kind, name):
    shift, width = FIELDS[(kind, name)]
    return (d >> shift) & ((1 << width) - 1)


def mask(kind, *names):
    m = 0
    for name in names:
        shift, width = FIELDS[(kind, name)]
        m |= ((1 << width) - 1) << shift
    return m


def kind_of(level, d):
    """short_desc_kind_of(): TABLE, SECT, SUPER / LARGE, SMALL, or None."""
    if level == 1:
        if field(d, "SECT", "TYPE"):            # 0b1x: bit 0 is PXN
            return "SUPER" if field(d, "SUPER", "SUPER") else "SECT"
        return "TABLE" if field(d, "TABLE", "TYPE") == 1 else None
    if field(d, "SMALL", "TYPE"):               # 0b1x: bit 0 is XN
        return "SMALL"
    return "LARGE" if field(d, "LARGE", "TYPE") == 1 else None


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


def attrs(d, kind):
    """The attribute fields every leaf kind has, as describe_attrs() prints them."""
    def f(name):
        return field(d, kind, name)
    tex = f("TEX")
    return ("AP=%u APX=%u (%s) TEX=%u%u%u C=%u B=%u (%s) S=%u nG=%u XN=%u" %
            (f("AP"), f("APX"), AP_NAMES[(f("APX") << 2) | f("AP")], bit(tex, 2), bit(tex, 1),
             bit(tex, 0), f("C"), f("B"), memory_attr_name(tex, f("C"), f("B")),
             f("S"), f("NG"), f("XN")))


def l1_is_section(d):
    return kind_of(1, d) in ("SECT", "SUPER")


def l1_is_super(d):
    return kind_of(1, d) == "SUPER"


def l1_is_table(d):
    return kind_of(1, d) == "TABLE"


def table_attrs(d):
    return "domain %u PXN=%u NS=%u" % (field(d, "TABLE", "DOMAIN"), field(d, "TABLE", "PXN"),
                                       field(d, "TABLE", "NS"))


def super_pa(d):
    """PA[31:24] with PA[35:32] beside it (supersections may reach above 4 GB)."""
    return (d & mask("SUPER", "ADDR")) | (field(d, "SUPER", "PA35_32") << 32)


def describe_l1(d):
    """The kernel's describe_l1(), character for character."""
    kind = kind_of(1, d)
    if kind == "SUPER":
        return "supersection PA 0x%08x %s PXN=%u" % (d & mask("SUPER", "ADDR"), attrs(d, "SUPER"),
                                                     field(d, "SUPER", "PXN"))
    if kind == "SECT":
        return "section PA 0x%08x domain %u %s PXN=%u" % (
            d & mask("SECT", "ADDR"), field(d, "SECT", "DOMAIN"), attrs(d, "SECT"),
            field(d, "SECT", "PXN"))
    if kind == "TABLE":
        return "page table at PA 0x%08x %s" % (d & mask("TABLE", "ADDR"), table_attrs(d))
    return "fault (no translation)"


def describe_l2(d):
    """The kernel's describe_l2(): it names a large page's base only."""
    kind = kind_of(2, d)
    if kind == "SMALL":
        return "small page PA 0x%08x %s" % (d & mask("SMALL", "ADDR"), attrs(d, "SMALL"))
    if kind == "LARGE":
        return "large page PA 0x%08x" % (d & mask("LARGE", "ADDR"))
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


def read_register_raw(name):
    try:
        return int(gdb.selected_frame().read_register(name)) & 0xffffffffffffffff
    except (gdb.error, ValueError):
        return None


def secure():
    """Is the CPU running in Secure state?  QEMU's gdbstub shows the banked
    CP15 registers of each world: TTBR0 is the Non-secure one, TTBR0_S the
    Secure one.  A kernel entered in Secure SVC (QEMU vexpress-a15's default
    with a raw image) turns on the Secure MMU: SCTLR_S.M set, SCTLR.M not."""
    ns, s = read_register_raw("SCTLR"), read_register_raw("SCTLR_S")
    return s is not None and (s & 1) and not ((ns or 0) & 1)


def read_register(name):
    """A CP15 register from QEMU's gdbstub (its system-register XML names
    them TTBR0, TTBCR, SCTLR ...; the Secure world's copy, NAME_S, when the
    kernel runs Secure), or None when the stub has no such one."""
    if secure():
        v = read_register_raw(name + "_S")
        if v is not None:
            return v
    return read_register_raw(name)


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


def phys_offset():
    """PHYS_OFFSET as head.S found it (__pv_phys_offset, include/memory.h);
    QEMU virt's RAM base before it has run, or without symbols."""
    try:
        v = int(gdb.parse_and_eval("__pv_phys_offset")) & 0xffffffff
    except gdb.error:
        v = 0
    return v or PHYS_OFFSET


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
        self.offset = 0 if self.physical else page_offset() - phys_offset()
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

    def dwords(self, pa, count):
        """64-bit little-endian descriptors (the long format)."""
        w = self.words(pa, 2 * count)
        return [w[i] | (w[i + 1] << 32) for i in range(0, len(w), 2)]


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
            self.ttbr0 = va - page_offset() + phys_offset()
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

    def values(self):
        return "l1=0x%08x l2=%s pa=%s" % (self.l1, "None" if self.l2 is None else "0x%08x" % self.l2,
                                          "None" if self.pa is None else "0x%08x" % self.pa)

    def __repr__(self):
        return "Walk(va=0x%08x, l1=0x%08x, l2=%s, kind=%s, pa=%s)" % (
            self.va, self.l1, "None" if self.l2 is None else "0x%08x" % self.l2,
            self.kind, "None" if self.pa is None else "0x%08x" % self.pa)


def walk_with(mem, tables, va):
    """pgtable_walk() of core/mm/pgtable.c over guest memory."""
    d = tables.entry(mem, va)
    w = Walk(va, d)
    kind = kind_of(1, d)
    if kind == "SUPER":
        w.kind = "supersection"
        w.pa = super_pa(d) | (va & 0xffffff)
    elif kind == "SECT":
        w.kind = "section"
        w.pa = (d & mask("SECT", "ADDR")) | (va & (SECTION_SIZE - 1))
    elif kind == "TABLE":
        w.level = 2
        w.l2 = mem.words((d & mask("TABLE", "ADDR")) + 4 * w.l2_index, 1)[0]
        kind = kind_of(2, w.l2)
        if kind == "SMALL":
            w.kind, w.pa = "small", (w.l2 & mask("SMALL", "ADDR")) | (va & (PAGE_SIZE - 1))
        elif kind == "LARGE":
            w.kind, w.pa = "large", (w.l2 & mask("LARGE", "ADDR")) | (va & 0xffff)
    return w


# ------------------------------------------- the long-descriptor format

# core/include/arm/long_desc.h, as build/gen/long_desc.py (from
# tools/gdb/long_desc.py.in): the same names as the C side.
_LONG = load_field_table("long_desc")
LFIELDS = _LONG["FIELDS"]
LAP_NAMES = _LONG["AP_NAMES"]
LMAIR_ATTR_SHORT = _LONG["MAIR_ATTR_SHORT"]
LINUX_MAIR = (_LONG["MAIR1"] << 32) | _LONG["MAIR0"]
L1_SHIFT, L2_SHIFT = 30, 21


def lfield(d, kind, name):
    shift, width = LFIELDS[(kind, name)]
    return (d >> shift) & ((1 << width) - 1)


def lmask(kind, *names):
    m = 0
    for name in names:
        shift, width = LFIELDS[(kind, name)]
        m |= ((1 << width) - 1) << shift
    return m


def lkind_of(level, d):
    """long_desc_kind_of(): TABLE, BLOCK1, BLOCK2, PAGE, or None (a fault
    entry, or the reserved 0b01 at level 3)."""
    t = lfield(d, "TABLE", "TYPE")
    if not t & 1:
        return None
    if level == 3:
        return "PAGE" if t == 3 else None
    if t == 3:
        return "TABLE"
    return "BLOCK1" if level == 1 else "BLOCK2"


def lpa_hex(pa):
    """PA[39:0] as long_describe() prints it: ten hex digits."""
    return "0x%010x" % pa


def phys_hex(pa):
    """banks.c's phys_hex(): at least eight digits."""
    return "%08x" % pa


def long_describe(level, d):
    """The kernel's long_describe(), character for character."""
    kind = lkind_of(level, d)
    if kind == "TABLE":
        return "table at PA %s PXNTable=%u XNTable=%u APTable=%u NSTable=%u" % (
            lpa_hex(d & lmask("TABLE", "ADDR")), lfield(d, "TABLE", "PXNTABLE"),
            lfield(d, "TABLE", "XNTABLE"), lfield(d, "TABLE", "APTABLE"), lfield(d, "TABLE", "NSTABLE"))
    if kind is None:
        return "reserved (0b01 at level 3: faults)" if level == 3 and d & 1 else "fault (no translation)"
    # Every leaf kind has its attributes at the PAGE positions (decode_leaf()).
    def f(name):
        return lfield(d, "PAGE", name)
    idx = f("ATTRINDX")
    attr = (LINUX_MAIR >> (8 * idx)) & 0xff
    flags = "".join(word for word, on in ((" dirty", f("DIRTY")), (" rdonly", f("RDONLY")),
                                         (" none", f("NONE")),
                                         (" special", kind == "PAGE" and f("SPECIAL"))) if on)
    return "%s PA %s AttrIndx=%u (%s) AP=%u (%s) SH=%u AF=%u nG=%u XN=%u PXN=%u%s" % (
        {"PAGE": "page", "BLOCK1": "1 GB block", "BLOCK2": "2 MB block"}[kind],
        lpa_hex(d & lmask(kind, "ADDR")), idx, LMAIR_ATTR_SHORT.get(attr, "other"), f("AP"),
        LAP_NAMES[f("AP")], f("SH"), f("AF"), f("NG"), f("XN"), f("PXN"), flags)


def kernel_is_lpae():
    """TTBCR.EAE when the stub shows TTBCR, else the kernel's own word
    (mmu_format.lpae), else False."""
    ttbcr = read_register("TTBCR")
    if ttbcr is not None and (ttbcr & 0xffffffff):
        return bool(lfield(ttbcr, "TTBCR", "EAE"))
    try:
        return bool(int(gdb.parse_and_eval("mmu_format.lpae")))
    except gdb.error:
        return False


class LongTables:
    """TTBR0/TTBR1 as the MMU picks them with TTBCR.EAE = 1 (ARM ARM
    B3.6.4): TTBR0 below 2^(32-T0SZ), TTBR1 from 2^32 - 2^(32-T1SZ) up (a
    size of 0 gives that half everything the other does not take); a TxSZ
    of 0 or 1 starts the walk at level 1, 2 or more at level 2.  Without a
    TTBR0 from the stub (or before the MMU is on): swapper_pg_dir, all 4 GB
    from level 1."""

    def __init__(self):
        require_target()
        ttbcr = read_register("TTBCR") or 0
        self.t0sz, self.t1sz = lfield(ttbcr, "TTBCR", "T0SZ"), lfield(ttbcr, "TTBCR", "T1SZ")
        self.epd = (lfield(ttbcr, "TTBCR", "EPD0"), lfield(ttbcr, "TTBCR", "EPD1"))
        addr = lmask("TTBR", "ADDR")
        ttbr0 = read_register("TTBR0")
        self.ttbr = [(ttbr0 or 0) & addr, (read_register("TTBR1") or 0) & addr]
        self.note = ""
        self.source = "TTBR"
        if not self.ttbr[0] or not lfield(ttbcr, "TTBCR", "EAE"):
            va = symbol_address("swapper_pg_dir")
            if va is None:
                raise gdb.GdbError("vmsplit: no TTBR0 from the stub and no swapper_pg_dir symbol")
            self.ttbr = [va - page_offset() + phys_offset(), 0]
            self.t0sz = self.t1sz = 0
            self.epd = (0, 0)
            self.source = "swapper_pg_dir"
            self.note = "; TTBR0 is 0: the MMU is not on yet" if ttbr0 is not None else \
                "; the stub shows no TTBR0"

    def select(self, va):
        """(which TTBR, its TxSZ), or None where neither translates va."""
        if not self.t0sz and not self.t1sz:
            return 0, 0
        top0 = 1 << (32 - self.t0sz) if self.t0sz else (1 << 32) - (1 << (32 - self.t1sz))
        bottom1 = (1 << 32) - (1 << (32 - self.t1sz)) if self.t1sz else top0
        if va < top0:
            return 0, self.t0sz
        if va >= bottom1:
            return 1, self.t1sz
        return None

    def pgd(self):
        """The kernel's first-level table (4 entries), when TTBR0 is one."""
        return self.ttbr[0] if self.t0sz == 0 else None


class LongWalk:
    """One translation in the long format: desc[level] for each level the
    MMU (or, for the level a TTBR1 walk skips, the kernel's pgd) gave,
    kind (fault, block, page), pa; head: where the MMU started."""

    def __init__(self, va):
        self.va, self.desc, self.index = va, {}, {}
        self.kind, self.pa, self.level, self.head, self.notes = "fault", None, 1, "", []
        self.index = {1: va >> L1_SHIFT, 2: (va >> L2_SHIFT) & 511, 3: (va >> 12) & 511}

    @property
    def l1(self):
        return self.desc.get(1)

    @property
    def l2(self):
        return self.desc.get(2)

    @property
    def l3(self):
        return self.desc.get(3)

    def lines(self):
        """The kernel's `v2p` lines from `tables:` to `-> PA`."""
        out = []
        for level in sorted(self.desc):
            d = self.desc[level]
            digits = "%01x" if level == 1 else "%03x"
            out.append("%sL%u[0x%s] = 0x%016x: %s" % ("  tables: " if level == 1 else "          ",
                                                     level, digits % self.index[level], d,
                                                     long_describe(level, d)))
        if self.pa is not None:
            out.append("          -> PA 0x%s" % phys_hex(self.pa))
        return out + self.notes

    def values(self):
        def h(v):
            return "None" if v is None else "0x%016x" % v
        return "l1=%s l2=%s l3=%s pa=%s" % (h(self.l1), h(self.l2), h(self.l3),
                                          "None" if self.pa is None else "0x%s" % phys_hex(self.pa))

    def __repr__(self):
        return "LongWalk(va=0x%08x, %s, kind=%s)" % (self.va, self.values(), self.kind)


def long_walk_with(mem, tables, va):
    """The MMU's walk of va over guest memory (B3.6.1)."""
    w = LongWalk(va)
    sel = tables.select(va)
    if sel is None:
        w.head = "in neither TTBR0's nor TTBR1's range (T0SZ=%u T1SZ=%u): translation fault" % (
            tables.t0sz, tables.t1sz)
        return w
    which, tsz = sel
    base = tables.ttbr[which]
    name = "TTBR%u" % which if tables.source == "TTBR" else tables.source
    if tables.epd[which]:
        w.head = "TTBCR.EPD%u=1: no walks through TTBR%u (translation fault)" % (which, which)
        return w
    bits = 32 - tsz
    if tsz <= 1:
        level = 1
        i = (va >> L1_SHIFT) & ((1 << (bits - L1_SHIFT)) - 1)
        w.head = "%s at PA 0x%s (T%uSZ=%u: the walk starts at level 1)%s" % (
            name, phys_hex(base), which, tsz, tables.note)
        d = mem.dwords(base + 8 * i, 1)[0]
    else:
        level = 2
        i = (va >> L2_SHIFT) & ((1 << (bits - L2_SHIFT)) - 1)
        w.head = "%s at PA 0x%s (T%uSZ=%u: the walk starts at level 2)%s" % (
            name, phys_hex(base), which, tsz, tables.note)
        # The kernel's v2p starts at its pgd: show that entry too, and say
        # if it is not the table the MMU walks.
        pgd = tables.pgd()
        if pgd is not None:
            w.desc[1] = mem.dwords(pgd + 8 * (va >> L1_SHIFT), 1)[0]
            if lkind_of(1, w.desc[1]) != "TABLE" or \
                    (w.desc[1] & lmask("TABLE", "ADDR")) != (base & lmask("TABLE", "ADDR")):
                w.notes.append("  note: the pgd's L1 entry is not TTBR%u's table (0x%s): "
                               "the MMU walks TTBR%u's" % (which, phys_hex(base), which))
        d = mem.dwords(base + 8 * i, 1)[0]
    while True:
        w.desc[level] = d
        w.level = level
        kind = lkind_of(level, d)
        if kind == "TABLE":
            level += 1
            d = mem.dwords((d & lmask("TABLE", "ADDR")) + 8 * w.index[level], 1)[0]
            continue
        if kind is not None:
            size_bits = {"BLOCK1": L1_SHIFT, "BLOCK2": L2_SHIFT, "PAGE": 12}[kind]
            w.kind = "page" if kind == "PAGE" else "block"
            w.pa = (d & lmask(kind, "ADDR")) | (va & ((1 << size_bits) - 1))
        return w


def vmsplit_walk(va):
    """Walk one virtual address; returns a Walk (short format) or a
    LongWalk (long format), both with lines() and values()."""
    if kernel_is_lpae():
        tables = LongTables()
        with GuestMemory() as mem:
            return long_walk_with(mem, tables, va & 0xffffffff)
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
    one unit for a section or a fault entry, 256 for a page table.  The
    key is the descriptor without its address fields."""
    d = tables.entry(mem, va)
    kind = kind_of(1, d)
    if kind == "SUPER":
        key = d & ~mask("SUPER", "ADDR", "PA35_32", "PA39_36") & 0xffffffff
        return [(va, SECTION_SIZE, "supersection", key, super_pa(d) | (va & 0xf00000),
                 "%s PXN=%u" % (attrs(d, "SUPER"), field(d, "SUPER", "PXN")))]
    if kind == "SECT":
        return [(va, SECTION_SIZE, "section", d & ~mask("SECT", "ADDR") & 0xffffffff,
                 d & mask("SECT", "ADDR"),
                 "domain %u %s PXN=%u" % (field(d, "SECT", "DOMAIN"), attrs(d, "SECT"),
                                          field(d, "SECT", "PXN")))]
    if kind != "TABLE":
        return [(va, SECTION_SIZE, "unmapped", None, None, "")]
    units = []
    table_key = d & ~mask("TABLE", "ADDR", "TYPE") & 0xffffffff
    for i, e in enumerate(mem.words(d & mask("TABLE", "ADDR"), 256)):
        page = va + i * PAGE_SIZE
        table = "; table %s" % table_attrs(d)
        kind = kind_of(2, e)
        if kind == "SMALL":
            units.append((page, PAGE_SIZE, "small pages", (table_key, e & ~mask("SMALL", "ADDR") & 0xffffffff),
                          e & mask("SMALL", "ADDR"), attrs(e, "SMALL") + table))
        elif kind == "LARGE":
            # A large page repeats 16 times; attributes are bits 15:0.
            units.append((page, PAGE_SIZE, "large pages", (table_key, e & ~mask("LARGE", "ADDR") & 0xffffffff),
                          (e & mask("LARGE", "ADDR")) | (page & 0xf000), attrs(e, "LARGE") + table))
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
        table = mem.words(d & mask("TABLE", "ADDR"), 256)
        for i, e in enumerate(table):
            va = mb + i * PAGE_SIZE
            if va + PAGE_SIZE <= start or va >= end:
                continue
            if kind_of(2, e):
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
        if kernel_is_lpae():
            tables = LongTables()
            with GuestMemory() as mem:
                w = long_walk_with(mem, tables, va)
                gdb.write("0x%08x: %s, %s\n" % (va, w.head, mem.how()))
                for line in w.lines():
                    gdb.write(line + "\n")
            return
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
        if kernel_is_lpae():
            raise gdb.GdbError("vmsplit-ptdump: the long-descriptor format is walked by vmsplit-v2p "
                               "only so far; use the kernel's ptdump")
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
