#!/usr/bin/env bash
# Idle daemon cost: `baktainer run` (release build) watching N labelled containers whose schedule does not
# fire during the measurement. Prints the daemon's resident memory (start, end, peak) and its CPU use over
# the window, read from /proc/PID/{status,stat}, while /health is asked every 5 s as a HEALTHCHECK would. RSS
# splits into anonymous memory (what the daemon allocates) and file-backed pages (clean pages of the binary and
# its libraries). The peak is start-up's: once idle, the daemon hands the pages of its binary it touched back to
# the kernel (ExecutablePageTrimmer) and keeps only those it uses again.
# Usage: scripts/bench-idle.sh [TARGETS] [SECONDS]   (defaults: 50 targets, 60 s)
set -euo pipefail
# The build the image ships (release, Swift runtime linked statically); BENCH_SCRATCH picks its folder.
scratch=${BENCH_SCRATCH:-.build-bench}
cd "$(dirname "$0")/.."
targets=${1:-50}
seconds=${2:-60}
# shellcheck source=scripts/testbed-lib.sh
. scripts/testbed-lib.sh
engine_before=answering
engine_answers || engine_before=absent  # the dockerd testbed.sh then starts is this run's: stopped at the end
trap 'stop_own_dockerd "$engine_before"' EXIT
scripts/testbed.sh >/dev/null
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product baktainer >/dev/null
baktainer=$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/baktainer
run="idle-$$"
work=$(mktemp -d /var/tmp/bt-idle.XXXXXX)
cleanup() {
	[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	ids=$(docker ps -aq --filter "label=baktainer.test=$run")
	[ -z "$ids" ] || docker rm -f $ids >/dev/null
	rm -rf "$work"
	stop_own_dockerd "$engine_before"
}
trap cleanup EXIT
echo "starting $targets labelled containers…" >&2
for _ in $(seq 1 "$targets"); do
	docker run -d --network none --label "baktainer.test=$run" --label baktainer.backup=true \
		--label baktainer.db.engine=mongodb baktainer-fixture/mongo-standin:current >/dev/null
done
port=$((20000 + RANDOM % 20000))
BT_BACKUP_DIR="$work" BT_HTTP_PORT=$port BT_FILTER_LABEL="baktainer.test=$run" BT_CRON="0 0 1 1 *" \
	"$baktainer" run --quiet &
pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/status" | grep -q '"nextRun"' && break; sleep 0.2; done
scheduled=$(curl -sf "http://127.0.0.1:$port/metrics" | awk '/^baktainer_targets /{print $2}')
kib() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$pid/status"; }  # one /proc/PID/status field, in KiB
mib() { awk -v k="$(kib "$1")" 'BEGIN { printf "%.1f", k / 1024 }'; }  # a /proc/PID/status field, in MiB
rss() { mib VmRSS; }
hwm() { mib VmHWM; }
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
sleep 5
start_rss=$(rss); start_ticks=$(ticks)
# What an idle daemon still does: answer its image's HEALTHCHECK (every 30 s there; every 5 s here).
until_end=$((SECONDS + seconds))
while ((SECONDS < until_end)); do
	sleep $((until_end - SECONDS < 5 ? until_end - SECONDS : 5))
	curl -sf -o /dev/null "http://127.0.0.1:$port/health"
done
end_rss=$(rss); end_ticks=$(ticks)
cpu=$(awk -v t=$((end_ticks - start_ticks)) -v hz="$hz" -v s="$seconds" 'BEGIN { printf "%.2f", 100 * t / hz / s }')
echo "idle daemon, $scheduled targets scheduled, ${seconds} s window:"
echo "  RSS at start ${start_rss} MiB, at end ${end_rss} MiB, peak $(hwm) MiB"
echo "  of which anonymous (heap, stacks) $(kib RssAnon) KiB, file-backed (pages of the binary and libraries) $(kib RssFile) KiB"
echo "  CPU $cpu % of one core ($((end_ticks - start_ticks)) ticks of 1/$hz s)"
