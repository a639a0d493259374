# A source line given by its absolute path (as an editor gives it) names
# the file DWARF recorded relative to its compilation directory; a path
# that no compilation directory makes, but that ends with the recorded
# one (sources moved since the build), names it too; one that names no
# file of the program waits for a module.
. "$(dirname "$0")/../lib/scenario.sh"
src="$ROOT/tests/fixtures/fx_loop.c"
line=$(grep -n 'sum += work' "$src" | cut -d: -f1)
next=$((line + 1))
printf 'bp `%s:%s`\nbp `/elsewhere/tests/fixtures/fx_loop.c:%s`\nbp `/elsewhere/nosuch.c:3`\nbl\ng\nq\n' \
    "$src" "$line" "$next" | "$LINDBG" "$FX/fx_loop" /dev/null 1 > out 2>&1
expect_in out "^ 0 e [0-9a-f]{8}\`[0-9a-f]{8} .*fx_loop!main"
expect_in out "^ 1 e [0-9a-f]{8}\`[0-9a-f]{8} .*fx_loop!main"
expect_in out "^ 2 eu .*\(\`/elsewhere/nosuch.c:3\`\)"
expect_in out "^Breakpoint 0 hit"
