# s against GDB's find at the same stop (fx_probe in fx_memsearch, a bp on
# fx_marker too, address-space randomisation off in both): the same hits
# for a string, a dword and a qword over every mapping of the program, the
# same stack offsets for a byte pattern near rsp, and under the breakpoint
# both find the original bytes and neither finds 0xcc.
. "$(dirname "$0")/../lib/scenario.sh"
prog="$FX/fx_memsearch"
gdb -nx -batch -ex 'break fx_probe' -ex 'break fx_marker' -ex run -ex 'info proc mappings' "$prog" > maps.out 2>&1
lo=$(awk '/fx_memsearch$/ { print $1; exit }' maps.out)
hi=$(awk '/fx_memsearch$/ { e = $2 } END { print e }' maps.out)
[ -n "$lo" ] && [ -n "$hi" ] || { cat maps.out; fail "no mapping of the program in GDB's info proc mappings"; }
last=$(printf '0x%x' $((hi - 1)))
# name | GDB find arguments | lindbg s arguments
cat > searches <<X
string|/b $lo, $last, 'n','e','e','d','l','e'|-[1]a $lo $last "needle"
dword|/w $lo, $last, 0xcafef00d|-[1]d $lo $last cafef00d
qword|/g $lo, $last, 0xfeedfacecafebeef|-[1]q $lo $last feedfacecafebeef
stack|/b \$rsp, +0x200, 0x5a, 0xa5, 0x3c, 0xc3|-[1]b @rsp L200 5a a5 3c c3
orig|/b fx_marker, +6, 0xb8, 0x2a, 0x00|-[1]b fx_marker L6 b8 2a 00
trap|/b fx_marker, +6, (char)0xcc|-[1]b fx_marker L6 cc
X
gargs=() ; : > cmds
printf 'bp fx_probe\nbp fx_marker\ng\nr rsp\n' > cmds
while IFS='|' read -r name g s; do
    gargs+=(-ex "echo ==$name\\n" -ex "find $g")
    printf '.echo ==%s\ns %s\n' "$name" "$s" >> cmds
done < searches
printf 'q\n' >> cmds
gdb -nx -batch -ex 'break *fx_probe' -ex 'break *fx_marker' -ex run -ex 'p/x $rsp' "${gargs[@]}" "$prog" > gdb.out 2>&1
"$LINDBG" "$prog" < cmds > ours.out 2>&1 || { cat ours.out; fail "lindbg failed"; }
grsp=$(sed -n 's/^\$1 = \(0x[0-9a-f]*\)$/\1/p' gdb.out)
orsp=0x$(sed -n 's/^rsp=\([0-9a-f]*\)$/\1/p' ours.out)
[ -n "$grsp" ] && [ "$orsp" != 0x ] || { cat gdb.out ours.out; fail "no rsp"; }
# each search's hits, one per line, as numbers; stack hits as offsets from rsp
hits() { # FILE RSP: "name addr" lines
    awk -v rsp="$2" '
        /^==/ { name = substr($1, 3); next }
        name != "" && match($0, /^(0x[0-9a-f]+|[0-9a-f]+`[0-9a-f]+)( |$)/) {
            a = $1; gsub(/`/, "", a); sub(/^0x/, "", a)
            print name, a
        }' "$1" | while read -r n a; do
        v=$((16#$a)); [ "$n" = stack ] && v=$((v - $2))
        echo "$n $v"
    done
}
hits gdb.out "$grsp" > gdb.hits
hits ours.out "$orsp" > our.hits
for n in string dword qword stack orig; do
    grep -q "^$n " gdb.hits || { cat gdb.out; fail "GDB found no $n"; }
done
grep -q '^trap ' gdb.hits && fail "GDB found our trap byte"
diff gdb.hits our.hits > /dev/null || { diff gdb.hits our.hits; cat ours.out; fail "hits differ from GDB's find"; }
echo "$(wc -l < our.hits) hits agree with GDB's find"
