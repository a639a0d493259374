# 200,000 breakpoints (deferred bu on a module that never loads, set from a
# command file): bl lists every one, bc * clears them all, and lindbg's
# memory stays bounded (peak resident size from /proc, at the end).
. "$(dirname "$0")/../lib/scenario.sh"
seq 200000 | sed 's/.*/bu nosuch!f&/' > many.cmds
mkfifo ctl
"$LINDBG" "$FX/fx_basic" < ctl > session.out 2>&1 &
dbg=$!
exec 3> ctl
printf '$<many.cmds\nbl\nbc *\nbl\n.echo all-done\n' >&3
for _ in $(seq 600); do
    grep -q '^all-done' session.out && break
    sleep 0.1
done
hwm=$(awk '/^VmHWM:/ { print $2 }' /proc/$dbg/status)
echo "lindbg peak resident size: $hwm kB"
printf 'q\n' >&3
exec 3>&-
wait "$dbg" || fail "lindbg failed"
expect_in session.out '^all-done$'
[ "$(grep -c '^ *[0-9]* eu  .*(nosuch!f[0-9]*)$' session.out)" = 200000 ] || fail "bl did not list 200000 breakpoints"
expect_in session.out '^199999 eu .*\(nosuch!f200000\)$'
# after bc *, the second bl prints nothing: the .echo follows it directly
[ "$(grep -A1 '^0:000> bl$' session.out | tail -1)" = "0:000> .echo all-done" ] ||
    fail "breakpoints left after bc *"
[ "$hwm" -lt 1000000 ] || fail "lindbg grew to $hwm kB"
echo ok
