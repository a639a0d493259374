# ARGS: fx_vfork $FX/fx_basic
# OPTS: -o
# .kill of a followed vfork child before its exec ends that process only:
# the parent, which waits for the child, goes on and sees it killed.
sxe cpr
g
.kill
|
g
# CHECK: Create process 1:
# CHECK: 1:000> .kill
# CHECK-NEXT: Terminated
# CHECK-NEXT: 0:000> |
# CHECK-NEXT: .  0 id: {{[0-9a-f]+}} create name: {{.*}}fx_vfork
# CHECK-NEXT: 0:000> g
# CHECK-NEXT: fx_vfork: 2 3 child 0
# CHECK-NEXT: Exit process 0:{{[0-9a-f]+}}, code 0
