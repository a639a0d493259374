# ARGS: fx_clone
# A child made by clone() without CLONE_THREAD is reported by the kernel as
# a clone, yet it is a process with its own copy of memory: not followed,
# it is let go clean like a fork child (it runs the code with the parent's
# breakpoint and ends normally), and only the parent stops.
bp compute
g
g
g
# CHECK: Breakpoint 0 hit
# CHECK: 0:000> g
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: 0:000> g
# CHECK-NEXT: fx_clone: parent 4 7, child ok
