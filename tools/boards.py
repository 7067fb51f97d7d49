#!/usr/bin/env python3
"""The QEMU boards vmsplit boots on, and how each is booted.

One kernel per split and format serves every board: build/<split>/vmsplit.elf
(virt's ELF boot, loaded at 0x40100000) and build/<split>/vmsplit.bin, the
same kernel as a raw image, which QEMU boots the Linux way on any board
(loaded at RAM + 0x10000, r2 = the device tree).  Everything else about a
board (RAM, console, GIC, timer) is in its device tree: QEMU generates
virt's, and dts/<board>.dts is the project's own for the boards where QEMU
generates none.

    boards.py qemu BOARD [elf|bin]   the QEMU options for make run BOARD= (with
                                     semihosting where it is the power switch)
    boards.py image BOARD            the image a boot uses by default: elf or bin
    boards.py cpu BOARD              the CPU make run gives QEMU unless CPU= says
    boards.py dtb BOARD              the device tree the build must make, or nothing
"""
import sys

BOARDS = {
    # QEMU generates the tree; an ELF keeps the first megabyte free for it.
    # PSCI through QEMU's own firmware emulation powers it off.
    "virt": {"machine": "virt", "image": "elf", "dtb": None, "extra": [], "semihosting": False,
             "cpu": "cortex-a15"},
    # No tree from QEMU (dts/vexpress-a15.dts); RAM at 0x80000000, so an
    # ELF linked for 0x40100000 cannot load: the raw image only.  The
    # PL041's sound goes nowhere (QEMU would try every host audio driver);
    # no PSCI: semihosting's exit is the power switch.
    "vexpress-a15": {"machine": "vexpress-a15", "image": "bin", "dtb": "build/boards/vexpress-a15.dtb",
                     "extra": ["-audiodev", "none,id=snd0", "-global", "pl041.audiodev=snd0"],
                     "semihosting": True, "cpu": "cortex-a15"},
    # dts/raspi2b.dts; RAM at 0, four Cortex-A7s (QEMU takes no other CPU
    # here), no GIC: the tick and the console's input through the BCM2836's
    # local controller and the BCM2835's behind it; no PSCI.
    "raspi2b": {"machine": "raspi2b", "image": "bin", "dtb": "build/boards/raspi2b.dtb", "extra": [],
                "semihosting": True, "cpu": "cortex-a7"},
}


def board(name):
    if name not in BOARDS:
        raise SystemExit(f"boards.py: no board \"{name}\"; choose one of {', '.join(BOARDS)}")
    return BOARDS[name]


def kernel_file(name, image=None):
    """vmsplit.elf or vmsplit.bin, the board's choice unless image says."""
    return "vmsplit." + (image or board(name)["image"])


def qemu_args(name, extra=()):
    """-M and -dtb for the board; a scenario's own -M (virt,virtualization=on) wins."""
    b = board(name)
    args = [] if "-M" in extra else ["-M", b["machine"]]
    if b["dtb"] and "-dtb" not in extra:
        args += ["-dtb", b["dtb"]]
    return args + b["extra"]


def main(argv):
    if len(argv) >= 3 and argv[1] == "qemu":
        image = argv[3] if len(argv) > 3 else None
        if image not in (None, "elf", "bin"):
            raise SystemExit(f"boards.py: IMAGE={image}: elf or bin")
        if image == "elf" and board(argv[2])["image"] != "elf":
            raise SystemExit(f"boards.py: {argv[2]} boots the raw image only (its RAM is not where "
                             "the ELF is linked to load); leave IMAGE unset")
        semihosting = ["-semihosting-config", "enable=on,target=native"] if board(argv[2])["semihosting"] else []
        print(" ".join(qemu_args(argv[2]) + semihosting))
        return 0
    if len(argv) == 3 and argv[1] == "cpu":
        print(board(argv[2])["cpu"])
        return 0
    if len(argv) == 3 and argv[1] == "image":
        print(board(argv[2])["image"])
        return 0
    if len(argv) == 3 and argv[1] == "dtb":
        print(board(argv[2])["dtb"] or "")
        return 0
    print(__doc__.strip().split("\n\n")[-1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
