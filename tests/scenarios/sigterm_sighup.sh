# lindbg itself receiving SIGTERM or SIGHUP (its terminal closed): an
# attached target is let go as it was (with no breakpoint left) and
# finishes normally; a launched one is killed. Both at the prompt and while
# the target runs.
. "$(dirname "$0")/../lib/scenario.sh"
"$FX/fx_loop" ref.pid 30 > reference.out
for sig in TERM HUP; do
    start_loop 30 target.$sig.out
    mkfifo ctl.$sig
    "$LINDBG" -p "$pid" < ctl.$sig > session.$sig.out 2>&1 &
    dbg=$!
    exec 3> ctl.$sig
    echo 'bp fx_loop!work' >&3
    echo 'g' >&3
    for _ in $(seq 50); do grep -q "Breakpoint 0 hit" session.$sig.out 2>/dev/null && break; sleep 0.1; done
    echo 'bc *; bp fx_loop!main' >&3
    echo 'g' >&3    # running now: main is never reached again
    sleep 0.5
    kill -$sig "$dbg"
    wait "$dbg" || true
    exec 3>&-
    wait "$bg" || fail "fx_loop died after lindbg got SIG$sig"
    cmp -s reference.out target.$sig.out || { cat session.$sig.out; fail "result differs after SIG$sig"; }
done
# a launched target dies with the session, here while it runs
mkfifo ctl.launch
"$LINDBG" "$FX/fx_spin" < ctl.launch > launched.out 2>&1 &
dbg=$!
exec 3> ctl.launch
echo g >&3
for _ in $(seq 50); do grep -q "fx_spin: spinning" launched.out 2>/dev/null && break; sleep 0.1; done
kill -TERM "$dbg"
wait "$dbg" || true
exec 3>&-
sleep 0.2
pgrep -f "^$FX/fx_spin" > /dev/null && fail "the launched fx_spin outlived lindbg"
echo ok
