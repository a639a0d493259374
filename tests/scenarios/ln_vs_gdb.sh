# ln inside libraries agrees with GDB's `info symbol`: addresses spread
# over the .text of libc, libm (symbols from their debug files) and
# libstdc++ (only .dynsym: its static functions have no name, and the
# exported one before them must not be named with a huge offset). Both
# must give the same symbol start (the same offset into it), or both no
# symbol; the names themselves may differ only between aliases of one
# address (GDB and lindbg choose among glob/glob64 differently).
. "$(dirname "$0")/../lib/scenario.sh"
command -v gdb >/dev/null || { echo "skip: no gdb"; exit 0; }
prog="$FX/fx_libs"
N=30
printf 'g main\nlm\n' | "$LINDBG" "$prog" > lm.out 2>&1 || fail "lindbg failed"
gdb -batch -ex 'b main' -ex r -ex 'info proc mappings' "$prog" > maps.out 2>&1 || fail "gdb failed"
: > l.cmds; : > g.cmds; : > offsets
for lib in libc.so.6 libm.so.6 libstdc++.so.6; do
    path=$(awk -v l="/$lib" 'index($NF, l) && $1 ~ /`/ {print $NF; exit}' lm.out)
    lstart=$(awk -v l="/$lib" 'index($NF, l) && $1 ~ /`/ {print $1; exit}' lm.out | tr -d '`')
    gstart=$(awk -v l="/$lib" 'index($NF, l) && $1 ~ /^0x/ {print $1; exit}' maps.out)
    [ -n "$path" ] && [ -n "$lstart" ] && [ -n "$gstart" ] || { cat lm.out maps.out; fail "$lib not found"; }
    read -r tva tsz < <(readelf -SW "$path" | awk '$2 == ".text" {print $4, $6}')
    for i in $(seq 1 $N); do
        off=$(( 16#$tva + 16#$tsz * i / (N + 1) + i * 37 % 97 ))
        printf 'ln %x\n' $(( 16#$lstart + off )) >> l.cmds
        printf 'info symbol 0x%x\n' $(( gstart + off )) >> g.cmds
        echo "$lib+$off" >> offsets
    done
done
"$LINDBG" "$prog" > l.out 2>&1 < <(printf 'g main\n'; cat l.cmds) || fail "lindbg failed"
gdb -batch -ex 'b main' -ex r -x g.cmds "$prog" > g.out 2>&1 || fail "gdb failed"
grep -A1 '^0:000> ln' l.out | grep -v '^0:000>\|^--' > l.res
grep -E ' in section |^No symbol matches' g.out > g.res
python3 - offsets l.res g.res <<'PY' || fail "ln and GDB disagree"
import re, sys
where = open(sys.argv[1]).read().split()
l = open(sys.argv[2]).read().splitlines()
g = open(sys.argv[3]).read().splitlines()
if not (len(where) == len(l) == len(g)):
    sys.exit("counts differ: %d %d %d" % (len(where), len(l), len(g)))
bad = named = 0
for w, a, b in zip(where, l, g):
    m = re.match(r'\(\S+\)\s+\S+?!(.*?)(?:\+0x([0-9a-f]+))?(?:   \||$)', a)
    ln = (m.group(1), int(m.group(2) or '0', 16)) if m else None
    m = re.match(r'(.*?)(?: \+ (\d+))? in section', b)
    gd = (m.group(1), int(m.group(2) or '0')) if m else None
    if (ln is None) != (gd is None) or (ln and ln[1] != gd[1]):
        bad += 1
        print("DIFF %s: lindbg %r, gdb %r" % (w, a, b))
    elif ln:
        named += 1
        if ln[0].split('@')[0] not in gd[0]:
            print("alias %s: lindbg %s, gdb %s" % (w, ln[0], gd[0]))
print("%d addresses, %d named, %d differ" % (len(where), named, bad))
sys.exit(1 if bad else 0)
PY
echo ok
