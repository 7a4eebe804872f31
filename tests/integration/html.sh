#!/bin/sh
# html.sh: the HTML report (`binprime report-html`, the page `analyze --html`
# writes). For the fixture logs' reports (ROW, STATEMENT, MIXED, row DML): the
# page renders in headless Chromium without console messages (the page's CSP
# turns any external load or script into one), every <svg class="chart"> has
# data marks (.datum) in the rendered DOM, and the verdict is shown. A report
# whose table and reason texts carry <script> must come out escaped. With a
# replay report (fixtures/replay/follow.json) the page gains a replay section
# whose figures are the replay report's, and a sixth chart. Without
# Chromium the render checks are skipped, and count as a failure when CI=true.
# Usage: html.sh BINPRIME
set -u
bin=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/integration/lib.sh"

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
	echo "html: chromium is not installed (share/deps.sh installs it): render checks skipped"
	[ "${CI:-}" = true ] && bad "chromium missing with CI=true"
fi

# dom NAME: render $tmp/NAME.html, DOM into $tmp/NAME.dom, Chromium's log into $tmp/NAME.log
dom() {
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-extensions --no-first-run --user-data-dir="$tmp/chromium" \
		--enable-logging=stderr --v=0 --dump-dom "file://$tmp/$1.html" >"$tmp/$1.dom" 2>"$tmp/$1.log"
}

# check_dom NAME FIT [CHARTS]: charts with data (5, or CHARTS), the verdict, no console message
check_dom() {
	if ! dom "$1"; then
		bad "$1: chromium failed: $(grep -v dbus "$tmp/$1.log" | head -c 300)"
		return
	fi
	if grep -q ':CONSOLE' "$tmp/$1.log"; then bad "$1: console: $(grep ':CONSOLE' "$tmp/$1.log" | head -c 400)"; else ok; fi
	if python3 - "$tmp/$1.dom" "$2" "${3:-5}" <<'EOF' >"$tmp/$1.check" 2>&1; then ok; else bad "$1: $(head -c 400 "$tmp/$1.check")"; fi
import sys
from html.parser import HTMLParser

class Charts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.charts, self.inside, self.text, self.scripts = [], False, [], 0
    def handle_starttag(self, tag, attrs):
        cls = (dict(attrs).get("class") or "").split()
        if tag == "script":
            self.scripts += 1
        if tag == "svg" and "chart" in cls:
            self.charts.append(0)
            self.inside = True
        elif self.inside and "datum" in cls and tag in ("rect", "path", "circle"):
            self.charts[-1] += 1
    def handle_endtag(self, tag):
        if tag == "svg":
            self.inside = False
    def handle_data(self, data):
        self.text.append(data)

p = Charts()
p.feed(open(sys.argv[1], encoding="utf-8").read())
text = "".join(p.text)
assert len(p.charts) == int(sys.argv[3]), "charts: %r" % p.charts
assert all(n > 0 for n in p.charts), "a chart without data: %r" % p.charts
assert "Verdict: " + sys.argv[2] in text, "verdict %s not shown" % sys.argv[2]
assert p.scripts == 0, "%d script elements" % p.scripts
print("dom ok", p.charts)
EOF
}

schemas=""
for f in "$top"/fixtures/schema/*.sql; do schemas="$schemas --schema $f"; done
for log in demo statement mixed row-dml; do
	# shellcheck disable=SC2086
	if ! "$bin" analyze $schemas --quiet --sql /dev/null --report "$tmp/$log.json" \
		"$top/fixtures/binlog/mariadb-10.11-$log.bin" >/dev/null 2>"$tmp/err"; then
		bad "analyze $log: $(head -c 300 "$tmp/err")"
		continue
	fi
	expect "report-html $log" 0 "$bin" report-html "$tmp/$log.json" "$tmp/$log.html"
	# self-contained: nothing fetched (the SVG namespace is a name, not a load)
	if grep -Eiq 'src=|href=|url\(|@import|https?://[^"]*"' "$tmp/$log.html" &&
		grep -Eio 'src=|href=|url\(|@import|https?://[^"]*"' "$tmp/$log.html" | grep -vq 'http://www.w3.org/2000/svg"'; then
		bad "$log.html refers to something outside"
	else ok; fi
	fit=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['verdict']['fit'])" "$tmp/$log.json")
	[ -n "$chromium" ] && check_dom "$log" "$fit"
done

# escaping: markup in a table name, a database name and a verdict reason
python3 - "$tmp/demo.json" "$tmp/xss.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
r["tables"][0]["table"] = '<script>console.error("xss")</script>'
r["tables"][1]["db"] = '"><img src=x onerror=alert(1)>'
r["verdict"]["reasons"][0] = "<b>bold</b> & <script>alert(2)</script>"
r["transactions"]["largest"][0]["file"] = "</td><script>alert(3)</script>"
json.dump(r, open(sys.argv[2], "w"))
EOF
expect "report-html xss" 0 "$bin" report-html "$tmp/xss.json" "$tmp/xss.html"
cp "$tmp/xss.html" "$tmp/out"
has out '&lt;script&gt;console.error(&quot;xss&quot;)&lt;/script&gt;'
has out '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
has out '&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;'
if grep -qi '<script\|<img' "$tmp/xss.html"; then bad "xss.html has a live <script> or <img>"; else ok; fi
if [ -n "$chromium" ]; then
	fit=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['verdict']['fit'])" "$tmp/xss.json")
	check_dom xss "$fit"
	if grep -q '&lt;script&gt;console.error' "$tmp/xss.dom"; then ok; else bad "xss: escaped name not in the DOM"; fi
fi

# an empty report renders, each chart saying it has no data
python3 - "$tmp/demo.json" "$tmp/empty.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
r["tables"], r["classes"], r["timeline"]["points"], r["transactions"]["histogram"] = [], [], [], []
r["totals"]["writes"] = 0
json.dump(r, open(sys.argv[2], "w"))
EOF
expect "report-html empty" 0 "$bin" report-html "$tmp/empty.json" -
has out 'class="chart"'
has out 'no writes in this report'

# the replay section (--replay, analyze --replay-report): a real replay report of fixtures/replay
rp=$top/fixtures/replay/follow.json
expect "report-html --replay" 0 "$bin" report-html --replay "$rp" "$tmp/demo.json" "$tmp/replay.html"
cp "$tmp/replay.html" "$tmp/out"
has out 'id="replay"'
has out 'id="chart-replay-rate"'
# the figures shown are the report's: statements sent, each class's count and p99, the follow line
python3 - "$rp" "$tmp/replay.html" >"$tmp/rp.check" 2>&1 <<'EOF'
import json, re, sys
r = json.load(open(sys.argv[1]))
page = open(sys.argv[2], encoding="utf-8").read()
sec = page[page.index('id="replay"'):]
def count(v):
    return "{:,}".format(int(v))
assert "<b>%s</b><span>statements sent" % count(r["total"]["count"]) in sec, "sent"
for c in r["classes"]:
    row = "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>" % (c["class"], count(c["count"]), count(c["errors"]), count(c["rows"]))
    assert row in sec, "class row " + row
    assert "<td>%.3f</td>" % c["latency_ms"]["p99"] in sec, "p99 of " + c["class"]
f = r["follow"]
assert "%s dropped as late" % count(f["late"]) in sec, "late"
bars = re.findall(r'<title>second (\d+): ([\d,]+) statements', sec)
assert [int(v.replace(",", "")) for _, v in bars] == r["throughput_per_second"], bars
print("replay section ok")
EOF
if [ $? -eq 0 ]; then ok; else bad "replay section: $(head -c 400 "$tmp/rp.check")"; fi
if [ -n "$chromium" ]; then
	fit=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['verdict']['fit'])" "$tmp/demo.json")
	check_dom replay "$fit" 6
fi
# analyze --html --replay-report gives the same section
# shellcheck disable=SC2086
"$bin" analyze $schemas --quiet --sql /dev/null --html "$tmp/a.html" --replay-report "$rp" \
	"$top/fixtures/binlog/mariadb-10.11-demo.bin" >/dev/null 2>"$tmp/err"
if grep -q 'id="chart-replay-rate"' "$tmp/a.html"; then ok; else bad "analyze --replay-report: no replay section"; fi
# a script name with markup is escaped; a report that is not a replay report is refused
python3 - "$rp" "$tmp/rxss.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
r["script"] = "<script>alert(4)</script>.sql"
r["classes"][0]["class"] = "<img src=x>"
json.dump(r, open(sys.argv[2], "w"))
EOF
expect "report-html --replay xss" 0 "$bin" report-html --replay "$tmp/rxss.json" "$tmp/demo.json" "$tmp/rxss.html"
if grep -qi '<script\|<img' "$tmp/rxss.html"; then bad "rxss.html has a live <script> or <img>"; else ok; fi
expect "--replay with an analyze report" 2 "$bin" report-html --replay "$tmp/demo.json" "$tmp/demo.json" "$tmp/x.html"
has err "binprime-replay/1"

# errors: bad input 2, missing input or unwritable output 3, usage 1
printf 'not json' >"$tmp/text.json"
expect "not json" 2 "$bin" report-html "$tmp/text.json" "$tmp/x.html"
has err "not a JSON object"
printf '{"format": "binprime-report/2"}' >"$tmp/v2.json"
expect "wrong format" 2 "$bin" report-html "$tmp/v2.json" "$tmp/x.html"
has err 'expected "binprime-report/1"'
expect "missing report" 3 "$bin" report-html "$tmp/nope.json" "$tmp/x.html"
expect "unwritable output" 3 "$bin" report-html "$tmp/demo.json" "$tmp/no/dir/x.html"
expect "one operand" 1 "$bin" report-html "$tmp/demo.json"
expect "help" 0 "$bin" report-html --help
has out "self-contained"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
