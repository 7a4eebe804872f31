#!/bin/sh
# regress.sh: run binprime on every input the fuzzer once broke.
#
#   sh tests/fuzz/regress.sh BINPRIME
#
# Each file of tests/fuzz/regress/ is decoded as text, as JSON and with --count,
# once stopping at the first error and once with --on-error=skip
# --no-verify-checksum. Every run must end by itself (60 s at most) with exit
# status 0 or 2 (decoded, or damaged input reported): a signal (134 abort,
# 139 SIGSEGV, sanitizer reports with an ASan build), 124 (hang) or any other
# status fails. Prints one line per failure and "N passed, N failed".
set -u
bin=${1:?usage: sh tests/fuzz/regress.sh BINPRIME}
dir=$(dirname "$0")/regress
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$dir"/*; do
	[ -f "$f" ] || continue
	case $f in *.md | *.txt) continue ;; esac
	for opts in "" "--format=json" "--count" "--on-error=skip --no-verify-checksum" \
		"--format=json --on-error=skip --no-verify-checksum"; do
		# shellcheck disable=SC2086
		timeout 60 "$bin" events -q $opts "$f" >/dev/null 2>"$tmp/err"
		rc=$?
		if [ $rc -eq 0 ] || [ $rc -eq 2 ]; then
			if grep -q -E 'runtime error|Sanitizer|LeakSanitizer' "$tmp/err"; then
				fail=$((fail + 1))
				echo "FAIL $f ($opts): sanitizer report: $(grep -m 1 -E 'runtime error|Sanitizer' "$tmp/err")"
			else
				pass=$((pass + 1))
			fi
		else
			fail=$((fail + 1))
			echo "FAIL $f ($opts): exit $rc: $(head -c 300 "$tmp/err")"
		fi
	done
done
echo "fuzz regress: $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
