# Source-line breakpoints in -O2 code land where GDB's do (GDB 13 is the
# ground truth here): on statement starts (is_stmt rows), once in every
# copy of the line (the out-of-line function and each inlined copy); a line
# without code (blank, comment, declaration) moves to the next line with
# code in its function, and says so. Where GDB moves to another function
# (a blank line after a function, its closing brace), lindbg refuses with
# one line instead (seed 002: the next allowed position, in the function).
. "$(dirname "$0")/../lib/scenario.sh"
prog="$FX/fx_lines_o2"
base=$((0x555555554000))
same="7 8 9 10 11 17 18 19 20 21 22 23 24 25 26 29 30 31"
refused="12 27 33"
for L in $same $refused; do
    printf 'bc *\nbp `fx_lines_o2.c:%s`\nbl\n' "$L"
done > cmds
"$LINDBG" "$prog" < cmds > session.out 2>&1 || fail "lindbg failed"
# the session's output, one block per line asked for
awk '/^0:000> bp `/ { n++ } { print > ("block." n) }' session.out
i=0
for L in $same; do
    i=$((i + 1))
    ours=$(grep -o '^ *0 e 0000[0-9a-f]*`[0-9a-f]*' "block.$i" | sed 's/.* //; s/`//' |
           while read -r a; do printf '%x\n' $((0x$a - base)); done | sort)
    gdbs=$(gdb -nx -batch -ex "break fx_lines_o2.c:$L" -ex 'info breakpoints' "$prog" 2>&1 |
           grep -oE '0x[0-9a-f]+ +in ' | sed 's/ .*//' | while read -r a; do printf '%x\n' $((a)); done | sort)
    [ -n "$gdbs" ] || fail "gdb placed nothing for line $L"
    [ "$ours" = "$gdbs" ] || { cat "block.$i"; fail "line $L: lindbg at [$ours], gdb at [$gdbs]"; }
done
for L in $refused; do
    i=$((i + 1))
    expect_in "block.$i" "Line error at '\`fx_lines_o2.c:$L\`': no code at line $L or after it in "
    expect_not_in "block.$i" '^ *0 e '
done
expect_in session.out 'Breakpoint 0: 4 places \(inlined or split copies of the line\)'
expect_in session.out 'Breakpoint 0: line 20 has no code: set at line 22, the next in looped'
echo ok
