# ARGS: fx_intarget loop 100000
# A /w condition compiled into the target: false 99,999 times without a
# stop, true once; then a condition on a global read through poi().
bp /w "@rdi == 0n77777" hit
g
r rdi
bl
bc 0
bp /w "poi(fx_intarget!total) > 0n10000000000 and @rdi < 0n81700" hit
g
r rdi
bc 0
g
# CHECK: 0:000> g
# CHECK: Breakpoint 0 hit
# CHECK: 0:000> r rdi
# CHECK-NEXT: rdi=0000000000012fd1
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 e {{.*}}fx_intarget!hit /w "@rdi == 0n77777" (in target)
# CHECK: Breakpoint 0 hit
# CHECK: 0:000> r rdi
# CHECK-NEXT: rdi=0000000000013ef2
# CHECK: fx_intarget: total 14999950000
