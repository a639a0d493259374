# ARGS: fx_crash thread
# sxd av in a program with two threads: the SIGSEGV passes at once (a line
# only) while the other thread runs, and the second chance still stops in
# the crashing thread, the main thread stopped too.
sxd av
g
~
k
g
# CHECK: 0:000> g
# CHECK: ([[PID:[0-9a-f]+]].[[TID:[0-9a-f]+]]): Signal SIGSEGV (first chance) - passed on
# CHECK-NEXT: ([[PID]].[[TID]]): Signal SIGSEGV (!!! second chance !!!) at 00000000`00000000
# CHECK: 0:001> ~
# CHECK-NEXT:    0  Id: [[PID]].[[PID]]
# CHECK-NEXT: .  1  Id: [[PID]].[[TID]]
# CHECK: 0:001> k
# CHECK-NEXT: Child-SP
# CHECK-NEXT: fx_crash!crash_null+0x
# CHECK-NEXT: fx_crash!crash_thread+0x
# CHECK: 0:001> g
# CHECK: Exit process 0:[[PID]], killed by SIGSEGV
