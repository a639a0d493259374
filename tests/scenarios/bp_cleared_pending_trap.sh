# A thread that runs into a breakpoint at the moment the others are being
# stopped can be reported as interrupted, with the trap's SIGTRAP still
# pending; when the breakpoint is cleared before that SIGTRAP comes, it is
# still lindbg's and must not reach the program (whose default action for
# SIGTRAP kills it). 8 threads entering run() at once, a breakpoint there,
# cleared at the first stop while one thread stays suspended and the others
# run on: twelve sessions, every one must end with the program's own total.
. "$(dirname "$0")/../lib/scenario.sh"
cat > script.in <<'CMDS'
bu fx_bpthreads!run
g
bc *
~.n
bp hit 0n5000
g
~*m
bc *
g
CMDS
for i in $(seq 12); do
    "$LINDBG" "$FX/fx_bpthreads" < script.in > session.out 2>&1 || fail "lindbg failed"
    expect_not_in session.out "killed by SIGTRAP"
    expect_in session.out "fx_bpthreads: total=80000"
done
echo ok
