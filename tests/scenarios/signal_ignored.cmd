# ARGS: fx_signal
# sxi: the signal goes to the program without a word; the run goes on.
sxi usr1
g
# CHECK: 0:000> g
# CHECK-NOT: SIGUSR1
# CHECK: fx_signal: handler saw 10
# CHECK: Exit process {{.*}}, code 0
