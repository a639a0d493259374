# The target SIGKILLed by someone else, while stopped at the prompt and
# while running: lindbg reports how it ended and the session goes on.
. "$(dirname "$0")/../lib/scenario.sh"
target() { pgrep -f "^$FX/fx_spin" | head -1; }
# while stopped
mkfifo stopped.ctl
"$LINDBG" "$FX/fx_spin" < stopped.ctl > stopped.out 2>&1 &
dbg=$!
exec 3> stopped.ctl
for _ in $(seq 50); do grep -q "Initial break" stopped.out 2>/dev/null && break; sleep 0.1; done
kill -9 "$(target)"
echo g >&3
echo g >&3
echo '.echo still-here' >&3
echo q >&3
exec 3>&-
wait "$dbg" || fail "lindbg failed"
expect_in stopped.out "Exit process 0:[0-9a-f]+, killed by SIGKILL"
expect_in stopped.out "No runnable debuggees"
expect_in stopped.out "^still-here"
# while running
mkfifo running.ctl
"$LINDBG" "$FX/fx_spin" < running.ctl > running.out 2>&1 &
dbg=$!
exec 3> running.ctl
echo g >&3
for _ in $(seq 50); do grep -q "fx_spin: spinning" running.out 2>/dev/null && break; sleep 0.1; done
kill -9 "$(target)"
sleep 0.3
echo r >&3
echo q >&3
exec 3>&-
wait "$dbg" || fail "lindbg failed"
expect_in running.out "Exit process 0:[0-9a-f]+, killed by SIGKILL"
expect_in running.out "No target: the process has exited"
echo ok
