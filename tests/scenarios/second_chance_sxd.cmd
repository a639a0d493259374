# ARGS: fx_crash abort
# sxd (WinDbg's "second chance break"): a line at the first chance, a stop
# at the second.
sxd SIGABRT
g
.exr -1
g
# CHECK: 0:000> g
# CHECK: Signal SIGABRT (first chance) - passed on
# CHECK-NEXT: ([[PID:[0-9a-f]+]].[[PID]]): Signal SIGABRT (!!! second chance !!!)
# CHECK: 0:000> .exr -1
# CHECK:    ExceptionCode: SIGABRT (Aborted)
# CHECK-NEXT:           Chance: second (the process dies of it)
# CHECK-NEXT:       SignalCode: -6 SI_TKILL
# CHECK: 0:000> g
# CHECK-NEXT: Exit process 0:[[PID]], killed by SIGABRT
