# The signal's information lindbg shows at the first and the second
# chance of fx_crash's division by zero and null write is GDB's: the same
# si_code, fault address and instruction pointer ($_siginfo, $pc).
. "$(dirname "$0")/../lib/scenario.sh"
command -v gdb > /dev/null || { echo "skip: no gdb"; exit 0; }
for what in div0 null; do
    gdb -batch -ex run -ex 'p $_siginfo.si_code' -ex 'p/x (long)$_siginfo._sifields._sigfault.si_addr' \
        -ex 'p/x $pc' --args "$FX/fx_crash" "$what" > "gdb.$what" 2>&1 || fail "gdb failed"
    code=$(sed -n 's/^\$1 = //p' "gdb.$what")
    addr=$(sed -n 's/^\$2 = 0x//p' "gdb.$what")
    pc=$(sed -n 's/^\$3 = 0x//p' "gdb.$what")
    [ -n "$code" ] && [ -n "$addr" ] && [ -n "$pc" ] || { cat "gdb.$what"; fail "no values from gdb"; }
    printf 'g\n.exr -1\nr rip\ng\n.exr -1\nr rip\n' |
        timeout 60 "$LINDBG" "$FX/fx_crash" "$what" > "lindbg.$what" 2>&1 || fail "lindbg failed"
    # both chances: one line each
    [ "$(grep -c "SignalCode: $code " "lindbg.$what")" -eq 2 ] || { cat "lindbg.$what"; fail "$what: si_code is not $code at both chances"; }
    wide=$(printf '%016x' "0x$addr")
    [ "$(grep -c "FaultAddress: ${wide:0:8}\`${wide:8}" "lindbg.$what")" -eq 2 ] ||
        { cat "lindbg.$what"; fail "$what: the fault address is not $addr at both chances"; }
    [ "$(grep -cx "rip=$(printf '%016x' "0x$pc")" "lindbg.$what")" -eq 2 ] ||
        { cat "lindbg.$what"; fail "$what: rip is not $pc at both chances"; }
    expect_in "lindbg.$what" 'second chance'
done
echo ok
