# ARGS: fx_intarget loop 100000
# A pass count runs down in the target: 100,000 calls of hit() with
# `bp hit 0n100001` never stop, and the count left is exactly 1; bl marks
# the breakpoint as decided in the target. A count that ends inside the
# run stops at its call: the 50,001st (rdi = 50,000), as WinDbg's passes do.
bp hit 0n100001
bp1 hit+8 0n50001
bp2 done
g
r rdi
bl
bc 1
g
bl
g
# CHECK: 0:000> g
# CHECK: Breakpoint 1 hit
# CHECK: 0:000> r rdi
# CHECK-NEXT: rdi=000000000000c350
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 e {{.*}} c350 (186a1)  0:**** fx_intarget!hit (in target)
# CHECK-NEXT:  1 e {{.*}} 0001 (c351)  0:**** fx_intarget!hit+0x8 (in target)
# CHECK-NEXT:  2 e {{.*}} 0001 (0001)  0:**** fx_intarget!done
# CHECK-NOT: Breakpoint 0 hit
# CHECK: fx_intarget: total 14999950000
# CHECK: Breakpoint 2 hit
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e {{.*}} 0001 (186a1)  0:**** fx_intarget!hit (in target)
# CHECK: Exit process
