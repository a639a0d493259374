# ARGS: fx_cexpr
# Conditions with @@c++: consume() is called with len 0, 60, 120. The
# breakpoint on its entry (parameters still in registers) stops only for
# len 120; the one on line 35 (locals, an array of structs) only for i 1
# and 2. Each stop is counted by its `?? i`; the process then exits.
bp /w "@@c++(p->len > 100)" consume
bp /w "@@c++(a[i].y > 3 && p->len != 0)" `fx_cexpr.c:35`
g
?? i
g
?? i
g
?? i
g
# CHECK: 0:000> g
# CHECK: Breakpoint 1 hit
# CHECK: 0:000> ?? i
# CHECK-NEXT: int 0n1
# CHECK-NEXT: 0:000> g
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: 0:000> ?? i
# CHECK-NEXT: int 0n2
# CHECK-NEXT: 0:000> g
# CHECK-NEXT: Breakpoint 1 hit
# CHECK: 0:000> ?? i
# CHECK-NEXT: int 0n2
# CHECK-NEXT: 0:000> g
# CHECK-NOT: Breakpoint
# CHECK: fx_cexpr: -168
# CHECK-NOT: Breakpoint
# CHECK: Exit process
