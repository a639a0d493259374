# Attach to a running multi-round fixture, look at it, `qd`: the fixture
# goes on and prints the same result as a run without a debugger.
. "$(dirname "$0")/../lib/scenario.sh"
"$FX/fx_loop" ref.pid 20 > reference.out
start_loop 20 target.out
printf '~\n|\nr rip\nqd\n' | "$LINDBG" -p "$pid" > session.out 2>&1 || fail "lindbg failed"
expect_in session.out "Break-in after attach"
expect_in session.out "^\.  0  Id: $(printf %x "$pid")\.$(printf %x "$pid") "
expect_in session.out "^\.  0	id: $(printf %x "$pid")	attach	name: .*fx_loop"
expect_in session.out "^rip=0000"
wait "$bg" || fail "fx_loop failed after detach"
cmp -s reference.out target.out || { cat reference.out target.out; fail "result differs after qd"; }
grep -q TracerPid session.out && fail "unexpected output"
echo ok
