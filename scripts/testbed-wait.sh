#!/usr/bin/env bash
# Usage: scripts/testbed-wait.sh NAME_OR_ID ENGINE [TIMEOUT_SECONDS]
# Waits until the server inside a baktainer-fixture container answers:
#   postgres                 pg_isready over TCP 127.0.0.1:5432 inside the container
#   mariadb|mysql|mariadb11  mariadb-admin/mysqladmin ping over TCP (an "Access denied" answer counts as
#                            alive: ping exits 0 whenever the server answers)
#   redis                    redis-cli ping (PONG, NOAUTH or WRONGPASS all mean the server answers)
#   sqlite|mongo-standin     the container is running
# Probes use TCP inside the container because the entrypoints run their initialisation server with
# networking off, so a probe cannot mistake the temporary server for the real one.
# Exit 0 when ready; otherwise (timeout, container exited, unknown engine) prints the container's log
# and state and exits 1. Default timeout 60 s.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	echo "usage: $0 NAME_OR_ID ENGINE [TIMEOUT_SECONDS]" >&2
	exit 2
fi
container="$1" engine="$2" timeout="${3:-60}"

fail() {
	echo "testbed-wait: $container ($engine): $*" >&2
	echo "----- docker inspect state -----" >&2
	docker inspect --format '{{json .State}}' "$container" >&2 2>/dev/null || true
	echo "----- docker logs (last 200 lines) -----" >&2
	docker logs --tail 200 "$container" >&2 2>&1 || true
	echo "----- end of log -----" >&2
	exit 1
}

probe() {
	case "$engine" in
	postgres)
		docker exec "$container" pg_isready -q -h 127.0.0.1 -p 5432 -t 2 </dev/null >/dev/null 2>&1 ;;
	mariadb|mysql|mariadb11)
		docker exec "$container" sh -c '
			admin=$(command -v mariadb-admin || command -v mysqladmin) || exit 3
			exec "$admin" --no-defaults --protocol=tcp -h 127.0.0.1 -P 3306 --connect-timeout=2 -u root ping' \
			</dev/null >/dev/null 2>&1 ;;
	redis)
		local out
		out="$(docker exec "$container" sh -c '
			if [ -n "${REDIS_PASSWORD:-}" ]; then export REDISCLI_AUTH="$REDIS_PASSWORD"; fi
			redis-cli -h 127.0.0.1 -p 6379 ping' </dev/null 2>&1)" || true
		case "$out" in *PONG* | *NOAUTH* | *WRONGPASS*) return 0 ;; *) return 1 ;; esac ;;
	sqlite|mongo-standin)
		[ "$(docker inspect --format '{{.State.Running}}' "$container" 2>/dev/null)" = true ] ;;
	*)
		echo "testbed-wait: unknown engine '$engine' (postgres mariadb mysql mariadb11 redis sqlite mongo-standin)" >&2
		exit 2 ;;
	esac
}

deadline=$(( $(date +%s) + timeout ))
# Probes start 0.2 s apart and back off to 1 s: each is a `docker exec`, and many waiters polling fast on two
# cores take the CPU that the servers need to start.
pause=0.2
while :; do
	if probe; then exit 0; fi
	state="$(docker inspect --format '{{.State.Status}}' "$container" 2>/dev/null)" \
		|| fail "no such container"
	case "$state" in
	exited|dead) fail "container is $state (it did not start)" ;;
	esac
	[ "$(date +%s)" -lt "$deadline" ] || fail "not ready after ${timeout} s"
	sleep "$pause"
	case "$pause" in 0.2) pause=0.5 ;; *) pause=1 ;; esac
done
