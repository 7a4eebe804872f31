#!/bin/sh
# ddl_names.sh: the schema model follows DDL through a real log. Row events of
# fixtures/binlog/mariadb-10.11-ddl.bin (fixtures/sql/ddl.sql: ADD/DROP/MODIFY/CHANGE
# COLUMN, primary key changes, RENAME, DROP and re-CREATE, LIKE, CREATE..SELECT,
# another database) must carry the column names the table had at that point.
# Usage: ddl_names.sh BINPRIME
set -u
bin=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
"$bin" events -q --track-ddl --format=json "$top/fixtures/binlog/mariadb-10.11-ddl.bin" |
/usr/bin/python3 -c '
import json, sys
A = ["id", "name", "price"]
B = ["id", "name", "color", "price"]
C = ["sku", "id", "name", "color", "price"]
D = ["sku", "id", "name", "color"]
E = ["sku", "id", "name", "colour"]
F = ["sku", "id", "name", "colour", "qty"]
# CREATE SEQUENCE makes a table of these columns (MariaDB 10.3+)
SEQ = ["next_not_cached_value", "minimum_value", "maximum_value", "start_value", "increment",
       "cache_size", "cycle_option", "cycle_count"]
want = {
  935: A, 1201: A, 1640: B, 1888: B, 2311: C, 2713: C, 3103: D, 3347: D, 3864: E, 4315: E,
  4783: F, 5077: F, 5733: F, 6032: F, 6441: F,
  7371: ["code", "born", "flag"], 7624: ["code", "born", "flag"],
  8226: ["n", "label"], 8446: ["n", "label"], 8863: F,
  9699: ["colour", "n"], 10014: ["colour", "n"], 10445: F, 11196: F, 11696: F,
  12289: ["id", "k", "v"], 12549: ["id", "k", "v"], 12951: ["id", "k", "v", "extra"],
  13461: SEQ, 14043: SEQ,
  13603: ["n", "label"], 13777: ["n", "label"], 14185: ["n", "label"],
  15201: ["id", "x"], 15456: ["id", "x"], 16042: ["sku", "id", "name"], 16309: ["sku", "id", "name"],
}
good = bad = 0
seen = set()
for line in sys.stdin:
    e = json.loads(line)
    if e["pos"] not in want or "rows" not in e:
        continue
    seen.add(e["pos"])
    got = e.get("columns")
    if got == want[e["pos"]]:
        good += 1
    else:
        bad += 1
        print("FAIL %s.%s at %d: columns %s, want %s (schema: %s)" % (e["db"], e["table"], e["pos"], got, want[e["pos"]], e.get("schema")))
for p in sorted(set(want) - seen):
    bad += 1
    print("FAIL: no row event at %d" % p)
print("ddl_names: %d passed, %d failed" % (good, bad))
print("%d passed, %d failed" % (good, bad))
sys.exit(1 if bad else 0)
'
