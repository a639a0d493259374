# ARGS: fx_vfork $FX/fx_basic
# OPTS: -o
# A vfork child followed through its exec: it becomes process 1, its exec
# is an event, a bu written for the new program resolves in it (and only
# there, without a word about the parent's code at that address), and it
# stops there; the parent's breakpoint, lifted while the child shared its
# memory, works again once the child is gone.
bp before
bu fx_basic!add
g
g
|
bl
g
g
# CHECK: Breakpoint 0 hit
# CHECK: fx_vfork!before:
# CHECK: 0:000> g
# CHECK-NEXT: Create process 1:{{[0-9a-f]+}} (child of {{[0-9a-f]+}}) {{.*}}fx_vfork
# CHECK-NEXT: Exec {{.*}}fx_basic
# CHECK-NOT: Warning
# CHECK: Breakpoint 1 hit
# CHECK-NEXT: rax=
# CHECK: fx_basic!add:
# CHECK: 1:000> |
# CHECK-NEXT:    0 id: {{[0-9a-f]+}} create name: {{.*}}fx_vfork
# CHECK-NEXT: .  1 id: {{[0-9a-f]+}} create name: {{.*}}fx_basic
# CHECK-NEXT: 1:000> bl
# CHECK-NEXT:  0 e {{.*}}  0:**** fx_vfork!before
# CHECK-NEXT:  1 e {{.*}}  1:**** fx_basic!add
# CHECK-NEXT: 1:000> g
# CHECK-NEXT: fx_basic: sum=42 first=de
# CHECK-NEXT: Exit process 1:{{[0-9a-f]+}}, code 2a
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: 0:000> g
# CHECK-NEXT: fx_vfork: 2 3 child 42
