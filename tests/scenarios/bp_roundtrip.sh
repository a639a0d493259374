# .bpcmds output fed back with $< recreates the same breakpoint list:
# kinds, ids, options, passes, thread filters, conditions, commands (bm /d
# on depth redefines bu3: one breakpoint per place).
. "$(dirname "$0")/../lib/scenario.sh"
cat > set.cmds <<'CMDS'
bp work 5
bu3 fx_bp!depth "r rdi; .echo \"a;b\"; gc"
bp /1 mem_fill
bp7 /w "@rdi==2" /c 9 work+1
~0 bu9 mem_clear
bm /d fx_bp!dep*
bd 3
bl
.bpcmds
CMDS
"$LINDBG" -cf set.cmds "$FX/fx_bp" < /dev/null > first.out 2>&1 || fail "lindbg failed"
sed -n '/> bl$/,/> \.bpcmds$/p' first.out | grep -v '^0:000>' > bl1.txt
sed -n '/> \.bpcmds$/,$p' first.out | grep -v '^0:000>' > replay.cmds
[ -s replay.cmds ] || fail "no .bpcmds output"
printf '$<replay.cmds\nbl\n' > second.cmds
"$LINDBG" -cf second.cmds "$FX/fx_bp" < /dev/null > second.out 2>&1 || fail "lindbg failed"
sed -n '/> bl$/,$p' second.out | grep -v '^0:000>' > bl2.txt
[ "$(wc -l < bl1.txt)" -eq 5 ] || { cat first.out; fail "expected 5 breakpoints"; }
diff -u bl1.txt bl2.txt || fail "the replayed list differs"
echo ok
