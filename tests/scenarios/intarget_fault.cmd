# ARGS: fx_intarget loop 10
# A compiled condition whose memory read faults in the target: nothing
# crashes, the hit is lindbg's, and a condition that cannot be evaluated
# stops (as lindbg always has); the program's registers are intact.
bp /w "poi(@rdi) == 5" hit
g
r rdi
k 1
bl
bc 0
g
# CHECK: 0:000> g
# CHECK: Breakpoint 0 hit
# CHECK: 0:000> r rdi
# CHECK-NEXT: rdi=0000000000000000
# CHECK: fx_intarget!hit
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e {{.*}}fx_intarget!hit /w "poi(@rdi) == 5" (in target)
# CHECK: fx_intarget: total 145
