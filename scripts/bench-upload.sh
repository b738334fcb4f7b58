#!/usr/bin/env bash
# Upload throughput, CPU and memory: one committed backup (an uncompressed pg_dump, ≈ 1 GB by default) copied to
# an S3 server by Baktainer's S3 destination (baktainer-upload-bench: S3BackupStorage.store, the code every copy
# runs — equal parts, eight at a time, ETag and size checks, sidecars, record) against `aws s3 cp` of the same file
# to the same server, in the same run, rounds rotating which side goes first. The server is moto with
# authentication on (scripts/testbed-s3.sh), on this machine: all sides share its speed (each uploads once,
# untimed, before the rounds).
#
# `aws s3 cp` runs twice per round: as installed (botocore sends a CRC32 checksum with every part) and with
# AWS_REQUEST_CHECKSUM_CALCULATION=when_required, which sends what Baktainer sends — no optional checksum header,
# since Backblaze B2 and Cloudflare R2 refuse them. The two differ on moto's side: an upload without a checksum
# algorithm gets moto's emulation of S3's default full-object CRC64NVME at completion (a serial copy and CRC of
# the whole object), one with CRC32 parts a cheaper composite checksum. "Same requests" compares like with like.
# Prints the medians of wall time and throughput, both ratios (aws / Baktainer: above 1 means Baktainer is
# faster), CPU seconds (user + sys) and peak RSS of every side.
# Usage: scripts/bench-upload.sh [ROUNDS] [ROWS]   (ROUNDS default 3; ROWS default 4500000 ≈ 1 GB of pg_dump)
# BT_S3_PART_SIZE in the environment reaches Baktainer's side.
set -euo pipefail
# The build the image ships (release, Swift runtime linked statically); BENCH_SCRATCH picks its folder.
scratch=${BENCH_SCRATCH:-.build-bench}
cd "$(dirname "$0")/.."
rounds=${1:-3}
rows=${2:-4500000}
# shellcheck source=scripts/testbed-lib.sh
. scripts/testbed-lib.sh
engine_before=answering
engine_answers || engine_before=absent  # the dockerd testbed.sh then starts is this run's: stopped at the end
trap 'stop_own_dockerd "$engine_before"' EXIT
scripts/testbed.sh >/dev/null
for product in baktainer baktainer-upload-bench; do
	swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product "$product" >/dev/null
done
bin=$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)
work=$(mktemp -d /var/tmp/bt-bench.XXXXXX)
password="bench-$$-secret"
name=bt-bench-upload-$$
s3_pid=""
trap 'docker rm -f "$name" >/dev/null 2>&1; [ -z "$s3_pid" ] || scripts/testbed-s3.sh stop "$s3_pid"; rm -rf "$work"; stop_own_dockerd "$engine_before"' EXIT
eval "$(scripts/testbed-s3.sh start bench)"
s3_pid=$S3_PID
export AWS_ACCESS_KEY_ID=$S3_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$S3_SECRET_ACCESS_KEY AWS_DEFAULT_REGION=us-east-1
export BT_S3_BUCKET=$S3_BUCKET BT_S3_ENDPOINT=$S3_ENDPOINT BT_S3_ACCESS_KEY_ID=$S3_ACCESS_KEY_ID BT_S3_SECRET_ACCESS_KEY=$S3_SECRET_ACCESS_KEY

. scripts/bench-lib.sh

echo "making the backup: $rows rows of PostgreSQL, BT_COMPRESS=none"
docker run -d --network none --name "$name" --label baktainer.test=bench --label baktainer.backup=true \
	--label baktainer.db.engine=postgres --label baktainer.db.user=app --label baktainer.db.name=shop \
	--label "baktainer.db.password=$password" -e POSTGRES_PASSWORD="$password" -e POSTGRES_USER=app -e POSTGRES_DB=shop \
	baktainer-fixture/postgres:current >/dev/null
scripts/testbed-wait.sh "$name" postgres 120 >/dev/null
docker exec -e PGPASSWORD="$password" "$name" psql -q -U app -d shop -v ON_ERROR_STOP=1 -c \
	"create table items(id bigint primary key, body text); insert into items select g, repeat(md5(g::text), 7) from generate_series(1, $rows) g;"
# The local backup only: no destination during the dump.
env -u BT_S3_BUCKET BT_BACKUP_DIR="$work/backups" BT_COMPRESS=none "$bin/baktainer" backup "$name" >/dev/null
file=$(find "$work/backups" -name '*.sql' | head -1)
key=${file#"$work/backups/"}
bytes=$(stat -c %s "$file")
echo "backup $key: $bytes bytes"

run_aws() {
	/usr/bin/time -v -o "$work/time" aws --endpoint-url "$S3_ENDPOINT" s3 cp --quiet "$file" "s3://$S3_BUCKET/aws/$key"
	echo "$(seconds_of "$work/time") $(cpu_of "$work/time") $(rss_of "$work/time")"
}
run_plain() {
	AWS_REQUEST_CHECKSUM_CALCULATION=when_required run_aws
}
run_baktainer() {
	/usr/bin/time -v -o "$work/time" "$bin/baktainer-upload-bench" "$work/backups" "$key" >/dev/null
	echo "$(seconds_of "$work/time") $(cpu_of "$work/time") $(rss_of "$work/time")"
}
empty_bucket() { aws --endpoint-url "$S3_ENDPOINT" s3 rm --quiet --recursive "s3://$S3_BUCKET/" >/dev/null; }

# One untimed upload by each side first: moto's first large uploads pay one-off costs (its code paths, its memory)
# that would otherwise fall on whichever side goes first.
for side in aws plain baktainer; do
	empty_bucket
	run_"$side" >/dev/null
done
declare -A wall=() cpu=() rss=()
orders=("aws plain baktainer" "baktainer aws plain" "plain baktainer aws")
for round in $(seq 1 "$rounds"); do
	for side in ${orders[$(((round - 1) % 3))]}; do
		empty_bucket
		read -r w c r < <(run_"$side")
		wall[$side]+="$w " cpu[$side]+="$c " rss[$side]+="$r "
		echo "round $round $side: ${w} s, CPU ${c} s, peak RSS ${r} MiB"
	done
	# What Baktainer stored reads back equal (its own checks passed already; this is the independent one).
	if [ "$round" = 1 ]; then
		aws --endpoint-url "$S3_ENDPOINT" s3 cp --quiet "s3://$S3_BUCKET/$key" - | cmp - "$file" || { echo "the stored object differs" >&2; exit 1; }
		etag=$(aws --endpoint-url "$S3_ENDPOINT" s3api head-object --bucket "$S3_BUCKET" --key "$key" --query ETag --output text)
		etag=${etag//\"/}
		echo "stored in ${etag##*-} equal parts (ETag $etag), read back equal"
	fi
done
# shellcheck disable=SC2086 # the lists are space-separated numbers
{
	aw=$(median ${wall[aws]}) pw=$(median ${wall[plain]}) bw=$(median ${wall[baktainer]})
	printf '\n%-34s %9s %9s %9s %12s\n' "" "wall s" "MB/s" "CPU s" "peak RSS MiB"
	printf '%-34s %9s %9s %9s %12s\n' "aws s3 cp (CRC32 checksums)" "$aw" "$(mbps "$bytes" "$aw")" "$(median ${cpu[aws]})" "$(maximum ${rss[aws]})"
	printf '%-34s %9s %9s %9s %12s\n' "aws s3 cp (no optional checksum)" "$pw" "$(mbps "$bytes" "$pw")" "$(median ${cpu[plain]})" "$(maximum ${rss[plain]})"
	printf '%-34s %9s %9s %9s %12s\n' "baktainer" "$bw" "$(mbps "$bytes" "$bw")" "$(median ${cpu[baktainer]})" "$(maximum ${rss[baktainer]})"
	echo "ratio, same requests (aws without optional checksums / baktainer, median of $rounds): $(ratio "$pw" "$bw")"
	echo "ratio against aws s3 cp as installed (CRC32 parts, cheaper for moto): $(ratio "$aw" "$bw")"
}
