# ARGS: fx_watch
# A data breakpoint emulated by page protection, set while the thread that
# creates another stands at the clone event (sxe ct): the mprotect lindbg
# has the program make must not take the place of the clone's own result
# (pthread_create then took its thread for failed, freed its stack, and
# the new thread crashed at address 0). The program runs to its end.
.dbgregs emulate
sxe ct
g
ba w4 fx_small+8
sxd ct
g
g
# CHECK: Create thread event (sxe ct)
# CHECK: 0:000> ba w4 fx_small+8
# CHECK-NOT: SIGSEGV
# CHECK: Breakpoint 0 hit
# CHECK-NOT: SIGSEGV
# CHECK: fx_watch: 8 35 99
# CHECK: Exit process {{.*}}, code 0
