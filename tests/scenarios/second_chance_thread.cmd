# ARGS: fx_crash thread
# A crash in a second thread while the main thread waits in pthread_join:
# the second chance is that thread's, and every thread, stopped on its
# way out, can still be looked at.
g
g
~
k
~0s
k
g
# CHECK: 0:000> g
# CHECK: ([[PID:[0-9a-f]+]].[[TID:[0-9a-f]+]]): Signal SIGSEGV (first chance) at 00000000`00000000
# CHECK: 0:001> g
# CHECK-NEXT: ([[PID]].[[TID]]): Signal SIGSEGV (!!! second chance !!!) at 00000000`00000000
# CHECK: 0:001> ~
# CHECK-NEXT:    0  Id: [[PID]].[[PID]]
# CHECK-NEXT: .  1  Id: [[PID]].[[TID]]
# CHECK: 0:001> k
# CHECK-NEXT: Child-SP
# CHECK-NEXT: fx_crash!crash_null+0x
# CHECK-NEXT: fx_crash!crash_thread+0x
# CHECK: 0:000> k
# CHECK: pthread_clockjoin
# CHECK-NEXT: fx_crash!main+0x
# CHECK: 0:000> g
# CHECK: Exit process 0:[[PID]], killed by SIGSEGV
