# .dump writes a core GDB reads as it reads the kernel's: every thread,
# the current thread's stack, registers (a change made with `r` and not yet
# written back included), globals; no breakpoint byte of lindbg in it; and
# the session goes on exactly as without the dump. Also /ma of an -O2
# program, a process stopped by SIGSEGV, the notes (eu-readelf), /o.
. "$(dirname "$0")/../lib/scenario.sh"
command -v gdb > /dev/null || fail "gdb is not installed"
command -v eu-readelf > /dev/null || fail "eu-readelf is not installed (elfutils)"
P="$FX/fx_dump"

# the same session with and without the dumps
cat > with.cmds <<'CMDS'
bp leaf
g
g
bp middle
r r11=0x1122334455667788
k
~
r rip
r rsp
dq fx_global L1
.dump a.core
.dump a.core
.dump /o a.core
.dump /ma full.core
g
g
g
CMDS
grep -v '^\.dump' with.cmds > without.cmds
timeout 120 "$LINDBG" -cf with.cmds "$P" < /dev/null > with.out 2>&1 || { cat with.out; fail "lindbg failed"; }
timeout 120 "$LINDBG" -cf without.cmds "$P" < /dev/null > without.out 2>&1 || { cat without.out; fail "lindbg failed"; }

expect_in with.out '^Creating a\.core - mini user dump$'
expect_in with.out '^Couldn.t create a\.core: the file exists \(\.dump /o overwrites it\)$'
expect_in with.out '^Creating full\.core - mini user dump$'
[ "$(grep -c '^Dump successfully written$' with.out)" -eq 3 ] || { cat with.out; fail "expected 3 dumps written"; }

# the target is unchanged: every stop after the dump (its place,
# registers the program decides, hits, stacks, memory, the program's
# output) is what it is without it. Registers left by thread scheduling
# (r8-r10, rcx, r11 in the barrier's wake-ups) and the order threads end
# in vary from run to run, with or without lindbg: left out.
norm() {
    sed -E 's/\([0-9a-f]+\.[0-9a-f]+\)/(P.T)/g; s/Id: [0-9a-f]+\.[0-9a-f]+/Id: P.T/; s/process 0:[0-9a-f]+/process 0:P/' "$1" |
        grep -E '^(Breakpoint|fx_dump|rip=|rdx=|[0-9a-f]{8}`|Child-SP|\(P\.T\): Exit process|0:000> )' |
        grep -v -e '^0:000> \.dump'
}
norm with.out > with.norm
norm without.out > without.norm
diff -u without.norm with.norm || fail "the session after .dump differs from one without it"
expect_in with.out 'fx_dump: r=[0-9]+ global='
[ "$(grep -c '^Breakpoint [01] hit' with.out)" -eq 4 ] || { cat with.out; fail "expected 4 hits"; }

# --- GDB on the dump ---------------------------------------------------------
gdb -batch "$P" a.core -ex 'info threads' -ex 'echo BT\n' -ex 'bt' -ex 'echo END\n' -ex 'info registers rip rsp r11' \
    -ex 'p/x fx_global' > gdb.out 2>&1
expect_in gdb.out 'Program terminated with signal SIGTRAP'

# the same number of threads
lt=$(sed -n '/> ~$/,/> r rip$/p' with.out | grep -cE '^[.# ] +[0-9]+ +Id: ')
gt=$(grep -cE '^\*? +[0-9]+ +Thread 0x' gdb.out)
[ "$lt" -eq 4 ] && [ "$gt" -eq "$lt" ] || { cat gdb.out; fail "threads: lindbg $lt, gdb $gt"; }

# the same stack for the current thread, up to main
sed -n '/> k$/,/> ~$/p' with.out | awk 'NR > 2 && $3 ~ /!/ {print $3}' |
    sed -E 's/^[^!]*!//; s/\+0x[0-9a-f]+$//' | sed '/^main$/q' > k.lindbg
sed -n '/^BT$/,/^END$/p' gdb.out | grep -E '^#[0-9]+ ' | sed -E 's/^#[0-9]+ +(0x[0-9a-f]+ in )?([^ ]+).*/\2/' |
    sed '/^main$/q' > k.gdb
[ "$(head -1 k.lindbg)" = leaf ] || { cat with.out; fail "lindbg's k does not start at leaf"; }
diff -u k.lindbg k.gdb || fail "GDB's bt differs from k"

# registers: rip and rsp as lindbg has them, r11 as the user set it
hexval() { printf '%d' "0x$1"; }
lrip=$(sed -n 's/^rip=\([0-9a-f]*\)$/\1/p' with.out | head -1)
lrsp=$(sed -n 's/^rsp=\([0-9a-f]*\)$/\1/p' with.out | head -1)
grip=$(awk '$1 == "rip" {print $2}' gdb.out)
grsp=$(awk '$1 == "rsp" {print $2}' gdb.out)
gr11=$(awk '$1 == "r11" {print $2}' gdb.out)
[ -n "$lrip" ] && [ "$(hexval "$lrip")" = "$(printf '%d' "$grip")" ] || fail "rip: lindbg $lrip, gdb $grip"
[ -n "$lrsp" ] && [ "$(hexval "$lrsp")" = "$(printf '%d' "$grsp")" ] || fail "rsp: lindbg $lrsp, gdb $grsp"
[ "$gr11" = 0x1122334455667788 ] || { cat gdb.out; fail "r11 changed with r is not in the dump: $gr11"; }

# a global written by the program (not its initial value from the file)
lg=$(sed -n '/> dq fx_global L1$/{n;p}' with.out | awk '{print $2}' | tr -d '`')
gg=$(sed -n 's/^\$1 = \(0x[0-9a-f]*\)$/\1/p' gdb.out)
[ -n "$lg" ] && [ "$(hexval "$lg")" = "$(printf '%d' "$gg")" ] || fail "fx_global: lindbg $lg, gdb $gg"
[ "$gg" != 0x1234abcd ] || fail "fx_global has its initial value: not read from memory"

# --- no 0xCC of lindbg: /ma holds the code; its bytes are the program's ----
corebyte() { # CORE ADDR: the byte the core holds at ADDR, or "none"
    python3 - "$1" "$2" <<'PY'
import struct, sys
f = open(sys.argv[1], 'rb'); addr = int(sys.argv[2], 0)
eh = f.read(64)
phoff, = struct.unpack_from('<Q', eh, 32); phnum, = struct.unpack_from('<H', eh, 56)
for i in range(phnum):
    f.seek(phoff + 56 * i)
    t, fl, off, va, pa, fsz, msz, al = struct.unpack('<IIQQQQQQ', f.read(56))
    if t == 1 and va <= addr < va + fsz:
        f.seek(off + addr - va); print('0x%02x' % f.read(1)[0]); sys.exit(0)
print('none')
PY
}
for fn in leaf middle; do
    addr=$(gdb -batch "$P" full.core -ex "p/x &$fn" 2>/dev/null | sed -n 's/^\$1 = \(0x[0-9a-f]*\)$/\1/p')
    orig=$(gdb -batch "$P" -ex "x/1bx $fn" 2>/dev/null | awk '{print $NF}')
    got=$(corebyte full.core "$addr")
    [ "$got" = "$orig" ] && [ "$got" != 0xcc ] || fail "$fn at $addr: the dump has $got, the program $orig"
    [ "$(corebyte a.core "$addr")" = none ] || fail "the default dump holds text of the file"
done
gdb -batch "$P" full.core -ex 'echo BT\n' -ex 'bt' > gdbfull.out 2>&1
sed -n '/^BT$/,$p' gdbfull.out | grep -E '^#[0-9]+ ' | sed -E 's/^#[0-9]+ +(0x[0-9a-f]+ in )?([^ ]+).*/\2/' |
    sed '/^main$/q' | diff -u k.lindbg - || fail "GDB's bt on the /ma dump differs from k"

# --- a page lindbg protects for a data breakpoint (emulated): its bytes
# are in with the program's protection ----------------------------------------
printf '.dbgregs emulate\nbp leaf\ng\ng\nba r8 fx_global\ndq fx_global L1\n.dump w.core\n' > watch.cmds
timeout 120 "$LINDBG" -cf watch.cmds "$P" < /dev/null > watch.out 2>&1 || { cat watch.out; fail "lindbg failed"; }
expect_in watch.out '^Dump successfully written$'
lw=$(sed -n '/> dq fx_global L1$/{n;p}' watch.out | awk '{print $2}' | tr -d '`')
gw=$(gdb -batch "$P" w.core -ex 'p/x fx_global' 2>/dev/null | sed -n 's/^\$1 = \(0x[0-9a-f]*\)$/\1/p')
[ -n "$lw" ] && [ "$(hexval "$lw")" = "$(printf '%d' "$gw")" ] && [ "$gw" != 0x1234abcd ] ||
    fail "watched fx_global: lindbg $lw, gdb $gw"

# --- lindbg's own page in the target (copies of instructions run out of
# line) is not the program's: not in the dump --------------------------------
printf 'bp fx_ool_lea "gc"\nbp fx_ool_add+8 0n5\ng\n.dump ool.core\n' > ool.cmds
timeout 120 "$LINDBG" -cf ool.cmds "$FX/fx_ool" 2000 < /dev/null > ool.out 2>&1 || { cat ool.out; fail "lindbg failed"; }
expect_in ool.out '^Dump successfully written$'
vdso=$(eu-readelf -n ool.core | awk '$1 == "SYSINFO_EHDR:" {print $2}')
eu-readelf -n ool.core | awk '$1 ~ /^[0-9a-f]+-[0-9a-f]+$/ {split($1, a, "-"); print "0x" a[1]}' > files.txt
eu-readelf -l ool.core | awk '$1 == "LOAD" && $8 ~ /E/ {print $3}' | while read -r va; do
    [ "$(printf '%d' "$va")" = "$(printf '%d' "$vdso")" ] && continue
    grep -q "^$(printf '0x%x' "$va")$" files.txt || fail "an executable mapping of no file in the dump at $va"
done || exit 1

# --- the notes, as eu-readelf lists them --------------------------------------
eu-readelf -n a.core > notes.out || fail "eu-readelf cannot read the dump"
[ "$(grep -cE '^ +CORE +[0-9]+ +PRSTATUS' notes.out)" -eq 4 ] || { cat notes.out; fail "expected 4 NT_PRSTATUS"; }
[ "$(grep -cE '^ +LINUX +[0-9]+ +X86_XSTATE' notes.out)" -eq 4 ] || fail "expected 4 NT_X86_XSTATE"
[ "$(grep -cE '^ +CORE +[0-9]+ +FPREGSET' notes.out)" -eq 4 ] || fail "expected 4 NT_FPREGSET"
for n in PRPSINFO AUXV FILE; do
    expect_in notes.out "^ +CORE +[0-9]+ +$n"
done
expect_in notes.out "fx_dump$"
expect_not_in notes.out '^ +CORE +[0-9]+ +SIGINFO' # no signal arrived

# --- a process stopped by SIGSEGV (first chance) ------------------------------
printf 'g\nk\n.dump /o /nonexistent-dir/x.core\n.dump /o /dev/null\n.dump s.core\ng\n.dump sc.core\ng\n.dump after.core\n.dump\n.dump /zz x.core\n' > segv.cmds
timeout 120 "$LINDBG" -cf segv.cmds "$P" segv < /dev/null > segv.out 2>&1 || { cat segv.out; fail "lindbg failed"; }
expect_in segv.out 'Signal SIGSEGV \(first chance\)'
expect_in segv.out '^No process to dump$'
expect_in segv.out '^Couldn.t create /nonexistent-dir/x\.core: No such file or directory$'
expect_in segv.out '^Syntax error: \.dump needs a file name'
expect_in segv.out '^Couldn.t create /dev/null: not a regular file$'
[ -c /dev/null ] || fail "/dev/null is gone"
expect_in segv.out "^Syntax error: unknown option '/zz'"
[ ! -e after.core ] && [ ! -e x.core ] || fail "a dump was written where it should fail"
gdb -batch "$P" s.core -ex 'bt' > gdbsegv.out 2>&1
expect_in gdbsegv.out 'Program terminated with signal SIGSEGV, Segmentation fault'
expect_in gdbsegv.out "^Core was generated by \`$P segv"
expect_in gdbsegv.out '^#0 +(0x[0-9a-f]+ in )?leaf '
eu-readelf -n s.core > snotes.out
expect_in snotes.out '^ +CORE +[0-9]+ +SIGINFO'
[ "$(grep -cE '^ +CORE +[0-9]+ +PRSTATUS' snotes.out)" -eq 4 ] || fail "expected 4 NT_PRSTATUS"
# at the second chance, on the way out
expect_in segv.out 'Signal SIGSEGV \(!!! second chance !!!\)'
gdb -batch "$P" sc.core -ex 'echo BT\n' -ex 'bt' > gdbsc.out 2>&1
expect_in gdbsc.out 'Program terminated with signal SIGSEGV, Segmentation fault'
sed -n '/^BT$/,$p' gdbsc.out | grep -E '^#[0-9]+ ' | sed -E 's/^#[0-9]+ +(0x[0-9a-f]+ in )?([^ ]+).*/\2/' |
    sed '/^main$/q' | diff -u k.lindbg - || fail "GDB's bt at the second chance differs"
eu-readelf -n sc.core | grep -qE '^ +CORE +[0-9]+ +SIGINFO' || fail "no NT_SIGINFO at the second chance"

# --- /ma of an -O2 program: GDB's bt is lindbg's k ---------------------------
printf 'bp fx_stop\ng\nk\n.dump /ma o2.core\n' > o2.cmds
timeout 120 "$LINDBG" -cf o2.cmds "$FX/fx_opt" < /dev/null > o2.out 2>&1 || { cat o2.out; fail "lindbg failed"; }
expect_in o2.out '^Dump successfully written$'
sed -n '/> k$/,/> \.dump/p' o2.out | awk 'NR > 2 && $3 ~ /!/ {print $3}' |
    sed -E 's/^[^!]*!//; s/\+0x[0-9a-f]+$//' | sed '/^main$/q' > k2.lindbg
gdb -batch "$FX/fx_opt" o2.core -ex 'echo BT\n' -ex 'bt' > gdbo2.out 2>&1
sed -n '/^BT$/,$p' gdbo2.out | grep -E '^#[0-9]+ ' | sed -E 's/^#[0-9]+ +(0x[0-9a-f]+ in )?([^ ]+).*/\2/' |
    sed '/^main$/q' > k2.gdb
[ "$(wc -l < k2.lindbg)" -ge 2 ] || { cat o2.out; fail "no stack from lindbg"; }
diff -u k2.lindbg k2.gdb || fail "GDB's bt of the -O2 dump differs from k"
echo ok
