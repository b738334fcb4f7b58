#!/usr/bin/env bash
# Backup throughput: a ~1 GB PostgreSQL dump through `baktainer backup` (exec, compression, encryption,
# SHA-256, fsynced atomic file, sidecars) against the obvious shell pipelines, all in the same run, rounds
# alternating so that both sides see the same machine:
#   none      docker exec … pg_dump > file                 vs  BT_COMPRESS=none
#   gzip      docker exec … pg_dump | gzip -6 > file       vs  BT_COMPRESS=gzip (level 6)
#   zstd      docker exec … pg_dump | zstd -3 > file       vs  BT_COMPRESS=zstd (level 3)
#   zstd+age  docker exec … pg_dump | zstd -3 | age > file vs  BT_COMPRESS=zstd + BT_AGE_RECIPIENTS
# Prints per mode the median throughput (dump bytes / wall seconds) of each side, their ratio, the output
# size, and baktainer's peak resident memory; then zstd+age throughput as a share of uncompressed.
# Then restore, into a second server: `docker exec -i … psql --single-transaction < file` against
# `baktainer restore FILE --to C --yes` (verify, then stream into psql), each of the uncompressed dump and
# (baktainer) of its zstd+age file.
# Usage: scripts/bench-backup.sh [ROUNDS] [ROWS] [MODES]
#   ROUNDS default 2; ROWS default 4500000 (≈ 1.05 GB of dump); MODES default "none gzip zstd zstd+age"
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
rows=${2:-4500000}
modes=${3:-"none gzip zstd zstd+age"}
scripts/testbed.sh >/dev/null
swift build -c release --scratch-path .build-bench --product baktainer >/dev/null
baktainer=$(swift build -c release --scratch-path .build-bench --show-bin-path)/baktainer
work=$(mktemp -d /var/tmp/bt-bench.XXXXXX)
name=bt-bench-pg-$$
export PGPASSWORD="bench-$$-secret"
docker run -d --network none --name "$name" --label baktainer.test=bench --label baktainer.backup=true \
	--label baktainer.db.engine=postgres -e PGPASSWORD -e POSTGRES_PASSWORD="$PGPASSWORD" -e POSTGRES_USER=app \
	-e POSTGRES_DB=shop baktainer-fixture/postgres:current >/dev/null
target=bt-bench-pg-restore-$$
docker run -d --network none --name "$target" --label baktainer.test=bench -e POSTGRES_PASSWORD="$PGPASSWORD" -e POSTGRES_USER=app \
	-e POSTGRES_DB=shop baktainer-fixture/postgres:current >/dev/null
trap 'docker rm -f "$name" "$target" >/dev/null 2>&1; rm -rf "$work"' EXIT
scripts/testbed-wait.sh "$target" postgres 120 >/dev/null
scripts/testbed-wait.sh "$name" postgres 120 >/dev/null
echo "loading $rows rows…" >&2
docker exec "$name" psql -q -U app -d shop -v ON_ERROR_STOP=1 -c \
	"create table items(id bigint primary key, body text); insert into items select g, repeat(md5(g::text), 7) from generate_series(1, $rows) g;"
"$baktainer" keygen >"$work/key.txt"
recipient=$(awk '/public key/ { print $4 }' "$work/key.txt")

seconds_of() { awk '/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"; }
rss_of() { awk '/Maximum resident set size/ { print int($NF / 1024) }' "$1"; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / s / 1e6 }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

baseline_filter() {  # the shell pipeline's compression/encryption stage for a mode
	case "$1" in
	none) cat ;;
	gzip) gzip -6 ;;
	zstd) zstd -q -3 ;;
	zstd+age) zstd -q -3 | age -r "$recipient" ;;
	esac
}
export -f baseline_filter
export recipient name
run_baseline() {  # MODE -> "seconds output_bytes"
	/usr/bin/time -v -o "$work/time" bash -c 'set -o pipefail; docker exec -e PGPASSWORD "$name" \
		pg_dump --username=app --no-password --clean --if-exists --dbname=shop | baseline_filter "$1"' - "$1" >"$work/baseline.out"
	echo "$(seconds_of "$work/time") $(stat -c %s "$work/baseline.out")"
	rm -f "$work/baseline.out"
}
run_baktainer() {  # MODE -> "seconds output_bytes dump_bytes rss_mib"
	local -a env=(BT_BACKUP_DIR="$work/backups")
	case "$1" in
	none) env+=(BT_COMPRESS=none) ;;
	gzip) env+=(BT_COMPRESS=gzip BT_COMPRESS_LEVEL=6) ;;
	zstd) env+=(BT_COMPRESS=zstd BT_COMPRESS_LEVEL=3) ;;
	zstd+age) env+=(BT_COMPRESS=zstd BT_COMPRESS_LEVEL=3 BT_AGE_RECIPIENTS="$recipient") ;;
	esac
	rm -rf "$work/backups"
	env "${env[@]}" /usr/bin/time -v -o "$work/time" "$baktainer" backup "$name" --quiet
	local file
	file=$(find "$work/backups" -type f ! -name '*.json' ! -name '*.sha256')
	(cd "$(dirname "$file")" && sha256sum -c --quiet "$(basename "$file").sha256") || { echo "checksum mismatch" >&2; exit 1; }
	local dump
	dump=$(awk -F': ' '/"dumpSize"/ { gsub(/,/, "", $2); print $2 }' "$file.json")
	echo "$(seconds_of "$work/time") $(stat -c %s "$file") $dump $(rss_of "$work/time")"
}

declare -A base_times bt_times out_base out_bt peak
dump=0
for round in $(seq 1 "$rounds"); do
	for mode in $modes; do
		read -r b bsize < <(run_baseline "$mode")
		read -r c csize dump rss < <(run_baktainer "$mode")
		echo "round $round $mode: shell $(mbps "$dump" "$b") MB/s → $bsize B; baktainer $(mbps "$dump" "$c") MB/s → $csize B, RSS ${rss} MiB" >&2
		base_times[$mode]+="$b "; bt_times[$mode]+="$c "
		out_base[$mode]=$bsize; out_bt[$mode]=$csize
		peak[$mode]=$(( rss > ${peak[$mode]:-0} ? rss : ${peak[$mode]:-0} ))
	done
done
echo "pg_dump of $(awk -v s="$dump" 'BEGIN { printf "%.0f", s / 1e6 }') MB, $rounds rounds, medians (MB/s of dump):"
printf '  %-9s %14s %16s %7s %14s %14s %9s\n' mode "shell MB/s" "baktainer MB/s" ratio "shell bytes" "bt bytes" "bt RSS"
for mode in $modes; do
	# shellcheck disable=SC2086
	b=$(median ${base_times[$mode]}); c=$(median ${bt_times[$mode]})
	printf '  %-9s %14s %16s %7s %14s %14s %6s MiB\n' "$mode" "$(mbps "$dump" "$b")" "$(mbps "$dump" "$c")" \
		"$(awk -v b="$b" -v c="$c" 'BEGIN { printf "%.2f", b / c }')" "${out_base[$mode]}" "${out_bt[$mode]}" "${peak[$mode]}"
done
if [[ " $modes " == *" none "* && " $modes " == *" zstd+age "* ]]; then
	# shellcheck disable=SC2086
	echo "  baktainer zstd+age throughput / baktainer none: $(awk -v n="$(median ${bt_times[none]})" -v z="$(median ${bt_times[zstd+age]})" 'BEGIN { printf "%.2f", n / z }')"
fi

# Restore: the last rounds' files, kept aside.
run_baktainer none >/dev/null
plain=$(find "$work/backups" -type f -name '*.sql')
mkdir -p "$work/keep" && mv "$work/backups"/*/* "$work/keep/"
run_baktainer zstd+age >/dev/null
sealed=$(find "$work/backups" -type f -name '*.age')
mv "$work/backups"/*/* "$work/keep/"
plain="$work/keep/$(basename "$plain")"; sealed="$work/keep/$(basename "$sealed")"
restore_baseline() {
	/usr/bin/time -v -o "$work/time" bash -c 'docker exec -i -e PGPASSWORD "$target" psql --username=app --no-password --no-psqlrc \
		--quiet --set=ON_ERROR_STOP=1 --single-transaction --dbname=shop >/dev/null' <"$plain"
	seconds_of "$work/time"
}
export target
restore_baktainer() {  # FILE -> "seconds rss_mib"
	BT_AGE_IDENTITY_FILE="$work/key.txt" /usr/bin/time -v -o "$work/time" "$baktainer" restore "$1" --to "$target" --yes --quiet >/dev/null
	echo "$(seconds_of "$work/time") $(rss_of "$work/time")"
}
rb=""; rp=""; rs=""; rpeak=0
for round in $(seq 1 "$rounds"); do
	b=$(restore_baseline)
	read -r p prss < <(restore_baktainer "$plain")
	read -r z zrss < <(restore_baktainer "$sealed")
	echo "restore round $round: psql < file $(mbps "$dump" "$b") MB/s; baktainer $(mbps "$dump" "$p") MB/s (zstd+age $(mbps "$dump" "$z") MB/s), RSS ${prss}/${zrss} MiB" >&2
	rb+="$b "; rp+="$p "; rs+="$z "
	rpeak=$(( prss > rpeak ? prss : rpeak )); rpeak=$(( zrss > rpeak ? zrss : rpeak ))
done
# shellcheck disable=SC2086
echo "restore of the same dump, medians: docker exec -i psql < file $(mbps "$dump" "$(median $rb)") MB/s; baktainer restore $(mbps "$dump" "$(median $rp)") MB/s (ratio $(awk -v b="$(median $rb)" -v c="$(median $rp)" 'BEGIN { printf "%.2f", b / c }')), from zstd+age $(mbps "$dump" "$(median $rs)") MB/s (ratio $(awk -v b="$(median $rb)" -v c="$(median $rs)" 'BEGIN { printf "%.2f", b / c }')); baktainer peak RSS ${rpeak} MiB"
