# -cf runs the commands of a file (several per line allowed) at the first
# break, then reads standard input as usual.
. "$(dirname "$0")/../lib/scenario.sh"
printf 'r rax=0n42\n.echo first; .echo second\n' > cmds.txt
printf 'r rax\nq\n' | "$LINDBG" -cf cmds.txt "$FX/fx_basic" > s.out 2>&1 || fail "lindbg failed"
expect_in s.out "^0:000> \.echo first; \.echo second$"
expect_in s.out "^second$"
expect_in s.out "^rax=000000000000002a$"
"$LINDBG" -cf missing.txt "$FX/fx_basic" < /dev/null > m.out 2>&1
expect_in m.out "^Couldn't open command file 'missing.txt'"
echo ok
