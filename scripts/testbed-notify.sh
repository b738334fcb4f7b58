#!/usr/bin/env bash
# An HTTP receiver for the notification tests: scripts/testbed-receiver.py (Python's standard library only) on
# 127.0.0.1 records every request (method, path, query, headers, body) as one JSON line and answers 200 "ok";
# /status/NNN/… answers NNN, /hang/… never answers, and /ready (polled here until the server answers) is not recorded.
#   scripts/testbed-notify.sh start      starts a receiver; prints shell assignments: NOTIFY_PID NOTIFY_URL NOTIFY_LOG
#                                        (NOTIFY_LOG: the JSON-lines file of the requests received)
#   scripts/testbed-notify.sh stop PID   stops that receiver and removes its files
#   scripts/testbed-notify.sh stop-all   stops every receiver this script started (test.sh's teardown)
set -euo pipefail
state=/run/baktainer-testbed-notify
receiver="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/testbed-receiver.py"
log() { printf '[testbed-notify %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

case "${1:-}" in
start)
	if ! command -v python3 >/dev/null || ! command -v curl >/dev/null; then log "python3 and curl are needed"; exit 1; fi
	[ -f "$receiver" ] || { log "no $receiver"; exit 1; }
	mkdir -p "$state"
	port=$(free_port)
	requests="$state/requests-$port.jsonl"
	errors="$state/receiver-$port.log"
	: >"$requests"
	# The server must not inherit any descriptor but 0-2 (see testbed-s3.sh): Foundation's Process (the tests) learns
	# that this script ended when every copy of a descriptor it passed is closed.
	closers=""
	for fd in "/proc/$$/fd"/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && closers+=" $fd>&-"; done
	eval 'setsid python3 "$receiver" --port "$port" --log "$requests" >"$errors" 2>&1 </dev/null '"$closers"' &'
	pid=$!
	echo "$pid" >"$state/$pid.pid"
	printf '%s\n%s\n' "$requests" "$errors" >"$state/$pid.files"
	url="http://127.0.0.1:$port"
	ready=0
	for _ in $(seq 1 150); do
		curl -fsS -o /dev/null "$url/ready" 2>/dev/null && { ready=1; break; }
		kill -0 "$pid" 2>/dev/null || { cat "$errors" >&2; "$0" stop "$pid"; exit 1; }
		sleep 0.2
	done
	[ "$ready" = 1 ] || { log "the receiver (pid $pid) did not answer on $url"; cat "$errors" >&2; "$0" stop "$pid"; exit 1; }
	log "receiver (pid $pid) on $url, requests in $requests"
	printf 'NOTIFY_PID=%s\nNOTIFY_URL=%s\nNOTIFY_LOG=%s\n' "$pid" "$url" "$requests"
	;;
stop)
	pid=${2:?usage: testbed-notify.sh stop PID}
	kill "$pid" 2>/dev/null || true
	for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	kill -9 "$pid" 2>/dev/null || true
	if [ -f "$state/$pid.files" ]; then xargs -r rm -f <"$state/$pid.files"; fi
	rm -f "$state/$pid.pid" "$state/$pid.files"
	;;
stop-all)
	for file in "$state"/*.pid; do
		[ -e "$file" ] || continue
		"$0" stop "$(cat "$file")"
	done
	rmdir "$state" 2>/dev/null || true  # every receiver gone: nothing of the test bed is left
	;;
*)
	echo "usage: $0 start | stop PID | stop-all" >&2
	exit 64
	;;
esac
