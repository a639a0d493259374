# Breakpoints on inlined functions stop at every inlined copy as well as
# the out-of-line code, as GDB's `break f` does (its locations counted
# here): bp on leaf (two inlined copies, no out-of-line code, no ELF
# symbol), bp on scale (out of line and inlined once), a deferred bu on
# lib_leaf (inlined twice in a library that loads after the initial
# break), bm on middle (inlined only). Each copy runs once, so each
# breakpoint is hit as often as it has places; bl lists one breakpoint
# with a line per place; the stop line names the inlined function.
. "$(dirname "$0")/../lib/scenario.sh"
prog="$FX/fx_inline"
funcs="leaf scale lib_leaf middle"
{
    printf 'bp leaf\nbp scale\nbu lib_leaf\nbm fx_inline!midd*\nbl\n'
    for _ in $(seq 12); do printf 'g\nbl\n'; done
} | "$LINDBG" "$prog" > session.out 2>&1 || fail "lindbg failed"
gdb -nx -batch -ex 'set breakpoint pending on' -ex 'break leaf' -ex 'break scale' \
    -ex 'break lib_leaf' -ex 'break middle' -ex run -ex 'info breakpoints' "$prog" > gdb.out 2>&1
expect_in session.out 'Exit process'
# the ids lindbg gave, in the order set: 0 1 2 3
id=0
for f in $funcs; do
    # the most places bl showed (a library's only once it is loaded)
    n=$(awk -v id="$id" '/> bl$/ { k = 0 } $1 == id && $2 == "e" { k++; if (k > m) m = k }
        END { print m + 0 }' session.out)
    # GDB: one row per location (N.M), or the breakpoint's own row alone
    g=$((id + 1))
    gn=$(grep -cE "^$g\.[0-9]+ " gdb.out)
    [ "$gn" -gt 0 ] || gn=$(grep -cE "^$g +breakpoint .* 0x[0-9a-f]+ in $f " gdb.out)
    [ "$gn" -gt 0 ] || { cat gdb.out; fail "gdb has no location for $f"; }
    [ "$n" = "$gn" ] || { cat session.out; fail "$f: $n places in lindbg's bl, $gn in gdb's"; }
    hits=$(grep -c "^Breakpoint $id hit" session.out)
    [ "$hits" = "$gn" ] || { cat session.out; fail "$f: hit $hits times, gdb has $gn locations"; }
    id=$((id + 1))
done
expect_in session.out '^Breakpoint 0: 2 places \(inlined copies of leaf\)$'
expect_in session.out '^Breakpoint 1: 2 places \(the function and its inlined copies of scale\)$'
expect_in session.out '^Breakpoint 2: 2 places \(inlined copies of lib_leaf\)$'
expect_in session.out '^fx_inline!leaf \(inlined in fx_inline!outer\+0x[0-9a-f]+\):$'
expect_in session.out '^fx_inline!leaf \(inlined in fx_inline!main\+0x[0-9a-f]+\):$'
expect_in session.out '^fx_inline!scale:$'
expect_in session.out '^libfx_inline!lib_leaf \(inlined in libfx_inline!lib_work\+0x[0-9a-f]+\):$'
expect_in session.out '^ *3 e [0-9a-f`]+ .* fx_inline!middle \(inlined in fx_inline!outer\+0x[0-9a-f]+\)$'
echo ok
