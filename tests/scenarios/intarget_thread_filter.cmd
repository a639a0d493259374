# ARGS: fx_intarget threads 8 100000
# A thread filter decided in the target: `~1 bp` compares the running
# thread's thread pointer with thread 1's in the pad, so the other seven
# threads' 700,000 hits go on uncounted and thread 1's 100,000 all count.
bu fx_intarget!worker
g
bc 0
~1 bp hit+8 "r $t2=@$t2+1; gc"
bp1 done
g
bl
? @$t2
g
# CHECK: Breakpoint 0 hit
# CHECK: fx_intarget: threads 8 x 100000 total 119999600000
# CHECK: Breakpoint 1 hit
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e {{.*}} 0:~001 fx_intarget!hit+0x8 "r $t2=@$t2+1; gc" (in target)
# CHECK: 0:000> ? @$t2
# CHECK-NEXT: Evaluate expression: 100000 = 00000000`000186a0
# CHECK: Exit process
