# The notes say who the process's parent is and what it dies of, as the
# kernel's core does: pr_ppid is the real parent (this script for a
# process lindbg attached to, lindbg for one it launched), never 0; at a
# second chance only (sxd) the core says SIGSEGV (pr_cursig, NT_SIGINFO)
# and GDB reads it as a death by SIGSEGV.
. "$(dirname "$0")/../lib/scenario.sh"
command -v eu-readelf > /dev/null || fail "eu-readelf is not installed (elfutils)"
rm -f ppid-*.core
ppids() { eu-readelf -n "$1" | sed -n 's/.*[^a-z]ppid: \([0-9]*\).*/\1/p' | sort -u; }

# attached: the parent is the shell that started it, not lindbg
start_loop 20 target.out
printf '.dump ppid-attach.core\nqd\n' | timeout 60 "$LINDBG" -p "$pid" > attach.out 2>&1 || { cat attach.out; fail "lindbg failed"; }
wait "$bg" || fail "fx_loop failed after detach"
expect_in attach.out '^Dump successfully written$'
[ "$(ppids ppid-attach.core)" = "$$" ] || { eu-readelf -n ppid-attach.core | grep ppid; fail "attached: ppid is not $$"; }

# launched, dumped at a second chance without a first-chance stop
printf 'sxd av\ng\n.dump ppid-segv.core\ng\n' > cmds
"$LINDBG" -cf cmds "$FX/fx_dump" segv < /dev/null > segv.out 2>&1 & # no timeout: $! must be lindbg
lp=$!
wait "$lp" || { cat segv.out; fail "lindbg failed"; }
expect_in segv.out 'second chance'
expect_in segv.out '^Dump successfully written$'
[ "$(ppids ppid-segv.core)" = "$lp" ] || { eu-readelf -n ppid-segv.core | grep ppid; fail "launched: ppid is not lindbg's $lp"; }
eu-readelf -n ppid-segv.core > segv.notes
expect_in segv.notes 'cursig: 11$'
if command -v gdb > /dev/null; then
    gdb -batch "$FX/fx_dump" ppid-segv.core > gdb.out 2>&1
    expect_in gdb.out 'Program terminated with signal SIGSEGV'
fi
rm -f ppid-*.core
echo ok
