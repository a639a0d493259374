# ARGS: fx_ool 10000
# Breakpoints on a RIP-relative `lea` and a RIP-relative `lock add`, hit by
# 4 threads 10,000 times each without stopping: lindbg runs each instruction
# from a copy in a page of its own in the target (one stop a hit, no
# single-step). The program checks every result itself, and sees that page
# while it is debugged; every view shows the program's own bytes.
bp fx_ool_lea "r $t0=@$t0+1; gc"
bp fx_ool_add "r $t1=@$t1+1; gc"
bp fx_ool_add+8 0n5
g
bc 2
u fx_ool_lea L1
db fx_ool_add L8
g
? @$t0
? @$t1
# CHECK: Breakpoint 2 hit
# CHECK: 0:00{{[1-4]}}> u fx_ool_lea L1
# CHECK-NEXT: fx_ool!fx_ool_lea:
# CHECK-NEXT: {{.*}} 488d05{{.*}}  lea     rax,[fx_ool!fx_table
# CHECK: db fx_ool_add L8
# CHECK-NEXT: {{.*}}  f0 48 01 05 {{.*}}
# CHECK: fx_ool: sum=200020000 ok lea=ok
# CHECK-NEXT: fx_ool: anon-exec={{[1-9]}}
# CHECK: ? @$t0
# CHECK-NEXT: Evaluate expression: 40000 =
# CHECK: ? @$t1
# CHECK-NEXT: Evaluate expression: 40000 =
