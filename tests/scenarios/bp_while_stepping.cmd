# ARGS: fx_bp 6
# Breakpoints reached while stepping keep their meaning (seed 002 and
# WinDbg: passes, /w, command strings, /1 whichever command resumed the
# target). p over a call counts the passes of a breakpoint in the callee
# and stops only at the pass that triggers; a counting command string
# (`r $t0=@$t0+1; gc`) counts without a stop (as in a pad, silently) and
# lets the p (or t arriving on the breakpoint) end as a step; a
# false condition lets pa go on; a /1 breakpoint reached by pa stops it and
# is deleted.
bu fx_bp!main
g
bc *
bp9 /1 fx_bp!main+0x44
g
bp1 work 3
p
bl 1
pc
p
bl 1
pc
p
bl 1
bc 1
bp2 work "r $t0=@$t0+1; gc"
gu
pc
p
? @$t0
pc
t
? @$t0
bl 2
bc 2
gu
bp3 /w "@rdi==5" work
pa fx_bp!main+0x58
r rdi
bc 3
gu
bp4 /1 mem_fill
pa fx_bp!main+0x69
bl
g
# CHECK: 0:000> bp1 work 3
# CHECK-NEXT: 0:000> p{{$}}
# CHECK-NEXT: rax=
# CHECK: fx_bp!main+0x49:
# CHECK: 0:000> bl 1
# CHECK-NEXT:  1 e 00005555`55555149     0002 (0003)  0:**** fx_bp!work
# CHECK: 0:000> p{{$}}
# CHECK-NOT: Breakpoint
# CHECK: fx_bp!main+0x49:
# CHECK: 0:000> bl 1
# CHECK-NEXT:  1 e 00005555`55555149     0001 (0003)  0:**** fx_bp!work
# CHECK: 0:000> p{{$}}
# CHECK-NEXT: Breakpoint 1 hit
# CHECK: fx_bp!work:
# CHECK: 0:000> gu
# CHECK: 0:000> p{{$}}
# CHECK-NEXT: rax=
# CHECK: fx_bp!main+0x49:
# CHECK-NEXT: 00005555`55555251
# CHECK-NEXT: 0:000> ? @$t0
# CHECK-NEXT: Evaluate expression: 1 =
# CHECK: 0:000> t{{$}}
# CHECK-NEXT: rax=
# CHECK: fx_bp!work:
# CHECK-NEXT: 00005555`55555149
# CHECK-NEXT: 0:000> ? @$t0
# CHECK-NEXT: Evaluate expression: 2 =
# CHECK: 0:000> pa fx_bp!main+0x58
# CHECK-NOT: 0:000>
# CHECK: Breakpoint 3 hit
# CHECK: 0:000> r rdi
# CHECK-NEXT: rdi=0000000000000005
# CHECK: 0:000> pa fx_bp!main+0x69
# CHECK-NOT: 0:000>
# CHECK: Breakpoint 4 hit
# CHECK-NEXT: rax=
# CHECK: fx_bp!mem_fill:
# CHECK: 0:000> bl
# CHECK-NEXT: 0:000> g
# CHECK-NEXT: fx_bp: total=115 depth=118
