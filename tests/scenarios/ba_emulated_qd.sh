# qd from an attached process with a data breakpoint emulated by page
# protection (hit several times): every page of the program gets its own
# protection back, and the program finishes with the result it has alone.
. "$(dirname "$0")/../lib/scenario.sh"
"$FX/fx_loop" ref.pid 20 > reference.out
start_loop 20 target.out
grep fx_loop "/proc/$pid/maps" > maps.before
printf '.dbgregs emulate\nba w8 fx_counter 3\ng\nbl\nqd\n' | "$LINDBG" -p "$pid" > session.out 2>&1 || fail "lindbg failed"
expect_in session.out "Breakpoint 0 hit"
expect_in session.out "emulated: page protection"
grep fx_loop "/proc/$pid/maps" > maps.after
cmp -s maps.before maps.after || { diff maps.before maps.after; fail "protection differs after qd"; }
wait "$bg" || fail "fx_loop failed after qd"
cmp -s reference.out target.out || { cat reference.out target.out; fail "result differs"; }
echo ok
