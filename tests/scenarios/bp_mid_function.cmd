# ARGS: fx_bpthreads
# Breakpoints in the middle of a function, on a store to the stack and on
# the store of the incremented counter, hit by 8 threads 80,000 times each:
# lindbg performs those instructions itself to go past them (one stop a
# hit), and the program's own total proves every one did what the
# processor would have done.
bp hit+4 "r $t0=@$t0+1; gc"
bp hit+0x37 "r $t1=@$t1+1; gc"
u hit+0x37 L1
g
? @$t0
? @$t1
# CHECK: 0:000> u hit+0x37 L1
# CHECK-NEXT: fx_bpthreads!hit+0x37:
# CHECK-NEXT: {{.*}}  mov     qword ptr [rdx+rax*1],rcx
# CHECK: fx_bpthreads: total=80000
# CHECK: 0:000> ? @$t0
# CHECK-NEXT: Evaluate expression: 80000 = 00000000`00013880
# CHECK-NEXT: 0:000> ? @$t1
# CHECK-NEXT: Evaluate expression: 80000 = 00000000`00013880
