#!/bin/sh
# bench.sh: speed and memory of `binprime events` against mariadb-binlog.
#
#   sh tests/bench/bench.sh BUILD_DIR        (make bench)
#
# 1. Generates, once, a ROW-format binary log of more than 200 MB with a
#    throwaway mariadbd (tests/server.sh): two tables with mixed column types
#    (integers, VARCHAR, TEXT, BLOB, DATETIME/TIMESTAMP/TIME with fractions,
#    DECIMAL, FLOAT/DOUBLE, ENUM, SET, BIT, YEAR), bulk INSERT ... SELECT from
#    the Sequence engine, UPDATEs and DELETEs over all rows, binlog_row_image
#    FULL and CRC32 checksums. The log is cached as BUILD_DIR/bench/rows.binlog
#    (regenerated when the workload below changes or the file is missing); the
#    server's datadir is removed afterwards and the server always stopped.
# 2. Times, alternating the tools (A B C A B C A B C, best of 3 each):
#      A  binprime events --format=json FILE >/dev/null
#      B  binprime events --count FILE        (decodes every row value, checks CRCs)
#      C  mariadb-binlog --base64-output=decode-rows -vv FILE >/dev/null
#      E  binprime analyze --schema S --sql - FILE >/dev/null   (the prefetch script,
#         one SELECT per row change; S = the workload's CREATE TABLEs)
#    with wall time, MB/s (1 MB = 10^6 bytes) and peak RSS (GNU time %M), then
#    peak RSS of `binprime events --count` over the file given 5 times (> 1 GB)
#    to show memory stays flat.
# 3. Prints a summary with PASS/MISS against the targets: decode-only >= 1 GB/s,
#    JSON >= 5x mariadb-binlog, analyze --sql >= 10x mariadb-binlog, peak RSS
#    <= 32 MB at 200 MB and at 1 GB.
#
# Environment: BENCH_RUNS (default 3), BENCH_STRICT=1 (exit 1 when a target is
# missed), BENCH_FILE=path (time an existing log instead of generating one).
set -eu

BUILD=${1:?usage: sh tests/bench/bench.sh BUILD_DIR}
top=$(cd "$(dirname "$0")/../.." && pwd -P)
BUILD=$(cd "$BUILD" && pwd -P)
bin=$BUILD/binprime
RUNS=${BENCH_RUNS:-3}
[ -x "$bin" ] || { echo "bench: $bin not built (make)" >&2; exit 1; }
MBINLOG=$(command -v mariadb-binlog || command -v mysqlbinlog || true)
[ -n "$MBINLOG" ] || { echo "bench: mariadb-binlog not found (make deps)" >&2; exit 1; }
GTIME=
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
	GTIME=/usr/bin/time
else
	echo "bench: GNU time (Debian package 'time') not found: peak RSS not measured" >&2
fi

cache=$BUILD/bench
mkdir -p "$cache"

# ---- the workload ------------------------------------------------------------
# Changing this text regenerates the log (its checksum is the cache key).
WORKLOAD='
CREATE DATABASE bench;
USE bench;
CREATE TABLE t1 (
  id INT UNSIGNED NOT NULL PRIMARY KEY,
  a INT NOT NULL, b BIGINT, c VARCHAR(64), d DATETIME, e DECIMAL(12,2),
  f TEXT, g DOUBLE, h DATE, i TINYINT, j TIMESTAMP(6) NULL
) ENGINE=InnoDB;
CREATE TABLE t2 (
  id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  s SMALLINT, m MEDIUMINT, fl FLOAT, dc DECIMAL(20,6), ch CHAR(10), vb VARBINARY(32),
  bl BLOB, tm TIME(3), dt6 DATETIME(6), y YEAR, en ENUM("red","green","blue"), st SET("x","y","z"),
  bt BIT(10)
) ENGINE=InnoDB;
INSERT INTO t1 SELECT seq, seq * 7 % 100003, seq * 1000003, CONCAT("name-", seq, "-", REPEAT("x", seq % 20)),
  "2020-01-01 00:00:00" + INTERVAL seq SECOND, (seq % 100000) / 100,
  IF(seq % 3 = 0, REPEAT("lorem ipsum ", seq % 8), NULL), seq / 7,
  "2000-01-01" + INTERVAL (seq % 9000) DAY, seq % 128, "2021-06-01 00:00:00.123456" + INTERVAL seq SECOND
  FROM seq_1_to_500000;
INSERT INTO t2 SELECT seq, seq % 30000, seq % 8000000, seq / 3, seq * 1.000001, LEFT(MD5(seq), 10),
  UNHEX(MD5(seq)), IF(seq % 5 = 0, REPEAT(UNHEX("00ff"), seq % 50), NULL),
  SEC_TO_TIME(seq % 86400) + INTERVAL 0.5 SECOND, "2022-02-02 02:02:02.000001" + INTERVAL seq MICROSECOND,
  1901 + seq % 255, 1 + seq % 3, seq % 8, seq % 1024
  FROM seq_1_to_350000;
UPDATE t1 SET a = a + 1, c = CONCAT(c, "!"), e = e + 1;
UPDATE t2 SET s = s + 1, dt6 = dt6 + INTERVAL 1 SECOND;
DELETE FROM t1 WHERE id % 2 = 0;
DELETE FROM t2 WHERE id % 3 = 0;
FLUSH BINARY LOGS;
'
key=$(printf '%s' "$WORKLOAD" | cksum | cut -d' ' -f1)
log=${BENCH_FILE:-$cache/rows.binlog}

generate() {
	srv=$cache/server
	echo "bench: generating $log with a throwaway mariadbd in $srv (a minute or two)" >&2
	sh "$top/tests/server.sh" stop "$srv" 2>/dev/null || true
	rm -rf "$srv"
	mkdir -p "$srv/binlog"
	trap 'sh "$top/tests/server.sh" stop "$srv" >/dev/null 2>&1 || true' EXIT
	trap 'exit 1' INT TERM HUP
	sh "$top/tests/server.sh" start "$srv" --log-bin="$srv/binlog/bench" --binlog-format=ROW \
		--binlog-checksum=CRC32 --max-binlog-size=1G --binlog-row-image=FULL \
		--innodb-buffer-pool-size=1G --innodb-log-file-size=256M \
		--innodb-flush-log-at-trx-commit=0 --sync-binlog=0
	printf '%s\n' "$WORKLOAD" | mariadb --defaults-file="$srv/my.cnf" -N
	first=$(head -n 1 "$srv/binlog/bench.index")
	case $first in /*) ;; *) first=$srv/binlog/$(basename "$first") ;; esac
	sh "$top/tests/server.sh" stop "$srv"
	trap - EXIT INT TERM HUP
	mv "$first" "$log.tmp"
	mv "$log.tmp" "$log"
	echo "$key" >"$cache/rows.key"
	rm -rf "$srv"
}

if [ -z "${BENCH_FILE:-}" ] && { [ ! -f "$log" ] || [ "$(cat "$cache/rows.key" 2>/dev/null)" != "$key" ]; }; then
	t0=$(date +%s)
	generate
	echo "bench: generated in $(($(date +%s) - t0)) s" >&2
fi
size=$(stat -c %s "$log")
[ "$size" -ge 200000000 ] || echo "bench: warning: $log is only $size bytes (< 200 MB)" >&2

# ---- timing ------------------------------------------------------------------
# run NAME CMD...: one timed run; stdout of CMD goes to $out. Appends
# "NAME seconds maxrss_kb exit" to $res.
res=$cache/results.$$
out=$cache/out.$$
trap 'rm -f "$res" "$out" "$out.err" "$cache/rss.$$" "$cache/binprime.$$"' EXIT
: >"$res"
run() {
	name=$1
	shift
	t0=$(date +%s%N)
	set +e
	if [ -n "$GTIME" ]; then
		"$GTIME" -f %M -o "$cache/rss.$$" "$@" >"$out" 2>"$out.err"
	else
		"$@" >"$out" 2>"$out.err"
	fi
	rc=$?
	set -e
	t1=$(date +%s%N)
	rss=n/a
	[ -z "$GTIME" ] || rss=$(tail -n 1 "$cache/rss.$$")
	echo "$name $(( (t1 - t0) / 1000 )) $rss $rc" >>"$res"
	if [ $rc -ne 0 ]; then
		echo "bench: $name failed (exit $rc): $(head -c 300 "$out.err")" >&2
		exit 1
	fi
	rm -f "$out.err"
}

# time a snapshot of the binary: a rebuild in the tree while we run does not matter
cp "$bin" "$cache/binprime.$$"
bin=$cache/binprime.$$
cat "$log" >/dev/null # warm the page cache: every tool reads from memory
# the schema of the workload: its statements up to the last CREATE TABLE
schema=$cache/schema.$$.sql
printf '%s\n' "$WORKLOAD" | awk '{ print } /^\) ENGINE=InnoDB;$/ { n++ } n == 2 { exit }' >"$schema"
trap 'rm -f "$res" "$out" "$out.err" "$cache/rss.$$" "$cache/binprime.$$" "$schema"' EXIT
echo "bench: $log, $size bytes; $RUNS rounds of json, count, mariadb-binlog" >&2
i=0
while [ $i -lt "$RUNS" ]; do
	i=$((i + 1))
	run json "$bin" events --format=json "$log"
	run count "$bin" events --count "$log"
	grep -q '	errors=0$' "$out" || { echo "bench: binprime --count reported errors: $(cat "$out")" >&2; exit 1; }
	run mariadb-binlog "$MBINLOG" --base64-output=decode-rows -vv "$log"
	run analyze "$bin" analyze -q --schema "$schema" --sql - "$log"
	echo "bench: round $i: $(tail -n 4 "$res" | awk '{ printf "%s %.2fs  ", $1, $2 / 1e6 }')" >&2
done
run count-5x "$bin" events --count "$log" "$log" "$log" "$log" "$log"
cp "$res" "$cache/last-results.txt"

# ---- summary -----------------------------------------------------------------
awk -v size="$size" -v bin="$bin" -v mb="$MBINLOG" -v strict="${BENCH_STRICT:-0}" '
function best(n) { return b[n] / 1e6 }
{ n = $1; if (!(n in b) || $2 < b[n]) b[n] = $2; if ($3 != "n/a" && $3 > r[n]) r[n] = $3; if ($3 == "n/a") r[n] = "n/a" }
function mbps(n, s) { return s / 1e6 / best(n) }
function rss(n) { return r[n] == "n/a" ? "n/a" : sprintf("%.1f MB", r[n] / 1024) }
function mark(ok) { if (!ok) miss++; return ok ? "PASS" : "MISS" }
END {
	printf "\nbinprime benchmark: %s (%.1f MB), best of runs, page cache warm\n\n", FILENAME_LOG, size / 1e6
	printf "%-44s %9s %10s %11s\n", "tool", "wall (s)", "MB/s", "peak RSS"
	printf "%-44s %9.3f %10.1f %11s\n", "A binprime events --format=json", best("json"), mbps("json", size), rss("json")
	printf "%-44s %9.3f %10.1f %11s\n", "B binprime events --count", best("count"), mbps("count", size), rss("count")
	printf "%-44s %9.3f %10.1f %11s\n", "C mariadb-binlog -vv (decode-rows)", best("mariadb-binlog"), mbps("mariadb-binlog", size), rss("mariadb-binlog")
	printf "%-44s %9.3f %10.1f %11s\n", "D binprime events --count, file x5", best("count-5x"), mbps("count-5x", 5 * size), rss("count-5x")
	printf "%-44s %9.3f %10.1f %11s\n", "E binprime analyze --sql (prefetch script)", best("analyze"), mbps("analyze", size), rss("analyze")
	rj = best("mariadb-binlog") / best("json")
	rc = best("mariadb-binlog") / best("count")
	ra = best("mariadb-binlog") / best("analyze")
	printf "\nratios: json vs mariadb-binlog %.2fx, count vs mariadb-binlog %.2fx, analyze vs mariadb-binlog %.2fx\n\n", rj, rc, ra
	printf "targets:\n"
	printf "  %-46s %10s  %s\n", "decode-only (count) >= 1000 MB/s", sprintf("%.0f MB/s", mbps("count", size)), mark(mbps("count", size) >= 1000)
	printf "  %-46s %10s  %s\n", "JSON >= 5x mariadb-binlog", sprintf("%.2fx", rj), mark(rj >= 5)
	printf "  %-46s %10s  %s\n", "analyze --sql >= 10x mariadb-binlog", sprintf("%.2fx", ra), mark(ra >= 10)
	m200 = (r["json"] > r["count"] ? r["json"] : r["count"])
	m200 = (r["analyze"] > m200 ? r["analyze"] : m200)
	if (r["json"] == "n/a") {
		printf "  %-46s %10s  %s\n", "peak RSS <= 32 MB at 200 MB (json, count, analyze)", "n/a", "n/a"
		printf "  %-46s %10s  %s\n", "peak RSS <= 32 MB at 1 GB (count x5)", "n/a", "n/a"
	} else {
		printf "  %-46s %10s  %s\n", "peak RSS <= 32 MB at 200 MB (json, count, analyze)", sprintf("%.1f MB", m200 / 1024), mark(m200 <= 32768)
		printf "  %-46s %10s  %s\n", sprintf("peak RSS <= 32 MB at %.1f GB (count x5)", 5 * size / 1e9), sprintf("%.1f MB", r["count-5x"] / 1024), mark(r["count-5x"] <= 32768)
	}
	printf "\n%s\n", miss ? miss " target(s) missed" : "all targets met"
	exit (strict && miss) ? 1 : 0
}' FILENAME_LOG="$log" "$res"

# ---- prefetch: page reads the prefetch script eliminates (BENCH_PREFETCH=0 skips) --
sh "$top/tests/bench/prefetch.sh" "$BUILD"

# ---- replay: binprime replay --concurrency 4 vs `mariadb < script` (BENCH_REPLAY=0 skips) --
if [ "${BENCH_REPLAY:-1}" != 0 ]; then
	sh "$top/tests/bench/replay.sh" "$BUILD"
fi

# ---- apply: a real replica's SQL thread, cold / with replay --follow / warm (BENCH_APPLY=0 skips) --
sh "$top/tests/bench/apply.sh" "$BUILD"
