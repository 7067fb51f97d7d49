#!/bin/sh
# Fetch Debian's own armhf kernels (linux-image-*-armmp, -armmp-lpae) once and
# unpack them under build/linux/<package>_<version>/ without installing them.
# Needs root on Debian (dpkg --add-architecture armhf, apt-get update) and the
# archive.  Prints "skipped: <reason>" and exits 0 when it cannot fetch, so
# the test driver runs everything else.  Records versions and sha256 in
# build/linux/kernels.txt.  Nothing is installed into the system beyond the
# armhf architecture and the apt lists.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${LINUX_DIR:-$ROOT/build/linux}
LIST=$OUT/kernels.txt
start=$(date +%s)
# Without a network apt would retry for minutes: fail fast instead.
APT_NET="-o Acquire::Retries=0 -o Acquire::http::Timeout=10 -o Acquire::https::Timeout=10"
skip() { echo "linux-fetch: skipped: $*"; exit 0; }

if [ -s "$LIST" ] && [ -z "${LINUX_REFETCH:-}" ]; then
    ok=1
    while read -r pkg ver sha vmlinuz; do
        [ -f "$OUT/$vmlinuz" ] || ok=0
    done < "$LIST"
    [ $ok = 1 ] && { echo "linux-fetch: cached: $(wc -l < "$LIST") kernels in $LIST"; exit 0; }
fi
command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 ||
    skip "not a Debian system (no dpkg/apt-get)"
mkdir -p "$OUT"
if ! dpkg --print-foreign-architectures | grep -qx armhf; then
    [ "$(id -u)" = 0 ] || skip "not root: cannot run dpkg --add-architecture armhf (run: sudo $0)"
    echo "linux-fetch: dpkg --add-architecture armhf"
    dpkg --add-architecture armhf || skip "dpkg --add-architecture armhf failed"
fi
# The current ABI of each flavour: what the metapackages (linux-image-armmp,
# -armmp-lpae, -rt-armmp and the 6.12 backport's linux-image-6.12-*) depend on.
names() { apt-cache search --names-only '^linux-image-(6\.[0-9]+-)?(rt-)?armmp(-lpae)?$' 2>/dev/null |
          awk '{print $1}' | sort -u | while read -r meta; do
              apt-cache depends "$meta:armhf" 2>/dev/null |
                  sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*\).*/\1/p' | head -1
          done | sort -u; }
if [ -z "$(names)" ] || [ -n "${LINUX_UPDATE:-}" ]; then
    [ "$(id -u)" = 0 ] || skip "not root: cannot run apt-get update for the armhf lists (run: sudo $0)"
    echo "linux-fetch: apt-get update (armhf lists, once; the first run takes a minute)"
    apt-get update -qq $APT_NET >"$OUT/apt-update.log" 2>&1 ||
        skip "no network: apt-get update failed (see $OUT/apt-update.log)"
fi
pkgs=$(names)
[ -n "$pkgs" ] || skip "the archive offers no linux-image-*-armmp:armhf package"
tmp=$OUT/debs; mkdir -p "$tmp"
: > "$LIST.new"
for p in $pkgs; do
    ver=$(apt-cache policy "$p:armhf" | awk '/Candidate:/ {print $2}')
    deb=$(ls "$tmp/${p}_"*"_armhf.deb" 2>/dev/null | head -1)
    if [ -z "$deb" ]; then
        echo "linux-fetch: apt-get download $p:armhf ($ver, about 40 MB)"
        (cd "$tmp" && apt-get download -qq $APT_NET "$p:armhf" >"$OUT/download.log" 2>&1) ||
            skip "no network: apt-get download $p:armhf failed (see $OUT/download.log)"
        deb=$(ls "$tmp/${p}_"*"_armhf.deb" | head -1)
    fi
    ver=$(dpkg-deb -f "$deb" Version)
    dir=${p}_$ver
    if [ ! -d "$OUT/$dir/boot" ]; then
        rm -rf "$OUT/$dir.tmp" && mkdir -p "$OUT/$dir.tmp"
        dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$OUT/$dir.tmp" ./boot ||
            skip "dpkg -x $deb failed"
        mv "$OUT/$dir.tmp" "$OUT/$dir"
    fi
    vmlinuz=$(cd "$OUT" && ls "$dir"/boot/vmlinuz-* | head -1)
    sha=$(sha256sum "$deb" | awk '{print $1}')
    echo "$p $ver $sha $vmlinuz" >> "$LIST.new"
done
mv "$LIST.new" "$LIST"
echo "linux-fetch: $(wc -l < "$LIST") kernels in $LIST ($(( $(date +%s) - start )) s)"
cat "$LIST"
