# ARGS: fx_crash abort
# abort(): SIGABRT sent by the thread to itself (tgkill): the first chance
# in libc, then the second chance with the stack down to the caller of
# abort; .exr -1 says who sent it.
g
.exr -1
g
k
.exr -1
g
# CHECK: 0:000> g
# CHECK: ([[PID:[0-9a-f]+]].[[PID]]): Signal SIGABRT (first chance)
# CHECK: 0:000> .exr -1
# CHECK-NEXT: ExceptionAddress: {{[0-9a-f]+`[0-9a-f]+}} (libc!{{.*}})
# CHECK-NEXT:    ExceptionCode: SIGABRT (Aborted)
# CHECK-NEXT:           Chance: first
# CHECK-NEXT:       SignalCode: -6 SI_TKILL (sent by tkill or tgkill (raise, abort, pthread_kill))
# CHECK-NEXT:        SenderPid: {{[1-9][0-9]*}}
# CHECK-NEXT:        SenderUid: {{[0-9]+}}
# CHECK: 0:000> g
# CHECK-NEXT: ([[PID]].[[PID]]): Signal SIGABRT (!!! second chance !!!)
# CHECK: 0:000> k
# CHECK: libc!abort+0x
# CHECK-NEXT: fx_crash!crash_abort+0x{{[0-9a-f]+}} [{{.*}}fx_crash.c @ {{[0-9]+}}]
# CHECK-NEXT: fx_crash!main+0x
# CHECK: 0:000> .exr -1
# CHECK-NEXT: ExceptionAddress: {{[0-9a-f]+`[0-9a-f]+}} (libc!{{.*}})
# CHECK-NEXT:    ExceptionCode: SIGABRT (Aborted)
# CHECK-NEXT:           Chance: second (the process dies of it)
# CHECK-NEXT:       SignalCode: -6 SI_TKILL
# CHECK: 0:000> g
# CHECK-NEXT: Exit process 0:[[PID]], killed by SIGABRT
