# ARGS: fx_bp 10
# The seed page's examples on this program: an offset into a function with
# passes (bp MyTest+0xb 7: the seventh pass stops), and a command string
# that shows a register and a variable, then goes on.
bp fx_bp!work+0x4 7
g
r rdi
bc *
bp fx_bp!depth "r eax; dt fx_total; g"
g
# CHECK: 0:000> g
# CHECK: Breakpoint 0 hit
# CHECK: fx_bp!work+0x4:
# CHECK: 0:000> r rdi
# CHECK-NEXT: rdi=0000000000000006
# CHECK: 0:000> g
# CHECK-NEXT: Breakpoint 0 hit
# CHECK-NEXT: eax=
# CHECK-NEXT: Global var @ 00005555`{{[0-9a-f]+}} Type volatile long int
# CHECK-NEXT:    0n45
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: fx_bp: total=145 depth=148
