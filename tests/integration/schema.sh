#!/bin/sh
# schema.sh: `binprime events --format=json` output validates against share/events.schema.json,
# on the project's fixtures and Debian's mariadb-test-data logs (all event families).
# Usage: schema.sh BINPRIME
set -u
bin=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
std=${BP_MYSQL_TEST:-/usr/share/mysql/mysql-test}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$top"/fixtures/binlog/*.bin "$std"/std_data/*.0000* "$std"/std_data/*.binlog "$std"/std_data/rpl/*.0000* "$std"/suite/binlog/std_data/*.0* "$std"/suite/binlog/std_data/*.binlog; do
	[ -f "$f" ] || continue
	"$bin" events -q --format=json --on-error=skip "$f" 2>/dev/null
	rc=$?
	# 0, or 2 for the damaged test logs; anything else (a sanitizer abort) fails
	[ $rc -eq 0 ] || [ $rc -eq 2 ] || echo "$f" >>"$tmp/crashed"
done >"$tmp/events.jsonl"
if [ -s "$tmp/crashed" ]; then
	echo "FAIL: binprime crashed on:"; cat "$tmp/crashed"
	echo "0 passed, $(wc -l <"$tmp/crashed") failed"
	exit 1
fi
# one test per input file: all of its event objects must validate
/usr/bin/python3 - "$top/share/events.schema.json" "$tmp/events.jsonl" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
v = jsonschema.Draft7Validator(schema)
good = bad = 0
types = set()
files_bad = set()
files = set()
for n, line in enumerate(open(sys.argv[2]), 1):
    try:
        obj = json.loads(line)
        files.add(obj.get("file"))
        errs = list(v.iter_errors(obj))
    except ValueError as e:
        errs = [e]
        obj = {}
    if errs:
        bad += 1
        files_bad.add(obj.get("file"))
        if bad <= 5:
            print("FAIL line %d: %s: %s" % (n, str(errs[0]).splitlines()[0], line[:200]))
    else:
        good += 1
        types.add(obj["type"])
print("schema: %d event objects valid, %d invalid, from %d files; %d event types seen" % (good, bad, len(files), len(types)))
failed = len(files_bad)
if good < 1000 or len(types) < 20:
    failed += 1
    print("FAIL: too few events or types checked (%d, %d)" % (good, len(types)))
print("%d passed, %d failed" % (len(files) - len(files_bad), failed))
sys.exit(1 if bad else 0)
PY
