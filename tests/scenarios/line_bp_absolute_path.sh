# A source line given by its absolute path (as an editor gives it) names
# the file DWARF recorded relative to its compilation directory; another
# absolute path that merely ends the same way does not.
. "$(dirname "$0")/../lib/scenario.sh"
src="$ROOT/tests/fixtures/fx_loop.c"
line=$(grep -n 'sum += work' "$src" | cut -d: -f1)
printf 'bp `%s:%s`\nbp `/elsewhere/tests/fixtures/fx_loop.c:%s`\nbl\ng\nq\n' "$src" "$line" "$line" |
    "$LINDBG" "$FX/fx_loop" /dev/null 1 > out 2>&1
expect_in out "^ 0 e [0-9a-f]{8}\`[0-9a-f]{8} .*fx_loop!main"
expect_in out "^ 1 eu .*\(\`/elsewhere/tests/fixtures/fx_loop.c:$line\`\)"
expect_in out "^Breakpoint 0 hit"
