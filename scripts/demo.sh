#!/usr/bin/env bash
# Baktainer's main job in one command, on a Debian 12 machine with Docker (as root):
#
#   scripts/demo.sh
#
# 1. Docker and sample databases: scripts/testbed.sh installs what is missing (docker.io, debootstrap, ...), starts
#    dockerd when nothing answers on the socket and builds the test bed's database images from Debian packages
#    (once; a few minutes the first time, seconds after). No registry is needed.
# 2. Baktainer: a binary built on this host, `swift build -c release --product baktainer` (incremental; the first
#    build takes several minutes), or BAKTAINER_DEMO_BINARY=PATH. Not the container image: see
#    scripts/build-image.sh and examples/compose.yaml for that.
# 3. Starts a labelled PostgreSQL and a labelled MariaDB container with a little data, then runs, printing each
#    command: `baktainer list`, `baktainer backup` (twice, so that retention has a choice), `baktainer verify --all`,
#    `baktainer list --backups`, `baktainer prune --dry-run` with BT_RETENTION_KEEP_LAST=1.
# 4. Cleans up, also when a step fails: removes its containers and its backup directory, and stops dockerd if it
#    started it (and no test run uses it meanwhile).
#
# Baktainer sees only the demo's containers (BT_FILTER_LABEL=baktainer.demo=<run>); the backups go to a temporary
# directory (BAKTAINER_DEMO_KEEP=1 keeps it, and the containers, for a look). The demo's own variables are not named
# BT_*: Baktainer, which inherits the environment, would warn about them as unknown settings.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
# shellcheck source=scripts/testbed-lib.sh
. "$SCRIPT_DIR/testbed-lib.sh"
DOCKERD_STARTED=/run/baktainer-testbed-dockerd.pid

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
run() {
	printf '$ %s\n' "$*"
	"$@"
}
die() {
	printf 'demo: FATAL: %s\n' "$*" >&2
	exit 1
}

[ "$(id -u)" = 0 ] || die "demo.sh must run as root (it may install packages and start dockerd)"

RUN_ID="demo-$(date +%s)-$$"
WORKDIR=""
engine_before=answering
timeout 10 docker version >/dev/null 2>&1 || engine_before=absent

cleanup() {
	local rc=$? pid
	trap - EXIT
	if [ "${BAKTAINER_DEMO_KEEP:-0}" = 1 ]; then
		step "BAKTAINER_DEMO_KEEP=1: left the containers (label baktainer.demo=$RUN_ID) and $WORKDIR"
		exit "$rc"
	fi
	step "Cleaning up"
	local ids
	ids="$(docker ps -aq --filter "label=baktainer.demo=$RUN_ID" 2>/dev/null || true)"
	if [ -n "$ids" ]; then
		# shellcheck disable=SC2086
		docker rm -fv $ids >/dev/null && echo "removed the demo's containers"
	fi
	if [ -n "$WORKDIR" ]; then rm -rf "$WORKDIR" && echo "removed $WORKDIR"; fi
	if [ "$engine_before" = absent ] && [ -f "$DOCKERD_STARTED" ]; then
		pid="$(cat "$DOCKERD_STARTED")"
		if [ -n "$(docker ps -q --filter label=baktainer.test.owner)" ]; then
			echo "left dockerd (pid $pid) running: test runs' containers are on it"
		else
			kill "$pid" 2>/dev/null || true
			for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
			rm -f "$DOCKERD_STARTED"
			echo "stopped the dockerd this demo started (pid $pid)"
		fi
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "Docker and the sample database images (scripts/testbed.sh)"
# testbed.sh records the dockerd it starts here; a stale record must not make this demo stop someone else's.
[ "$engine_before" = answering ] || rm -f "$DOCKERD_STARTED"
"$SCRIPT_DIR/testbed.sh"

step "Baktainer, built on this host"
if [ -n "${BAKTAINER_DEMO_BINARY:-}" ]; then
	BAKTAINER="$(readlink -f "$BAKTAINER_DEMO_BINARY")"
	[ -x "$BAKTAINER" ] || die "BAKTAINER_DEMO_BINARY=$BAKTAINER_DEMO_BINARY is not an executable"
else
	command -v swift >/dev/null || die "swift is not on PATH: install Swift 6.2+ or set BAKTAINER_DEMO_BINARY"
	(cd "$ROOT" && run swift build -c release --product baktainer)
	BAKTAINER="$(cd "$ROOT" && swift build -c release --show-bin-path)/baktainer"
fi
echo "using $BAKTAINER ($("$BAKTAINER" --version))"

WORKDIR="$(mktemp -d /tmp/baktainer-demo.XXXXXX)"
export BT_BACKUP_DIR="$WORKDIR/backups"
export BT_FILTER_LABEL="baktainer.demo=$RUN_ID"
mkdir -p "$BT_BACKUP_DIR"
owner="$(owner_of $$)"
# Random passwords, handed to `docker run -e NAME` and `docker exec -e NAME` through the environment of that one
# command, so that no command line shows them (and Baktainer, which reads them from the containers, never gets them).
pg_password="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mariadb_password="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

step "Two databases, labelled for backup"
# The test bed's labels (baktainer.test*) let scripts/testbed-clean.sh remove them should this script be killed.
common=(--network none --label "baktainer.demo=$RUN_ID" --label "baktainer.test=$RUN_ID" --label "baktainer.test.owner=$owner"
	--label baktainer.backup=true)
POSTGRES_PASSWORD="$pg_password" run docker run -d --name "$RUN_ID-shop" "${common[@]}" \
	--label baktainer.db.engine=postgres --label baktainer.db.name=shop --label baktainer.name=shop \
	-e POSTGRES_USER=shop -e POSTGRES_DB=shop -e POSTGRES_PASSWORD baktainer-fixture/postgres:current
MARIADB_ROOT_PASSWORD="$mariadb_password" run docker run -d --name "$RUN_ID-wiki" "${common[@]}" \
	--label baktainer.db.engine=mariadb --label baktainer.db.name=wiki --label baktainer.name=wiki \
	-e MARIADB_ROOT_PASSWORD -e MARIADB_DATABASE=wiki baktainer-fixture/mariadb:current
"$SCRIPT_DIR/testbed-wait.sh" "$RUN_ID-shop" postgres 120
"$SCRIPT_DIR/testbed-wait.sh" "$RUN_ID-wiki" mariadb 120
PGPASSWORD="$pg_password" docker exec -e PGPASSWORD "$RUN_ID-shop" psql -q -U shop -d shop -c \
	"create table orders(id int primary key, item text); insert into orders select i, 'item ' || i from generate_series(1, 1000) i;"
MYSQL_PWD="$mariadb_password" docker exec -e MYSQL_PWD "$RUN_ID-wiki" mariadb -u root wiki -e \
	"create table pages(id int primary key, title text); insert into pages values (1, 'Home'), (2, 'Backups'), (3, 'Restore');"
echo "shop (postgres) and wiki (mariadb) are up, with a table each"

step "What Baktainer finds"
run "$BAKTAINER" list

step "Back up now"
run "$BAKTAINER" backup
# A second backup a second later, so that the retention policy below has an older file to let go.
sleep 1
run "$BAKTAINER" backup --quiet

step "Verify every backup file (checksum, compression, the dump's own completeness marker)"
run "$BAKTAINER" verify --all

step "The backups"
run "$BAKTAINER" list --backups
(cd "$BT_BACKUP_DIR" && find . -type f | sort)

step "Retention, as a dry run: keep the newest backup of each database"
run env BT_RETENTION_KEEP_LAST=1 "$BAKTAINER" prune --dry-run

step "Done: the demo ran end to end"
