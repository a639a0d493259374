# .dump leaves out what the kernel's core leaves out, and never touches
# what it does not dump: a page the program excluded with
# madvise(MADV_DONTDUMP) is not in the file (its secret marker nowhere in
# it, /ma included) while an ordinary page is; a 64 GB anonymous mapping
# with one page touched costs one page (the dump takes seconds, the
# never-touched pages are holes and stay unmapped in the process: mincore
# counts 1 resident page after the dump). Where core_pattern is a plain
# file name, the segments are also those of the kernel's core of the same
# crash.
. "$(dirname "$0")/../lib/scenario.sh"
command -v eu-readelf > /dev/null || fail "eu-readelf is not installed (elfutils)"
P="$FX/fx_dumpflags"
# scenarios share one directory: ours (cores of 64 GB, the kernel's core)
# goes away with us, so no later test takes our files for its own
rm -rf dontdump.d && mkdir dontdump.d && cd dontdump.d || fail "no scratch directory"
trap 'cd .. && rm -rf dontdump.d' EXIT
"$P" > plain.out 2>&1
grep -q 'resident=1$' plain.out || { echo "skip: the fixture cannot run here: $(cat plain.out)"; exit 0; }

# finds a marker in a sparse file, reading only its data (never 64 GB of holes)
has() {
    python3 - "$1" "$2" <<'PY'
import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY); size = os.fstat(fd).st_size; want = sys.argv[2].encode()
off = 0
while off < size:
    try:
        off = os.lseek(fd, off, os.SEEK_DATA)
    except OSError:
        break
    end = os.lseek(fd, off, os.SEEK_HOLE)
    os.lseek(fd, off, os.SEEK_SET)
    data = b""
    while len(data) < end - off:
        part = os.read(fd, min(end - off - len(data), 1 << 24))
        if not part: break
        data += part
    if want in data:
        sys.exit(0)
    off = end
sys.exit(1)
PY
}

printf 'bp checkpoint\ng\n.dump d.core\n.dump /ma full.core\ng\n' > cmds
t0=$(date +%s)
timeout 120 "$LINDBG" -cf cmds "$P" < /dev/null > out 2>&1 || { cat out; fail "lindbg failed or timed out"; }
t1=$(date +%s)
[ "$(grep -c '^Dump successfully written$' out)" -eq 2 ] || { cat out; fail "expected 2 dumps written"; }
[ $((t1 - t0)) -le 20 ] || fail "the session with two dumps took $((t1 - t0)) s"
expect_in out 'fx_dumpflags: resident=1$'
for f in d.core full.core; do
    has $f KEPT-IN-CORE-MARKER || fail "$f lacks the ordinary page's marker"
    has $f SPARSE-TOUCHED-MARKER || fail "$f lacks the touched page of the big mapping"
    if has $f SECRET-DONTDUMP-MARKER; then fail "$f holds the MADV_DONTDUMP page"; fi
done

kcore=$(kernel_core "$PWD/k" "$P" segv 2>why) || { echo "ok (kernel comparison skipped: $(cat why))"; exit 0; }
printf 'g\n.dump l.core\n' > cmds2
timeout 120 "$LINDBG" -cf cmds2 "$P" segv < /dev/null > out2 2>&1 || { cat out2; fail "lindbg failed"; }
expect_in out2 '^Dump successfully written$'
if has "$kcore" SECRET-DONTDUMP-MARKER; then fail "the kernel's core holds the secret (test broken)"; fi
has "$kcore" SPARSE-TOUCHED-MARKER || fail "the kernel's core lacks the touched page (test broken)"
same_segments_as_kernel "$kcore" l.core
echo ok
