#!/bin/sh
# Installs the Debian packages lindbg needs to build and test, only those
# missing. Safe to run any number of times. Needs root (or sudo).
set -eu

PKGS="build-essential pkg-config
libdw-dev libelf-dev libdebuginfod-dev debuginfod
libzydis-dev libzycore-dev
libedit-dev
libcjson-dev
libiberty-dev
libcmocka-dev
llvm-14-tools
python3-pexpect
clang-14
libclang-rt-14-dev
libc6-dbg
gdb
gdbserver
lldb-16
elfutils"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done

# npm fetches SQLite for the differential test against GDB; a machine with
# Node from elsewhere (NodeSource's nodejs bundles npm and conflicts with
# Debian's npm package) keeps its own
if ! command -v npm > /dev/null 2>&1; then
    missing="$missing npm"
fi

if [ -z "$missing" ]; then
    exit 0
fi

echo "install-deps: installing:$missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
