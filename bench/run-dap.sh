#!/usr/bin/env bash
# Logpoints (issue 20): what one hit of a logpoint that prints an argument
# costs, through the Debug Adapter Protocol, against the command line's
# breakpoints that never stop the user and against the other debuggers'
# logpoints, in one run. The target is bench_padhits' hit(int x), called N
# times; every configuration also runs with N=0, and a hit costs
# (time(N) - time(0)) / N. Medians of RUNS runs, tools alternating.
#   dap-logpoint    lindbg --dap, a logpoint "x={x}" on hit's first line,
#                   driven by bench/dap_client.py (no stopped event allowed)
#   lldb-logpoint   lldb-vscode-16 with the same client and logpoint
#   cli-gc          lindbg `bp <line> "gc"`: decided in the target
#   cli-gc-local    lindbg `bp /w "@@c++(x) != -1" <line> "gc"`: the same
#                   non-stopping hit decided by lindbg, reading the local
#                   as the logpoint does
#   cli-printf      lindbg `bp <line> ".printf \"x=%d\\n\", @@c++(x); gc"`
#   gdb-dprintf     GDB `dprintf <line>,"x=%d\n",x`
# Each run is checked: N lines "x=" (or none for the gc kinds), no stop.
# Environment: N (10000), RUNS (5). Writes bench/results/dap-<date>.md and
# latest-dap.md.
set -u
cd "$(dirname "$0")/.."
. bench/lib.sh
RUNS=${RUNS:-5}
N=${N:-10000}
B=build/bench
O=$B/dap
mkdir -p "$O" bench/results
make -s build/lindbg
cc -O2 -g -fno-omit-frame-pointer -pthread -o "$B/bench_padhits" bench/src/bench_padhits.c
P=$PWD/$B/bench_padhits
SRC=$PWD/bench/src/bench_padhits.c
LINE=$(grep -n 'unsigned h = (unsigned)x;' "$SRC" | cut -d: -f1)
L=$PWD/build/lindbg
: > "$O/fails"

configs="dap-logpoint lldb-logpoint cli-gc cli-gc-local cli-printf gdb-dprintf"
command -v lldb-vscode-16 > /dev/null || configs=${configs/lldb-logpoint/}

cmd() {
    local n=$2
    case "$1" in
    dap-logpoint) echo "python3 bench/dap_client.py '$L --dap' $P $SRC $LINE 'x={x}' $n 0" ;;
    lldb-logpoint) echo "python3 bench/dap_client.py lldb-vscode-16 $P $SRC $LINE 'x={x}' $n 0" ;;
    cli-gc) echo "$L -G -c 'bp \`bench_padhits.c:$LINE\` \"gc\"; g' $P $n 0" ;;
    cli-gc-local) echo "$L -G -c 'bp /w \"@@c++(x) != -1\" \`bench_padhits.c:$LINE\` \"gc\"; g' $P $n 0" ;;
    cli-printf) echo "$L -G -c 'bp \`bench_padhits.c:$LINE\` \".printf \\\"x=%d\\\\n\\\", @@c++(x); gc\"; g' $P $n 0" ;;
    gdb-dprintf) echo "gdb -nx -batch -ex 'dprintf bench_padhits.c:$LINE,\"x=%d\\n\",x' -ex run --args $P $n 0" ;;
    esac
}

# check CONFIG N FILE: empty when the run did what it should, else why
check() {
    local want=$2 got
    case "$1" in cli-gc|cli-gc-local) want=0 ;; esac
    case "$1" in
    *-logpoint)
        grep -q "outputs=$want stops=0" "$3" || echo "$(tail -1 "$3"), not outputs=$want stops=0" ;;
    *)
        got=$(grep -c '^x=' "$3")
        [ "$got" = "$want" ] || echo "$got lines x=, not $want"
        grep -q 'padhits: n=' "$3" || echo "the program did not finish" ;;
    esac
}

timed() {
    local f="$O/$1-$2.out" s e why
    s=$(date +%s%N)
    eval "timeout 1800 $(cmd "$1" "$2")" < /dev/null > "$f" 2>&1
    e=$(date +%s%N)
    why=$(check "$1" "$2" "$f")
    [ -z "$why" ] || echo "FAIL: $1 with N=$2: $why (output: $f)" >> "$O/fails"
    echo "scale=6; ($e - $s) / 1000000000" | bc
}

declare -A tn t0
for run in $(seq "$RUNS"); do
    for c in $configs; do
        tn[$c]="${tn[$c]:-} $(timed "$c" "$N")"
        t0[$c]="${t0[$c]:-} $(timed "$c" 0)"
    done
done

us() {
    local a b
    a=$(echo ${tn[$1]} | tr ' ' '\n' | median)
    b=$(echo ${t0[$1]} | tr ' ' '\n' | median)
    echo "($a - $b) * 1000000 / $N" | bc -l
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0.001) print "-"; else printf "%.2f", a / b }'; }

out="bench/results/dap-$(date +%Y%m%d-%H%M%S).md"
lp=$(us dap-logpoint)
{
    echo "## Logpoints: one hit that prints x (median of $RUNS, N=$N, $(nproc) CPUs, $(uname -r))"
    echo
    echo "| configuration | us/hit | / dap-logpoint |"
    echo "|---|---|---|"
    for c in $configs; do
        u=$(us "$c")
        printf '| %s | %.1f | %s |\n' "$c" "$u" "$(ratio "$u" "$lp")"
    done
    echo
    echo "dap-logpoint / cli-gc-local (the same read of x by lindbg at a non-stopping hit):" \
         "$(ratio "$lp" "$(us cli-gc-local)")."
    echo "cli-gc is decided in the target: it reads nothing and prints nothing."
    if [ -s "$O/fails" ]; then echo; cat "$O/fails"; fi
} | tee "$out"
cp "$out" bench/results/latest-dap.md
[ ! -s "$O/fails" ]
