# lib.sh: what the integration scripts share, sourced after `top` is set:
#   . "$top/tests/integration/lib.sh"
# A scratch directory $tmp (removed at exit), the counters pass and fail, and
#   ok                    count a passed check
#   bad MESSAGE           count a failed one and print "FAIL: MESSAGE"
#   expect NAME RC CMD... run CMD, stdout in $tmp/out, stderr in $tmp/err; pass when it exits RC
#   has FILE TEXT         pass when $tmp/FILE contains TEXT (grep)
# The script prints "$pass passed, $fail failed" itself at its end.
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
expect() {
	name=$1 want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq "$want" ]; then ok; else bad "$name: exit $rc, want $want: $(head -c 300 "$tmp/err")"; fi
}
has() { if grep -q -- "$2" "$tmp/$1"; then ok; else bad "$1 lacks '$2': $(head -c 400 "$tmp/$1")"; fi; }
