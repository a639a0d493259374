# The program's memory layout under lindbg is the one it has without a
# debugger (ASLR off, as setarch -R): the libraries load where the loader
# puts them natively, although lindbg has by then mapped its out-of-line
# page for the loader's breakpoint (it sits above the loader, where the
# kernel's own mmaps never go). So addresses agree with GDB's and with an
# undebugged run.
. "$(dirname "$0")/../lib/scenario.sh"
prog="$FX/fx_basic"
setarch -R env LD_TRACE_LOADED_OBJECTS=1 "$prog" > native.out 2>&1 || fail "native run failed"
libc=$(sed -n 's/.*libc\.so\.6 => .* (0x0*\([0-9a-f]*\))$/\1/p' native.out)
ld=$(sed -n 's/.*ld-linux-x86-64\.so\.2 (0x0*\([0-9a-f]*\))$/\1/p' native.out)
[ -n "$libc" ] && [ -n "$ld" ] || { cat native.out; fail "no load addresses from the loader"; }
printf 'bp main\ng\nlm\nq\n' | "$LINDBG" "$prog" > session.out 2>&1 || fail "lindbg failed"
ours() { sed -n "s/^\([0-9a-f]*\)\`\([0-9a-f]*\) .* $1 .*/\1\2/p" session.out | sed 's/^0*//'; }
[ "$(ours libc)" = "$libc" ] || { cat session.out; fail "libc at $(ours libc) under lindbg, $libc natively"; }
[ "$(ours ld_linux_x86_64)" = "$ld" ] || { cat session.out; fail "ld.so at $(ours ld_linux_x86_64), $ld natively"; }
echo ok
