# ARGS: fx_crash handled-then-thread
# The main thread survives a SIGSEGV (its handler runs), then a second
# thread dies of one: the second chance is that thread's, not the main
# thread's (before the fix, its survived signal made it the candidate in
# about 2 runs of 5, whichever thread's end was reported first).
g
g
g
# CHECK: 0:000> g
# CHECK: ([[PID:[0-9a-f]+]].[[PID]]): Signal SIGSEGV (first chance) at 00000000`00000000
# CHECK: 0:000> g
# CHECK: ([[PID]].[[TID:[0-9a-f]+]]): Signal SIGSEGV (first chance) at 00000000`00000000
# CHECK: 0:001> g
# CHECK-NEXT: ([[PID]].[[TID]]): Signal SIGSEGV (!!! second chance !!!) at 00000000`00000000
# CHECK: fx_crash!crash_null+0x
