# .create starts a program from inside a session (its words quoted as a
# shell would), .attach takes a running process beside it, .detach and
# .kill act on the current process only, and a bu set before any of them
# resolves in each new process.
. "$(dirname "$0")/../lib/scenario.sh"
"$FX/fx_loop" ref.pid 20 > reference.out
start_loop 20 target.out
cat > script <<EOS
bu fx_loop!work
.kill
.create "$FX/fx_loop" "my pid" 3
g
.attach 0n$pid
|
bl
.attach 0n$pid
.attach
.create "unfinished
|1s
.detach
|
.kill
|
.restart
|
q
EOS
"$LINDBG" "$FX/fx_basic" < script > session.out 2>&1 || fail "lindbg failed"
expect_in session.out "^Terminated"
expect_in session.out "^CommandLine: .*fx_loop my pid 3"
[ -s "my pid" ] || fail "the quoted argument did not reach the program"
expect_in session.out "^Breakpoint 0 hit"
expect_in session.out "^\.  1	id: $(printf %x "$pid")	attach	name: .*fx_loop"
expect_in session.out "^   0	id: [0-9a-f]+	create	name: .*fx_loop"
expect_in session.out "^ 0 e 00005555\`55555199     0001 \(0001\)  0:\*\*\*\* fx_loop!work"
expect_in session.out "^ 0 e [0-9a-f]{8}\`[0-9a-f]{8}     0001 \(0001\)  1:\*\*\*\* fx_loop!work"
expect_in session.out "^Couldn't attach: process $pid is debugged in this session already"
expect_in session.out "^Syntax error: .attach needs a process id"
expect_in session.out "^Syntax error: unterminated string"
expect_in session.out "^Detached"
# after .detach of 1, process 0 is the only one; after .kill none is left
awk '/^1:000> .detach/{f=1} f && /^0:000> \|$/{getline; print; exit}' session.out > after_detach
grep -Eq "^\.  0	id: [0-9a-f]+	create	name: .*fx_loop" after_detach || { cat session.out; fail "process 0 did not stay after .detach of 1"; }
expect_in session.out "^No target"
# .restart runs the last program created, with its command line
[ "$(grep -c '^CommandLine: .*fx_loop my pid 3' session.out)" -eq 2 ] || fail ".restart did not run the .create command line"
wait "$bg" || fail "fx_loop failed after detach"
cmp -s reference.out target.out || { cat reference.out target.out; fail "result differs after .detach"; }
pgrep -f "$FX/fx_loop my pid" > /dev/null && fail "the created fx_loop was left running"
echo ok
