#!/usr/bin/env bash
# Exec throughput: 1 GiB (and 100 MiB) of /dev/zero from a container to a file, through Baktainer's Docker
# client and, in the same run, through `docker exec … > file` (the baseline). Prints throughputs, their
# ratio and the client's peak resident memory. Usage: scripts/bench-exec.sh [ROUNDS] (BENCH_WORK: as in bench-backup.sh)
set -euo pipefail
# The build the image ships (release, Swift runtime linked statically); BENCH_SCRATCH picks its folder.
scratch=${BENCH_SCRATCH:-.build-bench}
cd "$(dirname "$0")/.."
rounds=${1:-3}
# shellcheck source=scripts/testbed-lib.sh
. scripts/testbed-lib.sh
engine_before=answering
engine_answers || engine_before=absent  # the dockerd testbed.sh then starts is this run's: stopped at the end
trap 'stop_own_dockerd "$engine_before"' EXIT
scripts/testbed.sh >/dev/null
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product baktainer-bench >/dev/null
bench=$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/baktainer-bench
work=$(mktemp -d "${BENCH_WORK:-/var/tmp}/bt-bench.XXXXXX")
name=bt-bench-$$
docker run -d --network none --name "$name" --label baktainer.test=bench baktainer-fixture/sqlite:current >/dev/null
trap 'docker rm -f "$name" >/dev/null 2>&1; rm -rf "$work"; stop_own_dockerd "$engine_before"' EXIT

. scripts/bench-lib.sh  # seconds_of, rss_of, mbps, ratio, median, maximum

run_baseline() {  # bytes -> seconds
    /usr/bin/time -v -o "$work/time" docker exec "$name" head -c "$1" /dev/zero >"$work/out"
    [ "$(stat -c %s "$work/out")" = "$1" ] || { echo "baseline wrote the wrong size" >&2; exit 1; }
    seconds_of "$work/time"
}
run_client() {  # bytes -> "seconds rss_mib"
    /usr/bin/time -v -o "$work/time" "$bench" "$name" "$1" "$work/out" >"$work/result"
    [ "$(stat -c %s "$work/out")" = "$1" ] || { echo "client wrote the wrong size" >&2; exit 1; }
    echo "$(awk '{ print $2 }' "$work/result") $(rss_of "$work/time")"
}

gib=$((1 << 30)); mib100=$((100 << 20))
bases=""; clients=""; rsses=""
for round in $(seq 1 "$rounds"); do
    # Alternating which side goes first, so that neither always meets the other's page-cache writeback.
    if (( round % 2 )); then
        b=$(run_baseline $gib); read -r c rss < <(run_client $gib)
    else
        read -r c rss < <(run_client $gib); b=$(run_baseline $gib)
    fi
    echo "round $round: docker exec $(mbps $gib "$b") MB/s, baktainer $(mbps $gib "$c") MB/s, client RSS ${rss} MiB"
    bases+="$b "; clients+="$c "; rsses+="$rss "
done
read -r _ rss_small < <(run_client $mib100)
# shellcheck disable=SC2086
base=$(median $bases)
# shellcheck disable=SC2086
client=$(median $clients)
echo "exec 1 GiB → file, medians of $rounds:"
echo "  docker exec > file : $(mbps $gib "$base") MB/s"
echo "  baktainer client   : $(mbps $gib "$client") MB/s"
echo "  ratio (client/docker): $(ratio "$base" "$client")"
# shellcheck disable=SC2086
echo "  client peak RSS: $(maximum $rsses) MiB at 1 GiB, ${rss_small} MiB at 100 MiB"
