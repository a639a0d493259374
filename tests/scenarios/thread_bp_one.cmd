# ARGS: fx_bpthreads
# ~. bp: a breakpoint for the current thread only. Stopped in one worker,
# a counting breakpoint for that thread sees exactly its 10,000 calls while
# seven other threads call the same function.
bu fx_bpthreads!run
g
bc *
~. bp hit "r $t0=@$t0+1; gc"
bl
g
? @$t0
# CHECK: Breakpoint 0 hit
# CHECK: fx_bpthreads!run:
# CHECK: 0:00{{[1-8]}}> bl
# CHECK-NEXT:  0 e {{.*}}  0:~00{{[1-8]}} fx_bpthreads!hit "r $t0=@$t0+1; gc"
# CHECK: fx_bpthreads: total=80000
# CHECK: ? @$t0
# CHECK-NEXT: Evaluate expression: 10000 = 00000000`00002710
