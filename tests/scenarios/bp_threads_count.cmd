# ARGS: fx_bpthreads
# 8 threads each call hit() 10,000 times; a breakpoint there counting in
# $t0 with its command string sees exactly 80,000 hits: stepping over the
# breakpoint never lets another thread run through it unseen.
bp hit "r $t0=@$t0+1; gc"
g
? @$t0
# CHECK: fx_bpthreads: total=80000
# CHECK: Exit process
# CHECK: 0:000> ? @$t0
# CHECK-NEXT: Evaluate expression: 80000 = 00000000`00013880
