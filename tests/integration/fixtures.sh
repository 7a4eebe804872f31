#!/bin/sh
# fixtures.sh: the project's own logs (fixtures/binlog, recorded from a real mariadbd by
# fixtures/mkfixtures.sh) decode with exit 0, give the same events as mariadb-binlog, and
# every row value equals what `mariadb-binlog --base64-output=decode-rows -vv` prints.
# Usage: fixtures.sh BINPRIME
set -u
bin=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
command -v mariadb-binlog >/dev/null || { echo "fixtures: mariadb-binlog missing (mariadb-client)"; echo "0 passed, 1 failed"; exit 1; }
n=0
for f in "$top"/fixtures/binlog/*.bin; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	name=$(basename "$f")
	if ! "$bin" events "$f" >"$tmp/ours" 2>"$tmp/err"; then
		fail=$((fail + 1)); echo "FAIL $name: binprime exit $?: $(head -c 300 "$tmp/err")"; continue
	fi
	case $name in
	*temporal-hires*)
		# MariaDB 5.3-format TIME(n)/DATETIME(n)/TIMESTAMP(n): the table map has no precision,
		# so neither tool can size the values (mariadb-binlog stops there); binprime must say so
		# instead of guessing, and go on to the end
		if grep -q "rows not decoded: old-format temporal columns" "$tmp/err"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1)); echo "FAIL $name: no 'rows not decoded' notice"
		fi
		continue ;;
	esac
	mariadb-binlog --base64-output=decode-rows -vv "$f" >"$tmp/theirs" 2>/dev/null
	a=$(grep -ac '^# at ' "$tmp/theirs"); b=$(grep -ac '^# at ' "$tmp/ours")
	if [ "$a" != "$b" ]; then
		fail=$((fail + 1)); echo "FAIL $name: mariadb-binlog shows $a events, binprime $b"; continue
	fi
	if /usr/bin/python3 "$top/tests/integration/compare_vv.py" "$tmp/theirs" "$tmp/ours" >"$tmp/cmp"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL $name: row values differ:"; cat "$tmp/cmp"
	fi
done
if [ $n -lt 10 ]; then fail=$((fail + 1)); echo "FAIL: only $n fixture logs (run make fixtures)"; fi
echo "fixtures: $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
