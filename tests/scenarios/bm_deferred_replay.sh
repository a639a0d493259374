# A deferred bm and the breakpoints it set replay from .bpcmds: the
# pattern finds its symbols set already and sets nothing twice; the
# program's three calls are counted three times.
. "$(dirname "$0")/../lib/scenario.sh"
printf 'bm libfx_plugin!fx_plugin_t* "r $t0=@$t0+1; gc"\ng\n.bpcmds\n' > first.cmds
"$LINDBG" "$FX/fx_dlopen" < first.cmds > first.out 2>&1 || fail "lindbg failed"
sed -n '/> \.bpcmds$/,$p' first.out | grep -v '^0:000>' > replay.cmds
[ "$(wc -l < replay.cmds)" -eq 3 ] || { cat first.out; fail "expected 3 lines from .bpcmds"; }
printf '$<replay.cmds\ng\nbl\n? @$t0\n' > second.cmds
"$LINDBG" "$FX/fx_dlopen" < second.cmds > second.out 2>&1 || fail "lindbg failed"
expect_not_in second.out '\(bm libfx_plugin!fx_plugin_t\*, breakpoint'
expect_in second.out 'Evaluate expression: 3 ='
[ "$(grep -c 'libfx_plugin!fx_plugin_t' second.out | tr -d ' ')" -ge 3 ] || fail "breakpoints missing"
expect_not_in second.out '^ *[3-9] e'
echo ok
