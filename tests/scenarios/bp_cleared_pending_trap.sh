# A thread that runs into a breakpoint at the moment the others are being
# stopped can be reported as interrupted, with the trap's SIGTRAP still
# pending; when the breakpoint is cleared before that SIGTRAP comes, it is
# still lindbg's and must not reach the program (whose default action for
# SIGTRAP kills it). 8 threads entering run() at once, a breakpoint there,
# cleared at the first stop while one thread stays suspended: twenty
# sessions, every one must end with the program's own total.
. "$(dirname "$0")/../lib/scenario.sh"
grep -v '^#' "$(dirname "$0")/thread_suspend.cmd" > script.in
for i in $(seq 20); do
    "$LINDBG" "$FX/fx_bpthreads" < script.in > session.out 2>&1 || fail "lindbg failed"
    expect_not_in session.out "killed by SIGTRAP"
    expect_in session.out "fx_bpthreads: total=80000"
done
echo ok
