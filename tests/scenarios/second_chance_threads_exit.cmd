# ARGS: fx_crash threads-exit
# Threads that end normally, and the process after them: every exit goes
# on without a stop (nothing is said of a second chance), breakpoint
# counts are those of the threads' work only.
bp fx_crash!short_thread
g
g
g
g
g
g
# CHECK-COUNT-4: Breakpoint 0 hit
# CHECK-NOT: Breakpoint 0 hit
# CHECK-NOT: chance
# CHECK: fx_crash: threads joined
# CHECK-NOT: chance
# CHECK: Exit process 0:{{[0-9a-f]+}}, code 0
# CHECK-NEXT: 0:000> g
# CHECK-NEXT: No runnable debuggees: the process has exited
