# ARGS: fx_throw
# sxe eh: the target stops at __cxa_throw each time a C++ exception is
# thrown (first chance), with the thrown type demangled: a std::
# runtime_error and the program's own app::BadThing from fail(), and a
# std::out_of_range thrown inside libstdc++ (vector::at). libstdc++ is
# loaded after the initial break: the stop follows it, and follows
# .restart. The stop is no breakpoint: bl stays empty.
sxe eh
sx
# CHECK: eh - C++ EH exception         - break
g
# CHECK: ({{[0-9a-f]+}}.{{[0-9a-f]+}}): C++ EH exception - std::runtime_error (first chance)
# CHECK-NEXT: rax=
# CHECK: libstdc__!__cxa_throw:
k
# CHECK: libstdc__!__cxa_throw
# CHECK-NEXT: fx_throw!fail+0x{{[0-9a-f]+}} {{.*}}fx_throw.cpp @ 17]
# CHECK-NEXT: fx_throw!main+
.lastevent
# CHECK: Last event: {{[0-9a-f]+}}.{{[0-9a-f]+}}: C++ EH exception - std::runtime_error (first chance)
bl
# CHECK: 0:000> bl
# CHECK-NEXT: 0:000> g
g
# CHECK: C++ EH exception - app::BadThing (first chance)
g
# CHECK: C++ EH exception - std::runtime_error (first chance)
g
# CHECK: C++ EH exception - app::BadThing (first chance)
g
# CHECK: C++ EH exception - std::out_of_range (first chance)
.restart
# CHECK: Initial break after exec
g
# CHECK: C++ EH exception - std::runtime_error (first chance)
sxi eh
sx
# CHECK: eh - C++ EH exception         - ignore
g
# CHECK-NOT: C++ EH exception
# CHECK: fx_throw: caught 2 runtime_error, 2 BadThing, 1 out_of_range
q
