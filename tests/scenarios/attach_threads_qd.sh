# Attach to a process with five threads, set a breakpoint and a data
# breakpoint, hit one, look at every thread's stack, then qd: every thread
# runs on untraced with no signal of ours pending and no debug register
# left enabled (read from outside by fx_dr_check), and the program ends
# with the result it has alone.
. "$(dirname "$0")/../lib/scenario.sh"
"$FX/fx_mtloop" ref.pid 100 > reference.out
rm -f pid
"$FX/fx_mtloop" pid 100 > target.out &
bg=$!
wait_for_file pid
pid=$(cat pid)
printf '~\nbp fx_mtloop!work\nba w8 fx_mtloop!fx_sums+8\ng\n~* k\nqd\n' |
    "$LINDBG" -p "$pid" > session.out 2>&1 || fail "lindbg failed"
expect_in session.out '^[ .#] +4  Id: '
expect_in session.out 'Breakpoint [01] hit'
expect_in session.out 'fx_mtloop!run\+0x'
[ -d /proc/"$pid"/task ] || fail "the program ended before the checks"
for task in /proc/"$pid"/task/*; do
    st="$task/status"
    grep -Eq '^TracerPid:[[:space:]]+0$' "$st" || fail "$(basename "$task") is still traced"
    grep -Eq '^State:[[:space:]]+[tT]' "$st" && fail "$(basename "$task") is left stopped"
    grep -Eq '^SigPnd:[[:space:]]+0+$' "$st" || fail "$(basename "$task") has a signal pending"
done
grep -Eq '^ShdPnd:[[:space:]]+0+$' /proc/"$pid"/status || fail "a process-wide signal is pending"
"$FX/fx_dr_check" "$pid" > dr.out || { cat dr.out; fail "a debug register is left enabled"; }
wait "$bg" || fail "fx_mtloop failed after qd"
cmp -s reference.out target.out || { cat reference.out target.out; fail "result differs"; }
echo ok
