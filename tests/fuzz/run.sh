#!/bin/sh
# run.sh: build a libFuzzer harness and run it: the decoder's (default) or,
# with FUZZ_TARGET=dml, the DML parser's (tests/fuzz/fuzz_dml.c).
#
#   sh tests/fuzz/run.sh                      (make fuzz)
#   sh tests/fuzz/run.sh build                only build build-fuzz/fuzz_decoder
#   FUZZ_TARGET=dml sh tests/fuzz/run.sh      the DML parser (build-fuzz/fuzz_dml)
#
# FUZZ_TARGET=dml compiles common/, analyzer/ and rewriter/ instead, seeds
# build-fuzz/seeds-dml with the statements of tests/unit/rewriter/test_dml.c,
# the QUERY events of fixtures/binlog/*.bin (through build/binprime, when
# built) and tests/fuzz/regress-sql/, each behind a selector byte (see
# fuzz_dml.c), uses a generated SQL dictionary, and keeps its corpus in
# build-fuzz/corpus-dml and its findings in build-fuzz/artifacts-dml/.
#
# Builds tests/fuzz/fuzz_decoder.c with clang -fsanitize=fuzzer,address,undefined
# against the library sources of common/ analyzer/ report/, compiled here into
# build-fuzz/ (independent of the main build), seeds build-fuzz/seeds from
# fixtures/binlog/*.bin, the binlogs of mariadb-test-data (std_data and
# suite/*/std_data) and, read in place, ../shared/fixtures/real/, then fuzzes
# with tests/fuzz/binlog.dict. New inputs go to build-fuzz/corpus (kept between
# runs), findings to build-fuzz/artifacts/.
#
# Environment:
#   FUZZ_TIME=S      stop after S seconds (default 60)
#   FUZZ_RUNS=N      stop after N executions instead (per worker)
#   FUZZ_JOBS=N      parallel workers (default 2, libFuzzer -jobs=N -workers=N)
#   FUZZ_MAX_LEN=B   largest input (default 8192; 4096 for dml)
#   FUZZ_TARGET=T    decoder (default) or dml
#   FUZZ_SAN=flags   sanitizer flags (default ASan+UBSan; "" for a faster run without)
#   FUZZ_BUILD=dir   build directory (default build-fuzz; use another with FUZZ_SAN)
#   FUZZ_ARENA=real  link common/arena.c instead of the one-malloc-per-block
#                    arena of tests/fuzz/fuzz_arena.c (exact ASan bounds)
#   FUZZ_ARGS=...    more libFuzzer flags
#   CLANG=clang
#
# Exit status: 0 when the run ended without a finding; 1 when libFuzzer reported
# a crash, leak, UBSan error, timeout or OOM (the reproducer stays in
# build-fuzz/artifacts/; replay it with `build-fuzz/fuzz_decoder FILE`; a mode-2
# input becomes a plain binlog with BP_FUZZ_DUMP=out.bin build-fuzz/fuzz_decoder FILE).
set -eu

cd "$(dirname "$0")/../.."
B=${FUZZ_BUILD:-build-fuzz}
CLANG=${CLANG:-clang}
JOBS=${FUZZ_JOBS:-2}
TARGET=${FUZZ_TARGET:-decoder}
PKGS="libmariadb libxml-2.0 libcjson libzstd zlib"
case $TARGET in
decoder)
	MAX_LEN=${FUZZ_MAX_LEN:-8192}
	SRC_DIRS="common analyzer rewriter report"
	CORPUS=$B/corpus ARTS=$B/artifacts ;;
dml)
	MAX_LEN=${FUZZ_MAX_LEN:-4096}
	SRC_DIRS="common analyzer rewriter"
	CORPUS=$B/corpus-dml ARTS=$B/artifacts-dml ;;
*) echo "fuzz: unknown FUZZ_TARGET $TARGET (decoder, dml)" >&2; exit 1 ;;
esac
BIN=$B/fuzz_$TARGET

command -v "$CLANG" >/dev/null 2>&1 || { echo "fuzz: $CLANG not found (sh share/deps.sh)" >&2; exit 1; }
mkdir -p "$B/obj" "$CORPUS" "$ARTS"

SAN=${FUZZ_SAN-"-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"}
# BP_READER_TEST_BUF: the reader starts with a 256-byte buffer (instead of one
# that holds a whole small file), so its refill, move and grow paths are fuzzed
CFLAGS="-std=c11 -D_GNU_SOURCE -DBP_VERSION=\"fuzz\" -DBP_READER_TEST_BUF=256 -O2 -g $SAN -I. $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS) -lm"

# ---- build -------------------------------------------------------------------
# An object is rebuilt when its source or any header of the tree is newer.
newest_hdr=$(ls -t common/*.h common/*.def analyzer/*.h report/*.h rewriter/*.h 2>/dev/null | head -n 1)
# and everything when the flags changed
if [ "$(cat "$B/obj/flags" 2>/dev/null)" != "$CLANG $CFLAGS" ]; then
	rm -f "$B"/obj/*.o
	echo "$CLANG $CFLAGS" >"$B/obj/flags"
fi
srcs=""
for f in $(for d in $SRC_DIRS; do echo "$d"/*.c; done); do
	[ -f "$f" ] || continue
	if [ "$f" = common/arena.c ] && [ "${FUZZ_ARENA:-}" != real ]; then
		continue
	fi
	srcs="$srcs $f"
done
if [ "${FUZZ_ARENA:-}" != real ]; then srcs="$srcs tests/fuzz/fuzz_arena.c"; fi
objs=""
for f in $srcs; do
	o=$B/obj/$(echo "$f" | tr / _ | sed 's/\.c$/.o/')
	objs="$objs $o"
	if [ ! -f "$o" ] || [ -n "$(find "$f" $newest_hdr -newer "$o" 2>/dev/null)" ]; then
		echo "$f $o"
	fi
done >"$B/todo"
if [ -s "$B/todo" ]; then
	echo "fuzz: compiling $(wc -l <"$B/todo") sources" >&2
	# two at a time; any failure stops the run
	pids="" np=0
	while read -r f o; do
		# shellcheck disable=SC2086
		# common/ and the arena: sanitizers but no coverage (a comparison per output
		# byte in buf.c costs a third of the time and guides nothing)
		case $f in
		common/* | tests/*) cov= ;;
		*) cov=-fsanitize=fuzzer-no-link ;;
		esac
		$CLANG $CFLAGS $cov -c -o "$o" "$f" &
		pids="$pids $!" np=$((np + 1))
		if [ $np -ge 2 ]; then
			for p in $pids; do wait "$p" || exit 1; done
			pids="" np=0
		fi
	done <"$B/todo"
	for p in $pids; do wait "$p" || exit 1; done
fi
rm -f "$B/libfuzz.a"
# shellcheck disable=SC2086
ar rcs "$B/libfuzz.a" $objs
# shellcheck disable=SC2086
$CLANG $CFLAGS -fsanitize=fuzzer -o "$BIN" "tests/fuzz/fuzz_$TARGET.c" "$B/libfuzz.a" $LIBS
[ "$TARGET" != decoder ] || cc -O2 -o "$B/seedgen" tests/fuzz/seedgen.c
if [ "${1:-}" = build ]; then
	echo "fuzz: built $BIN" >&2
	exit 0
fi

# ---- dml: seeds, dictionary, run ----------------------------------------------
# A seed is a selector byte (sql_mode bits, see fuzz_dml.c) and one statement.
# C and JSON escapes are undone roughly (\" \\ \n): seeds need not be exact.
dml_seeds() {
	d=$B/seeds-dml
	rm -rf "$d"
	mkdir -p "$d"
	n=0
	# seed NAME SELECTOR < statement (runs in a pipeline's subshell: the caller counts)
	seed() { { printf "\\$(printf %03o "$2")"; cat; } >"$d/$1"; }
	sed -n 's/^	{ "\(.*\)", [A-Z|0]*, [0-9]*,$/\1/p' tests/unit/rewriter/test_dml.c |
		sed 's/\\"/"/g; s/\\n/\n/g; s/\\\\/\\/g' >"$B/dml-cases.txt"
	while IFS= read -r l; do
		n=$((n + 1))
		printf '%s' "$l" | seed "c$n" 0
		printf '%s' "$l" | seed "m$n" $((n % 32))
	done <"$B/dml-cases.txt"
	if [ -x build/binprime ]; then
		for f in fixtures/binlog/*.bin; do
			build/binprime events -q --format=json "$f" 2>/dev/null | grep '"type":"QUERY"'
		done | sed -n 's/.*"query":"\(\([^"\\]\|\\.\)*\)".*/\1/p' | sort -u |
			sed 's/\\"/"/g; s/\\n/\n/g; s/\\t/\t/g; s/\\\\/\\/g' >"$B/dml-queries.txt"
		while IFS= read -r l; do
			n=$((n + 1))
			printf '%s' "$l" | seed "q$n" 0
		done <"$B/dml-queries.txt"
	fi
	for f in tests/fuzz/regress-sql/*; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		head -c "$MAX_LEN" "$f" | seed "r$n" 0
	done
	echo "fuzz: $(ls "$d" | wc -l) dml seeds in $d" >&2
	# the dictionary: keywords and operators of the grammar
	{
		for w in INSERT REPLACE UPDATE DELETE SET VALUES VALUE INTO SELECT FROM WHERE ORDER BY LIMIT JOIN \
			LEFT RIGHT INNER CROSS NATURAL STRAIGHT_JOIN ON USING DUPLICATE KEY IGNORE LOW_PRIORITY \
			DELAYED QUICK PARTITION AS NOT AND OR XOR IN IS NULL TRUE FALSE BETWEEN LIKE ESCAPE \
			REGEXP CASE WHEN THEN ELSE END CAST CONVERT INTERVAL DAY COLLATE BINARY EXISTS ROW \
			DEFAULT NAMES CHARACTER GLOBAL SESSION WITH RETURNING TRIM LEADING SUBSTRING FOR \
			EXTRACT NEXT PREVIOUS MATCH AGAINST OVER DIV MOD BEGIN COMMIT ROLLBACK XA LOAD DATA \
			INFILE TABLE LAST_INSERT_ID NOW CONCAT _utf8mb4 _binary _latin1; do
			echo "\"$w\""
		done
		for o in "(" ")" "," "." "=" "<=>" "<>" "!=" ":=" "||" "&&" "->" "->>" "@" "@@" "?" "{" "}" \
			"'" "\\\"" "\`" "/*" "*/" "/*!50001 " "/*+ " "-- " "#" "X'" "0x" "b'" "0b" "N'"; do
			printf '"%s"\n' "$o"
		done
	} >"$B/dml.dict"
}
if [ "$TARGET" = dml ]; then
	dml_seeds
	limit="-max_total_time=${FUZZ_TIME:-60}"
	[ -z "${FUZZ_RUNS:-}" ] || limit="-runs=$FUZZ_RUNS"
	top=$(pwd -P)
	ls "$ARTS" >"$B/artifacts-dml.before"
	rm -f "$B"/fuzz-dml-*.log
	echo "fuzz: $BIN $limit, $JOBS worker(s) (logs: $B/fuzz-dml.log, $B/fuzz-dml-N.log)" >&2
	fuzz_dml() {
		# shellcheck disable=SC2086
		ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
		UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
			"$top/$BIN" -dict="$top/$B/dml.dict" -max_len="$MAX_LEN" -timeout=30 -rss_limit_mb=4096 \
			-artifact_prefix="$top/$ARTS/" -print_final_stats=1 $limit "$@" ${FUZZ_ARGS:-} \
			"$top/$CORPUS" "$top/$B/seeds-dml"
	}
	set +e
	if [ "$JOBS" -le 1 ]; then
		fuzz_dml >"$B/fuzz-dml-0.log" 2>&1
		rc=$?
		cp "$B/fuzz-dml-0.log" "$B/fuzz-dml.log"
	else
		# libFuzzer names the worker logs fuzz-N.log in the current directory
		mkdir -p "$B/dml-jobs"
		(cd "$B/dml-jobs" && fuzz_dml -jobs="$JOBS" -workers="$JOBS") >"$B/fuzz-dml.log" 2>&1
		rc=$?
		for l in "$B"/dml-jobs/fuzz-*.log; do [ -f "$l" ] && cp "$l" "$B/fuzz-dml-$(basename "$l" .log | sed 's/fuzz-//').log"; done
	fi
	set -e
	execs=0
	for l in "$B"/fuzz-dml-*.log; do
		[ -f "$l" ] || continue
		e=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p; s/^Done \([0-9][0-9]*\) runs.*/\1/p; s/^stat::number_of_executed_units: *\([0-9]*\)/\1/p' "$l" |
			sort -n | tail -n 1)
		execs=$((execs + ${e:-0}))
	done
	echo "fuzz: exit $rc, $execs executions, corpus $(ls "$CORPUS" | wc -l) inputs"
	new=$(ls "$ARTS" | grep -vxF -f "$B/artifacts-dml.before" || true)
	found=$(cat "$B"/fuzz-dml-*.log 2>/dev/null | grep -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|SUMMARY: |deadly signal|fuzz_dml: ' | head -n 20 || true)
	if [ $rc -ne 0 ] || [ -n "$found" ] || [ -n "$new" ]; then
		grep -h -A 40 -m 1 -E 'ERROR|runtime error|deadly signal|fuzz_dml: ' "$B"/fuzz-dml-*.log >&2
		echo "fuzz: FAILED: new reproducers in $ARTS/:" >&2
		for f in $new; do echo "  $ARTS/$f"; done >&2
		exit 1
	fi
	exit 0
fi

# ---- seeds -------------------------------------------------------------------
# build-fuzz/seeds: whole small binlogs (mode 1) and event slices (mode 2).
# ../shared/fixtures/real is read in place (passed as a corpus dir), never copied.
rm -rf "$B/seeds"
mkdir -p "$B/seeds/files" "$B/seeds/slices"
is_binlog() { [ "$(od -An -N4 -tx1 "$1" 2>/dev/null | tr -d ' \n')" = fe62696e ]; }
list="$B/seed-list"
: >"$list"
for f in fixtures/binlog/*.bin; do
	if [ -f "$f" ]; then echo "$f" >>"$list"; fi
done
for d in /usr/share/mysql/mysql-test/std_data /usr/share/mysql/mysql-test/suite/*/std_data \
	/usr/share/mysql/mysql-test/plugin/*/*/std_data; do
	[ -d "$d" ] || continue
	find "$d" -type f -size -8M 2>/dev/null | while read -r f; do
		if is_binlog "$f"; then echo "$f"; fi
	done >>"$list"
done
real=../shared/fixtures/real
realdir=""
if [ -d "$real" ]; then
	realdir=$real
	find "$real" -type f | while read -r f; do
		if is_binlog "$f"; then echo "$f"; fi
	done >>"$list"
fi
n=0
while read -r f; do
	case $f in "$real"/*) continue ;; esac # read in place below
	n=$((n + 1))
	# mode-1 seeds: whole files (libFuzzer cuts them to -max_len)
	cp "$f" "$B/seeds/files/$n-$(basename "$f")"
done <"$list"
nslices=$(tr '\n' '\0' <"$list" | xargs -0 "$B/seedgen" "$B/seeds/slices" 2048 | awk '{s += $1} END {print s + 0}')
echo "fuzz: seeds: $n files, $nslices event slices, $( [ -n "$realdir" ] && echo "$real in place" || echo "no $real")" >&2

# ---- run ---------------------------------------------------------------------
limit="-max_total_time=${FUZZ_TIME:-60}"
if [ -n "${FUZZ_RUNS:-}" ]; then
	limit="-runs=$FUZZ_RUNS"
fi
top=$(pwd -P)
# findings of this run = artifacts that were not there before (a crash while
# libFuzzer reads the corpus may show only as a file)
ls "$B/artifacts" >"$B/artifacts.before"
rm -f "$B"/fuzz-*.log
echo "fuzz: $B/fuzz_decoder $limit, $JOBS worker(s) (logs: $B/fuzz.log, $B/fuzz-N.log)" >&2
fuzz() {
	# shellcheck disable=SC2086
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
		"$top/$B/fuzz_decoder" -dict="$top/tests/fuzz/binlog.dict" -max_len="$MAX_LEN" -timeout=30 \
		-rss_limit_mb=4096 -artifact_prefix="$top/$B/artifacts/" -print_final_stats=1 $limit \
		"$@" ${FUZZ_ARGS:-} "$top/$B/corpus" "$top/$B/seeds/files" "$top/$B/seeds/slices" $realdir
}
[ -z "$realdir" ] || realdir=$(cd "$realdir" && pwd -P)
set +e
if [ "$JOBS" -le 1 ]; then
	fuzz >"$B/fuzz-0.log" 2>&1
	rc=$?
	cp "$B/fuzz-0.log" "$B/fuzz.log"
else
	# -jobs: independent workers on one corpus dir (each picks up the others'
	# finds); each writes fuzz-N.log in the current directory
	(cd "$B" && fuzz -jobs="$JOBS" -workers="$JOBS") >"$B/fuzz.log" 2>&1
	rc=$?
fi
set -e

# total executions: per worker the largest count it printed ("#N" status
# lines, "Done N runs", final stats), summed
execs=0
for l in "$B"/fuzz-*.log; do
	[ -f "$l" ] || continue
	e=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p; s/^Done \([0-9][0-9]*\) runs.*/\1/p; s/^stat::number_of_executed_units: *\([0-9]*\)/\1/p' "$l" |
		sort -n | tail -n 1)
	execs=$((execs + ${e:-0}))
done
echo "fuzz: exit $rc, $execs executions, corpus $(ls "$B/corpus" | wc -l) inputs"
new=$(ls "$B/artifacts" | grep -vxF -f "$B/artifacts.before" || true)
found=$(cat "$B"/fuzz-*.log 2>/dev/null | grep -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|SUMMARY: |deadly signal|Test unit written' | head -n 20 || true)
if [ $rc -ne 0 ] || [ -n "$found" ] || [ -n "$new" ]; then
	for l in "$B"/fuzz-*.log; do
		grep -q -E 'ERROR|runtime error|deadly signal' "$l" && grep -A 40 -m 1 -E 'ERROR|runtime error|deadly signal' "$l" >&2
	done
	echo "fuzz: FAILED: new reproducers in $B/artifacts/:" >&2
	for f in $new; do echo "  $B/artifacts/$f"; done >&2
	exit 1
fi
exit 0
