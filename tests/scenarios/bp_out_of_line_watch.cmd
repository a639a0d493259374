# ARGS: fx_ool 10
# A data breakpoint emulated by page protection, written by an instruction
# that runs from lindbg's copy (a breakpoint with passes is on it): the
# fault comes from the copy, and each of the 40 writes is still seen once,
# reported at the program's address (a command string that is not the
# counting form, `+2`: it stops and prints each hit).
.dbgregs emulate
bp fx_ool_add 0n100000
ba w8 fx_sum "r $t2=@$t2+2; gc"
bl
g
? @$t2
# CHECK: 1 e {{.*}} w8 0001 (0001) 0:**** fx_ool!fx_sum "r $t2=@$t2+2; gc" (emulated: page protection)
# CHECK: Breakpoint 1 hit
# CHECK-NEXT: Accessed by 00005555`{{[0-9a-f]+}} f04801{{.*}}lock add qword ptr [fx_ool!fx_sum
# CHECK: fx_ool: sum=220 ok lea=ok
# CHECK: ? @$t2
# CHECK-NEXT: Evaluate expression: 80 =
