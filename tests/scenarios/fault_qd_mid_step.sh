# qd while a `p` over a call was cut short by a breakpoint in the callee
# (the return trap of the step is still planted in the caller): after qd
# the program's code is what its file says and it ends with the result it
# has alone.
. "$(dirname "$0")/../lib/scenario.sh"
"$FX/fx_loop" ref.pid 20 > reference.out
# lindbg's own lines go to session.out, the program's to the same file
# descriptor; the program runs on after lindbg has gone
printf 'bp fx_loop!work\ng\ngu\npc\np\nqd\n' |
    "$LINDBG" "$FX/fx_loop" target.pid 20 > session.out 2>&1 || fail "lindbg failed"
expect_in session.out "call +fx_loop!work"
expect_in session.out "Breakpoint 0 hit"
pid=$(cat target.pid)
# the code of the program is what its file says (.text)
off=$(readelf -SW "$FX/fx_loop" | awk '$2 == ".text" { print $5 }')
size=$(readelf -SW "$FX/fx_loop" | awk '$2 == ".text" { print $6 }')
addr=$(readelf -SW "$FX/fx_loop" | awk '$2 == ".text" { print $4 }')
base=$(awk -v f="$FX/fx_loop" '$6 == f && $3 == "00000000" { split($1, a, "-"); print a[1]; exit }' /proc/"$pid"/maps)
[ -n "$base" ] || fail "no mapping found (did the program end early?)"
dd if="$FX/fx_loop" bs=1 skip=$((0x$off)) count=$((0x$size)) 2>/dev/null > file.bin
dd if=/proc/"$pid"/mem bs=1 skip=$((0x$base + 0x$addr)) count=$((0x$size)) 2>/dev/null > mem.bin
cmp file.bin mem.bin || fail "the code in memory differs from the file after qd"
for _ in $(seq 100); do
    grep -q '^fx_loop: ' session.out && break
    sleep 0.1
done
grep '^fx_loop: ' session.out > target.out
cmp -s reference.out target.out || { cat reference.out session.out; fail "result differs"; }
echo ok
