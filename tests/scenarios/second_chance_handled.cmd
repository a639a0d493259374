# ARGS: fx_crash handled
# A SIGSEGV the program handles: the first chance stops, g passes it to
# the handler (which ends the program normally): no second chance.
g
g
# CHECK: 0:000> g
# CHECK: Signal SIGSEGV (first chance) at 00000000`00000000
# CHECK: 0:000> g
# CHECK-NOT: second chance
# CHECK: fx_crash: handler ran
# CHECK-NOT: second chance
# CHECK: Exit process 0:{{[0-9a-f]+}}, code 0
