#!/bin/sh
# replay.sh: replay rate of `binprime replay --concurrency N` against the
# mariadb client running the same script (`mariadb < script.sql`), same server.
#
#   sh tests/bench/replay.sh BUILD_DIR|BINPRIME
#
# A throwaway mariadbd (tests/server.sh, under /tmp/bp-rbench.*, always
# stopped) gets a table of RB_ROWS rows (default 200000) with a secondary
# index; RB_CHANGES rows (default 20000) are updated in ROW format (the
# secondary key changes, so each change gives a PRIMARY lookup and two
# secondary-entry lookups) and `binprime analyze --sql` writes the script.
# After one warm-up run of each (every page in the buffer pool, so both
# measure statement round trips, not disk), RB_ROUNDS (3) alternated rounds
# time both; medians are printed with the ratio. Target (issue 6): >= 2x with
# --concurrency 4 on 2 cores. Environment: RB_ROWS, RB_CHANGES, RB_ROUNDS,
# RB_CONCURRENCY (4).
set -u
arg=${1:?usage: sh tests/bench/replay.sh BUILD_DIR|BINPRIME}
top=$(cd "$(dirname "$0")/../.." && pwd -P)
if [ -d "$arg" ]; then bin=$(cd "$arg" && pwd -P)/binprime; else bin=$arg; fi
rows=${RB_ROWS:-200000} changes=${RB_CHANGES:-20000} rounds=${RB_ROUNDS:-3} conc=${RB_CONCURRENCY:-4}
work=$(mktemp -d /tmp/bp-rbench.XXXXXX)
srv=$work/srv
trap 'sh "$top/tests/server.sh" stop "$srv" >/dev/null 2>&1; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP
sh "$top/tests/server.sh" start "$srv" --log-bin="$srv/bin" --binlog-format=ROW --server-id=1 \
	--innodb-buffer-pool-size=512M >/dev/null || exit 1
cnf=$srv/my.cnf
sql() { mariadb --defaults-file="$cnf" --batch --skip-column-names "$@"; }
sql <<EOF
CREATE DATABASE rb;
USE rb;
CREATE TABLE t (id INT PRIMARY KEY, k INT NOT NULL, v VARCHAR(40), KEY k_k (k)) ENGINE=InnoDB;
INSERT INTO t SELECT seq, seq % 1000, CONCAT('v', seq) FROM seq_1_to_$rows;
FLUSH BINARY LOGS;
EOF
log=$(sql -e "SHOW MASTER STATUS" | awk '{ print $1 }')
step=$((rows / changes))
sql -e "SET SESSION binlog_format = ROW; UPDATE rb.t SET k = k + 1 WHERE id % $step = 0; FLUSH BINARY LOGS;"
mariadb-dump --defaults-file="$cnf" --no-data --databases rb >"$work/schema.sql" 2>/dev/null
"$bin" analyze --quiet --schema "$work/schema.sql" --sql "$work/script.sql" "$srv/$log" || exit 1
n=$(grep -c '^SELECT' "$work/script.sql")
echo "script: $n statements ($changes row changes of $rows rows), $(wc -c <"$work/script.sql") bytes"

ms() { echo $((($(date +%s%N) - $1) / 1000000)); }
run_cli() { t=$(date +%s%N); sql <"$work/script.sql" >/dev/null || echo "mariadb failed" >&2; ms "$t"; }
run_bp() { t=$(date +%s%N); "$bin" replay --defaults-file="$cnf" --concurrency "$conc" -q "$work/script.sql" || echo "replay failed" >&2; ms "$t"; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

run_cli >/dev/null
run_bp >/dev/null
cli="" bp=""
for r in $(seq 1 "$rounds"); do
	c=$(run_cli)
	b=$(run_bp)
	echo "round $r: mariadb $c ms, binprime replay -c $conc $b ms"
	cli="$cli $c" bp="$bp $b"
done
mc=$(echo "$cli" | median) mb=$(echo "$bp" | median)
awk -v n="$n" -v c="$mc" -v b="$mb" -v k="$conc" 'BEGIN {
	printf "median: mariadb %d ms (%.0f statements/s), binprime replay -c %d %d ms (%.0f statements/s): %.2fx\n",
		c, n * 1000 / c, k, b, n * 1000 / b, c / b }'
