#!/usr/bin/env bash
# Backup throughput, CPU and memory: a large PostgreSQL and a large MariaDB dump through `baktainer backup`
# (exec, row counts, compression, encryption, SHA-256, fsynced atomic file, sidecars) against the plain shell
# commands a user would type, in the same run, rounds alternating which side goes first:
#   none      docker exec … pg_dump … > file                      vs  BT_COMPRESS=none
#   gzip      docker exec … pg_dump … | gzip -6 > file            vs  BT_COMPRESS=gzip (level 6)
#   zstd      docker exec … pg_dump … | zstd -3 > file            vs  BT_COMPRESS=zstd (level 3)
#   zstd+age  docker exec … pg_dump … | zstd -3 | age -r R > file vs  BT_COMPRESS=zstd + BT_AGE_RECIPIENTS
# ("none" is the redirect itself: no extra process or copy on the baseline's side; MariaDB runs mariadb-dump the
# way Baktainer does: --single-transaction --routines --events --triggers --databases shop.) Prints per engine
# and mode the medians of wall time and throughput (dump bytes / wall seconds), the wall-time ratio (shell /
# Baktainer: above 1 means Baktainer is faster), CPU seconds (user + sys) and CPU per GB of dump for both sides,
# and both sides' peak RSS. Then restore, into a second PostgreSQL server: `docker exec -i … psql
# --single-transaction < file` against `baktainer restore FILE --to C --yes` (verified as it streams into psql,
# committed once it passed), of the uncompressed dump and (Baktainer) of its zstd+age file, and the shell's own
# checked restore (`sha256sum -c FILE.sha256 && docker exec -i … psql … < file`); a CHECKPOINT, untimed, before
# each restore of either side.
# Usage: scripts/bench-backup.sh [ROUNDS] [ROWS] [MODES] [ENGINES]
#   ROUNDS default 3; ROWS default 4500000 (≈ 1 GB of pg_dump, ≈ 1.1 GB of mariadb-dump);
#   MODES default "none gzip zstd zstd+age"; ENGINES default "postgres mariadb" (restore: postgres only).
# BENCH_WORK=/dev/shm writes both sides' files to tmpfs instead of /var/tmp: the disk's noise (±0.7 s per round here)
# leaves, for comparing two builds; the README's figures are taken on disk, where backups go.
set -euo pipefail
# The build the image ships (release, Swift runtime linked statically); BENCH_SCRATCH picks its folder.
scratch=${BENCH_SCRATCH:-.build-bench}
cd "$(dirname "$0")/.."
rounds=${1:-3}
rows=${2:-4500000}
modes=${3:-"none gzip zstd zstd+age"}
engines=${4:-"postgres mariadb"}
# shellcheck source=scripts/testbed-lib.sh
. scripts/testbed-lib.sh
engine_before=answering
engine_answers || engine_before=absent  # the dockerd testbed.sh then starts is this run's: stopped at the end
trap 'stop_own_dockerd "$engine_before"' EXIT
scripts/testbed.sh >/dev/null
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product baktainer >/dev/null
baktainer=$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/baktainer
work=$(mktemp -d "${BENCH_WORK:-/var/tmp}/bt-bench.XXXXXX")
password="bench-$$-secret"
containers=()
trap 'docker rm -f "${containers[@]}" >/dev/null 2>&1; rm -rf "$work"; stop_own_dockerd "$engine_before"' EXIT
"$baktainer" keygen -o "$work/key.txt" >/dev/null
recipient=$(awk '/public key/ { print $4 }' "$work/key.txt")

. scripts/bench-lib.sh
per_gb() { awk -v c="$1" -v b="$2" 'BEGIN { printf "%.2f", c / (b / 1e9) }'; }

start_source() {  # ENGINE NAME: starts the source container and loads $rows rows
	local engine=$1 name=$2
	case "$engine" in
	postgres)
		docker run -d --network none --name "$name" --label baktainer.test=bench --label baktainer.backup=true \
			--label baktainer.db.engine=postgres --label baktainer.db.user=app --label baktainer.db.name=shop \
			--label "baktainer.db.password=$password" -e POSTGRES_PASSWORD="$password" -e POSTGRES_USER=app -e POSTGRES_DB=shop \
			baktainer-fixture/postgres:current >/dev/null
		scripts/testbed-wait.sh "$name" postgres 120 >/dev/null
		docker exec -e PGPASSWORD="$password" "$name" psql -q -U app -d shop -v ON_ERROR_STOP=1 -c \
			"create table items(id bigint primary key, body text); insert into items select g, repeat(md5(g::text), 7) from generate_series(1, $rows) g;"
		;;
	mariadb)
		docker run -d --network none --name "$name" --label baktainer.test=bench --label baktainer.backup=true \
			--label baktainer.db.engine=mariadb --label baktainer.db.user=root --label baktainer.db.name=shop \
			--label "baktainer.db.password=$password" -e MARIADB_ROOT_PASSWORD="$password" -e MARIADB_DATABASE=shop \
			baktainer-fixture/mariadb:current >/dev/null
		scripts/testbed-wait.sh "$name" mariadb 180 >/dev/null
		docker exec -e MYSQL_PWD="$password" "$name" mariadb -uroot shop -e \
			"create table items(id bigint primary key, body text); insert into items select seq, repeat(md5(seq), 7) from seq_1_to_$rows;"
		;;
	esac
}

filter_of() {  # MODE -> the shell stage after the dump ("" for none)
	case "$1" in
	none) echo "" ;;
	gzip) echo "| gzip -6" ;;
	zstd) echo "| zstd -q -3" ;;
	zstd+age) echo "| zstd -q -3 | age -r $recipient" ;;
	esac
}

run_baseline() {  # ENGINE NAME MODE -> "seconds cpu rss output_bytes"
	local engine=$1 name=$2 mode=$3
	local -a dump
	case "$engine" in
	postgres) dump=(docker exec -e PGPASSWORD="$password" "$name" pg_dump --username=app --no-password --clean --if-exists --dbname=shop) ;;
	mariadb) dump=(docker exec -e MYSQL_PWD="$password" "$name" mariadb-dump -uroot --single-transaction --routines --events --triggers --databases shop) ;;
	esac
	if [ "$mode" = none ]; then
		/usr/bin/time -v -o "$work/time" "${dump[@]}" >"$work/baseline.out"  # the plain redirect, nothing else
	else
		/usr/bin/time -v -o "$work/time" bash -c "set -o pipefail; $(printf '%q ' "${dump[@]}") $(filter_of "$mode")" >"$work/baseline.out"
	fi
	echo "$(seconds_of "$work/time") $(cpu_of "$work/time") $(rss_of "$work/time") $(stat -c %s "$work/baseline.out")"
	# Not removed here: this runs in a process substitution that the caller does not wait for, so a removal
	# after the echo could hit the next round's file. The next round truncates it; the trap removes $work.
}

run_baktainer() {  # NAME MODE -> "seconds cpu rss output_bytes dump_bytes"
	local name=$1 mode=$2
	local -a env=(BT_BACKUP_DIR="$work/backups")
	case "$mode" in
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
	echo "$(seconds_of "$work/time") $(cpu_of "$work/time") $(rss_of "$work/time") $(stat -c %s "$file") $dump"
}

for engine in $engines; do
	echo "loading $rows rows into $engine…" >&2
	name=bt-bench-$engine-$$
	containers+=("$name")
	start_source "$engine" "$name"
	declare -A bw=() bc=() br=() bs=() kw=() kc=() kr=() ks=()
	dump=0
	for round in $(seq 1 "$rounds"); do
		for mode in $modes; do
			if (( round % 2 )); then
				read -r w c r s < <(run_baseline "$engine" "$name" "$mode")
				read -r w2 c2 r2 s2 dump < <(run_baktainer "$name" "$mode")
			else
				read -r w2 c2 r2 s2 dump < <(run_baktainer "$name" "$mode")
				read -r w c r s < <(run_baseline "$engine" "$name" "$mode")
			fi
			echo "round $round $engine $mode: shell ${w} s, ${c} s CPU, ${r} MiB; baktainer ${w2} s, ${c2} s CPU, ${r2} MiB" >&2
			bw[$mode]+="$w "; bc[$mode]+="$c "; br[$mode]+="$r "; bs[$mode]=$s
			kw[$mode]+="$w2 "; kc[$mode]+="$c2 "; kr[$mode]+="$r2 "; ks[$mode]=$s2
		done
	done
	echo "$engine: dump of $(awk -v s="$dump" 'BEGIN { printf "%.0f", s / 1e6 }') MB, $rounds rounds, medians (peak RSS: the largest round):"
	printf '  %-9s %9s %9s %6s | %12s %12s %10s | %9s %9s | %12s %12s\n' mode "shell s" "bt s" ratio "shell CPU/GB" "bt CPU/GB" "CPU ratio" \
		"shell MiB" "bt MiB" "shell bytes" "bt bytes"
	for mode in $modes; do
		# shellcheck disable=SC2086
		w=$(median ${bw[$mode]}); w2=$(median ${kw[$mode]}); c=$(median ${bc[$mode]}); c2=$(median ${kc[$mode]})
		# shellcheck disable=SC2086
		printf '  %-9s %9s %9s %6s | %12s %12s %10s | %9s %9s | %12s %12s\n' "$mode" "$w" "$w2" "$(ratio "$w" "$w2")" \
			"$(per_gb "$c" "$dump")" "$(per_gb "$c2" "$dump")" "$(ratio "$c2" "$c")" "$(maximum ${br[$mode]})" "$(maximum ${kr[$mode]})" \
			"${bs[$mode]}" "${ks[$mode]}"
	done
	[ "$engine" = postgres ] && { pg_source=$name; pg_dump_bytes=$dump; }
	unset bw bc br bs kw kc kr ks
done

[ -n "${pg_source:-}" ] || exit 0
# Restore, into a second server: the uncompressed dump and its zstd+age file, kept aside.
target=bt-bench-pg-restore-$$
containers+=("$target")
docker run -d --network none --name "$target" --label baktainer.test=bench -e POSTGRES_PASSWORD="$password" -e POSTGRES_USER=app \
	-e POSTGRES_DB=shop baktainer-fixture/postgres:current >/dev/null
scripts/testbed-wait.sh "$target" postgres 120 >/dev/null
mkdir -p "$work/keep"
run_baktainer "$pg_source" none >/dev/null
mv "$work/backups"/*/* "$work/keep/"
run_baktainer "$pg_source" zstd+age >/dev/null
mv "$work/backups"/*/* "$work/keep/"
plain=$(find "$work/keep" -name '*.sql'); sealed=$(find "$work/keep" -name '*.age')
pg_dump_bytes=$(stat -c %s "$plain")  # also when no backup mode ran before
checkpoint() {  # untimed, before every restore of either side: each starts with no dirty pages of the last
	docker exec -e PGPASSWORD="$password" "$target" psql -q -U app -d shop -c CHECKPOINT >/dev/null
}
# The shell's restore, fed the file on stdin.
psql_restore=(docker exec -i -e PGPASSWORD="$password" "$target" psql --username=app --no-password --no-psqlrc --quiet --set=ON_ERROR_STOP=1
	--single-transaction --dbname=shop)
restore_baseline() {  # -> "seconds cpu rss"
	checkpoint
	/usr/bin/time -v -o "$work/time" "${psql_restore[@]}" <"$plain" >/dev/null
	echo "$(seconds_of "$work/time") $(cpu_of "$work/time") $(rss_of "$work/time")"
}
restore_checked() {  # the shell's verified restore: sha256sum -c of the sidecar, then the same psql -> "seconds cpu"
	checkpoint
	/usr/bin/time -v -o "$work/time" bash -c 'cd "$(dirname "$1")" && sha256sum --check --quiet "$(basename "$1").sha256" && exec "${@:2}" <"$1" >/dev/null' _ \
		"$plain" "${psql_restore[@]}"
	echo "$(seconds_of "$work/time") $(cpu_of "$work/time")"
}
restore_baktainer() {  # FILE -> "seconds cpu rss"
	checkpoint
	BT_AGE_IDENTITY_FILE="$work/key.txt" /usr/bin/time -v -o "$work/time" "$baktainer" restore "$1" --to "$target" --yes --quiet >/dev/null
	echo "$(seconds_of "$work/time") $(cpu_of "$work/time") $(rss_of "$work/time")"
}
rb=""; rbc=""; rp=""; rpc=""; rs=""; rpeak=""; rv=""
for round in $(seq 1 "$rounds"); do
	if (( round % 2 )); then
		read -r b bc br < <(restore_baseline); read -r p pc pr < <(restore_baktainer "$plain")
	else
		read -r p pc pr < <(restore_baktainer "$plain"); read -r b bc br < <(restore_baseline)
	fi
	read -r z _ zr < <(restore_baktainer "$sealed")
	read -r v _ < <(restore_checked)
	echo "restore round $round: psql < file ${b} s; baktainer ${p} s (zstd+age ${z} s), RSS ${pr}/${zr} MiB; sha256sum -c && psql < file ${v} s" >&2
	rb+="$b "; rbc+="$bc "; rp+="$p "; rpc+="$pc "; rs+="$z "; rpeak+="$pr $zr "; rv+="$v "
done
# shellcheck disable=SC2086
echo "restore of the $(awk -v s="$pg_dump_bytes" 'BEGIN { printf "%.0f", s / 1e6 }') MB dump, medians: docker exec -i psql < file $(median $rb) s \
($(median $rbc) s CPU); baktainer restore $(median $rp) s ($(median $rpc) s CPU), ratio $(ratio "$(median $rb)" "$(median $rp)"); \
from zstd+age $(median $rs) s, ratio $(ratio "$(median $rb)" "$(median $rs)"); baktainer peak RSS $(maximum $rpeak) MiB; \
the shell checking first (sha256sum -c && psql < file) $(median $rv) s, ratio $(ratio "$(median $rv)" "$(median $rp)")"
