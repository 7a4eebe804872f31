#!/bin/sh
# testsuite_tables.sh: the CREATE TABLE statements of the MariaDB test suite that
# the server accepts (fixtures/testsuite/, made by fixtures/mktestsuite.sh) load
# into the schema model as the server itself sees them.
#
# Three models, each from `binprime schema --format=json`:
#   statement  fixtures/testsuite/accepted.sql: the statements as written in the
#              test files (CREATE DATABASE tN; USE tN; <statement>;)
#   show       fixtures/testsuite/show_create.sql: the server's SHOW CREATE TABLE
#              of the same tables (what a mysqldump holds)
#   server     fixtures/testsuite/server.*.tsv: information_schema COLUMNS,
#              STATISTICS, KEY_COLUMN_USAGE, REFERENTIAL_CONSTRAINTS, TABLES
# The statement and show models are compared with the server model, table by
# table: column names in order, types (lower case, as the server's COLUMN_TYPE
# and SHOW CREATE TABLE write them: integer display widths included, since the
# server's defaults are fixed — int(11), bigint(20) unsigned, ...), nullability,
# the primary key columns, indexes by name (unique, kind, parts with prefix
# lengths and DESC), foreign keys by name (columns, referenced db, table and
# columns, ON DELETE / ON UPDATE). A diagnostic binprime prints for a
# statement is a mismatch too.
#
# Not compared: the statement form of CREATE TABLE ... SELECT / ... AS (VALUES
# ...) / ... LIKE: their columns come from a query or another table the dump
# does not hold, which no offline parser can know (binprime reports them); the
# SHOW CREATE form of those tables is compared. Defaults, comments, charsets,
# generated expressions, table options and statistics are not compared.
#
# One test per table: it passes when both forms match. A table listed in
# tests/integration/testsuite_known.tsv (lines "ID<TAB>reason", or
# "ID:statement" / "ID:show" for one form only: known, explained differences)
# is reported but does not fail; an entry whose table now matches is reported
# as stale. The full mismatch list goes to testsuite_tables.mismatches.tsv
# beside BINPRIME (e.g. build/).
#
# Usage: testsuite_tables.sh BINPRIME   Prints "N passed, N failed".
set -u
bin=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
fx=${BP_FIXTURES:-$top/fixtures}/testsuite
known=$top/tests/integration/testsuite_known.tsv

if ! "$bin" schema --help >/dev/null 2>&1; then
	echo "testsuite_tables: binprime schema not built yet"
	echo "0 passed, 0 failed"
	exit 0
fi
if [ ! -f "$fx/accepted.sql" ]; then
	echo "testsuite_tables: $fx/accepted.sql missing (run: sh fixtures/mktestsuite.sh)"
	echo "0 passed, 1 failed"
	exit 1
fi

outdir=$(cd "$(dirname "$bin")" && pwd)
[ -w "$outdir" ] || outdir=${TMPDIR:-/tmp}
report=$outdir/testsuite_tables.mismatches.tsv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# load FORM FILE...: the model into $tmp/FORM.json, diagnostics into $tmp/FORM.err, exit status into $tmp/FORM.rc
load() {
	form=$1
	shift
	args=
	for f in "$@"; do args="$args --schema $f"; done
	# shellcheck disable=SC2086 # args is a list of options (fixture paths have no spaces)
	"$bin" schema --format=json $args >"$tmp/$form.json" 2>"$tmp/$form.err"
	echo $? >"$tmp/$form.rc"
}
load statement "$fx/accepted.sql"
load show "$fx/show_create.sql"
load server "$fx/server.COLUMNS.tsv" "$fx/server.STATISTICS.tsv" "$fx/server.KEY_COLUMN_USAGE.tsv" \
	"$fx/server.REFERENTIAL_CONSTRAINTS.tsv" "$fx/server.TABLES.tsv"

/usr/bin/python3 - "$tmp" "$fx" "$known" "$report" <<'PY'
import collections, json, os, re, sys

tmp, fx, known_path, report = sys.argv[1:5]
FORMS = {"statement": "accepted.sql", "show": "show_create.sql"}
ALLFORMS = list(FORMS) + ["server"]

def read_blocks(path):
    """id -> (source, text, first line, last line) of each '-- N: source' block"""
    blocks, order = {}, []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    cur = None
    for i, line in enumerate(lines, 1):
        m = re.match(r"-- (\d+): (\S+)$", line)
        if m:
            cur = int(m.group(1))
            blocks[cur] = [m.group(2), [], i, i]
            order.append(cur)
        elif cur is not None:
            blocks[cur][1].append(line)
            blocks[cur][3] = i
    return {k: (v[0], "\n".join(v[1]), v[2], v[3]) for k, v in blocks.items()}, order

stmts, ids = read_blocks(os.path.join(fx, "accepted.sql"))
show_blocks, _ = read_blocks(os.path.join(fx, "show_create.sql"))

def load(form):
    rc = int(open(os.path.join(tmp, form + ".rc")).read().strip() or 1)
    err = open(os.path.join(tmp, form + ".err"), encoding="utf-8", errors="replace").read()
    try:
        with open(os.path.join(tmp, form + ".json"), "rb") as f:
            raw = f.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            fatal.append("binprime schema (%s) wrote invalid UTF-8 at byte %d: ...%r..." %
                         (form, e.start, raw[max(0, e.start - 120):e.start + 20]))
            text = raw.decode("utf-8", "replace")
        tables = json.loads(text)["tables"]
    except (OSError, ValueError, KeyError) as e:
        tables = []
        fatal.append("binprime schema (%s): no JSON model: %s" % (form, e))
    return rc, err, {(t["db"], t["name"]): t for t in tables}

fatal = []
models = {f: load(f) for f in ("statement", "show", "server")}
for f, (rc, err, _) in models.items():
    if rc not in (0, 2):  # 2: diagnostics, the rest loaded
        fatal.append("binprime schema (%s) exited with %d: %s" % (f, rc, err.strip()[-600:]))

# diagnostics by statement id: "binprime: error: PATH:LINE:COL: message"
def diags(form, blocks):
    starts = sorted((b[2], k) for k, b in blocks.items())
    out = collections.defaultdict(list)
    import bisect
    keys = [s[0] for s in starts]
    for line in models[form][1].splitlines():
        m = re.match(r"binprime: (?:error|warning): .*?:(\d+):(\d+): (.*)", line)
        if not m:
            continue
        k = bisect.bisect_right(keys, int(m.group(1))) - 1
        if k >= 0:
            out[starts[k][1]].append(m.group(3))
    return out

diag = {"statement": diags("statement", stmts), "show": diags("show", show_blocks)}

# diagnostics of the TSV loader, by the statement id of the row's database
server_diag = collections.defaultdict(list)
tsv_lines = {}
for line in models["server"][1].splitlines():
    m = re.match(r"binprime: (?:error|warning): (.*?):(\d+):(\d+): (.*)", line)
    if not m:
        if line.strip() and not re.match(r"binprime: .*error\(s\)", line):
            fatal.append("binprime schema (server): " + line)
        continue
    path = m.group(1)
    if path not in tsv_lines:
        with open(path, encoding="utf-8", errors="replace") as f:
            tsv_lines[path] = f.read().split("\n")
    row = tsv_lines[path][int(m.group(2)) - 1] if int(m.group(2)) <= len(tsv_lines[path]) else ""
    db = row.split("\t", 1)[0]
    if re.fullmatch(r"t\d+", db):
        server_diag[int(db[1:])].append("%s:%s: %s" % (os.path.basename(path), m.group(2), m.group(4)))
    else:
        fatal.append("binprime schema (server): " + line)

# the statement forms whose columns come from a query or another table
def tokens(s):
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c in " \t\r\n":
            i += 1
        elif c in "'\"`":
            j = i + 1
            while j < n and s[j] != c:
                j += 2 if s[j] == "\\" and c != "`" else 1
            yield "q", s[i:j + 1]
            i = j + 1
        elif c == "#" or s.startswith("-- ", i) or s.startswith("--\n", i):
            j = s.find("\n", i)
            i = n if j < 0 else j + 1
        elif s.startswith("/*", i) and not s.startswith("/*!", i) and not s.startswith("/*M!", i):
            j = s.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif s.startswith("/*!", i) or s.startswith("/*M!", i):
            i += 3 if s[i + 2] == "!" else 4
            while i < n and s[i].isdigit():
                i += 1
        elif s.startswith("*/", i):
            i += 2
        elif c.isalnum() or c in "_$" or ord(c) > 127:
            j = i
            while j < n and (s[j].isalnum() or s[j] in "_$" or ord(s[j]) > 127):
                j += 1
            yield "w", s[i:j].upper()
            i = j
        else:
            yield "p", c
            i += 1

def query_derived(text):
    body = text.split("\n", 2)[2] if text.startswith("CREATE DATABASE") else text
    t = list(tokens(body))
    words = [v for k, v in t if k == "w"]
    # after CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] name: LIKE or (LIKE
    try:
        p = next(i for i, (k, v) in enumerate(t) if k == "w" and v == "TABLE") + 1
    except StopIteration:
        return False
    if p + 2 < len(t) and t[p][1] == "IF" and t[p + 1][1] == "NOT" and t[p + 2][1] == "EXISTS":
        p += 3
    rest = t[p + 1:]
    if rest and (rest[0][1] == "LIKE" or (rest[0][1] == "(" and len(rest) > 1 and rest[1][1] == "LIKE")):
        return True
    if "SELECT" in words:
        return True
    return any(v == "VALUES" and i + 1 < len(t) and t[i + 1][1] == "(" for i, (k, v) in enumerate(t))

IW = re.compile(r"\b(tinyint|smallint|mediumint|int|bigint)\(\d+\)")

def parts(ix):
    pre, desc = ix.get("prefix") or [], ix.get("desc") or []
    out = []
    for i, c in enumerate(ix.get("columns", [])):
        s = c
        if i < len(pre) and pre[i]:
            s += "(%d)" % pre[i]
        if i < len(desc) and desc[i]:
            s += " DESC"
        out.append(s)
    return out

def compare(got, want):
    """[(category, detail)] differences of the model got from the server's want"""
    res = []
    gc, wc = got.get("columns", []), want.get("columns", [])
    gn, wn = [c["name"] for c in gc], [c["name"] for c in wc]
    if gn != wn:
        res.append(("columns", "%s vs server %s" % (gn, wn)))
    wmap = {c["name"]: c for c in wc}
    for c in gc:
        w = wmap.get(c["name"])
        if w is None:
            continue
        a, b = (c.get("type") or "").lower(), (w.get("type") or "").lower()
        if a != b:
            cat = "type: integer display width" if IW.sub(r"\1", a) == IW.sub(r"\1", b) else "type"
            res.append((cat, "%s: %r vs server %r" % (c["name"], a, b)))
        if c.get("nullable") != w.get("nullable"):
            res.append(("nullable", "%s: %s vs server %s" % (c["name"], c.get("nullable"), w.get("nullable"))))
    if got.get("primary_key", []) != want.get("primary_key", []):
        res.append(("primary key", "%s vs server %s" % (got.get("primary_key", []), want.get("primary_key", []))))
    gi = {i["name"]: i for i in got.get("indexes", [])}
    wi = {i["name"]: i for i in want.get("indexes", [])}
    if set(gi) != set(wi):
        res.append(("index names", "only here: %s; only on the server: %s" %
                    (sorted(set(gi) - set(wi)), sorted(set(wi) - set(gi)))))
    for name in sorted(set(gi) & set(wi)):
        a, b = gi[name], wi[name]
        if bool(a.get("unique")) != bool(b.get("unique")):
            res.append(("index unique", "%s: %s vs server %s" % (name, a.get("unique"), b.get("unique"))))
        if a.get("kind") != b.get("kind"):
            res.append(("index kind", "%s: %s vs server %s" % (name, a.get("kind"), b.get("kind"))))
        if parts(a) != parts(b):
            res.append(("index parts", "%s: %s vs server %s" % (name, parts(a), parts(b))))
    gf = {f["name"]: f for f in got.get("foreign_keys", [])}
    wf = {f["name"]: f for f in want.get("foreign_keys", [])}
    if set(gf) != set(wf):
        res.append(("foreign key names", "only here: %s; only on the server: %s" %
                    (sorted(set(gf) - set(wf)), sorted(set(wf) - set(gf)))))
    for name in sorted(set(gf) & set(wf)):
        for k in ("columns", "ref_db", "ref_table", "ref_columns", "on_delete", "on_update"):
            if gf[name].get(k) != wf[name].get(k):
                res.append(("foreign key", "%s.%s: %s vs server %s" % (name, k, gf[name].get(k), wf[name].get(k))))
    return res

known = {}
if os.path.exists(known_path):
    with open(known_path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            k, _, why = line.partition("\t")
            k, _, form = k.strip().partition(":")
            known[int(k)] = (form or None, why.strip())

server = models["server"][2]
by_db = collections.defaultdict(list)
for (db, name) in server:
    by_db[db].append(name)
for form in FORMS:
    for (db, name) in models[form][2]:
        if (db, name) not in server and re.fullmatch(r"t\d+", db):
            by_db[db].append(name)

mism = []  # (id, form, table, category, detail)
passed = failed = known_failed = 0
not_compared = 0
stale = []
cats = {f: collections.Counter() for f in ALLFORMS}
for sid in ids:
    db = "t%d" % sid
    names = sorted(set(by_db.get(db, [])))
    bad = []
    if not names:
        bad.append(("statement", db, "table missing", "no table in database %s in any model" % db))
    for d in server_diag.get(sid, []):
        bad.append(("server", db, "server TSV diagnostic", d))
    for form in FORMS:
        if form == "statement" and query_derived(stmts[sid][1]):
            not_compared += 1
            continue
        for d in diag[form].get(sid, []):
            bad.append((form, db, "diagnostic", d))
        for name in names:
            want, got = server.get((db, name)), models[form][2].get((db, name))
            if want is None:
                bad.append((form, "%s.%s" % (db, name), "table not on the server", "%s.%s" % (db, name)))
                continue
            if got is None:
                if not diag[form].get(sid):
                    bad.append((form, "%s.%s" % (db, name), "table missing", "not in the model, no diagnostic"))
                continue
            for cat, detail in compare(got, want):
                bad.append((form, "%s.%s" % (db, name), cat, detail))
    # one record per table, form and category (the details of several columns joined)
    grouped = collections.OrderedDict()
    for form, table, cat, detail in bad:
        grouped.setdefault((form, table, cat), []).append(detail)
    for (form, table, cat), details in grouped.items():
        cats[form][cat] += 1
        mism.append((sid, form, table, cat, "; ".join(details)))
    excused = [b for b in bad if sid in known and known[sid][0] in (None, b[0])]
    if not bad:
        passed += 1
        if sid in known:
            stale.append(sid)
    elif len(excused) == len(bad):
        known_failed += 1
    else:
        failed += 1

if fatal:
    for f in fatal:
        print("FAIL: " + f)
    failed += len(fatal)

def one_line(s, n):
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n - 3] + "..."

with open(report, "w", encoding="utf-8") as f:
    f.write("id\tsource\tknown\tform\ttable\tcategory\tdetail\tstatement\n")
    for sid, form, table, cat, detail in mism:
        body = stmts[sid][1].split("\n", 2)[-1] if form == "statement" else show_blocks.get(sid, ("", ""))[1]
        f.write("%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" % (sid, stmts[sid][0],
                                                 "known" if sid in known and known[sid][0] in (None, form) else "",
                                                 form, table, cat, one_line(detail, 400), one_line(body, 400)))

print("testsuite_tables: %d tables of the MariaDB test suite (fixtures/testsuite), statement and SHOW CREATE "
      "forms against the server's information_schema" % len(ids))
print("statement form not compared (CREATE ... SELECT / VALUES / LIKE: columns from a query or another table): %d"
      % not_compared)
allcats = sorted(set().union(*cats.values()), key=lambda c: -sum(cats[f][c] for f in ALLFORMS))
if allcats:
    print("tables with mismatches, by category   statement  show-create  server-tsv")
    for c in allcats:
        print("  %-36s %9d %12d %11d" % (c, cats["statement"][c], cats["show"][c], cats["server"][c]))
# the first 20 mismatches, at most 3 of each category so that every kind shows
shown = 0
per_cat = collections.Counter()
for sid, form, table, cat, detail in mism:
    if (sid in known and known[sid][0] in (None, form)) or per_cat[cat] >= 3:
        continue
    if shown == 0:
        print("first mismatches, 3 of each category at most (all %d in %s):" % (len(mism), report))
    per_cat[cat] += 1
    shown += 1
    if shown > 20:
        break
    print("  FAIL: %d %s [%s] %s: %s: %s" % (sid, stmts[sid][0], form, table, cat, one_line(detail, 200)))
    print("        %s" % one_line(stmts[sid][1].split("\n", 2)[-1], 200))
if known:
    print("known differences (%s): %d tables fail as listed%s" % (os.path.basename(known_path), known_failed,
          "" if not stale else "; these now pass, remove them: " + " ".join(map(str, stale))))
    missing = sorted(set(known) - set(ids))
    if missing:
        print("known entries not in the fixture: " + " ".join(map(str, missing)))
if fatal:
    print("could not compare: see FAIL above")
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
