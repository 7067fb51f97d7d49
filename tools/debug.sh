#!/bin/sh
# Debug the kernel with gdb, the page-table helpers loaded.
#
#   tools/debug.sh [VMSPLIT] [QEMU_MEM] [APPEND]   what `make debug` runs
#   tools/debug.sh console                         (second terminal) the serial console
#
# QEMU starts halted at the kernel's first instruction (-S) with its gdbstub on
# localhost:$GDB_PORT (1234), and gdb-multiarch starts in this terminal with
# tools/gdb/vmsplit.gdb: connected, breakpoints on die() and machine_poweroff(),
# commands vmsplit-v2p, vmsplit-ptdump, vmsplit-serial.  Type `continue` to boot.
#
# Where the serial console goes, and why: gdb needs this terminal, and QEMU's
# serial on the same stdio would mix with gdb's prompt and turn every Ctrl-C
# into a QEMU exit.  So QEMU runs in the background in a session of its own
# (Ctrl-C in gdb stops the guest, not QEMU), and the console, with QEMU's
# monitor multiplexed as in `make run` (Ctrl-A c, Ctrl-A x), is a unix socket,
# build/debug-serial.sock.  Every byte the guest prints is also appended to
# build/debug-serial.log.  So:
#   - with a run="..." list in APPEND nothing needs typing: one terminal, and
#     `vmsplit-serial` in gdb shows the last lines the kernel printed;
#   - to watch it live: `tail -f build/debug-serial.log` in another terminal;
#   - to type at the vmsplit> prompt: `tools/debug.sh console` in another
#     terminal (press Enter for a prompt; Ctrl-] leaves, QEMU keeps running).
# QEMU is killed when gdb exits.  Its own messages go to build/debug-qemu.log.
# (QEMU 7.2 can log a character twice when a console client is slow to read
# and QEMU retries the write; what the client shows is right.)
#
# APPEND is one argument and may hold double quotes and semicolons
# (run="vmalloc 64K; v2p 0xf0000000"): a Makefile must pass it in single
# quotes, '$(subst ','"'"',$(APPEND))', not "$(APPEND)".
#
# Environment: GDB_PORT (1234), CPU (cortex-a15), QEMU (qemu-system-arm),
# GDB (gdb-multiarch).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sock=build/debug-serial.sock
log=build/debug-serial.log

if [ "${1:-}" = console ]; then
	[ -S "$sock" ] || { echo "debug.sh: no $sock: start tools/debug.sh (make debug) first" >&2; exit 1; }
	# No socat or nc on a minimal Debian; python3 is there for the tests.
	# A raw terminal passes Ctrl-A x through to QEMU's multiplexer.
	exec python3 -c '
import os, select, socket, sys, termios, tty
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
fd = sys.stdin.fileno()
saved = termios.tcgetattr(fd)
print("debug.sh: connected to %s; Ctrl-] leaves, Ctrl-A x quits QEMU" % sys.argv[1], end="\r\n")
tty.setraw(fd)
try:
    while True:
        ready = select.select([fd, s], [], [])[0]
        if s in ready:
            data = s.recv(4096)
            if not data:
                break
            os.write(1, data)
        if fd in ready:
            data = os.read(fd, 1024)
            if b"\x1d" in data:
                break
            s.sendall(data)
finally:
    termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    print()
' "$sock"
fi

if [ $# -gt 3 ]; then
	echo "debug.sh: $# arguments: APPEND was split into words; pass it as one (see the header)" >&2
	exit 2
fi
split=${1:-3G}
mem=${2:-1G}
append=${3:-}
port=${GDB_PORT:-1234}
cpu=${CPU:-cortex-a15}
qemu=${QEMU:-qemu-system-arm}
gdb=${GDB:-gdb-multiarch}
# LPAE=1 (make debug LPAE=1 exports it): the long-descriptor kernel.
lpae=${LPAE:-0}
# (Not $([ "$lpae" = 1 ] && echo -lpae): under set -e the assignment takes
# the substitution's status, 1 without LPAE, and the script would stop.)
build=build/$split
if [ "$lpae" = 1 ]; then build=$build-lpae; fi
elf=$build/vmsplit.elf
# BOARD= (make debug BOARD=vexpress-a15): the board's -M and -dtb and the
# image it boots (tools/boards.py); gdb reads the symbols from the ELF of the
# same build, whose virtual addresses are the raw image's once the MMU is on.
board=${BOARD:-virt}
machine=$(python3 tools/boards.py qemu "$board") || exit 2
image=$build/vmsplit.$(python3 tools/boards.py image "$board")
[ -n "${CPU:-}" ] || cpu=$(python3 tools/boards.py cpu "$board")

tools/deps.sh debug
command -v "$gdb" >/dev/null 2>&1 || {
	echo "debug.sh: $gdb not found (tools/deps.sh debug installs gdb-multiarch)" >&2; exit 1; }
# `make debug` has no prerequisites: build (or check) the kernel here.
make --no-print-directory -s VMSPLIT="$split" LPAE="$lpae" kernel
[ "$board" = virt ] || make --no-print-directory -s dtbs
[ -f "$elf" ] || { echo "debug.sh: no $elf after make VMSPLIT=$split LPAE=$lpae kernel" >&2; exit 1; }

rm -f "$sock" "$log"
setsid=$(command -v setsid || true)
# shellcheck disable=SC2086
$setsid "$qemu" $machine -cpu "$cpu" -m "$mem" -nodefaults -display none -nic none \
	-chardev "socket,id=con,path=$sock,server=on,wait=off,mux=on,logfile=$log" \
	-serial chardev:con -mon chardev=con,mode=readline \
	-S -gdb "tcp:localhost:$port" -kernel "$image" -append "$append" \
	>build/debug-qemu.log 2>&1 &
qemu_pid=$!
trap 'kill "$qemu_pid" 2>/dev/null || true' EXIT
trap ':' INT	# Ctrl-C belongs to gdb; the script lives on to clean up

# Wait for QEMU to be up (the console socket appears as it starts), so that a
# busy port or a bad option is reported here and not as a gdb timeout.
i=0
while [ ! -S "$sock" ] && [ $i -lt 50 ] && kill -0 "$qemu_pid" 2>/dev/null; do
	sleep 0.1; i=$((i + 1))
done
sleep 0.2
if ! kill -0 "$qemu_pid" 2>/dev/null; then
	echo "debug.sh: QEMU did not start:" >&2
	cat build/debug-qemu.log >&2
	exit 1
fi

echo "debug.sh: QEMU halted at the first instruction, gdbstub on localhost:$port"
echo "debug.sh: console: build/debug-serial.log (vmsplit-serial in gdb), type with: tools/debug.sh console"
echo "debug.sh: 'continue' boots; vmsplit-v2p VA, vmsplit-ptdump [VA [SIZE]] walk the page tables"
status=0
GDB_PORT=$port VMSPLIT_SERIAL_LOG=$root/$log "$gdb" -q -x tools/gdb/vmsplit.gdb "$elf" || status=$?
exit $status
