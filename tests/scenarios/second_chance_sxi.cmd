# ARGS: fx_crash null
# sxi av: no stop at either chance; the process just ends.
sxi av
g
# CHECK: 0:000> g
# CHECK-NOT: chance
# CHECK: Exit process 0:{{[0-9a-f]+}}, killed by SIGSEGV
