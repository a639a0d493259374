# ARGS: fx_crash div0
# An integer division by zero: SIGFPE at the idiv, first and second chance
# at the same instruction (si_addr is the instruction's address).
g
r rip
.exr -1
g
k
r rip
.lastevent
.exr -1
g
# CHECK: 0:000> g
# CHECK: ([[PID:[0-9a-f]+]].[[PID]]): Signal SIGFPE (first chance) at [[ADDR:[0-9a-f]+`[0-9a-f]+]]
# CHECK: fx_crash!crash_div+0x{{[0-9a-f]+}}:
# CHECK-NEXT: [[ADDR]] {{[0-9a-f]+}} {{ *}}idiv
# CHECK: 0:000> r rip
# CHECK-NEXT: rip=[[RIP:[0-9a-f]+]]
# CHECK: 0:000> .exr -1
# CHECK-NEXT: ExceptionAddress: [[ADDR]] (fx_crash!crash_div+0x{{[0-9a-f]+}})
# CHECK-NEXT:    ExceptionCode: SIGFPE (Floating point exception)
# CHECK-NEXT:           Chance: first
# CHECK-NEXT:       SignalCode: 1 FPE_INTDIV (integer divide by zero)
# CHECK-NEXT:     FaultAddress: [[ADDR]]
# CHECK: 0:000> g
# CHECK-NEXT: ([[PID]].[[PID]]): Signal SIGFPE (!!! second chance !!!) at [[ADDR]]
# CHECK: 0:000> k
# CHECK-NEXT: Child-SP
# CHECK-NEXT: fx_crash!crash_div+0x{{[0-9a-f]+}} [{{.*}}fx_crash.c @ {{[0-9]+}}]
# CHECK-NEXT: fx_crash!main+0x
# CHECK: 0:000> r rip
# CHECK-NEXT: rip=[[RIP]]
# CHECK: 0:000> .lastevent
# CHECK-NEXT: Last event: [[PID]].[[PID]]: Signal SIGFPE (!!! second chance !!!) at [[ADDR]]
# CHECK: 0:000> .exr -1
# CHECK-NEXT: ExceptionAddress: [[ADDR]] (fx_crash!crash_div+0x{{[0-9a-f]+}})
# CHECK-NEXT:    ExceptionCode: SIGFPE (Floating point exception)
# CHECK-NEXT:           Chance: second (the process dies of it)
# CHECK-NEXT:       SignalCode: 1 FPE_INTDIV (integer divide by zero)
# CHECK: 0:000> g
# CHECK-NEXT: Exit process 0:[[PID]], killed by SIGFPE
