# !address over a core: fx_memmap stopped in its second thread is dumped
# (.dump /ma) and opened with -z. A core's map names only files and the
# vDSO, so the usages that came from /proc's names live must come from
# the regions' places: the brk heap (the rw region right after the
# program), the vDSO's data pages below its code ([vvar]), the vsyscall
# page (its fixed address), the thread arena's heap, the stacks and their
# guard. Every region must show as the live session showed it, but for
# lindbg's own page of out-of-line copies (not dumped), the thread
# numbers (a core lists the stopped thread first) and [vvar_vclock]
# (named [vvar] from a core).
. "$(dirname "$0")/../lib/scenario.sh"
printf 'bp fx_stop\ng\n!address\n.dump /ma ma.core\nq\n' > live.cmds
timeout 60 "$LINDBG" -cf live.cmds "$FX/fx_memmap" < /dev/null > live.out 2>&1 || { cat live.out; fail "the live session failed"; }
expect_in live.out '^Dump successfully written$'
printf '!address\n!address poi(fx_heap)\n!address 0xffffffffff600000\nq\n' > core.cmds
timeout 60 "$LINDBG" -z ma.core -cf core.cmds < /dev/null > core.out 2>&1 || { cat core.out; fail "the core session failed"; }
expect_not_in core.out 'AddressSanitizer|runtime error'
# each row: start end size usage detail, thread ids dropped
rows() {
    grep -E '^[+ ] +[0-9a-f]+`[0-9a-f]+ ' "$1" | grep -v 'lindbg out-of-line copies' |
        sed -E 's/\[~[0-9]+; /[/; s/\[vvar_vclock\]/[vvar]/; s/ +/ /g; s/ $//'
}
rows live.out > live.rows
rows core.out > core.rows
grep -q ' Heap$' live.rows && grep -q 'Other \[vsyscall\]' live.rows && grep -q 'Other \[vvar\]' live.rows ||
    { cat live.out; fail "the live map lacks a heap, [vvar] or [vsyscall]"; }
[ "$(grep -c ' Heap$' live.rows)" -eq 3 ] || { cat live.rows; fail "not 3 Heap regions live (brk, the arena's two)"; }
# the Free row that the out-of-line page split live is one row in the core
grep -v ' Free$' live.rows > live.busy
grep -v ' Free$' core.rows > core.busy
diff live.busy core.busy || fail "the core's regions differ from the live session's"
sed -n '/^0:00[0-9]> !address poi(fx_heap)$/,/^0:00[0-9]> /p' core.out > heap.out
expect_in heap.out '^Usage: +Heap$'
sed -n '/^0:00[0-9]> !address 0xffffffffff600000$/,/^0:00[0-9]> /p' core.out > vsys.out
expect_in vsys.out '^Usage: +Other$'
echo ok
