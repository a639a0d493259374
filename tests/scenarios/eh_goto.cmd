# ARGS: fx_throw
# A throw met where a step ends (`g __cxa_throw`, with and without a
# breakpoint there) is an event of its own, reported when the thread goes
# on: the step's stop first, then the throw, none of the five lost.
sxe eh
bp main
g
g __cxa_throw
g
g
bp __cxa_throw
g __cxa_throw
g
bc *
sxn eh
g __cxa_throw
g
# CHECK: 0:000> g __cxa_throw
# CHECK-NOT: C++ EH exception
# CHECK: libstdc__!__cxa_throw:
# CHECK: 0:000> g
# CHECK-NEXT: ({{[0-9a-f]+}}.{{[0-9a-f]+}}): C++ EH exception - std::runtime_error (first chance)
# CHECK: 0:000> g
# CHECK-NEXT: ({{[0-9a-f]+}}.{{[0-9a-f]+}}): C++ EH exception - app::BadThing (first chance)
# CHECK: 0:000> g __cxa_throw
# CHECK-NEXT: Breakpoint 1 hit
# CHECK: 0:000> g
# CHECK-NEXT: ({{[0-9a-f]+}}.{{[0-9a-f]+}}): C++ EH exception - std::runtime_error (first chance)
# CHECK: 0:000> g __cxa_throw
# CHECK-NOT: C++ EH exception
# CHECK: libstdc__!__cxa_throw:
# CHECK: 0:000> g
# CHECK-NEXT: ({{[0-9a-f]+}}.{{[0-9a-f]+}}): C++ EH exception - app::BadThing (first chance)
# CHECK-NEXT: ({{[0-9a-f]+}}.{{[0-9a-f]+}}): C++ EH exception - std::out_of_range (first chance)
