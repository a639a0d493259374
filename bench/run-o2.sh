#!/usr/bin/env bash
# A stop deep in an -O2 program, lindbg against GDB and LLDB (tools
# alternating, RUNS runs each, medians): start the debugger on the -O2
# SQLite (build/diff/sqlite_o2, the program of the differential test),
# stop at the HIT-th call of btreeParseCellPtr (under sqlite3VdbeExec,
# sqlite3_step), print the stack (k), the stack with parameters (kp) and
# the frame's variables (dv), quit. Wall time and peak memory, and their
# ratios to lindbg's.
#   lindbg  bp ADDR 0nHIT; g; k; kp; dv
#   gdb     break *ADDR, ignore HIT-1; run; bt -frame-arguments none; bt;
#           info args; info locals
#   lldb    breakpoint set -a -i HIT-1; run; bt; bt; frame variable
# Writes bench/results/o2-<date>.md and latest-o2.md.
set -u
cd "$(dirname "$0")/.."
. bench/lib.sh
RUNS=${RUNS:-5}
HIT=${HIT:-5}
FN=${FN:-btreeParseCellPtr}
B=build/bench
mkdir -p "$B" bench/results
make -s build/lindbg sqlite-o2
PROG=$PWD/build/diff/sqlite_o2
if [ ! -x "$PROG" ]; then
    echo "run-o2: no $PROG (the npm registry could not be reached): skipped"
    exit 0
fi
off=$(nm "$PROG" | awk -v f="$FN" '$3 == f { print $1; exit }')
[ -n "$off" ] || { echo "run-o2: no $FN in $PROG"; exit 1; }
addr=$(printf '%x' $((0x555555554000 + 0x$off))) # PIE, randomisation off

tools="lindbg gdb"
command -v lldb-16 > /dev/null && tools="$tools lldb"
cmd() {
    case "$1" in
    lindbg) echo "build/lindbg -c 'bp $addr 0n$HIT; g; k; kp; dv; q' $PROG" ;;
    gdb) echo "gdb -nx -batch -ex 'break *0x$addr' -ex 'ignore 1 $((HIT - 1))' -ex run \
-ex 'bt -frame-arguments none' -ex bt -ex 'info args' -ex 'info locals' $PROG" ;;
    lldb) echo "lldb-16 -b -o 'breakpoint set -s sqlite_o2 -a 0x$off -i $((HIT - 1))' -o run \
-o bt -o bt -o 'frame variable' -- $PROG" ;;
    esac
}

# each tool must really reach the stop: its output names the function
for tool in $tools; do
    eval "$(cmd $tool)" < /dev/null > "$B/o2-$tool.out" 2>&1
    grep -q "$FN" "$B/o2-$tool.out" || { echo "run-o2: $tool did not stop in $FN:"; tail -20 "$B/o2-$tool.out"; exit 1; }
done

declare -A t m
for run in $(seq "$RUNS"); do
    for tool in $tools; do
        /usr/bin/time -f '%e %M' -o "$B/time.out" bash -c "$(cmd $tool)" < /dev/null > /dev/null 2>&1
        r=$(cat "$B/time.out")
        t[$tool]="${t[$tool]:-} ${r% *}"
        m[$tool]="${m[$tool]:-} ${r#* }"
    done
done
med() { echo ${t[$1]} | tr ' ' '\n' | median; }
mem() { echo ${m[$1]} | tr ' ' '\n' | median; }
out="bench/results/o2-$(date +%Y%m%d-%H%M%S).md"
{
    echo "## A stop deep in -O2 SQLite: k, kp, dv (median of $RUNS, $(nproc) CPUs, $(uname -r))"
    echo
    echo "| tool | s | peak MB | time / lindbg's | memory / lindbg's |"
    echo "|---|---|---|---|---|"
    for tool in $tools; do
        printf '| %s | %s | %d | %.1f | %.1f |\n' "$tool" "$(med $tool)" $(($(mem $tool) / 1024)) \
            "$(echo "$(med $tool) / $(med lindbg)" | bc -l)" "$(echo "$(mem $tool) / $(mem lindbg)" | bc -l)"
    done
    echo
    echo "Start the tool on the -O2 SQLite amalgamation with bench/src/sqlite_drv.c, stop at"
    echo "call $HIT of $FN, print the stack, the stack with parameters and the frame's"
    echo "variables, quit. Times include starting the tool and the program."
    command -v lldb-16 > /dev/null || echo "LLDB: lldb-16 is not installed (bench/install-deps.sh installs it)."
} > "$out"
cp "$out" bench/results/latest-o2.md
cat "$out"
