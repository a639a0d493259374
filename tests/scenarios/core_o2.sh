# lindbg -z CORE PROGRAM on an -O2 program: GDB stops fx_opt in fx_stop
# called from saved_regs and writes a core (gcore); lindbg's dv in frames 1
# and 2 (callee-saved registers recovered by unwinding, location lists)
# shows every value GDB shows on the same core, and xmm0 is GDB's.
. "$(dirname "$0")/../lib/scenario.sh"

gdb -nx -batch -ex 'break saved_regs' -ex run -ex 'break fx_stop' -ex continue \
    -ex "gcore $PWD/o2.core" "$FX/fx_opt" > gdb-run.out 2>&1
[ -s o2.core ] || { cat gdb-run.out; fail "gcore wrote no core"; }

printf '.frame 1\ndv\n.frame 2\ndv\nr xmm0\nq\n' > cmds
"$LINDBG" -z o2.core "$FX/fx_opt" < cmds > ours.out 2>&1 || { cat ours.out; fail "lindbg failed"; }
expect_not_in ours.out 'AddressSanitizer|runtime error|Warning'
expect_in ours.out '^\([0-9a-f.]+\): Signal SIGTRAP \(first/second chance not available\)'
expect_in ours.out '^fx_opt!fx_stop:$'
expect_in ours.out '^01 .* fx_opt!saved_regs\+'
expect_in ours.out '^02 .* fx_opt!main\+'

checked=0
for n in 1 2; do
    gdb -nx -batch -ex "frame $n" -ex 'info args' -ex 'info locals' "$FX/fx_opt" o2.core 2>/dev/null |
        grep -E '^[a-z_]+ = -?[0-9]+$' > gdb.$n
    # lindbg's dv of frame n: the lines after `.frame n`'s dv
    awk -v n="$n" '/^0:000> dv$/ { k++; next } /^0:000>/ { if (k == n) exit } k == n' ours.out > ours.$n
    [ -s gdb.$n ] || fail "GDB shows no value in frame $n"
    while read -r name _ value; do
        grep -Eq "^ +$name = 0n$value\$" ours.$n ||
            { cat ours.$n; fail "frame $n: $name is $value for GDB, not in dv"; }
        checked=$((checked + 1))
    done < gdb.$n
done
[ "$checked" -ge 6 ] || fail "only $checked values compared"
gx=$(gdb -nx -batch -ex 'p/x $xmm0.uint128' "$FX/fx_opt" o2.core 2>/dev/null | sed -n 's/^\$1 = 0x//p')
[ -n "$gx" ] || fail "GDB shows no xmm0"
expect_in ours.out "^xmm0=0*$gx\$"
echo "ok: $checked values as GDB's"
