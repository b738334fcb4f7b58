#!/usr/bin/env bash
# Starts the TLS half of the integration test bed on a Debian 12 host (root), after scripts/testbed.sh
# (which installs docker.io and openssl and starts the main dockerd):
#   1. generates, once, the TLS material in $TLS_DIR (default /var/tmp/baktainer-tls/):
#        ca.pem  ca-key.pem               the CA the daemon trusts and that signed both certificates
#        server-cert.pem server-key.pem   the daemon's certificate: IP SAN 127.0.0.1, DNS SAN localhost
#        cert.pem key.pem                 a client certificate (extendedKeyUsage clientAuth) and its key
#        other-ca.pem other-ca-key.pem    a second CA that has nothing to do with the first
#        wrong-key.pem                    a valid RSA key that does not belong to cert.pem
#      (tests copy ca.pem/cert.pem/key.pem into a DOCKER_CERT_PATH-style directory themselves);
#   2. starts a second dockerd with --tlsverify on tcp://127.0.0.1:2376 (and its own socket
#      /var/run/baktainer-tls-docker.sock, data root, exec root, pidfile and containerd namespace, so it
#      runs beside the main daemon) unless one already answers there with these certificates.
# The daemon needs no images. Idempotent; concurrent runs are serialised by a lock.
#
# Environment:
#   BAKTAINER_TLS_DIR   where the certificates live (default /var/tmp/baktainer-tls); the tests read the same
#   BAKTAINER_TLS_PORT  the daemon's TCP port (default 2376)
#
# Exits non-zero, loudly, when the daemon cannot be started: the TLS tests must fail, never skip.
set -euo pipefail

START_NS=$(date +%s%N)
TLS_DIR="${BAKTAINER_TLS_DIR:-/var/tmp/baktainer-tls}"
PORT="${BAKTAINER_TLS_PORT:-2376}"
ADDRESS="127.0.0.1:$PORT"
NAME=baktainer-tls-docker
DATA_ROOT="/var/lib/$NAME"
EXEC_ROOT="/var/run/$NAME"
PIDFILE="/var/run/$NAME.pid"
SOCKET="/var/run/$NAME.sock"
LOG="/var/log/baktainer-tls-dockerd.log"
DAYS=3650
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

log() { printf '[testbed-tls %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() {
	printf '\n[testbed-tls] ####################################################################\n' >&2
	printf '[testbed-tls] FATAL: %s\n' "$*" >&2
	printf '[testbed-tls] ####################################################################\n' >&2
	exit 1
}
elapsed() { awk -v s="$1" -v e="$(date +%s%N)" 'BEGIN { printf "%.1f", (e - s) / 1e9 }'; }

[ "$(id -u)" = 0 ] || die "testbed-tls.sh must run as root (it starts dockerd)"
for tool in openssl dockerd docker flock setsid; do
	command -v "$tool" >/dev/null || die "$tool is missing: run scripts/testbed.sh first (it installs docker.io and openssl)"
done

# One run at a time. fd 9 must not leak into dockerd.
mkdir -p /run/lock
exec 9>/run/lock/baktainer-testbed-tls.lock
if ! flock -n 9; then
	log "another testbed-tls.sh is running; waiting for it (up to 5 min)"
	flock -w 300 9 || die "timed out waiting for the testbed-tls lock"
fi

# ---------------------------------------------------------------------------------------------------
# 1. TLS material, generated once into a scratch directory and moved into place whole.
# ---------------------------------------------------------------------------------------------------
FILES=(ca.pem ca-key.pem server-cert.pem server-key.pem cert.pem key.pem other-ca.pem other-ca-key.pem wrong-key.pem)

material_complete() {
	local f
	for f in "${FILES[@]}"; do [ -s "$TLS_DIR/$f" ] || return 1; done
	# The pieces must still fit together (a half-edited directory is regenerated).
	openssl verify -CAfile "$TLS_DIR/ca.pem" "$TLS_DIR/server-cert.pem" "$TLS_DIR/cert.pem" >/dev/null 2>&1 || return 1
	[ "$(openssl x509 -noout -pubkey -in "$TLS_DIR/cert.pem")" = "$(openssl pkey -pubout -in "$TLS_DIR/key.pem")" ] || return 1
	openssl x509 -noout -checkend 86400 -in "$TLS_DIR/server-cert.pem" >/dev/null || return 1
}

# make_ca DIR NAME CN
make_ca() {
	local dir="$1" name="$2" cn="$3"
	openssl req -x509 -new -newkey rsa:2048 -nodes -sha256 -days "$DAYS" \
		-keyout "$dir/$name-key.pem" -out "$dir/$name.pem" -subj "/CN=$cn" \
		-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
}

# make_leaf DIR CERT KEY CN EXTFILE-CONTENT
make_leaf() {
	local dir="$1" cert="$2" key="$3" cn="$4" ext="$5"
	openssl req -new -newkey rsa:2048 -nodes -sha256 -keyout "$dir/$key" -out "$dir/$cert.csr" -subj "/CN=$cn" 2>/dev/null
	printf '%s\n' "$ext" >"$dir/$cert.ext"
	openssl x509 -req -sha256 -days "$DAYS" -in "$dir/$cert.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca-key.pem" \
		-CAcreateserial -out "$dir/$cert" -extfile "$dir/$cert.ext" 2>/dev/null
	rm -f "$dir/$cert.csr" "$dir/$cert.ext"
}

generate_material() {
	local t0 tmp
	t0=$(date +%s%N)
	mkdir -p "$(dirname "$TLS_DIR")"
	tmp="$(mktemp -d "$(dirname "$TLS_DIR")/.baktainer-tls.XXXXXX")"
	make_ca "$tmp" ca "Baktainer test CA"
	make_leaf "$tmp" server-cert.pem server-key.pem "baktainer-tls-dockerd" \
		"$(printf '%s\n' 'basicConstraints=CA:FALSE' 'keyUsage=critical,digitalSignature,keyEncipherment' \
			'extendedKeyUsage=serverAuth' 'subjectAltName=IP:127.0.0.1,DNS:localhost')"
	make_leaf "$tmp" cert.pem key.pem "baktainer-test-client" \
		"$(printf '%s\n' 'basicConstraints=CA:FALSE' 'keyUsage=critical,digitalSignature,keyEncipherment' \
			'extendedKeyUsage=clientAuth')"
	make_ca "$tmp" other-ca "Unrelated test CA"
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$tmp/wrong-key.pem" 2>/dev/null
	rm -f "$tmp"/*.srl
	# Readable by a non-root test runner too: these are throw-away test credentials.
	chmod 0755 "$tmp"
	chmod 0644 "$tmp"/*.pem
	rm -rf "$TLS_DIR"
	mv "$tmp" "$TLS_DIR"
	material_complete || die "generated TLS material in $TLS_DIR does not verify"
	log "certificates: generated in $TLS_DIR in $(elapsed "$t0") s"
	MATERIAL_CHANGED=1
}

MATERIAL_CHANGED=0
if material_complete; then
	log "certificates: cached in $TLS_DIR"
else
	generate_material
fi

# ---------------------------------------------------------------------------------------------------
# 2. The TLS dockerd: start it only if nothing answers with these certificates.
# ---------------------------------------------------------------------------------------------------
tls_docker() {
	timeout 10 docker -H "tcp://$ADDRESS" --tlsverify --tlscacert "$TLS_DIR/ca.pem" \
		--tlscert "$TLS_DIR/cert.pem" --tlskey "$TLS_DIR/key.pem" "$@"
}
tls_answers() { tls_docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
our_pid() {
	local pid
	[ -s "$PIDFILE" ] || return 1
	pid="$(cat "$PIDFILE")"
	kill -0 "$pid" 2>/dev/null && grep -qa -- "--pidfile.$PIDFILE" "/proc/$pid/cmdline" 2>/dev/null || return 1
	echo "$pid"
}
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

if tls_answers && [ "$MATERIAL_CHANGED" = 0 ]; then
	log "dockerd (TLS): answers on tcp://$ADDRESS ($(tls_docker version --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}' 2>/dev/null)) in $(elapsed "$START_NS") s"
	exit 0
fi

# A daemon of ours that does not answer (new certificates, or hung) is restarted; anything else on the
# port is not ours to stop.
if pid="$(our_pid)"; then
	if [ "$MATERIAL_CHANGED" = 1 ]; then
		log "dockerd (TLS): certificates were regenerated; restarting our daemon (pid $pid) to use them"
	else
		log "dockerd (TLS): our daemon (pid $pid) does not answer on tcp://$ADDRESS; restarting it"
	fi
	kill "$pid"
	for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
	kill -0 "$pid" 2>/dev/null && die "dockerd (TLS) pid $pid did not stop within 20 s"
fi
if port_in_use; then
	die "something else listens on 127.0.0.1:$PORT and does not answer as the TLS dockerd with $TLS_DIR's certificates; stop it or set BAKTAINER_TLS_PORT"
fi

mkdir -p "$DATA_ROOT" "$EXEC_ROOT"
log "dockerd (TLS): starting on tcp://$ADDRESS and unix://$SOCKET (log: $LOG)"
T0=$(date +%s%N)
setsid dockerd \
	--tlsverify --tlscacert "$TLS_DIR/ca.pem" --tlscert "$TLS_DIR/server-cert.pem" --tlskey "$TLS_DIR/server-key.pem" \
	-H "tcp://$ADDRESS" -H "unix://$SOCKET" \
	--data-root "$DATA_ROOT" --exec-root "$EXEC_ROOT" --pidfile "$PIDFILE" \
	--containerd-namespace "$NAME" --containerd-plugins-namespace "$NAME-plugins" \
	--iptables=false --ip-masq=false --bridge=none \
	>"$LOG" 2>&1 </dev/null 9>&- &
PID=$!
for _ in $(seq 1 120); do
	if tls_answers; then
		log "dockerd (TLS): pid $PID ready after $(elapsed "$T0") s ($(tls_docker version --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}' 2>/dev/null)); total $(elapsed "$START_NS") s"
		exit 0
	fi
	kill -0 "$PID" 2>/dev/null || break
	sleep 0.5
done
echo "----- last lines of $LOG -----" >&2
tail -n 40 "$LOG" >&2 || true
if kill -0 "$PID" 2>/dev/null; then kill "$PID" 2>/dev/null || true; fi
die "NO TLS DOCKER ENGINE: dockerd exited or did not answer on tcp://$ADDRESS within 60 s. TLSIntegrationTests cannot run and must FAIL."
