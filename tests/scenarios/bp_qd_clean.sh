# After qd from an attached process with breakpoints set (and hit), no 0xCC
# stays: the process finishes with the result it has without a debugger,
# and its code is byte for byte what the ELF file maps.
. "$(dirname "$0")/../lib/scenario.sh"
"$FX/fx_loop" ref.pid 20 > reference.out
start_loop 20 target.out
printf 'bp fx_loop!work\nbp fx_loop!main+4\nbm fx_loop!wo*\ng\nbl\nqd\n' | "$LINDBG" -p "$pid" > session.out 2>&1 || fail "lindbg failed"
expect_in session.out "Breakpoint 0 hit"
# the code of the program is what its file says (.text: the section offsets)
off=$(readelf -SW "$FX/fx_loop" | awk '$2 == ".text" { print $5 }')
size=$(readelf -SW "$FX/fx_loop" | awk '$2 == ".text" { print $6 }')
addr=$(readelf -SW "$FX/fx_loop" | awk '$2 == ".text" { print $4 }')
base=$(awk -v f="$FX/fx_loop" '$6 == f && $3 == "00000000" { split($1, a, "-"); print a[1]; exit }' /proc/$pid/maps)
[ -n "$base" ] || fail "no mapping found"
dd if="$FX/fx_loop" bs=1 skip=$((0x$off)) count=$((0x$size)) 2>/dev/null > file.bin
dd if=/proc/$pid/mem bs=1 skip=$((0x$base + 0x$addr)) count=$((0x$size)) 2>/dev/null > mem.bin
cmp file.bin mem.bin || fail "the code in memory differs from the file after qd"
wait "$bg" || fail "fx_loop failed after qd"
cmp -s reference.out target.out || { cat reference.out target.out; fail "result differs"; }
echo ok
