# .printf against GDB at the same stop (fx_printf in fx_work): the text of
# %ma and %mu, the numbers of %d %u %x %I64x %c %f %lf, the function %y
# names and the address %p shows are what GDB prints for the same
# expressions.
. "$(dirname "$0")/../lib/scenario.sh"
printf '%s\n' 'bp fx_work' 'g' \
    '.printf "<%ma>\n", fx_text' '.printf "<%mu>\n", fx_wide' \
    '.printf "<%d %u %x>\n", dwo(fx_negative), dwo(fx_negative), dwo(fx_negative)' \
    '.printf "<%I64x %c>\n", qwo(fx_big), by(fx_letter)' \
    '.printf "<%f %lf>\n", dwo(fx_float), qwo(fx_double)' \
    '.printf "<%y>\n", fx_work+4' '.printf "<%p>\n", @rip' 'q' |
    "$LINDBG" "$FX/fx_printf" > ours.out 2>&1 || fail "lindbg failed"
grep '^<' ours.out > ours.txt
gdb -nx -batch -ex 'break *fx_work' -ex run \
    -ex 'printf "<%s>\n", fx_text' -ex 'echo <' -ex 'output fx_wide' -ex 'echo >\n' \
    -ex 'printf "<%d %u %x>\n", fx_negative, fx_negative, fx_negative' \
    -ex 'printf "<%llx %c>\n", fx_big, fx_letter' \
    -ex 'printf "<%f %f>\n", fx_float, fx_double' \
    -ex 'info symbol (char *)fx_work+4' -ex 'printf "<%016lx>\n", $pc' \
    "$FX/fx_printf" > gdb.out 2>&1 || fail "gdb failed"
# GDB quotes the UTF-16 text (u"..."), names %y as "fx_work + 4 in section
# .text" and prints %p without the backtick: bring both to one form
sed -n 's/^<u"\(.*\)">$/<\1>/p; t; /^<[^u]/p' gdb.out > gdb.txt
sym=$(sed -n 's/^\([A-Za-z_0-9]*\) + \([0-9]*\) in section .*/\1+0x\2/p' gdb.out)
[ -n "$sym" ] || { cat gdb.out; fail "no symbol from gdb"; }
[ "$(wc -l < gdb.txt)" -eq 6 ] || { cat gdb.out; fail "gdb gave $(wc -l < gdb.txt) lines"; }
[ "$(wc -l < ours.txt)" -eq 7 ] || { cat ours.out; fail ".printf gave $(wc -l < ours.txt) lines"; }
diff <(head -5 ours.txt) <(head -5 gdb.txt) || fail ".printf differs from gdb"
sed -n 6p ours.txt | grep -qx "<fx_printf!$sym ([0-9a-f]\{8\}\`[0-9a-f]\{8\})>" ||
    fail "%y: $(sed -n 6p ours.txt), gdb $sym"
[ "$(sed -n 7p ours.txt | tr -d '`')" = "$(sed -n 6p gdb.txt)" ] ||
    fail "%p: $(sed -n 7p ours.txt), gdb $(sed -n 6p gdb.txt)"
echo ok
