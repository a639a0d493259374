# Joined script files ($$><): a comment inside a { block } is only text
# (its quote or '}' does not count), an inline `* note` ends at its line,
# and an error names the line of the failing command itself, inside a
# body over several lines, and for a quote or brace never closed.
. "$(dirname "$0")/../lib/scenario.sh"
cat > quote.txt <<'S'
.echo start
.for (r $t0 = 0; @$t0 < 2; r $t0 = @$t0 + 1)
{
    $$ the body's "quote
    .echo body
}
.echo quote-end
S
cat > brace.txt <<'S'
.if (1)
{
    $$ close } early
    .echo in-if
}
.echo brace-end
S
cat > star.txt <<'S'
r $t0 = 5; * set t0 (the next line still runs)
.echo star-next
S
cat > body.txt <<'S'
.echo start
.for (r $t0 = 0; @$t0 < 2; r $t0 = @$t0 + 1)
{
    .echo body
    nosuchcmd
}
.echo not-reached
S
cat > open.txt <<'S'
.echo never
.if (1)
{
    .echo "open
}
S
printf '.echo never\n.if (1) { .echo a }\n.echo "open\n.echo b\n' > quote2.txt
cat > cmds <<'S'
$$><quote.txt
$$><brace.txt
$$><star.txt
? @$t0
$$><body.txt
$$><open.txt
$$><quote2.txt
q
S
timeout 60 "$LINDBG" "$FX/fx_basic" < cmds > out 2>&1 || { cat out; fail "lindbg failed"; }
[ "$(grep -c '^body$' out)" -ge 3 ] || { cat out; fail "quote.txt's body did not run twice"; }
expect_in out '^quote-end$'
expect_in out '^in-if$'
expect_in out '^brace-end$'
expect_not_in out '^(quote|brace|star)\.txt|^Syntax error at'
expect_in out '^star-next$'
expect_in out '^Evaluate expression: 5 = '
expect_in out '^body.txt\(5\): Syntax error in .nosuchcmd.'
expect_not_in out '^not-reached$'
expect_in out "^open.txt\\(3\\): Syntax error: unbalanced '\\{'"
expect_in out '^quote2.txt\(3\): Syntax error: unterminated string'
expect_not_in out '^never$'
echo ok
