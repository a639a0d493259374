# ARGS: fx_bp 6
# g address (WinDbg): a one-time stop where a thread gets to one of the
# addresses, not a breakpoint (bl does not list it, nothing stays behind).
# Breakpoints met on the way keep their meaning, and a counting command
# string (`r $t0=@$t0+1; gc`, decided without a stop) goes on to the same
# address. g =start sets the
# instruction pointer first. Addresses that cannot be patched, or do not
# resolve, are refused and leave nothing.
bp work "r $t0=@$t0+1; gc"
g fx_bp!mem_fill
? @$t0
k 1
g 1234
g nosuch
g fx_bp!depth fx_bp!mem_clear+0x8
g =fx_bp!mem_clear+0x4 fx_bp!mem_clear+0x8
bl
g
? @$t0
# CHECK: 0:000> g fx_bp!mem_fill
# CHECK-NOT: Breakpoint
# CHECK: fx_bp!mem_fill:
# CHECK-NEXT: 00005555`5555516f 55 {{ *}}push    rbp
# CHECK-NEXT: 0:000> ? @$t0
# CHECK-NEXT: Evaluate expression: 6 =
# CHECK: 0:000> g 1234
# CHECK-NEXT: Memory access error at 00000000`00001234: no code to patch there
# CHECK-NEXT: 0:000> g nosuch
# CHECK-NEXT: Couldn't resolve error at 'nosuch'
# CHECK-NEXT: 0:000> g fx_bp!depth fx_bp!mem_clear+0x8
# CHECK-NEXT: rax=
# CHECK: fx_bp!mem_clear+0x8:
# CHECK: 0:000> g =fx_bp!mem_clear+0x4 fx_bp!mem_clear+0x8
# CHECK-NEXT: rax=
# CHECK: fx_bp!mem_clear+0x8:
# CHECK-NEXT: 00005555`555551ad
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 e {{.*}} fx_bp!work "r $t0=@$t0+1; gc"
# CHECK-NEXT: 0:000> g
# CHECK-NEXT: fx_bp: total=115 depth=118
# CHECK: 0:000> ? @$t0
# CHECK-NEXT: Evaluate expression: 7 =
