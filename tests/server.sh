#!/bin/sh
# server.sh: start and stop a throwaway mariadbd on loopback.
#
# Used by fixtures/mkfixtures.sh, the benchmark and the replay tests. Everything
# the server owns lives under one directory chosen by the caller:
#
#   sh tests/server.sh start  DIR [mariadbd options...]
#   sh tests/server.sh stop   DIR
#   sh tests/server.sh status DIR      exit 0 when the server in DIR answers
#   sh tests/server.sh init   DIR      only initialise DIR/data
#
# start initialises DIR/data (mariadb-install-db, root with an empty password)
# when it is absent (a copy of another DIR/data made with cp -a will do, and is
# faster), starts mariadbd bound to 127.0.0.1 on a free port, waits
# until it answers (BP_SERVER_WAIT seconds, default 60) and writes:
#
#   DIR/port     the TCP port
#   DIR/sock     the path of the Unix socket
#   DIR/my.cnf   a [client] group (host=127.0.0.1, port, socket, user=root), so
#                callers run `mariadb --defaults-file=DIR/my.cnf`
#   DIR/pid      the server's process id
#   DIR/error.log
#
# Options after DIR go to mariadbd after ours, so they may override them
# (e.g. --log-bin=DIR/bin --binlog-format=ROW), except --datadir, --socket,
# --port, --pid-file and --skip-networking, which the files above and the
# readiness check depend on. --no-defaults comes first: no
# /etc/mysql file is read, and /run/mysqld and port 3306 are never used, so a
# system server is left alone. The server is tuned for speed, not durability:
# InnoDB does not fsync, so a crash may lose data. stop shuts the server down (SHUTDOWN statement,
# then SIGTERM, then SIGKILL, each with a bounded wait), removes the runtime files
# and keeps DIR/data; it does nothing when no server runs there. A failed
# start stops what it started and exits 1 with the error log's tail.
#
# Environment: MARIADBD (default /usr/sbin/mariadbd), BP_SERVER_WAIT.
set -eu

prog=server.sh
MARIADBD=${MARIADBD:-/usr/sbin/mariadbd}
WAIT=${BP_SERVER_WAIT:-60}

die() { echo "$prog: $*" >&2; exit 1; }
usage() { echo "usage: sh tests/server.sh start|stop|status|init DIR [mariadbd options...]" >&2; exit 2; }

[ $# -ge 2 ] || usage
cmd=$1
case $cmd in
start|init) mkdir -p "$2" ;;
stop) [ -d "$2" ] || exit 0 ;;
status) [ -d "$2" ] || exit 1 ;;
*) usage ;;
esac
dir=$(cd "$2" && pwd -P)
shift 2

# The first of the given client programs found on PATH.
tool() {
	for t in "$@"; do
		command -v "$t" >/dev/null 2>&1 && { echo "$t"; return 0; }
	done
	die "$1 not found (run: sh share/deps.sh)"
}
ADMIN=$(tool mariadb-admin mysqladmin) || exit 1
CLIENT=$(tool mariadb mysql) || exit 1

# True while pid $1 runs. A server that has exited stays a zombie until its
# parent (init, or whatever reaps orphans in a container) collects it.
alive() {
	kill -0 "$1" 2>/dev/null || return 1
	! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# True when pid $1 is a live mariadbd whose datadir is ours: a pid read from a
# stale file may since belong to another process, which we must not signal.
ours() {
	[ -n "$1" ] && alive "$1" || return 1
	[ -r "/proc/$1/cmdline" ] || return 0
	tr '\0' '\n' <"/proc/$1/cmdline" | grep -qxF -- "--datadir=$dir/data"
}

# Wait up to $2 seconds for pid $1 to exit.
wait_gone() {
	n=0
	while alive "$1"; do
		[ $n -ge $(($2 * 5)) ] && return 1
		sleep 0.2
		n=$((n + 1))
	done
	return 0
}

# A TCP port in 3400..9399 that nobody listens on (IPv4 or IPv6).
free_port() {
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
		p=$((3400 + r % 6000))
		hex=$(printf '%04X' "$p")
		if ! cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
			awk -v h=":$hex" '$4 == "0A" && substr($2, length($2) - 4) == h { f = 1 } END { exit !f }'; then
			echo "$p"
			return 0
		fi
	done
	die "no free TCP port found"
}

stop_server() {
	pid=$(cat "$dir/pid" 2>/dev/null || true)
	if ours "$pid"; then
		# The SHUTDOWN statement returns at once (mariadb-admin shutdown would
		# poll the pid file once a second); then we wait, polling faster.
		if [ -f "$dir/my.cnf" ]; then
			timeout 30 "$CLIENT" --defaults-file="$dir/my.cnf" --connect-timeout=5 \
				-e SHUTDOWN >/dev/null 2>&1 || true
		fi
		if ! wait_gone "$pid" 30; then
			kill -TERM "$pid" 2>/dev/null || true
			if ! wait_gone "$pid" 15; then
				echo "$prog: mariadbd $pid did not stop, killing it" >&2
				kill -KILL "$pid" 2>/dev/null || true
				wait_gone "$pid" 10 || die "cannot stop mariadbd $pid"
			fi
		fi
	fi
	sockdir=$(cat "$dir/sockdir" 2>/dev/null || true)
	rm -f "$dir/pid" "$dir/port" "$dir/sock" "$dir/my.cnf" "$dir/sockdir"
	case $sockdir in /tmp/bp-sock.*) rm -rf "$sockdir" ;; esac
}

if [ "$cmd" = stop ]; then
	stop_server
	exit 0
fi

if [ "$cmd" = status ]; then
	ours "$(cat "$dir/pid" 2>/dev/null || true)" || exit 1
	"$ADMIN" --defaults-file="$dir/my.cnf" --connect-timeout=5 ping >/dev/null 2>&1
	exit $?
fi

# ---- init, start ---------------------------------------------------------------

# No fsync: a throwaway server need not survive a crash, and fsync dominates
# the time of mariadb-install-db and of small transactions on a busy disk.
innodb_opts="--innodb-log-file-size=16M --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0
	--innodb-flush-method=nosync"

INSTALL_DB=$(tool mariadb-install-db mysql_install_db) || exit 1
[ -x "$MARIADBD" ] || MARIADBD=$(command -v mariadbd || command -v mysqld || true)
if [ -z "$MARIADBD" ] || [ ! -x "$MARIADBD" ]; then die "mariadbd not found (run: sh share/deps.sh)"; fi
if [ "$cmd" = start ] && ours "$(cat "$dir/pid" 2>/dev/null || true)"; then
	die "a server already runs in $dir (stop it first)"
fi

# mariadbd refuses to run as root unless told to; running as root keeps files
# under root-only directories (mktemp -d, the caller's log-bin path) reachable.
user_opt=
[ "$(id -u)" = 0 ] && user_opt=--user=root

mkdir -p "$dir/tmp"
if [ ! -d "$dir/data" ]; then
	# Initialise beside, then rename: an interrupted run leaves no half datadir.
	rm -rf "$dir/data.new"
	# shellcheck disable=SC2086 # option lists
	if ! "$INSTALL_DB" --no-defaults --datadir="$dir/data.new" $user_opt \
		--auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
		$innodb_opts --tmpdir="$dir/tmp" >"$dir/install.log" 2>&1; then
		tail -n 20 "$dir/install.log" >&2
		rm -rf "$dir/data.new"
		die "mariadb-install-db failed (log: $dir/install.log)"
	fi
	mv "$dir/data.new" "$dir/data"
fi
[ "$cmd" = init ] && exit 0

rm -f "$dir/pid" "$dir/port" "$dir/sock" "$dir/my.cnf"

# A Unix socket path is limited to 107 bytes; fall back to a short directory.
sock=$dir/mysqld.sock
if [ ${#sock} -gt 100 ]; then
	sockdir=$(mktemp -d /tmp/bp-sock.XXXXXX)
	echo "$sockdir" >"$dir/sockdir"
	sock=$sockdir/mysqld.sock
fi

attempt=0
while :; do
	attempt=$((attempt + 1))
	port=$(free_port)
	: >"$dir/error.log"
	# shellcheck disable=SC2086 # option lists
	"$MARIADBD" --no-defaults $user_opt --datadir="$dir/data" --tmpdir="$dir/tmp" \
		--socket="$sock" --port="$port" --bind-address=127.0.0.1 --skip-name-resolve \
		--pid-file="$dir/pid" --log-error="$dir/error.log" --server-id=1 \
		--innodb-buffer-pool-size=64M $innodb_opts \
		--innodb-buffer-pool-dump-at-shutdown=OFF --innodb-buffer-pool-load-at-startup=OFF \
		--default-time-zone=+00:00 --character-set-server=utf8mb4 \
		--collation-server=utf8mb4_general_ci \
		"$@" </dev/null >>"$dir/error.log" 2>&1 &
	pid=$!
	echo "$pid" >"$dir/pid"
	echo "$port" >"$dir/port"
	echo "$sock" >"$dir/sock"
	cat >"$dir/my.cnf" <<EOF
[client]
host=127.0.0.1
port=$port
socket=$sock
user=root
EOF

	n=0
	up=0
	while alive "$pid" && [ $n -lt $((WAIT * 5)) ]; do
		if "$ADMIN" --defaults-file="$dir/my.cnf" --connect-timeout=2 ping >/dev/null 2>&1; then
			up=1
			break
		fi
		sleep 0.2
		n=$((n + 1))
	done
	if [ $up = 1 ] && "$CLIENT" --defaults-file="$dir/my.cnf" -N -e 'SELECT 1' >/dev/null 2>&1; then
		echo "$prog: mariadbd $pid on 127.0.0.1:$port, socket $sock" >&2
		exit 0
	fi

	# Failed: a port taken between the check and the bind is retried; anything
	# else stops the server and reports.
	if ! alive "$pid" && [ $attempt -lt 5 ] &&
		grep -q 'Address already in use\|Bind on TCP/IP port' "$dir/error.log"; then
		rm -f "$dir/pid" "$dir/port" "$dir/sock" "$dir/my.cnf"
		continue
	fi
	why="did not answer within ${WAIT}s"
	alive "$pid" || why="exited during startup"
	tail -n 20 "$dir/error.log" >&2
	stop_server
	die "mariadbd $why (log: $dir/error.log)"
done
