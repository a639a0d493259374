# debuginfod: a program stripped of its debug info, whose debug file only
# Debian's debuginfod server has (started here on 127.0.0.1 over a
# directory this test made; never the network). With DEBUGINFOD_URLS set,
# libdwfl's client downloads it into DEBUGINFOD_CACHE_PATH: names, lines
# and locals come from it, and the download prints a progress line. Without
# the variable, nothing is found. A source file that is not on this machine
# (hidden by a tmpfs in a mount namespace of lindbg's own) comes from the
# server too, for lsa.
. "$(dirname "$0")/../lib/scenario.sh"
if ! command -v debuginfod > /dev/null; then
    echo "SKIP: the debuginfod server is not installed (scripts/install-deps.sh installs it)"
    exit 0
fi
top=$PWD
mkdir -p src
cp "$ROOT/tests/fixtures/fx_types.c" src/
gcc -g -O0 -fno-omit-frame-pointer -o full "$top/src/fx_types.c" || fail "gcc failed"
id=$(readelf -n full | awk '/Build ID/ { print $3 }')
[ -n "$id" ] || fail "no build id in the program"
mkdir -p served
objcopy --only-keep-debug full served/fx_types.debug
strip --strip-debug --strip-unneeded -o prog full
rm full

port=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
debuginfod -p "$port" -F -d "$top/db.sqlite" -c 1 -t 0 -g 0 "$top/served" > server.log 2>&1 &
srv=$!
trap 'kill $srv 2> /dev/null; wait $srv 2> /dev/null' EXIT
# indexed once it serves the file (up to 30 s)
url="http://127.0.0.1:$port"
for _ in $(seq 300); do
    curl -sf -o /dev/null "$url/buildid/$id/debuginfo" && break
    alive $srv || { cat server.log; fail "debuginfod exited"; }
    sleep 0.1
done
curl -sf -o /dev/null "$url/buildid/$id/debuginfo" || { cat server.log; fail "debuginfod never served $id"; }

cat > cmds <<C
x prog!describe
lmv m prog
bu prog!describe
g
dv
kp 1
C
# without DEBUGINFOD_URLS (run-all.sh unsets it): no symbols
DEBUGINFOD_CACHE_PATH="$top/cache0" "$LINDBG" "$top/prog" < cmds > o0 2>&1 || fail "lindbg failed"
expect_not_in o0 '^0000.*prog!describe$'
expect_not_in o0 'Downloading'
expect_in o0 'Debug file: not found'

DEBUGINFOD_URLS="$url" DEBUGINFOD_CACHE_PATH="$top/cache" "$LINDBG" "$top/prog" < cmds > o1 2>&1 ||
    fail "lindbg failed"
expect_in o1 "^Downloading debug info for prog from $url$"
expect_in o1 "^Downloaded debug info for prog \\($(stat -c %s served/fx_types.debug) bytes\\)$"
# the server has nothing for libc and ld.so: asked, but no download shown
expect_not_in o1 'Download.* for (libc|ld_linux)'
expect_in o1 '^00005555`[0-9a-f]{8} prog!describe$'
expect_in o1 "Debug file: $top/cache/$id/debuginfo$"
expect_in o1 '^ +depth = 0n1$'
expect_in o1 "^ +tag = 0x71 'q'$"
expect_in o1 'prog!describe\(struct shape \* s = .*, int depth = 0n1, char tag = 0x71 .q.\).*fx_types.c @ '

# a second session takes it from the cache: no download
DEBUGINFOD_URLS="$url" DEBUGINFOD_CACHE_PATH="$top/cache" "$LINDBG" "$top/prog" < cmds > o2 2>&1 ||
    fail "lindbg failed"
expect_not_in o2 'Downloading'
expect_in o2 '^ +depth = 0n1$'

# on a terminal, one line redrawn as the bytes arrive
if command -v script > /dev/null; then
    printf 'x prog!describe\n' > cmds5
    DEBUGINFOD_URLS="$url" DEBUGINFOD_CACHE_PATH="$top/cache5" LINDBG_TOP="$top" \
        script -qec '"$LINDBG" "$LINDBG_TOP/prog" < "$LINDBG_TOP/cmds5"' /dev/null > o5 2>&1 ||
        fail "lindbg failed on a terminal"
    tr '\r' '\n' < o5 > o5.lines
    expect_in o5.lines '^Downloading debug info for prog: [0-9]+ of [0-9]+ kB \([0-9]+%\)$'
    expect_in o5.lines '^Downloaded debug info for prog \([0-9]+ bytes\)$'
    expect_not_in o5.lines 'from http'
fi

# the source, hidden here, from the server
if unshare -m true 2> /dev/null; then
    printf 'bu prog!describe\ng\nlsa\n' > cmds3
    DEBUGINFOD_URLS="$url" DEBUGINFOD_CACHE_PATH="$top/cache3" unshare -m sh -c \
        'mount -t tmpfs none "$1/src" && exec "$LINDBG" "$1/prog"' sh "$top" < cmds3 > o3 2>&1 ||
        fail "lindbg failed"
    expect_in o3 "^Downloading source for prog from $url$"
    expect_in o3 "^Downloaded source for prog \\($(stat -c %s src/fx_types.c) bytes\\)$"
    expect_in o3 '^    27: __attribute__\(\(noinline\)\) int describe\(struct shape \*s, int depth, char tag\)$'
    expect_in o3 '^>   28: \{$'
    expect_in o3 '^    29:     int area = s->origin.x \* s->origin.y;$'
    # without the server (the debug file from .sympath) the hidden file is not found
    mkdir -p "dbg/.build-id/${id:0:2}"
    cp served/fx_types.debug "dbg/.build-id/${id:0:2}/${id:2}.debug"
    printf '.sympath %s/dbg\n.reload\nbu prog!describe\ng\nlsa\n' "$top" > cmds4
    DEBUGINFOD_CACHE_PATH="$top/cache4" unshare -m sh -c \
        'mount -t tmpfs none "$1/src" && exec "$LINDBG" "$1/prog"' sh "$top" < cmds4 > o4 2>&1
    expect_in o4 "^Couldn't find source file $top/src/fx_types.c"
else
    echo "note: no mount namespace here (unshare -m): the source download is not tested"
fi
echo ok
