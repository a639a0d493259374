# qd from an attached process whose breakpoint was decided in the target
# for 200,000 hits: the jump, the pad's page and the shared counters all go
# with lindbg, no thread is left in a pad, and the program finishes with
# the result it has alone.
. "$(dirname "$0")/../lib/scenario.sh"
rm -f pid
"$FX/fx_intarget" attach 150 pid > target.out &
bg=$!
wait_for_file pid
pid=$(cat pid)
printf 'bp hit 0n200000\ng\nbl\nqd\n' | "$LINDBG" -p "$pid" > session.out 2>&1 || fail "lindbg failed"
expect_in session.out "Breakpoint 0 hit"
expect_in session.out "fx_intarget!hit \(in target\)"
wait "$bg" || { cat target.out; fail "fx_intarget failed after qd"; }
expect_in target.out "attach total 2249992500000 code intact 1 lindbg pages 0"
echo ok
