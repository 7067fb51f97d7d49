#!/usr/bin/env python3
"""Boot Debian's own armhf kernels on QEMU virt and vmsplit (rules=modern, or
rules=5.10 for Linux 5.10) with
the same -m, -cpu, vmalloc= and mem=, and compare the memory layout they decide.

    tools/linux_compare.py               every case
    tools/linux_compare.py CASE...       the named cases (--list shows them)
    tools/linux_compare.py --subset      the fixed subset make test runs
    tools/linux_compare.py --cached ...  reuse the Linux console of an earlier real
                                         boot with the same kernel, -m, command
                                         line, init and QEMU (build/linux/boots/);
                                         vmsplit is always booted afresh
    tools/linux_compare.py --markdown F  also write the tables to F

The kernels come from tools/linux_fetch.sh (build/linux/kernels.txt); the
initramfs is tools/linux-init/init.c packed here as a newc cpio.  Without the
kernels it prints "linux-compare: skipped: ..." and exits 0.  Ends with
"linux-compare: N cases, A agree, D differ, K deliberate"; exit 1 if D > 0.
"""
import concurrent.futures
import hashlib
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
LINUX = os.environ.get("LINUX_DIR") or os.path.join(BUILD, "linux")   # as tools/linux_fetch.sh
INITDIR = os.path.join(BUILD, "linux-init")
# Debian's armmp kernels are VMSPLIT_3G with short descriptors; its
# armmp-lpae kernels are VMSPLIT_3G with the long-descriptor format, so
# they are held against vmsplit's LPAE build (make kernel-3G-lpae).
VMSPLIT = os.path.join(BUILD, "3G", "vmsplit.elf")
VMSPLIT_LPAE = os.path.join(BUILD, "3G-lpae", "vmsplit.elf")


def vmsplit_for(flavour):
    return VMSPLIT_LPAE if "lpae" in flavour else VMSPLIT
LINUX_TIMEOUT = 60          # seconds of wall time per Linux boot (about 6 under TCG)
VMSPLIT_TIMEOUT = 20
M = 1 << 20

# name: (flavour, -m, extra command line).  Flavours are matched against
# build/linux/kernels.txt: "6.1" / "6.12" then the Debian flavour.
CASES = {
    "ram-256M":          ("6.1 armmp", "256M", ""),
    "ram-512M":          ("6.1 armmp", "512M", ""),
    "ram-1G":            ("6.1 armmp", "1G", ""),
    "ram-2G":            ("6.1 armmp", "2G", ""),
    "ram-3G":            ("6.1 armmp", "3G", ""),
    "ram-4G":            ("6.1 armmp", "4G", ""),
    "vmalloc-garbage":   ("6.1 armmp", "1G", "vmalloc=abc"),
    "vmalloc-8M":        ("6.1 armmp", "1G", "vmalloc=8M"),
    "vmalloc-16M":       ("6.1 armmp", "1G", "vmalloc=16M"),
    "vmalloc-400M":      ("6.1 armmp", "2G", "vmalloc=400M"),
    "vmalloc-unaligned": ("6.1 armmp", "1G", "vmalloc=123456789"),
    "vmalloc-page":      ("6.1 armmp", "1G", "vmalloc=0x75bd000"),
    "vmalloc-900M":      ("6.1 armmp", "2G", "vmalloc=900M"),
    "vmalloc-1G":        ("6.1 armmp", "2G", "vmalloc=1G"),
    "mem-holes":         ("6.1 armmp", "1G", "mem=136M@0x40000000 mem=768M@0x50000000"),
    "mem-small":         ("6.1 armmp", "1G", "mem=300M"),
    # QEMU loads the initramfs at 0x48000000 (RAM + 128 MB): a bank must hold it.
    "mem-unaligned":     ("6.1 armmp", "1G", "mem=0x10000001@0x40000000 mem=0x1000001@0x50000800"),
    "mem-no-dtb-page":   ("6.1 armmp", "1G", "mem=0x8000001@0x40000800 mem=64M@0x48000000"),
    "rt-1G":             ("6.1 rt-armmp", "1G", ""),
    "lpae-1G":           ("6.1 armmp-lpae", "1G", ""),
    "lpae-2G":           ("6.1 armmp-lpae", "2G", ""),
    "lpae-4G":           ("6.1 armmp-lpae", "4G", ""),
    "6.12-1G":           ("6.12 armmp", "1G", ""),
    "6.12-2G":           ("6.12 armmp", "2G", ""),
    "6.12-vmalloc-8M":   ("6.12 armmp", "1G", "vmalloc=8M"),
    "6.12-rt-2G":        ("6.12 rt-armmp", "2G", ""),
    "6.12-lpae-2G":      ("6.12 armmp-lpae", "2G", ""),
    # Linux 5.10 (bullseye): vmsplit's rules=5.10 (5.1-5.13).
    "5.10-256M":         ("5.10 armmp", "256M", ""),
    "5.10-1G":           ("5.10 armmp", "1G", ""),
    "5.10-2G":           ("5.10 armmp", "2G", ""),
    "5.10-3G":           ("5.10 armmp", "3G", ""),
    "5.10-4G":           ("5.10 armmp", "4G", ""),
    "5.10-vmalloc-garbage": ("5.10 armmp", "1G", "vmalloc=abc"),
    "5.10-vmalloc-8M":   ("5.10 armmp", "1G", "vmalloc=8M"),
    "5.10-vmalloc-400M": ("5.10 armmp", "2G", "vmalloc=400M"),
    "5.10-vmalloc-unaligned": ("5.10 armmp", "1G", "vmalloc=123456789"),
    "5.10-vmalloc-1G":   ("5.10 armmp", "2G", "vmalloc=1G"),
    "5.10-mem-holes":    ("5.10 armmp", "1G", "mem=136M@0x40000000 mem=768M@0x50000000"),
    "5.10-rt-1G":        ("5.10 rt-armmp", "1G", ""),
    "5.10-lpae-2G":      ("5.10 armmp-lpae", "2G", ""),
    "5.10-lpae-4G":      ("5.10 armmp-lpae", "4G", ""),
    "a7-1G":             ("6.1 armmp", "1G", ""),
    "a7-lpae-2G":        ("6.1 armmp-lpae", "2G", ""),
    # Several CPUs (SMP below): the boot's SMP lines as well.
    "smp-4":             ("6.1 armmp", "1G", ""),
    "5.10-smp-2":        ("5.10 armmp", "1G", ""),
    "lpae-smp-2":        ("6.1 armmp-lpae", "2G", ""),
}
# -cpu for each case: cortex-a15 unless named here (both boots use the same).
CPU = {"a7-1G": "cortex-a7", "a7-lpae-2G": "cortex-a7"}
# Cases booted with several CPUs (QEMU -smp): they compare the SMP boot
# lines too (topology.c's per CPU, kernel/smp.c's, smp_cpus_done's).
SMP = {"smp-4": 4, "5.10-smp-2": 2, "lpae-smp-2": 2}
# make test's fixed subset (each one real Linux boot).
SUBSET = ["ram-256M", "ram-2G", "vmalloc-garbage", "vmalloc-8M", "vmalloc-unaligned",
          "mem-holes", "rt-1G", "lpae-2G", "6.12-2G", "5.10-vmalloc-8M", "smp-4"]

# Differences that are deliberate: (case pattern, row or "*", reason).  A row that
# differs and matches here counts as deliberate (K), with the reason printed.
DELIBERATE = [
    (r"mem-no-dtb-page$", "*",
     "vmsplit refuses mem= banks that leave out 0x40000000-0x401fffff (its device tree and "
     "image) and falls back to the device tree's RAM; Linux has copied the tree and placed "
     "its image at 0x40208000, so a first bank from 0x40001000 boots"),
    (r"vmalloc-unaligned$", "HighTotal",
     "one highmem page less in Linux: vmalloc=123456789 leaves lowmem ending at the byte "
     "0x77a432eb (5.10: 0x782432eb); paging_init() sets memblock's limit to that byte (arch/arm/mm/mmu.c, "
     "memblock_set_current_limit(arm_lowmem_limit)), so an early top-down allocation lands in "
     "the page 0x77a43000, which the zones count as HighMem, and stays reserved.  The zones "
     "agree; vmsplit does not reproduce where memblock places Linux's own allocations "
     "(vmalloc-page, the same size rounded to a page, agrees in every row)"),
    (r"^(ram|5\.10)-[34]G$", "System RAM",
     "RAM reaching 4 GB: Linux's memblock keeps the region to the byte (memblock_cap_size() "
     "in mm/memblock.c leaves it at PHYS_ADDR_MAX, 0xfffffffe inclusive), and /proc/iomem "
     "shows that; vmsplit's banks are whole pages. Both lose the partial last page, so the "
     "zones and HighTotal agree"),
]
# Cases where Linux panics and vmsplit boots: the boot-time lines (zones,
# messages) are still compared; the reason is printed in the outcome row.
EXPECTED_PANIC = {
    "vmalloc-1G": "vmalloc=1G is limited to 976 MiB, leaving 32 MiB of lowmem: Linux's 36-byte "
                  "struct page needs 18 MiB of lowmem for 2 GB of mem_map and more for the rest; "
                  "vmsplit's 16-byte struct page fits in 8 MiB, so it boots",
    "vmalloc-900M": "116 MiB of lowmem for 2 GB of RAM: Linux runs out of lowmem before init "
                    "(mem_map, CMA, page cache); vmsplit's smaller mem_map fits",
    "5.10-vmalloc-1G": "vmalloc=1G is limited to 984 MB (5.10 does not take VMALLOC_OFFSET off the "
                       "limit), leaving 32 MB of lowmem: Linux's mem_map for 2 GB needs 18 MiB "
                       "(its panic says so) and does not fit beside the image and CMA; vmsplit's "
                       "16-byte struct page fits in 8 MiB, so it boots",
    "5.10-lpae-4G": "Linux 5.10 armmp-lpae with RAM past 4 GB on QEMU 7.2: init dies with SIGSEGV "
                    "(exit code 0xb), as 6.1's does with a translation-table-walk abort for a "
                    "page table above 4 GB; the boot-time layout is still compared",
    "lpae-4G": "Linux 6.1 armmp-lpae on QEMU 7.2 with RAM past 4 GB: init dies on a "
               "'synchronous abort (translation table walk)' for a user page table at "
               "0x13f8bc000, above 4 GB; the boot-time layout is still compared",
}
# Rows shown for information, never compared, and why.
NOT_COMPARED = {
    "MemTotal": "kernel image size, CMA and reservations differ (vmsplit's image is ~300 kB, "
                "Debian's ~17 MB; vmsplit does not model CMA)",
    "CMA": "vmsplit does not model CMA (Debian reserves 16 MiB at the top of lowmem or RAM)",
    "kernel": "the kernel that booted",
}


# ------------------------------------------------------------ kernels and initramfs

def kernels():
    """{'6.1 armmp': (package, version, sha256, vmlinuz path)} from kernels.txt."""
    path = os.path.join(LINUX, "kernels.txt")
    out = {}
    if not os.path.exists(path):
        return out
    for line in open(path):
        f = line.split()
        if len(f) != 4:
            continue
        pkg, ver, sha, vmlinuz = f
        m = re.match(r"linux-image-(\d+\.\d+)[.\d]*(?:-\d+)?(?:\+deb\d+)?-(.*)$", pkg)
        if m:
            out[f"{m.group(1)} {m.group(2)}"] = (pkg, ver, sha, os.path.join(LINUX, vmlinuz))
    return out


def newc(entries):
    """A newc cpio archive of (name, mode, data, (rdevmajor, rdevminor))."""
    out = bytearray()
    for ino, (name, mode, data, rdev) in enumerate(entries + [("TRAILER!!!", 0, b"", (0, 0))], 1):
        nb = name.encode() + b"\0"
        fields = (0 if name == "TRAILER!!!" else ino, mode, 0, 0, 1, 0, len(data), 0, 0,
                  rdev[0], rdev[1], len(nb), 0)
        hdr = ("070701" + "".join("%08x" % v for v in fields)).encode()
        out += hdr + nb + b"\0" * (-(len(hdr) + len(nb)) % 4)
        out += data + b"\0" * (-len(data) % 4)
    return bytes(out)


def build_initramfs():
    os.makedirs(INITDIR, exist_ok=True)
    src = os.path.join(ROOT, "tools", "linux-init", "init.c")
    init = os.path.join(INITDIR, "init")
    cpio = os.path.join(INITDIR, "init.cpio")
    if not os.path.exists(init) or os.path.getmtime(init) < os.path.getmtime(src):
        subprocess.run(["arm-none-eabi-gcc", "-Os", "-marm", "-march=armv7-a", "-ffreestanding",
                        "-fno-builtin", "-nostdlib", "-static", "-Wall", "-Wextra", "-Werror",
                        "-Wl,-e,_start", "-Wl,--build-id=none", "-o", init, src], check=True)
    data = open(init, "rb").read()
    open(cpio, "wb").write(newc([
        ("dev", 0o040755, b"", (0, 0)), ("dev/console", 0o020600, b"", (5, 1)),
        ("proc", 0o040555, b"", (0, 0)), ("init", 0o100755, data, (0, 0))]))
    return cpio


# ------------------------------------------------------------ booting

def run_qemu(kernel, mem, append, timeout, initrd=None, semihosting=False, cpu="cortex-a15", smp=1):
    cmd = ["qemu-system-arm", "-M", "virt", "-cpu", cpu, "-m", mem, "-nic", "none",
           "-nographic", "-monitor", "none", "-serial", "stdio", "-kernel", kernel,
           "-append", append]
    if smp != 1:
        cmd += ["-smp", str(smp)]
    if initrd:
        cmd += ["-initrd", initrd, "-no-reboot"]   # panic=-1 then ends QEMU
    if semihosting:
        cmd += ["-semihosting-config", "enable=on,target=native"]
    # Into a file, so a boot that times out still shows how far it got.  QEMU
    # gets its own descriptor opened for appending and this side reads through
    # another: sharing one offset, a seek to read would move where QEMU writes
    # and overwrite what it wrote before (that was the "lost bytes").
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "console")
        with open(path, "ab") as w, open(path + ".err", "ab") as e:
            p = subprocess.Popen(cmd, stdout=w, stderr=e, stdin=subprocess.DEVNULL)
        deadline, timed_out = time.time() + timeout, False
        while p.poll() is None:
            with open(path, "rb") as r:
                if b"---[ end Kernel panic" in r.read():
                    time.sleep(0.2)      # a panic that does not restart: its last line is out
                    break
            if time.time() > deadline:
                timed_out = True
                break
            time.sleep(0.25)
        if p.poll() is None:
            p.kill()
        p.wait()
        out = open(path, "rb").read() + open(path + ".err", "rb").read()
    return out.decode("utf-8", "surrogateescape").replace("\r\n", "\n"), timed_out


MESSAGE = re.compile(r"vmalloc area is|vmalloc area too|Truncating RAM|Ignoring RAM|Ignoring memory|Consider using"
                     r"|NR_BANKS|Truncating memory")


def section(log, name):
    m = re.search(r"==== BEGIN %s ====\n(.*?)==== END %s ====" % (re.escape(name), re.escape(name)),
                  log, re.S)
    return m.group(1) if m else None


def damaged(log):
    """The sections whose length or byte sum (init's END line, hex) do not
    match what arrived: the console lost or changed bytes."""
    bad = []
    for m in re.finditer(r"==== BEGIN (\S+) ====\n(.*?)==== END \1 ==== ([0-9a-f]{8}) ([0-9a-f]{8})\n",
                         log, re.S):
        data = m.group(2).encode("utf-8", "surrogateescape")
        if len(data) != int(m.group(3), 16) or sum(data) & 0xffffffff != int(m.group(4), 16):
            bad.append(m.group(1))
    if "==== DONE ====" in log and not re.search(
            r"==== END /proc/meminfo ==== [0-9a-f]{8} [0-9a-f]{8}\n", log):
        bad.append("markers")
    return bad


def parse_zones(lines):
    low = high = None
    for l in lines:
        m = re.match(r"\s+(DMA|Normal|HighMem)\s+(?:\[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\]|empty)", l)
        if not m:
            continue
        r = (int(m.group(2), 16), int(m.group(3), 16)) if m.group(2) else None
        if m.group(1) == "HighMem":
            high = r or "empty"
        elif r:   # Debian's kernels have ZONE_DMA covering all lowmem: DMA and Normal are lowmem
            low = (min(low[0], r[0]), max(low[1], r[1])) if low else r
    return low, high


def fmt_range(r):
    if r is None:
        return "-"
    if isinstance(r, str):
        return r
    return "0x%08x-0x%08x" % r


def merge(ranges):
    out = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def kb(text, key):
    m = re.search(r"^%s:\s+(\d+) kB" % key, text or "", re.M)
    return int(m.group(1)) if m else None


def parse_linux(log, timed_out):
    # With "quiet" the boot's lines come from init's copy of the kernel log.
    dmesg = section(log, "dmesg")
    text = log if dmesg is None else dmesg
    lines = [re.sub(r"^(<\d+>)?\[\s*[\d.]+\] ", "", l) for l in text.split("\n")]
    lines += [l for l in log.split("\n") if "Kernel panic" in l]
    r = {}
    panic = [l for l in lines if "Kernel panic" in l]
    r["outcome"] = ("panic: " + panic[0].split(" - ", 1)[-1][:90]) if panic else \
        ("timed out" if timed_out else ("reached user space" if "==== DONE ====" in log
                                        else "stopped before user space"))
    ver = [l for l in lines if l.startswith("Linux version")]
    r["kernel"] = ver[0].split()[2] if ver else "?"
    r["lowmem zone"], r["highmem zone"] = parse_zones(lines)
    r["messages"] = [l.strip() for l in lines if MESSAGE.search(l)]
    mem = [l for l in lines if l.startswith("Memory: ")]
    m = re.search(r"(\d+)K cma-reserved", mem[0]) if mem else None
    r["CMA"] = "%d kB" % int(m.group(1)) if m else "-"
    mi = section(log, "/proc/meminfo")
    for k in ("MemTotal", "HighTotal", "VmallocTotal"):
        r[k] = kb(mi, k)
    vi = section(log, "/proc/vmallocinfo")
    areas = []
    for l in (vi or "").split("\n"):
        m = re.match(r"0x([0-9a-f]+)-0x([0-9a-f]+)\s+\d+ ", l)
        if m:
            pages = re.search(r" pages=(\d+)", l)
            kind = l.split()[-1]
            areas.append((int(m.group(1), 16), int(m.group(2), 16),
                          pages.group(1) if pages else None, kind, l))
    # iotable_init's area below high_memory is CMA's own record of its lowmem
    # (dma_contiguous_remap, arch/arm/mm/dma-mapping.c), not vmalloc space.
    cma = [a for a in areas if "iotable_init" in a[4]]
    areas = [a for a in areas if "iotable_init" not in a[4]]
    # pci_reserve_io's 2 MiB sit at the fixed PCI_IO_VIRT_BASE, 0xfee00000
    # (arch/arm/mm/ioremap.c), wherever VMALLOC_START is: with a 16 MB area
    # under 5.10 it lies in the 8 MiB gap below VMALLOC_START (0xff000000),
    # so it does not tell where the allocator's space begins.
    areas = [a for a in areas if not a[4].split()[2].startswith("pci_reserve_io+")]
    if cma:
        r["CMA"] += ", its lowmem recorded as a vm area at 0x%08x-0x%08x" % (cma[0][0], cma[0][1])
    r["VMALLOC_START"] = "0x%08x" % min(a[0] for a in areas) if areas else None
    guards = [(a[1] - a[0]) // 4096 - int(a[2]) for a in areas if a[2] and a[3] == "vmalloc"]
    r["guard pages"] = ("%d after each area" % guards[0]
                        if guards and len(set(guards)) == 1 else
                        ("mixed: %s" % sorted(set(guards)) if guards else None))
    io = section(log, "/proc/iomem")
    ram = [(int(m.group(1), 16), int(m.group(2), 16)) for m in
           re.finditer(r"^([0-9a-f]+)-([0-9a-f]+) : System RAM", io or "", re.M)]
    r["System RAM"] = " ".join(fmt_range(x) for x in merge(ram)) if ram else None
    r["SMP lines"] = [l.strip() for l in lines if SMP_LINE.match(l.strip())]
    return r


def rules_for(flavour):
    """vmsplit's era for a Debian kernel: 5.1-5.13 read vmalloc= without
    VMALLOC_OFFSET (rules=5.10), 5.14 on with it (rules=modern)."""
    return "5.10" if re.match(r"5\.([1-9]|1[0-3])\b", flavour) else "modern"


def parse_vmsplit(log, timed_out, rules="modern"):
    lines = log.split("\n")
    r = {"outcome": "timed out" if timed_out else
         ("ran its commands" if "run: 0 commands failed" in log else "did not finish its commands"),
         "kernel": "vmsplit rules=" + rules, "CMA": "not modelled"}
    r["lowmem zone"], r["highmem zone"] = parse_zones(lines)
    r["messages"] = [l.strip() for l in lines if MESSAGE.search(l) and not l.startswith("Kernel command")]
    mi = log.split("vmsplit> meminfo", 1)[-1]
    for k in ("MemTotal", "HighTotal", "VmallocTotal"):
        r[k] = kb(mi, k)
    m = re.search(r"^vmalloc areas in 0x([0-9a-f]+)-0x([0-9a-f]+)", log, re.M)
    # The first area (vmalloc 8K, made by the run= line) sits at VMALLOC_START.
    a = re.search(r"^  0x([0-9a-f]+)-0x([0-9a-f]+)\s+\d+ kB  vmalloc\s+(\d+) pages?\n"
                  r"  0x([0-9a-f]+)-0x([0-9a-f]+)\s+4 kB  guard", log, re.M)
    r["VMALLOC_START"] = "0x%08x" % int(m.group(1), 16) if m else None
    r["guard pages"] = "1 after each area" if a else None
    banks = [(int(m.group(1), 16), int(m.group(2), 16)) for m in
             re.finditer(r"^  0x([0-9a-f]+)-0x([0-9a-f]+)\s+\d+ KB  (?:lowmem|highmem)", log, re.M)]
    r["System RAM"] = " ".join(fmt_range(x) for x in merge(banks)) if banks else None
    r["SMP lines"] = [l.strip() for l in lines if SMP_LINE.match(l.strip())]
    return r


ROWS = ["kernel", "outcome", "lowmem zone", "highmem zone", "messages", "HighTotal",
        "VmallocTotal", "VMALLOC_START", "guard pages", "System RAM", "MemTotal", "CMA"]
# The SMP boot's own lines, compared in the SMP cases only (with one CPU
# vmsplit prints none of them, by design: its one-CPU boot is unchanged).
SMP_LINE = re.compile(r"^(CPU\d+: thread .*|smp: .*|SMP: Total of .*|Brought up .*)$")


def show(v):
    if isinstance(v, list):
        return "; ".join(v) if v else "(none)"
    if isinstance(v, tuple) or isinstance(v, str) and v == "empty":
        return fmt_range(v)
    if isinstance(v, int):
        return "%d kB" % v
    return "-" if v is None else str(v)


def compare(name, lx, vs):
    """Rows (row, linux, vmsplit, verdict) and the case's verdict."""
    rows, verdict = [], "agree"
    panicked = lx["outcome"].startswith("panic")
    for row in ROWS + (["SMP lines"] if name in SMP else []):
        a, b = show(lx.get(row)), show(vs.get(row))
        if row in NOT_COMPARED:
            v = "not compared"
        elif row == "outcome":
            v = "agree" if not panicked and lx["outcome"] == "reached user space" \
                and vs["outcome"] == "ran its commands" else "DIFFER"
            if panicked and name in EXPECTED_PANIC and vs["outcome"] == "ran its commands":
                v = "deliberate: Linux panics, vmsplit boots: " + EXPECTED_PANIC[name]
        elif panicked and row not in ("lowmem zone", "highmem zone", "messages"):
            v = "-"          # nothing from user space to compare
        elif a == b:
            v = "agree"
        else:
            why = [d for d in DELIBERATE if re.search(d[0], name) and d[1] in (row, "*")]
            v = "deliberate: " + why[0][2] if why else "DIFFER"
        rows.append((row, a, b, v))
        if v == "DIFFER" and verdict != "differ":
            verdict = "differ"
        elif v.startswith("deliberate") and verdict == "agree":
            verdict = "deliberate"
    return rows, verdict


_QEMU_VERSION = []


def boot_key(kern, mem, append, initrd, cpu, smp=1):
    """What a Linux boot's console depends on: the kernel package (its
    sha256), -m, the command line, our init (its bytes) and QEMU's version.
    Same key, same boot: the console is Linux's deterministic answer."""
    if not _QEMU_VERSION:
        v = subprocess.run(["qemu-system-arm", "--version"], capture_output=True, text=True)
        _QEMU_VERSION.append(v.stdout.split("\n")[0])
    h = hashlib.sha256()
    # -smp joins the key only when it is not 1: the keys of the one-CPU
    # boots already stored stay what they were.
    for part in (kern[2], mem, append, cpu, _QEMU_VERSION[0]) + (("smp=%d" % smp,) if smp != 1 else ()):
        h.update(part.encode() + b"\0")
    h.update(open(initrd, "rb").read())
    return h.hexdigest()[:24]


def boot_linux(name, kern, mem, append, initrd, cached):
    cpu = CPU.get(name, "cortex-a15")
    smp = SMP.get(name, 1)
    """The Linux console for this case: booted now, or, with cached, the
    console of an earlier real boot with the same key (build/linux/boots/).
    A boot whose console lost bytes (rare, under load) is booted again,
    twice at most, and never kept."""
    store = os.path.join(LINUX, "boots", boot_key(kern, mem, append, initrd, cpu, smp) + ".log")
    if cached and os.path.exists(store):
        return open(store, errors="surrogateescape").read(), False, [], True
    for attempt in range(3):
        llog, lto = run_qemu(kern[3], mem, append, LINUX_TIMEOUT, initrd=initrd, cpu=cpu, smp=smp)
        lost = damaged(llog)
        if not lost:
            break
        print("linux-compare: %s: the console lost bytes in %s; booting again" % (name, ", ".join(lost)),
              flush=True)
    if not lost and not lto:
        os.makedirs(os.path.dirname(store), exist_ok=True)
        with open(store + ".tmp", "w", errors="surrogateescape") as f:
            f.write(llog)
        os.replace(store + ".tmp", store)
    return llog, lto, lost, False


def run_case(name, kern, initrd, cached=False):
    flavour, mem, extra = CASES[name]
    t0 = time.time()
    # "quiet" unless Linux is expected to panic before init: the serial
    # console costs seconds of TCG time, and init prints the log anyway.
    quiet = "" if name in EXPECTED_PANIC else "quiet "
    # cryptomgr.notests: the crypto self-tests (rsa, dh, the algapi's
    # deferred ones) take 1.5-3 s of TCG time per boot and touch nothing
    # the comparison reads.
    lin_append = "earlycon console=ttyAMA0 no_hash_pointers panic=-1 cryptomgr.notests " + quiet + extra
    llog, lto, lost, reused = boot_linux(name, kern, mem, lin_append.strip(), initrd, cached)
    rules = rules_for(flavour)
    vlog, vto = run_qemu(vmsplit_for(flavour), mem, ("rules=%s highmem=on %s run=\"vmalloc 8K; meminfo; areas; "
                                        "layout; memmap\"" % (rules, extra)).replace("  ", " "),
                         VMSPLIT_TIMEOUT, semihosting=True, cpu=CPU.get(name, "cortex-a15"),
                         smp=SMP.get(name, 1))
    os.makedirs(os.path.join(BUILD, "linux-compare"), exist_ok=True)
    open(os.path.join(BUILD, "linux-compare", name + ".linux.log"), "w", errors="replace").write(llog)
    open(os.path.join(BUILD, "linux-compare", name + ".vmsplit.log"), "w", errors="replace").write(vlog)
    lx, vs = parse_linux(llog, lto), parse_vmsplit(vlog, vto, rules)
    if lost:
        lx["outcome"] = "the console lost bytes in %s, three boots in a row" % ", ".join(lost)
    rows, verdict = compare(name, lx, vs)
    return name, rows, verdict, time.time() - t0, reused


def table(name, rows, verdict):
    flavour, mem, extra = CASES[name]
    cpu = CPU.get(name)
    out = ["### %s: %s, -m %s%s%s%s: %s" % (name, flavour, mem, ", -cpu " + cpu if cpu else "",
                                            ", -smp %d" % SMP[name] if name in SMP else "",
                                            ", " + extra if extra else "", verdict),
           ""]
    if "lpae" in flavour:
        out += ["LPAE kernel: compared against vmsplit's LPAE build (build/3G-lpae, "
                "long descriptors, 40-bit physical addresses).", ""]
    out += [ "| | Linux | vmsplit | |", "|---|---|---|---|"]
    for row, a, b, v in rows:
        out.append("| %s | %s | %s | %s |" % (row, a.replace("|", "/"), b.replace("|", "/"), v))
    return out


def main(argv):
    md = None
    if "--markdown" in argv:
        i = argv.index("--markdown")
        md = argv[i + 1]
        del argv[i:i + 2]
    if "--list" in argv:
        for n, c in CASES.items():
            print("%-18s %-16s -m %-5s %s%s" % (n, c[0], c[1], c[2], "-cpu " + CPU[n] if n in CPU else ""))
        return 0
    names = SUBSET if "--subset" in argv else [a for a in argv if not a.startswith("-")] or list(CASES)
    bad = [n for n in names if n not in CASES]
    if bad:
        print("linux-compare: unknown case %s (--list shows them)" % ", ".join(bad))
        return 2
    ks = kernels()
    if not ks:
        print("linux-compare: skipped: no kernels in build/linux/kernels.txt "
              "(tools/linux_fetch.sh could not fetch them; see its line above)")
        return 0
    for k in sorted({vmsplit_for(CASES[n][0]) for n in names}):
        if not os.path.exists(k):
            print("linux-compare: %s is missing (make kernel kernel-3G-lpae)" % k)
            return 2
    missing = [n for n in names if CASES[n][0] not in ks]
    for n in missing:
        print("linux-compare: %s: skipped: the archive offered no %s kernel" % (n, CASES[n][0]))
    names = [n for n in names if n not in missing]
    initrd = build_initramfs()
    t0 = time.time()
    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        cached = "--cached" in argv
        futs = [pool.submit(run_case, n, ks[CASES[n][0]], initrd, cached) for n in names]
        for f in futs:
            name, rows, verdict, secs, reused = f.result()
            results[name] = (rows, verdict)
            print("\n".join(table(name, rows, verdict)))
            print("(%.1f s%s)\n" % (secs, "; Linux's console from an earlier boot with the same kernel, "
                                          "-m, command line, init and QEMU" if reused else ""), flush=True)
    counts = {v: sum(1 for r in results.values() if r[1] == v) for v in ("agree", "differ", "deliberate")}
    for name, (rows, verdict) in results.items():
        if verdict == "differ":
            first = [r for r in rows if r[3] == "DIFFER"][0]
            print("linux-compare: %s: first difference: %s: Linux %s, vmsplit %s (logs in "
                  "build/linux-compare/%s.*.log)" % (name, first[0], first[1], first[2], name))
    summary = "linux-compare: %d cases, %d agree, %d differ, %d deliberate" % (
        len(results), counts["agree"], counts["differ"], counts["deliberate"])
    if md:
        with open(md, "w") as f:
            f.write("<!-- generated by tools/linux_compare.py --markdown -->\n")
            f.write("Kernels (build/linux/kernels.txt):\n\n| flavour | package | version | sha256 of the .deb |\n|---|---|---|---|\n")
            for fl, k in sorted(ks.items()):
                f.write("| %s | %s | %s | `%s` |\n" % (fl, k[0], k[1], k[2]))
            f.write("\n")
            for name in names:
                f.write("\n".join(table(name, *results[name])) + "\n\n")
            f.write(summary + "\n")
    print("(%.0f s of wall time)" % (time.time() - t0))
    print(summary)
    return 1 if counts["differ"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
