# ARGS: fx_crash abort
# sxn: a line at the first chance, no stop at either chance.
sxn SIGABRT
g
# CHECK: 0:000> g
# CHECK: Signal SIGABRT (first chance) - passed on
# CHECK-NOT: second chance
# CHECK: Exit process 0:{{[0-9a-f]+}}, killed by SIGABRT
