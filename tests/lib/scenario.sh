# Helpers for script-driven scenarios (sourced). $LINDBG and $FX are set by
# tests/run-all.sh; each scenario runs in its own scratch directory.
set -u

fail() { echo "FAIL: $*"; exit 1; }

# expect_in FILE PATTERN: an extended regular expression must match a line
expect_in() {
    grep -Eq -- "$2" "$1" || { echo "--- $1:"; cat "$1"; fail "no line matches /$2/"; }
}

expect_not_in() {
    if grep -Eq -- "$2" "$1"; then echo "--- $1:"; cat "$1"; fail "a line matches /$2/"; fi
}

# wait_for_file FILE: up to 10 s
wait_for_file() {
    for _ in $(seq 100); do [ -s "$1" ] && return 0; sleep 0.1; done
    fail "$1 never appeared"
}

# alive PID: the process exists and is not a zombie
alive() {
    [ -e "/proc/$1" ] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null
}

# start_loop ROUNDS OUTFILE: fx_loop in the background, running; sets $bg
# (its job) and $pid (read from the pid file it writes once it runs)
start_loop() {
    rm -f pid
    "$FX/fx_loop" pid "$1" > "$2" &
    bg=$!
    wait_for_file pid
    pid=$(cat pid)
}

# kernel_core DIR PROGRAM [ARGS...]: runs PROGRAM (an absolute path) in DIR
# with core dumps allowed and address-space randomisation off, and prints
# the core the kernel wrote there. Prints nothing and says why on stderr
# when this machine cannot give one: core_pattern is not a plain file name
# (a pipe to a handler, a directory: it is never changed here), or no core
# came (the size limit).
kernel_core() {
    local dir=$1 pattern c
    shift
    pattern=$(cat /proc/sys/kernel/core_pattern)
    case "$pattern" in
    '' | '|'* | */* | *%*) echo "core_pattern is '$pattern', not a plain file name" >&2; return 1 ;;
    esac
    mkdir -p "$dir"
    (cd "$dir" && ulimit -c unlimited 2>/dev/null && exec setarch -R "$@") > /dev/null 2>&1
    c=$(ls "$dir/$pattern" "$dir/$pattern".* 2>/dev/null | head -1)
    [ -n "$c" ] || { echo "the kernel wrote no core (ulimit -c or a core handler)" >&2; return 1; }
    echo "$c"
}
