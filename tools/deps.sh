#!/bin/sh
# Check (and, as root on Debian, install) what `make run` / `make test` need.
#   tools/deps.sh run|test|debug|web|web-test
# web is the browser page's build (clang for wasm32, wasi-libc); web-test
# adds the browser its test drives (Debian's chromium) and npm's
# playwright-core, installed into build/npm (not the system's node).
# Exits non-zero with the exact command to type when something is missing
# and cannot be installed here.
set -eu

want=${1:-test}
pkgs="gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm device-tree-compiler"
case "$want" in
	run)   ;;
	test)  pkgs="$pkgs gcc make libcmocka-dev python3 python3-pexpect gdb-multiarch clang" ;;
	debug) pkgs="$pkgs gdb-multiarch" ;;
	web)   pkgs="$pkgs clang lld wasi-libc libclang-rt-14-dev-wasm32" ;;
	web-test) pkgs="$pkgs clang lld wasi-libc libclang-rt-14-dev-wasm32 chromium nodejs npm" ;;
	*)     echo "usage: $0 run|test|debug|web|web-test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
	# Not Debian: only check that the tools answer.
	cmds="arm-none-eabi-gcc qemu-system-arm dtc"
	case "$want" in web*) cmds="$cmds clang wasm-ld" ;; esac
	[ "$want" = web-test ] && cmds="$cmds chromium npm"
	for c in $cmds; do
		command -v "$c" >/dev/null 2>&1 || {
			echo "vmsplit needs $c (Debian packages: $pkgs)." >&2; exit 1; }
	done
	exit 0
fi

# The browser test's driver, from npm, pinned; build/npm is the tree's own
# node_modules, so nothing outside the tree changes.
PLAYWRIGHT=playwright-core@1.65.2
npm_dir=$(cd "$(dirname "$0")/.." && pwd)/build/npm
npm_deps() {
	[ "$want" = web-test ] || return 0
	[ -f "$npm_dir/node_modules/playwright-core/package.json" ] && return 0
	echo "vmsplit: installing $PLAYWRIGHT from npm into $npm_dir"
	mkdir -p "$npm_dir"
	npm install --prefix "$npm_dir" --no-audit --no-fund --silent "$PLAYWRIGHT" >/dev/null 2>&1 || {
		echo "vmsplit: npm could not install $PLAYWRIGHT (no network?); by hand:" >&2
		echo "    npm install --prefix $npm_dir $PLAYWRIGHT" >&2
		exit 1; }
}

missing=""
for p in $pkgs; do
	# nodejs from NodeSource also provides npm: a working npm is enough.
	[ "$p" = npm ] && command -v npm >/dev/null 2>&1 && continue
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$st" = "install ok installed" ] || missing="$missing $p"
done
if [ -z "$missing" ]; then
	npm_deps
	exit 0
fi

if [ "$(id -u)" = 0 ]; then
	echo "vmsplit: installing missing Debian packages:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
	echo "vmsplit: installed:$missing"
	npm_deps
else
	echo "vmsplit: missing Debian packages:$missing" >&2
	echo "Install them with:" >&2
	echo "    sudo apt-get install -y --no-install-recommends$missing" >&2
	exit 1
fi
