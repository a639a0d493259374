#!/usr/bin/env bash
# What watching system calls for kernel writes costs a program that is not
# hitting it: N read() calls into an unwatched buffer, alone, under lindbg
# with no data breakpoint, with one in a debug register elsewhere, with one
# emulated by page protection elsewhere, and under GDB with a hardware
# watchpoint elsewhere (GDB does not look at system calls: it costs nothing
# and misses kernel writes). Each figure is (time - time at N=0) / N, median
# of RUNS, not pinned and pinned. Writes bench/results/kwatch-<date>.md.
set -u
cd "$(dirname "$0")/.."
. bench/lib.sh
RUNS=${RUNS:-3}
N=${N:-20000}
B=build/bench
mkdir -p "$B" bench/results
make -s build/lindbg
cc -g -O1 -o "$B/bench_kw" bench/src/bench_kw.c
P=$PWD/$B/bench_kw

cmd() {
    case "$1" in
    alone) echo "$P $2" ;;
    lindbg-none) echo "build/lindbg -g -G $P $2" ;;
    lindbg-dr) echo "build/lindbg -G -c 'ba w8 watched; g' $P $2" ;;
    lindbg-emulated) echo "build/lindbg -G -c '.dbgregs emulate; ba w8 watched; g' $P $2" ;;
    gdb-hw) echo "gdb -nx -batch -ex 'break main' -ex run -ex 'watch watched' -ex continue --args $P $2" ;;
    esac
}

configs="alone lindbg-none lindbg-dr lindbg-emulated gdb-hw"
declare -A t
record() {
    t[$1/$2/n]="${t[$1/$2/n]:-} $(seconds "$3 $(cmd "$2" "$N")")"
    t[$1/$2/0]="${t[$1/$2/0]:-} $(seconds "$3 $(cmd "$2" 0)")"
}
each_sample record
per_call() {
    local a b
    a=$(echo ${t[$1/$2/n]} | tr ' ' '\n' | median)
    b=$(echo ${t[$1/$2/0]} | tr ' ' '\n' | median)
    echo "($a - $b) * 1000000 / $N" | bc -l
}
out="bench/results/kwatch-$(date +%Y%m%d-%H%M%S).md"
{
    echo "## System-call watch: cost of one unrelated read() ($N calls, median of $RUNS, $(nproc) CPUs, $(uname -r))"
    echo
    echo "| configuration | not pinned: us/call | pinned to one CPU: us/call |"
    echo "|---|---|---|"
    for c in $configs; do
        printf '| %s | %.2f | %.2f |\n' "$c" "$(per_call no "$c")" "$(per_call yes "$c")"
    done
    echo
    echo "lindbg-none: no data breakpoint (nothing is added); lindbg-dr, lindbg-emulated: one"
    echo "\`ba w8\` on another variable (every system call then stops at entry and exit);"
    echo "gdb-hw: a hardware watchpoint, which GDB does not combine with system-call stops."
} > "$out"
cp "$out" bench/results/latest-kwatch.md
cat "$out"
