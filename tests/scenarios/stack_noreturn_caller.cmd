# ARGS: fx_crash noreturn
# A call to a function that does not return (abort) can be its caller's
# last instruction: the return address is then the first byte of the next
# function. k names the caller by the call, as GDB and LLDB do, with the
# return address's offset; x shows that the address is the next function's.
x fx_crash!fx_follows_noreturn
g
k
# CHECK: 0:000> x fx_crash!fx_follows_noreturn
# CHECK-NEXT: [[FN:[0-9a-f]+`[0-9a-f]+]] fx_crash!fx_follows_noreturn
# CHECK: Signal SIGABRT (first chance)
# CHECK: 0:000> k
# CHECK-NOT: fx_follows_noreturn
# CHECK: [[FN]]     libc!abort+0x{{[0-9a-f]+}}
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}} {{[0-9a-f]+`[0-9a-f]+}}     fx_crash!crash_noreturn+0x9 [{{.*}}fx_crash.c @ {{[0-9]+}}]
# CHECK-NEXT: {{.*}} fx_crash!main+
