# ARGS: fx_threads
# Threads are tracked from the start: each creation and exit is an event
# line that does not stop; `~` lists the threads.
~
~0
~.
g
# CHECK: 0:000> ~
# CHECK-NEXT: .  0  Id: [[PID:[0-9a-f]+]].[[PID]] Suspend: 0 Teb: {{.*}} Unfrozen "fx_threads"
# CHECK: 0:000> g
# CHECK-DAG: ([[PID]].{{[0-9a-f]+}}): Create thread 0:001
# CHECK-DAG: ([[PID]].{{[0-9a-f]+}}): Create thread 0:002
# CHECK-DAG: ([[PID]].{{[0-9a-f]+}}): Create thread 0:003
# CHECK-DAG: Exit thread 0:001, code 0
# CHECK-DAG: Exit thread 0:002, code 0
# CHECK-DAG: Exit thread 0:003, code 0
# CHECK-DAG: fx_threads: total=6
# CHECK: Exit process 0:[[PID]], code 0
