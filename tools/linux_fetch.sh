#!/bin/sh
# Fetch Debian's own armhf kernels (linux-image-*-armmp, -armmp-lpae, -rt-armmp)
# once and unpack them under build/linux/<package>_<version>/ without
# installing them.  Records versions and sha256 in build/linux/kernels.txt.
#
# apt runs with a private configuration per Debian release under
# build/linux/apt/<release>/ (its own sources list, lists, cache and an empty
# dpkg status; APT::Architectures=armhf), so it needs neither root nor
# `dpkg --add-architecture armhf` and changes nothing in the system's apt
# state.  The releases: the system's own (its Debian suites, read from
# /etc/apt/sources.list and sources.list.d at run time, with their archive
# URIs and keyrings) and the older one that carries Linux 5.10
# (LINUX_OLD_RELEASE, default bullseye, and its -security suite) on the same
# archive URIs.  A suite the archive does not serve is noted and left out.
#
# Prints "skipped: <reason>" and exits 0 when it cannot fetch (no dpkg/apt,
# no Debian source, no network), so the test driver runs everything else.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${LINUX_DIR:-$ROOT/build/linux}
LIST=$OUT/kernels.txt
OLD=${LINUX_OLD_RELEASE-bullseye}
start=$(date +%s)
skip() { echo "linux-fetch: skipped: $*"; exit 0; }

command -v dpkg-deb >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 ||
    skip "not a Debian system (no dpkg-deb/apt-get)"

# The system's Debian sources as "URI SUITE KEYRING" lines (KEYRING "-" when
# the entry names none): deb822 stanzas in sources.list.d/*.sources and
# one-line entries in sources.list and sources.list.d/*.list.
sources() {
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk 'function flush() { if (deb && enabled) for (i in u) for (j in s) print u[i], s[j], (key == "" ? "-" : key);
                              deb = 0; enabled = 1; key = ""; split("", u); split("", s) }
             BEGIN { enabled = 1 }
             /^[ \t]*#/ { next }
             /^[ \t]*$/ { flush(); next }
             /^[ \t]/ { next }
             { f = tolower($1); sub(/:$/, "", f); $1 = "" }
             f == "types" { deb = ($0 ~ /(^|[ \t])deb([ \t]|$)/) }
             f == "uris" { split(substr($0, 2), u, /[ \t]+/) }
             f == "suites" { split(substr($0, 2), s, /[ \t]+/) }
             f == "enabled" { enabled = ($0 !~ /no/) }
             f == "signed-by" { k = substr($0, 2); if (k ~ /^\//) key = k }
             END { flush() }' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        awk '$1 == "deb" { key = "-"; i = 2
                           if ($2 ~ /^\[/) { while (i <= NF) { if ($i ~ /^signed-by=/) { key = $i; sub(/^signed-by=/, "", key); sub(/\]$/, "", key) }
                                                            if ($i ~ /\]$/) { i++; break }; i++ } }
                           print $i, $(i + 1), key }' "$f"
    done
}
codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
[ -n "$codename" ] || skip "no VERSION_CODENAME in /etc/os-release: not a Debian release"
srcs=$(sources | awk -v c="$codename" '$2 == c || index($2, c "-") == 1' | sort -u)
[ -n "$srcs" ] || skip "no Debian $codename entry in /etc/apt/sources.list{,.d}"
main=$(echo "$srcs" | awk -v c="$codename" '$2 == c {print $1, $3; exit}')
sec=$(echo "$srcs" | awk -v c="$codename-security" '$2 == c {print $1, $3; exit}')
[ -n "$main" ] || skip "no '$codename' suite in the system's apt sources"
# release -> its suites ("URI SUITE KEYRING" lines)
releases="$codename"
[ -n "$OLD" ] && [ "$OLD" != "$codename" ] && releases="$codename $OLD"
suites_of() {
    if [ "$1" = "$codename" ]; then echo "$srcs"; return; fi
    echo "$main" | awk -v s="$1" '{print $1, s, $2}'
    [ -n "$sec" ] && echo "$sec" | awk -v s="$1-security" '{print $1, s, $2}'
}
want=$(for r in $releases; do suites_of "$r"; done)

if [ -s "$LIST" ] && [ -z "${LINUX_REFETCH:-}" ] &&
   [ "$(cat "$OUT/suites.txt" 2>/dev/null)" = "$want" ]; then
    ok=1
    while read -r pkg ver sha vmlinuz; do
        [ -f "$OUT/$vmlinuz" ] || ok=0
    done < "$LIST"
    [ $ok = 1 ] && { echo "linux-fetch: cached: $(wc -l < "$LIST") kernels in $LIST"; exit 0; }
fi
mkdir -p "$OUT"

# A private apt for one release: APT_CONFIG names a file that points every
# directory apt reads or writes into build/linux/apt/<release>/.
aptdir() { echo "$OUT/apt/$1"; }
setup() {
    d=$(aptdir "$1")
    mkdir -p "$d/lists/partial" "$d/cache/archives/partial" "$d/empty"
    : > "$d/status"
    suites_of "$1" | while read -r uri suite key; do
        opt="arch=armhf"
        [ "$key" != "-" ] && opt="$opt signed-by=$key"
        echo "deb [$opt] $uri $suite main"
    done > "$d/sources.list"
    {
        echo "Dir::Etc::SourceList \"$d/sources.list\";"
        echo "Dir::Etc::SourceParts \"$d/empty\";"
        echo "Dir::Etc::Preferences \"$d/empty/none\";"
        echo "Dir::Etc::PreferencesParts \"$d/empty\";"
        echo "Dir::State::Lists \"$d/lists\";"
        echo "Dir::State::status \"$d/status\";"
        echo "Dir::Cache \"$d/cache\";"
        echo "APT::Architecture \"armhf\";"
        echo "APT::Architectures { \"armhf\"; };"
        echo "Acquire::Languages \"none\";"
        # Without a network apt would retry for minutes: fail fast instead.
        echo "Acquire::Retries \"0\";"
        echo "Acquire::http::Timeout \"10\";"
        echo "Acquire::https::Timeout \"10\";"
        # As root apt downloads as _apt, who cannot write into build/.
        [ "$(id -u)" = 0 ] && echo "APT::Sandbox::User \"root\";"
    } > "$d/apt.conf"
}
apt() { APT_CONFIG=$(aptdir "$1")/apt.conf; export APT_CONFIG; shift; "$@"; }

# The current ABI of each flavour of a release: what its metapackages
# (linux-image-armmp, -armmp-lpae, -rt-armmp and bookworm's 6.12 backport's
# linux-image-6.12-*) depend on.
names() { apt "$1" apt-cache search --names-only '^linux-image-(6\.[0-9]+-)?(rt-)?armmp(-lpae)?$' 2>/dev/null |
          awk '{print $1}' | sort -u | while read -r meta; do
              apt "$1" apt-cache depends "$meta" 2>/dev/null |
                  sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*\).*/\1/p' | head -1
          done | sort -u; }

tmp=$OUT/debs; mkdir -p "$tmp"
: > "$LIST.new"
for r in $releases; do
    setup "$r"
    d=$(aptdir "$r")
    if [ -z "$(names "$r")" ] || [ -n "${LINUX_UPDATE:-}" ]; then
        echo "linux-fetch: apt-get update for $r armhf ($(suites_of "$r" | awk '{printf "%s%s %s", n++ ? ", " : "", $1, $2}'); private lists in $d)"
        apt "$r" apt-get update >"$d/update.log" 2>&1
        # A suite the archive does not serve (bullseye-security's armhf index
        # is gone from some mirrors) is left out; the others are used.
        grep -E '^(E|W): Failed to fetch' "$d/update.log" | sed 's/^/linux-fetch: note: /'
    fi
    pkgs=$(names "$r")
    if [ -z "$pkgs" ]; then
        if [ "$r" = "$codename" ]; then
            skip "no network or no armhf kernels: apt-get update for $r failed (see $d/update.log)"
        fi
        echo "linux-fetch: note: $r offers no linux-image-*-armmp:armhf package (see $d/update.log)"
        continue
    fi
    for p in $pkgs; do
        deb=$(ls "$tmp/${p}_"*"_armhf.deb" 2>/dev/null | head -1)
        if [ -z "$deb" ]; then
            ver=$(apt "$r" apt-cache policy "$p" | awk '/Candidate:/ {print $2}')
            echo "linux-fetch: apt-get download $p:armhf ($r, $ver, about 40 MB)"
            (cd "$tmp" && apt "$r" apt-get download -qq "$p" >"$d/download.log" 2>&1) ||
                skip "no network: apt-get download $p:armhf failed (see $d/download.log)"
            deb=$(ls "$tmp/${p}_"*"_armhf.deb" | head -1)
        fi
        ver=$(dpkg-deb -f "$deb" Version)
        dir=${p}_$ver
        if [ ! -d "$OUT/$dir/boot" ]; then
            rm -rf "$OUT/$dir.tmp" && mkdir -p "$OUT/$dir.tmp"
            dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$OUT/$dir.tmp" ./boot ||
                skip "dpkg-deb --fsys-tarfile $deb failed"
            mv "$OUT/$dir.tmp" "$OUT/$dir"
        fi
        vmlinuz=$(cd "$OUT" && ls "$dir"/boot/vmlinuz-* | head -1)
        sha=$(sha256sum "$deb" | awk '{print $1}')
        echo "$p $ver $sha $vmlinuz" >> "$LIST.new"
    done
done
mv "$LIST.new" "$LIST"
echo "$want" > "$OUT/suites.txt"
echo "linux-fetch: $(wc -l < "$LIST") kernels in $LIST ($(( $(date +%s) - start )) s)"
cat "$LIST"
