# `q` on an attached process detaches instead of killing it: a user who
# attached to a live service does not lose it by typing q. End of input
# behaves as q.
. "$(dirname "$0")/../lib/scenario.sh"
start_loop 20 target.out
printf 'q\n' | "$LINDBG" -p "$pid" > session.out 2>&1 || fail "lindbg failed"
alive "$pid" || fail "q killed the attached process"
"$LINDBG" -p "$pid" < /dev/null > session2.out 2>&1 || fail "lindbg failed"
alive "$pid" || fail "end of input killed the attached process"
wait "$bg" || fail "fx_loop failed"
expect_in target.out "fx_loop: sum="
echo ok
