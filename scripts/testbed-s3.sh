#!/usr/bin/env bash
# An S3 server for the tests: moto (PyPI `moto[server]`) on 127.0.0.1 with IAM authentication ON — after the three
# set-up calls below, every request must carry a valid SigV4 signature of the access key created here, so a wrong
# secret or a broken signature is refused as by AWS. awscli (PyPI) is the independent client the tests read with.
#   scripts/testbed-s3.sh start [BUCKET]   installs what is missing, starts a server, creates the bucket; prints
#                                          shell assignments: S3_PID S3_ENDPOINT S3_ACCESS_KEY_ID S3_SECRET_ACCESS_KEY S3_BUCKET
#   scripts/testbed-s3.sh stop PID         stops that server
#   scripts/testbed-s3.sh stop-all         stops every server this script started (test.sh's teardown)
set -euo pipefail
state=/run/baktainer-testbed-s3
log() { printf '[testbed-s3 %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

ensure_tools() {
	if ! command -v moto_server >/dev/null || ! command -v aws >/dev/null; then
		log "installing moto[server] and awscli from PyPI"
		python3 -m pip install -q 'moto[server]' awscli >&2
		hash -r
	fi
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

case "${1:-}" in
start)
	ensure_tools
	bucket=${2:-bt-backups}
	mkdir -p "$state"
	port=$(free_port)
	logfile="$state/moto-$port.log"
	# The server must not inherit any descriptor but 0-2: Foundation's Process (the tests) learns that this script
	# ended when every copy of a descriptor it passed is closed (as in testbed-dockerd.sh).
	closers=""
	for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && closers+=" $fd>&-"; done
	eval 'INITIAL_NO_AUTH_ACTION_COUNT=3 setsid moto_server -H 127.0.0.1 -p "$port" >"$logfile" 2>&1 </dev/null '"$closers"' &'
	pid=$!
	echo "$pid" >"$state/$pid.pid"
	echo "$logfile" >"$state/$pid.log-path"
	endpoint="http://127.0.0.1:$port"
	for _ in $(seq 1 150); do
		curl -fsS -o /dev/null "$endpoint/moto-api/" 2>/dev/null && break
		kill -0 "$pid" 2>/dev/null || { cat "$logfile" >&2; exit 1; }
		sleep 0.2
	done
	export AWS_ACCESS_KEY_ID=setup AWS_SECRET_ACCESS_KEY=setup AWS_DEFAULT_REGION=us-east-1
	aws --endpoint-url "$endpoint" iam create-user --user-name baktainer >/dev/null
	keys=$(aws --endpoint-url "$endpoint" iam create-access-key --user-name baktainer --output text \
		--query 'AccessKey.[AccessKeyId,SecretAccessKey]')
	aws --endpoint-url "$endpoint" iam put-user-policy --user-name baktainer --policy-name s3 --policy-document \
		'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}'
	read -r key secret <<<"$keys"
	AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret aws --endpoint-url "$endpoint" s3api create-bucket --bucket "$bucket" >/dev/null
	log "moto (pid $pid) on $endpoint, bucket $bucket, IAM authentication on"
	printf 'S3_PID=%s\nS3_ENDPOINT=%s\nS3_ACCESS_KEY_ID=%s\nS3_SECRET_ACCESS_KEY=%s\nS3_BUCKET=%s\n' "$pid" "$endpoint" "$key" "$secret" "$bucket"
	;;
stop)
	pid=${2:?usage: testbed-s3.sh stop PID}
	kill "$pid" 2>/dev/null || true
	for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	kill -9 "$pid" 2>/dev/null || true
	[ -f "$state/$pid.log-path" ] && rm -f "$(cat "$state/$pid.log-path")"
	rm -f "$state/$pid.pid" "$state/$pid.log-path"
	;;
stop-all)
	for file in "$state"/*.pid; do
		[ -e "$file" ] || continue
		"$0" stop "$(cat "$file")"
	done
	rmdir "$state" 2>/dev/null || true  # every server gone: nothing of the test bed is left
	;;
*)
	echo "usage: $0 start [BUCKET] | stop PID | stop-all" >&2
	exit 64
	;;
esac
