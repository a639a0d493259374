# ARGS: fx_basic
# e* writes memory; d* shows the change; values that do not fit, and
# unwritable addresses, are refused and nothing is written.
eb %addr(fx_known) 11 22 33
eb %addr(fx_known)+2 (-1)
db %addr(fx_known) L4
ew %addr(fx_known) abcd
ed %addr(fx_known)+4 0x01020304
eq %addr(fx_known)+8 0n1
dq %addr(fx_known) L2
eb %addr(fx_known) 1 100
db %addr(fx_known) L2
eb 0 1
eb %addr(fx_known)
# The program sees what was written: its first byte is now cd.
g
# CHECK: 0:000> db {{.*}} L4
# CHECK-NEXT: 11 22 ff ef
# CHECK: 0:000> dq {{.*}} L2
# CHECK-NEXT: 01020304`efffabcd 00000000`00000001
# CHECK: 0:000> eb {{.*}} 1 100
# CHECK-NEXT: Value too large for 1 byte(s): 100
# CHECK: 0:000> db {{.*}} L2
# CHECK-NEXT: cd ab
# CHECK: 0:000> eb 0 1
# CHECK-NEXT: Memory access error at 00000000`00000000
# CHECK: 0:000> eb
# CHECK-NEXT: Syntax error: no values to enter
# CHECK: fx_basic: sum=41 first=cd
