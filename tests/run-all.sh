#!/usr/bin/env bash
# Runs every test of lindbg against the build in $1 (default: build) and
# ends with one line: "N passed, N failed".
#   tests/unit/test_*.c       cmocka unit tests (each case counts)
#   tests/scenarios/*.cmd     a session fed on standard input, its output
#                             matched by FileCheck against the CHECK lines
#   tests/scenarios/*.sh      a session driven by a script (attach, kill...)
#   tests/interactive/*.py    sessions on a terminal, through pexpect
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-build}
case "$build" in /*) ;; *) build="$root/$build" ;; esac
export LINDBG="$build/lindbg"
export FX="$root/build/fixtures"
export ROOT="$root"
export FILECHECK=/usr/lib/llvm-14/bin/FileCheck
export PYTHON=/usr/bin/python3
unset DEBUGINFOD_URLS
work=$(mktemp -d /tmp/lindbg-tests.XXXXXX)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home"
mkdir -p "$HOME"
filter=${TEST_FILTER:-}

passed=0
failed=0
skipped=()
failures=()

# Whether this machine's debug registers trap (some virtual machines accept
# DR0-DR7 writes and never trap): scenarios marked "# REQUIRES:
# debug-registers" check the hardware path and are skipped where it is dead.
dr_fire=1
if printf '.dbgregs\nq\n' | "$LINDBG" "$FX/fx_basic" 2>&1 | grep -q 'do not trigger'; then
    dr_fire=0
fi
requires_missing() {
    grep -q '^# REQUIRES: debug-registers' "$1" && [ "$dr_fire" -eq 0 ]
}

ok() { passed=$((passed + 1)); printf 'PASS %s\n' "$1"; }
ko() { failed=$((failed + 1)); failures+=("$1"); printf 'FAIL %s\n' "$1"; }

# --- unit tests --------------------------------------------------------------
for t in "$build"/unit/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    [ -n "$filter" ] && [[ "$name" != *$filter* ]] && continue
    out=$(CMOCKA_MESSAGE_OUTPUT=stdout timeout 120 "$t" 2>&1)
    rc=$?
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    p=${p:-0}; f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -ne 0 ]; then
        failures+=("$name")
        printf '%s\n' "$out" | grep -E '^\[  (FAILED|ERROR)|Failure|error' | head -20
        printf 'FAIL %s (%s of %s cases)\n' "$name" "$f" "$((p + f))"
    else
        printf 'PASS %s (%s cases)\n' "$name" "$p"
    fi
done

# --- scenarios ---------------------------------------------------------------
run_cmd_scenario() {
    local file=$1 name
    name=$(basename "$file")
    local args opts
    args=$(sed -n 's/^# ARGS: *//p' "$file" | head -1)
    opts=$(sed -n 's/^# OPTS: *//p' "$file" | head -1)
    local prog=${args%% *} rest=""
    [ "$args" != "$prog" ] && rest=${args#* }
    case "$prog" in /*) ;; *) prog="$FX/$prog" ;; esac
    grep -v '^#' "$file" | sed '/^[[:space:]]*$/d' > "$work/$name.in"
    # %addr(NAME): the run-time address of a fixture symbol (PIE programs
    # load at 0x555555554000 when address randomisation is off)
    local sym
    for sym in $(grep -o '%addr([A-Za-z_0-9]*)' "$work/$name.in" | sort -u | sed 's/%addr(\(.*\))/\1/'); do
        local off
        off=$(nm "$prog" | awk -v s="$sym" '$3 == s { print $1; exit }')
        [ -n "$off" ] || { echo "no symbol $sym in $prog"; return 1; }
        local addr
        addr=$(printf '%x' $((0x555555554000 + 0x$off)))
        sed -i "s/%addr($sym)/$addr/g" "$work/$name.in"
    done
    local -a optv restv
    eval "optv=($opts)"
    eval "restv=($rest)"
    (cd "$work" && timeout -k 10 60 "$LINDBG" "${optv[@]}" "$prog" "${restv[@]}" < "$work/$name.in" > "$work/$name.out" 2>&1)
    local rc=$?
    if [ "$rc" -ne 0 ] && ! grep -q '^# EXIT: any' "$file"; then
        echo "lindbg exited with $rc"; tail -20 "$work/$name.out"; return 1
    fi
    "$FILECHECK" --dump-input=fail --input-file="$work/$name.out" "$file" 2>&1 | head -60
    return "${PIPESTATUS[0]}"
}

# Scenarios run TEST_JOBS at a time (default: one per CPU), each in its own
# directory: files one leaves (a core, a moved tree) must not change what
# the next one finds. Sessions on a terminal (pexpect) time key presses, so
# they run alone, after the others. Results print in order.
jobs_max=${TEST_JOBS:-$(nproc)}
run_one() {
    local s=$1 name dir
    name=$(basename "$s")
    dir="$work/$name.d"
    mkdir -p "$dir"
    case "$s" in
    *.cmd) run_cmd_scenario "$s" ;;
    *.sh) (cd "$dir" && timeout -k 10 120 bash "$s") ;;
    *.py) (cd "$dir" && timeout -k 10 120 "$PYTHON" "$s") ;;
    esac > "$work/$name.log" 2>&1
    echo $? > "$work/$name.rc"
}
ran=()
for s in "$here"/scenarios/*.cmd "$here"/scenarios/*.sh "$here"/interactive/*.py; do
    [ -f "$s" ] || continue
    name=$(basename "$s")
    [ -n "$filter" ] && [[ "$name" != *$filter* ]] && continue
    if requires_missing "$s"; then
        skipped+=("$name")
        printf 'SKIP %s (debug registers do not trigger on this machine)\n' "$name"
        continue
    fi
    ran+=("$s")
    case "$s" in *.py) continue ;; esac
    while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n; done
    run_one "$s" &
done
wait
for s in "${ran[@]}"; do
    case "$s" in *.py) run_one "$s" ;; esac
done
for s in "${ran[@]}"; do
    name=$(basename "$s")
    if [ "$(cat "$work/$name.rc" 2>/dev/null)" = 0 ]; then ok "$name"; else cat "$work/$name.log"; ko "$name"; fi
done

# --- DAP, with a real client ---------------------------------------------------
# tests/dap/run.js drives "$LINDBG --dap" with the DebugClient of
# @vscode/debugadapter-testsupport (scripts/install-dap-client.sh installs
# it), one case after the other; each prints PASS or FAIL (TEST_FILTER=dap_NAME).
if [ -z "$filter" ] || [[ dap_ == "$filter"* || "$filter" == dap_* ]]; then
    if [ ! -f "$here/dap/node_modules/@vscode/debugadapter-testsupport/package.json" ]; then
        echo "tests/dap: no DebugClient (run scripts/install-dap-client.sh)"
        ko "dap (client not installed)"
    else
        (cd "$work" && timeout -k 10 1800 node "$here/dap/run.js") > "$work/dap.log" 2>&1
        rc=$?
        cases=0
        while IFS= read -r line; do
            case "$line" in
            "PASS "*) ok "${line#PASS }"; cases=$((cases + 1)) ;;
            "FAIL "*) name=${line#FAIL }; ko "${name%% (*}"; cases=$((cases + 1)) ;;
            "dap: "*" passed, "*) ;;
            *) printf '%s\n' "$line" ;;
            esac
        done < "$work/dap.log"
        if [ "$rc" -ne 0 ] && [ "$cases" -eq 0 ]; then ko "dap (run.js exited with $rc)"; fi
    fi
fi

if [ "$failed" -ne 0 ]; then
    printf 'failed: %s\n' "${failures[*]}"
fi
if [ "${#skipped[@]}" -ne 0 ]; then
    printf 'skipped: %s\n' "${skipped[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
