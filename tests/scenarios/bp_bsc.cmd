# ARGS: fx_bp 6
# bsc makes a breakpoint conditional (with new commands); bs changes only
# the commands.
bp work
bsc 0 (@rdi==3) "r rdi"
bl
g
bs 0 ".echo changed"
bl
bsc 9 1
bsc 0
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e {{.*}}fx_bp!work /w "(@rdi==3)" "r rdi"
# CHECK: 0:000> g
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: rdi=0000000000000003
# CHECK-NEXT: 0:000> bs 0 ".echo changed"
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 e {{.*}}fx_bp!work /w "(@rdi==3)" ".echo changed"
# CHECK-NEXT: 0:000> bsc 9 1
# CHECK-NEXT: Breakpoint 9 does not exist
# CHECK-NEXT: 0:000> bsc 0
# CHECK-NEXT: Syntax error: bsc ID condition
