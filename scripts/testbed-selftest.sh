#!/usr/bin/env bash
# Self-test of the fixture images built by scripts/testbed.sh: each engine starts, becomes ready, has
# password authentication on, honours its environment (*_FILE too), has the right tool names, and stops
# within 2 s. Prints start->ready times. Ends with "N passed, N failed"; exit 1 on any failure.
# Containers carry the label baktainer.test=testbed-check and are removed at the end (also on failure).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LABEL=baktainer.test=testbed-check
WAIT="$SCRIPT_DIR/testbed-wait.sh"
IMG=baktainer-fixture
WORK="$(mktemp -d /tmp/testbed-selftest.XXXXXX)"
passed=0 failed=0
declare -A READY_MS STOP_MS

cleanup() {
	docker ps -aq --filter "label=$LABEL" 2>/dev/null | xargs -r docker rm -fv >/dev/null 2>&1 || true
	rm -rf "$WORK"
}
trap cleanup EXIT

ok()   { passed=$((passed + 1)); echo "PASS  $*"; }
bad()  { failed=$((failed + 1)); echo "FAIL  $*"; }
# expect_ok DESC CMD...     / expect_fail DESC CMD...
expect_ok()   { local d="$1"; shift; if "$@" >"$WORK/out" 2>&1; then ok "$d"; else bad "$d"; sed 's/^/      /' "$WORK/out" | tail -n 5; fi; }
expect_fail() { local d="$1"; shift; if "$@" >"$WORK/out" 2>&1; then bad "$d (unexpectedly succeeded)"; sed 's/^/      /' "$WORK/out" | tail -n 5; else ok "$d"; fi; }
# expect_out DESC REGEX CMD...  (combined output must match REGEX)
expect_out() {
	local d="$1" re="$2"; shift 2
	"$@" >"$WORK/out" 2>&1 || true
	if grep -Eq -- "$re" "$WORK/out"; then ok "$d"; else bad "$d (wanted /$re/)"; sed 's/^/      /' "$WORK/out" | tail -n 5; fi
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# start KEY ENGINE docker-run-args...  -> sets $C, records start->ready time under KEY
start() {
	local key="$1" engine="$2" t0; shift 2
	t0=$(now_ms)
	C="$(docker run -d --label "$LABEL" "$@")"
	if "$WAIT" "$C" "$engine" 60 >"$WORK/wait" 2>&1; then
		READY_MS[$key]=$(( $(now_ms) - t0 ))
		ok "$key: ready in ${READY_MS[$key]} ms"
	else
		READY_MS[$key]=-1
		bad "$key: not ready"; sed 's/^/      /' "$WORK/wait" | tail -n 20
	fi
}
# stop_check KEY: docker stop must take < 2 s
stop_check() {
	local key="$1" t0 ms; t0=$(now_ms)
	docker stop "$C" >/dev/null
	ms=$(( $(now_ms) - t0 )); STOP_MS[$key]=$ms
	if [ "$ms" -lt 2000 ]; then ok "$key: docker stop in $ms ms"; else bad "$key: docker stop took $ms ms"; fi
}
no_secret_in_ps() {
	local secret="$1"
	! docker exec "$C" sh -c 'cat /proc/[0-9]*/cmdline 2>/dev/null | tr "\0" " "' | grep -qF -- "$secret"
}

docker ps -aq --filter "label=$LABEL" | xargs -r docker rm -fv >/dev/null 2>&1 || true

echo "== postgres"
start postgres postgres -e POSTGRES_USER=app -e POSTGRES_PASSWORD='s3cr"et pw' -e POSTGRES_DB=appdb "$IMG/postgres:current"
expect_fail "postgres: psql without PGPASSWORD is refused (socket)" docker exec "$C" psql -U app -d appdb -c 'select 1'
expect_fail "postgres: psql without PGPASSWORD is refused (tcp)" docker exec "$C" psql -h 127.0.0.1 -U app -d appdb -c 'select 1'
expect_fail "postgres: wrong password is refused" docker exec -e PGPASSWORD=wrong "$C" psql -U app -d appdb -c 'select 1'
expect_out "postgres: psql with PGPASSWORD works" 'app +\| appdb' docker exec -e PGPASSWORD='s3cr"et pw' "$C" psql -U app -d appdb -c 'select current_user, current_database()'
expect_out "postgres: pg_dump (PATH: /usr/lib/postgresql/15/bin) works" 'PostgreSQL database dump complete' docker exec -e PGPASSWORD='s3cr"et pw' "$C" pg_dump -U app appdb
expect_out "postgres: /usr/bin/pg_dump wrapper works" 'PostgreSQL database dump complete' docker exec -e PGPASSWORD='s3cr"et pw' "$C" /usr/bin/pg_dump -U app appdb
expect_out "postgres: pg_dumpall works" 'PostgreSQL database cluster dump complete' docker exec -e PGPASSWORD='s3cr"et pw' "$C" pg_dumpall -U app
expect_out "postgres: pg_isready/psql on PATH" '/usr/lib/postgresql/15/bin/pg_isready' docker exec "$C" sh -c 'command -v pg_isready'
expect_ok "postgres: password not on any command line" no_secret_in_ps 's3cr"et pw'
expect_out "postgres: server is PID 1 as user postgres" '^postgres +1$' docker exec "$C" ps -o user=,pid= -p 1
stop_check postgres

echo "== postgres *_FILE, initdb.d, missing password"
mkdir -p "$WORK/secrets" "$WORK/initdb"
printf 'file-pw\n' > "$WORK/secrets/pgpw"; printf 'fileuser' > "$WORK/secrets/pguser"
chmod 600 "$WORK/secrets/"*
cat > "$WORK/initdb/01-roles.sql" <<'EOF'
CREATE ROLE reader LOGIN PASSWORD 'readerpw';
CREATE DATABASE second OWNER reader;
CREATE TABLE t1 (id int); INSERT INTO t1 VALUES (1), (2);
EOF
printf 'CREATE TABLE t2 (id int);\n' | gzip > "$WORK/initdb/02-t2.sql.gz"
# shellcheck disable=SC2016  # expanded inside the container
printf '#!/bin/bash\necho "initdb-sh ran as $(id -un) for $POSTGRES_DB" > /tmp/initdb-sh.out\n' > "$WORK/initdb/03-mark.sh"
chmod +x "$WORK/initdb/03-mark.sh"
start postgres-file postgres -v "$WORK/secrets:/run/secrets:ro" -v "$WORK/initdb:/docker-entrypoint-initdb.d:ro" \
	-e POSTGRES_PASSWORD_FILE=/run/secrets/pgpw -e POSTGRES_USER_FILE=/run/secrets/pguser -e POSTGRES_DB=filedb \
	"$IMG/postgres:current"
expect_out "postgres: POSTGRES_USER_FILE/PASSWORD_FILE honoured" 'fileuser +\| filedb' docker exec -e PGPASSWORD=file-pw "$C" psql -U fileuser -d filedb -c 'select current_user, current_database()'
expect_fail "postgres (_FILE): no password refused" docker exec "$C" psql -U fileuser -d filedb -c 'select 1'
expect_out "postgres: initdb.d *.sql and *.sql.gz ran in POSTGRES_DB" '^2$' docker exec -e PGPASSWORD=file-pw "$C" psql -U fileuser -d filedb -Atc 'select count(*) from t1 join pg_tables on tablename = '\''t2'\'' '
expect_out "postgres: initdb.d role and database exist (for pg_dumpall)" '^second$' docker exec -e PGPASSWORD=readerpw "$C" psql -U reader -d second -Atc 'select current_database()'
expect_out "postgres: initdb.d *.sh ran as postgres" 'initdb-sh ran as postgres for filedb' docker exec "$C" cat /tmp/initdb-sh.out
stop_check postgres-file
C="$(docker run -d --label "$LABEL" "$IMG/postgres:current")"
expect_out "postgres: no POSTGRES_PASSWORD -> clear error, container exits" 'superuser password is not specified' \
	sh -c "docker wait $C >/dev/null; docker logs $C"
start postgres-trust postgres -e POSTGRES_HOST_AUTH_METHOD=trust "$IMG/postgres:current"
expect_ok "postgres: POSTGRES_HOST_AUTH_METHOD=trust allows no password" docker exec "$C" psql -U postgres -c 'select 1'

echo "== mariadb"
start mariadb mariadb -e MARIADB_ROOT_PASSWORD="r'oot\"pw" -e MARIADB_DATABASE=appdb -e MARIADB_USER=app -e MARIADB_PASSWORD=apppw "$IMG/mariadb:current"
expect_fail "mariadb: root without password is refused (socket)" docker exec "$C" mariadb -uroot -e 'select 1'
expect_fail "mariadb: root without password is refused (tcp)" docker exec "$C" mariadb -uroot -h127.0.0.1 -e 'select 1'
expect_ok "mariadb: root with MYSQL_PWD works" docker exec -e MYSQL_PWD="r'oot\"pw" "$C" mariadb -uroot -e 'select 1'
expect_ok "mariadb: user works on its database" docker exec -e MYSQL_PWD=apppw "$C" mariadb -uapp -h127.0.0.1 appdb -e 'create table t (i int); insert into t values (1)'
expect_out "mariadb: mariadb-dump works" 'Dump completed' docker exec -e MYSQL_PWD=apppw "$C" mariadb-dump -uapp appdb
expect_out "mariadb: mysqldump name exists too" 'Dump completed' docker exec -e MYSQL_PWD=apppw "$C" mysqldump -uapp appdb
expect_out "mariadb: server is PID 1 as user mysql" '^mysql +1$' docker exec "$C" ps -o user=,pid= -p 1
expect_ok "mariadb: password not on any command line" no_secret_in_ps "r'oot\"pw"
stop_check mariadb
printf 'mysql-file-pw\n' > "$WORK/secrets/mypw"; chmod 600 "$WORK/secrets/mypw"
start mariadb-file mariadb -v "$WORK/secrets:/run/secrets:ro" -e MYSQL_ROOT_PASSWORD_FILE=/run/secrets/mypw -e MYSQL_DATABASE=mydb \
	-e MYSQL_USER=myuser -e MYSQL_PASSWORD=mypw "$IMG/mariadb:current"
expect_ok "mariadb: MYSQL_ROOT_PASSWORD_FILE honoured" docker exec -e MYSQL_PWD=mysql-file-pw "$C" mariadb -uroot -e 'select 1'
expect_ok "mariadb: MYSQL_USER/MYSQL_DATABASE honoured" docker exec -e MYSQL_PWD=mypw "$C" mariadb -umyuser mydb -e 'select 1'
C="$(docker run -d --label "$LABEL" "$IMG/mariadb:current")"
expect_out "mariadb: no root password option -> clear error" 'password option is not specified' sh -c "docker wait $C >/dev/null; docker logs $C"

echo "== mysql (mysql* names only)"
start mysql mysql -e MYSQL_ROOT_PASSWORD=rootpw -e MYSQL_DATABASE=appdb "$IMG/mysql:current"
expect_fail "mysql: 'mariadb' is not on PATH" docker exec "$C" sh -c 'command -v mariadb'
expect_fail "mysql: 'mariadb-dump' is not on PATH" docker exec "$C" sh -c 'command -v mariadb-dump'
expect_fail "mysql: 'mariadb-admin' is not on PATH" docker exec "$C" sh -c 'command -v mariadb-admin'
expect_out "mysql: mysqldump --version works" '^mysqldump ' docker exec "$C" mysqldump --version
expect_out "mysql: mysqladmin --version works" '^mysqladmin ' docker exec "$C" mysqladmin --version
expect_ok "mysql: mysql/mysqldump/mysqladmin are real files" docker exec "$C" sh -c '! [ -L /usr/bin/mysql ] && ! [ -L /usr/bin/mysqldump ] && ! [ -L /usr/bin/mysqladmin ]'
expect_fail "mysql: root without password is refused" docker exec "$C" mysql -uroot -e 'select 1'
expect_out "mysql: mysqldump with MYSQL_PWD dumps" 'Dump completed' docker exec -e MYSQL_PWD=rootpw "$C" mysqldump -uroot appdb
stop_check mysql

echo "== mariadb11 (mariadb* names only)"
start mariadb11 mariadb11 -e MARIADB_ROOT_PASSWORD=rootpw -e MARIADB_DATABASE=appdb "$IMG/mariadb11:current"
expect_fail "mariadb11: 'mysqldump' is not on PATH" docker exec "$C" sh -c 'command -v mysqldump'
expect_fail "mariadb11: 'mysql' is not on PATH" docker exec "$C" sh -c 'command -v mysql'
expect_fail "mariadb11: 'mysqladmin' is not on PATH" docker exec "$C" sh -c 'command -v mysqladmin'
expect_out "mariadb11: mariadb-dump --version works" '^mariadb-dump ' docker exec "$C" mariadb-dump --version
expect_fail "mariadb11: root without password is refused" docker exec "$C" mariadb -uroot -e 'select 1'
expect_out "mariadb11: mariadb-dump with MYSQL_PWD dumps" 'Dump completed' docker exec -e MYSQL_PWD=rootpw "$C" mariadb-dump -uroot appdb
stop_check mariadb11

echo "== redis"
start redis redis -e REDIS_PASSWORD='redis pw' "$IMG/redis:current"
expect_out "redis: no auth -> NOAUTH" 'NOAUTH' docker exec "$C" redis-cli ping
expect_out "redis: REDISCLI_AUTH -> PONG" '^PONG' docker exec -e REDISCLI_AUTH='redis pw' "$C" redis-cli ping
expect_ok "redis: password not on any command line" no_secret_in_ps 'redis pw'
expect_out "redis: SAVE writes /data/dump.rdb" 'dump.rdb' sh -c "docker exec -e REDISCLI_AUTH='redis pw' $C redis-cli save && docker exec $C ls /data"
expect_out "redis: server is PID 1 as user redis" '^redis +1$' docker exec "$C" ps -o user=,pid= -p 1
stop_check redis
start redis-argv redis "$IMG/redis:current" redis-server --requirepass argvpw
expect_out "redis: 'redis-server --requirepass' argv works (NOAUTH)" 'NOAUTH' docker exec "$C" redis-cli ping
expect_out "redis: argv password accepted" '^PONG' docker exec -e REDISCLI_AUTH=argvpw "$C" redis-cli ping
start redis-nopw redis "$IMG/redis:current"
expect_out "redis: no password configured -> PONG" '^PONG' docker exec "$C" redis-cli ping

echo "== sqlite"
start sqlite sqlite "$IMG/sqlite:current"
expect_out "sqlite: sqlite3 works on /data" '^42$' docker exec "$C" sqlite3 /data/app.db 'create table t(i); insert into t values(42); select i from t;'
expect_out "sqlite: /data is a volume" '/data' docker inspect -f '{{range .Mounts}}{{.Destination}}{{end}}' "$C"
stop_check sqlite

echo "== mongo-standin"
start mongo-standin mongo-standin "$IMG/mongo-standin:current"
expect_out "mongo-standin: archive bytes on stdout" '^36$' sh -c "docker exec -e MONGO_STANDIN_BYTES=10 $C mongodump --archive --uri='mongodb://u:p@localhost/db' | wc -c"
expect_out "mongo-standin: argv recorded one per line" '^--archive$' docker exec "$C" cat /tmp/mongodump.args
expect_out "mongo-standin: env names recorded" '^MONGO_STANDIN_BYTES$' docker exec "$C" cat /tmp/mongodump.env-names
expect_out "mongo-standin: MONGO_STANDIN_EXIT honoured" '^exit=3$' sh -c "docker exec -e MONGO_STANDIN_EXIT=3 $C mongodump >/dev/null; echo exit=\$?"
expect_fail "mongo-standin: no mongodump in the other images" docker run --rm --label "$LABEL" --entrypoint sh "$IMG/postgres:current" -c 'command -v mongodump'
stop_check mongo-standin

echo
echo "start -> ready (ms):$(for k in postgres postgres-file mariadb mariadb-file mysql mariadb11 redis sqlite mongo-standin; do printf ' %s=%s' "$k" "${READY_MS[$k]:-?}"; done)"
echo "docker stop (ms):$(for k in "${!STOP_MS[@]}"; do printf ' %s=%s' "$k" "${STOP_MS[$k]}"; done)"
echo "selftest: $passed passed, $failed failed"
[ "$failed" = 0 ]
