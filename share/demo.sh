#!/bin/sh
# demo.sh: run binprime's main job on the bundled example log (fixtures/binlog/mariadb-10.11-demo.bin,
# a small order-processing workload recorded from a real MariaDB server by fixtures/mkfixtures.sh).
set -eu
build=${1:-build}
bin=$build/binprime
log=fixtures/binlog/mariadb-10.11-demo.bin
echo "== binprime events --count $log"
"$bin" events --count "$log"
echo
echo "== the first transactions, decoded (binprime events, text)"
"$bin" events "$log" | sed -n '1,60p'
echo "..."
echo
echo "== one row event as JSON (binprime events --format=json)"
"$bin" events --format=json "$log" | grep -m 1 '"type":"UPDATE_ROWS' || true
echo
echo "== row events per table and type (counted from the JSON Lines)"
"$bin" events --format=json "$log" |
	sed -n 's/.*"type":"\([A-Z_]*ROWS[A-Z_0-9]*\)".*"db":"\([^"]*\)","table":"\([^"]*\)".*/\2.\3 \1/p' |
	sort | uniq -c | sort -rn
echo
echo "== the prefetch script and the write classes (binprime analyze --schema shop.sql --sql ...)"
sql=$build/demo-prefetch.sql
"$bin" analyze --schema fixtures/schema/shop.sql --sql "$sql" "$log"
echo
echo "-- $sql, first lines:"
sed -n '1,16p' "$sql"
echo "... ($(grep -c '^SELECT' "$sql") SELECT lines; it runs as it is: mariadb < $sql)"
