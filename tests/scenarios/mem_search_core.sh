# s over a core file: the core's own segments are the map (L? over the
# whole address space finds the .rodata string and the stack pattern);
# ea and f on a core fail with one line and the bytes stay.
. "$(dirname "$0")/../lib/scenario.sh"
prog="$FX/fx_memsearch"
printf 'bp fx_probe\ng\n.dump /o fx.core\nq\n' | "$LINDBG" "$prog" > dump.out 2>&1
[ -s fx.core ] || { cat dump.out; fail "no core written"; }
cat > cmds <<'X'
s -a 0 L?7fffffffffff "needle-in-roda"
s -[1]b 0 L?7fffffffffff 5a a5 3c c3 69 96 0f f0 5a
ea fx_buf "zz"
f fx_buf L4 1
da fx_buf
q
X
"$LINDBG" -z fx.core "$prog" < cmds > ours.out 2>&1
expect_in ours.out '^0000555[0-9a-f]`[0-9a-f]{8}  6e 65 65 64 6c 65 2d 69-6e 2d 72 6f 64 61 74 61  needle-in-rodata$'
expect_in ours.out '^00007ff[0-9a-f]`[0-9a-f]{8}$'
expect_in ours.out '^Not supported: the target is a core file, it cannot be written$'
[ "$(grep -c '^Not supported' ours.out)" -eq 2 ] || { cat ours.out; fail "ea and f did not both fail"; }
expect_in ours.out '^[0-9a-f]{8}`[0-9a-f]{8}  "0123456789abcdefghijklmnopqrstuvwxyz"$'
echo "s reads a core's segments; writes are refused"
