# ARGS: fx_crash thread
# A thread frozen (~0f) or suspended (~1n) when the second chance comes:
# on its way out, it only ends, so g lets the process end instead of
# waiting for a thread that is never resumed.
g
~0f
g
~1n
~
g
# CHECK: 0:000> g
# CHECK: ([[PID:[0-9a-f]+]].[[TID:[0-9a-f]+]]): Signal SIGSEGV (first chance) at 00000000`00000000
# CHECK: 0:001> g
# CHECK-NEXT: ([[PID]].[[TID]]): Signal SIGSEGV (!!! second chance !!!) at 00000000`00000000
# CHECK: 0:001> ~{{$}}
# CHECK-NEXT:    0  Id: [[PID]].[[PID]] Suspend: 0 {{.*}}Frozen
# CHECK-NEXT: .  1  Id: [[PID]].[[TID]] Suspend: 1 {{.*}}Unfrozen
# CHECK: 0:001> g
# CHECK: Exit process 0:[[PID]], killed by SIGSEGV
