# ARGS: fx_intarget fork 1000
# A fork child (not followed) gets the program's bytes back under the jump,
# and neither the pad's page nor the shared counters stay mapped in it.
bp hit "gc"
bp1 done
g
bl
g
# CHECK: fx_intarget: child total 1499500
# CHECK-NEXT: fx_intarget: child lindbg pages 0
# CHECK: fx_intarget: child exit 0
# CHECK: fx_intarget: total 1499500
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e {{.*}}fx_intarget!hit "gc" (in target)
# CHECK: Exit process
