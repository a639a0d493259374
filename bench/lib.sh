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
