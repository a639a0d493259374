# Script files: $$>a< with ${$argN} (used as a breakpoint's address and
# pass count), $>< and $$>< with a .for and a .if/.else over several lines,
# $$< line by line, nested scripts with quoted arguments, .foreach /f, and
# an error that names the file and line and ends the script.
. "$(dirname "$0")/../lib/scenario.sh"
cat > bp.txt <<'S'
$$ a breakpoint at ${$arg1} that passes ${$arg2} times
* this whole line is a comment; .echo never
bp ${$arg1} ${$arg2}
.echo ${$arg0} set ${$arg1} ${$arg2}
S
cat > block.txt <<'S'
* adds two, three times
r $t0 = 0
.for (r $t1 = 0; @$t1 < 3; r $t1 = @$t1 + 1)
{
    $$ each pass adds two
    r $t0 = @$t0 + 2
}
.if (@$t0 == 6)
{
    .echo six
}
.else
{
    .echo not six
}
S
printf '.echo before\nr $t0 = 1\nnosuchcmd here\n.echo after\n' > err.txt
printf '.echo first\n.if (1)\n{\n   nosuch\n}\n.echo not reached\n' > err2.txt
printf '$$>a<inner.txt hello "two words"\n.echo outer-after\n' > outer.txt
printf '.echo [${$arg1}] [${$arg2}] [${$arg3}] ${/d:$arg2} ${/d:$arg3}\n' > inner.txt
printf 'alpha beta\n  gamma\n' > words.txt
cat > cmds <<'S'
$$>a<bp.txt fx_loop!work 5; .echo after-args
g
r rdi
$$><block.txt
? @$t0
$><block.txt
$$<block.txt
$$<err.txt
$$>a<err2.txt
$$>a<outer.txt
.foreach /f (w "words.txt") { .echo w }
$$<missing.txt
q
S
timeout 60 "$LINDBG" "$FX/fx_loop" < cmds > out 2>&1 || { cat out; fail "lindbg failed"; }
# $$>a< does not echo; ${$arg0} is the script's name; ';' ends the arguments
expect_in out '^bp.txt set fx_loop!work 5$'
expect_not_in out 'never'
expect_not_in out '^0:000> bp fx_loop'
expect_in out '^after-args$'
# the breakpoint passed 4 calls: it stops at the fifth, work(4)
expect_in out '^rdi=0000000000000004$'
# $$>< echoes the joined block once, and runs it
expect_in out '^0:000> r \$t0 = 0;\.for \(r \$t1 = 0; @\$t1 < 3; r \$t1 = @\$t1 \+ 1\);\{;\$\$ each pass adds two;'
[ "$(grep -c '^six$' out)" = 2 ] || { cat out; fail "block.txt did not say six twice"; }
expect_in out '^Evaluate expression: 6 = '
# line by line, a .for without its block on the same line is an error there
expect_in out '^block.txt\(3\): Syntax error: \.for needs a \{ block \}'
# an error names the file and line and ends the script
expect_in out '^0:000> \.echo before$'
expect_in out '^err.txt\(3\): Syntax error in .nosuchcmd.'
expect_not_in out '^after$'
expect_in out '^first$'
expect_in out '^err2.txt\(4\): Syntax error in .nosuch.'
expect_not_in out 'not reached$'
# nested scripts, a quoted argument, arguments that were not given
expect_in out '^\[hello\] \[two words\] \[\$\{\$arg3\}\] 1 0$'
expect_in out '^outer-after$'
grep -A3 '^0:000> .foreach /f' out | tr '\n' ' ' | grep -q 'alpha beta gamma' || { cat out; fail ".foreach /f"; }
expect_in out "^Couldn't open script file 'missing.txt'"
echo ok
