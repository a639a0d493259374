# ARGS: fx_fork
# With two processes, one's exit is not the final break unless sxe epr
# asks for it; then the session goes on with the other one. .childdbg
# tells and changes whether children are followed (as -o does).
.childdbg
.childdbg 2
.childdbg 1
sxe epr
g
|
g
# CHECK: 0:000> .childdbg
# CHECK-NEXT: Processes created by the current process will not be debugged
# CHECK-NEXT: 0:000> .childdbg 2
# CHECK-NEXT: Syntax error: .childdbg 0 or .childdbg 1
# CHECK-NEXT: 0:000> .childdbg 1
# CHECK-NEXT: Processes created by the current process will be debugged
# CHECK: 0:000> g
# CHECK: Create process 1:
# CHECK: fx_fork: child 31
# CHECK-NEXT: Exit process 1:{{[0-9a-f]+}}, code 0
# CHECK-NEXT: 0:000> |
# CHECK-NEXT: .  0 id:
# CHECK-NEXT: 0:000> g
# CHECK-NEXT: fx_fork: parent 4 7, child ok
