#!/usr/bin/env bash
# An SMTP server for the tests: aiosmtpd (PyPI) on 127.0.0.1, run by scripts/testbed-smtp.py, with a certificate for
# 127.0.0.1 and localhost signed by a CA made here, AUTH PLAIN and LOGIN for one random user, and no mail accepted
# before the login. Each message received becomes one JSON file {"mail_from", "rcpt_tos", "data"} in its maildir.
#   scripts/testbed-smtp.sh start [starttls|tls]   installs what is missing, starts a server (starttls: plain
#                                                  connect, STARTTLS required before AUTH; tls: TLS from the first
#                                                  byte); prints shell assignments:
#                                                  SMTP_PID SMTP_PORT SMTP_CA SMTP_USER SMTP_PASSWORD SMTP_MAILDIR
#   scripts/testbed-smtp.sh stop PID               stops that server and removes its maildir
#   scripts/testbed-smtp.sh stop-all               stops every server this script started (test.sh's teardown)
set -euo pipefail
state=/run/baktainer-testbed-smtp
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log() { printf '[testbed-smtp %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

ensure_tools() {
	if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
		log "installing aiosmtpd from PyPI"
		python3 -m pip install -q aiosmtpd >&2
	fi
}

# The CA and the server's certificate, made once for every server (under the lock: tests start servers in parallel).
ensure_certificates() {
	local dir="$state/ca"
	[ -s "$dir/server.pem" ] && return 0
	mkdir -p "$dir"
	openssl req -x509 -new -newkey rsa:2048 -nodes -sha256 -days 3650 -keyout "$dir/ca-key.pem" -out "$dir/ca.pem" \
		-subj "/CN=Baktainer test bed SMTP CA" \
		-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
	openssl req -new -newkey rsa:2048 -nodes -sha256 -keyout "$dir/server-key.pem" -out "$dir/server.csr" \
		-subj "/CN=127.0.0.1" 2>/dev/null
	printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
		"extendedKeyUsage=serverAuth" "subjectAltName=IP:127.0.0.1,DNS:localhost" >"$dir/server.ext"
	openssl x509 -req -sha256 -days 3650 -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca-key.pem" \
		-CAcreateserial -CAserial "$dir/ca.srl" -extfile "$dir/server.ext" -out "$dir/server.pem.partial" 2>/dev/null
	rm -f "$dir/server.csr" "$dir/server.ext" "$dir/ca.srl"
	chmod 0644 "$dir"/*.pem  # throw-away test material, readable by a non-root test runner too
	mv "$dir/server.pem.partial" "$dir/server.pem"
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

case "${1:-}" in
start)
	mode=${2:-starttls}
	case "$mode" in starttls | tls) ;; *) echo "usage: $0 start [starttls|tls]" >&2; exit 64 ;; esac
	mkdir -p "$state"
	(
		flock 9
		ensure_tools
		ensure_certificates
	) 9>"$state/setup.lock"
	port=$(free_port)
	dir="$state/$port"
	mkdir -p "$dir/maildir"
	user="bt-$(openssl rand -hex 4)"
	password=$(openssl rand -hex 16)
	(umask 077 && printf '%s\n' "$password" >"$dir/password")
	# The server must not inherit any descriptor but 0-2: Foundation's Process (the tests) learns that this script
	# ended when every copy of a descriptor it passed is closed (as in testbed-dockerd.sh).
	closers=""
	for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && closers+=" $fd>&-"; done
	# shellcheck disable=SC2034  # used inside the eval
	server=(python3 "$here/testbed-smtp.py" --port "$port" --mode "$mode" --cert "$state/ca/server.pem" --key "$state/ca/server-key.pem"
		--user "$user" --password-file "$dir/password" --maildir "$dir/maildir" --ready "$dir/ready")
	eval 'setsid "${server[@]}" >"$dir/server.log" 2>&1 </dev/null '"$closers"' &'
	pid=$!
	echo "$pid" >"$state/$pid.pid"
	echo "$dir" >"$state/$pid.dir"
	for _ in $(seq 1 150); do
		[ -s "$dir/ready" ] && break
		kill -0 "$pid" 2>/dev/null || { cat "$dir/server.log" >&2; "$0" stop "$pid"; exit 1; }
		sleep 0.2
	done
	[ -s "$dir/ready" ] || { cat "$dir/server.log" >&2; "$0" stop "$pid"; exit 1; }
	log "aiosmtpd (pid $pid) on 127.0.0.1:$port, $mode, user $user"
	printf 'SMTP_PID=%s\nSMTP_PORT=%s\nSMTP_CA=%s\nSMTP_USER=%s\nSMTP_PASSWORD=%s\nSMTP_MAILDIR=%s\n' \
		"$pid" "$port" "$state/ca/ca.pem" "$user" "$password" "$dir/maildir"
	;;
stop)
	pid=${2:?usage: testbed-smtp.sh stop PID}
	kill "$pid" 2>/dev/null || true
	for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	kill -9 "$pid" 2>/dev/null || true
	[ -f "$state/$pid.dir" ] && rm -rf "$(cat "$state/$pid.dir")"
	rm -f "$state/$pid.pid" "$state/$pid.dir"
	;;
stop-all)
	for file in "$state"/*.pid; do
		[ -e "$file" ] || continue
		"$0" stop "$(cat "$file")"
	done
	rm -rf "$state"  # every server gone: nothing of the test bed is left, the CA neither
	;;
*)
	echo "usage: $0 start [starttls|tls] | stop PID | stop-all" >&2
	exit 64
	;;
esac
