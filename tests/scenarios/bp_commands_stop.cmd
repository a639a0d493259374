# ARGS: fx_bp 6
# A j conditional breakpoint stops only where the condition holds; gc goes
# on otherwise; .if/.else works the same; commands do not run when the
# location is stepped past.
bp work "j (@rdi==4) '.echo four; r rdi' ; 'gc'"
g
bs 0 ".if (@rdi==5) { .echo five } .else { gc }"
g
bc 0
bp1 work+4 ".echo from-the-command-string; gc"
t
t
t
t
bl
# CHECK: 0:000> g
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: Breakpoint 0 hit
# CHECK-NEXT: Breakpoint 0 hit
# CHECK-NEXT: Breakpoint 0 hit
# CHECK-NEXT: Breakpoint 0 hit
# CHECK-NEXT: four
# CHECK-NEXT: rdi=0000000000000004
# CHECK-NEXT: 0:000> bs 0
# CHECK: 0:000> g
# CHECK-NEXT: Breakpoint 0 hit
# CHECK-NEXT: five
# CHECK-NEXT: 0:000> bc 0
# CHECK: 0:000> t
# CHECK: fx_bp!work+0x1:
# CHECK: 0:000> t
# CHECK: fx_bp!work+0x4:
# CHECK: 0:000> t
# CHECK-NOT: from-the-command-string
# CHECK: fx_bp!work+0x8:
