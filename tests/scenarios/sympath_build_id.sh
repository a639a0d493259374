# Separate debug files found through the symbol path: by build-id under a
# directory given with .sympath (DIR/.build-id/xx/yyyy.debug), and by the
# .gnu_debuglink name under a .sympath+ directory and in the program's
# .debug/ subdirectory. Names, lines and locals come only after .sympath
# and .reload; lmv names the debug file.
. "$(dirname "$0")/../lib/scenario.sh"
top=$PWD
gcc -g -O0 -fno-omit-frame-pointer -o full "$ROOT/tests/fixtures/fx_types.c" || fail "gcc failed"
id=$(readelf -n full | awk '/Build ID/ { print $3 }')
[ -n "$id" ] || fail "no build id in the program"
# 1. build-id layout only, no debuglink
mkdir -p "dbg/.build-id/${id:0:2}"
objcopy --only-keep-debug full "dbg/.build-id/${id:0:2}/${id:2}.debug"
strip --strip-debug --strip-unneeded -o prog full

cat > c1 <<C
x prog!describe
.sympath
.sympath $top/dbg
.reload
x prog!describe
lmv m prog
bu prog!describe
g
dv
.reload
k 3
dv
C
"$LINDBG" "$top/prog" < c1 > o1 2>&1 || fail "lindbg failed"
expect_in o1 '^Symbol search path is: /usr/lib/debug$'
expect_in o1 "^Symbol search path is: $top/dbg$"
expect_in o1 "^Expanded Symbol search path is: $top/dbg$"
expect_in o1 '^Reloading current modules$'
# before: no name; after: the name, the debug file, the locals
awk '/^0:000> x prog!describe/ { n++ } n == 1' o1 > before
expect_not_in before '^0000.*prog!describe$'
expect_in o1 '^00005555`[0-9a-f]{8} prog!describe$'
expect_in o1 "Debug file: $top/dbg/.build-id/${id:0:2}/${id:2}.debug$"
expect_in o1 '^ +depth = 0n1$'
expect_in o1 "^ +tag = 0x71 'q'$"
# a .reload at a stop: the stack and the locals still there
expect_in o1 '^[0-9a-f]{8}`[0-9a-f]{8} [0-9a-f]{8}`[0-9a-f]{8} +prog!main\+0x'
[ "$(grep -c 'depth = 0n1' o1)" = 2 ] || fail "dv after the second .reload"

# without .sympath the same session has no locals
printf 'bu prog!describe\ng\ndv\n' > c2
"$LINDBG" "$top/prog" < c2 > o2 2>&1 || fail "lindbg failed"
expect_not_in o2 'depth = 0n1'

# 2. .gnu_debuglink, the file under a directory added with .sympath+
mkdir -p dbg2
objcopy --only-keep-debug full dbg2/linked.debug
strip --strip-debug --strip-unneeded -o linked full
objcopy --add-gnu-debuglink=dbg2/linked.debug linked
printf '.sympath+ %s/dbg2\n.reload /f linked\nlmv m linked\n' "$top" > c3
"$LINDBG" "$top/linked" < c3 > o3 2>&1 || fail "lindbg failed"
expect_in o3 "^Symbol search path is: /usr/lib/debug;$top/dbg2$"
expect_in o3 "Debug file: $top/dbg2/linked.debug$"
expect_in o3 'Symbols: +[1-9][0-9]* \(dwarf symbols\)'

# 3. .gnu_debuglink, the file in the program's .debug/ subdirectory
mkdir -p sub/.debug
cp linked sub/linked
cp dbg2/linked.debug sub/.debug/linked.debug
printf 'lmv m linked\n.reload bogus\n' > c4
"$LINDBG" "$top/sub/linked" < c4 > o4 2>&1 || fail "lindbg failed"
expect_in o4 "Debug file: $top/sub/.debug/linked.debug$"
expect_in o4 "^Couldn't resolve error: no module 'bogus'"
echo ok
