#!/usr/bin/env bash
# Two builds of lindbg side by side on the non-stopping work of make bench
# (breakpoint hits by passes, false condition and `gc` command string; data
# breakpoints by one watch and by six), to tell whether a change costs
# speed. OLD is the other build's binary (default: /tmp/before/lindbg; make
# one with `git worktree add /tmp/old REV && make -C /tmp/old build/lindbg`).
# The builds alternate, each configuration runs RUNS times, medians are
# printed with new/old ratios.
set -u
cd "$(dirname "$0")/.."
. bench/lib.sh
OLD=${OLD:-/tmp/before/lindbg}
RUNS=${RUNS:-7}
N=${N:-15000}
B=build/bench
[ -x "$OLD" ] || { echo "no old build at $OLD (set OLD=...)" >&2; exit 2; }
mkdir -p "$B"
make -s build/lindbg
cc -g -O0 -fno-omit-frame-pointer -o "$B/bench_hits" bench/src/bench_hits.c
cc -g -O1 -o "$B/bench_watch" bench/src/bench_watch.c
H=$PWD/$B/bench_hits
W=$PWD/$B/bench_watch
L6=""
for i in 0 1 2 3 4 5; do L6="$L6 ba /w \"0\" w8 g$i;"; done

# the command line of a variant run by binary $2
cmd() {
    case "$1" in
    hits/passes) echo "$2 -G -c 'bp work 0n$((N + 1)); g' $H $N" ;;
    hits/condition) echo "$2 -G -c 'bp /w \"@rdi==-1\" work; g' $H $N" ;;
    hits/commands) echo "$2 -G -c 'bp work \"gc\"; g' $H $N" ;;
    watch/one) echo "$2 -G -c 'ba /w \"0\" w8 g0; g' $W one $N" ;;
    watch/six) echo "$2 -G -c '$L6 g' $W six $N" ;;
    esac
}

configs="hits/passes hits/condition hits/commands watch/one watch/six"
declare -A times
for run in $(seq "$RUNS"); do
    for c in $configs; do
        for which in old new; do
            bin=$OLD
            [ "$which" = new ] && bin=build/lindbg
            times[$c/$which]="${times[$c/$which]:-} $(seconds "$(cmd "$c" "$bin")")"
        done
    done
done
echo "## lindbg against an older build ($N iterations, median of $RUNS, $(nproc) CPUs)"
echo
echo "| work | old: s | new: s | new/old |"
echo "|---|---|---|---|"
for c in $configs; do
    o=$(tr ' ' '\n' <<< "${times[$c/old]}" | grep . | median)
    n=$(tr ' ' '\n' <<< "${times[$c/new]}" | grep . | median)
    echo "| $c | $o | $n | $(echo "scale=3; $n / $o" | bc) |"
done
