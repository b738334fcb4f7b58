#!/usr/bin/env bash
# Checks that the host is as a test run must leave it: the main engine's default bridge docker0 exists and a
# container on the default bridge network starts. Exit 1, naming what is wrong, otherwise. (scripts/test.sh
# runs it after the tests; a dockerd with --bridge=none in the host's network namespace deletes docker0.)
set -euo pipefail
probe="bt-host-check-$$"
trap 'docker rm -f "$probe" >/dev/null 2>&1 || true' EXIT
if ! ip link show docker0 >/dev/null 2>&1; then
	echo "FAIL: the host's docker0 bridge is gone${1:+ ($1)}: containers on the default network cannot start" >&2
	exit 1
fi
if ! out=$(docker run --rm --name "$probe" --label baktainer.test=host-check baktainer-fixture/base:current true 2>&1); then
	echo "FAIL: a container on the default bridge network does not start: $out" >&2
	exit 1
fi
echo "host check: docker0 present, a container on the default bridge starts"
