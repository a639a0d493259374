# lindbg -z on cores the kernel wrote, when this machine's core_pattern is
# a plain file name (never changed here): fx_core ended by SIGSEGV in libc
# (strlen(NULL)), by abort() (SIGABRT, sent by tgkill) and by a division
# by zero (SIGFPE); each stop in words, the faulting frames, the threads.
# The program is not given: its path comes from the core (NT_FILE).
. "$(dirname "$0")/../lib/scenario.sh"

# dump HOW: runs fx_core HOW in its own directory, prints the core's path
dump() {
    local c
    c=$(kernel_core "$PWD/$1" "$FX/fx_core" "$1" 2>why) || { echo "SKIP: $(cat why)" >&2; exit 0; }
    echo "$c"
}
kernel_core probe "$FX/fx_core" segv > /dev/null 2>why || { echo "SKIP: $(cat why)"; exit 0; }

check() { # HOW CORE STOP-REGEX FRAME-REGEX...
    local how=$1 core=$2 stop=$3
    shift 3
    printf 'k\n~\nq\n' | "$LINDBG" -z "$core" > "$how.out" 2>&1 ||
        { cat "$how.out"; fail "$how: lindbg failed"; }
    expect_not_in "$how.out" 'AddressSanitizer|runtime error|Warning'
    expect_in "$how.out" "^ModLoad: .*$FX/fx_core\$"
    expect_in "$how.out" "$stop"
    sed -n '/^0:000> k$/,/^0:000> ~$/p' "$how.out" > "$how.k"
    local line=3
    for f in "$@"; do
        sed -n "${line}p" "$how.k" | grep -Eq "$f" || { cat "$how.k"; fail "$how: frame $((line - 3)) is not /$f/"; }
        line=$((line + 1))
    done
    [ "$(grep -c ' Id: ' "$how.out")" -eq 4 ] || { cat "$how.out"; fail "$how: not 4 threads"; }
}

segv_core=$(dump segv)
check segv "$segv_core" \
    '^\([0-9a-f.]+\): Signal SIGSEGV \(first/second chance not available\) at 00000000`00000000: address not mapped \(SEGV_MAPERR\)$' \
    'libc!__?strlen' 'fx_core!fx_crash_in_libc\+.*fx_core.c @ 44\]' 'fx_core!main\+'
# the faulting instruction's bytes (libc's code, which the core leaves
# out: read from the file) as GDB reads them on the same core
ours=$(grep -A1 -m1 '^libc!.*:$' segv.out | sed -n '2s/^[0-9a-f`]* \([0-9a-f]*\) .*/\1/p')
[ -n "$ours" ] || { cat segv.out; fail "no instruction at the fault"; }
want=$(gdb -nx -batch -ex "x/$((${#ours} / 2))xb \$pc" "$FX/fx_core" "$segv_core" 2>/dev/null |
    grep -E '^0x[0-9a-f]+ <' | sed 's/^[^:]*://' | tr -d ' \t\n' | sed 's/0x//g')
[ "$ours" = "$want" ] || fail "the instruction at the fault is $ours, GDB reads $want"
check abort "$(dump abort)" \
    '^\([0-9a-f.]+\): Signal SIGABRT \(first/second chance not available\): sent by tkill or tgkill \(raise, abort, pthread_kill\) \(SI_TKILL\) from process [0-9]+$' \
    'libc!'
# abort's frame, and the fixture's call of it under it
grep -A1 'libc!abort+' abort.k | tail -1 | grep -q 'fx_core!main+.*fx_core.c @ 64\]' ||
    { cat abort.k; fail "abort: no libc!abort frame called from main's line 64"; }
check fpe "$(dump fpe)" \
    '^\([0-9a-f.]+\): Signal SIGFPE \(first/second chance not available\) at [0-9a-f`]+: integer divide by zero \(FPE_INTDIV\)$' \
    'fx_core!main\+.*fx_core.c @ 66\]'
# the fault address of SIGFPE is the instruction's: where frame 0 stands
addr=$(sed -n 's/.*SIGFPE .* at \([0-9a-f`]*\):.*/\1/p' fpe.out)
grep -q "^rip=$(echo "$addr" | tr -d '`')" fpe.out || { cat fpe.out; fail "SIGFPE's address is not rip"; }
echo ok
