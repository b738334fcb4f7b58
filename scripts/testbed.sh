#!/usr/bin/env bash
# Sets up the integration test bed on a Debian 12 host (root), from nothing:
#   1. installs the missing Debian packages (docker.io, debootstrap and the host-side peers the tests use);
#   2. starts dockerd if nothing answers on the Docker socket (never stops a daemon it did not start);
#   3. builds the database fixture images baktainer-fixture/<name>:<recipe hash> and :current, once per
#      recipe (scripts/fixtures/ + the build steps below); a second run takes seconds.
# Idempotent; safe to run many times and from several shells at once (a lock serialises the runs).
#
# Images (see scripts/fixtures/*.sh for the environment each one honours):
#   postgres mariadb mysql mariadb11 redis sqlite mongo-standin   (+ base, the shared rootfs)
#
# Environment:
#   TESTBED_REBUILD=1      rebuild the images even if the recipe hash is already built
#   TESTBED_DEBIAN_MIRROR  mirror for debootstrap (default http://deb.debian.org/debian)
#
# Exits non-zero, loudly, when anything is missing: tests must fail, never skip, without an engine.
set -euo pipefail

START_NS=$(date +%s%N)
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/testbed-lib.sh
. "$SCRIPT_DIR/testbed-lib.sh"
FIXTURES="$SCRIPT_DIR/fixtures"
REPO=baktainer-fixture
IMAGES=(postgres mariadb mysql mariadb11 redis sqlite mongo-standin)
DEBOOTSTRAP_CACHE=/var/cache/baktainer-debootstrap
DOCKERD_LOG=/var/log/baktainer-dockerd.log
# The pid of the dockerd this script started (none when one was already answering).
DOCKERD_STARTED=/run/baktainer-testbed-dockerd.pid
BUILD_LOG=/var/log/baktainer-testbed-build.log
export DEBIAN_FRONTEND=noninteractive
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

log() { printf '[testbed %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() {
	printf '\n[testbed] ########################################################################\n' >&2
	printf '[testbed] FATAL: %s\n' "$*" >&2
	printf '[testbed] ########################################################################\n' >&2
	exit 1
}
elapsed() { awk -v s="$1" -v e="$(date +%s%N)" 'BEGIN { printf "%.1f", (e - s) / 1e9 }'; }

[ "$(id -u)" = 0 ] || die "testbed.sh must run as root (it installs packages and starts dockerd)"

# One run at a time (parallel test jobs may all call this). fd 9 must not leak into dockerd.
mkdir -p /run/lock
exec 9>/run/lock/baktainer-testbed.lock
if ! flock -n 9; then
	log "another testbed.sh is running; waiting for it (up to 30 min)"
	flock -w 1800 9 || die "timed out waiting for the testbed lock"
fi

# ---------------------------------------------------------------------------------------------------
# 1. Debian packages: install only what is missing.
# ---------------------------------------------------------------------------------------------------
ensure_packages() {
	local -a missing=()
	command -v dockerd >/dev/null || missing+=(docker.io)
	command -v docker >/dev/null || missing+=(docker.io)
	command -v debootstrap >/dev/null || missing+=(debootstrap)
	command -v age >/dev/null || missing+=(age)
	command -v zstd >/dev/null || missing+=(zstd)
	command -v gzip >/dev/null || missing+=(gzip)
	command -v openssl >/dev/null || missing+=(openssl)
	command -v sqlite3 >/dev/null || missing+=(sqlite3)
	command -v ps >/dev/null || missing+=(procps)
	[ -x /usr/bin/time ] || missing+=(time)
	[ -x /bin/busybox ] || missing+=(busybox-static)
	command -v script >/dev/null || missing+=(bsdutils)
	command -v curl >/dev/null || missing+=(curl)
	[ -x /usr/sbin/sshd ] || missing+=(openssh-server)  # the SFTP peer (scripts/testbed-sftp.sh)
	command -v sftp >/dev/null || missing+=(openssh-client)
	command -v ip >/dev/null || missing+=(iproute2)
	[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
	if [ ${#missing[@]} -eq 0 ]; then
		log "packages: all present"
		return
	fi
	# de-duplicate
	mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
	log "packages: installing ${missing[*]}"
	apt-get update -qq || die "apt-get update failed"
	apt_install "${missing[@]}" || die "apt-get install ${missing[*]} failed"
	command -v dockerd >/dev/null || die "dockerd still missing after installing docker.io"
}

# The S3 peers from PyPI (scripts/testbed-s3.sh starts the servers): moto's server and awscli, the independent client.
ensure_pypi_tools() {
	if command -v moto_server >/dev/null && command -v aws >/dev/null; then return 0; fi
	log "PyPI: installing moto[server] and awscli"
	python3 -m pip install -q 'moto[server]' awscli >/dev/null || die "pip install moto[server] awscli failed"
	hash -r
	command -v moto_server >/dev/null || die "moto_server is not on PATH after pip install"
}

# ---------------------------------------------------------------------------------------------------
# 2. Docker engine: start one only if none answers.
# ---------------------------------------------------------------------------------------------------

ensure_dockerd() {
	if engine_answers; then
		log "docker: engine answers ($(docker version --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}' 2>/dev/null))"
		return
	fi
	if [ -n "${DOCKER_HOST:-}" ]; then
		die "DOCKER_HOST=$DOCKER_HOST does not answer (testbed.sh only starts a local dockerd when DOCKER_HOST is unset)"
	fi
	log "docker: nothing answers on /var/run/docker.sock; starting dockerd (log: $DOCKERD_LOG)"
	setsid dockerd --iptables=false >"$DOCKERD_LOG" 2>&1 </dev/null 9>&- &
	local pid=$! i
	for i in $(seq 1 120); do
		if engine_answers; then
			log "docker: dockerd (pid $pid) ready after $((i / 2)) s"
			echo "$pid" >"$DOCKERD_STARTED"  # scripts/test.sh stops it again when its run started it
			return
		fi
		if ! kill -0 "$pid" 2>/dev/null; then break; fi
		sleep 0.5
	done
	echo "----- last lines of $DOCKERD_LOG -----" >&2
	tail -n 40 "$DOCKERD_LOG" >&2 || true
	die "NO DOCKER ENGINE: dockerd exited or did not answer within 60 s. Integration tests cannot run and must FAIL."
}

# ---------------------------------------------------------------------------------------------------
# 3. Fixture images.
# ---------------------------------------------------------------------------------------------------
image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# Unmounts anything left mounted under a rootfs dir (an interrupted debootstrap), then removes it.
remove_rootfs() {
	local dir="$1" m
	[ -n "$dir" ] && [ -d "$dir" ] || return 0
	for m in $(awk -v d="$dir" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/mounts | sort -r); do
		umount -l "$m" 2>/dev/null || true
	done
	rm -rf --one-file-system "$dir"
}

# debootstrap one rootfs with every server, add the fixture files, import it as base.
build_base() {
	local hash="$1" dir pkgs t0
	t0=$(date +%s%N)
	pkgs="$(sed -e 's/#.*//' "$FIXTURES/packages.txt" | xargs | tr ' ' ,)"
	mkdir -p "$DEBOOTSTRAP_CACHE"
	dir="$(mktemp -d /var/tmp/baktainer-rootfs.XXXXXX)"
	ROOTFS_TO_REMOVE="$dir"
	log "base: debootstrap bookworm (minbase + $pkgs) into $dir (log: $BUILD_LOG)"
	if ! debootstrap --variant=minbase --include="$pkgs" --cache-dir="$DEBOOTSTRAP_CACHE" \
		bookworm "$dir" "${TESTBED_DEBIAN_MIRROR:-http://deb.debian.org/debian}" >>"$BUILD_LOG" 2>&1; then
		tail -n 30 "$BUILD_LOG" >&2
		die "debootstrap failed (full log: $BUILD_LOG)"
	fi
	log "base: debootstrap done in $(elapsed "$t0") s; preparing rootfs"
	mkdir -p "$dir/tmp/fixture"
	cp -a "$FIXTURES/." "$dir/tmp/fixture/"
	if ! chroot "$dir" /bin/bash /tmp/fixture/prepare-rootfs.sh >>"$BUILD_LOG" 2>&1; then
		tail -n 30 "$BUILD_LOG" >&2
		die "prepare-rootfs.sh failed (full log: $BUILD_LOG)"
	fi
	log "base: importing $(du -sh --one-file-system "$dir" | cut -f1) as $REPO/base:$hash"
	tar --numeric-owner --one-file-system -C "$dir" -c . | docker import \
		-c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
		-c 'ENV LANG=C.UTF-8' \
		-c 'CMD ["/bin/bash"]' \
		-c "LABEL baktainer-fixture.name=base baktainer-fixture.recipe=$hash" \
		- "$REPO/base:$hash" >/dev/null
	remove_rootfs "$dir"
	ROOTFS_TO_REMOVE=""
	log "base: built in $(elapsed "$t0") s"
}

# derive_image HASH NAME VARIANT|- CHANGE...
# A container of base (running fixtures/variant.sh VARIANT when a variant needs files changed) is
# committed with the image's own ENTRYPOINT/CMD/ENV.
derive_image() {
	local hash="$1" name="$2" variant="$3" cid
	shift 3
	local -a changes=(
		-c "ENV BAKTAINER_FIXTURE=$name"
		-c 'ENTRYPOINT ["docker-entrypoint.sh"]'
		-c "LABEL baktainer-fixture.name=$name baktainer-fixture.recipe=$hash"
	)
	# `docker commit -c` does not take STOPSIGNAL, but the committed image keeps the container's.
	local c
	# No network: a variant needs none.
	local -a create=(--name "baktainer-fixture-build-$name-$$" --network none)
	for c in "$@"; do
		case "$c" in
		'STOPSIGNAL '*) create+=(--stop-signal "${c#STOPSIGNAL }") ;;
		*) changes+=(-c "$c") ;;
		esac
	done
	BUILD_CONTAINER="baktainer-fixture-build-$name-$$"
	docker rm -f "$BUILD_CONTAINER" >/dev/null 2>&1 || true
	if [ "$variant" = - ]; then
		cid="$(docker create "${create[@]}" "$REPO/base:$hash" true)"
	else
		cid="$(docker create "${create[@]}" "$REPO/base:$hash" \
			/bin/bash /usr/local/lib/baktainer-fixture/variant.sh "$variant")"
		if ! docker start -a "$cid" >>"$BUILD_LOG" 2>&1; then
			tail -n 20 "$BUILD_LOG" >&2
			die "variant.sh $variant failed (log: $BUILD_LOG)"
		fi
	fi
	docker commit "${changes[@]}" "$cid" "$REPO/$name:$hash" >/dev/null
	docker rm -f "$cid" >/dev/null
	BUILD_CONTAINER=""
	log "$name: built $REPO/$name:$hash"
}

build_images() {
	local hash="$1"
	local PG_PATH='/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
	local name
	for name in "${IMAGES[@]}"; do
		if [ "${FORCE_REBUILD:-0}" != 1 ] && image_exists "$REPO/$name:$hash"; then continue; fi
		case "$name" in
		postgres)  derive_image "$hash" postgres - "ENV PATH=$PG_PATH" \
				'ENV PGDATA=/var/lib/postgresql/data' 'CMD ["postgres"]' 'EXPOSE 5432' 'STOPSIGNAL SIGINT' ;;
		mariadb)   derive_image "$hash" mariadb - 'CMD ["mariadbd"]' 'EXPOSE 3306' ;;
		mysql)     derive_image "$hash" mysql mysql 'CMD ["mysqld"]' 'EXPOSE 3306' ;;
		mariadb11) derive_image "$hash" mariadb11 mariadb11 'CMD ["mariadbd"]' 'EXPOSE 3306' ;;
		redis)     derive_image "$hash" redis - 'CMD ["redis-server"]' 'WORKDIR /data' 'EXPOSE 6379' ;;
		sqlite)    derive_image "$hash" sqlite - 'CMD ["idle"]' 'VOLUME /data' 'WORKDIR /data' ;;
		mongo-standin) derive_image "$hash" mongo-standin mongo-standin 'CMD ["idle"]' 'WORKDIR /' ;;
		*) die "no recipe for image $name" ;;
		esac
	done
}

# Recipe hash: everything under scripts/fixtures/ (entrypoints, package list, ...) and the build steps
# above, so editing either rebuilds the images.
recipe_hash() {
	{
		(cd "$FIXTURES" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
		declare -f build_base derive_image build_images
		printf '%s\n' "${IMAGES[@]}"
	} | sha256sum | cut -c1-12
}

# Removes fixture tags of older recipes (skipped, with a note, while a container still uses one).
prune_old_tags() {
	local hash="$1" ref
	for ref in $(docker image ls --format '{{.Repository}}:{{.Tag}}' "$REPO/*" 2>/dev/null); do
		case "$ref" in *":$hash" | *":current" | *":<none>") continue ;; esac
		if docker rmi "$ref" >/dev/null 2>&1; then log "pruned old image $ref"
		else log "kept old image $ref (in use)"; fi
	done
	# Untagged leftovers of rebuilt fixture images (only those no container uses).
	docker image prune -f --filter label=baktainer-fixture.recipe >/dev/null 2>&1 || true
}

cleanup() {
	local rc=$?
	if [ -n "${BUILD_CONTAINER:-}" ]; then docker rm -f "$BUILD_CONTAINER" >/dev/null 2>&1 || true; fi
	if [ -n "${ROOTFS_TO_REMOVE:-}" ]; then remove_rootfs "$ROOTFS_TO_REMOVE" || true; fi
	exit "$rc"
}
BUILD_CONTAINER=""
ROOTFS_TO_REMOVE=""
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_packages
ensure_pypi_tools
ensure_dockerd

HASH="$(recipe_hash)"
all_built=1
for name in base "${IMAGES[@]}"; do
	image_exists "$REPO/$name:$HASH" || all_built=0
done
FORCE_REBUILD="${TESTBED_REBUILD:-0}"
if [ "$FORCE_REBUILD" = 1 ]; then
	# The old images keep their :current tag until the new ones replace them, so tests running
	# meanwhile are not disturbed; the old ones are pruned at the end once unused.
	log "TESTBED_REBUILD=1: rebuilding recipe $HASH"
	all_built=0
fi
if [ "$all_built" = 1 ]; then
	log "images: recipe $HASH already built"
else
	build_start=$(date +%s%N)
	: >"$BUILD_LOG"
	if [ "$FORCE_REBUILD" = 1 ] || ! image_exists "$REPO/base:$HASH"; then build_base "$HASH"; fi
	build_images "$HASH"
	log "images: recipe $HASH built in $(elapsed "$build_start") s"
fi

tags=()
for name in base "${IMAGES[@]}"; do
	docker tag "$REPO/$name:$HASH" "$REPO/$name:current"
	tags+=("$name")
done
prune_old_tags "$HASH"

IFS=,
echo "testbed ready in $(elapsed "$START_NS") s: $REPO/{${tags[*]}}:{$HASH,current}"
