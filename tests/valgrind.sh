#!/bin/sh
# valgrind.sh: unit tests and a decode of every fixture and mariadb-test-data log under
# valgrind memcheck; any error or leak fails. Usage: valgrind.sh BUILD
set -u
build=$1
top=$(cd "$(dirname "$0")/.." && pwd)
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
pass=0 fail=0
if (cd "$top/tests" && $vg "$top/$build/test-unit" >/dev/null 2>"$top/$build/vg-unit.log"); then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL unit tests under valgrind:"; tail -30 "$top/$build/vg-unit.log"
fi
std=/usr/share/mysql/mysql-test
for f in "$top"/fixtures/binlog/*.bin "$std"/std_data/*.0000* "$std"/std_data/rpl/*.0000* "$std"/suite/binlog/std_data/*.0*; do
	[ -f "$f" ] || continue
	$vg "$top/$build/binprime" events -q --format=json --on-error=skip "$f" >/dev/null 2>"$top/$build/vg.log"
	rc=$?
	if [ $rc -eq 0 ] || [ $rc -eq 2 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL $f (exit $rc):"; tail -20 "$top/$build/vg.log"
	fi
done
echo "valgrind: $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
