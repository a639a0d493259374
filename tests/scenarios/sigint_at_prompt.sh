# A Ctrl+C (SIGINT to lindbg) that comes while a script session waits at
# its prompt is only that: the session goes on with the next line (it used
# to end, as if the input had ended).
. "$(dirname "$0")/../lib/scenario.sh"
mkfifo in
"$LINDBG" "$FX/fx_basic" < in > out 2>&1 &
dbg=$!
exec 3> in
for _ in $(seq 100); do grep -q '0:000> ' out && break; sleep 0.1; done
expect_in out '0:000> '
kill -INT "$dbg"
sleep 0.3
echo '? 1+1' >&3
echo q >&3
exec 3>&-
wait "$dbg" || fail "lindbg ended with $?"
expect_in out 'Evaluate expression: 2 = '
echo ok
