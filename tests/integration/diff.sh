#!/bin/sh
# diff.sh: `binprime diff` and its JUnit XML: identical reports pass (exit 0),
# an injected regression (coverage down 10 points, a table gone, a table's
# coverage down, the verdict changed) exits 4 and names each change, the JUnit
# is well-formed with one testcase per limit and per table, limits and
# --fail-on-verdict-change work, odd table names still give valid XML, bad
# input exits 2, unreadable input or output 3, usage 1. Usage: diff.sh BINPRIME
set -u
bin=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/integration/lib.sh"
lacks() { if grep -q -- "$2" "$tmp/$1"; then bad "$1 has '$2'"; else ok; fi; }

schemas=""
for f in "$top"/fixtures/schema/*.sql; do schemas="$schemas --schema $f"; done
# shellcheck disable=SC2086
"$bin" analyze $schemas --quiet --sql /dev/null --report "$tmp/base.json" "$top/fixtures/binlog/mariadb-10.11-demo.bin" \
	>/dev/null 2>"$tmp/err" || { bad "analyze demo: $(head -c 300 "$tmp/err")"; echo "$pass passed, $fail failed"; exit 1; }

# The regression: coverage -10 points overall, shop.orders gone, shop.products'
# coverage -20 points, the verdict poor-fit.
python3 - "$tmp/base.json" "$tmp/new.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
ie = r["totals"]["index_entries"]
ie["warmed"] = int(ie["touched"] * (ie["coverage"] - 0.10))
ie["coverage"] = round(ie["coverage"] - 0.10, 4)
r["tables"] = [t for t in r["tables"] if t["table"] != "orders"]
for t in r["tables"]:
    if t["table"] == "products":
        t["index_entries"]["coverage"] = round(t["index_entries"]["coverage"] - 0.20, 4)
r["verdict"]["fit"] = "poor-fit" if r["verdict"]["fit"] != "poor-fit" else "good-fit"
json.dump(r, open(sys.argv[2], "w"))
EOF
ntables=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['tables']))" "$tmp/base.json")

# identical reports
expect "identical" 0 "$bin" diff "$tmp/base.json" "$tmp/base.json"
has out "result: ok"
has out "none changed"
expect "identical json" 0 "$bin" diff --format=json "$tmp/base.json" "$tmp/base.json"
if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['format']=='binprime-diff/1' and d['failures']==0 and not d['tables']" "$tmp/out" 2>"$tmp/err"; then ok; else bad "identical json output: $(head -c 300 "$tmp/err")"; fi

# the regression, each change named
expect "regression" 4 "$bin" diff --junit "$tmp/j.xml" "$tmp/base.json" "$tmp/new.json"
has out "index-entry coverage .* -10.0 pts .*FAIL"
has out "shop.orders disappeared"
has out "shop.products: coverage 100.0% -> 80.0% (-20.0 pts).*FAIL"
has out "verdict .*-> poor-fit  changed (not enforced)"
has out "result: FAIL, 2 limits exceeded"
# JUnit: 4 limit testcases + one per table of either report; failures: coverage-drop, shop.products; skipped: shop.orders
python3 - "$tmp/j.xml" "$((4 + ntables))" <<'EOF' >"$tmp/jcheck" 2>&1
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
cases = root.findall(".//testcase")
failed = sorted(c.get("name") for c in cases if c.find("failure") is not None)
skipped = sorted(c.get("name") for c in cases if c.find("skipped") is not None)
assert root.tag == "testsuites", root.tag
assert len(cases) == int(sys.argv[2]), (len(cases), sys.argv[2])
assert failed == ["coverage-drop", "shop.products"], failed
assert skipped == ["shop.orders"], skipped
suite = root.find("testsuite")
assert suite.get("tests") == sys.argv[2] and suite.get("failures") == "2" and suite.get("skipped") == "1", suite.attrib
print("junit ok")
EOF
has jcheck "junit ok"

# limits: wide enough, the same regression passes; the verdict can be enforced
expect "wide limits" 0 "$bin" diff --max-coverage-drop 25 "$tmp/base.json" "$tmp/new.json"
has out "result: ok"
expect "verdict enforced" 4 "$bin" diff --max-coverage-drop 25 --fail-on-verdict-change --junit "$tmp/v.xml" \
	"$tmp/base.json" "$tmp/new.json"
has out "changed FAIL"
if python3 -c "
import sys, xml.etree.ElementTree as ET
f = [c.get('name') for c in ET.parse(sys.argv[1]).iter('testcase') if c.find('failure') is not None]
assert f == ['verdict-change'], f" "$tmp/v.xml" 2>"$tmp/err"; then ok; else bad "verdict junit: $(head -c 300 "$tmp/err")"; fi
expect "json regression" 4 "$bin" diff --format json "$tmp/base.json" "$tmp/new.json"
if python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert d['failures'] == 2 and d['checks'][0]['failed'] and d['checks'][0]['change_points'] == -10.0, d['checks'][0]
states = {t['table']: t['state'] for t in d['tables']}
assert states.get('shop.orders') == 'disappeared', states
assert d['verdict']['changed'] and not d['verdict']['failed']" "$tmp/out" 2>"$tmp/err"; then ok; else bad "json regression: $(head -c 300 "$tmp/err")"; fi
# reversed, shop.orders appears and coverage rises: no limit is exceeded
expect "improvement" 0 "$bin" diff "$tmp/new.json" "$tmp/base.json"
has out "+ shop.orders appeared"

# a table name that is not XML text still gives well-formed JUnit
python3 - "$tmp/base.json" "$tmp/odd.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
r["tables"][0]["table"] = "odd\u0001<name>&\"q\"\u00e9"
json.dump(r, open(sys.argv[2], "w"))
EOF
expect "odd name" 0 "$bin" diff --junit "$tmp/odd.xml" "$tmp/odd.json" "$tmp/odd.json"
if python3 -c "
import sys, xml.etree.ElementTree as ET
names = [c.get('name') for c in ET.parse(sys.argv[1]).iter('testcase')]
assert any(n.endswith('odd?<name>&\"q\"\u00e9') for n in names), names" "$tmp/odd.xml" 2>"$tmp/err"; then ok; else bad "odd name junit: $(head -c 300 "$tmp/err")"; fi

# bad input: not JSON, wrong format, missing fields -> 2; missing file -> 3; usage -> 1
printf 'not json\n' >"$tmp/text.json"
expect "not json" 2 "$bin" diff "$tmp/base.json" "$tmp/text.json"
has err "text.json: not a JSON object"
printf '{"format": "binprime-diff/1"}\n' >"$tmp/other.json"
expect "wrong format" 2 "$bin" diff "$tmp/other.json" "$tmp/base.json"
has err "format is \"binprime-diff/1\", expected \"binprime-report/1\""
printf '{"totals": {}}' >"$tmp/noformat.json"
expect "no format" 2 "$bin" diff "$tmp/base.json" "$tmp/noformat.json"
has err "format is missing"
printf '{"format": "binprime-report/1", "totals": {"writes": 1}}' >"$tmp/partial.json"
expect "missing field" 2 "$bin" diff "$tmp/base.json" "$tmp/partial.json"
has err "totals.transactions is missing"
printf '{"format": "binprime-report/1"} trailing' >"$tmp/trail.json"
expect "trailing garbage" 2 "$bin" diff "$tmp/base.json" "$tmp/trail.json"
expect "missing file" 3 "$bin" diff "$tmp/base.json" "$tmp/nope.json"
has err "cannot open"
expect "unwritable junit" 3 "$bin" diff --junit "$tmp/no/such/dir.xml" "$tmp/base.json" "$tmp/base.json"
expect "one operand" 1 "$bin" diff "$tmp/base.json"
has err "usage: binprime diff"
expect "bad limit" 1 "$bin" diff --max-coverage-drop=-3 "$tmp/base.json" "$tmp/base.json"
has err "percentage points"
expect "bad limit text" 1 "$bin" diff --max-full-drop=lots "$tmp/base.json" "$tmp/base.json"
expect "help" 0 "$bin" diff --help
has out "--max-unprefetchable-rise"
expect "help via help" 0 "$bin" help diff
has out "--fail-on-verdict-change"
expect "stdin base" 0 sh -c "\"\$0\" diff - \"\$1\" <\"\$1\"" "$bin" "$tmp/base.json"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
