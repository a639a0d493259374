# lindbg's out-of-line page stays out of a dump, but only that page: when
# the kernel merges it with the program's own anonymous code next to it (a
# JIT's page), the program's page is still in the core (its marker there,
# in a segment of its own) and lindbg's page is not.
. "$(dirname "$0")/../lib/scenario.sh"
command -v eu-readelf > /dev/null || fail "eu-readelf is not installed (elfutils)"
rm -f ool-merged.core
printf 'bp warm "gc"\nbp checkpoint\ng\n.dump ool-merged.core\ng\n' > cmds
timeout 120 "$LINDBG" -cf cmds "$FX/fx_dumpjit" < /dev/null > out 2>&1 || { cat out; fail "lindbg failed"; }
expect_in out '^Dump successfully written$'
ool=$(sed -n 's/^fx_dumpjit: merged=1 ool=\([0-9a-f]*\)$/\1/p' out)
[ -n "$ool" ] || { echo "skip: the kernel did not merge the pages: $(grep merged= out)"; rm -f ool-merged.core; exit 0; }
python3 - ool-merged.core "$ool" <<'PY' || fail "the dump lost the program's page or holds lindbg's"
import sys
data = open(sys.argv[1], "rb").read()
ool = int(sys.argv[2], 16)
n = data.count(b"JIT-CODE-MARKER")
if n != 1:
    print("marker found %d times" % n); sys.exit(1)
PY
eu-readelf -l ool-merged.core | awk '$1 == "LOAD" {print $3, $6}' > loads
jit=$(printf '0x%016x' $((0x$ool + 4096)))
grep -q "^$jit 0x0*1000$" loads || { cat loads; fail "no segment of one page at $jit"; }
if grep -q "^$(printf '0x%016x' $((0x$ool))) " loads; then fail "lindbg's page is in the dump"; fi
rm -f ool-merged.core
echo ok
