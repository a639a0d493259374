# A thread that faults on a page protected for an emulated data breakpoint
# at the moment the others are being stopped can have that SIGSEGV
# reported only after the next resume; when the breakpoint was cleared
# meanwhile, the fault is lindbg's, not the program's (which it killed):
# the access runs again. 8 threads writing the watched variable, the
# breakpoint cleared at the first stop: ten sessions, every one must end
# with the program's own count and no SIGSEGV.
. "$(dirname "$0")/../lib/scenario.sh"
printf 'sxi usr1\n.dbgregs emulate\nba w8 fx_flag\ng\nbc 0\ng\n' > script.in
for i in $(seq 10); do
    "$LINDBG" "$FX/fx_exact" 8 40 < script.in > session.out 2>&1 || fail "lindbg failed"
    expect_not_in session.out "SIGSEGV"
    expect_in session.out "fx_exact: hits=320 signals=16"
done
echo ok
