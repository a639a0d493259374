# Hostile or odd files: a truncated ELF is refused with one line (by
# exec, or by the kernel while loading it); a program
# whose DWARF is garbage (random bytes in .debug_info and .debug_line) is
# debugged with what is left (ELF symbols), never crashing lindbg; a
# program under a path with spaces, quotes, a ';' and non-ASCII letters is
# launched, listed and debugged like any other.
. "$(dirname "$0")/../lib/scenario.sh"
head -c 40 "$FX/fx_basic" > trunc
head -c 3000 "$FX/fx_basic" > trunc2
chmod +x trunc trunc2
"$LINDBG" ./trunc < /dev/null > e1.out 2>&1 && fail "a truncated ELF was accepted"
expect_in e1.out "^Couldn't start './trunc': Exec format error$"
[ "$(wc -l < e1.out)" -le 2 ] || { cat e1.out; fail "more than a line for a bad file"; }
# headers whole, segments cut: the kernel itself gives up while loading
"$LINDBG" ./trunc2 < /dev/null > e2.out 2>&1 && fail "a truncated ELF was accepted"
expect_in e2.out "^Couldn't start './trunc2': killed by SIG[A-Z]+ while the kernel loaded it"

# garbage DWARF: the section sizes kept, their bytes random
cp "$FX/fx_basic" baddwarf
/usr/bin/python3 - baddwarf <<'PY'
import random, struct, sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
shoff, = struct.unpack_from("<Q", data, 0x28)
shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3a)
def sh(i):
    return struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
stroff = sh(shstrndx)[4]
rng = random.Random(7)
for i in range(shnum):
    name_off, _, _, _, off, size, *_ = sh(i)
    end = data.index(b"\0", stroff + name_off)
    name = data[stroff + name_off:end].decode()
    if name in (".debug_info", ".debug_line", ".debug_abbrev"):
        data[off:off + size] = bytes(rng.randrange(256) for _ in range(size))
open(path, "wb").write(data)
PY
printf 'bp main\ng\nk\ndv\n.lines\nk\nx baddwarf!*\nlsa .\nuf main\ng\n' |
    "$LINDBG" ./baddwarf > bad.out 2>&1 || fail "lindbg failed on garbage DWARF"
expect_in bad.out "Breakpoint 0 hit"
expect_in bad.out "baddwarf!main"
expect_in bad.out "fx_basic: sum=41"
expect_not_in bad.out "AddressSanitizer|runtime error"

odd="dir with space/it's; ünïcødé"
mkdir -p "$odd"
cp "$FX/fx_basic" "$odd/prog ram"
printf 'lm\nbp main\ng\ng\n' | "$LINDBG" "$odd/prog ram" > odd.out 2>&1 || fail "lindbg failed on an odd path"
expect_in odd.out "dir with space/it's; ünïcødé/prog ram"
expect_in odd.out "Breakpoint 0 hit"
expect_in odd.out "prog_ram!main"
expect_in odd.out "fx_basic: sum=41"
echo ok
