# Optimised code gives one address several line-table rows (an inlined
# call's statement, the caller's line, a non-statement row). At every such
# address of an -O2 fixture, the line lindbg shows (lsa's marker) is the one
# GDB 13 shows (`info line *ADDR`): the last row there, or the last
# statement row when the last is not a statement start.
. "$(dirname "$0")/../lib/scenario.sh"
prog="$FX/fx_lines_o2"
# addresses with more than one row, from the decoded line table
objdump --dwarf=decodedline "$prog" |
    awk 'NF >= 3 && $3 ~ /^0x/ { n[$3]++ } END { for (a in n) if (n[a] > 1) print a }' |
    sort > addrs
[ "$(wc -l < addrs)" -ge 5 ] || fail "the fixture has too few shared addresses: $(cat addrs)"
while read -r a; do printf 'lsa fx_lines_o2+%s\n' "$a"; done < addrs > cmds
"$LINDBG" "$prog" < cmds > session.out 2>&1 || fail "lindbg failed"
awk '/^0:000> lsa / { n++ } /^> +[0-9]+:/ { sub(/:.*/, ""); sub(/> */, ""); print n, $0 }' \
    session.out > ours
differ=0
i=0
while read -r a; do
    i=$((i + 1))
    gdbs=$(gdb -nx -batch -ex "info line *$a" "$prog" 2>&1 | sed -n 's/^Line \([0-9]*\) .*/\1/p')
    mine=$(awk -v i="$i" '$1 == i { print $2 }' ours)
    [ -n "$gdbs" ] || fail "gdb has no line at $a"
    if [ "$mine" != "$gdbs" ]; then
        echo "at $a: lindbg shows line ${mine:-none}, gdb line $gdbs"
        differ=1
    fi
done < addrs
[ "$differ" -eq 0 ] || { cat session.out; fail "lines differ from gdb's"; }
