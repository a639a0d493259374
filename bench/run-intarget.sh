#!/usr/bin/env bash
# Breakpoints that never stop the user (issue 19): the cost of one hit over
# the program's own run time, lindbg against GDB and LLDB on the same program
# (bench/src/bench_padhits.c) and against the program alone, in one run: the
# tools alternate, each configuration runs RUNS times, medians are kept, not
# pinned and pinned to one CPU. Every configuration also runs with no call
# at all (N=0); a hit costs ((time - time at N=0) / hits) minus the bare
# program's own cost per call, so start-up and set-up do not count.
#   passes     lindbg `bp hit 0n<hits+1>` (1 pass left at the end), GDB
#              `ignore 1 <hits>`, LLDB `-i <hits>`
#   condition  a false condition on the first argument: lindbg
#              `bp /w "@edi == 0xffffffff" hit`, GDB `break *hit if $edi == -1`,
#              LLDB `-c '$edi == -1'`
#   gc         auto-continue: lindbg `bp hit "gc"`, GDB `commands` `silent`
#              `continue`, LLDB `-G true`
#   counter    count the hits and go on: lindbg `bp hit "r $t0=@$t0+1; gc"`
#              (`? @$t0` at the end), GDB `set $n = $n + 1` in `commands`,
#              LLDB `-G true -C 'expr -- $n++'`
#   t8*        the same with 8 threads each calling hit() (lindbg: N each,
#              so `bp hit 0n<8N+1>`)
# Every tool breaks at hit's first instruction (GDB `break *hit`, LLDB
# `-K false`). Each run is checked: the program's checksum, the pass left
# (bl), the hit counts and the counter; a wrong one prints a FAIL line and
# the script exits 1.
# Environment: N (lindbg's calls, default 1000000), N_GDB (20000), N_LLDB
# (2000): GDB and LLDB are slow, their cost per hit does not depend on N;
# threads cases: N each for lindbg, N_GDB/8 and N_LLDB/8 each for the others.
# N_BARE (10000000): calls of the bare program, whose own cost per call (a few
# ns) is measured over many calls so that its noise stays below a pad's cost.
# OLD=path adds another lindbg build (e.g. today's one-stop path) with N_OLD
# (20000) calls. RUNS (5), PINS ("no yes"). Writes
# bench/results/intarget-<date>.md and latest-intarget.md.
set -u
cd "$(dirname "$0")/.."
. bench/lib.sh
RUNS=${RUNS:-5}
N=${N:-1000000}
N_GDB=${N_GDB:-20000}
N_LLDB=${N_LLDB:-2000}
N_BARE=${N_BARE:-10000000}
OLD=${OLD:-}
N_OLD=${N_OLD:-20000}
PINS=${PINS:-no yes}
T=8
B=build/bench
O=$B/intarget
mkdir -p "$O" bench/results
make -s build/lindbg
cc -O2 -g -fno-omit-frame-pointer -pthread -o "$B/bench_padhits" bench/src/bench_padhits.c
P=$PWD/$B/bench_padhits
: > "$O/fails"

cat > "$O/gc.gdb" <<'GDB'
break *hit
commands 1
silent
continue
end
run
GDB
cat > "$O/counter.gdb" <<'GDB'
set $n = 0
break *hit
commands 1
silent
set $n = $n + 1
continue
end
run
print $n
GDB

tools="bare lindbg"
[ -n "$OLD" ] && tools="$tools old"
tools="$tools gdb lldb"
kinds="passes condition gc counter t8passes t8condition t8counter"
configs=""
for k in $kinds; do for tool in $tools; do configs="$configs $tool/$k"; done; done

# threads of a kind (0: main calls hit itself)
threads() { case "$1" in t8*) echo $T ;; *) echo 0 ;; esac; }
# calls of hit() per thread for tool/kind
calls() {
    local n
    case "${1%/*}" in
    gdb) n=$N_GDB ;;
    lldb) n=$N_LLDB ;;
    old) n=$N_OLD ;;
    bare) n=$N_BARE ;;
    *) n=$N ;;
    esac
    case "${1%/*}/${1#*/}" in
    bare/*|lindbg/*) ;;
    */t8*) n=$((n / T)) ;;
    esac
    echo "$n"
}
# hits of tool/kind for N calls per thread
hits() { local t; t=$(threads "${1#*/}"); [ "$t" -gt 0 ] && echo $(($2 * t)) || echo "$2"; }

# the command line of tool/kind for n calls per thread
cmd() {
    local tool=${1%/*} kind=${1#*/} n=$2 t total
    t=$(threads "$kind")
    total=$(hits "$1" "$n")
    case "$tool/${kind#t8}" in
    bare/*) echo "$P $n $t" ;;
    lindbg/*) lindbg_intarget build/lindbg "${kind#t8}" "$P" "$n" "$t" ;;
    old/*) lindbg_intarget "$OLD" "${kind#t8}" "$P" "$n" "$t" ;;
    gdb/passes) echo "gdb -nx -batch -ex 'break *hit' -ex 'ignore 1 $total' -ex run -ex 'info breakpoints' --args $P $n $t" ;;
    gdb/condition) echo "gdb -nx -batch -ex 'break *hit if \$edi == -1' -ex run --args $P $n $t" ;;
    gdb/gc) echo "gdb -nx -batch -x $O/gc.gdb --args $P $n $t" ;;
    gdb/counter) echo "gdb -nx -batch -x $O/counter.gdb --args $P $n $t" ;;
    lldb/passes) echo "lldb-16 -b -o 'breakpoint set -n hit -K false -i $total' -o run -o 'breakpoint list' -- $P $n $t" ;;
    lldb/condition) echo "lldb-16 -b -o 'breakpoint set -n hit -K false -c \"\$edi == -1\"' -o run -- $P $n $t" ;;
    lldb/gc) echo "lldb-16 -b -o 'breakpoint set -n hit -K false -G true' -o run -- $P $n $t" ;;
    lldb/counter) echo "lldb-16 -b -o 'expr int \$n = 0' -o 'breakpoint set -n hit -K false -G true -C \"expr -- \$n++\"' -o run -o 'expr \$n' -- $P $n $t" ;;
    esac
}

# the checksum the program prints for n calls by t threads, run alone once
declare -A sums
expected() {
    [ -n "${sums[$1/$2]:-}" ] || sums[$1/$2]=$("$P" "$1" "$2" | sed -n 's/.*checksum=//p')
    echo "${sums[$1/$2]}"
}

# check TOOL/KIND N FILE: empty if the run in FILE did what it should, else why
check() {
    local tool=${1%/*} kind=${1#*/} n=$2 f=$3 total want got
    total=$(hits "$1" "$n")
    want=$(expected "$n" "$(threads "$kind")")
    grep -q "checksum=$want\$" "$f" || { echo "the program did not finish with checksum=$want"; return; }
    case "$tool/${kind#t8}" in
    lindbg/passes|old/passes)
        got=$(sed -nE 's/^ *[0-9]+ .* ([0-9a-f]{4,}) \(([0-9a-f]+)\).*/\1 \2/p' "$f" | tail -1)
        [ "$got" = "$(printf '%04x %04x' 1 $((total + 1)))" ] ||
            echo "bl shows passes '${got:-none}', not 1 left of $((total + 1))" ;;
    lindbg/counter|old/counter)
        got=$(sed -nE 's/^Evaluate expression: ([0-9]+) = .*/\1/p' "$f" | tail -1)
        [ "$got" = "$total" ] || echo "? @\$t0 is '${got:-none}', not $total" ;;
    gdb/passes)
        got=$(sed -nE 's/.*breakpoint already hit ([0-9]+) time.*/\1/p' "$f" | tail -1)
        [ "${got:-0}" = "$total" ] || echo "GDB's hit count is '${got:-0}', not $total"
        ! grep -q 'Will ignore next' "$f" || echo "GDB has passes left" ;;
    gdb/counter)
        got=$(sed -nE 's/^\$1 = ([0-9]+)$/\1/p' "$f" | tail -1)
        [ "$got" = "$total" ] || echo "GDB's \$n is '${got:-none}', not $total" ;;
    lldb/passes)
        got=$(sed -nE 's/^1: .*hit count = ([0-9]+).*/\1/p' "$f" | tail -1)
        [ "$got" = "$total" ] || echo "LLDB's hit count is '${got:-none}', not $total" ;;
    lldb/counter)
        got=$(sed -nE 's/^\(int\) \$n = ([0-9]+)$/\1/p' "$f" | tail -1)
        [ "$got" = "$total" ] || echo "LLDB's \$n is '${got:-none}', not $total" ;;
    esac
}

# timed PREFIX TOOL/KIND N: seconds of one run, output kept and checked
timed() {
    local f s e why
    f="$O/${2/\//-}-$3.out"
    s=$(date +%s%N)
    eval "timeout ${TIMEOUT:-1800} $1 $(cmd "$2" "$3")" < /dev/null > "$f" 2>&1
    e=$(date +%s%N)
    sed -i 's/\r$//' "$f" # LLDB runs the program on a terminal
    why=$(check "$2" "$3" "$f")
    [ -z "$why" ] || echo "FAIL: $2 with $3 calls$([ -n "$1" ] && echo ", pinned"): $why (output: $f)" >> "$O/fails"
    echo "scale=6; ($e - $s) / 1000000000" | bc
}

# the checksums, each computed once here (check runs in a subshell)
for c in $configs; do
    for n in "$(calls "$c")" 0; do expected "$n" "$(threads "${c#*/}")" > /dev/null; done
done

declare -A tn t0
for pin in $PINS; do
    prefix=""
    [ "$pin" = yes ] && prefix="taskset -c 0"
    for run in $(seq "$RUNS"); do
        for c in $configs; do
            tn[$pin/$c]="${tn[$pin/$c]:-} $(timed "$prefix" "$c" "$(calls "$c")")"
            t0[$pin/$c]="${t0[$pin/$c]:-} $(timed "$prefix" "$c" 0)"
        done
    done
done

# microseconds per hit of tool/kind, over the time at N=0 (raw: the bare
# program's own cost per call not taken off)
raw_us() {
    local a b
    a=$(echo ${tn[$1/$2]} | tr ' ' '\n' | median)
    b=$(echo ${t0[$1/$2]} | tr ' ' '\n' | median)
    echo "($a - $b) * 1000000 / $(hits "$2" "$(calls "$2")")" | bc -l
}
# microseconds per hit over the program's own run time
us() {
    local r own
    r=$(raw_us "$1" "$2")
    [ "${2%/*}" = bare ] && { echo "$r"; return; }
    own=$(raw_us "$1" "bare/${2#*/}")
    echo "$r - $own" | bc -l
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0.000001) print "-"; else printf "%.1f", a / b }'; }

out="bench/results/intarget-$(date +%Y%m%d-%H%M%S).md"
{
    echo "## Breakpoints that never stop: cost of one hit over the program's own run (median of $RUNS, $(nproc) CPUs, $(uname -r))"
    echo
    head="| kind | tool | hits |"
    sep="|---|---|---|"
    for pin in $PINS; do
        [ "$pin" = no ] && head="$head not pinned: us/hit | / lindbg |" || head="$head pinned to one CPU: us/hit | / lindbg |"
        sep="$sep---|---|"
    done
    echo "$head"
    echo "$sep"
    for c in $configs; do
        row="| ${c#*/} | ${c%/*} | $(hits "$c" "$(calls "$c")") |"
        for pin in $PINS; do
            v=$(us "$pin" "$c")
            if [ "${c%/*}" = bare ]; then
                row="$row $(printf '%.4f' "$v") (own) | - |"
            else
                row="$row $(printf '%.4f' "$v") | $(ratio "$v" "$(us "$pin" "lindbg/${c#*/}")") |"
            fi
        done
        echo "$row"
    done
    echo
    pins=""
    for pin in $PINS; do pins="$pins / $([ "$pin" = no ] && echo "not pinned" || echo pinned)"; done
    echo "Per kind (${pins# / }): lindbg's cost per hit over the bare program, then each tool's cost / lindbg's:"
    for k in $kinds; do
        line=""
        for pin in $PINS; do line="$line / $(printf '%.1f' "$(echo "$(us "$pin" "lindbg/$k") * 1000" | bc -l)") ns"; done
        line="$k: lindbg ${line# / }"
        for tool in $tools; do
            case $tool in bare|lindbg) continue ;; esac
            r=""
            for pin in $PINS; do r="$r / $(ratio "$(us "$pin" "$tool/$k")" "$(us "$pin" "lindbg/$k")")x"; done
            line="$line; $tool ${r# / }"
        done
        echo "- $line"
    done
    echo
    echo "lindbg's commands (N calls per thread, the hits given above):"
    for k in passes condition gc counter; do
        echo "- $k: \`$(lindbg_intarget lindbg "$k" bench_padhits 0 0 | sed -E "s/0n1;/0n<hits+1>;/; s/ bench_padhits.*//")\`"
    done
    echo
    echo "\`bl\` at the end of lindbg's runs (passes, 1 and $T threads):"
    for k in passes t8passes; do
        echo "    $(grep -E '^ *[0-9]+ [a-z]+ ' "$O/lindbg-$k-$(calls "lindbg/$k").out" | tail -1)"
    done
    echo
    echo "Hits that never stop the user; each figure is (time - time with no call) / hits,"
    echo "minus the bare program's own cost per call (the bare row: its own cost, us/call)."
    echo "Every tool breaks at hit's first instruction. GDB and LLDB run fewer hits (their"
    echo "cost per hit does not depend on it); the $T-thread rows: each thread calls hit()"
    echo "hits/$T times. Every run is checked: checksum, pass left, hit counts, counter."
    if [ -s "$O/fails" ]; then
        echo
        cat "$O/fails"
    fi
} > "$out"
cp "$out" bench/results/latest-intarget.md
cat "$out"
if [ -s "$O/fails" ]; then
    echo "run-intarget: $(wc -l < "$O/fails") run(s) FAILED (above)" >&2
    exit 1
fi
