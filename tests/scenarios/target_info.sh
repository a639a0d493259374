# vertarget, .time, .cls and .shell over fx_stack launched with arguments:
# vertarget names this system's kernel release (uname -r), the machine, the
# process and its command line, and .time's lines; .cls into a file prints
# nothing (no escape sequence); .shell's output comes into the session's
# output in order (run from -c, between two commands), a whole-quoted
# command keeps its ';', -ci feeds debugger output to the command.
. "$(dirname "$0")/../lib/scenario.sh"

printf 'vertarget\n.time\n.cls\n.echo after_cls\n.shell -ci "lmf; ? 1" grep -c -e fx_stack -e Evaluate\n.shell\nq\n' > cmds
"$LINDBG" -c '.echo before; .shell "echo from_shell; echo to_stderr >&2"; .echo after' \
    "$FX/fx_stack" one two < cmds > out 2>&1 || { cat out; fail "lindbg failed"; }

release=$(uname -r)
expect_in out "^Linux $(printf '%s' "$release" | sed 's/[.]/[.]/g') .* MP \([0-9]+ procs\) x86_64$"
expect_in out "^Machine Name: $(uname -n)$"
expect_in out '^Process: [0-9a-f]+ \(0n[0-9]+\)$'
expect_in out '^Command line: [^ ]*fx_stack one two$'
expect_in out '^Debug session time: [A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2}[.][0-9]{3} [0-9]{4} \(UTC [-+] [0-9]+:[0-9]{2}\)$'
expect_in out '^System Uptime: [0-9]+ days [0-9]+:[0-9]{2}:[0-9]{2}[.][0-9]{3}$'
expect_in out '^Process Uptime: 0 days 0:0[0-9]:[0-9]{2}[.][0-9]{3}$'
expect_in out '^  Kernel time: 0 days 0:00:[0-9]{2}[.][0-9]{3}$'
expect_in out '^  User time: 0 days 0:00:[0-9]{2}[.][0-9]{3}$'
# the pid vertarget shows is the process's (hex and decimal agree)
line=$(grep -m1 '^Process: ' out)
hex=${line#Process: }; hex=${hex%% *}
dec=${line#*(0n}; dec=${dec%)}
[ $((16#$hex)) -eq "$dec" ] || fail "pid $hex is not 0n$dec"

# .shell from -c: its output between the commands around it
awk '/^before$/ { a = NR } /^from_shell$/ { b = NR } /^to_stderr$/ { c = NR }
     /^\.shell: Process exited$/ && !d { d = NR } /^after$/ { e = NR }
     END { exit !(a && a < b && b < c && c < d && d < e) }' out ||
    { cat out; fail ".shell's output is not in order"; }
# .cls into a file: nothing at all
if grep -q "$(printf '\033')" out; then fail ".cls wrote an escape sequence into a file"; fi
awk '/> \.cls$/ { getline; exit !/> \.echo after_cls$/ }' out || { cat out; fail ".cls printed something"; }
# -ci: lmf and ? went to grep: its module line and the result line
awk '/> \.shell -ci/ { getline; n = $0; getline; exit !(n == "2" && /^\.shell: Process exited$/) }' out ||
    { cat out; fail ".shell -ci did not feed lmf's and ?'s output"; }
expect_in out '^Syntax error: \.shell needs a command'
echo "target_info: ok"
