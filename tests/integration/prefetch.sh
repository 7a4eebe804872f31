#!/bin/sh
# prefetch.sh: the prefetch scripts of `binprime analyze` against a real mariadbd.
#
#   sh tests/integration/prefetch.sh BUILD_DIR      (or the path of a binprime binary)
#
# fixtures/prefetch/harness.sh (pf_generate) loads three identical databases on a
# throwaway server (tests/server.sh), keeps a copy of the pre-workload datadir,
# and runs the workload of fixtures/prefetch/gen.py once per binlog format:
# pf_row (ROW), pf_stmt (STATEMENT), pf_mixed (MIXED), one log file each. Then,
# per log, `binprime analyze --schema DUMP --sql X.sql LOG` and:
#   (a) on a server restored from the copy, the script runs as it is
#       (`mariadb < X.sql` exits 0) and, run with --force, gives 0 errors
#       (counted exactly from the client's "ERROR ... at line N"; warnings are
#       shown, not failed); the same count for the script of --batch-trx 32;
#   (b) on the same pre-workload data, every line whose ROLE is before and INDEX
#       PRIMARY, rewritten to SELECT COUNT(*), counts exactly 1 (gen.py updates
#       and deletes only rows that existed); before on another index, and where,
#       at least 1. The ROW script must have such lines;
#   (c) page reads: on a cold server (a fresh copy of the pre-workload datadir,
#       options in harness.sh: no read-ahead, no change buffer, no buffer-pool
#       dump, O_DIRECT, a pool larger than the data) `mariadb-binlog LOG | mariadb`
#       is applied once without and once after the script; the share of
#       Innodb_buffer_pool_reads the script eliminated must be over
#       PF_FLOOR (50) percent for ROW and STATEMENT (MIXED is reported). Both
#       applies must give the tables of the original server (checksums),
#       read-ahead must not have read anything and no page may have been
#       evicted.
# The pages the apply still read after the script are listed per index.
#
# Environment: PF_SCALE (1), PF_TRX (400), PF_SEED (42), PF_FLOOR (50);
# PF_SCRIPT=reference tests gen.py's reference script instead of binprime's
# (the harness's self-test); PF_ATTRIBUTE=1 also applies each log one
# transaction at a time after the script and tells which kinds of transactions
# still read pages (about 20 s more per format); PF_KEEP=1 keeps the work
# directory. Servers run under /tmp/pf-test.*, on 127.0.0.1 and a free port;
# every one is stopped on exit. About 60 s on 2 cores.
set -u
arg=${1:?usage: sh tests/integration/prefetch.sh BUILD_DIR|BINPRIME}
top=$(cd "$(dirname "$0")/../.." && pwd -P)
if [ -d "$arg" ]; then bin=$(cd "$arg" && pwd -P)/binprime; else bin=$arg; fi
PF_SCALE=${PF_SCALE:-1} PF_TRX=${PF_TRX:-400} PF_SEED=${PF_SEED:-42}
floor=${PF_FLOOR:-50}
mode=${PF_SCRIPT:-binprime}

pass=0 fail=0 summary_done=
pf_top=$top
pf_work=$(mktemp -d /tmp/pf-test.XXXXXX)
pf_out=$pf_work/out
mkdir -p "$pf_out"
. "$top/fixtures/prefetch/harness.sh"
finish() {
	pf_cleanup
	if [ -z "$summary_done" ]; then
		fail=$((fail + 1))
		echo "FAIL: stopped early"
		echo "prefetch: $pass passed, $fail failed"
		echo "$pass passed, $fail failed"
	fi
	if [ -n "${PF_KEEP:-}" ]; then echo "work directory kept: $pf_work"; else rm -rf "$pf_work"; fi
}
trap finish EXIT
trap 'exit 1' INT TERM HUP

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
indent() { sed 's/^/    /'; }

for t in mariadb mariadb-binlog mariadb-dump mariadb-install-db python3; do
	command -v "$t" >/dev/null 2>&1 || pf_die "$t not found (make deps)"
done
if [ "$mode" = binprime ]; then
	[ -x "$bin" ] || pf_die "$bin not built"
	"$bin" analyze --help >/dev/null 2>&1 || pf_die "$bin has no analyze command"
fi

t_start=$(date +%s)
fix=$pf_work/fix
pf_generate "$fix"
echo "fixture: scale $PF_SCALE, $(pf_val statements "$fix/stats") writes in $PF_TRX transactions," \
	"$(pf_val rows "$fix/stats") rows (+$(pf_val cascaded "$fix/stats") by cascades)," \
	"datadir $(cat "$fix/snapshot.mb") MB, $(($(date +%s) - t_start)) s"

# ---- the scripts -----------------------------------------------------------------
for f in $PF_FORMATS; do
	name=${f%%:*} rest=${f#*:}
	db=${rest%%:*}
	script=$pf_work/$name.sql
	if [ "$mode" = reference ]; then
		pf_gen reference "$db" >"$script"
		ok
	elif "$bin" analyze --schema "$fix/schema-$db.sql" --sql "$script" "$fix/$name.binlog" \
		>"$pf_out/$name.analyze" 2>&1; then
		ok
	else
		bad "$name: binprime analyze exit $?: $(head -c 400 "$pf_out/$name.analyze")"
		: >"$script"
	fi
	n=$(python3 "$pf_dir/check.py" summary "$script" | pf_val statements -)
	if [ "${n:-0}" -gt 0 ]; then ok; else bad "$name: the script has no statements"; fi
	# the batched forms (IN lists) only go through check (a)
	if [ "$mode" = binprime ]; then
		if "$bin" analyze --batch-trx 32 --schema "$fix/schema-$db.sql" --sql "$pf_work/$name-b32.sql" \
			"$fix/$name.binlog" >"$pf_out/$name.analyze32" 2>&1; then
			ok
		else
			bad "$name: binprime analyze --batch-trx 32 exit $?: $(head -c 400 "$pf_out/$name.analyze32")"
			rm -f "$pf_work/$name-b32.sql"
		fi
	fi
done

# ---- (a) errors, (b) rows found, on the pre-workload data -----------------------------
ab=$pf_work/ab
mkdir -p "$ab"
cp -a "$fix/snapshot" "$ab/data"
# shellcheck disable=SC2046
pf_start "$ab" $(pf_measure_opts "$fix")
for f in $PF_FORMATS; do
	name=${f%%:*} rest=${f#*:}
	fmt=${rest#*:}
	script=$pf_work/$name.sql
	[ -s "$script" ] || continue
	if pf_sql "$ab" <"$script" >/dev/null 2>"$pf_out/$name.plain.err"; then
		ok
	else
		bad "$name: mariadb < script exits non-zero: $(grep -m1 '^ERROR' "$pf_out/$name.plain.err" | head -c 300)"
	fi
	pf_sql "$ab" --force --show-warnings -N -B <"$script" >"$pf_out/$name.force.out" 2>"$pf_out/$name.force.err"
	python3 "$pf_dir/check.py" errors "$script" "$pf_out/$name.force.err" "$pf_out/$name.force.out" >"$pf_out/$name.errors"
	errs=$(sed -n 's/^errors=\([0-9]*\).*/\1/p' "$pf_out/$name.errors")
	warns=$(sed -n 's/.* warnings=\([0-9]*\).*/\1/p' "$pf_out/$name.errors")
	echo "$fmt: $(python3 "$pf_dir/check.py" summary "$script" | pf_val statements -) statements, ${errs:-?} errors, ${warns:-?} warnings"
	if [ "${errs:-1}" = 0 ]; then ok; else bad "$name: statement errors:"; sed 1d "$pf_out/$name.errors" | indent; fi
	[ "${warns:-0}" = 0 ] || sed 1d "$pf_out/$name.errors" | grep -v '^  ERROR' | indent
	b32=$pf_work/$name-b32.sql
	if [ -s "$b32" ]; then
		pf_sql "$ab" --force --show-warnings -N -B <"$b32" >"$pf_out/$name-b32.force.out" 2>"$pf_out/$name-b32.force.err"
		python3 "$pf_dir/check.py" errors "$b32" "$pf_out/$name-b32.force.err" "$pf_out/$name-b32.force.out" >"$pf_out/$name-b32.errors"
		errs=$(sed -n 's/^errors=\([0-9]*\).*/\1/p' "$pf_out/$name-b32.errors")
		echo "$fmt --batch-trx 32: $(python3 "$pf_dir/check.py" summary "$b32" | pf_val statements -) statements, ${errs:-?} errors"
		if [ "${errs:-1}" = 0 ]; then ok; else bad "$name --batch-trx 32: statement errors:"; sed 1d "$pf_out/$name-b32.errors" | indent; fi
	fi
	python3 "$pf_dir/check.py" hits "$script" >"$pf_out/$name.hits.sql"
	pf_sql "$ab" --force -N -B <"$pf_out/$name.hits.sql" >"$pf_out/$name.hits.out" 2>"$pf_out/$name.hits.err"
	if python3 "$pf_dir/check.py" hits-report "$script" "$pf_out/$name.hits.out" >"$pf_out/$name.hits"; then
		ok
	else
		bad "$name: lookups of rows that existed do not find them:"
	fi
	indent <"$pf_out/$name.hits"
	pk=$(sed -n 's/^pk-before: \([0-9]*\) lines.*/\1/p' "$pf_out/$name.hits")
	if [ "$name" = row ]; then
		if [ "${pk:-0}" -gt 0 ]; then ok; else bad "row: no PRIMARY/before lines in the ROW script"; fi
	fi
done
pf_stop "$ab"
rm -rf "$ab"

# ---- (c) page reads during the apply, cold and after the script ------------------------
for f in $PF_FORMATS; do
	name=${f%%:*} rest=${f#*:}
	db=${rest%%:*} fmt=${rest#*:}
	script=$pf_work/$name.sql
	[ -s "$script" ] || continue
	pf_measure "$fix" "$name-cold" "$db" "$fix/$name.binlog" -
	pf_measure "$fix" "$name-warm" "$db" "$fix/$name.binlog" "$script"
	cold=$pf_out/$name-cold.res warm=$pf_out/$name-warm.res
	c=$(pf_val reads "$cold") w=$(pf_val reads "$warm")
	share=$(pf_share "$c" "$w")
	echo "$fmt: page reads during the apply: cold $c, after the script $w: $share% eliminated" \
		"(script $(pf_val script_ms "$warm") ms; apply $(pf_val apply_ms "$cold") ms cold," \
		"$(pf_val apply_ms "$warm") ms after the script)"
	for r in "$cold" "$warm"; do
		run=$(basename "$r" .res)
		if [ "$(pf_val checksum "$r")" = ok ]; then ok; else bad "$run: the tables after the apply differ from the original server's"; fi
		ra=$(( $(pf_val read_ahead "$r") + $(pf_val read_ahead_rnd "$r") ))
		if [ "$ra" = 0 ] && [ "$(pf_val evicted "$r")" = 0 ]; then
			ok
		else
			bad "$run: measurement disturbed: read-ahead $ra pages, $(pf_val evicted "$r") pages evicted"
		fi
	done
	if [ "$name" = mixed ]; then
		:
	elif awk -v s="$share" -v f="$floor" 'BEGIN { exit !(s != "n/a" && s + 0 > f + 0) }'; then
		ok
	else
		bad "$fmt: only $share% of the page reads eliminated (floor $floor%)"
	fi
	python3 "$pf_dir/check.py" pages "$fix/snapshot" "$pf_out/$name-warm.spaces" \
		"$pf_out/$name-warm.before" "$pf_out/$name-warm.after" \
		"$pf_out/$name-cold.before" "$pf_out/$name-cold.after" 12 | indent
	if [ -n "${PF_ATTRIBUTE:-}" ]; then
		PF_ATTRIBUTE=1 pf_measure "$fix" "$name-attr" "$db" "$fix/$name.binlog" "$script"
		sed '/^first transactions/,$d' "$pf_out/$name-attr.attr" | indent
	fi
done

echo "prefetch ($mode script, scale $PF_SCALE, $PF_TRX transactions): $(($(date +%s) - t_start)) s"
summary_done=1
echo "prefetch: $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
