# ARGS: fx_crash thread
# t and p at a second chance, in the leader of a process whose other
# thread crashed: a thread on its way out only ends, and so does the
# whole process (the other thread is let go too, as g does).
g
g
~0s
t
# CHECK: 0:000> g
# CHECK: ([[PID:[0-9a-f]+]].[[TID:[0-9a-f]+]]): Signal SIGSEGV (first chance) at 00000000`00000000
# CHECK: 0:001> g
# CHECK-NEXT: ([[PID]].[[TID]]): Signal SIGSEGV (!!! second chance !!!) at 00000000`00000000
# CHECK: 0:000> t
# CHECK: Exit process 0:[[PID]], killed by SIGSEGV
