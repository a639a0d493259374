# .frame /r N against GDB's `frame N` + `info registers` at the same stop
# (fx_stack at leaf's first instruction, frames 1-5: recurse x4, main):
# rip is the same, and rsp, rbp and rbx (stack addresses here) are the same
# distance from frame 0's rsp (the two debuggers give the program different
# environments, which moves the stack). The caller-saved registers of a
# frame above 0 are not the frame's: .frame /r shows them as ?.
. "$(dirname "$0")/../lib/scenario.sh"

{ echo 'bp fx_stack!leaf'; echo g; for n in 0 1 2 3 4 5; do echo ".frame /r $n"; done; echo q; } > cmds
"$LINDBG" "$FX/fx_stack" < cmds > ours.out 2>&1 || fail "lindbg failed"
gargs=(-nx -batch -ex 'break *leaf' -ex run)
for n in 0 1 2 3 4 5; do gargs+=(-ex "frame $n" -ex 'info registers rip rsp rbp rbx'); done
gdb "${gargs[@]}" "$FX/fx_stack" > gdb.out 2>&1

# ours N REG: the register's value in the block of `.frame /r N`
ours() {
    awk -v n="$1" -v r="$2" 'BEGIN { k = -1 } /^0:000> \.frame \/r / { k = $4 } k == n {
        for (i = 1; i <= NF; i++) if (index($i, r "=") == 1) { print substr($i, length(r) + 2); exit } }' ours.out
}
# theirs N REG: GDB's (the (N+1)-th `info registers` block)
theirs() {
    awk -v n="$1" -v r="$2" '/^rip / { k++ } k == n + 1 && $1 == r { print $2; exit }' gdb.out
}

base_o=$((16#$(ours 0 rsp)))
base_g=$(($(theirs 0 rsp)))
[ "$base_o" -ne 0 ] && [ "$base_g" -ne 0 ] || { cat ours.out gdb.out; fail "no frame 0 rsp"; }
for n in 1 2 3 4 5; do
    o=$(ours $n rip)
    g=$(theirs $n rip)
    [ -n "$o" ] && [ $((16#$o)) -eq $((g)) ] || { cat ours.out; fail "frame $n: rip $o, gdb $g"; }
    for r in rsp rbp rbx; do
        o=$(ours $n $r)
        g=$(theirs $n $r)
        [ -n "$o" ] && [ -n "$g" ] || { cat ours.out gdb.out; fail "frame $n: no $r"; }
        [ $((16#$o - base_o)) -eq $((g - base_g)) ] ||
            fail "frame $n: $r is rsp0$(printf '%+d' $((16#$o - base_o))), gdb rsp0$(printf '%+d' $((g - base_g)))"
    done
done
# above frame 0 the scratch registers are unknown, at frame 0 known
expect_in ours.out '^rax=\?{16} rbx=[0-9a-f]{16} rcx=\?{16}$'
expect_in ours.out '^\(\? : not saved by this frame'
awk '/^0:000> \.frame \/r 0/ { p = 1; next } /^0:000>/ { p = 0 } p' ours.out > f0
expect_in f0 '^rax=[0-9a-f]{16} rbx=[0-9a-f]{16} rcx=[0-9a-f]{16}$'
expect_not_in f0 '\?'
expect_in ours.out '^02 00007fff`[0-9a-f]+ fx_stack!recurse\+0x2a'
echo "frame_regs_vs_gdb: ok"
