#!/usr/bin/env bash
# Scale and start-up, lindbg against GDB and LLDB in one run (tools
# alternating, RUNS runs each, medians):
#   set      a breakpoint on every function of a generated program with
#            10,000 and 50,000 functions (bm / rbreak / breakpoint set -r),
#            then quit: wall time and peak memory
#   set+run  the same, then run the program, which calls 50 of them, every
#            breakpoint going on by itself ("gc" / commands: silent,
#            continue / -G true)
#   hit      lindbg only: cost of one hit with the 50 called functions
#            breakpointed, then with all 50,000 (15,000 hits each)
#   start    reaching main (bp main; g) on the 50,000-function program and
#            on SQLite (the amalgamation with a small driver, full DWARF):
#            wall time and peak memory
# Writes bench/results/scale-<date>.md and latest-scale.md.
set -u
cd "$(dirname "$0")/.."
. bench/lib.sh
RUNS=${RUNS:-3}
B=build/bench
mkdir -p "$B" bench/results
make -s build/lindbg
for n in 10000 50000; do
    name=f$((n / 1000))k
    if [ ! -x "$B/$name" ] || [ bench/gen_functions.py -nt "$B/$name" ]; then
        python3 bench/gen_functions.py "$n" > "$B/$name.c"
        cc -g -O0 -o "$B/$name" "$B/$name.c"
    fi
done
# SQLite's amalgamation comes from the npm registry (better-sqlite3 ships it)
if [ ! -x "$B/sqlite_drv" ]; then
    (cd "$B" && npm pack better-sqlite3@11.7.0 > /dev/null 2>&1 && tar xzf better-sqlite3-11.7.0.tgz \
        package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h)
    cc -g -O0 -I"$B/package/deps/sqlite3" -o "$B/sqlite_drv" bench/src/sqlite_drv.c \
        "$B/package/deps/sqlite3/sqlite3.c" -lpthread -ldl -lm
fi

gdb_all() { # the GDB script for rbreak on n functions with auto-continue
    printf 'rbreak ^fn_\ncommands 1-%d\nsilent\ncontinue\nend\n' "$1" > "$B/gdb-all-$1.gdb"
    echo "$B/gdb-all-$1.gdb"
}

cmd() {
    local prog=$PWD/$B/f$(($2 / 1000))k
    case "$1" in
    lindbg/set) echo "build/lindbg -c 'bm f$(($2 / 1000))k!fn_*; q' $prog" ;;
    gdb/set) echo "gdb -nx -batch -ex 'rbreak ^fn_' --args $prog" ;;
    lldb/set) echo "lldb-16 -b -o 'breakpoint set -r ^fn_' -- $prog" ;;
    lindbg/run) echo "build/lindbg -G -c 'bm f$(($2 / 1000))k!fn_* \"gc\"; g' $prog" ;;
    gdb/run) echo "gdb -nx -batch -x $(gdb_all "$2") -ex run --args $prog" ;;
    lldb/run) echo "lldb-16 -b -o 'breakpoint set -r ^fn_ -G true' -o run -- $prog" ;;
    esac
}

# wall seconds and peak KB of one command
measure() {
    /usr/bin/time -f '%e %M' -o "$B/time.out" bash -c "$1" < /dev/null > /dev/null 2>&1
    cat "$B/time.out"
}


declare -A t m
record() { # key command
    local r
    r=$(measure "$2")
    t[$1]="${t[$1]:-} ${r% *}"
    m[$1]="${m[$1]:-} ${r#* }"
}

F50=$PWD/$B/f50k
SQL=$PWD/$B/sqlite_drv
FEW=""
for k in $(seq 0 997 49999); do FEW="$FEW bp fn_$k \"gc\";"; done
for run in $(seq "$RUNS"); do
    for n in 10000 50000; do
        for tool in lindbg gdb lldb; do
            # GDB at 50,000 takes minutes: one sample of set, no run
            # (GDB_FULL=1 measures it all)
            if [ "$tool/$n" = gdb/50000 ] && [ -z "${GDB_FULL:-}" ]; then
                [ "$run" = 1 ] && record "set/$tool/$n" "$(cmd $tool/set $n)"
                continue
            fi
            record "set/$tool/$n" "$(cmd $tool/set $n)"
            record "run/$tool/$n" "$(cmd $tool/run $n)"
        done
    done
    # hits: the 50 called functions only, or all 50,000, 300 rounds
    record "hit/few" "build/lindbg -G -c '$FEW g' $F50 300"
    record "hit/few0" "build/lindbg -G -c '$FEW g' $F50 0"
    record "hit/all" "build/lindbg -G -c 'bm f50k!fn_* \"gc\"; g' $F50 300"
    record "hit/all0" "build/lindbg -G -c 'bm f50k!fn_* \"gc\"; g' $F50 0"
    for prog in F50 SQL; do
        p=${!prog}
        record "start/lindbg/$prog" "build/lindbg -c 'bp main; g; q' $p"
        record "start/gdb/$prog" "gdb -nx -batch -ex 'break main' -ex run $p"
        record "start/lldb/$prog" "lldb-16 -b -o 'b main' -o run $p"
    done
done

med() { if [ -n "${t[$1]:-}" ]; then echo ${t[$1]} | tr ' ' '\n' | median; else echo "not run"; fi; }
mem() { if [ -n "${m[$1]:-}" ]; then echo $(($(echo ${m[$1]} | tr ' ' '\n' | median) / 1024)); else echo "-"; fi; }
out="bench/results/scale-$(date +%Y%m%d-%H%M%S).md"
{
    echo "## Scale and start-up (median of $RUNS, $(nproc) CPUs, $(uname -r))"
    echo
    echo "| work | functions | tool | s | peak MB |"
    echo "|---|---|---|---|---|"
    for w in set run; do
        for n in 10000 50000; do
            for tool in lindbg gdb lldb; do
                echo "| $w | $n | $tool | $(med $w/$tool/$n) | $(mem $w/$tool/$n) |"
            done
        done
    done
    echo
    hits=$((300 * 51))
    few=$(echo "($(med hit/few) - $(med hit/few0)) * 1000000 / $hits" | bc -l)
    all=$(echo "($(med hit/all) - $(med hit/all0)) * 1000000 / $hits" | bc -l)
    printf 'lindbg, one hit ("gc"), %d hits: %.1f us with the called functions breakpointed, %.1f us with all 50,000.\n' \
        "$hits" "$few" "$all"
    echo
    echo "| reach main | tool | s | peak MB |"
    echo "|---|---|---|---|"
    for prog in F50 SQL; do
        label=$([ $prog = F50 ] && echo "50,000 functions" || echo "SQLite amalgamation")
        for tool in lindbg gdb lldb; do
            echo "| $label | $tool | $(med start/$tool/$prog) | $(mem start/$tool/$prog) |"
        done
    done
    echo
    echo "set: start the tool, set a breakpoint on every function, quit. run: the same,"
    echo "then run the program (50 of the breakpoints hit, each going on by itself)."
    echo "GDB: rbreak ^fn_ (and commands silent/continue); LLDB: breakpoint set -r ^fn_"
    echo "(-G true); lindbg: bm (\"gc\"). Times include starting the tool and the program."
    [ -z "${GDB_FULL:-}" ] && echo "GDB at 50,000 functions: set measured once, run not measured (minutes; GDB_FULL=1)."
} > "$out"
cp "$out" bench/results/latest-scale.md
cat "$out"
