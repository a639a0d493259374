# qd from an attached process whose breakpoint was passed out of line many
# times (4 threads): lindbg's page of copies goes with it, no thread is left
# in it, and the program finishes with the results it has alone.
. "$(dirname "$0")/../lib/scenario.sh"
rm -f pid
"$FX/fx_ool" 1500 pid > target.out &
bg=$!
wait_for_file pid
pid=$(cat pid)
printf 'bp fx_ool_add 0n200\ng\nbl\nqd\n' | "$LINDBG" -p "$pid" > session.out 2>&1 || fail "lindbg failed"
expect_in session.out "Breakpoint 0 hit"
wait "$bg" || { cat target.out; fail "fx_ool failed after qd"; }
expect_in target.out "sum=4503000 ok lea=ok"
expect_in target.out "anon-exec=0"
echo ok
