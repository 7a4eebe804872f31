#!/bin/sh
# analyze.sh: `binprime analyze` end to end, without a server (the server
# checks are in prefetch.sh).
#
#  1. Every fixture log (fixtures/binlog/*.bin) with the fixture schemas: exit 0,
#     the script is a header of read-only SET lines then only single-SELECT lines
#     (checked here with a separate, simple scanner, not binprime's own check),
#     each with a /* FILE:POS GTID CLASS INDEX ROLE TIME */ comment whose FILE:POS is
#     an event of that log (`binprime events --format=json` lists them), and the
#     summary's row-change count equals the rows `events --count` decodes.
#  2. The same logs with --batch-trx 8: fewer or as many statements, every key of
#     the unbatched script still present in some IN list or equality.
#  3. Options: a bad --max-selectivity is a usage error (exit 1), --sql - writes
#     the script to stdout and the summary to stderr, --quiet prints nothing else.
#  4. Every log of the shared corpus (when ../shared/fixtures/real exists) and of
#     mariadb-test-data: analyze without a schema ends with status < 5 (no crash,
#     no internal error) and writes only SELECT lines.
#
# Usage: analyze.sh BINPRIME [CORPUS_DIR]   Prints "N passed, N failed".
set -u
bin=$1
corpus=${2:-}
top=$(cd "$(dirname "$0")/../.." && pwd)
fx=${BP_FIXTURES:-$top/fixtures}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

schemas=""
for s in "$fx"/schema/*.sql; do schemas="$schemas --schema $s"; done

# Lines that are not comments, blank, or the read-only header, and are not one
# SELECT with a trailing comment: printed (empty output = all good).
check_lines() {
	awk '
	/^--/ || /^$/ { next }
	/^SET SESSION TRANSACTION READ ONLY;$/ || /^SET NAMES utf8mb4;$/ || /^SET SESSION time_zone = .\+00:00.;$/ {
		if (seen_select) print "header line after a SELECT: " $0
		next
	}
	{
		seen_select = 1
		line = $0
		if (line !~ /^SELECT /) { print "not a SELECT: " line; next }
		if (line !~ /; \/\* [^ ]+ [^ ]+ [a-z-]+ [^ ]+ [a-z-]+ [0-9]+ \*\/$/) { print "bad comment: " line; next }
		# outside quoted text: one ";" (the end), no INTO / FOR UPDATE / LOCK
		s = line; sub(/ \/\* [^*]*\*\/$/, "", s)
		out = ""; q = ""
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (q != "") { if (c == q) q = ""; continue }
			if (c == "\047" || c == "`") { q = c; continue }
			out = out c
		}
		if (gsub(/;/, ";", out) != 1 || out !~ /;$/) print "not one statement: " line
		u = toupper(out)
		if (u ~ / INTO | FOR UPDATE| LOCK IN | FOR SHARE|@/) print "forbidden word: " line
	}' "$1"
}

for log in "$fx"/binlog/*.bin; do
	name=$(basename "$log")
	# shellcheck disable=SC2086
	if "$bin" analyze $schemas --sql "$tmp/s.sql" "$log" >"$tmp/sum" 2>"$tmp/err"; then ok; else
		bad "$name: exit $?: $(tail -n 2 "$tmp/err")"
		continue
	fi
	problems=$(check_lines "$tmp/s.sql")
	if [ -z "$problems" ]; then ok; else bad "$name: $(echo "$problems" | head -n 3)"; fi
	# every FILE:POS names an event of the log, and TIME is that event's timestamp
	"$bin" events --format=json "$log" 2>/dev/null |
		python3 -c 'import json,sys
ps=set()
for l in sys.stdin:
    e=json.loads(l); ps.add("%d %d" % (e.get("payload_pos") or e["pos"], e["timestamp"]))
print("\n".join(sorted(ps)))' >"$tmp/pos"
	sed -n 's/.* \/\* [^:]*:\([0-9]*\)[ .].* \([0-9]*\) \*\/$/\1 \2/p' "$tmp/s.sql" | sort -u >"$tmp/used"
	missing=$(grep -vxF -f "$tmp/pos" "$tmp/used" | head -n 3)
	if [ -s "$tmp/used" ] && [ -z "$missing" ]; then ok; else bad "$name: comment positions/times not events: $missing"; fi
	# row changes counted = rows decoded
	rows=$("$bin" events --count "$log" 2>/dev/null | sed -n 's/.*\trows=\([0-9]*\).*/\1/p' | head -n 1)
	changes=$(sed -n 's/^# writes: [0-9]* (\([0-9]*\) row changes.*/\1/p' "$tmp/sum")
	if [ "$rows" = "$changes" ]; then ok; else bad "$name: $changes row changes, events --count says $rows rows"; fi
	# batching keeps every key
	# shellcheck disable=SC2086
	"$bin" analyze -q $schemas --batch-trx 8 --sql "$tmp/b.sql" "$log" 2>/dev/null
	n1=$(grep -c '^SELECT' "$tmp/s.sql")
	n2=$(grep -c '^SELECT' "$tmp/b.sql")
	problems=$(check_lines "$tmp/b.sql")
	if [ "$n2" -le "$n1" ] && [ -z "$problems" ]; then ok; else bad "$name: batched $n2 > $n1 lines, or: $problems"; fi
	python3 - "$tmp/s.sql" "$tmp/b.sql" >"$tmp/lost" <<'EOF'
import re, sys
single = [l for l in open(sys.argv[1]) if l.startswith("SELECT")]
batched = open(sys.argv[2]).read()
lost = 0
for l in single:
    m = re.match(r"SELECT (?:1|COUNT\(\*\)) FROM (\S+) FORCE INDEX\((`[^`]*`)\) WHERE (.*); /\*", l)
    if not m or " IS NULL" in m.group(3):
        continue          # WHERE-derived reads and NULL keys are never batched
    table, index, where = m.groups()
    vals = [v.split(" = ", 1)[1] for v in where.split(" AND ")]
    key = vals[0] if len(vals) == 1 else "(" + ",".join(vals) + ")"
    lines = [b for b in batched.splitlines() if f"FROM {table} FORCE INDEX({index})" in b]
    if not any(f"({key}," in b or f",{key}," in b or f",{key})" in b or f"({key})" in b or f"= {key};" in b for b in lines):
        lost += 1
        print("lost:", l.strip()[:160])
print(lost)
EOF
	if [ "$(tail -n 1 "$tmp/lost")" = 0 ]; then ok; else bad "$name: batching lost keys: $(head -n 2 "$tmp/lost")"; fi
done

# options
log=$fx/binlog/mariadb-10.11-row-dml.bin
"$bin" analyze --max-selectivity 150 --sql /dev/null "$log" >/dev/null 2>&1
if [ $? -eq 1 ]; then ok; else bad "--max-selectivity 150 should be a usage error"; fi
# shellcheck disable=SC2086
"$bin" analyze $schemas --sql - "$log" >"$tmp/out" 2>"$tmp/err"
if head -n 1 "$tmp/out" | grep -q '^-- binprime' && grep -q '^# writes:' "$tmp/err" && ! grep -q '^# writes' "$tmp/out"; then ok; else
	bad "--sql -: script on stdout, summary on stderr"; fi
# shellcheck disable=SC2086
"$bin" analyze -q $schemas --sql "$tmp/q.sql" "$log" >"$tmp/out" 2>"$tmp/err"
if [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]; then ok; else bad "--quiet printed something"; fi
"$bin" analyze --sql "$tmp/x.sql" /nonexistent.bin >/dev/null 2>&1
if [ $? -eq 3 ]; then ok; else bad "a missing log should exit 3"; fi

# every real log: no crash, only SELECTs
for dir in "$corpus" /usr/share/mariadb/mariadb-test/std_data /usr/share/mysql/mysql-test/std_data; do
	[ -n "$dir" ] && [ -d "$dir" ] || continue
	n=0 crashed=0
	for f in $(find "$dir" -type f \( -name '*bin*' -o -name '*.0*' -o -name '*relay*' \) -size -64M | sort); do
		case $f in *.tsv|*.md|*.index|*.cnf|*.opt|*.result|*.test|*.inc|*.sql|*.txt) continue ;; esac
		n=$((n + 1))
		timeout 120 "$bin" analyze -q --on-error=skip --sql "$tmp/c.sql" "$f" >/dev/null 2>&1
		rc=$?
		if [ $rc -ge 5 ]; then
			crashed=$((crashed + 1))
			echo "FAIL: analyze $f: exit $rc"
		elif [ -s "$tmp/c.sql" ] && [ -n "$(check_lines "$tmp/c.sql")" ]; then
			crashed=$((crashed + 1))
			echo "FAIL: analyze $f: $(check_lines "$tmp/c.sql" | head -n 1)"
		fi
	done
	if [ $crashed -eq 0 ]; then ok; else fail=$((fail + crashed)); fi
	echo "analyze: $n logs of $dir"
done

echo "analyze: $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
