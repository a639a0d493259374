# Ctrl+C (SIGINT to lindbg) ends a command loop that never ends by itself:
# the loop says so, and the session goes on.
. "$(dirname "$0")/../lib/scenario.sh"
mkfifo in
"$LINDBG" "$FX/fx_basic" < in > out 2>&1 &
dbg=$!
exec 3> in
for _ in $(seq 100); do grep -q '0:000> ' out && break; sleep 0.1; done
echo '.while (1) { r $t0 = @$t0 + 1 }' >&3
for _ in $(seq 100); do grep -q '0:000> .while' out && break; sleep 0.1; done
sleep 0.5
kill -INT "$dbg"
sleep 0.3
echo '? @$t0 > 0' >&3
echo q >&3
exec 3>&-
wait "$dbg" || fail "lindbg ended with $?"
expect_in out '^Interrupted: Ctrl\+C ended the loop$'
expect_in out '^Evaluate expression: 1 = '
echo ok
