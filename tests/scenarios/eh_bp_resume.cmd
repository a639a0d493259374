# ARGS: fx_throw
# A user breakpoint on __cxa_throw whose commands resume does not hide
# sxe eh's stop: the two are events of their own, the breakpoint's first,
# then the throw's, met before the thread leaves __cxa_throw. Each throw
# counts once toward the pass count (bp ... 3: the first two throws are
# exception stops only, the third the breakpoint, then the exception).
# Under sxn eh (after .restart, which gives the pass count back) the
# line of each throw follows its breakpoint's.
sxe eh
bp __cxa_throw 3 ".echo hi; gc"
g
# CHECK: C++ EH exception - std::runtime_error (first chance)
g
# CHECK: C++ EH exception - app::BadThing (first chance)
g
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: hi
# CHECK-NEXT: C++ EH exception - std::runtime_error (first chance)
# CHECK-NEXT: rax=
# CHECK: libstdc__!__cxa_throw:
bl
# CHECK: 0 e {{[0-9a-f`]+}} 0001 (0003) 0:**** libstdc__!__cxa_throw
g
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: hi
# CHECK-NEXT: C++ EH exception - app::BadThing (first chance)
g
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: hi
# CHECK-NEXT: C++ EH exception - std::out_of_range (first chance)
g
# CHECK-NOT: C++ EH exception
# CHECK-NOT: Breakpoint 0 hit
# CHECK: fx_throw: caught 2 runtime_error, 2 BadThing, 1 out_of_range
.restart
# CHECK: Initial break after exec
sxn eh
g
# CHECK: C++ EH exception - std::runtime_error (first chance)
# CHECK-NEXT: C++ EH exception - app::BadThing (first chance)
# CHECK-NEXT: Breakpoint 0 hit
# CHECK-NEXT: hi
# CHECK-NEXT: C++ EH exception - std::runtime_error (first chance)
# CHECK-NEXT: Breakpoint 0 hit
# CHECK-NEXT: hi
# CHECK-NEXT: C++ EH exception - app::BadThing (first chance)
# CHECK-NEXT: Breakpoint 0 hit
# CHECK-NEXT: hi
# CHECK-NEXT: C++ EH exception - std::out_of_range (first chance)
# CHECK-NEXT: fx_throw: caught 2 runtime_error, 2 BadThing, 1 out_of_range
q
