# ARGS: fx_sizes
# Data breakpoints of every size, in the debug registers (or emulated where they do not fire): writes (w)
# of 1, 2, 4 and 8 bytes stop after the store that made them, then reads
# (r) after the loads; the program ends as it would alone.
ba w1 fx_b
ba w2 fx_w
ba w4 fx_d
ba w8 fx_q
g
g
g
g
bc *
ba r1 fx_b
ba r2 fx_w
ba r4 fx_d
ba r8 fx_q
g
g
g
g
bc *
g
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: Accessed by {{.*}}mov     byte ptr [fx_sizes!fx_b ({{.*}})],1
# CHECK: Breakpoint 1 hit
# CHECK-NEXT: Accessed by {{.*}}mov     word ptr [fx_sizes!fx_w ({{.*}})],2
# CHECK: Breakpoint 2 hit
# CHECK-NEXT: Accessed by {{.*}}mov     dword ptr [fx_sizes!fx_d ({{.*}})],3
# CHECK: Breakpoint 3 hit
# CHECK-NEXT: Accessed by {{.*}}mov     qword ptr [fx_sizes!fx_q ({{.*}})],4
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: Accessed by {{.*}}byte ptr [fx_sizes!fx_b
# CHECK: Breakpoint 1 hit
# CHECK-NEXT: Accessed by {{.*}}word ptr [fx_sizes!fx_w
# CHECK: Breakpoint 2 hit
# CHECK-NEXT: Accessed by {{.*}}dword ptr [fx_sizes!fx_d
# CHECK: Breakpoint 3 hit
# CHECK-NEXT: Accessed by {{.*}}qword ptr [fx_sizes!fx_q
# CHECK: fx_sizes: 10
