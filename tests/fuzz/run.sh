#!/usr/bin/env bash
# Runs each fuzz target for SECONDS: run.sh SECONDS TARGET...
# Every target starts from its checked-in seeds (tests/fuzz/corpus/<t>),
# copied to build/fuzz/corpus/<t> so that what it finds stays out of the
# tree. A crash stops everything with the reproducer's path.
set -u
cd "$(dirname "$0")/../.."
secs=$1
shift
status=0
for t in "$@"; do
    corpus=build/fuzz/corpus/$t
    mkdir -p "$corpus"
    cp -n tests/fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null
    log=build/fuzz/$t.log
    if ASAN_OPTIONS=detect_leaks=1 build/fuzz/fuzz_"$t" -max_total_time="$secs" -max_len=65536 \
        -timeout=10 -rss_limit_mb=2048 -artifact_prefix=build/fuzz/"$t"- "$corpus" > "$log" 2>&1; then
        echo "fuzz $t: $(grep -aEo '#[0-9]+' "$log" | tail -1 | tr -d '#') runs in ${secs}s, no crash"
    else
        echo "fuzz $t: FAILED (see $log)"
        grep -aE 'ERROR|SUMMARY|Test unit written' "$log" | head -5
        status=1
    fi
done
exit $status
