# ARGS: fx_watch_threads
# Four threads write one protected page at once, with plain increments
# (performed by lindbg) and locked ones (stepped with the page open while
# the other threads are stopped). The condition stops exactly when thread
# 0's slot reaches 2000, with that value in memory; once cleared, no
# increment of any thread was lost.
.dbgregs emulate
ba /w "poi(fx_slots) == 0n2000" w8 fx_slots
ba w8 fx_shared 0n100000
g
dq fx_slots L1
bc *
g
# CHECK: Breakpoint 0 hit
# CHECK: 0:00{{[1-4]}}> dq fx_slots L1
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  00000000`000007d0
# CHECK: fx_watch_threads: slots=8000 shared=8000
