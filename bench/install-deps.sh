#!/bin/sh
# What the benchmarks need beyond lindbg's own dependencies: GDB and LLDB to
# compare with. Only what is missing is installed; safe to run again.
set -eu
missing=""
for p in gdb lldb-16 time; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "bench/install-deps: installing:$missing"
SUDO=""
[ "$(id -u)" != 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
