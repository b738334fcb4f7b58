#!/usr/bin/env bash
# Upload throughput, CPU and memory: one committed backup (an uncompressed pg_dump, ≈ 1 GB by default) copied to
# an S3 server by Baktainer's S3 destination (baktainer-upload-bench: S3BackupStorage.store, the code every copy
# runs — equal parts, eight at a time, ETag and size checks, sidecars, record) against `aws s3 cp` of the same file
# to the same server, in the same run, rounds alternating which side goes first. The server is moto with
# authentication on (scripts/testbed-s3.sh), on this machine: both sides share its speed (each uploads once,
# untimed, before the rounds). Prints the medians of
# wall time and throughput, the ratio (aws / Baktainer: above 1 means Baktainer is faster), CPU seconds (user +
# sys) and peak RSS of both sides.
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
run_baktainer() {
	/usr/bin/time -v -o "$work/time" "$bin/baktainer-upload-bench" "$work/backups" "$key" >/dev/null
	echo "$(seconds_of "$work/time") $(cpu_of "$work/time") $(rss_of "$work/time")"
}
empty_bucket() { aws --endpoint-url "$S3_ENDPOINT" s3 rm --quiet --recursive "s3://$S3_BUCKET/" >/dev/null; }

# One untimed upload by each side first: moto's first large uploads pay one-off costs (its code paths, its memory)
# that would otherwise fall on whichever side goes first.
for side in aws baktainer; do
	empty_bucket
	run_"$side" >/dev/null
done
aws_wall=() aws_cpu=() aws_rss=() bt_wall=() bt_cpu=() bt_rss=()
for round in $(seq 1 "$rounds"); do
	sides="aws baktainer"
	[ $((round % 2)) = 0 ] && sides="baktainer aws"
	for side in $sides; do
		empty_bucket
		read -r wall cpu rss < <(run_"$side")
		if [ "$side" = aws ]; then aws_wall+=("$wall") aws_cpu+=("$cpu") aws_rss+=("$rss"); else bt_wall+=("$wall") bt_cpu+=("$cpu") bt_rss+=("$rss"); fi
		echo "round $round $side: ${wall} s, CPU ${cpu} s, peak RSS ${rss} MiB"
	done
	# What Baktainer stored reads back equal (its own checks passed already; this is the independent one).
	if [ "$round" = 1 ]; then
		aws --endpoint-url "$S3_ENDPOINT" s3 cp --quiet "s3://$S3_BUCKET/$key" - | cmp - "$file" || { echo "the stored object differs" >&2; exit 1; }
		etag=$(aws --endpoint-url "$S3_ENDPOINT" s3api head-object --bucket "$S3_BUCKET" --key "$key" --query ETag --output text)
		etag=${etag//\"/}
		echo "stored in ${etag##*-} equal parts (ETag $etag), read back equal"
	fi
done
aw=$(median "${aws_wall[@]}") bw=$(median "${bt_wall[@]}")
printf '\n%-10s %9s %9s %9s %12s\n' "" "wall s" "MB/s" "CPU s" "peak RSS MiB"
printf '%-10s %9s %9s %9s %12s\n' "aws s3 cp" "$aw" "$(mbps "$bytes" "$aw")" "$(median "${aws_cpu[@]}")" "$(maximum "${aws_rss[@]}")"
printf '%-10s %9s %9s %9s %12s\n' "baktainer" "$bw" "$(mbps "$bytes" "$bw")" "$(median "${bt_cpu[@]}")" "$(maximum "${bt_rss[@]}")"
echo "ratio (aws / baktainer wall time, median of $rounds): $(ratio "$aw" "$bw")"
