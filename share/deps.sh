#!/bin/sh
# deps.sh: install what binprime needs to build, test and run its fixture server.
# Does nothing when everything is present. Called by the GNUmakefile's `deps` step.
# chromium (headless) renders the HTML report in tests/integration/html.sh.
set -eu
PKGS="gcc make pkg-config clang libclang-rt-14-dev valgrind \
 libmariadb-dev libmariadb-dev-compat libxml2-dev libcjson-dev libcunit1-dev \
 libzstd-dev zlib1g-dev zstd python3 python3-jsonschema time \
 mariadb-server mariadb-client mariadb-test-data chromium"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "deps: missing packages:$missing (run as root or install them)" >&2
  exit 1
fi
echo "deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
# policy-rc.d keeps Debian from starting the packaged server: binprime runs its own throwaway one.
prc=/usr/sbin/policy-rc.d
created=0
if [ ! -e "$prc" ]; then printf '#!/bin/sh\nexit 101\n' >"$prc"; chmod +x "$prc"; created=1; fi
apt-get install -y -qq --no-install-recommends $missing >&2 || { [ $created = 1 ] && rm -f "$prc"; exit 1; }
[ $created = 1 ] && rm -f "$prc"
exit 0
