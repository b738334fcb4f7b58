#!/usr/bin/env bash
# Row counters' throughput: makes a pg_dump and a mariadb-dump of about SIZE_MB each from the fixture images
# (as the engines run them), then feeds each file through its counter (PostgresCopyRowCounter,
# MySQLInsertRowCounter) in 64 KiB pieces in a release build and prints MB/s over the time spent counting.
#   postgres: items(id bigint, body text = 7 md5s)              -> COPY lines of ~240 bytes
#   mariadb:  items(id bigint, n int, price decimal, body text) -> extended INSERTs, one tuple a line, ~250 bytes
#             plus nums(a, b, c int)                              -> short numeric tuples (~10% of the file)
# Usage: scripts/bench-rowcount.sh [SIZE_MB [ROUNDS]]     (SIZE_MB default 600, ROUNDS default 3)
set -euo pipefail
# The build the image ships (release, Swift runtime linked statically); BENCH_SCRATCH picks its folder.
scratch=${BENCH_SCRATCH:-.build-bench}
cd "$(dirname "$0")/.."
size_mb=${1:-600}
rounds=${2:-3}
# shellcheck source=scripts/testbed-lib.sh
. scripts/testbed-lib.sh
engine_before=answering
engine_answers || engine_before=absent  # the dockerd testbed.sh then starts is this run's: stopped at the end
trap 'stop_own_dockerd "$engine_before"' EXIT
scripts/testbed.sh >/dev/null
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product baktainer-rowcount-bench >/dev/null
bench=$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/baktainer-rowcount-bench
work=$(mktemp -d /var/tmp/bt-rowcount-bench.XXXXXX)
pg=bt-rowcount-bench-pg-$$
my=bt-rowcount-bench-my-$$
trap 'docker rm -f "$pg" "$my" >/dev/null 2>&1; rm -rf "$work"; stop_own_dockerd "$engine_before"' EXIT
docker run -d --network none --name "$pg" --label baktainer.test=bench -e POSTGRES_PASSWORD=bench -e POSTGRES_USER=app \
	-e POSTGRES_DB=shop baktainer-fixture/postgres:current >/dev/null
docker run -d --network none --name "$my" --label baktainer.test=bench -e MARIADB_ROOT_PASSWORD=bench \
	-e MARIADB_DATABASE=shop baktainer-fixture/mariadb:current >/dev/null
scripts/testbed-wait.sh "$pg" postgres 120 >/dev/null
scripts/testbed-wait.sh "$my" mariadb 120 >/dev/null

pg_rows=$((size_mb * 1000000 / 240))
my_rows=$((size_mb * 900000 / 250))
num_rows=$((size_mb * 100000 / 20))
echo "loading $pg_rows + $my_rows rows…" >&2
docker exec -e PGPASSWORD=bench "$pg" psql -q -U app -d shop -v ON_ERROR_STOP=1 -c \
	"create table items(id bigint primary key, body text); insert into items select g, repeat(md5(g::text), 7) from generate_series(1, $pg_rows) g;"
docker exec -e MYSQL_PWD=bench "$my" mariadb -uroot shop -e \
	"create table items(id bigint primary key, n int, price decimal(10,2), body text);
	 insert into items select seq, seq % 1000, seq / 7, concat(repeat(md5(seq), 6), '\\'s (x); ok') from seq_1_to_$my_rows;
	 create table nums(a int, b int, c int); insert into nums select seq, seq * 3, seq % 97 from seq_1_to_$num_rows;"
docker exec -e PGPASSWORD=bench "$pg" pg_dump --username=app --no-password --clean --if-exists --dbname=shop >"$work/postgres.sql"
docker exec -e MYSQL_PWD=bench "$my" mariadb-dump -uroot --single-transaction --routines --events --triggers --databases shop >"$work/mysql.sql"
ls -l "$work"/*.sql >&2
for format in postgres mysql; do
	echo "$format ($(stat -c %s "$work/$format.sql") bytes):"
	"$bench" "$format" "$work/$format.sql" 65536 "$rounds"
done
