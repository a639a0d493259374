# ~* CMD where CMD runs the target or ends the process: the walk over the
# threads stops there (it used to go on with the freed process: ASan). ~*e
# refuses such commands wherever they are in its string: in a block, a
# loop, j, a script file it runs; the process is then still stopped.
. "$(dirname "$0")/../lib/scenario.sh"
printf '.echo in-file\ng\n' > go.txt
run() { # run NAME COMMAND: the session stops at fx_second_here, runs COMMAND
    printf 'bp fx_two!fx_second_here\ng\n%s\n.echo after\n~\nq\n' "$2" > "$1.cmd"
    timeout 60 "$LINDBG" "$FX/fx_two" < "$1.cmd" > "$1.out" 2>&1 ||
        { cat "$1.out"; fail "lindbg failed on '$2'"; }
    expect_not_in "$1.out" 'AddressSanitizer'
}
run gc '~* gc'
expect_in gc.out '^after$'
expect_in gc.out '^\(.*\): Exit process'
[ "$(grep -c 'Id: ' gc.out)" = 1 ] || { cat gc.out; fail "~* gc went on after the process ran"; }
run kill '~* .kill'
expect_in kill.out '^Terminated$'
[ "$(grep -c '^Terminated$' kill.out)" = 1 ] || { cat kill.out; fail "~* .kill ran twice"; }
run detach '~* .detach'
[ "$(grep -c '^Detached$' detach.out)" = 1 ] || { cat detach.out; fail "~* .detach ran twice"; }
run quit '~* q'
expect_not_in quit.out '^after$' # q ends the session after its line
[ "$(grep -c 'Id: ' quit.out)" = 1 ] || { cat quit.out; fail "~* q went on after q"; }
i=0
for c in '~*e gc' '~*e .kill' '~*e .detach' '~*e q' '~*e qd' '~*e .if (1) { g }' \
         '~*e .block { .echo blk; g }' "~*e j 1 'g';''" '~*e .for (r $t0=0; @$t0<1; r $t0=@$t0+1) { t }' \
         '~*e $$><go.txt' '~*e .restart'; do
    i=$((i + 1))
    run "e$i" "$c"
    expect_in "e$i.out" '^after$'
    expect_in "e$i.out" "^(go.txt\(2\): )?Syntax error: ~e does not run '(gc|\.kill|\.detach|q|qd|g|j|t|\.restart)'"
    # both threads are still there, stopped at the breakpoint
    expect_in "e$i.out" '^\.  1  Id: '
    expect_not_in "e$i.out" 'Exit process|^Terminated|^Detached|second_ran'
done
expect_in e7.out '^blk$'
expect_in e10.out '^in-file$'
echo ok
