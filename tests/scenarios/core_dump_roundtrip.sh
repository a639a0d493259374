# Cores written by lindbg's own .dump open with -z: fx_core stopped at its
# SIGSEGV in libc (first chance) is dumped (.dump and .dump /ma); each core
# shows the live session's stack line for line, its threads, and the
# signal; a core dumped again from a -z session opens the same.
. "$(dirname "$0")/../lib/scenario.sh"

printf 'g\nk\n~\n.dump d.core\n.dump /ma dma.core\nq\n' | "$LINDBG" "$FX/fx_core" > live.out 2>&1 ||
    { cat live.out; fail "the live session failed"; }
expect_in live.out '^Dump successfully written$'
[ -s d.core ] && [ -s dma.core ] || { cat live.out; fail "no dump written"; }
# k's lines, ~'s ids
stack() { sed -n '/^0:000> k$/,/^0:000> /p' "$1" | grep -v '^0:000> '; }
tids() { grep -E '^[.# ] +[0-9]+  Id: ' "$1" | sed 's/^[.# ] *\([0-9]*\)  Id: \([0-9a-f.]*\) .*/\1 \2/'; }
stack live.out > live.k
tids live.out > live.t
grep -q 'fx_core!fx_crash_in_libc' live.k || { cat live.out; fail "no stack in the live session"; }
[ "$(wc -l < live.t)" -eq 4 ] || { cat live.out; fail "not 4 threads live"; }

for c in d.core dma.core; do
    printf 'k\n~\n.dump again-%s\nq\n' "$c" | "$LINDBG" -z "$c" > "$c.out" 2>&1 || { cat "$c.out"; fail "$c: lindbg failed"; }
    expect_not_in "$c.out" 'AddressSanitizer|runtime error|Warning'
    expect_in "$c.out" '^\([0-9a-f.]+\): Signal SIGSEGV \(first/second chance not available\) at 00000000`00000000: address not mapped \(SEGV_MAPERR\)$'
    stack "$c.out" > "$c.k"
    tids "$c.out" > "$c.t"
    diff live.k "$c.k" || fail "$c: k differs from the live session's"
    diff live.t "$c.t" || fail "$c: ~ differs from the live session's"
    # dumped again from the core: the same
    printf 'k\nq\n' | "$LINDBG" -z "again-$c" > "again-$c.out" 2>&1 || { cat "again-$c.out"; fail "again-$c: lindbg failed"; }
    stack "again-$c.out" > "again-$c.k"
    diff live.k "again-$c.k" || fail "again-$c: k differs from the live session's"
done
echo ok
