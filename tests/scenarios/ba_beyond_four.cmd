# ARGS: fx_bp
# More execute breakpoints than debug registers: the fifth is a software
# site, marked in bl, and hit the same way. .dbgregs shows the probe's
# result; .dbgregs emulate makes every ba e a software site and every data
# breakpoint a protected page (the path a machine whose debug registers
# never fire takes), on any machine.
ba e1 work
ba e1 mem_fill
ba e1 mem_clear
ba e1 depth
ba e1 main
bl 4
g
bc *
.dbgregs emulate
ba e1 depth
bl
ba w8 fx_total
bl 1
g
.dbgregs auto
# CHECK: 0:000> bl 4
# CHECK-NEXT:  4 e 00005555`{{[0-9a-f]+}} e1 0001 (0001)  0:**** fx_bp!main (emulated: software breakpoint)
# CHECK: 0:000> g
# CHECK: Breakpoint 4 hit
# CHECK: fx_bp!main:
# CHECK: 0:000> .dbgregs emulate
# CHECK-NEXT: Debug registers: {{.*}}; processor breakpoints are emulated (.dbgregs emulate)
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e {{.*}} e1 0001 (0001)  0:**** fx_bp!depth (emulated: software breakpoint)
# CHECK-NEXT: 0:000> ba w8 fx_total
# CHECK-NEXT: 0:000> bl 1
# CHECK-NEXT:  1 e 00005555`{{[0-9a-f]+}} w8 0001 (0001)  0:**** fx_bp!fx_total (emulated: page protection)
# CHECK: 0:000> g
# CHECK-NEXT: Breakpoint 1 hit
# CHECK-NEXT: Accessed by {{.*}}  mov     qword ptr [fx_bp!fx_total (00005555`{{[0-9a-f]+}})],rax
# CHECK: fx_bp!work+0x
# CHECK: 0:000> .dbgregs auto
# CHECK-NEXT: Debug registers: {{.*}}; processor breakpoints
