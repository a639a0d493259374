# ARGS: fx_intarget threads 8 100000
# Eight threads count one pass count down together in the target: 800,000
# calls of hit() under `bp hit 0n800001`, no stop, exactly one pass left;
# and a counting command string loses no count either.
bp hit 0n800001
bp1 hit+8 "r $t0=@$t0+1; gc"
bp2 done
g
bl
? @$t0
g
# CHECK-NOT: Breakpoint 0 hit
# CHECK: fx_intarget: threads 8 x 100000 total 119999600000
# CHECK: Breakpoint 2 hit
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e {{.*}} 0001 (c3501)  0:**** fx_intarget!hit (in target)
# CHECK-NEXT:  1 e {{.*}}fx_intarget!hit+0x8 "r $t0=@$t0+1; gc" (in target)
# CHECK: 0:000> ? @$t0
# CHECK-NEXT: Evaluate expression: 800000 = 00000000`000c3500
# CHECK: Exit process
