# Helpers the benchmark scripts share (sourced).

# seconds COMMAND: wall time of one run, output thrown away
seconds() {
    local s e
    s=$(date +%s%N)
    eval "$1" < /dev/null > /dev/null 2>&1
    e=$(date +%s%N)
    echo "scale=6; ($e - $s) / 1000000000" | bc
}

# median of the numbers on standard input, one per line
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# each_sample RECORD: for not pinned, then pinned to CPU 0, RUNS times over
# $configs (tools alternating), calls RECORD PIN CONFIG PREFIX, where PREFIX
# goes in front of the command to run it pinned ("" or "taskset -c 0").
each_sample() {
    local pin prefix run c
    for pin in no yes; do
        prefix=""
        [ "$pin" = yes ] && prefix="taskset -c 0"
        for run in $(seq "$RUNS"); do
            for c in $configs; do
                "$1" "$pin" "$c" "$prefix"
            done
        done
    done
}
