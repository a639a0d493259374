# .dump's options in WinDbg's words: /m and /ma say "mini user dump", /f
# "user full dump" (the same bytes as /ma); a last word starting with '/'
# that is no option is the file (an absolute path: `.dump /proc` is taken
# as the file, which exists), an unknown option before a file is an error.
. "$(dirname "$0")/../lib/scenario.sh"
rm -f opt-*.core
cat > cmds <<'CMDS'
bp leaf
g
.dump /m opt-m.core
.dump /ma opt-ma.core
.dump /f opt-f.core
.dump /proc
.dump /ma /proc
.dump /x opt-x.core
g
CMDS
timeout 120 "$LINDBG" -cf cmds "$FX/fx_dump" < /dev/null > out 2>&1 || { cat out; fail "lindbg failed"; }
expect_in out '^Creating opt-m\.core - mini user dump$'
expect_in out '^Creating opt-ma\.core - mini user dump$'
expect_in out '^Creating opt-f\.core - user full dump$'
[ "$(grep -c '^Dump successfully written$' out)" -eq 3 ] || { cat out; fail "expected 3 dumps"; }
[ "$(grep -c "^Couldn't create /proc: the file exists" out)" -eq 2 ] || { cat out; fail "/proc not taken as the file"; }
expect_in out "^Syntax error: unknown option '/x'"
[ ! -e opt-x.core ] || fail "a file was written for an unknown option"
# /f holds what /ma holds: the same segments and sizes
command -v eu-readelf > /dev/null || fail "eu-readelf is not installed (elfutils)"
eu-readelf -l opt-ma.core | awk '$1 == "LOAD" {print $3, $5, $6}' > ma.loads
eu-readelf -l opt-f.core | awk '$1 == "LOAD" {print $3, $5, $6}' > f.loads
diff -u ma.loads f.loads || fail "/f differs from /ma"
[ "$(wc -c < opt-ma.core)" -gt "$(wc -c < opt-m.core)" ] || fail "/ma is not larger than /m"
rm -f opt-*.core
echo ok
