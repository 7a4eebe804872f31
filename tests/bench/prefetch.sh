#!/bin/sh
# prefetch.sh: how many of the page reads of a replica's apply the prefetch
# script of `binprime analyze` eliminates (make bench, after bench.sh).
#
#   sh tests/bench/prefetch.sh BUILD_DIR
#
# The fixture of tests/integration/prefetch.sh at a larger scale
# (fixtures/prefetch/harness.sh: pf_generate): three identical databases, the
# point-write workload of fixtures/prefetch/gen.py logged once as ROW, once as
# STATEMENT, once as MIXED, and a copy of the pre-workload datadir. It is cached
# in BUILD_DIR/bench/prefetch/ (regenerated when gen.py, schema.sql,
# pf_generate in harness.sh, the scale or the server version change). Then, per log, each run on a cold
# server restored from the copy (no read-ahead, no change buffer, no buffer-pool
# dump, O_DIRECT, a pool larger than the data):
#   cold        mariadb-binlog LOG | mariadb, nothing before it
#   binprime    binprime analyze --schema DUMP --sql X.sql LOG; mariadb < X.sql; then the apply
#   batch-32    the same with --batch-trx 32
#   reference   gen.py's reference script (it knows every key and every cascaded row:
#               what a prefetcher working from the log could at best reach)
# and prints per format and run: writes, statements of the script, page reads
# (Innodb_buffer_pool_reads) during the apply, the share eliminated against the
# cold apply, the script's run time and the apply's; then where the pages the
# apply still read after the binprime script belong (check.py pages), and the
# targets: >= 95% for ROW, >= 90% for STATEMENT.
#
# Environment: PF_BENCH_SCALE (10: 200,000 customers, 500,000 orders, about
# 1,000,000 order items per database), PF_BENCH_TRX (4000), PF_SEED (42),
# PF_ATTRIBUTE=1 (also apply each log one transaction at a time after the
# binprime script and tell which kinds of transactions still read pages; slow),
# BENCH_STRICT=1 (exit 1 when a target is missed), BENCH_PREFETCH=0 (do
# nothing: bench.sh calls this script last). Servers run under
# /tmp/pf-bench.*, on 127.0.0.1 and a free port, and are always stopped. The
# first run takes a few minutes more to build the fixture.
set -eu
[ "${BENCH_PREFETCH:-1}" = 0 ] && exit 0
BUILD=${1:?usage: sh tests/bench/prefetch.sh BUILD_DIR}
top=$(cd "$(dirname "$0")/../.." && pwd -P)
BUILD=$(cd "$BUILD" && pwd -P)
bin=$BUILD/binprime
[ -x "$bin" ] || { echo "bench prefetch: $bin not built (make)" >&2; exit 1; }
"$bin" analyze --help >/dev/null 2>&1 || { echo "bench prefetch: $bin has no analyze command" >&2; exit 1; }
PF_SCALE=${PF_BENCH_SCALE:-10} PF_TRX=${PF_BENCH_TRX:-4000} PF_SEED=${PF_SEED:-42}

pf_top=$top
pf_work=$(mktemp -d /tmp/pf-bench.XXXXXX)
pf_out=$pf_work/out
mkdir -p "$pf_out"
. "$top/fixtures/prefetch/harness.sh"
trap 'pf_cleanup; rm -rf "$pf_work"' EXIT
trap 'exit 1' INT TERM HUP

cache=$BUILD/bench/prefetch
key=$({ cat "$pf_dir/gen.py" "$pf_dir/schema.sql"; sed -n '/^pf_generate()/,/^}/p' "$pf_dir/harness.sh"
	echo "$PF_SCALE $PF_TRX $PF_SEED"; mariadbd --version 2>/dev/null || /usr/sbin/mariadbd --version; } | cksum | cut -d' ' -f1)
if [ ! -d "$cache/snapshot" ] || [ "$(cat "$cache/key" 2>/dev/null)" != "$key" ]; then
	echo "bench prefetch: building the fixture (scale $PF_SCALE, $PF_TRX transactions) in $cache" >&2
	t0=$(date +%s)
	rm -rf "$cache"
	mkdir -p "$(dirname "$cache")"
	pf_generate "$pf_work/fix"
	mv "$pf_work/fix" "$cache.tmp"
	echo "$key" >"$cache.tmp/key"
	mv "$cache.tmp" "$cache"
	echo "bench prefetch: fixture built in $(($(date +%s) - t0)) s" >&2
fi
fix=$cache

# a snapshot of the binary: a rebuild of the tree while we run does not matter
cp "$bin" "$pf_work/binprime"
bin=$pf_work/binprime

res=$pf_out/table
: >"$res"
for f in $PF_FORMATS; do
	name=${f%%:*} rest=${f#*:}
	db=${rest%%:*} fmt=${rest#*:}
	log=$fix/$name.binlog
	"$bin" analyze --schema "$fix/schema-$db.sql" --sql "$pf_work/$name-binprime.sql" "$log" >"$pf_out/$name.analyze" \
		2>&1 || { echo "bench prefetch: binprime analyze $log failed: $(head -c 300 "$pf_out/$name.analyze")" >&2; exit 1; }
	"$bin" analyze --batch-trx 32 --schema "$fix/schema-$db.sql" --sql "$pf_work/$name-batch-32.sql" "$log" >"$pf_out/$name.analyze32" \
		2>&1 || { echo "bench prefetch: binprime analyze --batch-trx 32 $log failed: $(head -c 300 "$pf_out/$name.analyze32")" >&2; exit 1; }
	pf_gen reference "$db" >"$pf_work/$name-reference.sql"
	writes=$(sed -n 's/^# writes: \([0-9]*\).*/\1/p' "$pf_out/$name.analyze")
	echo "bench prefetch: $fmt: cold apply" >&2
	pf_measure "$fix" "$name-cold" "$db" "$log" -
	cold=$(pf_val reads "$pf_out/$name-cold.res")
	echo "$fmt cold ${writes:-?} - $cold $cold 0 $(pf_val apply_ms "$pf_out/$name-cold.res") $(pf_val checksum "$pf_out/$name-cold.res") $(pf_val evicted "$pf_out/$name-cold.res") 0" >>"$res"
	for s in binprime batch-32 reference; do
		echo "bench prefetch: $fmt: $s script, then the apply" >&2
		pf_measure "$fix" "$name-$s" "$db" "$log" "$pf_work/$name-$s.sql"
		r=$pf_out/$name-$s.res
		n=$(python3 "$pf_dir/check.py" summary "$pf_work/$name-$s.sql" | pf_val statements -)
		echo "$fmt $s ${writes:-?} $n $cold $(pf_val reads "$r") $(pf_val script_ms "$r") $(pf_val apply_ms "$r") $(pf_val checksum "$r") $(pf_val evicted "$r") $(pf_val script_errors "$r")" >>"$res"
	done
	if [ -n "${PF_ATTRIBUTE:-}" ]; then
		echo "bench prefetch: $fmt: binprime script, then the apply one transaction at a time" >&2
		PF_ATTRIBUTE=1 pf_measure "$fix" "$name-attr" "$db" "$log" "$pf_work/$name-binprime.sql"
	fi
done

# ---- report -------------------------------------------------------------------------
printf '\nprefetch benchmark: scale %s (datadir %s MB), %s transactions, %s statements, %s rows (+%s by cascades)\n' \
	"$PF_SCALE" "$(cat "$fix/snapshot.mb")" "$PF_TRX" "$(pf_val statements "$fix/stats")" \
	"$(pf_val rows "$fix/stats")" "$(pf_val cascaded "$fix/stats")"
# shellcheck disable=SC2016 # the backquotes are text
printf 'page reads = Innodb_buffer_pool_reads during `mariadb-binlog LOG | mariadb` on a cold server\n\n'
awk '
BEGIN { printf "%-10s %-10s %7s %11s %11s %11s %10s %10s\n", "format", "script", "writes", "statements", "page reads", "eliminated", "script s", "apply s" }
{
	if ($2 == "cold") { printf "%-10s %-10s %7s %11s %11s %11s %10s %10.2f\n", $1, "none", $3, "-", $6, "-", "-", $8 / 1000 }
	else { e = $5 > 0 ? sprintf("%.1f%%", 100 * ($5 - $6) / $5) : "n/a"
	       printf "%-10s %-10s %7s %11s %11s %11s %10.2f %10.2f\n", $1, $2, $3, $4, $6, e, $7 / 1000, $8 / 1000 }
	if ($9 != "ok") bad = bad " " $1 "/" $2
	if ($10 != 0) ev = ev " " $1 "/" $2 " (" $10 " pages)"
	if ($11 != 0) er = er " " $1 "/" $2 " (" $11 ")"
}
END {
	if (bad != "") printf "\nWARNING: tables after the apply differ from the original server in:%s\n", bad
	if (ev != "") printf "\nWARNING: pages evicted from the buffer pool (the counts are not exact):%s\n", ev
	if (er != "") printf "\nWARNING: statements of the script failed (mariadb --force):%s\n", er
}' "$res"

for f in $PF_FORMATS; do
	name=${f%%:*} rest=${f#*:}
	fmt=${rest#*:}
	printf '\n%s: pages the apply still read after the binprime script, per index (cold = without a script)\n' "$fmt"
	python3 "$pf_dir/check.py" pages "$fix/snapshot" "$pf_out/$name-binprime.spaces" \
		"$pf_out/$name-binprime.before" "$pf_out/$name-binprime.after" \
		"$pf_out/$name-cold.before" "$pf_out/$name-cold.after" 15
	[ -z "${PF_ATTRIBUTE:-}" ] || sed '/^first transactions/,$d' "$pf_out/$name-attr.attr"
done

awk -v strict="${BENCH_STRICT:-0}" '
function mark(ok) { if (!ok) miss++; return ok ? "PASS" : "MISS" }
$2 == "binprime" { e[$1] = $5 > 0 ? 100 * ($5 - $6) / $5 : 0 }
END {
	printf "\ntargets (binprime script, --batch-trx 1):\n"
	printf "  %-40s %7.1f%%  %s\n", "ROW: page reads eliminated >= 95%", e["ROW"], mark(e["ROW"] >= 95)
	printf "  %-40s %7.1f%%  %s\n", "STATEMENT: page reads eliminated >= 90%", e["STATEMENT"], mark(e["STATEMENT"] >= 90)
	printf "\n%s\n", miss ? miss " target(s) missed" : "all targets met"
	exit (strict && miss) ? 1 : 0
}' "$res"
