#!/usr/bin/env bash
# Builds Baktainer's container image on this machine from the repository's Dockerfile, with no registry.
#
#   scripts/build-image.sh [--prebuilt PATH] [TAG]        TAG defaults to baktainer:local
#
# 1. Docker: installs docker.io (and debootstrap, when a stand-in is due) if missing; starts dockerd when nothing
#    answers on the socket, the way scripts/testbed.sh does, and stops it again at the end (the image stays), unless
#    test runs' containers are on it by then.
# 2. Base images, only when missing: stand-ins tagged as the real ones, so that the very same Dockerfile builds.
#      debian:bookworm-slim  `debootstrap --variant=minbase bookworm`, slimmed as the official image is (dpkg path
#                            excludes for docs, man pages and locales; the apt settings of Docker's Debian images);
#      swift:6.3-bookworm    a bookworm rootfs with the official image's build packages, the host's Swift
#                            toolchain in /usr (its version must be the tag's), and the host's SwiftPM repository
#                            cache: no GitHub here, so `swift package resolve` in the build resolves from it.
#    A real image of that name (pulled where a registry answers) is used as it is. A stand-in is also tagged
#    baktainer-standin/<name>:<tag>-<recipe> and rebuilt when its recipe (the steps below, the toolchain's
#    version, Package.resolved) changes; the debootstrap downloads are kept in /var/cache/baktainer-image-debootstrap.
#    Cold, measured here: 68 s for the slim stand-in, 4.5 minutes for the Swift one (a 3.9 GB rootfs to import).
# 3. docker build, legacy builder, `--network host` (apt-get and SwiftPM need a way out, which Docker's bridge
#    has not on a host whose dockerd runs with --iptables=false). By default the Dockerfile's build stage compiles
#    a static-stdlib release binary: about 20 minutes cold on 2 cores (1176 s measured, beside other builds). With
#    --prebuilt PATH (or BT_IMAGE_BINARY=PATH) the runtime stage takes that host binary instead
#    (BINARY_STAGE=prebuilt; only the slim stand-in is needed): the binary (stripped) goes to
#    /usr/local/bin, and when it is linked against the toolchain's shared Swift runtime (a debug build) the
#    toolchain libraries `ldd` names go along at their host paths, where the binary's RUNPATH finds them. That
#    image is for tests, not for shipping (154 MB against 84). scripts/test.sh builds the image under test this
#    way from .build/debug/baktainer. For a small image from the host: `swift build -c release
#    --static-swift-stdlib --product baktainer`, then --prebuilt with that binary.
# 4. Checks that the image runs (`baktainer --version` in it) and prints its compressed size
#    (`docker save TAG | gzip | wc -c`).
#
# Environment:
#   BT_IMAGE_BINARY=PATH   as --prebuilt PATH
#   BT_IMAGE_VERSION       org.opencontainers.image.version (default: the binary's --version in prebuilt mode,
#                          else BaktainerVersion.current in the sources)
#   BT_IMAGE_MIRROR        Debian mirror for debootstrap (default http://deb.debian.org/debian)
#   BT_IMAGE_QUIET=1       `docker build -q`: the build's output only when it fails
#   BT_IMAGE_SIZE=0        skip the compressed-size measurement (it takes a few seconds per 100 MB)
set -euo pipefail

START_NS=$(date +%s%N)
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
# Where --prebuilt stages its files: the Dockerfile's prebuilt stage copies .build-prebuilt/out/ (see .dockerignore).
STAGE="$ROOT/.build-prebuilt"
DEBOOTSTRAP_CACHE=/var/cache/baktainer-image-debootstrap
BUILD_LOG=/var/log/baktainer-image-build.log
DOCKERD_LOG=/var/log/baktainer-dockerd.log
MIRROR="${BT_IMAGE_MIRROR:-http://deb.debian.org/debian}"
# Stand-ins are also tagged baktainer-standin/<repository>:<tag>-<recipe>: that is how a stand-in is told from a real image.
STANDIN_REPO=baktainer-standin
# The packages Swift's official bookworm image installs for building (libpython3/libedit for lldb and the REPL).
SWIFT_PACKAGES=binutils,git,gcc,libc6-dev,libstdc++-12-dev,libcurl4-openssl-dev,libxml2-dev,libsqlite3-dev,libncurses-dev,libedit2,libpython3.11,pkg-config,uuid-dev,tzdata,zlib1g-dev,ca-certificates
export DEBIAN_FRONTEND=noninteractive
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
# The legacy builder (docker.io 20.10 without buildx), which the Dockerfile is written for.
export DOCKER_BUILDKIT=0

log() { printf '[build-image %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() {
	printf '[build-image] FATAL: %s\n' "$*" >&2
	exit 1
}
elapsed() { awk -v s="$1" -v e="$(date +%s%N)" 'BEGIN { printf "%.1f", (e - s) / 1e9 }'; }

usage() {
	sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
	exit "${1:-0}"
}

BINARY="${BT_IMAGE_BINARY:-}"
TAG=""
while [ $# -gt 0 ]; do
	case "$1" in
	--prebuilt) [ $# -ge 2 ] || usage 2; BINARY="$2"; shift 2 ;;
	--prebuilt=*) BINARY="${1#--prebuilt=}"; shift ;;
	-h | --help) usage 0 ;;
	-*) echo "unknown option $1" >&2; usage 2 ;;
	*) [ -z "$TAG" ] || usage 2; TAG="$1"; shift ;;
	esac
done
TAG="${TAG:-baktainer:local}"
[ "$(id -u)" = 0 ] || die "build-image.sh must run as root (it may install packages, start dockerd and debootstrap)"

# The base images the Dockerfile names by default.
SWIFT_IMAGE="$(sed -n 's/^ARG SWIFT_IMAGE=//p' "$ROOT/Dockerfile")"
RUNTIME_IMAGE="$(sed -n 's/^ARG RUNTIME_IMAGE=//p' "$ROOT/Dockerfile")"
[ -n "$SWIFT_IMAGE" ] && [ -n "$RUNTIME_IMAGE" ] || die "no ARG SWIFT_IMAGE=/RUNTIME_IMAGE= defaults in the Dockerfile"

# One run at a time while it makes stand-ins and stages .build-prebuilt (a multi-stage build lets go of the lock
# before its long docker build). fd 8 must not leak into dockerd.
mkdir -p /run/lock
exec 8>/run/lock/baktainer-build-image.lock
if ! flock -n 8; then
	log "another build-image.sh is running; waiting for it (up to 30 min)"
	flock -w 1800 8 || die "timed out waiting for the build-image lock"
fi

STARTED_DOCKERD=""
STAGED=0
ROOTFS_TO_REMOVE=""
CONTEXT_TO_REMOVE=""

# Unmounts anything left mounted under a rootfs dir (an interrupted debootstrap), then removes it.
remove_rootfs() {
	local dir="$1" m
	[ -n "$dir" ] && [ -d "$dir" ] || return 0
	for m in $(awk -v d="$dir" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/mounts | sort -r); do
		umount -l "$m" 2>/dev/null || true
	done
	rm -rf --one-file-system "$dir"
}

cleanup() {
	local rc=$? pid
	[ -z "$ROOTFS_TO_REMOVE" ] || remove_rootfs "$ROOTFS_TO_REMOVE" || true
	[ -z "$CONTEXT_TO_REMOVE" ] || rm -rf "$CONTEXT_TO_REMOVE"
	[ "$STAGED" = 0 ] || rm -rf "$STAGE"
	if [ -n "$STARTED_DOCKERD" ]; then
		pid="$STARTED_DOCKERD"
		if [ -n "$(docker ps -q --filter label=baktainer.test.owner 2>/dev/null)" ]; then
			log "left the dockerd this script started (pid $pid) running: test runs' containers are on it"
		else
			log "stopping the dockerd this script started (pid $pid)"
			kill "$pid" 2>/dev/null || true
			for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
		fi
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------------
# Docker
# ---------------------------------------------------------------------------------------------------
install_packages() {
	log "installing $*"
	apt-get update -qq || die "apt-get update failed"
	apt-get install -y -qq --no-install-recommends "$@" >/dev/null || die "apt-get install $* failed"
}

docker_answers() { timeout 10 docker version >/dev/null 2>&1; }

ensure_docker() {
	command -v dockerd >/dev/null && command -v docker >/dev/null || install_packages docker.io
	if docker_answers; then return; fi
	[ -z "${DOCKER_HOST:-}" ] || die "DOCKER_HOST=$DOCKER_HOST does not answer"
	log "docker: nothing answers on /var/run/docker.sock; starting dockerd (log: $DOCKERD_LOG)"
	setsid dockerd --iptables=false >"$DOCKERD_LOG" 2>&1 </dev/null 8>&- &
	local pid=$! i
	STARTED_DOCKERD="$pid"
	for i in $(seq 1 120); do
		if docker_answers; then
			log "docker: dockerd (pid $pid) ready after $((i / 2)) s"
			return
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	tail -n 40 "$DOCKERD_LOG" >&2 || true
	die "dockerd exited or did not answer within 60 s"
}

# ---------------------------------------------------------------------------------------------------
# Stand-in base images
# ---------------------------------------------------------------------------------------------------
image_id() { docker image inspect -f '{{.Id}}' "$1" 2>/dev/null; }

# standin_tag TAG RECIPE: the stand-in's own tag, e.g. baktainer-standin/debian:bookworm-slim-<recipe>.
standin_tag() { printf '%s/%s-%s\n' "$STANDIN_REPO" "$1" "$2"; }

# is_standin TAG: whether TAG is one of our stand-ins (of any recipe), not a real image.
is_standin() {
	local id
	id="$(image_id "$1")" || return 1
	docker image ls --no-trunc --format '{{.ID}}' "$STANDIN_REPO/${1%%:*}" | grep -qx "$id"
}

# needs_standin TAG RECIPE: whether TAG must be built: missing, or a stand-in of another recipe (never a real image).
needs_standin() {
	local tag="$1" recipe="$2"
	image_id "$tag" >/dev/null || return 0
	if ! is_standin "$tag"; then
		log "$tag: a real image; using it"
		return 1
	fi
	[ "$(image_id "$tag")" != "$(image_id "$(standin_tag "$tag" "$recipe")")" ]
}

# tag_standin IMAGE TAG RECIPE: tags IMAGE as TAG and as its stand-in tag; removes stand-ins of older recipes.
tag_standin() {
	local image="$1" tag="$2" recipe="$3" own old
	own="$(standin_tag "$tag" "$recipe")"
	docker tag "$image" "$tag"
	[ "$image" = "$own" ] || docker tag "$image" "$own"
	for old in $(docker image ls --format '{{.Repository}}:{{.Tag}}' "$STANDIN_REPO/${tag%%:*}"); do
		case "$old" in "$STANDIN_REPO/$tag"-*) [ "$old" = "$own" ] || docker rmi "$old" >/dev/null 2>&1 || true ;; esac
	done
}

# debootstrap_rootfs DIR [PACKAGES]: a bookworm minbase rootfs in DIR (new; removed again on failure).
debootstrap_rootfs() {
	local dir="$1" include="${2:-}"
	command -v debootstrap >/dev/null || install_packages debootstrap
	mkdir -p "$DEBOOTSTRAP_CACHE"
	if ! debootstrap --variant=minbase ${include:+--include="$include"} --cache-dir="$DEBOOTSTRAP_CACHE" \
		bookworm "$dir" "$MIRROR" >>"$BUILD_LOG" 2>&1; then
		tail -n 30 "$BUILD_LOG" >&2
		die "debootstrap failed (full log: $BUILD_LOG)"
	fi
}

new_rootfs_dir() { mktemp -d /var/tmp/baktainer-image-rootfs.XXXXXX; }

# Docker's Debian images: Debian's sources for bookworm, its updates and security; no docs, man pages or locales
# from later installs; apt that cleans up after itself and starts no services.
dockerize_rootfs() {
	local dir="$1"
	rm -f "$dir/etc/apt/sources.list"
	cat >"$dir/etc/apt/sources.list.d/debian.sources" <<-'EOF'
		Types: deb
		URIs: http://deb.debian.org/debian
		Suites: bookworm bookworm-updates
		Components: main
		Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

		Types: deb
		URIs: http://deb.debian.org/debian-security
		Suites: bookworm-security
		Components: main
		Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	EOF
	printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
	chmod 0755 "$dir/usr/sbin/policy-rc.d"
	cat >"$dir/etc/apt/apt.conf.d/docker-clean" <<-'EOF'
		DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
		APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
		Dir::Cache::pkgcache "";
		Dir::Cache::srcpkgcache "";
	EOF
	echo 'Acquire::Languages "none";' >"$dir/etc/apt/apt.conf.d/docker-no-languages"
	echo 'Apt::AutoRemove::SuggestsImportant "false";' >"$dir/etc/apt/apt.conf.d/docker-autoremove-suggests"
	rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin "$dir"/var/cache/apt/archives/*.deb \
		"$dir"/var/log/apt/* "$dir"/var/log/dpkg.log "$dir"/var/log/bootstrap.log "$dir"/var/log/alternatives.log
	echo baktainer-standin >"$dir/etc/hostname"
}

slim_rootfs() {
	local dir="$1"
	cat >"$dir/etc/dpkg/dpkg.cfg.d/docker" <<-'EOF'
		path-exclude /usr/share/doc/*
		path-include /usr/share/doc/*/copyright
		path-exclude /usr/share/man/*
		path-exclude /usr/share/groff/*
		path-exclude /usr/share/info/*
		path-exclude /usr/share/lintian/*
		path-exclude /usr/share/linda/*
		path-exclude /usr/share/locale/*
		path-include /usr/share/locale/locale.alias
	EOF
	find "$dir/usr/share/doc" -mindepth 1 -not -type d -not -name copyright -delete
	find "$dir/usr/share/doc" -mindepth 1 -type d -empty -delete
	find "$dir/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
	rm -rf "$dir"/usr/share/man/* "$dir"/usr/share/groff/* "$dir"/usr/share/info/* "$dir"/usr/share/lintian/* "$dir"/usr/share/linda/*
}

# import_rootfs DIR TAG: the rootfs as image TAG (then DIR is removed).
import_rootfs() {
	local dir="$1" tag="$2"
	log "$tag: importing $(du -sh --one-file-system "$dir" | cut -f1)"
	tar --numeric-owner --one-file-system -C "$dir" -c . | docker import \
		-c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
		-c 'CMD ["bash"]' \
		- "$tag" >/dev/null
	remove_rootfs "$dir"
	ROOTFS_TO_REMOVE=""
}

build_slim_standin() {
	local tag="$1" recipe="$2" t0 dir own
	t0=$(date +%s%N)
	own="$(standin_tag "$tag" "$recipe")"
	log "$tag: building a stand-in: debootstrap --variant=minbase bookworm (log: $BUILD_LOG)"
	dir="$(new_rootfs_dir)"
	ROOTFS_TO_REMOVE="$dir"
	debootstrap_rootfs "$dir"
	slim_rootfs "$dir"
	dockerize_rootfs "$dir"
	import_rootfs "$dir" "$own"
	tag_standin "$own" "$tag" "$recipe"
	log "$tag: stand-in $own built in $(elapsed "$t0") s"
}

# The host's toolchain (the usr directory holding bin/swift) and its version (e.g. 6.3).
toolchain_dir() { dirname "$(dirname "$(readlink -f "$(command -v swift)")")"; }
toolchain_version() { swift --version 2>/dev/null | sed -n 's/.*Swift version \([0-9]*\.[0-9]*\).*/\1/p' | head -n1; }

# build_swift_toolchain TAG: bookworm with the Swift image's build packages and the host's toolchain in /usr.
build_swift_toolchain() {
	local tag="$1" t0 dir toolchain
	t0=$(date +%s%N)
	toolchain="$(toolchain_dir)"
	log "$tag: debootstrap bookworm with the Swift image's build packages (log: $BUILD_LOG)"
	dir="$(new_rootfs_dir)"
	ROOTFS_TO_REMOVE="$dir"
	debootstrap_rootfs "$dir" "$SWIFT_PACKAGES"
	log "$tag: copying the toolchain $toolchain into /usr"
	cp -a "$toolchain/." "$dir/usr/"
	dockerize_rootfs "$dir"
	import_rootfs "$dir" "$tag"
	log "$tag: built in $(elapsed "$t0") s"
}

# build_swift_standin TAG RECIPE BASE: the toolchain image BASE plus the host's SwiftPM repository cache, in a thin
# layer of its own (the cache changes with Package.resolved, the toolchain seldom).
build_swift_standin() {
	local tag="$1" recipe="$2" base="$3" cache ctx own
	own="$(standin_tag "$tag" "$recipe")"
	cache="${XDG_CACHE_HOME:-$HOME/.cache}/org.swift.swiftpm/repositories"
	ctx="$(mktemp -d /var/tmp/baktainer-image-context.XXXXXX)"
	CONTEXT_TO_REMOVE="$ctx"
	mkdir -p "$ctx/repositories"
	if [ -d "$cache" ]; then
		cp -a "$cache/." "$ctx/repositories/"
	else
		log "$tag: no SwiftPM cache at $cache: the build will need GitHub"
	fi
	printf 'FROM %s\nCOPY repositories /root/.cache/org.swift.swiftpm/repositories\n' "$base" >"$ctx/Dockerfile"
	docker build -q -t "$own" "$ctx" >/dev/null
	rm -rf "$ctx"
	CONTEXT_TO_REMOVE=""
	tag_standin "$own" "$tag" "$recipe"
	log "$tag: stand-in $own ready ($base + the SwiftPM cache)"
}

recipe() { sha256sum | cut -c1-12; }

ensure_runtime_image() {
	local r
	if [ "$RUNTIME_IMAGE" != debian:bookworm-slim ]; then
		image_id "$RUNTIME_IMAGE" >/dev/null || die "$RUNTIME_IMAGE is missing and there is no stand-in recipe for it (only debian:bookworm-slim)"
		return
	fi
	r="$( { declare -f debootstrap_rootfs dockerize_rootfs slim_rootfs import_rootfs build_slim_standin; echo "$MIRROR"; } | recipe)"
	if needs_standin "$RUNTIME_IMAGE" "$r"; then build_slim_standin "$RUNTIME_IMAGE" "$r"; fi
}

ensure_swift_image() {
	local wanted have r base r2 old
	wanted="$(sed -n 's/^swift:\([0-9]*\.[0-9]*\)-bookworm$/\1/p' <<<"$SWIFT_IMAGE")"
	if [ -z "$wanted" ]; then
		image_id "$SWIFT_IMAGE" >/dev/null || die "$SWIFT_IMAGE is missing and there is no stand-in recipe for it (only swift:X.Y-bookworm)"
		return
	fi
	if image_id "$SWIFT_IMAGE" >/dev/null && ! is_standin "$SWIFT_IMAGE"; then
		log "$SWIFT_IMAGE: a real image; using it"
		return
	fi
	command -v swift >/dev/null || die "$SWIFT_IMAGE is missing and no Swift toolchain is on PATH to make a stand-in from"
	have="$(toolchain_version)"
	[ "$have" = "$wanted" ] || die "$SWIFT_IMAGE is missing and the host's Swift is $have, not $wanted: install Swift $wanted or pass a real image"
	r="$( { declare -f debootstrap_rootfs dockerize_rootfs import_rootfs build_swift_toolchain
		echo "$SWIFT_PACKAGES $MIRROR"; swift --version 2>/dev/null; toolchain_dir; } | recipe)"
	base="$STANDIN_REPO/swift-toolchain:$r"
	if ! image_id "$base" >/dev/null; then
		build_swift_toolchain "$base"
		for old in $(docker image ls --format '{{.Repository}}:{{.Tag}}' "$STANDIN_REPO/swift-toolchain"); do
			[ "$old" = "$base" ] || docker rmi "$old" >/dev/null 2>&1 || true
		done
	fi
	r2="$( { echo "$r"; declare -f build_swift_standin; cat "$ROOT/Package.resolved" 2>/dev/null || echo unresolved; } | recipe)"
	if needs_standin "$SWIFT_IMAGE" "$r2"; then build_swift_standin "$SWIFT_IMAGE" "$r2" "$base"; fi
}

# ---------------------------------------------------------------------------------------------------
# The binary for BINARY_STAGE=prebuilt
# ---------------------------------------------------------------------------------------------------
stage_prebuilt() {
	local binary="$1" toolchain lib real count=0
	[ -f "$binary" ] && [ -x "$binary" ] || die "--prebuilt $binary: no executable there"
	if ldd "$binary" 2>/dev/null | grep -q 'not found'; then
		ldd "$binary" | grep 'not found' >&2
		die "$binary: libraries not found"
	fi
	rm -rf "$STAGE"
	STAGED=1
	mkdir -p "$STAGE/out/usr/local/bin"
	strip -o "$STAGE/out/usr/local/bin/baktainer" "$binary"
	toolchain=""
	command -v swift >/dev/null && toolchain="$(toolchain_dir)"
	# The Swift runtime of a binary built without --static-swift-stdlib, from the toolchain, at the path ldd found.
	while read -r lib; do
		real="$(readlink -f "$lib")"
		case "$real" in
		"$toolchain"/* | */lib/swift/linux/*)
			mkdir -p "$STAGE/out$(dirname "$lib")"
			cp -L "$lib" "$STAGE/out$lib"
			count=$((count + 1)) ;;
		esac
	done < <(ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }')
	chmod -R a+rX "$STAGE/out"
	log "prebuilt: $binary ($(du -sh "$STAGE/out/usr/local/bin/baktainer" | cut -f1) stripped)$([ "$count" = 0 ] || echo " + $count Swift runtime libraries, $(du -sh "$STAGE/out" | cut -f1) in all")"
}

# ---------------------------------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------------------------------
ensure_docker
: >>"$BUILD_LOG"
args=(build --network host -t "$TAG" -f "$ROOT/Dockerfile" --build-arg "REVISION=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || true)")
source_url="$(git -C "$ROOT" remote get-url origin 2>/dev/null || true)"
[ -z "$source_url" ] || args+=(--build-arg "SOURCE=$source_url")
[ "${BT_IMAGE_QUIET:-0}" != 1 ] || args+=(-q)
version="${BT_IMAGE_VERSION:-}"
ensure_runtime_image
if [ -n "$BINARY" ]; then
	BINARY="$(readlink -f "$BINARY")"
	[ -n "$version" ] || version="$(LLVM_PROFILE_FILE=/dev/null "$BINARY" --version 2>/dev/null | head -n1 || true)"
	stage_prebuilt "$BINARY"
	# The build stage only copies sources then: on the runtime image, so that no Swift image is needed.
	args+=(--build-arg BINARY_STAGE=prebuilt --build-arg "SWIFT_IMAGE=$RUNTIME_IMAGE")
	mode="runtime stage on the host binary $BINARY"
else
	ensure_swift_image
	flock -u 8  # the stand-ins are ready; the build itself may take a while and needs nothing shared
	[ -n "$version" ] || version="$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' "$ROOT/Sources/BaktainerCore/Configuration/BaktainerVersion.swift" 2>/dev/null | head -n1)"
	mode="multi-stage: release build in $SWIFT_IMAGE"
fi
args+=(--build-arg "VERSION=${version:-dev}")

old_id="$(docker image inspect -f '{{.Id}}' "$TAG" 2>/dev/null || true)"
build_start=$(date +%s%N)
log "docker build $TAG ($mode)"
docker "${args[@]}" "$ROOT"
log "built $TAG in $(elapsed "$build_start") s"
[ "$STAGED" = 0 ] || rm -rf "$STAGE"
STAGED=0

# What this build made garbage: the image TAG named before (unless a container or another tag holds it), and in
# prebuilt mode (under the lock, so no other prebuilt build is under way) the dangling images of the prebuilt-mode
# stages, each holding a copy of a binary. The build stage's cache stays.
new_id="$(docker image inspect -f '{{.Id}}' "$TAG")"
if [ -n "$old_id" ] && [ "$old_id" != "$new_id" ]; then docker rmi "$old_id" >/dev/null 2>&1 || true; fi
if [ -n "$BINARY" ]; then
	docker image prune -f --filter label=baktainer.stage=prebuilt >/dev/null
	docker image prune -f --filter label=baktainer.stage=build-prebuilt >/dev/null
fi

printf '%s: ' "$TAG"
docker run --rm --network none -e LLVM_PROFILE_FILE=/tmp/default.profraw "$TAG" --version || die "the image does not run: docker run --rm $TAG --version failed"
if [ "${BT_IMAGE_SIZE:-1}" != 0 ]; then
	log "$TAG: $(docker save "$TAG" | gzip | wc -c | awk '{ printf "%.1f MB (%d bytes)", $1 / 1e6, $1 }') compressed (docker save | gzip)"
fi
log "done in $(elapsed "$START_NS") s"
