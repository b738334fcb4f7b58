#!/usr/bin/env bash
# An SSH server for the tests: Debian's openssh-server on 127.0.0.1 with its own configuration, host key and
# authorized key, key authentication only, the sftp subsystem on; `sftp` (openssh-client) is the independent
# client the tests read back with. The user is the one running the tests (root in CI).
#   scripts/testbed-sftp.sh start   installs what is missing, starts a server; prints shell assignments:
#                                   SFTP_PID SFTP_PORT SFTP_USER SFTP_KEY_FILE SFTP_KNOWN_HOSTS_FILE SFTP_FINGERPRINT SFTP_ROOT
#   scripts/testbed-sftp.sh stop PID   stops that server and removes its files
#   scripts/testbed-sftp.sh stop-all   stops every server this script started (test.sh's teardown)
set -euo pipefail
state=/run/baktainer-testbed-sftp
# shellcheck source=scripts/testbed-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/testbed-lib.sh"
log() { printf '[testbed-sftp %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

ensure_tools() {
	[ -x /usr/sbin/sshd ] && command -v sftp >/dev/null && return 0
	log "installing openssh-server and openssh-client (Debian); no system sshd is started"
	apt_install openssh-server openssh-client >&2 || { apt-get update -q >&2 && apt_install openssh-server openssh-client >&2; }
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

case "${1:-}" in
start)
	ensure_tools
	mkdir -p "$state"
	# sshd's privilege separation needs this directory; it is made once and left (as the package's own service would).
	if [ ! -d /run/sshd ]; then mkdir -p /run/sshd && chmod 755 /run/sshd && touch "$state/made-run-sshd"; fi
	port=$(free_port)
	dir="$state/$port"
	mkdir -p "$dir/root"
	ssh-keygen -q -t ed25519 -N '' -C "baktainer-testbed-host" -f "$dir/host_key"
	ssh-keygen -q -t ed25519 -N '' -C "baktainer-testbed-client" -f "$dir/client_key"
	cp "$dir/client_key.pub" "$dir/authorized_keys"
	user=$(id -un)
	cat >"$dir/sshd_config" <<-CONFIG
		Port $port
		ListenAddress 127.0.0.1
		HostKey $dir/host_key
		PidFile $dir/sshd.pid
		AuthorizedKeysFile $dir/authorized_keys
		AllowUsers $user
		PermitRootLogin prohibit-password
		PasswordAuthentication no
		KbdInteractiveAuthentication no
		UsePAM no
		StrictModes no
		Subsystem sftp internal-sftp
		LogLevel VERBOSE
	CONFIG
	printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$dir/host_key.pub")" >"$dir/known_hosts"
	fingerprint=$(ssh-keygen -lf "$dir/host_key.pub" | awk '{print $2}')
	# The server must not inherit any descriptor but 0-2 (see testbed-s3.sh); sshd daemonizes itself.
	closers=""
	for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && closers+=" $fd>&-"; done
	eval '/usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log" </dev/null >/dev/null 2>&1 '"$closers"
	for _ in $(seq 1 100); do [ -s "$dir/sshd.pid" ] && break; sleep 0.1; done
	[ -s "$dir/sshd.pid" ] || { cat "$dir/sshd.log" >&2; exit 1; }
	pid=$(cat "$dir/sshd.pid")
	echo "$dir" >"$state/$pid.dir"
	log "sshd (pid $pid) on 127.0.0.1:$port, user $user, key authentication, host key $fingerprint"
	printf 'SFTP_PID=%s\nSFTP_PORT=%s\nSFTP_USER=%s\nSFTP_KEY_FILE=%s\nSFTP_KNOWN_HOSTS_FILE=%s\nSFTP_FINGERPRINT=%s\nSFTP_ROOT=%s\n' \
		"$pid" "$port" "$user" "$dir/client_key" "$dir/known_hosts" "$fingerprint" "$dir/root"
	;;
stop)
	pid=${2:?usage: testbed-sftp.sh stop PID}
	kill "$pid" 2>/dev/null || true
	for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	kill -9 "$pid" 2>/dev/null || true
	if [ -f "$state/$pid.dir" ]; then rm -rf "$(cat "$state/$pid.dir")"; fi
	rm -f "$state/$pid.dir"
	;;
stop-all)
	for file in "$state"/*.dir; do
		[ -e "$file" ] || continue
		pidfile=${file##*/}
		"$0" stop "${pidfile%.dir}"
	done
	if [ -e "$state/made-run-sshd" ]; then rmdir /run/sshd 2>/dev/null || true; rm -f "$state/made-run-sshd"; fi
	rmdir "$state" 2>/dev/null || true
	;;
*)
	echo "usage: $0 start | stop PID | stop-all" >&2
	exit 64
	;;
esac
