#!/bin/sh
# literals.sh: prove on a real server that rewriter/literal.c's literals compare
# equal to the values they come from.
#
#   sh tests/integration/literals.sh [BUILD]      (from the project root; BUILD default build)
#
# Starts a throwaway mariadbd with a ROW binlog (full row metadata, so the log
# carries signedness and collations), creates one table per indexable type
# whose first column is the PRIMARY KEY, inserts edge values (from a session
# with a non-UTC time zone and a permissive sql_mode), updates every row (so the
# log has before images), then builds tests/integration/literal_probe.c against
# BUILD's objects. The probe turns every before-image key into
#   SELECT COUNT(*) FROM lit.t WHERE k = <literal>;
# and each count must be exactly 1: once in a session with the default
# sql_mode, once with sql_mode='ANSI_QUOTES,NO_BACKSLASH_ESCAPES', both after
# SET NAMES utf8mb4 and SET time_zone='+00:00' (what a generated script sets).
# Prints "literals: N passed, M failed" per mode; exits 1 on any failure, 77
# when no mariadbd is installed.
set -eu

BUILD=${1:-build}
cd "$(dirname "$0")/../.."
[ -x "${MARIADBD:-/usr/sbin/mariadbd}" ] || { echo "literals: SKIP (no mariadbd)"; exit 77; }
for o in "$BUILD"/common/buf.o "$BUILD"/rewriter/literal.o "$BUILD"/rewriter/charsets.o; do
	[ -f "$o" ] || { echo "literals: $o missing: build first (make BUILD=$BUILD)" >&2; exit 1; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bp-literals.XXXXXX")
srv=$tmp/srv
# shellcheck disable=SC2317 # called by the trap
cleanup() { sh tests/server.sh stop "$srv" >/dev/null 2>&1 || true; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

sh tests/server.sh start "$srv" --log-bin="$srv/bin" --binlog-format=ROW --binlog-row-image=FULL \
	--binlog-row-metadata=FULL >"$tmp/start.log" 2>&1 || { cat "$tmp/start.log" >&2; exit 1; }
sql() { mariadb --defaults-file="$srv/my.cnf" --default-character-set=utf8mb4 -N -B "$@"; }

# ---- tables and edge values -------------------------------------------------
# One table per key type: k the key, v a counter the UPDATE bumps.
sql <<'EOF'
SET NAMES utf8mb4;
SET time_zone = '+05:30';
SET sql_mode = '';
CREATE DATABASE lit;
USE lit;
CREATE TABLE tiny_s (k TINYINT PRIMARY KEY, v INT);
INSERT INTO tiny_s VALUES (-128,0),(127,0),(0,0),(-1,0);
CREATE TABLE tiny_u (k TINYINT UNSIGNED PRIMARY KEY, v INT);
INSERT INTO tiny_u VALUES (0,0),(255,0),(128,0);
CREATE TABLE small_s (k SMALLINT PRIMARY KEY, v INT);
INSERT INTO small_s VALUES (-32768,0),(32767,0);
CREATE TABLE medium_u (k MEDIUMINT UNSIGNED PRIMARY KEY, v INT);
INSERT INTO medium_u VALUES (0,0),(16777215,0),(8388608,0);
CREATE TABLE int_s (k INT PRIMARY KEY, v INT);
INSERT INTO int_s VALUES (-2147483648,0),(2147483647,0),(0,0);
CREATE TABLE big_s (k BIGINT PRIMARY KEY, v INT);
INSERT INTO big_s VALUES (-9223372036854775808,0),(9223372036854775807,0);
CREATE TABLE big_u (k BIGINT UNSIGNED PRIMARY KEY, v INT);
INSERT INTO big_u VALUES (18446744073709551615,0),(9223372036854775808,0),(0,0);
CREATE TABLE dec30 (k DECIMAL(30,10) PRIMARY KEY, v INT);
INSERT INTO dec30 VALUES (-12345678901234567890.1234567890,0),(-0.0000000001,0),(0,0),
  (99999999999999999999.9999999999,0),(-1.5,0);
CREATE TABLE dec65 (k DECIMAL(65,0) PRIMARY KEY, v INT);
INSERT INTO dec65 VALUES (-99999999999999999999999999999999999999999999999999999999999999999,0),(12345678901234567890,0);
CREATE TABLE flt (k FLOAT PRIMARY KEY, v INT);
INSERT INTO flt VALUES (0.1,0),(-3.4028234e38,0),(1.1754944e-38,0),(1.4e-45,0),(3.1415927,0),(16777216,0),
  (0.5,0),(123456.79,0);
CREATE TABLE dbl (k DOUBLE PRIMARY KEY, v INT);
INSERT INTO dbl VALUES (0.1,0),(1.7976931348623157e308,0),(-2.2250738585072014e-308,0),(4.9406564584124654e-324,0),
  (1e15,0),(123456789012345680,0),(0.5,0),(0,0),(-1e-5,0),(1.0000000000000002,0);
CREATE TABLE bit10 (k BIT(10) PRIMARY KEY, v INT);
INSERT INTO bit10 VALUES (b'0',0),(b'1111111111',0),(b'1000000000',0),(b'0000000001',0);
CREATE TABLE bit64 (k BIT(64) PRIMARY KEY, v INT);
INSERT INTO bit64 VALUES (0xffffffffffffffff,0),(0x8000000000000000,0);
CREATE TABLE yr (k YEAR PRIMARY KEY, v INT);
INSERT INTO yr VALUES (0000,0),(1901,0),(2155,0),(2000,0),(1999,0);
CREATE TABLE dt (k DATE PRIMARY KEY, v INT);
INSERT INTO dt VALUES ('1000-01-01',0),('9999-12-31',0),('0000-00-00',0),('2020-02-29',0),('2020-00-00',0);
CREATE TABLE tm (k TIME(6) PRIMARY KEY, v INT);
INSERT INTO tm VALUES ('-838:59:59.000000',0),('838:59:59',0),('-00:00:00.000001',0),('00:00:00',0),('-12:34:56.5',0);
CREATE TABLE tm0 (k TIME PRIMARY KEY, v INT);
INSERT INTO tm0 VALUES ('-838:59:59',0),('100:00:01',0);
CREATE TABLE dtm (k DATETIME(3) PRIMARY KEY, v INT);
INSERT INTO dtm VALUES ('1000-01-01 00:00:00.000',0),('9999-12-31 23:59:59.999',0),('2020-01-02 03:04:05.5',0),
  ('0000-00-00 00:00:00',0);
CREATE TABLE ts (k TIMESTAMP(6) NOT NULL PRIMARY KEY, v INT);
INSERT INTO ts VALUES ('1970-01-01 05:30:01.000000',0),('2038-01-19 08:44:07.999999',0),
  ('2020-06-01 12:00:00.123456',0),('0000-00-00 00:00:00',0);
SET time_zone = '-08:00';
INSERT INTO ts VALUES ('2021-03-14 01:59:59.5',0);
SET time_zone = '+05:30';
CREATE TABLE ts0 (k TIMESTAMP NOT NULL PRIMARY KEY, v INT);
INSERT INTO ts0 VALUES ('2001-09-09 07:16:40',0),('1999-12-31 23:59:59',0);
CREATE TABLE chr (k CHAR(10) CHARACTER SET utf8mb4 PRIMARY KEY, v INT);
INSERT INTO chr VALUES ('ab  ',0),('it''s ',0),('back\\sl',0),(' lead',0),('é ü',0),('',0),('"dq"',0),
  ('tab\there',0);
CREATE TABLE chr_nopad (k CHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin PRIMARY KEY, v INT);
INSERT INTO chr_nopad VALUES ('ab  ',0),(' x',0);
CREATE TABLE vlatin1 (k VARCHAR(20) CHARACTER SET latin1 PRIMARY KEY, v INT);
INSERT INTO vlatin1 VALUES ('café',0),('plain',0),('a\\b',0),('x''y',0),('€ euro',0),('',0);
CREATE TABLE vlatin1_bin (k VARCHAR(20) CHARACTER SET latin1 COLLATE latin1_nopad_bin PRIMARY KEY, v INT);
INSERT INTO vlatin1_bin VALUES ('a',0),('a ',0),('a  ',0),('É',0);
CREATE TABLE vmb4 (k VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PRIMARY KEY, v INT);
INSERT INTO vmb4 VALUES ('😀',0),('a😀b',0),('new\nline',0),('nul\0x',0),('q''q',0),('sl\\',0),('日本語',0);
CREATE TABLE vmb3 (k VARCHAR(20) CHARACTER SET utf8mb3 PRIMARY KEY, v INT);
INSERT INTO vmb3 VALUES ('abc',0),('é',0),('a''b',0),('ß\\',0);
CREATE TABLE vuca (k VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_uca1400_ai_ci PRIMARY KEY, v INT);
INSERT INTO vuca VALUES ('Straße',0),('x',0);
CREATE TABLE vucs2 (k VARCHAR(20) CHARACTER SET ucs2 PRIMARY KEY, v INT);
INSERT INTO vucs2 VALUES ('abc',0),('é',0),('',0),('a\\''',0);
CREATE TABLE cutf32 (k CHAR(5) CHARACTER SET utf32 PRIMARY KEY, v INT);
INSERT INTO cutf32 VALUES ('ab ',0),('é',0),('😀',0);
CREATE TABLE vutf16le (k VARCHAR(10) CHARACTER SET utf16le PRIMARY KEY, v INT);
INSERT INTO vutf16le VALUES ('ab',0),('😀',0);
CREATE TABLE vsjis (k VARCHAR(10) CHARACTER SET sjis PRIMARY KEY, v INT);
INSERT INTO vsjis VALUES ('表',0),('ソ',0),('abc',0);
CREATE TABLE vswe7 (k VARCHAR(10) CHARACTER SET swe7 PRIMARY KEY, v INT);
INSERT INTO vswe7 VALUES (_swe7 X'5b5c5d',0),('abc',0);
CREATE TABLE bin8 (k BINARY(8) PRIMARY KEY, v INT);
INSERT INTO bin8 VALUES (X'0102000000000000',0),(X'',0),(X'4142434445464748',0),(X'27005c0000',0),(X'20',0);
CREATE TABLE vbin (k VARBINARY(20) PRIMARY KEY, v INT);
INSERT INTO vbin VALUES (X'00',0),(X'27',0),(X'5c',0),(X'00275c',0),(X'',0),(X'0000',0),(X'20',0);
CREATE TABLE en (k ENUM('a','b','c') PRIMARY KEY, v INT);
INSERT INTO en VALUES ('a',0),('c',0),('',0);
CREATE TABLE st (k SET('x','y','z') PRIMARY KEY, v INT);
INSERT INTO st VALUES ('',0),('x',0),('x,z',0),('x,y,z',0);
CREATE TABLE uk (k VARCHAR(10) CHARACTER SET latin1 COLLATE latin1_german2_ci NOT NULL, id INT AUTO_INCREMENT PRIMARY KEY,
  v INT, UNIQUE KEY (k));
INSERT INTO uk (k, v) VALUES ('Müller',0),('mueller x',0),('O''Neil',0);
EOF

# UPDATE every row of every table in lit, so the log has before images.
sql -e "SELECT CONCAT('UPDATE lit.', TABLE_NAME, ' SET v = v + 1;') FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'lit'" \
	| sql
sql -e "FLUSH BINARY LOGS"

# ---- the probe ----------------------------------------------------------------
pkgs="libmariadb libxml-2.0 libcjson libzstd zlib"
# through an archive, so only the modules the probe needs are linked (a
# half-written module elsewhere in rewriter/ does not break the check)
ar rcs "$tmp/libbp.a" "$BUILD"/common/*.o "$BUILD"/analyzer/*.o "$BUILD"/rewriter/*.o
# CC, the pkg-config flags and the package list are word lists: split on purpose
# shellcheck disable=SC2046,SC2086
${CC:-cc} -std=c11 -D_GNU_SOURCE -Wall -Wextra -I. $(pkg-config --cflags $pkgs) -o "$tmp/literal_probe" \
	tests/integration/literal_probe.c "$tmp/libbp.a" $(pkg-config --libs $pkgs) -lm
"$tmp/literal_probe" "$srv"/bin.[0-9]* >"$tmp/queries.sql" 2>"$tmp/literals.txt" ||
	{ echo "literals: the probe could not read the log:" >&2; cat "$tmp/literals.txt" >&2; exit 1; }
total=$(wc -l <"$tmp/queries.sql")
[ "$total" -gt 0 ] || { echo "literals: the probe found no UPDATE rows" >&2; exit 1; }

# ---- check on the server, per sql_mode --------------------------------------------
fail=0
check() { # mode label
	{
		echo "SET NAMES utf8mb4; SET time_zone = '+00:00'; SET sql_mode = '$1';"
		cat "$tmp/queries.sql"
	} | sql >"$tmp/counts.txt" 2>"$tmp/err.txt" || true
	paste "$tmp/counts.txt" "$tmp/literals.txt" >"$tmp/joined.txt"
	passed=$(awk -F '\t' '$1 == "1"' "$tmp/joined.txt" | wc -l)
	failed=$((total - passed))
	echo "literals ($2): $passed passed, $failed failed"
	if [ "$failed" -ne 0 ]; then
		awk -F '\t' '$1 != "1" { print "  count " $1 ": " $2 }' "$tmp/joined.txt"
		# a server error stops the batch: the rest have no count at all
		[ -s "$tmp/err.txt" ] && sed 's/^/  server: /' "$tmp/err.txt"
		fail=1
	fi
}
check "" "default sql_mode"
check "ANSI_QUOTES,NO_BACKSLASH_ESCAPES" "ANSI_QUOTES,NO_BACKSLASH_ESCAPES"
exit $fail
