# ARGS: fx_six
# Six data breakpoints on six globals at once: four in the debug registers,
# two emulated by page protection (all six where the registers do not
# fire). Every write is reported, by the instruction that made it, in
# program order; with them cleared the program ends as it would alone (its
# uname() into the watched page worked, its forked child was not harmed).
ba w8 g0
ba w8 g1
ba w8 g2
ba w8 g3
ba w8 g4
ba w8 g5
bl
g
g
g
g
g
g
bc *
g
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e {{.*}} w8 0001 (0001)  0:**** fx_six!g0
# CHECK-NEXT:  1 e {{.*}} w8 0001 (0001)  0:**** fx_six!g1
# CHECK-NEXT:  2 e {{.*}} w8 0001 (0001)  0:**** fx_six!g2
# CHECK-NEXT:  3 e {{.*}} w8 0001 (0001)  0:**** fx_six!g3
# CHECK-NEXT:  4 e {{.*}} w8 0001 (0001)  0:**** fx_six!g4 (emulated: page protection)
# CHECK-NEXT:  5 e {{.*}} w8 0001 (0001)  0:**** fx_six!g5 (emulated: page protection)
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: Accessed by {{.*}}  mov     qword ptr [fx_six!g0 ({{.*}})],rax
# CHECK: Breakpoint 1 hit
# CHECK-NEXT: Accessed by {{.*}}  mov     qword ptr [fx_six!g1 ({{.*}})],rax
# CHECK: Breakpoint 2 hit
# CHECK-NEXT: Accessed by {{.*}}  mov     qword ptr [fx_six!g2 ({{.*}})],rax
# CHECK: Breakpoint 3 hit
# CHECK-NEXT: Accessed by {{.*}}  mov     qword ptr [fx_six!g3 ({{.*}})],rax
# CHECK: Breakpoint 4 hit
# CHECK-NEXT: Accessed by {{.*}}  mov     qword ptr [fx_six!g4 ({{.*}})],rax
# CHECK: Breakpoint 5 hit
# CHECK-NEXT: Accessed by {{.*}}  mov     qword ptr [fx_six!g5 ({{.*}})],rax
# CHECK: 0:000> bc *
# CHECK-NEXT: 0:000> g
# CHECK-NEXT: fx_six: 1 1 1 1 1 1 uname ok child ok
