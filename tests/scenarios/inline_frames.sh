# Inlined calls are frames of their own, as GDB shows them: stopped in leaf
# (inlined into middle, inlined into outer), k lists the same functions in
# the same order as GDB's bt, inline frames marked as WinDbg marks them,
# with the call's line in the frame that made it; .frame N and dv in an
# inlined frame show that call's parameters with GDB's values, and the
# containing function shows its own variables only.
. "$(dirname "$0")/../lib/scenario.sh"
prog="$FX/fx_inline"
src="$(dirname "$0")/../fixtures/fx_inline.c"
line_of() { grep -nF -- "$1" "$src" | head -1 | cut -d: -f1; }
body=$(line_of 'int sq = a * a;')
call_leaf=$(line_of 'int t = leaf(b + 1);')
call_middle=$(line_of 'int r = middle(x);')
spec="fx_inline.c:$body"
printf 'bp `%s`\ng\nkn\n.frame 0\ndv\n.frame 1\ndv\n.frame 2\ndv\nkp\n' "$spec" |
    "$LINDBG" "$prog" > session.out 2>&1 || fail "lindbg failed"
gdb -nx -batch -ex "break $spec" -ex run -ex bt \
    -ex 'frame 0' -ex 'info args' -ex 'frame 1' -ex 'info args' -ex 'frame 2' -ex 'info args' \
    "$prog" > gdb.out 2>&1
# the functions of the stack, innermost first, up to main
ours=$(sed -n '/> kn$/,/> \.frame/p' session.out | grep -E '^[0-9a-f]{2} ' |
       sed -E 's/.*!([A-Za-z_0-9]+).*/\1/' | sed '/^main$/q')
gdbs=$(grep -E '^#[0-9]+ ' gdb.out | sed -E 's/^#[0-9]+ +(0x[0-9a-f]+ in )?([A-Za-z_0-9]+).*/\2/' |
       sed '/^main$/q')
[ -n "$gdbs" ] || { cat gdb.out; fail "gdb showed no stack"; }
[ "$(echo $ours)" = "$(echo $gdbs)" ] || { cat session.out; fail "k: [$(echo $ours)], gdb bt: [$(echo $gdbs)]"; }
[ "$(echo $ours)" = "leaf middle outer main" ] || fail "unexpected stack [$(echo $ours)]"
expect_in session.out "^00 \(Inline Function\) --------\`--------     fx_inline!leaf \[.*fx_inline.c @ $body\]$"
expect_in session.out "^01 \(Inline Function\) --------\`--------     fx_inline!middle \[.*fx_inline.c @ $call_leaf\]$"
expect_in session.out "^02 0000[0-9a-f\`]{13} 0000[0-9a-f\`]{13}     fx_inline!outer\+0x[0-9a-f]+ \[.*fx_inline.c @ $call_middle\]$"
expect_in session.out '^\(Inline Function\) --------`--------     fx_inline!middle\(int b = 0n5\)'
# the parameters of frames 0-2, each as GDB's info args shows them
for f in 0 1 2; do
    sed -n "/> \.frame $f\$/,/> \.frame\|> kp/p" session.out > "dv.$f"
    sed -n "/^#$f /,/^#/p" gdb.out | grep -E '^[a-z_]+ = -?[0-9]+$' > "args.$f"
    [ -s "args.$f" ] || { cat gdb.out; fail "gdb showed no argument in frame $f"; }
    while read -r name _ value; do
        expect_in "dv.$f" "^ *$name = 0n$value\$"
    done < "args.$f"
done
# the containing function shows its own variables, not the inlined call's
expect_in dv.2 '^ *x = '
expect_in dv.2 '^ *r = '
expect_not_in dv.2 '^ *(a|b|sq|t) = '
expect_in dv.0 '^ *sq = '
expect_not_in dv.0 '^ *(b|t|x|r) = '
echo ok
