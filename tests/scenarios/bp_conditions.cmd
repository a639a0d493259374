# ARGS: fx_bp 8
# /w conditions, /1 one-shot breakpoints, /C and /c call-depth limits:
# depth() recurses from depth 5 (depth, main, libc x2, _start), so /C 5
# skips its first call; work(100) is then called 9 deep, which /c 6 skips.
bp /w "@rdi==6" work
g
r rdi
bc *
bp /1 work
bl
g
r rdi
bl
bp /C 5 depth
bp /c 6 work
bl
g
k 2
g
g
g
# CHECK: 0:000> g
# CHECK: Breakpoint 0 hit
# CHECK: 0:000> r rdi
# CHECK-NEXT: rdi=0000000000000006
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e 00005555`55555149     0001 (0001)  0:**** fx_bp!work /1
# CHECK: 0:000> g
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: 0:000> r rdi
# CHECK-NEXT: rdi=0000000000000007
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT: 0:000> bp /C 5 depth
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e {{.*}}fx_bp!depth /C 5
# CHECK-NEXT:  1 e {{.*}}fx_bp!work /c 6
# CHECK: 0:000> g
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: 0:000> k 2
# CHECK-NEXT: Child-SP
# CHECK-NEXT: fx_bp!depth [
# CHECK-NEXT: fx_bp!depth+0x
# CHECK: 0:000> g
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: 0:000> g
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: 0:000> g
# CHECK-NOT: Breakpoint
# CHECK: fx_bp: total=128 depth=131
