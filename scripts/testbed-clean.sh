#!/usr/bin/env bash
# Removes what dead test runs left behind, and nothing else:
#   - containers on the main engine labelled baktainer.test.owner=<owner> whose owner process has ended;
#   - extra dockerds (scripts/testbed-dockerd.sh) and TLS dockerds (scripts/testbed-tls.sh) whose owner has ended,
#     with their network namespaces and data.
# Containers labelled baktainer.test without an owner (benchmarks, hand-made fixtures, older runs) and every
# daemon the test bed did not start (the main dockerd above all) are left alone. Needs root.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/testbed-lib.sh
. "$SCRIPT_DIR/testbed-lib.sh"
log() { printf '[testbed-clean %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

dead=()
while read -r id owner; do
	[ -n "$id" ] || continue
	owner_alive "$owner" || dead+=("$id")
done < <(docker ps -a --filter label=baktainer.test.owner --format '{{.ID}} {{.Label "baktainer.test.owner"}}')
if [ ${#dead[@]} -gt 0 ]; then
	log "removing ${#dead[@]} container(s) of ended test runs"
	docker rm -fv "${dead[@]}" >/dev/null
fi

for entry in "$TESTBED_STATE"/dockerd/* "$TESTBED_STATE"/tls/*; do
	[ -f "$entry/owner" ] || continue
	owner_alive "$(cat "$entry/owner")" && continue
	case "$entry" in
	*/dockerd/*) log "removing the extra dockerd in $(cat "$entry/dir") (its test run ended)"
		"$SCRIPT_DIR/testbed-dockerd.sh" remove "$(cat "$entry/dir")" ;;
	*/tls/*) log "stopping TLS dockerd ${entry##*/} (its test run ended)"
		"$SCRIPT_DIR/testbed-tls.sh" stop "${entry##*/}" ;;
	esac
done
