#!/bin/sh
# replay.sh: `binprime replay` against a real mariadbd (tests/server.sh, loopback,
# a free port, everything under /tmp/bp-replay.*; the server is always stopped).
#
#   sh tests/integration/replay.sh BUILD_DIR      (or the path of a binprime binary)
#
#  1. The test records its own log: tables rp.t (PK, secondary, unique), rp.c
#     (FK child), ROW format, UPDATE/DELETE/INSERT; `binprime analyze --schema
#     DUMP --sql` writes the script. Replayed (--concurrency 4, --report): as many
#     statements sent as the script has SELECTs, rows returned = the rows
#     `mariadb < script` prints, no errors, per-class counts add up to the total,
#     the JSON validates against share/replay.schema.json; every session ran
#     SET SESSION TRANSACTION READ ONLY and max_statement_time (general log).
#  2. Hostile scripts, each refused as a whole before anything is sent: exit 2,
#     the file:line named, no new connection in the server's general log, and
#     CHECKSUM TABLE of every table unchanged at the end.
#  3. The password: a replay with --password=secret (a user with that password)
#     running in the background; /proc/PID/cmdline never shows it; SIGINT then
#     stops it with status 130 and the report of what ran is still written.
#     MYSQL_PWD works with a warning.
#  4. Options: --limit, --rate (takes the time it must), --duration,
#     --defaults-file with --defaults-group-suffix and the [binprime] group,
#     --require-read-only-server (refused on read_only=OFF, runs on ON), a lost
#     connection (KILL) is reconnected and counted; --ssl-mode=REQUIRED is refused
#     by a server without TLS.
#     An 80 MB script is checked whole and replayed with a peak RSS under 24 MB
#     (read in a sliding window); a write on its last line is refused first.
#  5. TLS against a second server with a test CA's certificate: REQUIRED encrypts
#     (Ssl_accepts), VERIFY_IDENTITY passes with the CA, VERIFY_CA fails with
#     another CA, DISABLED does not encrypt.
#  6. --pace original[xF] takes the log's time (from the comments' TIME); --follow
#     against a replica of the test server (a third mariadbd): with its SQL thread
#     stopped exactly the statements within --max-ahead are sent; with it running
#     every statement is sent or dropped as late, never more than --max-ahead
#     ahead; by coordinates (comments without GTIDs) after the apply all are late.
# Prints "N passed, N failed"; exits non-zero on any failure. About 20 s.
set -u
arg=${1:?usage: sh tests/integration/replay.sh BUILD_DIR|BINPRIME}
top=$(cd "$(dirname "$0")/../.." && pwd -P)
if [ -d "$arg" ]; then bin=$(cd "$arg" && pwd -P)/binprime; else bin=$arg; fi
work=$(mktemp -d /tmp/bp-replay.XXXXXX)
srv=$work/srv
pass=0 fail=0 done_=
finish() {
	sh "$top/tests/server.sh" stop "$srv" >/dev/null 2>&1
	sh "$top/tests/server.sh" stop "$work/tls-srv" >/dev/null 2>&1
	sh "$top/tests/server.sh" stop "$work/rep" >/dev/null 2>&1
	if [ -z "$done_" ]; then
		fail=$((fail + 1))
		echo "FAIL: stopped early"
		echo "$pass passed, $fail failed"
	fi
	if [ -n "${RP_KEEP:-}" ]; then echo "kept: $work"; else rm -rf "$work"; fi
}
trap finish EXIT
trap 'exit 1' INT TERM HUP
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check DESCRIPTION COMMAND...
	d=$1
	shift
	if "$@"; then ok; else bad "$d"; fi
}

[ -x "$bin" ] || { echo "$bin not built"; exit 1; }
sh "$top/tests/server.sh" start "$srv" --log-bin="$srv/bin" --binlog-format=ROW --server-id=1 \
	--general-log=1 --general-log-file="$work/general.log" >/dev/null || exit 1
cnf=$srv/my.cnf
port=$(cat "$srv/port")
sql() { mariadb --defaults-file="$cnf" --batch --skip-column-names "$@"; }
status_of() { sql -e "SHOW GLOBAL STATUS LIKE '$1'" | awk '{ print $2 }'; }
connects() { grep -c '[[:space:]]Connect[[:space:]]' "$work/general.log"; }
jq_() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print($2)" "$1"; }

# ---- 1. a recorded log, its script, the replay ---------------------------------------------
sql <<'EOF'
CREATE DATABASE rp;
USE rp;
CREATE TABLE rp.t (id INT PRIMARY KEY, k INT NOT NULL, u VARCHAR(20) NOT NULL, v VARCHAR(40),
  KEY k_k (k), UNIQUE KEY u_u (u)) ENGINE=InnoDB;
CREATE TABLE rp.c (id INT PRIMARY KEY AUTO_INCREMENT, t_id INT NOT NULL, note VARCHAR(20),
  KEY k_t (t_id), CONSTRAINT fk_t FOREIGN KEY (t_id) REFERENCES rp.t (id)) ENGINE=InnoDB;
INSERT INTO rp.t SELECT seq, seq % 17, CONCAT('u', seq), CONCAT('v', seq) FROM seq_1_to_2000;
INSERT INTO rp.c (t_id, note) SELECT seq * 3, 'n' FROM seq_1_to_300;
CREATE TABLE rp.x (id INT PRIMARY KEY) ENGINE=InnoDB;
INSERT INTO rp.x VALUES (1), (2), (3);
SET GLOBAL log_bin_trust_function_creators = 1;
DELIMITER //
CREATE FUNCTION rp.wipe() RETURNS INT MODIFIES SQL DATA BEGIN DELETE FROM rp.x; RETURN 1; END//
DELIMITER ;
CREATE USER 'rp'@'127.0.0.1' IDENTIFIED BY 'secret';
CREATE USER 'rp'@'localhost' IDENTIFIED BY 'secret';
GRANT SELECT, EXECUTE ON rp.* TO 'rp'@'127.0.0.1';
GRANT SELECT, EXECUTE ON rp.* TO 'rp'@'localhost';
FLUSH BINARY LOGS;
EOF
log=$(sql -e "SHOW MASTER STATUS" | awk '{ print $1 }')
sql <<'EOF'
SET SESSION binlog_format = ROW;
UPDATE rp.t SET v = CONCAT(v, 'x') WHERE id % 7 = 0;
UPDATE rp.t SET k = k + 1 WHERE id BETWEEN 100 AND 160;
DELETE FROM rp.c WHERE id % 5 = 0;
DELETE FROM rp.t WHERE id > 1990;
INSERT INTO rp.t VALUES (5001, 1, 'n5001', NULL), (5002, 2, 'n5002', 'w');
UPDATE rp.t SET u = CONCAT(u, 'z') WHERE id BETWEEN 40 AND 60;
INSERT INTO rp.c (t_id, note) SELECT id, 'm' FROM rp.t WHERE id BETWEEN 500 AND 540;
FLUSH BINARY LOGS;
EOF
mariadb-dump --defaults-file="$cnf" --no-data --skip-triggers --databases rp >"$work/schema.sql" 2>/dev/null
script=$work/script.sql
"$bin" analyze --quiet --schema "$work/schema.sql" --sql "$script" "$srv/$log"
check "analyze writes the script" test -s "$script"
n_sel=$(grep -c '^SELECT' "$script")
check "the script has SELECTs ($n_sel)" test "$n_sel" -gt 100
exp_rows=$(sql <"$script" | wc -l)

c0=$(connects)
out=$("$bin" replay --defaults-file="$cnf" --concurrency 4 --report "$work/r.json" "$script" 2>&1)
rc=$?
check "replay exits 0 (got $rc: $out)" test $rc -eq 0
check "connections made: 4" test $(($(connects) - c0)) -eq 4
check "all statements sent" test "$(jq_ "$work/r.json" "r['total']['count']")" = "$n_sel"
check "no errors" test "$(jq_ "$work/r.json" "r['total']['errors']")" = 0
got_rows=$(jq_ "$work/r.json" "r['total']['rows']")
check "rows returned = rows the client prints ($got_rows vs $exp_rows)" test "$got_rows" = "$exp_rows"
check "classes add up" test "$(jq_ "$work/r.json" "sum(c['count'] for c in r['classes'])")" = "$n_sel"
check "the per-second timeline adds up" test "$(jq_ "$work/r.json" "sum(r['throughput_per_second'])")" = "$n_sel"
check "stopped_by end" test "$(jq_ "$work/r.json" "r['stopped_by']")" = end
check "text summary printed" sh -c "printf '%s' \"\$1\" | grep -q '^# all '" - "$out"
if python3 -c 'import jsonschema' 2>/dev/null; then
	check "report validates against share/replay.schema.json" python3 -c '
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' "$work/r.json" "$top/share/replay.schema.json"
	check "the schema is not vacuous: a report without 'total' fails" python3 -c '
import json, sys, jsonschema
r = json.load(open(sys.argv[1])); del r["total"]
try:
    jsonschema.validate(r, json.load(open(sys.argv[2])))
except jsonschema.ValidationError:
    sys.exit(0)
sys.exit(1)' "$work/r.json" "$top/share/replay.schema.json"
else
	bad "python3 jsonschema missing (sh share/deps.sh)"
fi
"$bin" replay --defaults-file="$cnf" --limit 5 --report - "$script" >"$work/stdout.json" 2>"$work/stderr.txt"
check "--report - : JSON on stdout, the summary on stderr" sh -c \
	"python3 -c 'import json,sys; json.load(open(sys.argv[1]))' '$work/stdout.json' && grep -q '^# all ' '$work/stderr.txt'"
ro=$(grep -c 'SET SESSION TRANSACTION READ ONLY' "$work/general.log")
mst=$(grep -c 'SET SESSION max_statement_time = 1.000000' "$work/general.log")
check "each session was made read-only ($ro) with a time limit ($mst)" test "$ro" -ge 4 -a "$mst" -ge 4

# ---- 2. hostile scripts --------------------------------------------------------------------
sums_before=$(sql -e "CHECKSUM TABLE rp.t, rp.c, rp.x EXTENDED")
hdr='SET SESSION TRANSACTION READ ONLY;
SET NAMES utf8mb4;
SET SESSION time_zone = '"'"'+00:00'"'"';
SELECT 1 FROM `rp`.`t` FORCE INDEX(`PRIMARY`) WHERE `id` = 1; /* a:4 - pk-point PRIMARY before */'
i=0
hostile() { # hostile LINE_THAT_MUST_BE_NAMED TEXT
	i=$((i + 1))
	f=$work/hostile$i.sql
	printf '%s\n%s\nSELECT 2;\n' "$hdr" "$2" >"$f"
	c0=$(connects)
	q0=$(grep -c 'Query' "$work/general.log")
	err=$("$bin" replay --defaults-file="$cnf" "$f" 2>&1 >/dev/null)
	rc=$?
	check "hostile $i refused with exit 2 (got $rc): $2" test $rc -eq 2
	check "hostile $i names $f:$1 ($err)" sh -c "printf '%s' \"\$1\" | grep -qF \"\$2\"" - "$err" "$f:$1:"
	check "hostile $i: nothing sent" test "$(connects)" -eq "$c0" -a "$(grep -c Query "$work/general.log")" -eq "$q0"
}
hostile 5 'INSERT INTO rp.x VALUES (9);'
hostile 5 'UPDATE rp.x SET id = id + 10;'
hostile 5 'DELETE FROM rp.x;'
hostile 5 'DROP TABLE rp.x;'
hostile 5 'SELECT 1; DROP TABLE rp.x;'
hostile 5 "SELECT 'a'; DELETE FROM rp.x; SELECT '';"
hostile 5 "SELECT 1 FROM rp.t WHERE u = ''; DELETE FROM rp.x WHERE '' = '';"
hostile 5 "SELECT 1 FROM rp.t WHERE u = 'x\\'; DELETE FROM rp.x; -- ';"
hostile 5 'SELECT 1 /* ; DROP TABLE rp.x; */ FROM rp.t;'
hostile 5 'SELECT 1 /*!99999 ; DROP TABLE rp.x */;'
hostile 5 '/*!50000 DELETE FROM rp.x */;'
hostile 5 'SELECT * FROM rp.x INTO OUTFILE "/tmp/bp-replay-outfile";'
hostile 5 'SELECT * FROM rp.x FOR UPDATE;'
hostile 5 'SELECT * FROM rp.x LOCK IN SHARE MODE;'
hostile 5 'SELECT rp.wipe();'
hostile 5 'SELECT `wipe`();'
hostile 5 'SELECT wipe() FROM rp.x;'
hostile 5 'SELECT SLEEP(5);'
hostile 5 'SELECT GET_LOCK("a", 1);'
hostile 5 'SELECT @a := 1;'
hostile 5 'SELECT /*+ MAX_EXECUTION_TIME(1) */ 1;'
hostile 5 'SELECT NEXT VALUE FOR rp.s;'
hostile 5 'CALL rp.p();'
hostile 5 'SET GLOBAL read_only = 1;'
hostile 5 'SELECT 1 FROM rp.t WHERE u = "x";'
hostile 5 'SELECT 1 FROM rp.t WHERE u = '"'unterminated;"
hostile 6 'SELECT 1 FROM rp.t
; DO SLEEP(1);'
hostile 5 'SET SESSION TRANSACTION READ ONLY;'
printf '%s\nSELECT 1 FROM rp.t WHERE id = 1' "$hdr" >"$work/trunc.sql"
"$bin" replay --defaults-file="$cnf" "$work/trunc.sql" >/dev/null 2>&1
check "a script whose last statement has no ';' is refused" test $? -eq 2
check "rp.x still has its rows" test "$(sql -e 'SELECT COUNT(*) FROM rp.x')" = 3
check "no OUTFILE written" test ! -e /tmp/bp-replay-outfile

# ---- 3. the password -----------------------------------------------------------------------
long=$work/long.sql
{ printf '%s\n' "$hdr"; for j in $(seq 1 400); do echo "SELECT COUNT(*) FROM \`rp\`.\`t\` WHERE \`id\` = $j; /* x:$j - pk-point PRIMARY before */"; done; } >"$long"
"$bin" replay --host 127.0.0.1 --port "$port" --user rp --password=secret --rate 100 --concurrency 2 \
	--report "$work/int.json" "$long" >"$work/int.out" 2>&1 &
pid=$!
sleep 1
leak=0 seen=0
for _ in 1 2 3 4 5; do
	if [ -r "/proc/$pid/cmdline" ]; then
		seen=1
		tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q secret && leak=1
	fi
	sleep 0.2
done
check "the replay was running (cmdline read)" test $seen -eq 1
check "the password is not in /proc/PID/cmdline" test $leak -eq 0
kill -INT "$pid"
wait "$pid"
rc=$?
check "SIGINT: exit 130 (got $rc)" test $rc -eq 130
check "SIGINT: the report is written, stopped by signal" test "$(jq_ "$work/int.json" "r['stopped_by']")" = signal
sent=$(jq_ "$work/int.json" "r['total']['count']")
check "SIGINT: some but not all statements ran ($sent)" test "$sent" -gt 0 -a "$sent" -lt 400
out=$(MYSQL_PWD=secret "$bin" replay --host 127.0.0.1 --port "$port" --user rp --limit 3 "$long" 2>&1)
check "MYSQL_PWD works, with a warning ($out)" sh -c "printf '%s' \"\$1\" | grep -q 'MYSQL_PWD is insecure'" - "$out"
# --password alone: asked on the terminal (a pty here), not echoed; the progress line is drawn there
pty_out=$(python3 - "$bin" "$port" "$long" <<'PY'
import os, pty, sys, time
bin_, port, script = sys.argv[1:4]
pid, fd = pty.fork()
if pid == 0:
    os.execv(bin_, [bin_, "replay", "--host", "127.0.0.1", "--port", port, "--user", "rp", "--password",
                    "--limit", "60", "--rate", "40", script])
out, sent, t0 = b"", False, time.time()
while time.time() - t0 < 20:
    try:
        b = os.read(fd, 4096)
    except OSError:
        break
    if not b:
        break
    out += b
    if not sent and b"Enter password: " in out:
        os.write(fd, b"secret\n")
        sent = True
_, st = os.waitpid(pid, 0)
print("exit=%d" % (os.WEXITSTATUS(st) if os.WIFEXITED(st) else 99))
print(out.decode("utf-8", "replace"))
PY
)
check "--password alone prompts on the terminal and connects" sh -c "printf '%s' \"\$1\" | grep -q '^exit=0' && printf '%s' \"\$1\" | grep -q 'Enter password:'" - "$pty_out"
check "the typed password is not echoed" sh -c "! printf '%s' \"\$1\" | grep -q secret" - "$pty_out"
check "a progress line on the terminal" sh -c "printf '%s' \"\$1\" | grep -q 'replay: [0-9]*/60 statements'" - "$pty_out"
"$bin" replay --host 127.0.0.1 --port "$port" --user rp --password=wrong --limit 3 "$long" >/dev/null 2>&1
check "a wrong password: exit 3" test $? -eq 3

# ---- 4. options ----------------------------------------------------------------------------
"$bin" replay --defaults-file="$cnf" --limit 7 -q --report "$work/lim.json" "$script"
check "--limit 7" test "$(jq_ "$work/lim.json" "r['total']['count']")" = 7
t0=$(date +%s%N)
"$bin" replay --defaults-file="$cnf" --limit 50 --rate 100 -q "$script"
dt=$((($(date +%s%N) - t0) / 1000000))
check "--rate 100 for 50 statements takes >= 480 ms ($dt)" test $dt -ge 480
"$bin" replay --defaults-file="$cnf" --rate 50 --duration 0.5 -q --report "$work/dur.json" "$long"
d=$(jq_ "$work/dur.json" "r['stopped_by']")
n=$(jq_ "$work/dur.json" "r['total']['count']")
check "--duration 0.5 at 50/s stops by duration after ~25 statements ($d, $n)" test "$d" = duration -a "$n" -ge 15 -a "$n" -le 30
cat >"$work/groups.cnf" <<EOF
[client]
host = 127.0.0.1
port = 1
user = nobody
[client_rp]
port = $port
[binprime_rp]
user = rp
password = "secret"
EOF
"$bin" replay --defaults-file="$work/groups.cnf" --defaults-group-suffix=_rp --limit 2 -q "$long"
check "--defaults-group-suffix reads [client_rp] and [binprime_rp]" test $? -eq 0
"$bin" replay --defaults-file="$work/groups.cnf" --port "$port" --user rp --password=secret --limit 2 -q "$long"
check "the command line wins over the option file" test $? -eq 0
printf '[client]\nport = %s\nuser = rp\npassword = secret\n' "$port" >"$work/extra.cnf"
HOME=$work "$bin" replay --host 127.0.0.1 --defaults-extra-file="$work/extra.cnf" --limit 2 -q "$long"
check "--defaults-extra-file" test $? -eq 0
"$bin" replay --defaults-file="$cnf" --require-read-only-server -q "$long" 2>/dev/null
check "--require-read-only-server refuses on read_only=OFF" test $? -eq 2
sql -e "SET GLOBAL read_only = ON"
"$bin" replay --defaults-file="$cnf" --require-read-only-server --limit 5 -q "$long"
check "--require-read-only-server runs on read_only=ON" test $? -eq 0
sql -e "SET GLOBAL read_only = OFF"
"$bin" replay --host 127.0.0.1 --port "$port" --user rp --password=secret --concurrency 2 --rate 40 \
	--limit 80 -q --report "$work/lost.json" "$long" &
pid=$!
sleep 0.7
sql -e "SELECT CONCAT('KILL ', id, ';') FROM information_schema.processlist WHERE user = 'rp'" | sql
wait "$pid"
rc=$?
rec=$(jq_ "$work/lost.json" "r['reconnects']")
check "a killed session is reconnected and counted (rc $rc, reconnects $rec)" test $rc -eq 0 -a "$rec" -ge 1
check "... and the replay went on to the end" test "$(jq_ "$work/lost.json" "r['total']['count']")" = 80
q0=$(grep -c Query "$work/general.log")
err=$("$bin" replay --defaults-file="$cnf" --ssl-mode=REQUIRED -q "$long" 2>&1)
rc=$?
check "--ssl-mode=REQUIRED against a server without TLS: exit 3, nothing sent ($rc: $err)" \
	test $rc -eq 3 -a "$(grep -c Query "$work/general.log")" -eq "$q0"
"$bin" replay --defaults-file="$cnf" --ssl-mode=DISABLED --limit 2 -q "$long"
check "--ssl-mode=DISABLED" test $? -eq 0
"$bin" replay --defaults-file="$cnf" --ssl-mode=bogus -q "$long" 2>/dev/null
check "--ssl-mode=bogus is a usage error" test $? -eq 1
"$bin" replay --defaults-file="$cnf" --concurrency 0 "$long" 2>/dev/null
check "--concurrency 0 is a usage error" test $? -eq 1
"$bin" replay --defaults-file="$cnf" "$work/none.sql" 2>/dev/null
check "a missing script: exit 3" test $? -eq 3

# ---- 5. TLS: a second server with a certificate of a test CA -------------------------------
if command -v openssl >/dev/null 2>&1; then
	t=$work/tls
	mkdir -p "$t"
	(cd "$t" &&
	 openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=bp-test-ca -keyout ca-key.pem -out ca.pem &&
	 openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout key.pem -out req.pem &&
	 printf 'subjectAltName=IP:127.0.0.1\n' >ext &&
	 openssl x509 -req -in req.pem -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile ext -out cert.pem &&
	 openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=other-ca -keyout other-key.pem -out other.pem) \
		>/dev/null 2>&1
	sh "$top/tests/server.sh" start "$work/tls-srv" --ssl-ca="$t/ca.pem" --ssl-cert="$t/cert.pem" \
		--ssl-key="$t/key.pem" >/dev/null 2>&1 || bad "the TLS server did not start"
	tcnf=$work/tls-srv/my.cnf
	printf 'SELECT 1;\nSELECT 2;\nSELECT 3;\n' >"$work/tiny.sql"
	ssl_accepts() { mariadb --defaults-file="$tcnf" -N -B -e "SHOW GLOBAL STATUS LIKE 'Ssl_accepts'" | awk '{ print $2 }'; }
	a0=$(ssl_accepts)
	"$bin" replay --defaults-file="$tcnf" --ssl-mode=REQUIRED -c 2 -q "$work/tiny.sql"
	check "TLS: --ssl-mode=REQUIRED connects" test $? -eq 0
	a1=$(ssl_accepts)
	check "TLS: both sessions were encrypted ($a0 -> $a1)" test $((a1 - a0)) -ge 3
	a0=$(ssl_accepts)
	"$bin" replay --defaults-file="$tcnf" -q "$work/tiny.sql"
	check "TLS: the default (PREFERRED) encrypts when the server can" test $? -eq 0 -a "$(ssl_accepts)" -eq $((a0 + 5))
	"$bin" replay --defaults-file="$tcnf" --ssl-mode=VERIFY_IDENTITY --ssl-ca="$t/ca.pem" -q "$work/tiny.sql"
	check "TLS: VERIFY_IDENTITY with the right CA" test $? -eq 0
	"$bin" replay --defaults-file="$tcnf" --ssl-mode=VERIFY_CA --ssl-ca="$t/other.pem" -q "$work/tiny.sql" 2>/dev/null
	check "TLS: VERIFY_CA with another CA is refused (exit 3)" test $? -eq 3
	a0=$(ssl_accepts)
	"$bin" replay --defaults-file="$tcnf" --ssl-mode=DISABLED -q "$work/tiny.sql"
	check "TLS: DISABLED does not encrypt" test $? -eq 0 -a "$(ssl_accepts)" -eq $((a0 + 1))
else
	bad "openssl not found: TLS not tested"
fi

# memory: the script is read in a window, so an 80 MB script is checked and replayed in a few MB
python3 - "$work/big.sql" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    f.write("SET SESSION TRANSACTION READ ONLY;\n")
    line = "SELECT 1 FROM `rp`.`t` FORCE INDEX(`PRIMARY`) WHERE `id` = %d; /* bin.000001:%d 0-1-%d pk-point PRIMARY before %d */\n"
    for i in range(600000):
        f.write(line % (i % 2000 + 1, 4 + i, 7 + i, 1700000000 + i // 1000))
EOF
/usr/bin/time -f '%M' -o "$work/big.rss" "$bin" replay --defaults-file="$cnf" --limit 20000 -c 2 -q \
	--report "$work/big.json" "$work/big.sql"
rss=$(tail -n 1 "$work/big.rss")
limit=24000
[ -n "${ASAN_OPTIONS:-}" ] && limit=1000000 # ASan's shadow memory and quarantine: the count checks only
check "a $(($(wc -c <"$work/big.sql") / 1000000)) MB script: checked whole, 20000 statements sent, peak RSS $rss KB < $limit KB" \
	test "$(jq_ "$work/big.json" "r['statements_in_script'], r['total']['count']")" = "600000 20000" -a "$rss" -lt $limit
{ cat "$work/big.sql"; printf 'SELECT 2;\nDELETE FROM rp.t;\n'; } >"$work/big-bad.sql"
"$bin" replay --defaults-file="$cnf" -q "$work/big-bad.sql" 2>"$work/big-bad.err"
check "a write at the end of the big script is found before anything is sent (line 600003)" \
	sh -c "test $? -eq 2 && grep -q 'big-bad.sql:600003: refused' '$work/big-bad.err'"

sums_after=$(sql -e "CHECKSUM TABLE rp.t, rp.c, rp.x EXTENDED")
check "CHECKSUM TABLE of every table unchanged" test "$sums_before" = "$sums_after"

# ---- 6. --pace original, and --follow on a replica of the test server ---------------------
check "the recorded script's comments carry the log time" sh -c "grep '^SELECT' '$script' | head -n 1 | grep -q ' [0-9]\{9,\} \*/\$'"
{ printf '%s\n' "$hdr" | head -n 3; for j in 0 1 2 3; do echo "SELECT $j; /* x:$j - pk-point PRIMARY before $((1700000000 + j)) */"; done; } >"$work/timed.sql"
t0=$(date +%s%N)
"$bin" replay --defaults-file="$cnf" --pace originalx4 -q --report "$work/pace.json" "$work/timed.sql"
dt=$((($(date +%s%N) - t0) / 1000000))
check "--pace originalx4: 3 s of log in 0.75 s ($dt ms)" test $dt -ge 700 -a $dt -lt 2500
check "--pace in the report" test "$(jq_ "$work/pace.json" "r['options']['pace'], r['options']['pace_speed']")" = "original 4"
t0=$(date +%s%N)
"$bin" replay --defaults-file="$cnf" --pace original --limit 2 -q "$work/timed.sql"
dt=$((($(date +%s%N) - t0) / 1000000))
check "--pace original: 1 s of log in 1 s ($dt ms)" test $dt -ge 950 -a $dt -lt 2500
"$bin" replay --defaults-file="$cnf" --pace original -q "$long" 2>"$work/pace.err"
check "--pace original without TIME fields: exit 1 with a reason" sh -c "test $? -eq 1 && grep -q 'TIME' '$work/pace.err'"
"$bin" replay --defaults-file="$cnf" --pace fast -q "$long" 2>/dev/null
check "--pace fast is a usage error" test $? -eq 1

rep=$work/rep
if sh "$top/tests/server.sh" start "$rep" --server-id=2 --read-only=1 >/dev/null 2>&1; then
	rcnf=$rep/my.cnf
	rsql() { mariadb --defaults-file="$rcnf" --batch --skip-column-names "$@"; }
	first=$(sql -e "SHOW BINARY LOGS" | head -n 1 | cut -f1)
	rsql -e "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$port, MASTER_USER='root', MASTER_LOG_FILE='$first', MASTER_LOG_POS=4, MASTER_USE_GTID=no; START SLAVE"
	set -- $(sql -e "SHOW MASTER STATUS")
	caught=$(rsql -e "SELECT MASTER_POS_WAIT('$1', $2, 60)")
	check "the replica caught up with the test server ($caught)" test "$caught" -ge 0
	rsql -e "STOP SLAVE SQL_THREAD"
	p0=$(rsql -e "SELECT @@gtid_slave_pos" | sed 's/.*-//')
	set -- $(sql -e "SHOW MASTER STATUS")
	fpos=$2
	for j in $(seq 1 200); do echo "UPDATE rp.t SET k = k + 1, v = 'f$j' WHERE id = $((j * 7 % 1900 + 1));"; done | sql
	"$bin" analyze --quiet --schema "$work/schema.sql" --start-position "$fpos" --sql "$work/f.sql" "$srv/$1"
	nf=$(grep -c '^SELECT' "$work/f.sql")
	check "the follow script ($nf statements) starts after the replica's position $p0" \
		sh -c "grep '^SELECT' '$work/f.sql' | head -n 1 | grep -q ' 0-1-$((p0 + 1)) '"
	# the SQL thread stopped: only what is within --max-ahead 5 of its position is sent
	want=$(grep '^SELECT' "$work/f.sql" | awk -v p="$p0" '{ split($(NF - 5), g, "-"); if (g[3] > p && g[3] <= p + 5) n++ } END { print n + 0 }')
	"$bin" replay --defaults-file="$rcnf" --follow --max-ahead 5 --duration 1 -c 2 -q --report "$work/fa.json" "$work/f.sql"
	check "--follow holds at --max-ahead: $want statements sent" \
		test "$(jq_ "$work/fa.json" "r['follow']['sent'], r['total']['count'], r['follow']['late'], r['stopped_by']")" = "$want $want 0 duration"
	check "--follow: lead within 1..5 ($(jq_ "$work/fa.json" "r['follow']['lead']"))" \
		test "$(jq_ "$work/fa.json" "1 <= r['follow']['lead']['p50'] and r['follow']['lead']['max'] <= 5")" = True
	# the apply runs: the replay follows it to the end of the script
	(sleep 0.3; rsql -e "START SLAVE SQL_THREAD") &
	"$bin" replay --defaults-file="$rcnf" --follow --max-ahead 20 --duration 60 -c 2 -q --report "$work/fb.json" "$work/f.sql"
	wait
	check "--follow with the apply running: every statement sent or dropped as late ($(jq_ "$work/fb.json" "r['follow']"))" \
		test "$(jq_ "$work/fb.json" "r['follow']['sent'] + r['follow']['late'], r['follow']['sent'] == r['total']['count'], r['total']['errors'], r['stopped_by']")" = "$nf True 0 end"
	check "--follow: never more than 20 ahead" test "$(jq_ "$work/fb.json" "r['follow']['lead']['max'] <= 20")" = True
	if python3 -c 'import jsonschema' 2>/dev/null; then
		check "the --follow report validates" python3 -c '
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' "$work/fb.json" "$top/share/replay.schema.json"
	fi
	# no GTIDs in the comments: the replica's coordinates; it has applied everything, so all are late
	rsql -e "SELECT MASTER_POS_WAIT('$1', $(sql -e 'SHOW MASTER STATUS' | cut -f2), 60)" >/dev/null
	sed 's| 0-1-[0-9]* | - |' "$work/f.sql" >"$work/fpos.sql"
	"$bin" replay --defaults-file="$rcnf" --follow -q --report "$work/fc.json" "$work/fpos.sql"
	check "--follow by position: all late once applied" \
		test "$(jq_ "$work/fc.json" "r['follow']['by'], r['follow']['late'], r['total']['count']")" = "position $nf 0"
	printf 'SELECT 1;\nSELECT 2;\n' >"$work/bare.sql"
	"$bin" replay --defaults-file="$rcnf" --follow -q "$work/bare.sql" 2>"$work/fd.err"
	check "--follow refuses a script without position comments (exit 1, line named)" \
		sh -c "test $? -eq 1 && grep -q 'bare.sql:1: --follow needs' '$work/fd.err'"
	"$bin" replay --defaults-file="$cnf" --follow -q "$work/fpos.sql" 2>"$work/fe.err"
	check "--follow by position on a server that is no replica: exit 3" sh -c "test $? -eq 3 && grep -q 'not a replica' '$work/fe.err'"
	rsql -e "STOP SLAVE" >/dev/null 2>&1
	sh "$top/tests/server.sh" stop "$rep" >/dev/null 2>&1
else
	bad "the replica server did not start"
fi

done_=1
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
