# A core whose program has moved since it was written: without PROGRAM
# lindbg says once that the file is not where the core's NT_FILE says;
# with -z CORE PROGRAM the program at its new place stands for it (its
# symbols, and its code, which gcore does not keep, read from it), with
# no warning since its build-id is the core's. The kernel's core is used
# when this machine writes one to a plain file name, else gcore's.
. "$(dirname "$0")/../lib/scenario.sh"

mkdir old
cp "$FX/fx_core" old/
# the kernel's core when core_pattern allows (it leaves the program's code
# out: then it is read from the moved file), else gcore's (which keeps it)
c=$(kernel_core "$PWD/k" "$PWD/old/fx_core" 2>/dev/null) && mv "$c" m.core && echo "a kernel core"
if [ ! -s m.core ]; then
    echo "gcore's core"
    gdb -nx -batch -ex run -ex "gcore $PWD/m.core" old/fx_core > gdb-run.out 2>&1
    [ -s m.core ] || { cat gdb-run.out; fail "gcore wrote no core"; }
fi
mv old new

printf 'k\nq\n' | "$LINDBG" -z m.core > gone.out 2>&1 || { cat gone.out; fail "lindbg failed"; }
expect_not_in gone.out 'AddressSanitizer|runtime error'
[ "$(grep -c "^Warning: '$PWD/old/fx_core' is not on disk" gone.out)" -eq 1 ] ||
    { cat gone.out; fail "not one warning for the moved program"; }
expect_not_in gone.out 'fx_core!'

printf 'k\nu fx_core!fx_crash_in_libc L1\n|\nlm\nq\n' | "$LINDBG" -z m.core new/fx_core > moved.out 2>&1 ||
    { cat moved.out; fail "lindbg failed"; }
expect_not_in moved.out 'AddressSanitizer|runtime error|Warning'
expect_in moved.out "^ModLoad: .*  $PWD/new/fx_core\$"
expect_in moved.out 'fx_core!fx_crash_in_libc\+0x[0-9a-f]+ \[.*fx_core.c @ 44\]'
# the instruction GDB sees there, read from the moved file
want=$(gdb -nx -batch -ex 'x/i fx_crash_in_libc' new/fx_core m.core 2>/dev/null | sed -n 's/.*:\t\([a-z]*\).*/\1/p' | head -1)
[ -n "$want" ] || fail "GDB shows no instruction"
expect_in moved.out "^[0-9a-f\`]+ [0-9a-f]+ +$want "
expect_in moved.out "core	name: $PWD/new/fx_core\$"
echo ok
