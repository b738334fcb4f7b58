#!/usr/bin/env bash
# A disposable extra Docker engine for tests that stop and restart the daemon under Baktainer's feet.
#
#   scripts/testbed-dockerd.sh start DIR   start (or keep) a dockerd whose data, sockets and logs live in DIR;
#                                          API on unix://DIR/docker.sock; imports baktainer-fixture/tiny
#                                          (static busybox + a POSIX-sh mongodump stand-in) when missing
#   scripts/testbed-dockerd.sh stop DIR    SIGTERM, wait until it has exited (containers stop with it)
#   scripts/testbed-dockerd.sh remove DIR  stop, then delete DIR
#
# The daemon runs in a network namespace of its own (it needs no network), so it never touches the host's
# docker0. `start` registers it under /var/lib/baktainer-testbed/dockerd/ as owned by the calling process
# (BAKTAINER_TEST_OWNER_PID, else the parent): when that process has ended, scripts/testbed-clean.sh removes it.
# Needs root, dockerd and /bin/busybox (busybox-static), which scripts/testbed.sh installs.
set -euo pipefail
# shellcheck source=scripts/testbed-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/testbed-lib.sh"
action=${1:?usage: testbed-dockerd.sh start|stop|remove DIR}
dir=${2:?usage: testbed-dockerd.sh start|stop|remove DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
name="bt-extra-$(printf '%s' "$dir" | sha1sum | cut -c1-8)"
registration="$TESTBED_STATE/dockerd/$name"
pidfile="$dir/dockerd.pid"
socket="$dir/docker.sock"
log() { printf '[testbed-dockerd %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

answers() { docker -H "unix://$socket" version >/dev/null 2>&1; }
stop() {
	[ -f "$pidfile" ] || return 0
	local pid
	pid=$(cat "$pidfile")
	grep -qaF -- "$pidfile" "/proc/$pid/cmdline" 2>/dev/null || return 0  # not running (or the pid is another process's now)
	kill -TERM "$pid" 2>/dev/null || return 0
	for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
	log "dockerd $pid did not stop within 20 s; killing it"
	kill -KILL "$pid" 2>/dev/null || true
}

case "$action" in
stop) stop; exit 0 ;;
remove) stop; rm -rf "$dir" "$registration"; exit 0 ;;
start)
	owner=$(caller_owner) || exit 1
	mkdir -p "$registration"
	printf '%s\n' "$dir" >"$registration/dir"
	printf '%s\n' "$owner" >"$registration/owner"
	;;
*) echo "unknown action $action" >&2; exit 2 ;;
esac

if ! answers; then
	mkdir -p "$dir/data" "$dir/exec"
	# dockerd must not inherit any descriptor but 0-2: Foundation's Process (the tests) learns that this script
	# ended when every copy of a descriptor it passed is closed, so an inherited one would hang the caller.
	closers=""
	for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && closers+=" $fd>&-"; done
	# Its own network namespace: with --bridge=none dockerd deletes a docker0 bridge it finds, and the host's
	# belongs to the main daemon.
	eval 'setsid unshare --net dockerd -H "unix://$socket" --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$pidfile" \
		--containerd-namespace "$name" --containerd-plugins-namespace "$name-plugins" \
		--iptables=false --ip-masq=false --bridge=none >>"$dir/dockerd.log" 2>&1 </dev/null '"$closers"' &'
	for _ in $(seq 1 300); do answers && break; sleep 0.1; done
	answers || { log "dockerd in $dir did not answer within 30 s; see $dir/dockerd.log"; tail -5 "$dir/dockerd.log" >&2; exit 1; }
fi

if ! docker -H "unix://$socket" image inspect baktainer-fixture/tiny:current >/dev/null 2>&1; then
	root=$(mktemp -d)
	trap 'rm -rf "$root"' EXIT
	mkdir -p "$root/bin" "$root/usr/local/bin" "$root/tmp" "$root/proc" "$root/dev" "$root/sys" "$root/etc"
	cp /bin/busybox "$root/bin/busybox"
	for tool in sh cat head sleep kill tr sed mktemp rm printf env ls ps true; do ln -s busybox "$root/bin/$tool"; done
	cat >"$root/usr/local/bin/mongodump" <<'STANDIN'
#!/bin/sh
# mongodump stand-in: a fake archive of MONGO_STANDIN_BYTES zero bytes, then MONGO_STANDIN_SLEEP seconds.
printf 'mongodump-standin-archive\n'
[ "${MONGO_STANDIN_BYTES:-0}" -gt 0 ] && head -c "$MONGO_STANDIN_BYTES" /dev/zero
[ -n "${MONGO_STANDIN_SLEEP:-}" ] && sleep "$MONGO_STANDIN_SLEEP"
exit "${MONGO_STANDIN_EXIT:-0}"
STANDIN
	chmod 755 "$root/usr/local/bin/mongodump"
	echo 'root:x:0:0:root:/:/bin/sh' >"$root/etc/passwd"
	tar -C "$root" -c . | docker -H "unix://$socket" import -c 'ENV PATH=/usr/local/bin:/bin' -c 'CMD ["sleep","100000"]' - baktainer-fixture/tiny:current >/dev/null
fi
echo "unix://$socket"
