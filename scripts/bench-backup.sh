#!/usr/bin/env bash
# Backup throughput: a ~1 GB PostgreSQL dump through `baktainer backup` (exec, SHA-256, fsynced atomic file,
# sidecars) against the obvious baseline `docker exec … pg_dump > file`, alternating in the same run.
# Prints each round, best and median throughput, their ratio, and baktainer's peak resident memory.
# Usage: scripts/bench-backup.sh [ROUNDS] [ROWS]   (ROWS default 4500000 ≈ 1.05 GB of dump)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
rows=${2:-4500000}
scripts/testbed.sh >/dev/null
swift build -c release --scratch-path .build-bench --product baktainer >/dev/null
baktainer=$(swift build -c release --scratch-path .build-bench --show-bin-path)/baktainer
work=$(mktemp -d /var/tmp/bt-bench.XXXXXX)
name=bt-bench-pg-$$
export PGPASSWORD="bench-$$-secret"
docker run -d --network none --name "$name" --label baktainer.test=bench --label baktainer.backup=true \
    --label baktainer.db.engine=postgres -e PGPASSWORD -e POSTGRES_PASSWORD="$PGPASSWORD" -e POSTGRES_USER=app \
    -e POSTGRES_DB=shop baktainer-fixture/postgres:current >/dev/null
trap 'docker rm -f "$name" >/dev/null 2>&1; rm -rf "$work"' EXIT
scripts/testbed-wait.sh "$name" postgres 120 >/dev/null
echo "loading $rows rows…" >&2
docker exec "$name" psql -q -U app -d shop -v ON_ERROR_STOP=1 -c \
    "create table items(id bigint primary key, body text); insert into items select g, repeat(md5(g::text), 7) from generate_series(1, $rows) g;"

seconds_of() { awk '/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"; }
rss_of() { awk '/Maximum resident set size/ { print int($NF / 1024) }' "$1"; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / s / 1e6 }'; }

run_baseline() {  # -> "seconds bytes"
    /usr/bin/time -v -o "$work/time" docker exec -e PGPASSWORD "$name" \
        pg_dump --username=app --no-password --clean --if-exists --dbname=shop >"$work/baseline.sql"
    tail -c 200 "$work/baseline.sql" | grep -q "dump complete" || { echo "baseline dump incomplete" >&2; exit 1; }
    echo "$(seconds_of "$work/time") $(stat -c %s "$work/baseline.sql")"
    rm -f "$work/baseline.sql"
}
run_baktainer() {  # -> "seconds bytes rss_mib"
    rm -rf "$work/backups"
    BT_BACKUP_DIR="$work/backups" /usr/bin/time -v -o "$work/time" "$baktainer" backup "$name" --quiet
    local file
    file=$(find "$work/backups" -name '*.sql')
    (cd "$(dirname "$file")" && sha256sum -c --quiet "$(basename "$file").sha256") || { echo "checksum mismatch" >&2; exit 1; }
    echo "$(seconds_of "$work/time") $(stat -c %s "$file") $(rss_of "$work/time")"
}

base_times=(); bt_times=(); peak=0; size=0
for round in $(seq 1 "$rounds"); do
    read -r b size < <(run_baseline)
    read -r c csize rss < <(run_baktainer)
    echo "round $round: docker exec > file $(mbps "$size" "$b") MB/s, baktainer backup $(mbps "$csize" "$c") MB/s, RSS ${rss} MiB"
    base_times+=("$b"); bt_times+=("$c"); peak=$(( rss > peak ? rss : peak ))
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
best() { printf '%s\n' "$@" | sort -g | head -1; }
mb=$(awk -v s="$size" 'BEGIN { printf "%.0f", s / 1e6 }')
echo "pg_dump of ${mb} MB, $rounds rounds:"
echo "  docker exec pg_dump > file: best $(mbps "$size" "$(best "${base_times[@]}")") MB/s, median $(mbps "$size" "$(median "${base_times[@]}")") MB/s"
echo "  baktainer backup          : best $(mbps "$size" "$(best "${bt_times[@]}")") MB/s, median $(mbps "$size" "$(median "${bt_times[@]}")") MB/s"
echo "  ratio baktainer/baseline  : best $(awk -v b="$(best "${base_times[@]}")" -v c="$(best "${bt_times[@]}")" 'BEGIN { printf "%.2f", b / c }'), median $(awk -v b="$(median "${base_times[@]}")" -v c="$(median "${bt_times[@]}")" 'BEGIN { printf "%.2f", b / c }')"
echo "  baktainer peak RSS: ${peak} MiB"
