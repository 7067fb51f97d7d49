#!/bin/sh
# Check (and, as root on Debian, install) what `make run` / `make test` need.
#   tools/deps.sh run|test|debug
# Exits non-zero with the exact command to type when something is missing
# and cannot be installed here.
set -eu

want=${1:-test}
pkgs="gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm device-tree-compiler"
case "$want" in
	run)   ;;
	test)  pkgs="$pkgs gcc make libcmocka-dev python3 python3-pexpect gdb-multiarch clang" ;;
	debug) pkgs="$pkgs gdb-multiarch" ;;
	*)     echo "usage: $0 run|test|debug" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
	# Not Debian: only check that the tools answer.
	for c in arm-none-eabi-gcc qemu-system-arm dtc; do
		command -v "$c" >/dev/null 2>&1 || {
			echo "vmsplit needs $c (Debian packages: $pkgs)." >&2; exit 1; }
	done
	exit 0
fi

missing=""
for p in $pkgs; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$st" = "install ok installed" ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	echo "vmsplit: installing missing Debian packages:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
	echo "vmsplit: installed:$missing"
else
	echo "vmsplit: missing Debian packages:$missing" >&2
	echo "Install them with:" >&2
	echo "    sudo apt-get install -y --no-install-recommends$missing" >&2
	exit 1
fi
