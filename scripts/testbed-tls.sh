#!/usr/bin/env bash
# The TLS half of the integration test bed on a Debian 12 host (root), after scripts/testbed.sh (which installs
# docker.io and openssl):
#
#   scripts/testbed-tls.sh start     starts a TLS-only dockerd for the calling test run and prints, on stdout, the
#                                    shell `export` lines the tests read (eval them):
#                                      BAKTAINER_TLS_HOST, BAKTAINER_TLS_PORT  where it listens (tcp, --tlsverify)
#                                      BAKTAINER_TLS_SOCKET                    its unix socket (for the docker CLI)
#                                      BAKTAINER_TLS_DIR                       the client-side certificates
#                                      BAKTAINER_TLS_ID                        its name, for `stop`
#   scripts/testbed-tls.sh stop ID   stops that daemon and removes its network namespace and data.
#
# Each daemon runs in a network namespace of its own (ip netns "bt-tls-N"), reached over a veth pair: the host
# side has $BAKTAINER_TLS_NET.(4N+1)/30, the daemon listens on .(4N+2):$BAKTAINER_TLS_PORT. So its `--bridge=none`
# never deletes the host's docker0, and concurrent test runs each have their own. It is owned by the calling
# process (BAKTAINER_TEST_OWNER_PID, else the parent): scripts/testbed-clean.sh stops it once that has ended.
#
# The TLS material is generated once into $BAKTAINER_TLS_DIR (default /var/tmp/baktainer-tls/):
#   ca.pem ca-key.pem               the CA the daemons trust and that signs the certificates
#   cert.pem key.pem                a client certificate (extendedKeyUsage clientAuth) and its key
#   other-ca.pem other-ca-key.pem   a second CA that has nothing to do with the first
#   wrong-key.pem                   a valid RSA key that does not belong to cert.pem
# (tests copy ca.pem/cert.pem/key.pem into a DOCKER_CERT_PATH-style directory themselves); each daemon gets its
# own server certificate for its address. The daemon needs no images. Concurrent runs are serialised by a lock.
#
# Environment:
#   BAKTAINER_TLS_DIR   where the certificates live (default /var/tmp/baktainer-tls)
#   BAKTAINER_TLS_PORT  the daemons' TCP port (default 2376)
#   BAKTAINER_TLS_NET   the first three octets of the /24 the veth pairs take /30s of (default 10.247.76)
#
# Exits non-zero, loudly, when the daemon cannot be started: the TLS tests must fail, never skip.
set -euo pipefail

START_NS=$(date +%s%N)
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/testbed-lib.sh
. "$SCRIPT_DIR/testbed-lib.sh"
TLS_DIR="${BAKTAINER_TLS_DIR:-/var/tmp/baktainer-tls}"
PORT="${BAKTAINER_TLS_PORT:-2376}"
NET="${BAKTAINER_TLS_NET:-10.247.76}"
DAYS=3650
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

log() { printf '[testbed-tls %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
	printf '\n[testbed-tls] ####################################################################\n' >&2
	printf '[testbed-tls] FATAL: %s\n' "$*" >&2
	printf '[testbed-tls] ####################################################################\n' >&2
	exit 1
}
elapsed() { awk -v s="$1" -v e="$(date +%s%N)" 'BEGIN { printf "%.1f", (e - s) / 1e9 }'; }

action=${1:-start}
case "$action" in start | stop) ;; *) die "usage: testbed-tls.sh start | stop ID" ;; esac
[ "$(id -u)" = 0 ] || die "testbed-tls.sh must run as root (it starts dockerd)"
for tool in openssl dockerd docker flock setsid ip nsenter; do
	command -v "$tool" >/dev/null || die "$tool is missing: run scripts/testbed.sh first (it installs docker.io, openssl and iproute2)"
done

# One start or stop at a time. fd 9 must not leak into dockerd.
mkdir -p /run/lock
exec 9>/run/lock/baktainer-testbed-tls.lock
if ! flock -n 9; then
	log "another testbed-tls.sh is running; waiting for it (up to 5 min)"
	flock -w 300 9 || die "timed out waiting for the testbed-tls lock"
fi

# The paths of daemon ID (bt-tls-N).
paths() {
	STATE="$TESTBED_STATE/tls/$1"
	EXEC_ROOT="/run/$1"
	PIDFILE="/run/$1.pid"
	SOCKET="/run/$1.sock"
}

# stop_daemon ID: stops the daemon (only if the pidfile names a dockerd of ours), removes its namespace and data.
stop_daemon() {
	local id=$1 pid m
	paths "$id"
	if [ -s "$PIDFILE" ]; then
		pid=$(cat "$PIDFILE")
		if grep -qaF -- "$PIDFILE" "/proc/$pid/cmdline" 2>/dev/null; then
			kill -TERM "$pid" 2>/dev/null || true
			for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
			if kill -0 "$pid" 2>/dev/null; then
				log "dockerd (TLS) $id (pid $pid) did not stop within 20 s; killing it"
				kill -KILL "$pid" 2>/dev/null || true
			fi
		fi
	fi
	ip netns delete "$id" 2>/dev/null || true  # takes the veth pair with it
	ip link delete "$id" 2>/dev/null || true
	for m in $(awk -v a="$STATE/" -v b="$EXEC_ROOT/" 'index($2, a) == 1 || index($2, b) == 1 { print $2 }' /proc/mounts | sort -r); do
		umount -l "$m" 2>/dev/null || true
	done
	rm -rf --one-file-system "$STATE" "$EXEC_ROOT" "$PIDFILE" "$SOCKET"
}

if [ "$action" = stop ]; then
	id=${2:?usage: testbed-tls.sh stop ID}
	case "$id" in bt-tls-[0-9]*) ;; *) die "'$id' is not the name of a test bed TLS daemon (bt-tls-N)" ;; esac
	stop_daemon "$id"
	log "dockerd (TLS) $id stopped and removed"
	exit 0
fi

# ---------------------------------------------------------------------------------------------------
# 1. TLS material, generated once into a scratch directory and moved into place whole.
# ---------------------------------------------------------------------------------------------------
FILES=(ca.pem ca-key.pem cert.pem key.pem other-ca.pem other-ca-key.pem wrong-key.pem)

material_complete() {
	local f
	for f in "${FILES[@]}"; do [ -s "$TLS_DIR/$f" ] || return 1; done
	# The pieces must still fit together (a half-edited directory is regenerated).
	openssl verify -CAfile "$TLS_DIR/ca.pem" "$TLS_DIR/cert.pem" >/dev/null 2>&1 || return 1
	[ "$(openssl x509 -noout -pubkey -in "$TLS_DIR/cert.pem")" = "$(openssl pkey -pubout -in "$TLS_DIR/key.pem")" ] || return 1
	openssl x509 -noout -checkend 86400 -in "$TLS_DIR/ca.pem" >/dev/null || return 1
}

# make_ca DIR NAME CN
make_ca() {
	local dir="$1" name="$2" cn="$3"
	openssl req -x509 -new -newkey rsa:2048 -nodes -sha256 -days "$DAYS" \
		-keyout "$dir/$name-key.pem" -out "$dir/$name.pem" -subj "/CN=$cn" \
		-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
}

# make_leaf CA-DIR DIR CERT KEY CN EXTFILE-CONTENT: a certificate signed by CA-DIR's ca.pem
make_leaf() {
	local ca="$1" dir="$2" cert="$3" key="$4" cn="$5" ext="$6"
	openssl req -new -newkey rsa:2048 -nodes -sha256 -keyout "$dir/$key" -out "$dir/$cert.csr" -subj "/CN=$cn" 2>/dev/null
	printf '%s\n' "$ext" >"$dir/$cert.ext"
	openssl x509 -req -sha256 -days "$DAYS" -in "$dir/$cert.csr" -CA "$ca/ca.pem" -CAkey "$ca/ca-key.pem" \
		-CAcreateserial -CAserial "$dir/ca.srl" -out "$dir/$cert" -extfile "$dir/$cert.ext" 2>/dev/null
	rm -f "$dir/$cert.csr" "$dir/$cert.ext" "$dir/ca.srl"
}

generate_material() {
	local t0 tmp
	t0=$(date +%s%N)
	mkdir -p "$(dirname "$TLS_DIR")"
	tmp="$(mktemp -d "$(dirname "$TLS_DIR")/.baktainer-tls.XXXXXX")"
	make_ca "$tmp" ca "Baktainer test CA"
	make_leaf "$tmp" "$tmp" cert.pem key.pem "baktainer-test-client" \
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
}

if material_complete; then
	log "certificates: cached in $TLS_DIR"
else
	generate_material
fi

# ---------------------------------------------------------------------------------------------------
# 2. A TLS dockerd of the caller's own, in its own network namespace.
# ---------------------------------------------------------------------------------------------------
owner=$(caller_owner) || die "cannot tell which process owns the daemon"

# The first free slot; a slot whose owner has ended is reclaimed.
ID=""
for slot in $(seq 0 63); do
	id="bt-tls-$slot"
	if [ -f "$TESTBED_STATE/tls/$id/owner" ]; then
		owner_alive "$(cat "$TESTBED_STATE/tls/$id/owner")" && continue
		log "dockerd (TLS) $id: its test run has ended; removing it"
		stop_daemon "$id"
	fi
	ip netns list | grep -qw "^$id" && continue  # not ours to remove
	ip -4 -o addr show | grep -qF " $NET.$((4 * slot + 1))/" && continue
	ID=$id
	break
done
[ -n "$ID" ] || die "no free slot for a TLS dockerd: 64 test runs have one (see $TESTBED_STATE/tls)"
paths "$ID"
HOST_ADDRESS="$NET.$((4 * slot + 1))"
ADDRESS="$NET.$((4 * slot + 2))"
mkdir -p "$STATE/data" "$EXEC_ROOT"
printf '%s\n' "$owner" >"$STATE/owner"
LOG="$STATE/dockerd.log"

tls_docker() {
	timeout 10 docker -H "tcp://$ADDRESS:$PORT" --tlsverify --tlscacert "$TLS_DIR/ca.pem" \
		--tlscert "$TLS_DIR/cert.pem" --tlskey "$TLS_DIR/key.pem" "$@"
}
tls_answers() { tls_docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
failed() {
	echo "----- last lines of $LOG -----" >&2
	tail -n 40 "$LOG" >&2 || true
	stop_daemon "$ID"
	die "NO TLS DOCKER ENGINE: $*. TLSIntegrationTests cannot run and must FAIL."
}

ip netns add "$ID"
ip link add "$ID" type veth peer name "$ID-ns" netns "$ID"
ip addr add "$HOST_ADDRESS/30" dev "$ID"
ip link set "$ID" up
ip -n "$ID" addr add "$ADDRESS/30" dev "$ID-ns"
ip -n "$ID" link set "$ID-ns" up
ip -n "$ID" link set lo up
make_leaf "$TLS_DIR" "$STATE" server-cert.pem server-key.pem "baktainer-tls-dockerd" \
	"$(printf '%s\n' 'basicConstraints=CA:FALSE' 'keyUsage=critical,digitalSignature,keyEncipherment' \
		'extendedKeyUsage=serverAuth' "subjectAltName=IP:$ADDRESS")"

log "dockerd (TLS) $ID: starting on tcp://$ADDRESS:$PORT and unix://$SOCKET (log: $LOG)"
T0=$(date +%s%N)
nsenter --net="/run/netns/$ID" setsid dockerd \
	--tlsverify --tlscacert "$TLS_DIR/ca.pem" --tlscert "$STATE/server-cert.pem" --tlskey "$STATE/server-key.pem" \
	-H "tcp://$ADDRESS:$PORT" -H "unix://$SOCKET" \
	--data-root "$STATE/data" --exec-root "$EXEC_ROOT" --pidfile "$PIDFILE" \
	--containerd-namespace "$ID" --containerd-plugins-namespace "$ID-plugins" \
	--iptables=false --ip-masq=false --bridge=none \
	>"$LOG" 2>&1 </dev/null 9>&- &
PID=$!
for _ in $(seq 1 120); do
	if tls_answers; then
		log "dockerd (TLS) $ID: pid $PID ready after $(elapsed "$T0") s ($(tls_docker version --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}' 2>/dev/null)); total $(elapsed "$START_NS") s"
		printf 'export BAKTAINER_TLS_HOST=%s BAKTAINER_TLS_PORT=%s BAKTAINER_TLS_SOCKET=%s BAKTAINER_TLS_DIR=%s BAKTAINER_TLS_ID=%s\n' \
			"$ADDRESS" "$PORT" "$SOCKET" "$TLS_DIR" "$ID"
		exit 0
	fi
	kill -0 "$PID" 2>/dev/null || failed "dockerd exited"
	sleep 0.5
done
failed "dockerd did not answer on tcp://$ADDRESS:$PORT within 60 s"
