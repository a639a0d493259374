# ARGS: fx_throw
# sxe eh and a user breakpoint on __cxa_throw share the site: each throw
# counts once toward the breakpoint's pass count (bp ... 3 stops at the
# third throw: after two it has one pass left), the throws before it stop
# as exceptions, the third as the breakpoint. sxd eh takes the engine's
# trap away and leaves the breakpoint.
bp __cxa_throw 3
sxe eh
g
# CHECK: C++ EH exception - std::runtime_error (first chance)
g
# CHECK: C++ EH exception - app::BadThing (first chance)
bl
# CHECK: 0 e {{[0-9a-f`]+}} 0001 (0003) 0:**** libstdc__!__cxa_throw
g
# CHECK-NOT: C++ EH exception
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: rax=
# CHECK: libstdc__!__cxa_throw:
sxd eh
g
# CHECK-NOT: C++ EH exception
# CHECK: Breakpoint 0 hit
bc 0
g
# CHECK-NOT: C++ EH exception
# CHECK: fx_throw: caught 2 runtime_error, 2 BadThing, 1 out_of_range
q
