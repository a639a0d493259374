# q, .kill and qd at a second-chance stop (every thread of the process
# stopped on its way out, where a SIGKILL does not move them) end the
# process at once, with nothing left behind and lindbg not hanging.
. "$(dirname "$0")/../lib/scenario.sh"
ulimit -c 0 # qd lets the SIGSEGV finish: no core file from the test
count() { pgrep -f "$FX/fx_crash thread" | wc -l; }
[ "$(count)" -eq 0 ] || fail "an fx_crash thread is already running"
for end in q .kill qd; do
    printf 'g\ng\n%s\n.echo after\n' "$end" |
        timeout 60 "$LINDBG" "$FX/fx_crash" thread > "out.$end" 2>&1 || fail "$end: lindbg failed or hung"
    expect_in "out.$end" 'Signal SIGSEGV \(!!! second chance !!!\)'
    sleep 0.2
    [ "$(count)" -eq 0 ] || fail "$end left fx_crash running"
done
expect_in out..kill '^after'
echo ok
