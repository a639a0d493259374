# A fork child followed with -o keeps the launched process's EXITKILL when
# its exits are watched (a SIGUSR1 that could kill it was passed): when
# lindbg dies, the child dies too instead of running on with our traps.
. "$(dirname "$0")/../lib/scenario.sh"
rm -f in
mkfifo in
"$LINDBG" -o "$FX/fx_fork_usr1" < in > out 2>&1 &
dbg=$!
exec 3> in
printf 'g\n' >&3
for _ in $(seq 100); do grep -q "SIGUSR1 (first chance)" out && break; sleep 0.1; done
expect_in out "SIGUSR1 \(first chance\)"
printf 'g\n' >&3
for _ in $(seq 100); do grep -q "fx_fork_usr1: child" out && break; sleep 0.1; done
expect_in out "fx_fork_usr1: child [0-9]+ waits"
child=$(sed -n 's/.*fx_fork_usr1: child \([0-9]*\) waits.*/\1/p' out)
kill -9 "$dbg"
wait "$dbg" 2>/dev/null
exec 3>&-
for _ in $(seq 50); do alive "$child" || break; sleep 0.1; done
if alive "$child"; then
    kill -9 "$child"
    fail "the fork child $child outlived lindbg"
fi
echo ok
