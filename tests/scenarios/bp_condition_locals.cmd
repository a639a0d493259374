# ARGS: fx_bp 8
# The seed's own form: bp /w "localVariable == 4" module!function. DWARF
# names work in conditions and expressions; at a function's first
# instruction its parameters come from the ABI registers (its prologue has
# not stored them yet), so the condition sees the real argument.
bp /w "i == 5" fx_bp!work
g
? i
r rdi
dv
bc *
bp /w "i > 6" work "r rdi; gc"
g
# CHECK: 0:000> g
# CHECK: Breakpoint 0 hit
# CHECK: 0:000> ? i
# CHECK-NEXT: Evaluate expression: 5 = 00000000`00000005
# CHECK-NEXT: 0:000> r rdi
# CHECK-NEXT: rdi=0000000000000005
# CHECK-NEXT: 0:000> dv
# CHECK-NEXT:               i = 0n5
# CHECK: 0:000> g
# CHECK-NEXT: Breakpoint 0 hit
# CHECK-NEXT: rdi=0000000000000007
# CHECK-NEXT: Breakpoint 0 hit
# CHECK-NEXT: rdi=0000000000000064
# CHECK: fx_bp: total=128
