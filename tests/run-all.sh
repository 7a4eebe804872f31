#!/bin/sh
# run-all.sh: every test of `make check`, for one build directory.
# Usage: run-all.sh BUILD...   (each BUILD/binprime and BUILD/test-unit must exist;
#        a build directory named *asan* runs with ASan/UBSan aborting on any report)
# Each part prints its own "N passed, N failed"; the last line sums them all.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
total_pass=0 total_fail=0 failed_parts=""

# run NAME CMD...: run one part, add its closing "N passed, N failed" to the totals
run() {
	name="$1 ($build)"
	shift
	echo "== $name"
	out=$("$@" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
	if [ -z "$line" ]; then
		# CUnit: "tests  N  N  passed  failed  inactive"
		line=$(printf '%s\n' "$out" | awk '$1 == "tests" { print $4 " passed, " $5 " failed" }' | tail -n 1)
	fi
	p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	total_pass=$((total_pass + ${p:-0}))
	total_fail=$((total_fail + ${f:-0}))
	if [ $rc -ne 0 ]; then
		[ "${f:-0}" -eq 0 ] && total_fail=$((total_fail + 1))
		failed_parts="$failed_parts $name"
	fi
}

for build in "$@"; do
	bin=$top/$build/binprime
	case $build in
	*asan*)
		export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:allocator_may_return_null=1
		export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ;;
	*) unset ASAN_OPTIONS UBSAN_OPTIONS ;;
	esac
	run unit sh -c "cd '$top/tests' && '$top/$build/test-unit'"
	run cli sh "$top/tests/integration/cli.sh" "$bin"
	run stddata sh "$top/tests/integration/stddata.sh" "$bin"
	run schema sh "$top/tests/integration/schema.sh" "$bin"
	[ -f "$top/tests/integration/fixtures.sh" ] && run fixtures sh "$top/tests/integration/fixtures.sh" "$bin"
	run schema-forms sh "$top/tests/integration/schema_forms.sh" "$bin"
	run ddl-names sh "$top/tests/integration/ddl_names.sh" "$bin"
	case $build in
	*asan*) run literals env CC="clang -fsanitize=address,undefined -fno-sanitize-recover=all" \
			sh "$top/tests/integration/literals.sh" "$build" ;;
	*) run literals sh "$top/tests/integration/literals.sh" "$build" ;;
	esac
	run analyze sh "$top/tests/integration/analyze.sh" "$bin" "${BP_REAL_FIXTURES:-$top/../shared/fixtures/real}"
	run report sh "$top/tests/integration/report.sh" "$bin"
	run diff sh "$top/tests/integration/diff.sh" "$bin"
	run html sh "$top/tests/integration/html.sh" "$bin"
	run replay sh "$top/tests/integration/replay.sh" "$bin"
	run testsuite-tables sh "$top/tests/integration/testsuite_tables.sh" "$bin"
	run corpus sh "$top/tests/integration/corpus.sh" "$bin" "${BP_REAL_FIXTURES:-$top/../shared/fixtures/real}"
	[ -f "$top/tests/fuzz/regress.sh" ] && run fuzz-regress sh "$top/tests/fuzz/regress.sh" "$bin"
	case $build in
	*asan*) ;;
	*) run prefetch sh "$top/tests/integration/prefetch.sh" "$bin"
	   command -v valgrind >/dev/null && run valgrind sh "$top/tests/valgrind.sh" "$build" ;;
	esac
done

echo "== summary ($*)"
[ -n "$failed_parts" ] && echo "failed parts:$failed_parts"
echo "$total_pass passed, $total_fail failed"
[ $total_fail -eq 0 ] && [ -z "$failed_parts" ]
