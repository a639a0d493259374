# ARGS: fx_bp
# A breakpoint whose command string is only "gc" goes on by itself while
# the target runs (without stopping every thread), and is still counted:
# its passes run down and a /1 one is deleted after its hit. Hit while
# stepping (gu), its "gc" goes on with the gu, which ends in the caller.
bp work 3 "gc"
bp /1 mem_fill "gc"
bp depth
g
bl
bc 2
gu
bc *
g
# CHECK: 0:000> g
# CHECK-NOT: Breakpoint 0 hit
# CHECK: Breakpoint 2 hit
# CHECK-NEXT: rax=
# CHECK: fx_bp!depth:
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e 00005555`{{[0-9a-f]+}}     0001 (0003)  0:**** fx_bp!work "gc"
# CHECK-NEXT:  2 e 00005555`{{[0-9a-f]+}}     0001 (0001)  0:**** fx_bp!depth
# CHECK-NEXT: 0:000> bc 2
# CHECK-NEXT: 0:000> gu
# CHECK-NOT: Breakpoint
# CHECK: fx_bp!main+0x
# CHECK: 0:000> bc *
# CHECK-NEXT: 0:000> g
# CHECK-NEXT: fx_bp: total=
