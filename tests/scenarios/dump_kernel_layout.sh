# .dump picks the bytes the kernel's own core dump picks (the default
# coredump_filter): the same segments, sizes and notes, in the same order,
# as a core the kernel writes of the same crash. Only the kernel's own
# pages lindbg cannot read through the process ([vvar], [vsyscall]) are
# empty in lindbg's. Needs core_pattern to be a plain file name (never
# changed here).
. "$(dirname "$0")/../lib/scenario.sh"
command -v eu-readelf > /dev/null || fail "eu-readelf is not installed (elfutils)"
P="$FX/fx_dump"
kcore=$(kernel_core "$PWD/k" "$P" segv 2>why) || { echo "skip: $(cat why)"; exit 0; }
printf 'g\n.dump l.core\n' > cmds
timeout 120 "$LINDBG" -cf cmds "$P" segv < /dev/null > out 2>&1 || { cat out; fail "lindbg failed"; }
expect_in out '^Dump successfully written$'

notes() { eu-readelf -n "$1" | awk '$1 ~ /^(CORE|LINUX)$/ && $2 ~ /^[0-9]+$/ {print $1, $3}'; }
notes "$kcore" > k.notes
notes l.core > l.notes
[ "$(grep -c PRSTATUS l.notes)" -eq 4 ] || { cat l.notes; fail "expected 4 threads"; }
diff -u k.notes l.notes || fail "the notes differ from the kernel's"

loads() { eu-readelf -l "$1" | awk '$1 == "LOAD" {f = $7; if (f ~ /^0x/) f = "-"; print $3, $6, $5, f}'; }
loads "$kcore" > k.loads
loads l.core > l.loads
[ "$(wc -l < k.loads)" -gt 10 ] || fail "too few segments in the kernel's core"
vdso=$(eu-readelf -n "$kcore" | awk '$1 == "SYSINFO_EHDR:" {print $2}')
[ -n "$vdso" ] || fail "no vDSO address in the kernel's core"
# the kernel's pages: [vvar] lies right below the vDSO, [vsyscall] is fixed
python3 - "$vdso" k.loads l.loads <<'PY' || fail "segments differ from the kernel's"
import sys
vdso = int(sys.argv[1], 0)
k = [l.split() for l in open(sys.argv[2])]
m = [l.split() for l in open(sys.argv[3])]
if [x[0] for x in k] != [x[0] for x in m]:
    print("mappings differ:", [x[0] for x in k], [x[0] for x in m]); sys.exit(1)
bad = 0
for a, b in zip(k, m):
    va = int(a[0], 16)
    kernels_own = vdso - 0x10000 <= va < vdso or va == 0xffffffffff600000
    if kernels_own and int(b[2], 16) == 0 and a[1] == b[1]:
        continue
    if a[1:] != b[1:]:
        print("at %s: kernel memsz %s filesz %s %s, lindbg memsz %s filesz %s %s" % (a[0], *a[1:], *b[1:]))
        bad = 1
sys.exit(bad)
PY
echo ok
