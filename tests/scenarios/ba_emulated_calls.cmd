# ARGS: fx_six
# With emulated data breakpoints the watched page is protected, yet the
# program sees no difference: uname() writing into that page does not fail
# with EFAULT (the call runs again with the page open), a forked child that
# is not followed gets the program's protection back and writes freely,
# a store that covers only part of a watched range still triggers, and a
# watch whose pass count is not used up lets the program go on.
.dbgregs emulate
ba w4 g1+4
ba w8 g5 2
g
g
# CHECK: 0:000> g
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: Accessed by {{.*}}  mov     qword ptr [fx_six!g1 ({{.*}})],rax
# CHECK: 0:000> g
# CHECK-NEXT: fx_six: 1 1 1 1 1 1 uname ok child ok
