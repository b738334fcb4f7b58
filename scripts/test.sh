#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs and starts the test bed (Debian packages,
# dockerd, fixture images, a second TLS dockerd), builds, and runs the unit and real-Docker integration
# tests. Fails loudly, never skips, when the Docker engine cannot be started.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

command -v swift >/dev/null || { echo "FATAL: swift is not on PATH (Swift 6.2 or later is needed)" >&2; exit 1; }
scripts/testbed.sh
scripts/testbed-tls.sh

# Leftovers of earlier, interrupted runs.
leftovers=$(docker ps -aq --filter label=baktainer.test)
[ -z "$leftovers" ] || docker rm -fv $leftovers >/dev/null

swift build --build-tests
swift test "$@"
echo "[test.sh] all tests passed in $(( $(date +%s) - start )) s"
