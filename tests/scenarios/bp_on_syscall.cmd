# ARGS: fx_sys
# A program that blocks SIGTRAP still stops at breakpoints (int3 forces
# its trap); a breakpoint on the syscall instruction itself is hit each
# time and stepped past correctly: every call returns its result.
bu libc!getppid
g
bc *
bp @rip+5
u @rip+5 L1
g
g
g
g
# CHECK: Breakpoint 0 hit
# CHECK: libc!getppid:
# CHECK: 0:000> u @rip+5 L1
# CHECK-NEXT: libc!getppid+0x5:
# CHECK-NEXT: 0f05            syscall
# CHECK: 0:000> g
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: libc!getppid+0x5:
# CHECK: 0:000> g
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: 0:000> g
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: 0:000> g
# CHECK-NEXT: fx_sys: 3 calls
# CHECK: Exit process {{.*}}, code 0
