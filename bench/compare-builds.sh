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

# the command line of a variant run by binary $2 (bench/lib.sh's)
cmd() {
    case "$1" in
    hits/*) lindbg_hits "$2" "${1#*/}" "$H" "$N" ;;
    watch/*) lindbg_watch "$2" "${1#*/}" "$W" "$N" ;;
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
