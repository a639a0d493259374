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

same_segments_as_kernel "$kcore" l.core
echo ok
