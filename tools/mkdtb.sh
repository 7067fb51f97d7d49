#!/bin/sh
# Build a device tree for a scenario: the one QEMU virt itself generates
# for the given RAM size, with the nodes of dts/NAME.dtsi added at the root.
#
#   tools/mkdtb.sh OUT.dtb NAME SIZE      e.g. build/dt/msm-holes-1G.dtb msm-holes 1G
#
# QEMU writes its tree with -M virt,dumpdtb=; dtc turns it into source, the
# fragment goes in before the root's closing brace, and dtc compiles it
# back.  QEMU then boots with -dtb OUT.dtb and only rewrites /chosen.
set -eu
out=$1 name=$2 size=$3
root=$(cd "$(dirname "$0")/.." && pwd)
frag=$root/dts/$name.dtsi
qemu=${QEMU:-qemu-system-arm}

[ -f "$frag" ] || { echo "mkdtb.sh: no $frag" >&2; exit 1; }
command -v dtc >/dev/null 2>&1 || {
	echo "mkdtb.sh: dtc not found (Debian package device-tree-compiler; tools/deps.sh installs it)" >&2
	exit 1; }
mkdir -p "$(dirname "$out")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$qemu" -M "virt,dumpdtb=$tmp/virt.dtb" -cpu cortex-a15 -m "$size" -nographic -nic none \
	>/dev/null 2>"$tmp/qemu.err" || { cat "$tmp/qemu.err" >&2; exit 1; }
dtc -q -I dtb -O dts -o "$tmp/virt.dts" "$tmp/virt.dtb"
# Everything up to the root's last "};", the fragment, then that line.
last=$(grep -n '^};' "$tmp/virt.dts" | tail -1 | cut -d: -f1)
{
	head -n $((last - 1)) "$tmp/virt.dts"
	cat "$frag"
	tail -n +"$last" "$tmp/virt.dts"
} >"$tmp/out.dts"
dtc -q -I dts -O dtb -o "$out" "$tmp/out.dts"
