#!/usr/bin/env bash
# Data breakpoints, lindbg against GDB, LLDB and the raw int3 round trip, in
# one run: the tools alternate, each configuration runs RUNS times, medians
# are kept. Every configuration also runs with no write at all (N=0), and
# the cost of one watched write is (time - time at N=0) / writes, so that
# start-up and the debugger's own set-up do not count.
#   one     one global, a debug register, a false condition (lindbg
#           `ba /w "0" w8`, GDB `watch` + `condition 0`, LLDB
#           `watchpoint modify -c 0`)
#   six     six globals in a tight loop: four debug registers and two
#           emulated by page protection in lindbg; GDB's software
#           watchpoints (can-use-hw-watchpoints 0: it single-steps);
#           LLDB refuses a fifth watchpoint and has no software ones
#   spread  the six written once per about 1,000 instructions of other work
#   other   lindbg only: writes to a global on a protected page that no
#           breakpoint watches (the cost of a fault that is no hit)
#   raw     the floor: bench/src/raw_ptrace.c, one stop per int3 hit
# Writes bench/results/watch-<date>.md and latest-watch.md.
set -u
cd "$(dirname "$0")/.."
. bench/lib.sh
RUNS=${RUNS:-3}
N=${N:-12000}         # writes for one/other, rounds for six/spread (lindbg)
N_GDB_SW=${N_GDB_SW:-60}
N_GDB_SPREAD=${N_GDB_SPREAD:-3}
N_LLDB=${N_LLDB:-1000}
B=build/bench
mkdir -p "$B" bench/results
make -s build/lindbg
cc -O2 -o "$B/raw_ptrace" bench/src/raw_ptrace.c
cc -g -O0 -fno-omit-frame-pointer -o "$B/bench_hits" bench/src/bench_hits.c
cc -g -O1 -o "$B/bench_watch" bench/src/bench_watch.c
W=$PWD/$B/bench_watch
H=$PWD/$B/bench_hits
ADDR=$(printf '%x' $((0x555555554000 + 0x$(nm "$H" | awk '$3 == "work" { print $1 }'))))
G6=""
for i in 0 1 2 3 4 5; do
    G6="$G6 -ex 'watch g$i' -ex 'condition $((i + 2)) 0'"
done

# the command line of tool/variant for n rounds
cmd() {
    case "$1" in
    raw/int3) echo "$B/raw_ptrace onestop $ADDR $H $2" ;;
    lindbg/*) lindbg_watch build/lindbg "${1#*/}" "$W" "$2" ;;
    gdb/one) echo "gdb -nx -batch -ex 'break main' -ex run -ex 'watch g0' -ex 'condition 2 0' -ex continue --args $W one $2" ;;
    gdb/six) echo "gdb -nx -batch -ex 'set can-use-hw-watchpoints 0' -ex 'break main' -ex run $G6 -ex continue --args $W six $2" ;;
    gdb/spread) echo "gdb -nx -batch -ex 'set can-use-hw-watchpoints 0' -ex 'break main' -ex run $G6 -ex continue --args $W spread $2" ;;
    lldb/one) echo "lldb-16 -b -o 'b main' -o run -o 'watchpoint set variable g0' -o 'watchpoint modify -c \"0\"' -o continue -- $W one $2" ;;
    esac
}

# rounds for each configuration, and writes per round
rounds() {
    case "$1" in
    gdb/six) echo "$N_GDB_SW" ;;
    gdb/spread) echo "$N_GDB_SPREAD" ;;
    lldb/one) echo "$N_LLDB" ;;
    */spread) echo $((N / 6)) ;;
    */six) echo $((N / 6)) ;;
    *) echo "$N" ;;
    esac
}
per_round() { case "$1" in */six|*/spread) echo 6 ;; *) echo 1 ;; esac; }

configs="raw/int3 lindbg/one gdb/one lldb/one lindbg/six gdb/six lindbg/spread gdb/spread lindbg/other"
declare -A times base
record() {
    times[$1/$2]="${times[$1/$2]:-} $(seconds "$3 $(cmd "$2" "$(rounds "$2")")")"
    base[$1/$2]="${base[$1/$2]:-} $(seconds "$3 $(cmd "$2" 0)")"
}
each_sample record

# microseconds per write (per hit for raw)
per_write() {
    local t b
    t=$(echo ${times[$1/$2]} | tr ' ' '\n' | median)
    b=$(echo ${base[$1/$2]} | tr ' ' '\n' | median)
    echo "($t - $b) * 1000000 / ($(rounds "$2") * $(per_round "$2"))" | bc -l
}

out="bench/results/watch-$(date +%Y%m%d-%H%M%S).md"
probe=$(build/lindbg -c '.dbgregs; q' /bin/true 2>/dev/null | grep -o 'Debug registers: [^;]*')
{
    echo "## Data breakpoints: cost of one watched write (median of $RUNS, $(nproc) CPUs, $(uname -r))"
    echo
    echo "$probe."
    echo
    echo "| workload | tool | writes | not pinned: us/write | pinned to one CPU: us/write |"
    echo "|---|---|---|---|---|"
    for c in $configs; do
        printf '| %s | %s | %s | %.1f | %.1f |\n' "${c#*/}" "${c%/*}" \
            "$(($(rounds "$c") * $(per_round "$c")))" "$(per_write no "$c")" "$(per_write yes "$c")"
    done
    echo
    echo "one: a debug register with a false condition in each tool. six and spread:"
    echo "lindbg uses four debug registers and two protected pages; GDB software"
    echo "watchpoints (it single-steps every instruction); LLDB has no software"
    echo "watchpoints and refuses a fifth. other: a write to an unwatched global on a"
    echo "protected page (lindbg). int3: one stop per hit of a minimal ptrace loop."
    echo "Each figure is (time - time with no write) / writes, so start-up is not in it."
} > "$out"
cp "$out" bench/results/latest-watch.md
cat "$out"
