#!/usr/bin/env bash
# Non-stopping breakpoint hits, lindbg against GDB, LLDB and the raw ptrace
# floor, on the same program and the same work in one run: the tools
# alternate, each configuration runs RUNS times, medians are kept.
# Writes a Markdown table to bench/results/hits-<date>.md and latest-hits.md.
set -u
cd "$(dirname "$0")/.."
. bench/lib.sh
N=${N:-15000}
RUNS=${RUNS:-3}
B=build/bench
mkdir -p "$B" bench/results
cc -O2 -o "$B/raw_ptrace" bench/src/raw_ptrace.c
cc -g -O0 -fno-omit-frame-pointer -o "$B/bench_hits" bench/src/bench_hits.c
PROG=$PWD/$B/bench_hits
ADDR=$(printf '%x' $((0x555555554000 + 0x$(nm "$PROG" | awk '$3 == "work" { print $1 }'))))
# the raw out-of-line loop's copy: in the padding after the code segment
CODE_END=$(readelf -lW "$PROG" | awk '$1 == "LOAD" && $8 == "E" { print $3, $6 }' |
    { read -r va sz; echo $((va + sz)); })
SCRATCH=$(printf '%x' $((0x555555554000 + (CODE_END + 15) / 16 * 16)))
cat > "$B/gdb-commands.gdb" <<'GDB'
break work
commands 1
silent
continue
end
run
GDB

# tool and variant -> the command line (N hits that never stop the user)
cmd() {
    case "$1/$2" in
    raw/step) echo "$B/raw_ptrace step $ADDR $PROG $N" ;;
    raw/onestop) echo "$B/raw_ptrace onestop $ADDR $PROG $N" ;;
    raw/ool) echo "$B/raw_ptrace ool $ADDR $SCRATCH $PROG $N" ;;
    raw/oolpoll) echo "$B/raw_ptrace oolpoll $ADDR $SCRATCH $PROG $N" ;;
    lindbg/*) lindbg_hits build/lindbg "$2" "$PROG" "$N" ;;
    gdb/passes) echo "gdb -nx -batch -ex 'break work' -ex 'ignore 1 $N' -ex run --args $PROG $N" ;;
    gdb/condition) echo "gdb -nx -batch -ex 'break work if i == -1' -ex run --args $PROG $N" ;;
    gdb/commands) echo "gdb -nx -batch -x $B/gdb-commands.gdb --args $PROG $N" ;;
    lldb/passes) echo "lldb-16 -b -o 'breakpoint set -n work -i $N' -o run -- $PROG $N" ;;
    lldb/condition) echo "lldb-16 -b -o 'breakpoint set -n work -c \"i == -1\"' -o run -- $PROG $N" ;;
    lldb/commands) echo "lldb-16 -b -o 'breakpoint set -n work -G true' -o run -- $PROG $N" ;;
    esac
}

configs="raw/step raw/onestop raw/ool raw/oolpoll lindbg/passes gdb/passes lldb/passes lindbg/condition gdb/condition lldb/condition lindbg/commands gdb/commands lldb/commands"
declare -A times
record() { times[$1/$2]="${times[$1/$2]:-} $(seconds "$3 $(cmd "${2%/*}" "${2#*/}")")"; }
each_sample record

out="bench/results/hits-$(date +%Y%m%d-%H%M%S).md"
{
    echo "## Non-stopping breakpoint hits ($N hits, median of $RUNS, $(nproc) CPUs, $(uname -r))"
    echo
    echo "| variant | tool | not pinned: s | hits/s | pinned to one CPU: s | hits/s |"
    echo "|---|---|---|---|---|---|"
    for c in $configs; do
        a=$(echo ${times[no/$c]} | tr ' ' '\n' | median)
        b=$(echo ${times[yes/$c]} | tr ' ' '\n' | median)
        printf '| %s | %s | %s | %.0f | %s | %.0f |\n' "${c#*/}" "${c%/*}" "$a" \
            "$(echo "$N / $a" | bc -l)" "$b" "$(echo "$N / $b" | bc -l)"
    done
    echo
    echo "Variants: passes (\`bp work N+1\`, GDB \`ignore\`, LLDB \`-i\`); condition false"
    echo "(\`/w\`, \`break if\`, \`-c\`); auto-continue (\`\"gc\"\`, \`commands silent; continue\`,"
    echo "\`-G true\`). raw: an 80-line C ptrace loop (bench/src/raw_ptrace.c), the floor:"
    echo "step lifts the trap and single-steps; onestop performs the \`push rbp\` itself;"
    echo "ool runs it from a copy in the code's padding (registers read and set, nothing else);"
    echo "oolpoll also polls for the next stop for up to 200 us before sleeping, as lindbg does."
    echo "Times include starting the tool and the program."
} > "$out"
cp "$out" bench/results/latest-hits.md
cat "$out"
