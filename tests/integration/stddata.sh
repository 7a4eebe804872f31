#!/bin/sh
# stddata.sh: every binlog of Debian's mariadb-test-data decodes, or fails as its name says.
# Usage: stddata.sh BINPRIME   Table: stddata.tsv (path, exit, events).
# Damaged files must exit 2 with a "binprime: error: FILE:OFFSET: " message.
set -u
bin=$1
here=$(dirname "$0")
root=${BP_MYSQL_TEST:-/usr/share/mysql/mysql-test}
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ ! -d "$root/std_data" ]; then
	echo "stddata: $root not found (install mariadb-test-data)"
	echo "0 passed, 1 failed"
	exit 1
fi
tab=$(printf '\t')
grep -v '^#' "$here/stddata.tsv" | while IFS="$tab" read -r path want_rc want_events note; do
	"$bin" events --count -q "$root/$path" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	got=$(sed -n 's/.*	events=\([0-9]*\).*/\1/p' "$tmp/out")
	ok=1
	[ "$rc" = "$want_rc" ] || ok=0
	[ "$got" = "$want_events" ] || ok=0
	if [ "$want_rc" != 0 ] && ! grep -q "^binprime: error: $root/$path:[0-9][0-9]*: " "$tmp/err"; then ok=0; fi
	if [ $ok = 1 ]; then echo pass; else echo "FAIL $path: exit $rc (want $want_rc), events $got (want $want_events): $(head -c 300 "$tmp/err")"; fi
done >"$tmp/results"
pass=$(grep -c '^pass$' "$tmp/results")
fail=$(grep -c '^FAIL' "$tmp/results")
grep '^FAIL' "$tmp/results"
# binlogs a newer package adds: named, and they must decode or fail cleanly (exit 0 or 2)
find "$root" -path '*std_data*' -type f | while read -r f; do
	m=$(head -c 4 "$f" | od -An -tx1 | tr -d ' ')
	case $m in fe62696e | fd62696e)
		p=${f#"$root"/}
		grep -q "^$p	" "$here/stddata.tsv" && continue
		"$bin" events --count -q "$f" >/dev/null 2>&1
		rc=$?
		if [ $rc -eq 0 ] || [ $rc -eq 2 ]; then
			echo "stddata: note: $p is not in stddata.tsv (exit $rc)" >&2
		else
			echo "FAIL unlisted binlog $p: exit $rc"
		fi ;;
	esac
done >"$tmp/unlisted"
cat "$tmp/unlisted"
fail=$((fail + $(grep -c FAIL "$tmp/unlisted")))
echo "stddata: $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
