# ARGS: fx_fork
# OPTS: -o
# -o follows the child the target forks: it is process 1, announced, with
# its modules; it inherits its parent's breakpoint as a real location that
# bl lists with the process index; it stops in its own context (prompt
# 1:000, its own stack); | lists both; each process's exit is an event, and
# only the last one is the final break.
bp compute
g
g
|
bl
k
g
|
g
# CHECK: 0:000> g
# CHECK: Breakpoint 0 hit
# CHECK: 0:000> g
# CHECK-NEXT: ({{[0-9a-f]+}}.{{[0-9a-f]+}}): Create process 1:{{[0-9a-f]+}} (child of {{[0-9a-f]+}}) {{.*}}fx_fork
# CHECK-NEXT: ModLoad: {{.*}}fx_fork
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: rax=
# CHECK: 1:000> |
# CHECK-NEXT:    0 id: {{[0-9a-f]+}} create name: {{.*}}fx_fork
# CHECK-NEXT: .  1 id: {{[0-9a-f]+}} create name: {{.*}}fx_fork
# CHECK-NEXT: 1:000> bl
# CHECK-NEXT:  0 e 00005555`{{[0-9a-f]+}}     0001 (0001)  0:**** fx_fork!compute
# CHECK-NEXT:  0 e 00005555`{{[0-9a-f]+}}     0001 (0001)  1:**** fx_fork!compute
# CHECK-NEXT: 1:000> k
# CHECK-NEXT: Child-SP
# CHECK-NEXT: {{.*}}fx_fork!compute
# CHECK-NEXT: {{.*}}fx_fork!main+0x
# CHECK: 1:000> g
# CHECK-NEXT: fx_fork: child 31
# CHECK-NEXT: Exit process 1:{{[0-9a-f]+}}, code 0
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: 0:000> |
# CHECK-NEXT: .  0 id:
# CHECK-NEXT: 0:000> g
# CHECK-NEXT: fx_fork: parent 4 7, child ok
# CHECK-NEXT: Exit process 0:{{[0-9a-f]+}}, code 0
