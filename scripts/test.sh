#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: lints, installs and starts the test bed (Debian packages,
# dockerd, fixture images, a TLS dockerd of this run's own), builds with code coverage, runs the unit and
# real-Docker integration tests, checks the host is as it was (docker0 still works) and the coverage floors.
# Fails loudly, never skips, when the Docker engine cannot be started.
#
# Arguments go to `swift test` (`scripts/test.sh --filter Compression`); the coverage floors apply to full runs only.
# Environment:
#   BT_TEST_LINT=0   skip the `swift format lint` step (on by default)
#   BT_TEST_KEEP=1   leave this run's TLS dockerd and containers running at the end, to look at them; the next
#                    run removes them (scripts/testbed-clean.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

# Line coverage floors in percent, per module: the figures of 2026-12-01 (Core 94.3, DockerEngineAPI 87.6–89.1 — its
# timing-dependent retry and timeout paths move it by a point between runs —, HTTP 96.8, executable 85.3) less a
# point of margin; BaktainerHTTP 92.1 since issue 11 (StatusServerService: the bind-failure paths are covered by
# MessagesIntegrationTests through the binary, which this module's figure does not count); BaktainerS3 90.0 on
# 2026-12-02; BaktainerS3 92.8 and BaktainerSFTP 90.4 on 2026-12-02 (stop 19); BaktainerNotify 93.1 and BaktainerSMTP 90.4
# on 2026-12-02 (stop 20). Raise them as coverage grows.
COVERAGE_FLOORS=(BaktainerCore=93 DockerEngineAPI=86 BaktainerHTTP=91 BaktainerS3=91 BaktainerSFTP=89 BaktainerNotify=92 BaktainerSMTP=89 baktainer=88)

log() { printf '[test.sh %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
command -v swift >/dev/null || { echo "FATAL: swift is not on PATH (Swift 6.2 or later is needed)" >&2; exit 1; }

if [ "${BT_TEST_LINT:-1}" = 1 ]; then
	log "swift format lint (BT_TEST_LINT=0 skips it)"
	swift format lint --strict --recursive --parallel Sources Tests Benchmarks Package.swift
fi

# shellcheck source=scripts/testbed-lib.sh
. scripts/testbed-lib.sh
engine_before=answering
engine_answers || engine_before=absent
rm -f /run/baktainer-testbed-dockerd.pid
scripts/testbed.sh
scripts/testbed-clean.sh  # what ended runs left; never a live run's containers or daemons
bridge_before=present
ip link show docker0 >/dev/null 2>&1 || bridge_before=missing

tls=$(scripts/testbed-tls.sh start)
eval "$tls"
torn_down=0
teardown() {
	[ "$torn_down" = 0 ] || return 0
	torn_down=1
	if [ "${BT_TEST_KEEP:-0}" = 1 ]; then
		log "BT_TEST_KEEP=1: left running: TLS dockerd $BAKTAINER_TLS_ID ($BAKTAINER_TLS_HOST:$BAKTAINER_TLS_PORT) and this run's containers"
		return 0
	fi
	scripts/testbed-tls.sh stop "$BAKTAINER_TLS_ID" || true
	scripts/testbed-s3.sh stop-all || true  # S3 servers of tests that died before stopping theirs
	scripts/testbed-sftp.sh stop-all || true  # and SSH servers
	scripts/testbed-notify.sh stop-all || true  # and HTTP receivers of notification tests
	scripts/testbed-smtp.sh stop-all || true  # and SMTP servers
	scripts/testbed-clean.sh || true  # this run's containers and extra dockerds: their owner, the test process, has ended
}

# The main dockerd goes again when this run started it (a fresh machine) and no other live run uses it.
trap 'teardown; [ "${BT_TEST_KEEP:-0}" = 1 ] || stop_own_dockerd "$engine_before"' EXIT
trap 'exit 130' INT TERM

swift build --build-tests --enable-code-coverage
# README's `swift run` must build without libzstd-dev: the Swift code imports CZstd's own header (czstd.h), and
# compiling that header read no zstd.h (scripts/check-fresh-build.sh proves it by building with the files hidden).
bin=$(swift build --show-bin-path)
if ! grep -qs '/czstd\.h' "$bin"/BaktainerCore.build/*.d || ! grep -qs '/czstd\.h' "$bin"/CZstd.build/*.d ||
	grep -qs '/zstd\.h' "$bin"/CZstd.build/*.d "$bin"/BaktainerCore.build/*.d; then
	echo "FAIL: the build uses libzstd-dev's zstd.h instead of Sources/CZstd/include/czstd.h alone" >&2
	exit 1
fi
# ImageIntegrationTests: the image under test is this build's binary in the Dockerfile's runtime stage (a release
# build inside the image would take 20 minutes); examples/compose.yaml runs under Debian's docker-compose.
command -v docker-compose >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends docker-compose >/dev/null; }
BT_IMAGE_QUIET=1 BT_IMAGE_SIZE=0 scripts/build-image.sh --prebuilt "$bin/baktainer" baktainer:test
export BT_TEST_IMAGE=baktainer:test
status=0
swift test --skip-build --enable-code-coverage "$@" || status=$?
teardown

# The host must be as the run found it: the main engine's default bridge still there and usable.
scripts/testbed-hostcheck.sh "it was $bridge_before before the run" || status=1
[ "$status" = 0 ] || exit "$status"

if [ $# -eq 0 ]; then
	scripts/coverage.sh "${COVERAGE_FLOORS[@]}"
else
	scripts/coverage.sh
fi
log "all tests passed in $(($(date +%s) - start)) s"
