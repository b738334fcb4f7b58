#!/usr/bin/env bash
# Proves that the package builds on a Debian machine that has Swift but not libzstd-dev: builds it from scratch
# (its own --scratch-path, so nothing is reused) in a private mount namespace where libzstd-dev's files — zstd.h,
# zstd_errors.h, zdict.h and the libzstd.so/libzstd.a link names — are hidden, leaving only libzstd1's runtime
# library, as on a fresh machine. The machine itself is not changed (other builds keep seeing the files).
#
#   scripts/check-fresh-build.sh [-c release] [--product baktainer]   extra arguments go to `swift build`
#
# BT_FRESH_BUILD_DIR=DIR builds into DIR and keeps it (e.g. for `swift run --scratch-path DIR`); by default the build
# goes to a temporary directory that is removed. Needs root (unshare, mount). A cold build: minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "FATAL: check-fresh-build.sh needs root (a private mount namespace)" >&2; exit 1; }
libdir=/usr/lib/$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
[ -e "$libdir/libzstd.so.1" ] || { echo "FATAL: $libdir/libzstd.so.1 (libzstd1) is missing; every Debian system has it" >&2; exit 1; }
scratch=$(mktemp -d /var/tmp/baktainer-fresh-build.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
build=${BT_FRESH_BUILD_DIR:-$scratch/build}

# In the namespace: an overlay over each directory whose upper layer holds whiteouts (0/0 character devices)
# for the hidden names; then the build.
# shellcheck disable=SC2016  # expanded by the inner shell
unshare --mount --propagation private bash -euo pipefail -c '
	scratch=$1 libdir=$2 build=$3; shift 3
	hide() {
		local dir=$1 name layer; shift
		layer=$(mktemp -d "$scratch/overlay.XXXXXX")
		mkdir "$layer/upper" "$layer/work"
		for name in "$@"; do mknod "$layer/upper/$name" c 0 0; done
		mount -t overlay overlay -o "lowerdir=$dir,upperdir=$layer/upper,workdir=$layer/work" "$dir"
	}
	hide /usr/include zstd.h zstd_errors.h zdict.h
	hide "$libdir" libzstd.so libzstd.a
	for hidden in /usr/include/zstd.h "$libdir/libzstd.so"; do
		if [ -e "$hidden" ]; then echo "FATAL: $hidden is still visible" >&2; exit 1; fi
	done
	[ -e "$libdir/libzstd.so.1" ] || { echo "FATAL: hiding libzstd-dev hid libzstd.so.1 too" >&2; exit 1; }
	echo "[check-fresh-build] building without libzstd-dev (zstd.h and libzstd.so hidden) into $build"
	swift build --scratch-path "$build" "$@"
' check-fresh-build "$scratch" "$libdir" "$build" "$@"
echo "[check-fresh-build] ok: the package builds with only libzstd.so.1 (no libzstd-dev)"
