# The log commands against output captures, option parsing and the
# debuggee: .logclose/.logopen inside `as /c`, .foreach and .shell -ci
# are refused with one error line (they used to close or replace the
# stream the capture wrote to: all later output lost, a use-after-free);
# a file name that starts with '/' is a name, not an option; the log file
# is not inherited by the program (.restart starts it with the log open).
. "$(dirname "$0")/../lib/scenario.sh"
here=$(pwd)
printf '%s\n' ".logopen $here/abs.log" 'as /c x .logclose' '.echo after1' '.logclose' \
    'as /c y .logopen inner.log' '.logfile' '.echo after2' \
    '.foreach (w {.logclose}) {.echo w}' '.shell -ci ".logappend inner.log" cat' '.echo after3' \
    ".logopen /u $here/wide2.log" '.logclose' '.logappend /t x.log' \
    '.logopen cloexec.log' '.restart' 'as /c Pid .printf "%d", @$tpid' \
    '.shell ls -l /proc/${Pid}/fd' '.logclose' '.echo after4' 'q' |
    "$LINDBG" "$FX/fx_printf" > screen.out 2>&1 || fail "lindbg failed"
# the absolute name is taken as the file, not as '/t'-something
expect_in screen.out "^Opened log file '$here/abs.log'$"
[ -f abs.log ] || fail "no abs.log"
expect_in screen.out "^after1$"
expect_in abs.log "^after1$"
expect_in abs.log "^0:000> \.logclose$"
expect_in screen.out "^Closing open log file $here/abs.log$"
# no log opened under the capture: nothing to close, output goes on
[ ! -e inner.log ] || fail "inner.log was opened under a capture"
expect_in screen.out "^after2$"
[ "$(grep -c '^Script error: \.logclose cannot run while output is captured' screen.out)" -eq 1 ] ||
    fail ".foreach's .logclose not refused once"
# .shell -ci hands the refusal to cat
expect_in screen.out "^Script error: \.logappend cannot run while output is captured"
expect_in screen.out "^after3$"
# /u before an absolute name is still an option
expect_in screen.out "^Opened log file '$here/wide2.log'$"
[ "$(head -c 2 wide2.log | od -An -tx1 | tr -d ' ')" = fffe ] || fail "/u lost"
expect_in screen.out "^Syntax error: \.logappend has no /t option$"
# close-on-exec: the restarted program has no descriptor on the log
expect_in screen.out " 0 -> "
expect_not_in screen.out "-> .*cloexec\.log$"
expect_in screen.out "^after4$"
echo ok
