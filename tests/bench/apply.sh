#!/bin/sh
# apply.sh: the prefetch effect on a real replica (issue 6). How much of the
# apply time that a cold replica loses to page reads does `binprime replay
# --follow`, running the prefetch script beside the SQL thread, win back?
#
#   sh tests/bench/apply.sh BUILD_DIR        (make bench, from bench.sh)
#
# prefetch.sh counts the page reads a script warms when it runs to completion
# before the apply; this one measures the thing a user cares about: the wall
# time of a single-threaded replica SQL thread (slave_parallel_threads=0)
# applying a ROW log that does not fit in its buffer pool, with the prefetcher
# running at the same time, on the same machine, as it would in production.
#
# Fixture (built once, cached in BUILD_DIR/bench/apply/, rebuilt when the
# workload part of this script between the "workload" markers, AW_ROWS,
# AW_TRX, AW_SEED or the server version change; a few minutes):
#   a primary mariadbd (tests/server.sh, --log-bin, binlog_format=ROW,
#   server-id=1) loads 4 sysbench tables sbtest1..4 (id INT AUTO_INCREMENT
#   PK, k INT, c CHAR(120), pad CHAR(60), KEY k_1(k); AW_ROWS rows each with
#   INSERT ... SELECT FROM seq_1_to_N, the Sequence engine, not logged; k_1
#   added after the load as sysbench does): about 7 times the replica's
#   buffer pool. Slow shutdown (innodb_fast_shutdown=0) and a copy of the
#   datadir: the pre-workload snapshot. Restarted, it runs AW_TRX write
#   transactions scattered over the whole key range (each: UPDATE k = k + 1
#   by a random id, UPDATE c by a random id, and every second one a DELETE and
#   re-INSERT of a random id with a new k), logged in one binlog file; the
#   schema is dumped (mariadb-dump --no-data) for binprime. The primary's
#   datadir (tables and binlog) is kept: it is the primary of every run.
#
# The prefetch script: binprime analyze --quiet --schema DUMP --sql batch.sql
# --batch-trx 8 BINLOG.
#
# Runs: AW_ROUNDS rounds of a, b, c (alternated, so drift on a shared machine
# hits all three alike), each on a replica started from a fresh copy of the
# snapshot (server-id=2, read_only=ON, no binlog, O_DIRECT, no buffer-pool dump
# or load, page cache dropped when permitted; tests/server.sh's no-fsync
# settings, innodb_flush_log_at_trx_commit=0 and no doublewrite, as every
# server of the tests; linear read-ahead and purge as configured by default),
# replicating from the primary
# over 127.0.0.1 (root, MASTER_USE_GTID=no, from the start of the workload's
# binlog). START SLAVE IO_THREAD first and wait until the whole workload is in
# the relay log; then the timed part: START SLAVE SQL_THREAD until
# MASTER_POS_WAIT(end of the workload) returns.
#   a  cold      buffer pool AW_POOL (default 96M), nothing else
#   b  prefetch  the same, and `binprime replay --follow -c 4 batch.sql` started
#                just before START SLAVE SQL_THREAD: it follows the replica's
#                @@gtid_slave_pos and keeps its statements 1..300 transactions
#                (--min-ahead, --max-ahead; AW_MAX_AHEAD sets the latter)
#                ahead of the apply, dropping those that are late. Skipped,
#                and said so, when the binary has no `replay --follow`.
#   c  warm      the honest upper bound: a pool larger than the data
#                (datadir * 1.25 + 256 MB), every table read whole into it
#                (clustered index and k_1) before the apply. With the small
#                pool of a and b "warm" cannot mean more than the last pages
#                read, which is not a bound at all.
# Measured per run: the apply's wall time; Innodb_buffer_pool_reads from just
# before START SLAVE SQL_THREAD to just after the wait (every thread: in b the
# prefetcher's reads are in it, and purge's in all runs); the pages the SQL
# thread itself read from disk (read_bytes of /proc/PID/task/TID/io, TID from
# PROCESSLIST, in 16 KiB pages: with O_DIRECT every page that thread had to
# wait for the disk for, the reads b exists to take away from it); its time on
# a CPU and waiting for one (/proc/PID/task/TID/schedstat: the rest of the
# apply it was blocked, on its reads or on other threads); mariadbd's CPU time
# (/proc/PID/stat). After each run CHECKSUM TABLE of every table must equal
# the primary's, else the bench fails.
#
# Printed: each run, then the medians, the ratios a/b and a/c and the share of
# the a -> c gap that b recovers, (a - b) / (a - c), for the time and for the
# page reads; target (issue 6): b recovers >= 50% of the apply-time gap
# (BENCH_STRICT=1: exit 1 on a miss). The raw figures are kept in
# BUILD_DIR/bench/apply-last-results.txt.
#
# Environment: AW_ROWS (rows per table, 750000: 705 MB of tables), AW_TRX
# (30000), AW_ROUNDS (5), AW_POOL (replica buffer pool of a and b, 96M),
# AW_SEED (42); for tuning the prefetcher: AW_MAX_AHEAD (replay --max-ahead),
# AW_CONCURRENCY (replay -c, 4), AW_REPLAY_OPTS (more replay options, e.g.
# --follow-interval=10), AW_RUNS (the runs of a round, "a b c"; "a b" is
# quicker); AW_TIMEOUT (the longest wait for the relay log or an apply, 1800 s),
# BENCH_STRICT, BENCH_APPLY=0 (do nothing). Servers run under /tmp/bp-apply.*,
# on 127.0.0.1 and free ports, and are always stopped; the work directory is
# removed. At the default scale the fixture takes about 70 s to build and a
# run about 10 minutes (each of the 15 replicas copies 900 MB, applies, and
# checksums 700 MB).
set -u
[ "${BENCH_APPLY:-1}" = 0 ] && exit 0
BUILD=${1:?usage: sh tests/bench/apply.sh BUILD_DIR}
top=$(cd "$(dirname "$0")/../.." && pwd -P)
self=$top/tests/bench/apply.sh
BUILD=$(cd "$BUILD" && pwd -P) || exit 1
bin=$BUILD/binprime
[ -x "$bin" ] || { echo "bench apply: $bin not built (make)" >&2; exit 1; }
"$bin" replay --help >/dev/null 2>&1 || { echo "bench apply: $bin has no replay command" >&2; exit 1; }
AW_ROWS=${AW_ROWS:-750000} AW_TRX=${AW_TRX:-30000} AW_ROUNDS=${AW_ROUNDS:-5}
AW_POOL=${AW_POOL:-96M} AW_SEED=${AW_SEED:-42} AW_MAX_AHEAD=${AW_MAX_AHEAD:-}
AW_RUNS=${AW_RUNS:-a b c} AW_CONCURRENCY=${AW_CONCURRENCY:-4} AW_REPLAY_OPTS=${AW_REPLAY_OPTS:-}
AW_TIMEOUT=${AW_TIMEOUT:-1800} # seconds: the longest wait for a relay log or an apply

server=$top/tests/server.sh
work=$(mktemp -d /tmp/bp-apply.XXXXXX) || exit 1
out=$work/out
mkdir -p "$out"
running=''
rpid=''
dropped=yes
die() { echo "bench apply: $*" >&2; exit 1; }
note() { echo "bench apply: $*" >&2; }
# (POSIX sh has no local variables: each function has its own prefix)
srv_start() {
	_sd=$1
	shift
	mkdir -p "$_sd"
	running="$running $_sd"
	sh "$server" start "$_sd" "$@" 2>"$_sd.start.log" || { cat "$_sd.start.log" >&2; die "the server in $_sd did not start"; }
}
srv_stop() {
	sh "$server" stop "$1" >/dev/null 2>&1 || true
	_sk=
	for _sx in $running; do [ "$_sx" = "$1" ] || _sk="$_sk $_sx"; done
	running=$_sk
}
cleanup() {
	[ -z "$rpid" ] || kill -KILL "$rpid" 2>/dev/null
	for _cx in $running; do sh "$server" stop "$_cx" >/dev/null 2>&1 || true; done
	running=
}
trap 'trap "" INT TERM HUP; cleanup; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP
sql() {
	_qd=$1
	shift
	mariadb --defaults-file="$_qd/my.cnf" --batch --skip-column-names "$@"
}
now() { date +%s%N; }

# ---- workload: the text from here to "end of workload" is part of the cache key ----
AW_TABLES="1 2 3 4"
AW_LOG_SIZE=128M
# The primary's options (--log-bin=bin: the binlog and its index live in the
# datadir, with relative names, so the datadir can be moved).
aw_primary_opts="--server-id=1 --log-bin=bin --binlog-format=ROW --max-binlog-size=1G
	--innodb-log-file-size=$AW_LOG_SIZE"

# The tables and their rows, not logged: the replicas start from a copy.
aw_load() {
	echo "SET SESSION sql_log_bin = 0; CREATE DATABASE sbtest; USE sbtest;"
	for _lt in $AW_TABLES; do
		cat <<EOF
CREATE TABLE sbtest$_lt (id INT NOT NULL AUTO_INCREMENT, k INT NOT NULL DEFAULT 0,
  c CHAR(120) NOT NULL DEFAULT '', pad CHAR(60) NOT NULL DEFAULT '', PRIMARY KEY (id)) ENGINE=InnoDB;
INSERT INTO sbtest$_lt (id, k, c, pad) SELECT seq, FLOOR(1 + RAND($_lt) * $AW_ROWS),
  LEFT(CONCAT(MD5(seq * 8 + $_lt), MD5(seq * 8 + $_lt + 4), MD5(-seq * 8 - $_lt), MD5(-seq * 8 - $_lt - 4)), 119),
  LEFT(CONCAT(MD5(seq * 8 + $_lt + 2), MD5(seq * 8 + $_lt + 6)), 59)
  FROM seq_1_to_$AW_ROWS;
ALTER TABLE sbtest$_lt ADD KEY k_1 (k);
ANALYZE TABLE sbtest$_lt;
EOF
	done
}

# The logged workload: AW_TRX transactions of point writes at random ids over
# the whole key range (the values are sysbench's: groups of 11 digits).
aw_workload() {
	awk -v trx="$AW_TRX" -v rows="$AW_ROWS" -v seed="$AW_SEED" -v ntab=4 '
	function id() { return 1 + int(rand() * rows) }
	function tab() { return 1 + int(rand() * ntab) }
	function str(groups,   s, j) {
		s = sprintf("%011d", int(rand() * 1e11))
		for (j = 2; j <= groups; j++) s = s sprintf("-%011d", int(rand() * 1e11))
		return s
	}
	BEGIN {
		srand(seed)
		print "USE sbtest;"
		for (i = 1; i <= trx; i++) {
			print "BEGIN;"
			printf "UPDATE sbtest%d SET k = k + 1 WHERE id = %d;\n", tab(), id()
			printf "UPDATE sbtest%d SET c = \047%s\047 WHERE id = %d;\n", tab(), str(10), id()
			if (i % 2 == 0) {
				t = tab(); r = id()
				printf "DELETE FROM sbtest%d WHERE id = %d;\n", t, r
				printf "INSERT INTO sbtest%d (id, k, c, pad) VALUES (%d, %d, \047%s\047, \047%s\047);\n", t, r, id(), str(10), str(5)
			}
			print "COMMIT;"
		}
	}'
}

# aw_generate FIX: build the fixture in FIX (see the header).
aw_generate() {
	_g=$work/gen
	rm -rf "$_g"
	# shellcheck disable=SC2086 # option list
	srv_start "$_g" $aw_primary_opts --innodb-buffer-pool-size=1G
	aw_load | sql "$_g" >/dev/null || die "loading the tables failed"
	sql "$_g" -e 'SET GLOBAL innodb_fast_shutdown = 0' || die "cannot set innodb_fast_shutdown"
	srv_stop "$_g"
	cp -a "$_g/data" "$1/snapshot" || die "cannot copy the datadir"
	rm -f "$1/snapshot"/bin.*
	# shellcheck disable=SC2086
	srv_start "$_g" $aw_primary_opts --innodb-buffer-pool-size=1G
	sql "$_g" -e 'SHOW MASTER STATUS' | cut -f1,2 >"$1/start"
	aw_workload | sql "$_g" >/dev/null || die "the workload failed"
	sql "$_g" -e 'SHOW MASTER STATUS' | cut -f1,2 >"$1/end"
	mariadb-dump --defaults-file="$_g/my.cnf" --no-data --databases sbtest >"$1/schema.sql" ||
		die "mariadb-dump failed"
	srv_stop "$_g"
	mv "$_g/data" "$1/primary" || die "cannot move the datadir"
	rm -rf "$_g"
	du -sm "$1/snapshot" | cut -f1 >"$1/snapshot.mb"
}
# ---- end of workload ----

cache=$BUILD/bench/apply
key=$({ sed -n '/^# ---- workload/,/^# ---- end of workload/p' "$self"; echo "$AW_ROWS $AW_TRX $AW_SEED"
	mariadbd --version 2>/dev/null || /usr/sbin/mariadbd --version; } | cksum | cut -d' ' -f1)
if [ ! -d "$cache/primary" ] || [ "$(cat "$cache/key" 2>/dev/null)" != "$key" ]; then
	note "building the fixture (4 x $AW_ROWS rows, $AW_TRX transactions) in $cache"
	t0=$(date +%s)
	rm -rf "$cache" "$cache.tmp"
	mkdir -p "$cache.tmp"
	aw_generate "$cache.tmp"
	echo "$key" >"$cache.tmp/key"
	mv "$cache.tmp" "$cache" || die "cannot move the fixture to $cache"
	note "fixture built in $(($(date +%s) - t0)) s"
fi
fix=$cache
{ read -r sfile spos <"$fix/start" && read -r efile epos <"$fix/end"; } || die "no binlog positions in $fix"
[ "$sfile" = "$efile" ] || die "the workload spans binlog files $sfile..$efile (one expected)"
log=$fix/primary/$efile
data_mb=$(cat "$fix/snapshot.mb")
tables_mb=$(du -sm "$fix/snapshot/sbtest" | cut -f1)

# a snapshot of the binary: a rebuild of the tree while we run does not matter
cp "$bin" "$work/binprime"
bin=$work/binprime
follow=0
"$bin" replay --help 2>&1 | grep -q -- --follow && follow=1

"$bin" analyze --quiet --schema "$fix/schema.sql" --sql "$work/batch.sql" --batch-trx 8 "$log" \
	>"$out/analyze.log" 2>&1 || die "binprime analyze failed: $(head -c 300 "$out/analyze.log")"
nstmt=$(grep -c '^SELECT' "$work/batch.sql")

# The primary: a copy of the fixture's, serving its binlog to every replica.
psrv=$work/primary
mkdir -p "$psrv"
cp -a "$fix/primary" "$psrv/data" || die "cannot copy the primary's datadir"
# shellcheck disable=SC2086
srv_start "$psrv" $aw_primary_opts --innodb-buffer-pool-size=256M
pport=$(cat "$psrv/port")
tables=$(for t in $AW_TABLES; do printf 'sbtest.sbtest%s,' "$t"; done | sed 's/,$//')
sql "$psrv" -e "CHECKSUM TABLE $tables" >"$out/primary.sum" || die "CHECKSUM TABLE on the primary failed"
sql "$psrv" -e 'SHOW BINARY LOGS' | awk -v f="$efile" -v p="$epos" '$1 == f && $2 >= p { ok = 1 } END { exit !ok }' ||
	die "the primary does not have $efile up to $epos"
warm_pool=$(((data_mb * 5 / 4 + 256 + 127) / 128 * 128))M

# status DIR: "reads pool_bytes read_ahead" of the server in DIR
status() {
	sql "$1" -e "SELECT (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
		WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_READS'), @@innodb_buffer_pool_size,
		(SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_READ_AHEAD')"
}
# cpu DIR: CPU time (user + system) of the server in DIR so far, in ms
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$(cat "$1/pid")/stat"; }
# slave DIR FIELD: one field of SHOW SLAVE STATUS
slave() { mariadb --defaults-file="$1/my.cnf" -E -e 'SHOW SLAVE STATUS' | sed -n "s/^ *$2: //p"; }

# aw_run MODE ROUND: one measured run; appends a line to $res (its fields: below)
aw_run() {
	_m=$1 _r=$2
	_d=$work/replica
	rm -rf "$_d"
	mkdir -p "$_d"
	cp -a "$fix/snapshot" "$_d/data" || die "cannot copy the snapshot"
	sync
	{ echo 3 >/proc/sys/vm/drop_caches; } 2>/dev/null || dropped=no
	_pool=$AW_POOL
	[ "$_m" = c ] && _pool=$warm_pool
	srv_start "$_d" --server-id=2 --skip-log-bin --read-only=ON --skip-slave-start --relay-log=relay \
		--innodb-buffer-pool-size="$_pool" --innodb-flush-method=O_DIRECT --innodb-log-file-size=$AW_LOG_SIZE \
		--innodb-buffer-pool-load-at-startup=OFF --innodb-buffer-pool-dump-at-shutdown=OFF \
		--innodb-fast-shutdown=2
	# tables open, as on a running replica: dictionary pages are not counted
	for _t in $AW_TABLES; do
		sql "$_d" -e "SELECT * FROM sbtest.sbtest$_t LIMIT 0" || die "cannot open sbtest$_t"
	done
	if [ "$_m" = c ]; then
		_t0=$(now)
		for _t in $AW_TABLES; do
			sql "$_d" -e "SELECT SUM(LENGTH(c)) FROM sbtest.sbtest$_t FORCE INDEX(PRIMARY);
				SELECT COUNT(*) FROM sbtest.sbtest$_t FORCE INDEX(k_1)" >/dev/null || die "warming sbtest$_t failed"
		done
		_free=$(sql "$_d" -e "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
			WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_PAGES_FREE'")
		[ "${_free:-0}" -gt 0 ] || note "warning: the warm pool ($_pool) filled up: c is not fully warm"
		note "round $_r c: tables read into the pool in $(( ($(now) - _t0) / 1000000000 )) s, $_free pages left free"
	fi
	sql "$_d" -e "CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = $pport, MASTER_USER = 'root',
		MASTER_PASSWORD = '', MASTER_LOG_FILE = '$sfile', MASTER_LOG_POS = $spos, MASTER_USE_GTID = no;
		START SLAVE IO_THREAD" || die "CHANGE MASTER / START SLAVE IO_THREAD failed"
	# the whole workload in the relay log first: the timed part is the SQL thread alone
	_n=0
	while :; do
		_f=$(slave "$_d" Master_Log_File) _p=$(slave "$_d" Read_Master_Log_Pos)
		awk -v f="$_f" -v p="${_p:-0}" -v ef="$efile" -v ep="$epos" \
			'BEGIN { exit !(f != "" && (f > ef || (f == ef && p + 0 >= ep + 0))) }' && break
		[ "$(slave "$_d" Slave_IO_Running)" != No ] || die "$_m: the IO thread stopped: $(slave "$_d" Last_IO_Error)"
		_n=$((_n + 1))
		[ $_n -lt $((AW_TIMEOUT * 10)) ] || die "$_m: the relay log did not reach $efile:$epos in ${AW_TIMEOUT}s"
		sleep 0.1
	done
	_s0=$(status "$_d")
	_c0=$(cpu "$_d")
	if [ "$_m" = b ]; then
		# bounded: twice this round's cold apply and a minute (without a cold run,
		# AW_TIMEOUT), so it can never hang the bench
		_dur=$(sed -n "s/^$_r a \([0-9]*\) .*/\1/p" "$res" | head -n 1)
		_dur=$(( ${_dur:+$_dur * 2 / 1000 + 60}${_dur:-$AW_TIMEOUT} ))
		# shellcheck disable=SC2086 # AW_REPLAY_OPTS is a list
		"$bin" replay --follow --defaults-file="$_d/my.cnf" -c "$AW_CONCURRENCY" -q --report "$out/b-$_r.json" \
			--duration "$_dur" ${AW_MAX_AHEAD:+--max-ahead "$AW_MAX_AHEAD"} $AW_REPLAY_OPTS "$work/batch.sql" \
			>"$out/b-$_r.log" 2>&1 &
		rpid=$!
	fi
	_t0=$(now)
	_w=$(sql "$_d" -e "START SLAVE SQL_THREAD; SELECT MASTER_POS_WAIT('$efile', $epos, $AW_TIMEOUT)")
	_ms=$(( ($(now) - _t0) / 1000000 ))
	_s1=$(status "$_d")
	_c1=$(cpu "$_d")
	_tid=$(sql "$_d" -e "SELECT TID FROM information_schema.PROCESSLIST WHERE COMMAND = 'Slave_SQL'")
	_sqlr=$(sed -n 's/^read_bytes: //p' "/proc/$(cat "$_d/pid")/task/$_tid/io" 2>/dev/null)
	# its time on a CPU and waiting for one (ns): the rest of the apply it was blocked
	_sched=$(cat "/proc/$(cat "$_d/pid")/task/$_tid/schedstat" 2>/dev/null) || _sched="0 0"
	if [ -n "$rpid" ]; then
		_n=0
		while kill -0 "$rpid" 2>/dev/null && [ $_n -lt 300 ]; do sleep 0.1; _n=$((_n + 1)); done
		kill -0 "$rpid" 2>/dev/null && { note "b: replay still running 30 s after the apply: stopped"; kill -TERM "$rpid"; }
		wait "$rpid"
		_rc=$?
		echo "$_rc" >"$out/b-$_r.rc"
		rpid=
		[ "$_rc" = 0 ] || note "warning: round $_r: binprime replay exited with $_rc: $(head -c 300 "$out/b-$_r.log")"
	fi
	case $_w in
	'' | NULL | -*) die "$_m, round $_r: MASTER_POS_WAIT gave '$_w': $(slave "$_d" Last_SQL_Error)" ;;
	esac
	sql "$_d" -e "CHECKSUM TABLE $tables" >"$out/$_m-$_r.sum" || die "CHECKSUM TABLE on the replica failed"
	cmp -s "$out/primary.sum" "$out/$_m-$_r.sum" ||
		die "$_m, round $_r: the replica's tables differ from the primary's: $(diff "$out/primary.sum" "$out/$_m-$_r.sum" | tr '\n' ' ')"
	srv_stop "$_d"
	rm -rf "$_d" "$_d.start.log"
	# shellcheck disable=SC2086 # word splitting wanted
	set -- $_s0 $_s1 $_sched
	# round mode apply_ms reads sql_reads pool_bytes read_ahead sql_cpu_ms sql_cpu_wait_ms server_cpu_ms
	echo "$_r $_m $_ms $(($4 - $1)) $((${_sqlr:-0} / 16384)) $2 $(($6 - $3)) $(($7 / 1000000)) $(($8 / 1000000)) $((_c1 - _c0))" >>"$res"
	tail -n 1 "$res" | awk '{ printf "bench apply: round %s %s: apply %.2f s, %d page reads (SQL thread %d; it ran %.1f s, waited %.1f s for a CPU; server CPU %.1f s)\n",
		$1, $2, $3 / 1000, $4, $5, $8 / 1000, $9 / 1000, $10 / 1000 }' >&2
}

res=$out/res
: >"$res"
modes=$AW_RUNS
if [ $follow = 0 ]; then
	modes=$(echo "$AW_RUNS" | sed 's/b//; s/  */ /g')
	echo "b: skipped (replay --follow not built)"
fi
note "$AW_ROUNDS rounds of: $modes; $nstmt statements in the prefetch script"
t_start=$(date +%s)
r=0
while [ $r -lt "$AW_ROUNDS" ]; do
	r=$((r + 1))
	for m in $modes; do aw_run "$m" "$r"; done
done
elapsed=$(($(date +%s) - t_start))
cp "$res" "$BUILD/bench/apply-last-results.txt" 2>/dev/null

# ---- report -------------------------------------------------------------------------
if [ $follow = 1 ] && command -v python3 >/dev/null 2>&1; then
	for f in "$out"/b-*.json; do
		[ -f "$f" ] || continue
		python3 - "$f" "$(cat "${f%.json}.rc" 2>/dev/null)" <<'EOF' || true
import json, sys
r = json.load(open(sys.argv[1]))
t, f = r.get("total") or {}, r.get("follow") or {}
lead = f.get("lead") or {}
print("b, round %s: replay answered %s statements (%s errors) in %.1f s, stopped by %s, exit %s; follow: %s sent, %s late (dropped), "
      "%s overtaken, %s waited, lead p50 %s p90 %s max %s" % (
      sys.argv[1].rsplit("-", 1)[-1][:-5], t.get("count"), t.get("errors"), r.get("elapsed_seconds") or 0, r.get("stopped_by"),
      sys.argv[2], f.get("sent"), f.get("late"), f.get("overtaken"), f.get("waited"), lead.get("p50"), lead.get("p90"), lead.get("max")))
EOF
	done
fi
awk -v rows="$AW_ROWS" -v trx="$AW_TRX" -v mb="$data_mb" -v tmb="$tables_mb" -v logmb="$(($(stat -c %s "$log") / 1000000))" \
	-v warm="${warm_pool%M} MB" -v nstmt="$nstmt" -v follow="$follow" -v strict="${BENCH_STRICT:-0}" \
	-v elapsed="$elapsed" -v dropped="$dropped" \
	-v ropts="-c $AW_CONCURRENCY${AW_MAX_AHEAD:+ --max-ahead $AW_MAX_AHEAD}${AW_REPLAY_OPTS:+ $AW_REPLAY_OPTS}" -v ncpu="$(nproc 2>/dev/null || echo '?')" '
function med(m, k,   n, i, j, v, x) {
	if (!(m in cnt)) return 0
	n = cnt[m]
	for (i = 1; i <= n; i++) v[i] = val[m, k, i]
	for (i = 2; i <= n; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
	return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
function share(a, b, c) { return a - c > 0 ? sprintf("%.1f%%", 100 * (a - b) / (a - c)) : "n/a" }
function ratio(a, b) { return b > 0 ? sprintf("%.2fx", a / b) : "n/a" }
BEGIN { name["a"] = "a cold"; name["b"] = "b prefetch"; name["c"] = "c warm" }
{
	n = ++cnt[$2]; val[$2, "t", n] = $3 / 1000; val[$2, "r", n] = $4; val[$2, "s", n] = $5
	val[$2, "cpu", n] = $8 / 1000; val[$2, "wait", n] = $9 / 1000; val[$2, "srv", n] = $10 / 1000
	pool[$2] = $6; line[NR] = $0
}
END {
	printf "\napply benchmark: 4 tables x %d rows (%d MB of tables, datadir %d MB), %d transactions (binlog %d MB),\n", rows, tmb, mb, trx, logmb
	printf "%d statements in the prefetch script (--batch-trx 8)\n", nstmt
	sp = ("a" in pool) ? pool["a"] : pool["b"]
	printf "replica: one SQL thread, O_DIRECT, page cache dropped before each run: %s; a and b with a %s buffer pool\n", dropped,
		sp ? sprintf("%d MB", sp / 1048576) : "-"
	printf "(the tables are %s that), c with %s, preloaded; b: binprime replay --follow %s\n",
		sp ? sprintf("%.1fx", tmb * 1048576 / sp) : "-", warm, ropts
	printf "page reads: Innodb_buffer_pool_reads during the apply (every thread: in b the prefetcher'"'"'s too); SQL reads: the pages\n"
	printf "the SQL thread read itself; SQL cpu / cpu wait: its time on a CPU and waiting for one (the rest of the apply it\n"
	printf "was blocked: reads, latches); server cpu: all of mariadbd'"'"'s CPU time during the apply (%d cores here)\n\n", ncpu
	printf "%-6s %-11s %9s %11s %11s %9s %9s %11s\n", "round", "run", "apply s", "page reads", "SQL reads", "SQL cpu", "cpu wait", "server cpu"
	for (i = 1; i <= NR; i++) {
		split(line[i], f, " ")
		printf "%-6s %-11s %9.2f %11d %11d %9.1f %9.1f %11.1f\n", f[1], name[f[2]], f[3] / 1000, f[4], f[5], f[8] / 1000, f[9] / 1000, f[10] / 1000
	}
	printf "\n"
	split("a b c", ms, " ")
	for (i = 1; i <= 3; i++) {
		m = ms[i]
		if (!(m in cnt)) { if (m == "b") printf "%-6s %-11s %9s\n", "median", name[m], "skipped (replay --follow not built)"; continue }
		printf "%-6s %-11s %9.2f %11d %11d %9.1f %9.1f %11.1f\n", "median", name[m], med(m, "t"), med(m, "r"), med(m, "s"),
			med(m, "cpu"), med(m, "wait"), med(m, "srv")
	}
	ok = 1
	a = med("a", "t"); b = med("b", "t"); c = med("c", "t")
	printf "\nratios: a/b %s, a/c %s\n", ("a" in cnt) ? ratio(a, b) : "n/a", ("c" in cnt) ? ratio(a, c) : "n/a"
	if (!("b" in cnt)) {
		printf "\ntarget (b recovers >= 50%% of the cold -> warm apply time gap): n/a, %s\n",
			follow ? "no b run" : "b skipped (replay --follow not built)"
	} else if (!("a" in cnt) || !("c" in cnt)) {
		printf "\ntarget (b recovers >= 50%% of the cold -> warm apply time gap): n/a, it needs a and c runs\n"
	} else {
		printf "share of the a -> c gap that b recovers, (a - b) / (a - c): time %s, page reads %s, SQL thread page reads %s\n",
			share(a, b, c), share(med("a", "r"), med("b", "r"), med("c", "r")), share(med("a", "s"), med("b", "s"), med("c", "s"))
		g = a - c > 0 ? 100 * (a - b) / (a - c) : 0
		ok = g >= 50
		printf "\ntarget: b recovers >= 50%% of the cold -> warm apply time gap: %.1f%%  %s\n", g, ok ? "PASS" : "MISS"
	}
	printf "bench apply: %d s for %d runs\n", elapsed, NR
	exit (strict && !ok) ? 1 : 0
}' "$res"
