#!/bin/sh
# corpus.sh: decode every real log listed in ../shared/fixtures/real/MANIFEST.tsv.
#   expect=ok        -> exit 0 and the same number of top-level events as the manifest
#   corrupt/truncated/encrypted/not-binlog -> exit 2 and a message "FILE:OFFSET: ..."
# Usage: corpus.sh BINPRIME [REAL_DIR]   (skips, passing, when REAL_DIR is absent)
# Prints one line per failure and "N passed, N failed".
set -u
bin=$1
real=${2:-$(dirname "$0")/../../../shared/fixtures/real}
if [ ! -f "$real/MANIFEST.tsv" ]; then
	echo "corpus: $real/MANIFEST.tsv not found, skipped"
	echo "0 passed, 0 failed"
	exit 0
fi
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tab=$(printf '\t')
while IFS="$tab" read -r path size sha magic bv sv ck events inuse crcbad expect; do
	[ "$path" = path ] && continue
	f="$real/$path"
	"$bin" events --count -q "$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	got=$(sed -n 's/.*	events=\([0-9]*\).*/\1/p' "$tmp/out")
	if [ "$expect" = ok ]; then
		if [ $rc -eq 0 ] && [ "$got" = "$events" ]; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL ok $path: exit $rc, events $got, want $events: $(head -c 400 "$tmp/err")"
		fi
	else
		# damaged input: exit 2, one message naming the file and a byte offset
		if [ $rc -eq 2 ] && grep -q "^binprime: error: .*:[0-9][0-9]*: " "$tmp/err"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL $expect $path: exit $rc: $(head -c 400 "$tmp/err")"
		fi
	fi
done <"$real/MANIFEST.tsv"
echo "corpus: $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
