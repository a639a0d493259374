# The differential test against GDB, short version: lindbg's dv against
# GDB's info args / info locals at the stops a seeded script chooses in an
# -O2 SQLite (tests/diff/gdb_diff.py; `make gdb-diff` runs the full one).
# Fails when a value lindbg shows differs from GDB's, or when frame-0
# agreement drops below what lindbg reached when this test was written
# (minus a margin); values lindbg does not show yet only lower the figures,
# which it prints.
. "$(dirname "$0")/../lib/scenario.sh"
prog="$ROOT/build/diff/sqlite_o2"
if [ ! -x "$prog" ]; then
    echo "SKIP: no $prog (scripts/fetch-sqlite.sh could not reach the npm registry)"
    exit 0
fi
# agreement when this test was written: frame 0 83.1% (49 of 59 values,
# 23 stops in 12 functions), frames 1-3 30.3% (74 of 244); once DWARF
# locations were complete, entry values followed and outer frames got
# their registers: 100% (59 of 59) and 98.8% (239 of 242)
FLOOR0=97
FLOOR13=95
"$PYTHON" "$ROOT/tests/diff/gdb_diff.py" --lindbg "$LINDBG" --prog "$prog" --functions 12 \
    --min-frame0 "$FLOOR0" --min-frames13 "$FLOOR13" > diff.out 2>&1
rc=$?
cat diff.out
[ "$rc" -eq 0 ] || fail "lindbg's values differ from GDB's (or agreement fell), see above"
expect_in diff.out '^gdb_diff: [0-9]+ stops in 12 functions'
expect_in diff.out '^0 +[0-9]+ '
echo ok
