# $teb is the thread pointer: the fs_base GDB shows for the same thread at
# the same stop (both run the program with address randomisation off).
. "$(dirname "$0")/../lib/scenario.sh"
printf 'bp main\ng\nr $teb\nq\n' | "$LINDBG" "$FX/fx_basic" > ours.out 2>&1 || fail "lindbg failed"
gdb -nx -batch -ex 'break main' -ex run -ex 'p/x $fs_base' "$FX/fx_basic" > gdb.out 2>&1
g=$(sed -n 's/^\$1 = 0x\([0-9a-f]*\)$/\1/p' gdb.out)
[ -n "$g" ] || { cat gdb.out; fail "gdb printed no \$fs_base"; }
o=$(sed -n 's/^\$teb=0*\([0-9a-f]*\)$/\1/p' ours.out)
[ "$o" = "$g" ] || { cat ours.out; fail "\$teb is '$o', gdb's \$fs_base '$g'"; }
echo ok
