# ARGS: fx_fork
# OPTS: -o
# Seed 000, done right: stopped at the child's creation (sxe cpr, the child
# is current), the user views the parent (|0s) and sets a breakpoint: it
# goes into the parent, whatever process stopped last. The child runs the
# same code without stopping; the parent stops there.
sxe cpr
g
|0s
bp compute
bl
g
# CHECK: 0:000> g
# CHECK: Create process event (sxe cpr)
# CHECK: 1:000> |0s
# CHECK-NEXT: 0:000> bp compute
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 e 00005555`{{[0-9a-f]+}}     0001 (0001)  0:**** fx_fork!compute
# CHECK-NEXT: 0:000> g
# CHECK-NEXT: fx_fork: child 31
# CHECK-NEXT: Exit process 1:{{[0-9a-f]+}}, code 0
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: 0:000>
