# A target that prints 20 MB with a breakpoint set: lindbg stays with it
# (the breakpoint hits, the program ends normally) and its own memory stays
# bounded (peak resident size read from /proc while it waits at the final
# break).
. "$(dirname "$0")/../lib/scenario.sh"
mkfifo ctl
"$LINDBG" "$FX/fx_chatty" 20 < ctl > session.out 2>&1 &
dbg=$!
exec 3> ctl
printf 'bp fx_chatty!main\ng\ng\n' >&3
for _ in $(seq 300); do
    grep -q 'Exit process' session.out && break
    sleep 0.1
done
expect_in session.out 'Breakpoint 0 hit'
expect_in session.out '^fx_chatty: done$'
expect_in session.out 'Exit process 0:[0-9a-f]+, code 0'
hwm=$(awk '/^VmHWM:/ { print $2 }' /proc/$dbg/status)
echo "lindbg peak resident size: $hwm kB"
printf 'q\n' >&3
exec 3>&-
wait "$dbg" || fail "lindbg failed"
[ "$hwm" -lt 100000 ] || fail "lindbg grew to $hwm kB while the target printed"
[ "$(stat -c %s session.out)" -gt 20000000 ] || fail "the output is missing"
echo ok
