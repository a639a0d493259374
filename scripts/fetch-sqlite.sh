#!/bin/sh
# Fetches SQLite's amalgamation (sqlite3.c, sqlite3.h) into build/diff/src/
# once: the -O2 program of the differential test against GDB
# (tests/diff/gdb_diff.py) and of bench/run-o2.sh. It comes from the npm
# registry, where better-sqlite3 ships it (the benchmarks' source too).
# Without the registry it says so and leaves nothing: the tests that need
# it skip with that message.
set -u
cd "$(dirname "$0")/.."
dir=build/diff
[ -f "$dir/src/sqlite3.c" ] && exit 0
mkdir -p "$dir/src"
pkg=better-sqlite3-11.7.0.tgz
if [ ! -f "$dir/$pkg" ]; then
    if ! command -v npm > /dev/null ||
        ! (cd "$dir" && timeout 120 npm pack better-sqlite3@11.7.0 > /dev/null 2>&1); then
        rm -f "$dir/$pkg"
        echo "fetch-sqlite: cannot reach the npm registry (npm pack better-sqlite3@11.7.0):" \
            "the differential test against GDB and the -O2 benchmark will be skipped"
        exit 0
    fi
fi
tar -xzf "$dir/$pkg" -C "$dir" package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h &&
    mv "$dir/package/deps/sqlite3/sqlite3.h" "$dir/package/deps/sqlite3/sqlite3.c" "$dir/src/" &&
    rm -rf "$dir/package"
