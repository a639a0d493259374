# ARGS: fx_exec_mt $FX/fx_basic
# exec in a multi-threaded process whose exits are watched (a SIGUSR1 that
# could kill was passed), while the other thread keeps stopping at a
# breakpoint: the exec waits for that thread to be gone, so its exit is
# let go even while everything is being stopped, instead of being held
# (which left the exec'ing thread unable to stop: a hang, about 1 run in 6
# before the fix); a stop decided in that thread goes with it.
g
bp tick ".echo tick; gc"
g
# CHECK: 0:000> g
# CHECK: Signal SIGUSR1 (first chance)
# CHECK: fx_exec_mt: exec after SIGUSR1
# CHECK: Exec {{.*}}fx_basic
# CHECK-NOT: Breakpoint
# CHECK-NOT: second chance
# CHECK: Exit process 0:{{[0-9a-f]+}}, code 2a
