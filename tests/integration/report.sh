#!/bin/sh
# report.sh: `binprime analyze --report` (binprime-report/1).
#
#  1. Every fixture log with the fixture schemas: the report validates against
#     share/report.schema.json (python3 jsonschema, draft 2020-12), and its
#     totals agree with themselves (writes = row changes + statements = the sum
#     over classes = full + partial + none).
#  2. The row-based fixture logs: per table, the inserts, updates and deletes of
#     the report equal the rows `mariadb-binlog -v` prints (### INSERT INTO /
#     ### UPDATE / ### DELETE FROM `db`.`table`), counted here.
#  3. Verdicts, on two logs recorded here from a throwaway mariadbd: inserts at
#     the auto-increment tail only -> poor-fit; scattered single-row updates by
#     primary key of a table larger than what they touch -> good-fit.
#
# Usage: report.sh BINPRIME   Prints "N passed, N failed".
set -u
bin=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
fx=${BP_FIXTURES:-$top/fixtures}
tmp=$(mktemp -d /tmp/bp-report.XXXXXX)
srv=$tmp/srv
cleanup() {
	sh "$top/tests/server.sh" stop "$srv" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
MBINLOG=$(command -v mariadb-binlog || command -v mysqlbinlog || true)

schemas=""
for s in "$fx"/schema/*.sql; do schemas="$schemas --schema $s"; done

validate() { # REPORT: prints problems, nothing when valid and consistent
	python3 - "$top/share/report.schema.json" "$1" <<'EOF'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
rep = json.load(open(sys.argv[2]))
v = jsonschema.Draft202012Validator(schema)
for e in sorted(v.iter_errors(rep), key=lambda e: list(e.path))[:3]:
    print("schema:", "/".join(map(str, e.path)), e.message[:200])
t = rep["totals"]
p = t["prefetchable"]
if t["writes"] != t["row_changes"] + t["statements"]:
    print("writes != row_changes + statements")
if t["writes"] != p["full"] + p["partial"] + p["none"]:
    print("writes != full + partial + none")
rp = t["row_changes_prefetchable"]
if t["row_changes"] != rp["full"] + rp["partial"] + rp["none"]:
    print("row_changes != their full + partial + none")
if t["writes"] != sum(c["writes"] for c in rep["classes"]):
    print("writes != sum over classes")
if t["row_changes"] > sum(x["row_changes"] for x in rep["tables"]) or \
        sum(x["writes"] for x in rep["tables"]) > t["writes"]:
    print("per-table writes do not add up")
if t["index_entries"]["warmed"] > t["index_entries"]["touched"]:
    print("more entries warmed than touched")
EOF
}

for log in "$fx"/binlog/*.bin; do
	name=$(basename "$log")
	# shellcheck disable=SC2086
	"$bin" analyze -q $schemas --report "$tmp/r.json" "$log" 2>/dev/null
	problems=$(validate "$tmp/r.json")
	if [ -z "$problems" ]; then ok; else bad "$name: $problems"; fi
done

# 2. per-table row counts vs mariadb-binlog -v
if [ -n "$MBINLOG" ]; then
	for name in row-dml row-types row-minimal row-full-metadata row-compressed demo; do
		log=$fx/binlog/mariadb-10.11-$name.bin
		[ -f "$log" ] || continue
		# shellcheck disable=SC2086
		"$bin" analyze -q $schemas --report "$tmp/r.json" "$log" 2>/dev/null
		"$MBINLOG" -v --base64-output=decode-rows "$log" 2>/dev/null |
			sed -n 's/^### \(INSERT INTO\|UPDATE\|DELETE FROM\) `\([^`]*\)`\.`\([^`]*\)`$/\1 \2.\3/p' |
			sed 's/^INSERT INTO/I/; s/^UPDATE/U/; s/^DELETE FROM/D/' | sort | uniq -c |
			awk '{ print $3, $2, $1 }' | sort >"$tmp/want"
		python3 - "$tmp/r.json" >"$tmp/got" <<'EOF'
import json, sys
rep = json.load(open(sys.argv[1]))
for t in rep["tables"]:
    for k, f in (("I", "inserts"), ("U", "updates"), ("D", "deletes")):
        if t[f]:
            print(f'{t["db"]}.{t["table"]} {k} {t[f]}')
EOF
		sort -o "$tmp/got" "$tmp/got"
		if cmp -s "$tmp/want" "$tmp/got"; then ok; else
			bad "$name: rows per table differ from mariadb-binlog -v: $(diff "$tmp/want" "$tmp/got" | head -n 4 | tr '\n' ' ')"
		fi
	done
fi

# 3. verdicts on logs recorded here
if [ -x "${MARIADBD:-/usr/sbin/mariadbd}" ]; then
	mkdir -p "$srv/binlog"
	if sh "$top/tests/server.sh" start "$srv" --log-bin="$srv/binlog/bin" --binlog-format=ROW >/dev/null 2>&1; then
		cli() { mariadb --defaults-file="$srv/my.cnf" -N "$@"; }
		cli -e "CREATE DATABASE v; CREATE TABLE v.seq (id INT AUTO_INCREMENT PRIMARY KEY, payload VARCHAR(40));
			CREATE TABLE v.hot (id INT PRIMARY KEY, n INT, note VARCHAR(40));
			USE v; INSERT INTO hot SELECT seq, 0, 'x' FROM seq_1_to_20000; FLUSH BINARY LOGS;"
		{
			i=0
			while [ $i -lt 400 ]; do
				echo "INSERT INTO v.seq (payload) VALUES ('row $i');"
				i=$((i + 1))
			done
			echo "FLUSH BINARY LOGS;"
			# scattered single-row updates by primary key (a fixed LCG, so the log is the same every run)
			x=7
			i=0
			while [ $i -lt 400 ]; do
				x=$(((x * 1103515245 + 12345) % 2147483648))
				echo "UPDATE v.hot SET n = n + 1 WHERE id = $((x % 20000 + 1));"
				i=$((i + 1))
			done
			echo "FLUSH BINARY LOGS;"
		} | cli
		mariadb-dump --defaults-file="$srv/my.cnf" --no-data --databases v >"$tmp/v.sql" 2>/dev/null
		logs=$(sed 's|^\./||' "$srv/binlog/bin.index")
		seqlog=$(echo "$logs" | sed -n 2p)
		hotlog=$(echo "$logs" | sed -n 3p)
		case $seqlog in /*) ;; *) seqlog=$srv/binlog/$seqlog ;; esac
		case $hotlog in /*) ;; *) hotlog=$srv/binlog/$hotlog ;; esac
		for pair in "$seqlog:poor-fit" "$hotlog:good-fit"; do
			log=${pair%:*} want=${pair##*:}
			"$bin" analyze -q --schema "$tmp/v.sql" --report "$tmp/v.json" "$log" 2>"$tmp/err"
			got=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["verdict"]["fit"])' "$tmp/v.json" 2>/dev/null)
			problems=$(validate "$tmp/v.json")
			if [ "$got" = "$want" ] && [ -z "$problems" ]; then ok; else
				bad "$(basename "$log"): verdict $got, want $want $problems $(head -c 200 "$tmp/err")"
			fi
		done
	else
		bad "the throwaway server did not start"
	fi
else
	echo "report: no mariadbd: verdict checks skipped"
fi

# time-ahead simulation: a slow apply is never caught up with, a very fast one always is
late() {
	"$bin" analyze -q $schemas --apply-rate "$1" --prefetch-threads "$2" --report - "$fx/binlog/mariadb-10.11-demo.bin" 2>/dev/null |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["time_ahead"]["late_share"])'
}
slow=$(late 1 1) fast=$(late 10000000 1) fast4=$(late 10000000 4)
if [ "$slow" = "0.0" ] && python3 -c "import sys; sys.exit(not (float('$fast') > 0.9 and float('$fast4') <= float('$fast')))"; then ok; else
	bad "time ahead: late share $slow at 1 row/s (want 0), $fast / $fast4 at 10M rows/s with 1 / 4 threads"
fi

# --html and --junit from the same analysis
# shellcheck disable=SC2086
"$bin" analyze -q $schemas --html "$tmp/s.html" --junit "$tmp/s.xml" --min-coverage 90 --report "$tmp/s.json" \
	"$fx/binlog/mariadb-10.11-statement.bin" 2>/dev/null
problems=$(python3 - "$tmp/s.json" "$tmp/s.xml" "$tmp/s.html" <<'EOF'
import json, sys, xml.etree.ElementTree as ET
rep = json.load(open(sys.argv[1]))
suite = ET.parse(sys.argv[2]).getroot()
cases = suite.findall(".//testcase")
want_fail = sum(1 for t in rep["tables"] if t["index_entries"]["touched"] and t["index_entries"]["coverage"] * 100 < 90)
fails = sum(1 for c in cases if c.find("failure") is not None)
if len(cases) != len(rep["tables"]) + 1:
    print(f"{len(cases)} testcases for {len(rep['tables'])} tables + the verdict")
if fails != want_fail or want_fail == 0:
    print(f"{fails} failures, want {want_fail} (> 0) tables under 90% coverage")
html = open(sys.argv[3]).read()
if rep["verdict"]["fit"] not in html or "<svg" not in html:
    print("the HTML lacks the verdict or its charts")
EOF
)
if [ -z "$problems" ]; then ok; else bad "--html/--junit: $problems"; fi

# --report - goes to stdout, the summary to stderr
"$bin" analyze $schemas --report - "$fx/binlog/mariadb-10.11-demo.bin" >"$tmp/out" 2>"$tmp/err"
if head -c 40 "$tmp/out" | grep -q '"format":"binprime-report/1"' && grep -q '^# verdict:' "$tmp/err"; then ok; else
	bad "--report -: the report on stdout, the summary on stderr"
fi

echo "report: $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
