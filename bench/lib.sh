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

# The lindbg command lines make bench times, for the build BIN: one place,
# so that compare-builds.sh times the same work as run-hits.sh and
# run-watch.sh.
# lindbg_hits BIN VARIANT PROG N: N hits on work() that never stop the
# user, by passes, by a false condition, by a command string of gc.
lindbg_hits() {
    case "$2" in
    passes) echo "$1 -G -c 'bp work 0n$(($4 + 1)); g' $3 $4" ;;
    condition) echo "$1 -G -c 'bp /w \"@rdi==-1\" work; g' $3 $4" ;;
    commands) echo "$1 -G -c 'bp work \"gc\"; g' $3 $4" ;;
    esac
}
# lindbg_watch BIN MODE PROG N: bench_watch in MODE (one, six, spread,
# other) under data breakpoints with a false condition: one on g0 for
# `one`, six on g0..g5 otherwise.
lindbg_watch() {
    local six="" i
    for i in 0 1 2 3 4 5; do six="$six ba /w \"0\" w8 g$i;"; done
    case "$2" in
    one) echo "$1 -G -c 'ba /w \"0\" w8 g0; g' $3 one $4" ;;
    *) echo "$1 -G -c '$six g' $3 $2 $4" ;;
    esac
}
# lindbg_intarget BIN KIND PROG N T: bench_padhits' hit() called N times by
# each of T threads (T=0: by main), under one breakpoint that never stops the
# user (issue 19's in-target kinds): passes, a false condition, a "gc"
# command string, a counting command string. At the final break, bl (and
# ? @$t0 for the counter) show what run-intarget.sh checks.
lindbg_intarget() {
    local total=$4
    [ "$5" -gt 0 ] && total=$(($4 * $5))
    case "$2" in
    passes) echo "$1 -c 'bp hit 0n$((total + 1)); g; bl; q' $3 $4 $5" ;;
    condition) echo "$1 -c 'bp /w \"@edi == 0xffffffff\" hit; g; bl; q' $3 $4 $5" ;;
    gc) echo "$1 -c 'bp hit \"gc\"; g; bl; q' $3 $4 $5" ;;
    counter) echo "$1 -c 'bp hit \"r \$t0=@\$t0+1; gc\"; g; bl; ? @\$t0; q' $3 $4 $5" ;;
    esac
}
