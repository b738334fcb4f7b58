#!/usr/bin/env bash
# Regenerates the row-counter fixtures in Tests/Fixtures/RowCounting from the fixture images: real pg_dump
# and mariadb-dump output of databases with awkward tables (quoted and odd names, a name with a newline, empty
# and zero-column tables, partitions, inheritance, strings with quotes, backslashes, parentheses, semicolons
# and newlines, every byte value in binary columns, lines that look like dump statements inside strings,
# functions and triggers), each beside the `count(*)` of every table as JSON, taken from the server right
# after the dump with the scope of TableInventory (base tables; no system schemas). Nothing writes meanwhile.
#   postgres.sql            pg_dump --clean --if-exists --dbname=shop          (as PostgresEngine runs it)
#   mariadb.sql             mariadb-dump … --databases shop other             (as MySQLEngine runs it, two schemas)
#   mariadb-options.sql     the same with --complete-insert --insert-ignore --skip-extended-insert
# Usage: scripts/rowcount-fixtures.sh   (needs scripts/testbed.sh's images)
set -euo pipefail
cd "$(dirname "$0")/.."
out=Tests/Fixtures/RowCounting
pg=bt-rowcount-fixture-pg-$$
my=bt-rowcount-fixture-my-$$
trap 'docker rm -f "$pg" "$my" >/dev/null 2>&1' EXIT
docker run -d --network none --name "$pg" --label baktainer.test=rowcount-fixtures -e POSTGRES_PASSWORD=fixture \
	-e POSTGRES_USER=app -e POSTGRES_DB=shop baktainer-fixture/postgres:current >/dev/null
docker run -d --network none --name "$my" --label baktainer.test=rowcount-fixtures -e MARIADB_ROOT_PASSWORD=fixture \
	-e MARIADB_DATABASE=shop baktainer-fixture/mariadb:current >/dev/null
scripts/testbed-wait.sh "$pg" postgres 120 >/dev/null
scripts/testbed-wait.sh "$my" mariadb 120 >/dev/null

psql() { docker exec -i -e PGPASSWORD=fixture "$pg" psql -X -q -v ON_ERROR_STOP=1 -U app -d shop "$@"; }
psql <<'SQL'
create table items(id int primary key, name text);
insert into items select g, 'item ' || g from generate_series(1, 300) g;
create schema "My Schema";
create table "My Schema"."Odd ""Name""" (v text, b bytea);
insert into "My Schema"."Odd ""Name""" values
  (E'line1\nline2\r\n', '\x00010203ff0a0d5c2e'), (E'\\.', E'\\x5c2e0a'), ('', null), (E'tab\there', null), (E'\\.\n\\.', null),
  (E'\\', null), ('semi;colon (paren) ''quote'' "dq"', null);
insert into "My Schema"."Odd ""Name""" select null, decode(string_agg(lpad(to_hex(g), 2, '0'), ''), 'hex') from generate_series(0, 255) g;
create table "a.b"("c.d" int);
insert into "a.b" values (1), (2);
create table empty_one(x int);
create table nocols();
insert into nocols default values; insert into nocols default values;
create table "select"(x text);
insert into "select" values ('semi;colon'), ('paren)('), ('quote''s'), (E'back\\slash'), ('COPY public.items (id) FROM stdin;'), (E'x\n\\.\ny');
create table meas(id int, at date, v text) partition by range (at);
create table meas_2024 partition of meas for values from ('2024-01-01') to ('2025-01-01');
create table meas_2025 partition of meas for values from ('2025-01-01') to ('2026-01-01') partition by list (id);
create table meas_2025_a partition of meas_2025 for values in (1, 2, 3);
create table meas_2025_b partition of meas_2025 default;
insert into meas values (1, '2024-05-01', 'x'), (2, '2024-06-01', 'y'), (1, '2025-02-01', 'z'), (9, '2025-03-01', 'w'), (8, '2025-03-02', 'w');
create table empty_parted(id int) partition by range (id);
create table cities(name text, population int);
create table capitals(state char(2)) inherits (cities);
create table "Capital ""Cities"""(motto text) inherits (capitals, cities);
insert into cities values ('a', 1), ('b', 2);
insert into capitals values ('c', 3, 'xx');
insert into "Capital ""Cities""" values ('d', 4, 'yy', 'carpe diem');
create unlogged table unl(x int); insert into unl values (1);
create view v as select * from items;
create materialized view mv as select * from items;
create function f() returns void language plpgsql as $$
begin
CREATE TABLE public.fake (x int);
end $$;
comment on function f() is E'-- Data for Name: items; Type: TABLE DATA; Schema: public; Owner: app\nCOPY public.items (id) FROM stdin;';
create table "Ünïcödé tàble"(x int); insert into "Ünïcödé tàble" values (1);
create table "new
line"(x int); insert into "new
line" values (1), (2);
SQL
docker exec -e PGPASSWORD=fixture "$pg" pg_dump --username=app --no-password --clean --if-exists --dbname=shop >"$out/postgres.sql"
psql -At <<'SQL' >"$out/postgres.counts.json"
select json_object_agg(k, (xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I.%I', s, t), false, true, '')))[1]::text::int order by k)
from (select table_schema, table_name, table_schema || '.' || table_name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')) x(s, t, k);
SQL

mysql() { docker exec -i -e MYSQL_PWD=fixture "$my" mariadb -uroot "$@"; }
mysql shop <<'SQL'
create table items(id int primary key, name text);
insert into items select seq, concat('item ', seq) from seq_1_to_300;
create table `Odd ``Name```(v text, b blob);
insert into `Odd ``Name``` values ('it''s (a) test; ok', x'00010203ff0a0d5c27222c28293b'), ('back\\slash\\', 'x'), ('new\nline\r\n', null),
  ('),(', '\'),(\''), ('', ''), (null, null), ('\\', '\\\\');
create table `a.b`(`c.d` int);
insert into `a.b` values (1), (2);
create table empty_one(x int);
create table `select`(x varchar(100));
insert into `select` values ('semi;colon'), ('INSERT INTO `items` VALUES (1,2);'), ('"dq"'), ('\Z\0'), ('-- Dumping data for table `x`');
create table log(x int);
create trigger trg after insert on empty_one for each row
INSERT INTO `log` VALUES (1),(2);
delimiter ;;
create procedure p()
begin
INSERT INTO `log` VALUES (1),(2);
end;;
delimiter ;
create view v as select * from items;
create table `Ünïcödé tàble`(x int); insert into `Ünïcödé tàble` values (1);
create table vers(x int) with system versioning; insert into vers values (1), (2); delete from vers where x = 1;
create sequence s1;
create table parted(id int) partition by range (id) (partition p0 values less than (10), partition p1 values less than maxvalue);
insert into parted values (1), (20), (30);
create table bin(b varbinary(300));
insert into bin values (0x27), (0x5c), (0x5c27), (0x00), (0x275c), (unhex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff'));
create table `new
line`(x int); insert into `new
line` values (1), (2);
create database `other.db`;
create table `other.db`.`items`(id int); insert into `other.db`.`items` values (7), (8), (9);
create table `other.db`.`nothing`(id int);
SQL
dump() { docker exec -e MYSQL_PWD=fixture "$my" mariadb-dump -uroot --single-transaction --routines --events --triggers "$@" --databases shop other.db; }
dump >"$out/mariadb.sql"
dump --complete-insert --insert-ignore --skip-extended-insert >"$out/mariadb-options.sql"
mysql -N -B --raw <<'SQL' >"$out/mariadb.counts.json"
SET SESSION group_concat_max_len = 16777216;
SET @q = (SELECT CONCAT('SELECT JSON_OBJECTAGG(k, c) FROM (', GROUP_CONCAT(CONCAT('SELECT ', QUOTE(CONCAT(table_schema, '.', table_name)), ' AS k, COUNT(*) AS c FROM `',
    REPLACE(table_schema, '`', '``'), '`.`', REPLACE(table_name, '`', '``'), '`') SEPARATOR ' UNION ALL '), ') x')
    FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema IN ('shop', 'other.db'));
PREPARE q FROM @q;
EXECUTE q;
SQL
ls -l "$out"
