# ARGS: fx_fork
# OPTS: -o
# Seed 000 the other way: the parent stopped last, the user switches to the
# child (|1s) and sets a breakpoint there: the child stops in it, and the
# parent, which runs the same code afterwards, does not. Bad process
# selections are refused with one line.
bp main
g
bc 0
sxe cpr
g
|0s
|1s
bp compute
bl
|7s
|x
g
g
|1s
# CHECK: Create process event (sxe cpr)
# CHECK: 1:000> |0s
# CHECK-NEXT: 0:000> |1s
# CHECK-NEXT: 1:000> bp compute
# CHECK-NEXT: 1:000> bl
# CHECK-NEXT:  0 e 00005555`{{[0-9a-f]+}}     0001 (0001)  1:**** fx_fork!compute
# CHECK-NEXT: 1:000> |7s
# CHECK-NEXT: Illegal process error: no process 7 (| lists them; an exited one is gone)
# CHECK-NEXT: 1:000> |x
# CHECK-NEXT: Syntax error in '|x': |Ns selects process N
# CHECK-NEXT: 1:000> g
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: 1:000> g
# CHECK-NEXT: fx_fork: child 31
# CHECK-NEXT: Exit process 1:{{[0-9a-f]+}}, code 0
# CHECK-NEXT: fx_fork: parent 4 7, child ok
# CHECK-NEXT: Exit process 0:{{[0-9a-f]+}}, code 0
# CHECK-NEXT: 0:000> |1s
# CHECK-NEXT: No target: the process has exited (nothing to inspect)
