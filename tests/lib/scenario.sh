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

# same_segments_as_kernel KERNEL_CORE OUR_CORE: the two cores have the same
# PT_LOAD segments (address, memory size, file size, flags), except the
# kernel's own pages that lindbg cannot read through the process ([vvar]
# right below the vDSO, [vsyscall]): the same size there, nothing in ours.
same_segments_as_kernel() {
    local loads='$1 == "LOAD" {f = $7; if (f ~ /^0x/) f = "-"; print $3, $6, $5, f}'
    eu-readelf -l "$1" | awk "$loads" > k.loads
    eu-readelf -l "$2" | awk "$loads" > l.loads
    [ "$(wc -l < k.loads)" -gt 10 ] || fail "too few segments in the kernel's core"
    local vdso
    vdso=$(eu-readelf -n "$1" | awk '$1 == "SYSINFO_EHDR:" {print $2}')
    [ -n "$vdso" ] || fail "no vDSO address in the kernel's core"
    python3 - "$vdso" k.loads l.loads <<'PY' || fail "segments differ from the kernel's"
import sys
vdso = int(sys.argv[1], 0)
k = [l.split() for l in open(sys.argv[2])]
m = [l.split() for l in open(sys.argv[3])]
if [x[0] for x in k] != [x[0] for x in m]:
    print("mappings differ:", [x[0] for x in k], [x[0] for x in m]); sys.exit(1)
bad = 0
for a, b in zip(k, m):
    va = int(a[0], 16)
    kernels_own = vdso - 0x10000 <= va < vdso or va == 0xffffffffff600000
    if kernels_own and int(b[2], 16) == 0 and a[1] == b[1]:
        continue
    if a[1:] != b[1:]:
        print("at %s: kernel memsz %s filesz %s %s, lindbg memsz %s filesz %s %s" % (a[0], *a[1:], *b[1:]))
        bad = 1
sys.exit(bad)
PY
}
