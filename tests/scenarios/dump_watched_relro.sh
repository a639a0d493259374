# A data breakpoint emulated by page protection makes the watched page of
# .data read-only, and the kernel merges it with the RELRO page before it
# (same file, same protection now). The dump gives each page the
# program's protection: RELRO read-only, .data writable, exactly as a dump
# of the same stop without the watch.
. "$(dirname "$0")/../lib/scenario.sh"
command -v eu-readelf > /dev/null || fail "eu-readelf is not installed (elfutils)"
rm -f relro-*.core
printf '.dbgregs emulate\nbp leaf\ng\nba w8 fx_global\n.dump relro-watched.core\nbc *\n.dump relro-plain.core\ng\ng\ng\n' > cmds
timeout 120 "$LINDBG" -cf cmds "$FX/fx_dump" < /dev/null > out 2>&1 || { cat out; fail "lindbg failed"; }
[ "$(grep -c '^Dump successfully written$' out)" -eq 2 ] || { cat out; fail "expected 2 dumps"; }
# per page of the program's own mappings: address and flags
pages() {
    eu-readelf -l "$1" | awk '$1 == "LOAD" {print $3, $6, $7}' | python3 -c '
import sys
for l in sys.stdin:
    a, n, f = l.split()
    a, n = int(a, 16), int(n, 16)
    if a >> 32 != 0x5555: continue   # the program itself (ASLR off)
    for p in range(a, a + n, 4096): print(hex(p), f)'
}
pages relro-watched.core > watched.pages
pages relro-plain.core > plain.pages
[ "$(grep -c ' R$' plain.pages)" -ge 2 ] || { cat plain.pages; fail "no read-only pages (test broken)"; }
diff -u plain.pages watched.pages || fail "the watched dump's protections differ"
rm -f relro-*.core
echo ok
