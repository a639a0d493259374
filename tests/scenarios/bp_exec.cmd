# ARGS: fx_exec $FX/fx_basic
# exec is an event: the old modules go, bp breakpoints of the old image are
# deleted, a bu written for the new program resolves there.
bp before
bu fx_basic!add
bl
g
g
bl
r rdi
g
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e {{.*}}fx_exec!before
# CHECK-NEXT:  1 eu {{.*}}(fx_basic!add)
# CHECK: Breakpoint 0 hit
# CHECK: 0:000> g
# CHECK: Exec {{.*}}/fx_basic
# CHECK: ModLoad: 00005555`55554000 {{.*}}/fx_basic
# CHECK: Breakpoint 1 hit
# CHECK: fx_basic!add:
# CHECK: 0:000> bl
# CHECK-NEXT:  1 e 00005555`{{[0-9a-f]+}}     0001 (0001)  0:**** fx_basic!add
# CHECK-NEXT: 0:000> r rdi
# CHECK-NEXT: rdi=0000000000000002
# CHECK: fx_basic: sum=42
