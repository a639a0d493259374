# ARGS: fx_bp 6
# Command strings run each time the breakpoint is reached under g: ';'
# separates commands, \" escapes keep a quoted ';', and a resume command
# ends the list (.echo never runs). The run goes to the end by itself.
bp work "r rdi; .echo \"one;two\"; g; .echo never"
.bpcmds
g
# CHECK: 0:000> .bpcmds
# CHECK-NEXT: bp0 0x0000555555555149 "r rdi; .echo \"one;two\"; g; .echo never" ;
# CHECK: 0:000> g
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: rdi=0000000000000000
# CHECK-NEXT: one;two
# CHECK-NEXT: Breakpoint 0 hit
# CHECK-NEXT: rdi=0000000000000001
# CHECK-NEXT: one;two
# CHECK: rdi=0000000000000005
# CHECK-NEXT: one;two
# CHECK-NEXT: Breakpoint 0 hit
# CHECK-NEXT: rdi=0000000000000064
# CHECK-NEXT: one;two
# CHECK-NOT: never
# CHECK: fx_bp: total=115 depth=118
# CHECK: Exit process
