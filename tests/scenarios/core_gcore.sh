# lindbg -z on a core GDB's gcore wrote of fx_core when its strlen(NULL)
# faulted in libc, with three more threads blocked in read(): the stop in
# words (SIGSEGV, the fault address, si_code), the libc frame and its
# caller, every thread (against GDB's `info threads` on the same core),
# another thread's stack and locals (~2s, against GDB's), the read-only
# commands, and every command that needs a live process refused in one line
# while the session goes on.
. "$(dirname "$0")/../lib/scenario.sh"

gdb -nx -batch -ex run -ex "gcore $PWD/g.core" "$FX/fx_core" > gdb-run.out 2>&1
[ -s g.core ] || { cat gdb-run.out; fail "gcore wrote no core"; }

cat > cmds <<'CMDS'
k
~
~2s;k
.frame 2
dv
~0s
.frame 1
dv
r xmm0
?? fx_divisor
dt fx_divisor
x fx_core!fx_wait*
ln fx_core!fx_wait_level1+3
u fx_core!fx_crash_in_libc L2
db fx_core!fx_divisor L4
lm
|
bp fx_core!fx_wait_level1
bu fx_core!fx_wait_level1
bm fx_core!fx_wait*
ba w4 fx_core!fx_divisor
bl
g
t
p
gu
g fx_core!fx_wait_level1
eb fx_core!fx_divisor 1
r rax=1
r dr0=1
k 2
.lastevent
.exr -1
q
CMDS
"$LINDBG" -z g.core < cmds > ours.out 2>&1
rc=$?
[ "$rc" -eq 0 ] || { cat ours.out; fail "lindbg exited with $rc"; }
expect_not_in ours.out 'AddressSanitizer|runtime error|LeakSanitizer'
expect_in ours.out '^Loading Dump File \[g\.core\]'
expect_in ours.out "^ModLoad: .*$FX/fx_core\$"
expect_in ours.out '^ModLoad: .*/libc\.so\.6$'
expect_in ours.out '^This dump file has a signal of interest stored in it\.$'
expect_in ours.out '^\([0-9a-f]+\.[0-9a-f]+\): Signal SIGSEGV \(first/second chance not available\) at 00000000`00000000: address not mapped \(SEGV_MAPERR\)$'
# frame 0 in libc's strlen, frame 1 the fixture's function that called it
sed -n '/^0:000> k$/,/^0:000> ~$/p' ours.out > k.out
sed -n '3p' k.out | grep -Eq 'libc!__?strlen' || { cat k.out; fail "frame 0 is not libc's strlen"; }
sed -n '4p' k.out | grep -q 'fx_core!fx_crash_in_libc+0x[0-9a-f]* \[.*fx_core.c @ 44\]' ||
    { cat k.out; fail "frame 1 is not fx_crash_in_libc at line 44"; }
sed -n '5p' k.out | grep -q 'fx_core!main+' || { cat k.out; fail "frame 2 is not main"; }

# the threads: GDB's order and ids
gdb -nx -batch -ex 'info threads' "$FX/fx_core" g.core 2>/dev/null | grep -E '^[* ] +[0-9]+ +Thread' |
    sed -n 's/.*(LWP \([0-9]*\)).*/\1/p' > gdb-tids
[ "$(wc -l < gdb-tids)" -eq 4 ] || { cat gdb-tids; fail "GDB does not see 4 threads"; }
sed -n '/^0:000> ~$/,/^0:000> ~2s/p' ours.out | sed -n 's/^[. ] *[0-9]*  Id: [0-9a-f]*\.\([0-9a-f]*\) .*/\1/p' |
    while read -r t; do echo $((16#$t)); done > our-tids
diff gdb-tids our-tids > /dev/null || { paste gdb-tids our-tids; fail "~ does not list GDB's threads"; }
expect_in ours.out '^\.  0  Id: [0-9a-f.]+ Suspend: 0 Teb: .* "fx_core"$'

# ~2s: that thread's stack, and its frame's locals as GDB has them
sed -n '/^0:000> ~2s;k$/,/^0:002> \.frame 2$/p' ours.out > k2.out
grep -q 'fx_core!fx_wait_level2+.*fx_core.c @ 25\]' k2.out &&
    grep -q 'fx_core!fx_wait_level1+' k2.out && grep -q 'fx_core!fx_worker+' k2.out ||
    { cat k2.out; fail "~2s;k does not show the worker's stack"; }
gdb -nx -batch -ex 'thread 3' -ex 'frame function fx_wait_level2' -ex 'print id' \
    -ex 'print depth' "$FX/fx_core" g.core 2>/dev/null | sed -n 's/^\$[0-9]* = //p' > gdb-vals
[ "$(wc -l < gdb-vals)" -eq 2 ] || fail "GDB printed no values: $(cat gdb-vals)"
expect_in ours.out "^ +id = 0n$(sed -n 1p gdb-vals)\$"
expect_in ours.out "^ +depth = 0n$(sed -n 2p gdb-vals)\$"
expect_in ours.out '^ +s = 0x00000000`00000000$'

# read-only commands
gx=$(gdb -nx -batch -ex 'thread 1' -ex 'p/x $xmm0.uint128' "$FX/fx_core" g.core 2>/dev/null | sed -n 's/^\$1 = 0x//p')
expect_in ours.out "^xmm0=0*$gx\$"
expect_in ours.out '^volatile int 0n0$'
expect_in ours.out '^[0-9a-f`]+ fx_core!fx_wait_level2$'
expect_in ours.out 'fx_core!fx_wait_level1\+0x3 '
expect_in ours.out '^fx_core!fx_crash_in_libc:$'
expect_in ours.out '^[0-9a-f`]+  00 00 00 00 '
expect_in ours.out "^\\.  0	id: [0-9a-f]+	core	name: $FX/fx_core\$"
expect_in ours.out 'fx_core +\(.*\) +'"$FX/fx_core"'$'

# refused, each in one line, and the session goes on
[ "$(grep -c '^Not supported: the target is a core file, it cannot have breakpoints$' ours.out)" -eq 4 ] ||
    { cat ours.out; fail "bp, bu, bm, ba are not all refused"; }
[ "$(grep -c '^Not supported: the target is a core file, it cannot run$' ours.out)" -eq 5 ] ||
    { cat ours.out; fail "g, t, p, gu, g address are not all refused"; }
[ "$(grep -c '^Not supported: the target is a core file, it cannot be written$' ours.out)" -eq 3 ] ||
    { cat ours.out; fail "eb, r rax=, r dr0= are not all refused"; }
sed -n '/^0:000> bl$/,/^0:000> g$/p' ours.out | grep -v '^0:000> ' | grep -q . && fail "bl lists a breakpoint"
sed -n '/^0:000> k 2$/,$p' ours.out | grep -q 'fx_core!fx_crash_in_libc' ||
    { cat ours.out; fail "k does not work after the refusals"; }
# the last event and its signal information: the core's signal
expect_in ours.out '^Last event: [0-9a-f]+\.[0-9a-f]+: Signal SIGSEGV \(first/second chance not available\) at 00000000`00000000: address not mapped \(SEGV_MAPERR\)$'
expect_in ours.out '^ExceptionAddress: [0-9a-f`]+ \(libc!__?strlen'
expect_in ours.out '^          Chance: not available \(a core file: the process died of it\)$'
expect_in ours.out '^      SignalCode: 1 SEGV_MAPERR \(address not mapped\)$'
expect_in ours.out '^    FaultAddress: 00000000`00000000$'
echo ok
