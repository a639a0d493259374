# .formats against values computed here by Python for the same numbers:
# hex, signed and unsigned decimal, octal, binary, chars (most significant
# byte first), time (seconds since 1970, UTC; the day two digits, as
# WinDbg: "Thu Jan 01 00:00:00 1970"), the two floats and the
# double of the bits.
. "$(dirname "$0")/../lib/scenario.sh"
values="0x41424344 0n1700000000 0x3ff0000000000000 0x8000000000000001 0 0x7e5c2a21"
: > cmds
for v in $values; do echo ".formats $v" >> cmds; done
timeout 60 "$LINDBG" -cf cmds "$FX/fx_memmap" < /dev/null > out 2>&1 || { cat out; fail "lindbg failed"; }
awk '/^0:000> \.formats/ { on = 1; next } /^0:000>/ { on = 0 } on' out > ours
"$PYTHON" - $values > expected <<'PY'
import struct, sys, time
for text in sys.argv[1:]:
    v = int(text[2:], 10) if text.startswith("0n") else int(text, 0)
    s = v - (1 << 64) if v >> 63 else v
    b = v.to_bytes(8, "big")
    print("Evaluate expression:")
    print("  Hex:     %08x`%08x" % (v >> 32, v & 0xffffffff))
    print("  Decimal: %d" % s)
    print("  Decimal (unsigned) : %d" % v)
    print("  Octal:   %022o" % v)
    print("  Binary:  " + " ".join(format(x, "08b") for x in b))
    print("  Chars:   " + "".join(chr(x) if 0x20 <= x < 0x7f else "." for x in b))
    if s < 0 or v > 253402300799:
        print("  Time:    ***** Invalid")
    else:
        t = time.gmtime(v)
        print("  Time:    " + time.strftime("%a %b %d %H:%M:%S %Y", t))
    lo, hi = struct.unpack("<ff", struct.pack("<Q", v))
    print("  Float:   low %g high %g" % (lo, hi))
    print("  Double:  %g" % struct.unpack("<d", struct.pack("<Q", v))[0])
PY
[ "$(grep -c '^Evaluate expression:' ours)" -eq 6 ] || { cat out; fail "not six .formats blocks"; }
diff -u expected ours || fail ".formats differs from Python's values"
expect_in ours "^  Time:    Thu Jan 01 00:00:00 1970$"
echo ok
