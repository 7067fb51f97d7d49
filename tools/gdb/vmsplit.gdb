# gdb setup for vmsplit under QEMU's gdbstub.  Run from the repository root
# (tools/debug.sh does):
#
#     gdb-multiarch -x tools/gdb/vmsplit.gdb build/3G/vmsplit.elf
#
# It loads the page-table helpers (vmsplit-v2p, vmsplit-ptdump, help in
# `help vmsplit-v2p` ...), connects to localhost:$GDB_PORT (1234 when
# unset: QEMU's -s) and stops on the way to a crash and on power-off.

set architecture arm
set confirm off
source tools/gdb/vmsplit.py

# `target remote localhost:1234`, with the port taken from $GDB_PORT so that
# tools/debug.sh and tests/gdb_test.py can pick another one.
vmsplit-connect

# kernel/traps.c: every unrecoverable exception ends in die() (a static
# function, but not inlined: it is in the symbol table).
break die
commands
  printf "vmsplit: die(): %s\n", what
  print/x *regs
  echo vmsplit: for a data abort, vmsplit-v2p $DFAR walks the faulting address ($DFAR_S when the kernel runs Secure, as on vexpress-a15)\n
end

# The end of a run= list, `poweroff`, and die() itself all come here.
break machine_poweroff
