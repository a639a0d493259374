# A program that is missing or not executable, a process that does not
# exist or is already traced: one clear line each, and lindbg exits 1.
. "$(dirname "$0")/../lib/scenario.sh"
"$LINDBG" /nonexistent/prog < /dev/null > e1.out 2>&1 && fail "missing program accepted"
expect_in e1.out "^Couldn't start '/nonexistent/prog': No such file or directory$"
touch notexec
"$LINDBG" ./notexec < /dev/null > e2.out 2>&1 && fail "non-executable accepted"
expect_in e2.out "^Couldn't start './notexec': Permission denied$"
"$LINDBG" -p 999999999 < /dev/null > e3.out 2>&1 && fail "bad pid accepted"
expect_in e3.out "^Couldn't attach to process 999999999: no such process$"
"$LINDBG" -p abc < /dev/null > e4.out 2>&1 && fail "bad pid text accepted"
expect_in e4.out "Syntax error: 'abc' is not a process id"
# a process traced by another lindbg
start_loop 60 /dev/null
mkfifo ctl
"$LINDBG" -p "$pid" < ctl > first.out 2>&1 &
first=$!
exec 3> ctl
for _ in $(seq 50); do grep -q "Break-in" first.out 2>/dev/null && break; sleep 0.1; done
"$LINDBG" -p "$pid" < /dev/null > e5.out 2>&1 && fail "second tracer accepted"
expect_in e5.out "^Couldn't attach to process $pid: already traced by process $first$"
echo qd >&3
exec 3>&-
wait "$first"
# another user's process: lindbg run as nobody (when root can drop to it)
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
    cp "$LINDBG" ./lindbg-copy
    chmod 755 . ./lindbg-copy
    setpriv --reuid=65534 --regid=65534 --clear-groups ./lindbg-copy -p "$pid" < /dev/null > e6.out 2>&1 &&
        fail "another user's process accepted"
    expect_in e6.out "^Couldn't attach to process $pid: operation not permitted \(EPERM: another user's process, or kernel.yama.ptrace_scope forbids it\)$"
fi
kill "$bg"; wait "$bg" 2>/dev/null
echo ok
