# ARGS: fx_fork
# A fork that is not followed: the child gets the program's bytes back
# before it runs, so it runs the breakpointed code normally; the parent
# keeps its breakpoint.
bp compute
g
g
g
# CHECK: Breakpoint 0 hit
# CHECK: fx_fork: child 31
# CHECK: Breakpoint 0 hit
# CHECK: fx_fork: parent 4 7, child ok
# CHECK: Exit process 0:{{[0-9a-f]+}}, code 0
