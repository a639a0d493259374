# ARGS: fx_int3
# The program's own int3 is not taken for a breakpoint of ours: it is a
# SIGTRAP event, passed on by g to the program's handler.
g
g
# CHECK: 0:000> g
# CHECK: Break instruction exception - SIGTRAP (first chance)
# CHECK: fx_int3!main+0x
# CHECK: 0:000> g
# CHECK: fx_int3: handled 1 trap(s)
# CHECK: Exit process 0:{{[0-9a-f]+}}, code 0
