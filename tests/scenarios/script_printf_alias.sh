# One script that uses comments, arguments, aliases, .printf and .foreach
# together, run with $$>a< (issue 18): its lines run as one command line,
# so the aliases it sets are used inside a .block, where they are replaced
# when the block runs; what it prints is checked against ? and da.
. "$(dirname "$0")/../lib/scenario.sh"
cat > walk.txt <<'S'
$$ walk.txt FUNC VAR: stop in FUNC, then show the text of VAR word by word
* comments, arguments, aliases, .printf and .foreach together; the lines
* run as one ($$>a< joins them), so aliases set here are used in blocks
bp ${$arg1}
g
aS /x Ip @rip
aS /ma Text ${$arg2}
.block
{
    .printf "stopped in %y, ip ${Ip}, %d argument(s) after the name\n", ${Ip}, ${/d:$arg2} + ${/d:$arg3}
    .foreach (tok {.echo ${Text}})
    {
        .printf "word: "; .echo tok
    }
}
ad *
S
printf '%s\n' '? fx_work' 'da fx_text' '$$>a< walk.txt fx_work fx_text' 'al' 'q' |
    "$LINDBG" "$FX/fx_printf" > session.out 2>&1 || fail "lindbg failed"
hex=$(sed -n 's/^Evaluate expression: [0-9]* = \([0-9a-f]*\)`\([0-9a-f]*\)$/\1\2/p' session.out | head -1)
[ -n "$hex" ] || { cat session.out; fail "no address from ?"; }
text=$(sed -n 's/^[0-9a-f`]*  "\(.*\)"$/\1/p' session.out | head -1)
[ -n "$text" ] || { cat session.out; fail "no text from da"; }
expect_in session.out "^Breakpoint 0 hit$"
expect_in session.out "^stopped in fx_printf!fx_work \(${hex:0:8}\`${hex:8}\), ip 0x${hex#0000}, 1 argument\(s\) after the name$"
grep '^word: ' session.out | sed 's/^word: //' | tr '\n' ' ' | sed 's/ $//' > words.txt
[ "$(cat words.txt)" = "$text" ] || fail "words '$(cat words.txt)', da '$text'"
# the script deleted its aliases
expect_in session.out "^No aliases$"
echo ok
