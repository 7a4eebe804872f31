#!/bin/sh
# cli.sh: the command line: help, version, usage errors and exit codes, stdin,
# index files, position/time/database filters, --on-error stop|skip.
# Usage: cli.sh BINPRIME   Logs come from Debian's mariadb-test-data.
set -u
bin=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
std=${BP_MYSQL_TEST:-/usr/share/mysql/mysql-test}/std_data
. "$top/tests/integration/lib.sh"

log=$std/rpl/master-bin-seq_10.3.36.000001  # CRC32, 17 events
rowlog=$std/mdev6020-mysql-bin.000001   # 7754 events, rows

expect "--version" 0 "$bin" --version;            has out "^binprime [0-9]"
expect "--help" 0 "$bin" --help;                  has out "events"
expect "no command" 1 "$bin";                     has err "usage: binprime"
expect "unknown command" 1 "$bin" frobnicate;     has err "unknown command 'frobnicate'"
expect "events --help" 0 "$bin" events --help;    has out "--start-position"
expect "help events" 0 "$bin" help events;        has out "--on-error"
expect "unknown option" 1 "$bin" events --bogus "$log"; has err "unknown option '--bogus'"
expect "no log" 1 "$bin" events;                  has err "no log given"
expect "bad number" 1 "$bin" events --start-position=abc "$log"; has err "wants a number"
expect "bad choice" 1 "$bin" events --format=xml "$log"; has err "wants one of text|json"
expect "missing file" 3 "$bin" events "$tmp/nope";  has err "cannot open"
printf 'hello world\n' >"$tmp/text"
expect "not a binlog" 2 "$bin" events "$tmp/text"; has err "$tmp/text:0: not a binary log"

# stdin gives the same output as the file
"$bin" events --format=json "$rowlog" | sed 's/"file":"[^"]*"//' >"$tmp/a"
"$bin" events --format=json - <"$rowlog" | sed 's/"file":"[^"]*"//' >"$tmp/b"
if cmp -s "$tmp/a" "$tmp/b" && [ -s "$tmp/a" ]; then ok; else bad "stdin output differs from file output"; fi

# index file: relative and ./ paths resolved from the index's folder, in order
cp "$log" "$tmp/x-bin.000001"
cp "$rowlog" "$tmp/x-bin.000002"
printf './x-bin.000001\nx-bin.000002\n' >"$tmp/x-bin.index"
expect "index" 0 "$bin" events --count "$tmp/x-bin.index"
has out "x-bin.000001	events=17"
has out "x-bin.000002	events=7754"
has out "^total	events=7771"

# positions: start skips earlier events (FDE still read), stop ends before the given position
expect "start-position" 0 "$bin" events --format=json --start-position=2873 "$rowlog"
first=$(sed -n '2p' "$tmp/out" | sed 's/.*"pos":\([0-9]*\).*/\1/')
if [ "$first" = 2873 ]; then ok; else bad "start-position: first event after the FDE at $first, want 2873"; fi
expect "stop-position" 0 "$bin" events --format=json --stop-position=2873 "$rowlog"
last=$(tail -n 1 "$tmp/out" | sed 's/.*"pos":\([0-9]*\).*/\1/')
if [ "$last" -lt 2873 ]; then ok; else bad "stop-position: last event at $last"; fi

# --database/--table keep only that table's row events and maps
expect "table filter" 0 "$bin" events --format=json --table=table1_int_autoinc "$rowlog"
if grep '"type":"WRITE_ROWS_V1"' "$tmp/out" | grep -qv '"table":"table1_int_autoinc"'; then
	bad "table filter let another table through"
else ok; fi
has out '"table":"table1_int_autoinc"'

# MySQL 8.0 partial JSON updates (inside a zstd TRANSACTION_PAYLOAD) come out as their diffs
mysql80=$std/mdev35643_mysql_80_binlog.000001
expect "json diff" 0 "$bin" events --format=json "$mysql80"
has out '"type":"PARTIAL_UPDATE_ROWS"'
has out '"json_diff":\[{"op":"REPLACE","path":"\$.b","value":"oOooOoo'
has out '"payload":'
expect "json diff text" 0 "$bin" events "$mysql80"
has out "^###   @2=JSON_REPLACE(@2, '\$.b', \"oOooOoo"

# --schema: names from a dump; a dump that disagrees with the TABLE_MAP is reported
# once per table and its rows get no names (the log's own DDL is skipped by the seek)
dml=$top/fixtures/binlog/mariadb-10.11-row-dml.bin
expect "schema names" 0 "$bin" events --format=json --start-position=3127 --schema "$top/fixtures/schema/bp_dml.sql" "$dml"
has out '"table":"customer","columns":\["id",'
printf 'CREATE DATABASE bp_dml;\nUSE bp_dml;\nCREATE TABLE customer (id INT PRIMARY KEY, x INT);\n' >"$tmp/wrong.sql"
expect "schema mismatch" 0 "$bin" events --format=json --start-position=3127 --schema "$tmp/wrong.sql" "$dml"
has err "3127: schema mismatch for bp_dml.customer: TABLE_MAP has"
n=$(grep -c "schema mismatch for bp_dml.customer" "$tmp/err")
if [ "$n" -eq 1 ]; then ok; else bad "mismatch reported $n times, want once"; fi
has out '"table":"customer","schema":"mismatch"'
if grep '"table":"customer"' "$tmp/out" | grep -q '"columns":\["'; then bad "mismatched table got names"; else ok; fi

# binprime schema --at: the model before and after the ALTER at 1334 of the DDL fixture
ddl=$top/fixtures/binlog/mariadb-10.11-ddl.bin
expect "schema --at" 0 "$bin" schema -q --format=json --at 1334 "$ddl"
has out '"name":"item","columns":\[{"name":"id",[^]]*{"name":"name",[^]]*{"name":"price"'
expect "schema --at after" 0 "$bin" schema -q --format=json --at 1640 "$ddl"
has out '{"name":"name",[^]]*{"name":"color",[^]]*{"name":"price"'
expect "schema --help" 0 "$bin" schema --help; has out "--at"

# damaged input: flip one byte inside a CRC32-checked event in the middle of the log
size=$(wc -c <"$log")
cp "$log" "$tmp/flip"
printf '\001' | dd of="$tmp/flip" bs=1 seek=500 conv=notrunc 2>/dev/null
expect "flip stop" 2 "$bin" events --format=json "$tmp/flip"
has err "checksum mismatch"
n_stop=$(wc -l <"$tmp/out")
expect "flip skip" 2 "$bin" events --format=json --on-error=skip "$tmp/flip"
n_skip=$(wc -l <"$tmp/out")
if [ "$n_stop" -ge 1 ] && [ "$n_skip" -gt "$n_stop" ] && [ "$n_skip" -eq 16 ]; then ok; else
	bad "on-error: stop printed $n_stop events, skip $n_skip (want 16 of 17)"; fi
expect "no verify" 0 "$bin" events --count --no-verify-checksum "$tmp/flip"

# broken length in a log without checksums whose log_pos is relative (MySQL 5.1.17):
# skip resynchronises on the next event (759) by checking that a sane header follows it
cp "$std/../suite/binlog/std_data/ver_5_1_17.001" "$tmp/v517"
printf '\377\377\377\177' | dd of="$tmp/v517" bs=1 seek=700 conv=notrunc 2>/dev/null
expect "resync stop" 2 "$bin" events -q --format=json "$tmp/v517"
has err "$tmp/v517:691: corrupt event header: type 2, length 2147483647"
expect "resync skip" 2 "$bin" events -q --format=json --on-error=skip "$tmp/v517"
got=$(sed 's/.*"pos":\([0-9]*\),.*/\1/' "$tmp/out" | tr '\n' ' ')
case $got in
"4 102 216 330 421 461 508 548 613 653 759 867 "*) ok ;;
*) bad "resync: events at $got" ;;
esac
if [ "$(wc -l <"$tmp/out")" -eq 23 ]; then ok; else bad "resync: $(wc -l <"$tmp/out") events, want 23 of 24"; fi

# truncation: events before the damage are still printed, the message names the offset
head -c $((size - 10)) "$log" >"$tmp/trunc"
expect "truncated" 2 "$bin" events --format=json "$tmp/trunc"
has err "^binprime: error: $tmp/trunc:[0-9]*: truncated"
n=$(wc -l <"$tmp/out")
if [ "$n" -eq 16 ]; then ok; else bad "truncated: $n events printed before the damage, want 16"; fi

echo "cli: $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
