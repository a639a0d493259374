# ARGS: fx_crash noreturn
# A call to a function that does not return (abort) can be its caller's
# last instruction: the return address is then the first byte of the next
# function. k names the caller by the call, as GDB and LLDB do, with the
# return address's offset; ln of the same address names what is there.
g
k
ln 0x55555555521f
# CHECK: Signal SIGABRT (first chance)
# CHECK: 0:000> k
# CHECK-NOT: fx_follows_noreturn
# CHECK: 00005555`5555521f     libc!abort+0x{{[0-9a-f]+}}
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}} 00005555`{{[0-9a-f]+}}     fx_crash!crash_noreturn+0x9 [{{.*}}fx_crash.c @ 42]
# CHECK-NEXT: {{.*}} fx_crash!main+
# CHECK: 0:000> ln 0x55555555521f
# CHECK-NEXT: fx_crash!fx_follows_noreturn
