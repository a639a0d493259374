# ARGS: fx_throw
# sxn eh, given once libstdc++ is loaded: each throw prints its line and
# the program goes on to its end; sxd eh (the default) prints nothing.
bp main
g
# CHECK: Breakpoint 0 hit
sxn eh
sx
# CHECK: eh - C++ EH exception         - output
g
# CHECK: C++ EH exception - std::runtime_error (first chance)
# CHECK-NEXT: C++ EH exception - app::BadThing (first chance)
# CHECK-NEXT: C++ EH exception - std::runtime_error (first chance)
# CHECK-NEXT: C++ EH exception - app::BadThing (first chance)
# CHECK-NEXT: C++ EH exception - std::out_of_range (first chance)
# CHECK-NEXT: fx_throw: caught 2 runtime_error, 2 BadThing, 1 out_of_range
# CHECK-NEXT: Exit process
.restart
sxd eh
sx
# CHECK: eh - C++ EH exception         - second-chance break
g
# CHECK-NOT: C++ EH exception
# CHECK: Breakpoint 0 hit
g
# CHECK-NOT: C++ EH exception
# CHECK: fx_throw: caught 2 runtime_error, 2 BadThing, 1 out_of_range
# CHECK: Exit process
q
