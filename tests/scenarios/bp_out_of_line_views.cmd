# ARGS: fx_ool 10
# A data breakpoint hit by an instruction that ran from lindbg's copy (a
# breakpoint with passes is on it): the report, the registers and the stack
# show the program's addresses, never the copy's; so does rip in a command
# string run at the hit, while the program runs on.
bp fx_ool_add 0n100000
? fx_ool_add+8
ba w8 fx_sum "r $t1=@rip; gc"
bp fx_ool_lea 0n20
g
? @$t1
bc *
ba w8 fx_sum
bp fx_ool_add 0n100000
g
r rip
k 1
q
# CHECK: ? fx_ool_add+8
# CHECK-NEXT: Evaluate expression: {{[0-9]+}} = [[AFTER:[0-9a-f`]+]]
# CHECK: ? @$t1
# CHECK-NEXT: Evaluate expression: {{[0-9]+}} = [[AFTER]]
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: Accessed by 00005555`{{[0-9a-f]+}} f04801{{.*}}lock add qword ptr [fx_ool!fx_sum
# CHECK: fx_ool!step+0x{{[0-9a-f]+}}:
# CHECK-NEXT: 00005555`{{[0-9a-f]+}} 90 nop
# CHECK: r rip
# CHECK-NEXT: rip=00005555{{[0-9a-f]+}}
# CHECK: k 1
# CHECK: fx_ool!step+0x{{[0-9a-f]+}} [{{.*}}fx_ool.c @
