# ARGS: fx_bp
# Passes (seed 002): bp work 3 stops at the third call; the counter then
# stays at 1. A pass is counted each time the program reaches the location,
# however the target was resumed: a step (t) that arrives on it counts one,
# and a thread that goes on from a location it stands on never counts it
# again (it was counted when it got there).
bp work 3
bl
g
r rdi
bl
g
r rdi
bp1 work+4 2
t
t
bl
t
bl
g
bl
g
bl
# CHECK:  0 e 00005555`55555149     0003 (0003)  0:**** fx_bp!work
# CHECK: 0:000> r rdi
# CHECK-NEXT: rdi=0000000000000002
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 e 00005555`55555149     0001 (0003)  0:**** fx_bp!work
# CHECK: 0:000> r rdi
# CHECK-NEXT: rdi=0000000000000003
# CHECK: 0:000> t
# CHECK-NOT: Breakpoint
# CHECK: fx_bp!work+0x4:
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e {{.*}} 0001 (0003)
# CHECK-NEXT:  1 e 00005555`5555514d     0001 (0002)  0:**** fx_bp!work+0x4
# CHECK: 0:000> t
# CHECK: fx_bp!work+0x8:
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e {{.*}} 0001 (0003)
# CHECK-NEXT:  1 e 00005555`5555514d     0001 (0002)
# CHECK: 0:000> g
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: 0:000> bl
# CHECK: 0:000> g
# CHECK-NEXT: Breakpoint 1 hit
# CHECK: fx_bp!work+0x4:
