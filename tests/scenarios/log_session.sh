# .logopen/.logappend/.logclose/.logfile over a real session: the log
# holds exactly what the screen showed while it was open (the prompts,
# the commands typed, their output, the breakpoint stop), nothing from
# before or between; .logappend adds to it; /t stamps the name; /u
# writes UTF-16.
. "$(dirname "$0")/../lib/scenario.sh"
printf '%s\n' '? 1+2' '.logfile' '.logopen session.log' '.logfile' 'bp fx_work' 'g' \
    '.printf "%ma\n", fx_text' '.logclose' '? 5' '.logappend session.log' 'r rip' '.logclose' \
    '.logopen /t stamped.txt' '.logopen /u wide.log' '.echo été' '.logclose' 'q' |
    "$LINDBG" "$FX/fx_printf" > screen.out 2>&1 || fail "lindbg failed"
expect_in screen.out "^No log file open$"
expect_in screen.out "^Opened log file 'session.log'$"
[ -f session.log ] || fail "no session.log"
head -1 session.log | grep -qx "Opened log file 'session.log'" || { cat session.log; fail "header"; }
# the first part of the log is the screen from .logopen to .logclose
sed -n "/^Opened log file 'session.log'\$/,/^Closing open log file session.log\$/p" screen.out |
    head -n "$(grep -n '^Closing open log file' session.log | head -1 | cut -d: -f1)" > expected.part
head -n "$(wc -l < expected.part)" session.log > got.part
cmp -s expected.part got.part || { diff expected.part got.part; fail "log differs from the screen"; }
expect_in session.log "^0:000> \.logfile$"
expect_in session.log "^Log 'session.log' open$"
expect_in session.log "^Breakpoint 0 hit$"
expect_in session.log "^fx_printf!fx_work:$"
expect_in session.log "^0:000> \.printf \"%ma\\\\n\", fx_text$"
expect_in session.log "^hello from lindbg$"
expect_not_in session.log "1\+2|Evaluate expression: 5 ="
# appended after the close
expect_in session.log "^0:000> r rip$"
expect_in session.log "^rip=00005555"
[ "$(grep -c '^Opened log file' session.log)" -eq 2 ] || fail "append did not keep the first part"
# /t: name_PID_date_time.txt, the pid of the program in hex
st=$(ls stamped_*.txt 2>/dev/null | head -1)
[ -n "$st" ] || { ls; fail "no stamped log"; }
echo "$st" | grep -Eq '^stamped_[0-9A-F]{4,}_[0-9]{4}-[0-9]{2}-[0-9]{2}_[0-9]{2}-[0-9]{2}-[0-9]{2}-[0-9]{3}\.txt$' ||
    fail "stamped name $st"
expect_in "$st" "^Opened log file '$st'$"
expect_in "$st" "^Closing open log file $st$"
# /u: UTF-16LE with its byte order mark
[ "$(head -c 2 wide.log | od -An -tx1 | tr -d ' ')" = fffe ] || fail "no UTF-16 BOM"
iconv -f UTF-16 -t UTF-8 wide.log > wide.txt || fail "wide.log is not UTF-16"
expect_in wide.txt "^0:000> \.echo été$"
expect_in wide.txt "^été$"
echo ok
