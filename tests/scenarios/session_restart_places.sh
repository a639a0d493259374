# Where .restart puts bp and ba breakpoints back: in the module that held
# the address, at the same offset, only if it is the same file (build-id).
#  1. -aslr: the program moves, the breakpoint goes with it and hits.
#  2. The program rebuilt between runs: the breakpoint is not set again,
#     and says why (its address may now be the middle of an instruction).
#  3. A restart that fails, then .create of another program: the old
#     addresses do not land in that program's code.
. "$(dirname "$0")/../lib/scenario.sh"
cat > prog.c <<'C'
#include <stdio.h>
int counter;
__attribute__((noinline)) int work(int x) { counter++; return x * 3; }
int main(void) { printf("%d\n", work(14)); return 0; }
C
gcc -g -O0 -o prog prog.c || fail "gcc failed"

# 1. -aslr
printf 'bp prog!work\nba w4 prog!counter\ng\n.kill\n.restart\nbl\ng\n' > s1
"$LINDBG" -aslr ./prog < s1 > o1 2>&1 || fail "lindbg failed on s1"
[ "$(grep -c '^Breakpoint 0 hit' o1)" -eq 2 ] || { cat o1; fail "the bp did not hit again after .restart with -aslr"; }
awk '/> .restart/{f=1} f && /^0:000> bl/{getline; print; getline; print; exit}' o1 > bl1
grep -Eq '^ 0 e [0-9a-f]{8}`[0-9a-f]{8}     0001 \(0001\)  0:\*\*\*\* prog!work$' bl1 || { cat o1; fail "bl after .restart with -aslr"; }
grep -Eq '^ 1 e [0-9a-f]{8}`[0-9a-f]{8} w4 0001 \(0001\)  0:\*\*\*\* prog!counter' bl1 || { cat o1; fail "ba after .restart with -aslr"; }

# lindbg reads its commands as they come: a fifo holds the second half of
# a session until the first is done (the output is flushed at each event,
# .kill's among them) and the file is changed
wait_line() {
    for _ in $(seq 300); do grep -Eq -- "$2" "$1" && return 0; sleep 0.1; done
    cat "$1"; fail "no /$2/ in $1"
}

# 2. rebuilt: another function before work() moves it
cat > prog2.c <<'C'
#include <stdio.h>
__attribute__((noinline)) int pad(int x) { return x * 5 + 7 - x / 3; }
__attribute__((noinline)) int work(int x) { return x * 3 + pad(x); }
int main(void) { printf("%d\n", work(14)); return 0; }
C
mkfifo cmds
"$LINDBG" ./prog < cmds > o2 2>&1 &
dbg=$!
exec 3> cmds
printf 'bp prog!work\ng\n.kill\n' >&3
wait_line o2 '^0:000> \.kill'
gcc -g -O0 -o prog prog2.c || fail "gcc failed"
printf '.restart\nbl\ng\nq\n' >&3
exec 3>&-
wait "$dbg" || fail "lindbg failed on the rebuilt program"
expect_in o2 "^Breakpoint 0 at 00005555\`[0-9a-f]{8} not set again: its module's file changed since it was set \(build-id\)"
sed -n '/> \.restart/,$p' o2 > o2.after
expect_not_in o2.after '^Breakpoint 0 hit'

# 3. a failed restart, then another program
gcc -g -O0 -o prog prog.c || fail "gcc failed"
rm -f cmds
mkfifo cmds
"$LINDBG" ./prog < cmds > o3 2>&1 &
dbg=$!
exec 3> cmds
printf 'bp prog!work\ng\n.kill\n' >&3
wait_line o3 '^0:000> \.kill'
mv prog prog.gone
printf '.restart\n.create %s\nbl\ng\nq\n' "$FX/fx_basic" >&3
exec 3>&-
wait "$dbg" || fail "lindbg failed on the failed restart"
expect_in o3 "^Couldn't"
expect_in o3 '^ 0 eu                      0001 \(0001\)  0:\*\*\*\* \(0x0000555555555'
sed -n '/> \.restart/,$p' o3 > o3.after
expect_not_in o3.after '^Breakpoint 0 hit'
echo ok
