# lindbg -z on cores that are wrong: missing, not a core, truncated (in
# its segments, in its notes), of another architecture, corrupted (a
# program header, the notes, and bytes overwritten at random), opened with
# the wrong program, or whose library on disk is another file or gone.
# Each is one clear line (an error that ends lindbg, or a warning before
# the session), and nothing crashes.
. "$(dirname "$0")/../lib/scenario.sh"

gdb -nx -batch -ex run -ex "gcore $PWD/g.core" "$FX/fx_core" > gdb-run.out 2>&1
[ -s g.core ] || { cat gdb-run.out; fail "gcore wrote no core"; }

# refused CORE REGEX [PROGRAM]: lindbg -z says one line matching REGEX
# and exits 1
refused() {
    local core=$1 re=$2 prog=${3:-}
    printf 'k\nq\n' | "$LINDBG" -z "$core" $prog > out 2>&1
    local rc=$?
    expect_not_in out 'AddressSanitizer|runtime error|LeakSanitizer'
    [ "$rc" -eq 1 ] || { cat out; fail "$core: exit code $rc, not 1"; }
    [ "$(grep -vc '^$\|^Loading Dump File' out)" -eq 1 ] || { cat out; fail "$core: more than one line"; }
    expect_in out "^Couldn't open core file '$core': $re\$"
}

# patch FILE OFFSET HEXBYTES: overwrites bytes in place
patch() { printf "$(echo "$3" | sed 's/../\\x&/g')" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }
u64() { od -An -t u8 -j "$2" -N 8 "$1" | tr -d ' '; }
u16() { od -An -t u2 -j "$2" -N 2 "$1" | tr -d ' '; }

refused nope.core 'No such file or directory'
refused "$FX/fx_core" 'not a core file \(ELF type 3\)'
printf 'hello' > text.core
refused text.core 'not an ELF file'

size=$(stat -c %s g.core)
head -c $((size / 2)) g.core > half.core
# (GDB writes the notes after the segments: they are what is cut)
refused half.core "(truncated: its segments need $size bytes, the file has $((size / 2))|the notes lie beyond the end of the file \\(truncated\\?\\))"
# cut inside the notes: the first PT_NOTE of gcore's core
phoff=$(u64 g.core 32)
note_off=$(u64 g.core $((phoff + 8)))
head -c $((note_off + 100)) g.core > notes-cut.core
refused notes-cut.core 'the notes lie beyond the end of the file \(truncated\?\)'

cp g.core arm.core
patch arm.core 18 b700 # e_machine: EM_AARCH64
refused arm.core 'a core of another architecture \(ELF machine 183, not x86-64\)'
cp g.core elf32.core
patch elf32.core 4 01 # EI_CLASS: ELFCLASS32
refused elf32.core 'not a 64-bit ELF file \(class 1\)'

# a PT_LOAD whose contents would lie past the end: the second header
cp g.core seg.core
patch seg.core $((phoff + 56 + 8)) 00000000000000f0
refused seg.core 'truncated: its segments need [0-9]+ bytes, the file has [0-9]+'
# the first note's size beyond its segment
cp g.core note.core
patch note.core $((note_off + 4)) fffffff0
refused note.core 'a note runs past the end of its segment'
# NT_FILE's count larger than the note: find the note by its type and
# name (grep's offset is the type's; the descriptor follows "CORE\0\0\0\0")
nt_file=$(grep -obUaP '\x45\x4c\x49\x46\x43\x4f\x52\x45\x00' g.core | head -1 | cut -d: -f1)
[ -n "$nt_file" ] || fail "no NT_FILE note in g.core"
cp g.core file.core
patch file.core $((nt_file + 12)) ffffffffffff0000 # the count, after the name
refused file.core 'NT_FILE note lists more files than it holds'

# no NT_FILE (its note's type changed): the libraries still come from the
# loader's list (r_debug found through the program's DT_DEBUG), the
# program's name from NT_PRPSINFO; given, the program is placed by
# AT_PHDR and checked by build-id against the core's copy of its headers
cp g.core nofile.core
patch nofile.core "$nt_file" 01020304
printf 'k\n|\nq\n' | "$LINDBG" -z nofile.core > nofile.out 2>&1 || { cat nofile.out; fail "no NT_FILE: lindbg failed"; }
expect_not_in nofile.out 'AddressSanitizer|runtime error|Warning'
expect_in nofile.out '^ModLoad: .*/libc\.so\.6$'
expect_in nofile.out 'core	name: fx_core$'
expect_not_in nofile.out 'fx_core!'
printf 'k\nq\n' | "$LINDBG" -z nofile.core "$FX/fx_core" > nofile-prog.out 2>&1 ||
    { cat nofile-prog.out; fail "no NT_FILE, with the program: lindbg failed"; }
expect_not_in nofile-prog.out 'AddressSanitizer|runtime error|Warning'
expect_in nofile-prog.out "^ModLoad: 00005555\`55554000 .*  $FX/fx_core\$"
expect_in nofile-prog.out 'fx_core!fx_crash_in_libc\+0x[0-9a-f]+ \[.*fx_core.c @ 44\]'
printf 'q\n' | "$LINDBG" -z nofile.core "$FX/fx_basic" > nofile-wrong.out 2>&1
expect_in nofile-wrong.out "^Warning: program '$FX/fx_basic' does not match the core's program 'fx_core' \\(build-id [0-9a-f]+, the core's [0-9a-f]+\\)\$"

# bytes overwritten at random in the program headers and the notes: a
# clear line, or a session that works; never a crash
note_len=$(u64 g.core $((phoff + 32)))
"$PYTHON" - g.core "$phoff" $(($(u16 g.core 56) * 56)) "$note_off" "$note_len" <<'PY'
import random, sys
random.seed(17)
src = open(sys.argv[1], 'rb').read()
ph, phlen, notes, nlen = (int(a) for a in sys.argv[2:6])
for i in range(12):
    d = bytearray(src)
    for k in range(6):
        base, span = (ph, phlen) if k % 3 == 0 else (notes, nlen)
        at = base + random.randrange(0, span)
        d[at:at + 8] = bytes(random.randrange(256) for _ in range(8))
    open(f'rnd{i}.core', 'wb').write(d)
PY
for i in $(seq 0 11); do
    printf 'k\n~\nlm\nq\n' | "$LINDBG" -z rnd$i.core > rnd.out 2>&1
    rc=$?
    expect_not_in rnd.out 'AddressSanitizer|runtime error|LeakSanitizer'
    if [ "$rc" -eq 1 ]; then
        expect_in rnd.out "^Couldn't open core file 'rnd$i.core': "
    else
        [ "$rc" -eq 0 ] || { cat rnd.out; fail "rnd$i.core: exit code $rc"; }
        expect_in rnd.out '^0:[0-9]{3}> q$'
    fi
done

# the wrong program: one warning, then the session
printf 'k\nq\n' | "$LINDBG" -z g.core "$FX/fx_basic" > wrong.out 2>&1 || { cat wrong.out; fail "wrong program: lindbg failed"; }
expect_not_in wrong.out 'AddressSanitizer|runtime error'
[ "$(grep -c '^Warning' wrong.out)" -eq 1 ] || { cat wrong.out; fail "not one warning"; }
expect_in wrong.out "^Warning: program '$FX/fx_basic' does not match the core's program '$FX/fx_core' \\(build-id [0-9a-f]+, the core's [0-9a-f]+\\)\$"
expect_in wrong.out '^0:000> q$'
printf 'q\n' | "$LINDBG" -z g.core "$FX/nothing-there" > noprog.out 2>&1
[ $? -eq 1 ] || { cat noprog.out; fail "a missing program is not an error"; }
expect_in noprog.out "^Couldn't open program '$FX/nothing-there': No such file or directory\$"

# a library on disk that is not the core's, then gone
mkdir lib && cp "$FX/fx_inline" "$FX/libfx_inline.so" lib/
gdb -nx -batch -ex 'break main' -ex run -ex "gcore $PWD/lib.core" lib/fx_inline > gdb-lib.out 2>&1
[ -s lib.core ] || { cat gdb-lib.out; fail "gcore wrote no core of fx_inline"; }
printf 'k\nq\n' | "$LINDBG" -z lib.core > same.out 2>&1
expect_not_in same.out 'Warning'
cp "$FX/libfx_plugin.so" lib/libfx_inline.so
printf 'k\nq\n' | "$LINDBG" -z lib.core > other.out 2>&1
expect_in other.out "^Warning: '$PWD/lib/libfx_inline.so' on disk does not match the core \\(build-id [0-9a-f]+, the core's [0-9a-f]+\\): code read from it may be wrong\$"
[ "$(grep -c '^Warning' other.out)" -eq 1 ] || { cat other.out; fail "not one warning"; }
rm lib/libfx_inline.so
printf 'k\nq\n' | "$LINDBG" -z lib.core > gone.out 2>&1
expect_in gone.out "^Warning: '$PWD/lib/libfx_inline.so' is not on disk: what the core does not hold of it cannot be read\$"
expect_in gone.out 'fx_inline!main'
echo ok
